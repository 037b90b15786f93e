"""Scratch clones checked out only as far as they are read.

A kernel is 48,000 files: checking them all out takes longer than a rerun whose spatch
results all come from the cache, and every ``git add``/``diff``/``commit`` of a series
then stats them all again.  ``clone()`` makes a sparse checkout that holds no file; the
index holds the whole tree (its entries outside the checkout marked skip-worktree), so
commits, diffs and greps of the index and of commits see every file.

What reads or writes a file of the work tree asks for it first: ``need(PATHS)`` checks
those out (a hand edit, a cached result written in place, MAINTAINERS, the census's
files, and before spatch runs on a cache miss, the files and headers it reads, as
``cache.py`` argues); ``need_all()`` checks out everything (before spatch runs without
the cache, or with a rule or options the cache cannot model: it reads the tree itself).
A cold run's greps of words no one said it would grep for (``greps.expect()``), which
read every file, read ``whole()``: a copy checked out whole.
A file not checked out is read from the index (``skipped()``: path to blob id), whose
entries for such files never change: nothing writes a file without checking it out
first.  A grep of the work tree (``git grep`` reads only what is checked out) is a grep
of the index when the work tree matches it.
"""

from __future__ import annotations

import threading
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path

from . import git as gitops

_NOTHING = "/.cocci-series-nothing"  # a checkout of no path at all is refused by git


class _Clone:
    def __init__(self, root: Path, skipped: dict[str, str], commit: str, tree: str) -> None:
        self.root = root
        self.skipped = skipped  # path -> blob id of every file not checked out
        self.commit, self.tree = commit, tree  # what it was cloned at
        self.patterns: list[str] = []
        self.dirs: set[str] | None = None  # the directories of the files first skipped
        self.whole: Path | None = None  # a copy of that tree checked out whole (whole())


# Held by what reads or changes a partial clone's checkout from threads that share it (a
# report's selections, in cache.apply()); reentrant: need() may be called while held.
LOCK = threading.RLock()

_clones: dict[Path, _Clone] = {}  # partial checkouts of this process, by their top


def clone(source: Path, rev: str, dest: Path) -> Path:
    """A throwaway clone of SOURCE at REV in DEST, sharing its objects, no file checked out."""
    gitops.run(dest.parent, "clone", "--quiet", "--shared", "--no-checkout", str(source),
               str(dest))  # fmt: skip
    gitops.run(dest, "config", "core.sparseCheckout", "true")
    # Each command that writes the index then writes what changed, not 48,000 entries.
    gitops.run(dest, "config", "core.splitIndex", "true")
    # Nor does each look for files outside the checkout (30,000 stats): none is written
    # without need(), which checks it out first.
    gitops.run(dest, "config", "sparse.expectFilesOutsideOfPatterns", "true")
    info = dest / ".git" / "info"
    info.mkdir(exist_ok=True)
    (info / "sparse-checkout").write_text(_NOTHING + "\n")
    gitops.run(dest, "checkout", "--quiet", "--detach", rev)
    listing = gitops.run(dest, "ls-files", "-z", "--stage", "-t")
    skipped = {}
    for entry in listing.split("\0"):
        if entry.startswith("S "):
            meta, _, path = entry[2:].partition("\t")
            skipped[path] = meta.split()[1]
    commit, tree = gitops.run(dest, "rev-parse", "HEAD", "HEAD^{tree}").split()
    _clones[dest.resolve()] = _Clone(dest.resolve(), skipped, commit, tree)
    return dest


def whole(repo: Path) -> tuple[Path, str] | None:
    """A clone of the tree REPO was cloned at, checked out whole, and that tree's id; None
    if REPO is checked out whole.  For what reads every file (a cold run's greps): REPO
    stays partial, so its ``git add``/``diff``/``commit`` still stat only what it holds.
    It lies beside REPO, in the same scratch directory, and nothing writes it."""
    found = _find(repo)
    if found is None:
        return None
    if found.whole is None:
        dest = found.root.with_name(found.root.name + ".whole")
        gitops.run(dest.parent, "clone", "--quiet", "--shared", "--no-checkout",
                   str(found.root), str(dest))  # fmt: skip
        gitops.run(dest, "checkout", "--quiet", "--detach", found.commit)
        found.whole = dest
    return found.whole, found.tree


def _find(repo: Path) -> _Clone | None:
    if not _clones:
        return None
    found = _clones.get(repo.resolve())
    if found is not None and not found.root.is_dir():  # removed with its scratch directory
        del _clones[found.root]
        return None
    return found


def guard(repo: Path) -> AbstractContextManager[object]:
    """``LOCK`` for a partial clone of ours, else nothing to hold (no checkout to share)."""
    return LOCK if partial(repo) else nullcontext()


def partial(repo: Path) -> bool:
    """Whether REPO is a clone of ours with files not checked out."""
    return _find(repo) is not None


def skipped(repo: Path) -> dict[str, str] | None:
    """The files of REPO not checked out, path to blob id; None: REPO is checked out whole."""
    found = _find(repo)
    return found.skipped if found is not None else None


def exists(repo: Path, path: str) -> bool:
    """Whether REPO's work tree has the file PATH, checked out or not (a .cocciconfig)."""
    found = _find(repo)
    return (repo / path).exists() or (found is not None and path in found.skipped)


def is_dir(repo: Path, path: str) -> bool:
    """Whether REPO's work tree has the directory PATH, checked out or not: what spatch
    would find on disk (``-I ./include`` when there is an include/)."""
    if (repo / path).is_dir():
        return True
    found = _find(repo)
    if found is None:
        return False
    if found.dirs is None:
        found.dirs = {name.rsplit("/", n)[0] for name in found.skipped
                      for n in range(1, name.count("/") + 1)}  # fmt: skip
    return path.strip("/") in found.dirs


def need(repo: Path, paths: list[str]) -> None:
    """Check PATHS out in REPO (those that are in its index and not yet checked out), and
    any file their path goes through (a committed symlink is then seen as one).

    A file written whole afterwards (a cached result) is checked out all the same: that
    gives it its mode from the index, which a new file would not have (a vendor tree's
    executable net/ipv4/ping.c became a mode change in the patch).
    """
    found = _find(repo)
    if found is None:
        return
    leading = [p.rsplit("/", n)[0] for p in paths for n in range(1, p.count("/") + 1)]
    wanted = sorted({p for p in [*paths, *leading] if p in found.skipped})
    if not wanted:
        return
    # The patterns say what is checked out, for whatever applies them again (a reset);
    # applying them here would match each of them against every entry of the index.
    found.patterns += [gitops.literal_pattern(p) for p in wanted]
    info = found.root / ".git" / "info" / "sparse-checkout"
    info.write_text("".join(p + "\n" for p in [_NOTHING, *found.patterns]))
    listed = "".join(p + "\0" for p in wanted)
    gitops.run(found.root, "update-index", "--no-skip-worktree", "-z", "--stdin", input=listed)
    gitops.run(found.root, "checkout-index", "-u", "-z", "--stdin", input=listed)
    for path in wanted:
        del found.skipped[path]


def need_all(repo: Path) -> None:
    """Check every file of REPO out: it is then a clone like any other."""
    found = _find(repo)
    if found is None:
        return
    gitops.run(found.root, "sparse-checkout", "disable")
    del _clones[found.root]
