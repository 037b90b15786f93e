"""Scratch work: temporary directories removed on every exit, and the tree to work on."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from . import demo, proc
from . import git as gitops


@contextmanager
def directory(prefix: str) -> Iterator[Path]:
    """A temporary directory, removed on every exit (error and Ctrl-C included)."""
    path = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        yield path
    finally:
        _remove(path)


def _remove(path: Path) -> None:
    """Remove PATH; one holding a kernel-sized clone by a detached ``rm -rf``, renamed away.

    Unlinking the 50,000 files of a kernel clone can take minutes on a busy disk; the
    user does not wait for it, and nothing can use the renamed directory.
    """
    if any(path.glob("*/Kconfig")):
        trash = path.with_name(path.name + "-trash")
        os.rename(path, trash)
        proc.spawn_detached(["rm", "-rf", "--", str(trash)])
    else:
        shutil.rmtree(path, ignore_errors=True)


def user_tree(
    work: Path, tree_path: Path | None, base: str = "HEAD", *, require_clean: bool = True
) -> gitops.UserTree:
    """The user's tree at BASE, read only; no TREE_PATH means the demo, written into WORK."""
    if tree_path is None:
        tree_path = demo.materialize(work / "demo")
    return gitops.inspect_user_tree(tree_path, base, require_clean=require_clean)
