"""The census: every kernel-side use of msg_iov/msg_iovlen on struct msghdr, by Coccinelle.

The rule ``msghdr_iov_census`` types each access (struct msghdr, not user_msghdr,
compat_msghdr or another struct with a field of the same name) and leaves out userspace
files (those including <sys/socket.h>); ``git grep`` only picks the files worth parsing.
The target after the msghdr-iov-iter series is zero kernel-side uses.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from . import git as gitops
from . import paths, rules, scratch
from . import spatch as spatch_mod

if TYPE_CHECKING:
    from .generate import Run

RULE = "msghdr_iov_census"
FIELDS = ("msg_iov", "msg_iovlen")
# Userspace by kernel convention, and text: never kernel-side code.
NOT_KERNEL = (":!tools/", ":!Documentation/", ":!scripts/", ":!usr/")


@dataclass(frozen=True)
class Census:
    kernel: list[spatch_mod.Site]  # uses on struct msghdr: the target is none
    unresolved: list[spatch_mod.Site]  # a msg_iov field of a type spatch could not resolve
    files_scanned: int

    def as_json(self) -> dict[str, object]:
        return {
            "kernel": [asdict(s) for s in self.kernel],
            "unresolved": [asdict(s) for s in self.unresolved],
            "files_scanned": self.files_scanned,
        }


def take(sp: spatch_mod.Spatch, tree: Path, *, jobs: int = 1) -> Census:
    """The census of the checked-out TREE (a scratch clone or the demo)."""
    # The census rule ships with the tool, wherever series rules are looked up.
    rule = rules.load(paths.data_dir("semantic_patches"), RULE)
    # Only the C files and headers that spell a field are worth parsing.
    files = gitops.grep_files(tree, FIELDS, "*.c", "*.h", *NOT_KERNEL)
    found = spatch_mod.report(sp, rule.path, rule.virtuals, tree, files=files, jobs=jobs)
    return Census(found["typed"], found["untyped"], len(files))


def census(
    tree_path: Path | None,
    *,
    base: str = "HEAD",
    jobs: int = 1,
    spatch: str | None = None,
    progress: Callable[[str], None] = lambda _: None,
) -> Census:
    """The census of TREE_PATH (the demo if None) at BASE, taken in a scratch clone."""
    with scratch.directory("cocci-series-census-") as work:
        tree = scratch.user_tree(work, tree_path, base, require_clean=False)
        sp = spatch_mod.find(spatch)
        clone = gitops.scratch_clone(tree.path, tree.base, work / "tree")
        progress(f"census of msg_iov/msg_iovlen in {tree.path} at {tree.base[:12]}")
        return take(sp, clone, jobs=jobs)


def markdown(census: Census) -> str:
    lines = [
        f"msg_iov/msg_iovlen census (semantic_patches/{RULE},",
        f"{census.files_scanned} candidate files):",
        f"  kernel-side uses on struct msghdr: {len(census.kernel)}",
    ]
    lines += [f"    {s.file}:{s.line}: {s.text.strip()}" for s in census.kernel]
    if census.unresolved:
        lines += [
            f"  msg_iov/msg_iovlen fields of an unresolved type: {len(census.unresolved)}",
            "  (not struct msghdr as far as spatch can tell), in:",
        ]
        files = sorted({s.file for s in census.unresolved})
        lines += [f"    {name}" for name in files]
    return "\n".join(lines)


def cover_report(*, jobs: int = 1) -> Callable[[Path, Run], list[str]]:
    """generate()'s ``reports`` hook: the census of the tree the series leaves."""

    def sections(clone: Path, run: Run) -> list[str]:
        return [markdown(take(run.spatch, clone, jobs=jobs))]

    return sections
