"""Scratch work: temporary directories removed on every exit, and the tree to work on."""

from __future__ import annotations

import os
import shutil
import signal
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from . import demo, proc
from . import git as gitops
from .errors import UserError

OWNER = ".cocci-series-owner"  # in every scratch directory: "PID START" of its process
SIGNALS = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}
_left: set[Path] = set()  # created and not (yet) removed


@contextmanager
def _signals_held() -> Iterator[None]:
    """Hold off SIGINT/SIGTERM/SIGHUP (delivered after the block): no half-done step."""
    old = signal.pthread_sigmask(signal.SIG_BLOCK, SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _start_time(pid: int) -> str:
    """PID's start time (clock ticks since boot), so that a reused pid is not taken for it."""
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as stat:
            return stat.read().rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return "?"


def _owner_gone(path: Path) -> bool:
    """True if PATH holds the mark of a process of ours that no longer runs."""
    try:
        pid_text, start = (path / OWNER).read_text(encoding="utf-8").split()
        pid = int(pid_text)
    except (OSError, ValueError):
        return False  # not ours, or not marked: never removed
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return start not in ("?", _start_time(pid))


def sweep(parent: Path, prefix: str) -> list[Path]:
    """Remove what a killed run (SIGKILL, power cut) left: PREFIX* dirs in PARENT whose
    marked process is gone.  The removed directories."""
    removed = []
    with suppress(OSError):
        for path in sorted(parent.glob(prefix + "*")):
            if path.is_dir() and not path.name.endswith("-trash") and _owner_gone(path):
                _remove(path)
                removed.append(path)
    return removed


@contextmanager
def directory(prefix: str, parent: Path | None = None) -> Iterator[Path]:
    """A temporary directory in PARENT (default: TMPDIR), removed on every exit (error,
    Ctrl-C, SIGTERM, SIGHUP); marked with its process, so that after a SIGKILL the next
    run removes it.  A PARENT that cannot be written is a UserError."""
    where = parent or Path(tempfile.gettempdir())
    sweep(where, prefix if parent else "cocci-")  # in TMPDIR: every kind of ours
    with _signals_held():
        try:
            path = Path(tempfile.mkdtemp(prefix=prefix, dir=where))
        except OSError as exc:
            raise UserError(
                f"{where}: cannot create a directory there: {exc.strerror}",
                hint="pick a place you can write (for scratch trees: set TMPDIR)",
            ) from exc
        _left.add(path)
        try:
            (path / OWNER).write_text(f"{os.getpid()} {_start_time(os.getpid())}\n")
        except OSError as exc:
            _remove(path)
            raise UserError(f"{where}: cannot write there: {exc.strerror}") from exc
    try:
        yield path
    finally:
        with _signals_held():
            _remove(path)


def leftovers() -> list[Path]:
    """The scratch directories this process created that still exist."""
    return sorted(p for p in _left if p.exists())


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
    if not path.exists():
        _left.discard(path)


def inside(root: Path, name: str) -> Path:
    """ROOT/NAME, a path cocci-series writes in a scratch clone: no component of it may be a
    symlink (a committed ``self -> /the/user/tree`` would lead the write out of the clone)
    and it must resolve inside ROOT."""
    path = root / name
    part = root
    for component in Path(name).parts:
        part = part / component
        if component in ("..", "/") or part.is_symlink():
            raise UserError(
                f"{name}: {part.relative_to(root)} is a symlink or leads out of the tree: "
                "cocci-series writes only regular files inside its scratch clone",
                hint="name the file by its real path in the tree",
            )
    if not path.resolve().is_relative_to(root.resolve()):
        raise UserError(f"{name}: resolves outside the tree", hint="name a file of the tree")
    return path


def user_tree(
    work: Path, tree_path: Path | None, base: str = "HEAD", *, require_clean: bool = True
) -> gitops.UserTree:
    """The user's tree at BASE, read only; no TREE_PATH means the demo, written into WORK."""
    if tree_path is None:
        tree_path = demo.materialize(work / "demo")
    return gitops.inspect_user_tree(tree_path, base, require_clean=require_clean)
