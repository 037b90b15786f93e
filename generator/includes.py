"""Which files spatch reads, and which it may rewrite, when it processes one file.

The cache of spatch results (``cache.py``) keys a file's result on every file that result
can depend on: the file, and the headers spatch parses for it.  This module answers that
the way Coccinelle 1.3 resolves ``#include`` (``parsing_c/includes.ml``,
``parse_c.ml:handle_include``, ``enter.ml``), erring on the side of reading more:

- ``--no-includes``: the file alone.  Without an include option spatch picks
  ``--local-includes`` or ``--no-includes`` itself, by the rule; taken as local here.
- ``--local-includes``: the ``#include "..."`` of a ``.c`` file, next to it (with
  ``--relax-include-path`` also by its last component); a header's own includes are not
  followed.
- ``--all-includes``: every include of a ``.c`` file, ``"..."`` next to it first, then on
  the include path (``-I``, else ``./include``, as ``--dir .`` sets), trying each tail of
  the name (``linux/a.h``, then ``a.h``), and when none exists, any header of that base
  name under the include path (spatch's "unique file" search; all of them are counted,
  since whether one is unique depends on the others).  Not recursive.
- ``--recursive-includes``: the same for every file reached, to the end.

Every ``#include`` the text holds counts (in comments and ``#if 0`` too), and every
candidate that exists, not only the one spatch would take.  Headers parsed this way may
be rewritten by the run, unless ``--include-headers-for-types`` (then only read): those
are the files a result may write.  ``--include FILE`` is read (and may be rewritten) for
every file.  Options this module does not know make ``model()`` return None: the run is
not cached.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

STYLES = ("none", "local", "all", "recursive")  # by what they read: each reads more
_STYLE_FLAGS = {
    "--no-includes": "none",
    "--local-includes": "local",
    "--all-includes": "all",
    "--recursive-includes": "recursive",
}
# Options that change neither what is read nor what is written, with their argument
# count; their values still go into the cache key (they may change the result).
_NEUTRAL = {
    "--include-headers": 0,
    "--very-quiet": 0,
    "--quiet": 0,
    "--in-place": 0,
    "--max-width": 1,
    "--timeout": 1,
    "-D": 1,
    "--smpl-spacing": 0,
    "--linux-spacing": 0,
    "--no-show-diff": 0,
    "--disable-worth-trying-opt": 0,
    "--include-headers-for-types": 0,
    "--relax-include-path": 0,
    "--no-loops": 0,
    "--no-safe-expressions": 0,
    "--cache-limit": 1,
    "--allow-inconsistent-paths": 0,
    "--force-diff": 0,
    "--keep-comments": 0,
    "--no-includes": 0,
    "--local-includes": 0,
    "--all-includes": 0,
    "--recursive-includes": 0,
}
_WITH_PATH = {"-I": "include_path", "--include-path": "include_path", "--include": "extra"}
_INCLUDE = re.compile(rb'#[ \t]*include(?:_next)?[ \t]*(?:"([^"]+)"|<([^>]+)>)')


@dataclass(frozen=True)
class Model:
    """How a spatch run with given options resolves includes."""

    style: str = "local"
    types_only: bool = False  # --include-headers-for-types: headers read, never written
    include_path: tuple[str, ...] = ()  # -I, in the order given
    relax: bool = False  # --relax-include-path
    extra: tuple[str, ...] = ()  # --include FILE: parsed for every file

    @property
    def all_includes(self) -> bool:
        return self.style in ("all", "recursive")


def model(options: Sequence[str]) -> Model | None:
    """The include model of a run with OPTIONS (the rule's ``#spatch`` lines, then the
    command line); None when an option is not one this module knows."""
    styles: list[str] = []
    include_path: list[str] = []
    extra: list[str] = []
    types_only = relax = False
    args = list(options)
    while args:
        arg = args.pop(0)
        if arg in _WITH_PATH:
            if not args:
                return None
            (include_path if _WITH_PATH[arg] == "include_path" else extra).append(args.pop(0))
            continue
        if arg not in _NEUTRAL or len(args) < _NEUTRAL[arg]:
            return None
        del args[: _NEUTRAL[arg]]
        if arg in _STYLE_FLAGS:
            styles.append(_STYLE_FLAGS[arg])
        types_only |= arg == "--include-headers-for-types"
        relax |= arg == "--relax-include-path"
    # Several style options: the one that reads the most (spatch takes the last).
    style = max(styles, key=STYLES.index) if styles else "local"
    return Model(style, types_only, tuple(include_path), relax, tuple(extra))


def blob_id(data: bytes) -> str:
    """The git blob id of DATA: what a file is known by in keys."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


