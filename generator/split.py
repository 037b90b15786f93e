"""One step, several patches: a step's change split by subsystem, maintainer, directory or file.

spatch runs once per step; the files it changed are then grouped, and each group becomes
one patch with its own subject prefix:

- ``none``: one patch, its prefix found as for a group;
- ``file``: one patch per file;
- ``directory:N``: per directory, its first N path components (``drivers/net``: N = 2);
- ``subsystem``: per MAINTAINERS section, the one that looks after a file most
  specifically (its deepest matching ``F:`` pattern, as get_maintainer.pl ranks them);
- ``maintainer``: per set of maintainers (the To: of get_maintainer.pl).

A group's subject prefix is the one the kernel's history uses for its files (the most
frequent ``prefix:`` of the last commits touching them, the newest on a tie); without
history (a tree of one commit) it comes from MAINTAINERS, when one section looks after
all of its files: the abbreviation the section's title ends with in parentheses
(``(ASoC)``), else the last directory of the ``F:`` pattern that matched
(``drivers/net/ethernet/intel/``: ``intel``).  Else it is the last component of the
directory its files have in common, and ``treewide`` if they have none.  Any group's
prefix can be given by hand.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from . import git as gitops
from . import maintainers as maint_mod
from .errors import UserError

KINDS = ("none", "file", "directory:N", "subsystem", "maintainer")
PREFIX_SOURCES = ("history", "maintainers")
HISTORY_DEPTH = 100  # commits of a group's files read for their prefix
# "net: ipv4: fix ..." -> "net: ipv4"; "[media] em28xx: ..." -> "[media] em28xx".
_LEVEL = r"[\w.,/+{}()-]+"
_PREFIX = re.compile(rf"^((?:\[{_LEVEL}\] )?{_LEVEL}(?:: {_LEVEL})*): \S")
_ABBREVIATION = re.compile(r"\((?P<name>[A-Za-z][\w-]*)\)\s*$")


@dataclass(frozen=True)
class Split:
    kind: str  # none | file | directory | subsystem | maintainer
    depth: int = 0  # for directory

    def __str__(self) -> str:
        return f"directory:{self.depth}" if self.kind == "directory" else self.kind

    @property
    def needs_maintainers(self) -> bool:
        return self.kind in ("subsystem", "maintainer")


def parse(text: str, where: str = "--split") -> Split:
    """``none``, ``file``, ``directory:N``, ``subsystem`` or ``maintainer``."""
    kind, sep, depth = text.partition(":")
    if kind == "directory" and sep and depth.isdigit() and int(depth) > 0:
        return Split(kind, int(depth))
    if not sep and kind in ("none", "file", "subsystem", "maintainer"):
        return Split(kind)
    raise UserError(
        f"{where}: unknown split {text!r}",
        hint=f"one of {', '.join(KINDS)} (N > 0, e.g. directory:2)",
    )


@dataclass(frozen=True)
class Group:
    """The files of one patch, and what its prefix comes from."""

    key: str  # what names it: a section title, a directory, a file, the maintainers
    files: tuple[str, ...]
    match: maint_mod.Match | None  # the MAINTAINERS section its prefix may come from


def _common_section(
    files: Iterable[str], maintainers: maint_mod.Maintainers | None
) -> maint_mod.Match | None:
    """The section that looks after every one of FILES most specifically, if one does."""
    if maintainers is None:
        return None
    found = [maintainers.subsystem(f) for f in files]
    titles = {m.section.title if m else None for m in found}
    return found[0] if len(titles) == 1 else None


def groups(
    split: Split, files: Iterable[str], maintainers: maint_mod.Maintainers | None
) -> list[Group]:
    """FILES (paths in the tree) grouped by SPLIT, in the order of their first file."""
    if split.needs_maintainers and maintainers is None:
        raise UserError(
            f"split {split}: the tree has no {maint_mod.FILE} file",
            hint="split by directory (e.g. --split directory:2) or by file instead",
        )
    keyed: dict[str, list[str]] = {}
    matches: dict[str, maint_mod.Match | None] = {}
    for file in sorted(set(files)):
        if split.kind == "none":
            key = "all"
        elif split.kind == "file":
            key = file
        elif split.kind == "directory":
            key = "/".join(PurePosixPath(file).parent.parts[: split.depth]) or "."
        else:
            assert maintainers is not None
            match = maintainers.subsystem(file)
            if split.kind == "subsystem":
                key = match.section.title if match else maint_mod.THE_REST
                matches.setdefault(key, match)
            else:
                key = ", ".join(maintainers.recipients([file]).to) or "(no maintainer)"
        keyed.setdefault(key, []).append(file)
    return [
        Group(key, tuple(names), matches.get(key) or _common_section(names, maintainers))
        for key, names in keyed.items()
    ]


def history_prefix(repo: Path, base: str, files: Iterable[str]) -> str | None:
    """The prefix the last commits touching FILES (up to BASE) use most, or None."""
    log = gitops.run(
        repo, "log", "--no-merges", "--format=%s", f"-n{HISTORY_DEPTH}", base,
        "--", *files,
    )  # fmt: skip
    found = [m[1] for line in log.splitlines() if (m := _PREFIX.match(line))]
    if not found:
        return None
    counts = Counter(found)
    best = max(counts.values())
    return next(p for p in found if counts[p] == best)  # the newest of the most used


def maintainers_prefix(match: maint_mod.Match) -> str | None:
    """A prefix from a MAINTAINERS section: its (Abbreviation), or its F: directory."""
    if m := _ABBREVIATION.search(match.section.title):
        return m["name"]
    parts = [p for p in PurePosixPath(match.pattern).parts if not set("*?") & set(p)]
    if not parts:
        return None
    last = parts[-1] if match.pattern.endswith("/") else PurePosixPath(parts[-1]).stem
    return last or None


def directory_prefix(files: Iterable[str]) -> str:
    """The last component of the directory the files have in common (else the top one)."""
    dirs = [PurePosixPath(f).parent.parts for f in files]
    common: list[str] = []
    for level in zip(*dirs, strict=False):
        if len(set(level)) != 1:
            break
        common.append(level[0])
    return common[-1] if common else "treewide"


def prefix(
    group: Group,
    repo: Path,
    base: str,
    *,
    source: str | None = None,
    overrides: Mapping[str, str] = {},
) -> str:
    """The subject prefix of GROUP: given by hand, else from SOURCE (default: history,
    then MAINTAINERS), else from its directory."""
    if group.key in overrides:
        return overrides[group.key]
    if source in (None, "history") and (found := history_prefix(repo, base, group.files)):
        return found
    if group.match is not None and (found := maintainers_prefix(group.match)):
        return found
    return directory_prefix(group.files)


def check_overrides(overrides: Mapping[str, str], found: list[Group], where: str) -> None:
    """Every prefix given by hand names a group of this run."""
    keys = {g.key for g in found}
    unknown = sorted(set(overrides) - keys)
    if unknown:
        listing = "; ".join(repr(k) for k in sorted(keys)) or "none"
        raise UserError(
            f"{where}: a prefix is given for {unknown[0]!r}, which is no group of this run",
            hint=f"the groups are: {listing}",
        )
