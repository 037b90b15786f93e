"""Who looks after a file: the tree's MAINTAINERS, read as scripts/get_maintainer.pl reads it.

A section is a title line followed by ``T: value`` lines (blank lines in between do not
end it).  A file belongs to every section with an ``F:`` pattern that matches it and no
``X:`` pattern that does (``N:`` regexes match too), the deepest pattern first; ``K:``
keywords match a patch's text.  The patterns are get_maintainer.pl's: ``*`` and ``?`` are
wildcards, a pattern naming a directory of the tree (or ending in ``/``) takes everything
below it, any other one only files at its own depth.

A patch goes To: the maintainers (``M:``) and reviewers (``R:``) and Cc: the lists (``L:``,
not the subscribers-only ones) of its files' sections, with duplicates (by name or by
address) dropped and the "chief penguin" left out, as b4 asks get_maintainer.pl for them
(``--nogit --nogit-fallback --nogit-chief-penguins``, ``--nol`` for To:, ``--nom`` for Cc:).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import UserError

FILE = "MAINTAINERS"
THE_REST = "THE REST"
PENGUIN_CHIEF = "torvalds@linux-foundation.org"
_TYPED = re.compile(r"^(.):\s*(.*)")
_NEEDS_QUOTES = re.compile(r"[^\w \-]", re.ASCII)


def _email(text: str) -> tuple[str, str]:
    """(name, address) of ``Name <address>``, ``<address>`` or ``address``."""
    name = address = ""
    if m := re.match(r"^([^<]+)<(.+@.*)>.*$", text):
        name, address = m[1], m[2]
    elif m := re.match(r"^\s*<(.+@\S*)>.*$|^(.+@\S*).*$", text):
        address = m[1] or m[2]
    return name.strip().strip('"'), address.strip()


def format_email(name: str, address: str) -> str:
    """``Name <address>``, the name quoted where mail needs it (as get_maintainer.pl)."""
    if not name:
        return address
    if _NEEDS_QUOTES.search(name):
        name = '"' + re.sub(r'(?<!\\)"', '\\"', name) + '"'
    return f"{name} <{address}>"


@dataclass(frozen=True)
class _Pattern:
    """An F:/X: pattern as the regex get_maintainer.pl makes of it."""

    regex: re.Pattern[str]
    whole_tree: bool  # ends in "/": everything below matches, not only its own depth
    slashes: int
    depth: int  # how specific a match is: its slashes (+1 for a file), -1 for "*..."

    @classmethod
    def make(cls, value: str, directories: frozenset[str]) -> _Pattern:
        value = value.replace(".", "\\.").replace("*", ".*").replace("?", ".")
        if value in directories:
            value += "/"
        slashes = value.count("/")
        depth = -1 if value.startswith(".*") else slashes + (not value.endswith("/"))
        return cls(re.compile(value), value.endswith("/"), slashes, depth)

    def matches(self, file: str) -> bool:
        if not self.regex.match(file):
            return False
        return self.whole_tree or file.count("/") == self.slashes


def _keyword(value: str) -> re.Pattern[str]:
    """A K: pattern (a perl /x regex); an inline (?i) after the start scopes to the end."""
    head, sep, tail = value.partition("(?i)")
    text = f"{head}(?i:{tail})" if sep and head else value
    try:
        return re.compile(text, re.VERBOSE)
    except re.error as exc:
        raise UserError(
            f"{FILE}: K: {value!r} is not a regex cocci-series can read: {exc}",
            hint="pass --no-cc to skip To:/Cc:",
        ) from exc


@dataclass(frozen=True)
class Section:
    title: str
    line: int  # of the title in MAINTAINERS
    entries: tuple[tuple[str, str], ...]  # (type letter, value), in order

    def values(self, kind: str) -> list[str]:
        return [value for letter, value in self.entries if letter == kind]

    @property
    def status(self) -> str:
        found = self.values("S")
        return found[0] if found else ""


@dataclass(frozen=True)
class Match:
    """A section that a file belongs to, and how deep its matching pattern is."""

    section: Section
    depth: int
    pattern: str  # the F: value as written (e.g. "drivers/net/"), "" for N:


@dataclass
class Recipients:
    to: list[str] = field(default_factory=list)
    cc: list[str] = field(default_factory=list)
    _names: set[str] = field(default_factory=set)
    _addresses: set[str] = field(default_factory=set)

    def add(self, which: list[str], text: str) -> None:
        name, address = _email(text)
        if not address or address.lower() == PENGUIN_CHIEF:
            return
        if (name and name.lower() in self._names) or address.lower() in self._addresses:
            return
        if name:
            self._names.add(name.lower())
        self._addresses.add(address.lower())
        which.append(format_email(name, address))

    def merge(self, other: Recipients) -> None:
        for address in other.to:
            self.add(self.to, address)
        for address in other.cc:
            self.add(self.cc, address)


class Maintainers:
    """The sections of one MAINTAINERS file, for one tree's directories.

    Read when first asked (a kernel's takes 0.35 s): a rerun whose patches' recipients all
    come from the cache (``mail.py``) never reads it.  DIGEST names what it depends on.
    """

    def __init__(self, text: str, directories: Iterable[str]) -> None:
        dirs = sorted(set(directories))
        self.digest = hashlib.sha256(
            "\0".join(["maintainers 1", text, *dirs]).encode(errors="surrogateescape")
        ).hexdigest()
        self._text, self._dirs = text, frozenset(dirs)
        self._read = False
        for keyword in re.finditer(r"^K:[ \t]*(.*)", text, re.M):
            _keyword(keyword[1])  # a K: that is no regex is said now, not at the end

    def _load(self) -> None:
        if self._read:
            return
        self._read = True
        text, dirs = self._text, self._dirs
        self._sections: list[Section] = []
        # Per section: its F:/N: entries in order (value, pattern or N: regex), its X:.
        self._compiled: list[
            tuple[list[tuple[str, _Pattern | re.Pattern[str]]], list[_Pattern]]
        ] = []
        self._keywords: list[tuple[re.Pattern[str], Section]] = []
        self._matches: dict[str, list[Match]] = {}
        title, title_line, entries = "", 0, list[tuple[str, str]]()
        for number, line in enumerate(text.splitlines(), start=1):
            if m := _TYPED.match(line):
                entries.append((m[1], m[2]))
            elif line.strip():
                self._add(title, title_line, entries, dirs)
                title, title_line, entries = line.rstrip(), number, []
        self._add(title, title_line, entries, dirs)

    @property
    def sections(self) -> list[Section]:
        self._load()
        return self._sections

    def _add(
        self, title: str, line: int, entries: list[tuple[str, str]], dirs: frozenset[str]
    ) -> None:
        if not entries or not title:
            return
        section = Section(title, line, tuple(entries))
        self._sections.append(section)
        matchers: list[tuple[str, _Pattern | re.Pattern[str]]] = [
            (value, _Pattern.make(value, dirs) if letter == "F" else re.compile(value, re.X))
            for letter, value in entries
            if letter in ("F", "N")
        ]
        excludes = [_Pattern.make(value, dirs) for letter, value in entries if letter == "X"]
        self._compiled.append((matchers, excludes))
        self._keywords += [(_keyword(value), section) for value in section.values("K")]

    def matches(self, file: str) -> list[Match]:
        """The sections FILE belongs to, the most specific first (then in file order).

        As in get_maintainer.pl, a section's depth is that of its last entry that
        matches (an N: regex counts as depth 0, a pattern starting with ``*`` as -1).
        """
        self._load()
        if file not in self._matches:  # a series' patches share files: each asked once
            self._matches[file] = self._match(file)
        return list(self._matches[file])

    def _match(self, file: str) -> list[Match]:
        found = []
        for section, (matchers, excludes) in zip(self.sections, self._compiled, strict=True):
            if any(x.matches(file) for x in excludes):
                continue
            last: Match | None = None
            for value, pattern in matchers:
                if isinstance(pattern, _Pattern):
                    if pattern.matches(file):
                        last = Match(section, pattern.depth, value)
                elif pattern.search(file):
                    last = Match(section, 0, "")
            if last is not None:
                found.append(last)
        return sorted(found, key=lambda m: -m.depth)

    def subsystem(self, file: str) -> Match | None:
        """The section that looks after FILE most specifically (THE REST if none other)."""
        found = self.matches(file)
        return found[0] if found else None

    def recipients(self, files: Iterable[str], text: str = "") -> Recipients:
        """To: and Cc: for a patch changing FILES; TEXT (the patch) is read for K: lines.

        As for get_maintainer.pl on a patch, the keywords match any line before the first
        file header, and only changed (+/-) lines after it.
        """
        self._load()
        sections: list[Section] = []
        for file in sorted(set(files)):
            sections += [m.section for m in self.matches(file)]
        in_diff = False
        for line in text.splitlines():
            if re.match(r"^(?:\+\+\+|---)\s+\S", line):
                in_diff = True
                continue
            if in_diff and not re.match(r"^[+-]", line):
                continue
            sections += [s for rx, s in self._keywords if rx.search(line)]
        result = Recipients()
        lists: list[str] = []
        for section in dict.fromkeys(sections):
            for letter, value in section.entries:
                if letter in ("M", "R"):
                    result.add(result.to, value)
                elif letter == "L" and "subscribers-only" not in value:
                    lists.append(value.split()[0])
        for address in dict.fromkeys(lists):
            result.add(result.cc, address)
        return result


def load(tree: Path, directories: Iterable[str]) -> Maintainers | None:
    """The MAINTAINERS of TREE (a checked-out scratch tree), or None if it has none."""
    path = tree / FILE
    if not path.is_file():
        return None
    try:
        text = path.read_text(encoding="utf-8", errors="surrogateescape")
    except OSError as exc:
        raise UserError(f"{path}: cannot read: {exc.strerror}") from exc
    return Maintainers(text, directories)


def patch_files(text: str) -> list[str]:
    """The files a patch changes, from its ``---``/``+++`` lines (not /dev/null)."""
    found = []
    for line in text.splitlines():
        if m := re.match(r"^(?:\+\+\+|---)\s+(\S+)", line):
            name = m[1]
            if name != "/dev/null":
                found.append(name.split("/", 1)[1] if "/" in name else name)
    return list(dict.fromkeys(found))