@dataclass
class Tree:
    """A tree on disk as spatch sees it from its top: what exists, and file contents.

    Paths are relative to the top and normalised (``net/../x.h`` is ``x.h``); a path
    outside the tree is kept absolute.  Contents are remembered by blob id for the
    life of the object (one spatch call), and the includes of each blob for as long as
    the ``Includes`` table given lives.
    """

    root: Path
    known: Includes = field(default_factory=lambda: Includes())
    # The files not checked out (sparse.py), path to blob id, and how to read one.
    index: dict[str, str] | None = None
    fetch: Callable[[str], bytes] | None = None
    _ids: dict[str, str | None] = field(default_factory=dict)
    _walks: dict[str, list[str]] = field(default_factory=dict)
    _dirs: set[str] | None = None

    def norm(self, path: str) -> str:
        if path.startswith("/"):
            inside = posixpath.relpath(posixpath.normpath(path), str(self.root))
            return path if inside.startswith("../") else inside
        return posixpath.normpath(path)

    def blob(self, path: str) -> str | None:
        """The blob id of the file PATH, or None if there is no such file."""
        if path not in self._ids:
            full = self.root / path
            try:
                if full.is_file():
                    self._ids[path] = blob_id(full.read_bytes())
                else:
                    self._ids[path] = self.index.get(path) if self.index else None
            except OSError:
                self._ids[path] = None
        return self._ids[path]

    def read(self, path: str) -> bytes:
        full = self.root / path
        if self.fetch is not None and self.index and path in self.index and not full.is_file():
            return self.fetch(path)
        return full.read_bytes()

    def is_dir(self, path: str) -> bool:
        if (self.root / path).is_dir():
            return True
        if not self.index:
            return False
        if self._dirs is None:
            self._dirs = {d for name in self.index for d in _parents(name)}
        return self.norm(path) in self._dirs

    def walk(self, top: str) -> list[str]:
        """Every file under the directory TOP (spatch's ``find TOP -name "*h"``)."""
        if top not in self._walks:
            found = []
            for where, _, names in os.walk(self.root / top):
                base = self.norm(os.path.relpath(where, self.root))
                found += [posixpath.join(base, n) if base != "." else n for n in names]
            if self.index:
                under = self.norm(top).rstrip("/") + "/"
                found += [n for n in self.index if under == "./" or n.startswith(under)]
            self._walks[top] = sorted(set(found))
        return self._walks[top]

    def includes(self, path: str) -> list[tuple[bool, str]]:
        """The ``#include`` names of the file PATH: (local, name) pairs."""
        blob = self.blob(path)
        if blob is None:
            return []
        return self.known.of(blob, lambda: self.read(path))


@dataclass
class Includes:
    """The includes of file contents, by blob id (their text never changes)."""

    table: dict[str, list[tuple[bool, str]]] = field(default_factory=dict)

    def of(self, blob: str, read: Callable[[], bytes]) -> list[tuple[bool, str]]:
        if blob not in self.table:
            text = read()
            self.table[blob] = [
                (m.group(1) is not None, (m.group(1) or m.group(2)).decode("latin-1"))
                for m in _INCLUDE.finditer(text)
            ]
        return self.table[blob]


def _parents(path: str) -> list[str]:
    """The directories PATH is in: ``a/b/c`` is in ``a/b`` and ``a`` (and the top, ".")."""
    parts = path.split("/")[:-1]
    return [".", *("/".join(parts[: i + 1]) for i in range(len(parts)))]


def _is_header(path: str) -> bool:
    return path.endswith(".h")


class Resolver:
    """What one spatch run (its options, on TREE) reads and writes, file by file."""

    def __init__(self, model: Model, tree: Tree) -> None:
        self.model = model
        self.tree = tree
        path = list(model.include_path)
        if not path and tree.is_dir("include"):
            path = ["./include"]  # what `spatch --dir .` sets when -I is not given
        self.search = [tree.norm(p) for p in path]
        self._by_name: dict[str, list[str]] | None = None
        # The tree does not change during one run: answers are kept, by name and by file.
        self._path_memo: dict[str, list[str]] = {}
        self._next_memo: dict[str, list[str]] = {}

    def _unique_candidates(self, name: str) -> list[str]:
        """Every file under the include path with the last component of NAME."""
        if self._by_name is None:
            self._by_name = {}
            for top in self.search:
                for path in self.tree.walk(top):
                    self._by_name.setdefault(posixpath.basename(path), []).append(path)
        return self._by_name.get(posixpath.basename(name), [])

    def _on_path(self, name: str) -> list[str]:
        """The candidates of NAME on the include path, in spatch's order of trying."""
        if name not in self._path_memo:
            self._path_memo[name] = self._search_path(name)
        return self._path_memo[name]

    def _search_path(self, name: str) -> list[str]:
        parts = name.split("/")
        found = []
        for start in range(len(parts)):
            tail = "/".join(parts[start:])
            for top in self.search:
                candidate = self.tree.norm(posixpath.join(top, tail))
                if self.tree.blob(candidate) is not None:
                    found.append(candidate)
        if found:
            return found
        return self._unique_candidates(name)

    def candidates(self, path: str, local: bool, name: str) -> list[str]:
        """The existing files an ``#include`` of NAME in PATH can resolve to."""
        style = self.model.style
        if style == "none" or (style in ("local", "all") and _is_header(path)):
            return []
        if style == "local" and not local:
            return []
        found = []
        here = posixpath.dirname(path)
        if local:
            found.append(self.tree.norm(posixpath.join(here, name)))
            if self.model.relax:
                found.append(self.tree.norm(posixpath.join(here, posixpath.basename(name))))
            found = [f for f in found if self.tree.blob(f) is not None]
            if self.model.all_includes:
                found += self._on_path(name)
        else:
            found = self._on_path(name)
        return found

    def parsed(self, path: str) -> list[str]:
        """The headers spatch may parse when it processes PATH (not PATH itself): the
        ``--include`` files and the includes, followed when the style is recursive."""
        seen: dict[str, None] = {}
        todo = [path]
        for extra in self.model.extra:
            name = self.tree.norm(extra)
            if self.tree.blob(name) is not None:
                seen[name] = None
        while todo:
            current = todo.pop()
            if current not in self._next_memo:
                self._next_memo[current] = [
                    candidate
                    for local, name in self.tree.includes(current)
                    for candidate in self.candidates(current, local, name)
                ]
            for candidate in self._next_memo[current]:
                if candidate not in seen and candidate != path:
                    seen[candidate] = None
                    if self.model.style == "recursive":
                        todo.append(candidate)
        return sorted(seen)

    def writable(self, path: str, parsed: list[str]) -> list[str]:
        """Of PARSED for PATH, the files the run may rewrite besides PATH itself."""
        return [] if self.model.types_only else parsed
