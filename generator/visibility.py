"""Which files of a tree can see a header: the ``#include`` graph, read the way gcc could.

``affected.py`` counts a use of a name a header defines differently (``->len``, a macro,
a function) only in a file that can see that header: C can only reach a struct's member,
a macro or a prototype through the definition the translation unit includes, so a file
that cannot include the header, however deep, uses some other ``len``.  For that to miss
nothing, the graph errs on the side of seeing more:

- **Every include counts**, in comments and under ``#if`` too (any config, any arch), and
  ``#include_next``.
- **Where an include can go.**  ``#include "x.h"`` goes to the includer's own directory
  when the file is there (gcc looks there first).  Otherwise, and for ``<...>``, to
  *every* tracked file whose path ends with the name (``../`` dropped): any ``-I`` a
  Makefile adds is covered that way, and ``<linux/x.h>`` reaches ``include/linux/x.h``,
  ``include/uapi/linux/x.h`` and any other.  ``<asm/x.h>`` also reaches
  ``asm-generic/x.h``: Kbuild generates ``arch/*/include/generated/asm/x.h`` wrappers
  (``generic-y``) that include it, and they are not tracked.
- **A computed include** (``#include CONFIG_FOO``, ``GENL_MAGIC_INCLUDE_FILE``) may
  include anything: the file can see every header.  ``TRACE_INCLUDE(TRACE_INCLUDE_FILE)``
  (``define_trace.h``, ``ftrace.h``) is the exception: it includes again the trace header
  that included it (``include/trace/define_trace.h``), which the includer sees already.
- **Forced includes.**  A header a Makefile force-includes (``-include FILE``, as the top
  Makefile does ``kconfig.h``) is seen by every file: when it can see the header, every
  file can, and nothing is narrowed.
- **Both sides of a patch.**  For the files the patch changes, the includes before *and*
  after count, and the files it adds exist: a header a patch makes an include of is
  seen by that include's users.

A file can see a header when it includes it, directly or through other files.  Where a
header's code (a ``static inline``, a macro) uses a name, what matters is whether a
translation unit includes both; ``reached_from`` gives what the files that can see a
header include in turn.

The graph is read once per tree (one ``git grep`` of the ``#include`` lines, a few
seconds on a kernel) and kept up to date from the blob ids of ``git ls-files -s``: after
a patch, only the files it changed are read again.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from pathlib import Path

from . import git as gitops

_INCLUDE_LINE = re.compile(
    r'^\s*#\s*include(?:_next)?\b\s*(?:"(?P<quoted>[^"]*)"|<(?P<angled>[^>]*)>|(?P<computed>\S.*))?'
)
_FORCED = re.compile(r'(?:^|[\s=])-include\s+"?(?P<file>[^\s"]+)')
_MAKEFILES = ("*Makefile*", "*Kbuild*", "*.mk")
_C_FILES = (".c", ".h")

# One include: (how, name).  HOW: "q" for "name", "a" for <name>, "m" for a computed
# include, NAME then being its macro (resolved through the values the tree gives it).
Include = tuple[str, str]
_DEFINE = re.compile(r'^\s*#\s*define\s+(?P<macro>\w+)\s+(?:"(?P<q>[^"]*)"|<(?P<a>[^>]*)>)?')


def parse_includes(text: str, path: str = "") -> list[Include]:
    """The ``#include`` lines of TEXT (the content of the file PATH)."""
    found: list[Include] = []
    for line in text.splitlines():
        if "include" in line and (m := _INCLUDE_LINE.match(line)):
            found.extend(_one(m, path))
    return found


def _one(m: re.Match[str], path: str) -> list[Include]:
    if m["quoted"] is not None:
        return [("q", m["quoted"])]
    if m["angled"] is not None:
        return [("a", m["angled"])]
    computed = (m["computed"] or "").strip()
    macro = re.match(r"\w+", computed)
    if not macro or macro[0] == "TRACE_INCLUDE" or _is_makefile(path):
        return []  # a Makefile's "# include the ..." comment
    return [("m", macro[0])]


