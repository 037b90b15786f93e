"""The embedded demo tree: a small kernel-like tree, turned into a git repository on demand.

It is the default input of ``plan`` and ``generate`` and the fixture of the end-to-end
tests; its Makefile compiles every ``.c`` with ``gcc -fsyntax-only -Wall -Werror``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from . import git as gitops
from . import paths
from .errors import UserError

IDENTITY = gitops.Identity("Demo Tree", "demo@localhost")
DATE = 1417910400  # 2014-12-07T00:00:00Z, the date of the kernel base trees
SUBJECT = "Demo tree"


def materialize(dest: Path, source: Path | None = None) -> Path:
    """Write the demo tree (or the tree at SOURCE) to DEST as a one-commit git repository
    tagged ``base``.

    Same content, identity and date every time, so the base commit id is stable.
    """
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise UserError(f"{dest}: exists and is not empty", hint="pass a new directory")
    existed = dest.exists()
    try:
        shutil.copytree(
            source or paths.demo_dir(),
            dest,
            dirs_exist_ok=True,
            ignore=shutil.ignore_patterns("*.o", "*.d", "__pycache__"),
        )
    except OSError as exc:
        if not existed:
            shutil.rmtree(dest, ignore_errors=True)
        # shutil.Error carries copytree's per-file errors: (source, destination, why).
        reason = exc.args[0][0][2] if isinstance(exc, shutil.Error) else exc.strerror
        raise UserError(
            f"{dest}: cannot write the demo tree there: {reason}",
            hint="pass a new directory in a place you can write",
        ) from exc
    gitops.run(dest, "init", "--quiet", "--initial-branch=master")
    gitops.stage_all(dest)
    gitops.commit_staged(dest, SUBJECT + "\n", IDENTITY, DATE)
    gitops.run(dest, "tag", "base")
    return dest