class Graph:
    """The include graph of the tracked files of a tree, kept up to date by blob id."""

    def __init__(self, repo: Path) -> None:
        self.repo = repo
        self.blobs: dict[str, str] = {}  # path -> blob id, as last read
        self.includes: dict[str, list[Include]] = {}  # path -> its includes (none: absent)
        self.forced: list[str] = []  # names Makefiles force-include (-include FILE)
        # A computed include's macro -> the includes its values make; None: not known.
        self.values: dict[str, list[Include] | None] = {}
        self._by_base: dict[str, list[str]] = {}
        self._memo: dict[tuple[str, str, str], tuple[str, ...]] = {}
        self._included_by: dict[str, set[str]] | None = None
        self._wild: set[str] = set()
        self._defining: set[str] = set()  # the files that #define a computed include's macro

    # Reading the tree.

    def refresh(self) -> None:
        """Read what changed in the tree since the last call (everything, the first time)."""
        blobs = {}
        for line in gitops.run(self.repo, "ls-files", "-s", "-z").split("\0"):
            if "\t" in line:
                meta, path = line.split("\t", 1)
                blobs[path] = meta.split()[1]
        first = not self.blobs
        changed = [p for p, b in blobs.items() if self.blobs.get(p) != b]
        gone = [p for p in self.blobs if p not in blobs]
        if not changed and not gone:
            return
        same_files = not first and len(blobs) == len(self.blobs) and not gone
        old = {p: self.includes.get(p, []) for p in changed}
        if first:
            self.includes = self._grep_all()
        else:
            for path in gone:
                self.includes.pop(path, None)
            for path in changed:
                self.includes[path] = self._read(path)
        if first or any(_is_makefile(p) for p in changed + gone):
            self.forced = self._forced()
        values = self.values
        if first or self._may_define(changed + gone, old):
            values = self._values()
        self.blobs = blobs
        if same_files and values == self.values:  # names resolve as before: edges change
            self._update(old)
            return
        self.values = values
        self._by_base = {}
        for path in blobs:
            self._by_base.setdefault(posixpath.basename(path), []).append(path)
        self._memo, self._included_by = {}, None

    def _may_define(self, paths: list[str], old: dict[str, list[Include]]) -> bool:
        """Whether PATHS may change what a computed include's macro is (OLD: their
        includes before): they define one, or have a computed include."""
        if any(how == "m" for incs in old.values() for how, _ in incs):
            return True
        if any(how == "m" for p in paths for how, _ in self.includes.get(p, [])):
            return True
        if self._defining & set(paths):
            return True
        macros = {name for incs in self.includes.values() for how, name in incs if how == "m"}
        for path in paths:
            try:
                text = (self.repo / path).read_text(errors="replace")
            except OSError:
                continue
            for line in text.splitlines():
                m = _DEFINE.match(line) if "define" in line else None
                if m and m["macro"] in macros:
                    return True
        return False

    def _update(self, old: dict[str, list[Include]]) -> None:
        """The edges of the files of OLD (their includes before) follow their change."""
        if self._included_by is None:
            return
        for path, includes in old.items():
            for include in includes:
                for target in self._targets(path, include, frozenset()) or []:
                    self._included_by.get(target, set()).discard(path)
            self._wild.discard(path)
            for include in self.includes.get(path, []):
                targets = self._targets(path, include, frozenset())
                if targets is None:
                    self._wild.add(path)
                for target in targets or []:
                    self._included_by.setdefault(target, set()).add(path)

    def _grep_all(self) -> dict[str, list[Include]]:
        found: dict[str, list[Include]] = {}
        pattern = r"^[[:space:]]*#[[:space:]]*include"
        for line in gitops.grep(self.repo, "-E", "-e", pattern):
            path, _, text = line.partition(":")
            if m := _INCLUDE_LINE.match(text):
                found.setdefault(path, []).extend(_one(m, path))
        return found

    def _read(self, path: str) -> list[Include]:
        try:
            return parse_includes((self.repo / path).read_text(errors="replace"), path)
        except OSError:
            return []

    def _forced(self) -> list[str]:
        names = []
        args = ("-E", "-e", r"-include[[:space:]]")
        for line in gitops.grep(self.repo, *args, paths=_MAKEFILES):
            _, _, text = line.partition(":")
            if text.startswith("-include"):
                continue  # make's own "-include FILE" directive
            for m in _FORCED.finditer(text):
                name = re.sub(r"^.*[)}]/", "", m["file"])  # $(srctree)/include/... -> include/...
                if "$" not in name:
                    names.append(name)
        return sorted(set(names))

    def _values(self) -> dict[str, list[Include] | None]:
        """What each computed include's macro can be: the ``#define``s of the tree that
        give it a file name; a macro with another value, or none (a config string), may
        be any file."""
        macros = sorted({n for incs in self.includes.values() for how, n in incs if how == "m"})
        values: dict[str, list[Include] | None] = {m: [] for m in macros}
        if not macros:
            return values
        pattern = rf"^[[:space:]]*#[[:space:]]*define[[:space:]]+({'|'.join(macros)})\b"
        self._defining = set()
        for line in gitops.grep(self.repo, "-E", "-e", pattern):
            path, _, line = line.partition(":")
            self._defining.add(path)
            m = _DEFINE.match(line)
            if not m or m["macro"] not in values:
                continue
            known = values[m["macro"]]
            if known is None:
                continue
            if m["q"] is not None:
                known.append(("q", m["q"]))
            elif m["a"] is not None:
                known.append(("a", m["a"]))
            else:
                values[m["macro"]] = None
        return {m: (v if v else None) for m, v in values.items()}

    # Resolving.

    def _targets(self, path: str, include: Include, extra: frozenset[str]) -> list[str] | None:
        """The files INCLUDE in PATH can be (None: any); EXTRA: files a patch adds."""
        how, name = include
        if how == "m":
            values = self.values.get(name)
            if values is None:
                return None
            found: list[str] = []
            for value in values:
                found += self._targets(path, value, extra) or []
            return found
        here = posixpath.dirname(path) if how == "q" else ""
        key = (here, how, name)
        if key in self._memo and not extra:
            return list(self._memo[key])
        found = self._candidates(here, how == "q", name, extra)
        if not extra:
            self._memo[key] = tuple(found)
        return found

    def _candidates(self, here: str, quoted: bool, name: str, extra: frozenset[str]) -> list[str]:
        if quoted:
            beside = posixpath.normpath(posixpath.join(here, name))
            if beside in self.blobs or beside in extra:
                return [beside]
        tail = posixpath.normpath(name)
        while tail.startswith(("../", "./")):
            tail = tail.split("/", 1)[1]
        tails = [tail]
        for asm in ("asm/", "uapi/asm/"):
            if tail.startswith(asm):
                tails.append("asm-generic/" + tail[len(asm) :])
        pool = [p for t in tails for p in self._by_base.get(posixpath.basename(t), [])]
        pool += [p for p in extra for t in tails if posixpath.basename(p) == posixpath.basename(t)]
        return sorted({p for p in pool for t in tails if p == t or p.endswith("/" + t)})

    def _of(self, path: str, changes: dict[str, list[Include]]) -> list[Include]:
        return self.includes.get(path, []) + changes.get(path, [])

    def _graph(self) -> tuple[dict[str, set[str]], set[str]]:
        """Included file -> its includers, and the files an include of which may be any."""
        if self._included_by is None:
            included_by: dict[str, set[str]] = {}
            wild = set()
            for path, incs in self.includes.items():
                for include in incs:
                    targets = self._targets(path, include, frozenset())
                    if targets is None:
                        wild.add(path)
                    for target in targets or []:
                        included_by.setdefault(target, set()).add(path)
            self._included_by, self._wild = included_by, wild
        return self._included_by, self._wild

    def seers(self, header: str, changes: dict[str, list[Include]]) -> set[str] | None:
        """The files that can see HEADER (it among them), before or after the patch whose
        files' includes after it are CHANGES; None: every file can (a forced include)."""
        base, wild = self._graph()
        extra = frozenset(p for p in changes if p not in self.blobs)
        more: dict[str, set[str]] = {}  # the edges the patch adds
        seen = {header} | wild  # a file that may include any file may include HEADER
        bases = {posixpath.basename(p) for p in extra}
        for path in set(changes) | (set(self.includes) if bases else set()):
            for include in changes.get(path, []) if path in changes else self.includes[path]:
                if path not in changes and posixpath.basename(include[1]) not in bases:
                    continue  # an include the files the patch adds cannot change
                targets = self._targets(path, include, extra)
                if targets is None:
                    seen.add(path)
                for target in targets or []:
                    more.setdefault(target, set()).add(path)
        todo = list(seen)
        while todo:
            at = todo.pop()
            for includer in base.get(at, set()) | more.get(at, set()):
                if includer not in seen:
                    seen.add(includer)
                    todo.append(includer)
        for name in self.forced:
            if any(f in seen for f in self._targets("", ("a", name), extra) or []):
                return None
        return seen

    def anywhere(self, files: Iterable[str], changes: dict[str, list[Include]]) -> set[str]:
        """Of FILES, those with an include that may be any file."""
        extra = frozenset(p for p in changes if p not in self.blobs)
        return {
            path
            for path in files
            if any(self._targets(path, i, extra) is None for i in self._of(path, changes))
        }

    def reached_from(self, roots: Iterable[str], changes: dict[str, list[Include]]) -> set[str]:
        """What ROOTS include, directly or not (ROOTS among them); an include that may be
        any file reaches none (see ``anywhere``)."""
        extra = frozenset(p for p in changes if p not in self.blobs)
        seen = set(roots)
        todo = list(seen)
        while todo:
            path = todo.pop()
            for include in self._of(path, changes):
                for target in self._targets(path, include, extra) or []:
                    if target not in seen:
                        seen.add(target)
                        todo.append(target)
        return seen


def _is_makefile(path: str) -> bool:
    base = posixpath.basename(path)
    return "Makefile" in base or "Kbuild" in base or base.endswith(".mk")
