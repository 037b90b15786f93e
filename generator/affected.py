"""What a patch can break: the ``.c`` files it changes, and the users of what its headers change.

For a changed header the heuristic is deliberately simple and errs on building too much:

1. **Names whose definition changed.**  The header's lines are read in order (the file
   before the patch, with the hunks' removed and added lines fed in place) by a small
   line scanner that knows the enclosing definition of each line from its column-0
   opener: ``#define NAME`` (and its ``\\`` continuation lines), a function or
   prototype (``... name(``), ``struct``/``union``/``enum NAME {``, a variable, a closing
   ``} name;``.  For each added or removed line it records: the macro's name; the
   function's name (a line of its prototype or body changed); the field names of a
   line removed (or changed) inside a struct or union, not of an added one: field names
   are per struct, a new field or struct breaks no user; a line inside a member's
   parentheses (a function pointer's parameters split over lines) changes that member,
   its parameter names are not fields; the enumerator of a changed
   line inside an enum; a typedef or variable name.  Names count whether added or
   removed (an added function can clash with an existing one).  Comments and blank
   lines count for nothing.
2. **Users.**  ``git grep -w`` for the names, and for fields a member access
   (``->name`` or ``.name``), in ``.c`` and ``.h`` files of the tree before the patch
   (users the patch itself converts are changed ``.c`` files anyway).  A use counts only
   in a file that can see the changed header, or that one which can includes
   (``visibility.py``): a name is reached through the definition the translation unit
   includes, and a file that cannot include the header uses another ``->len``.  A
   ``.c`` file whose computed ``#include`` may be the header is built for it.
3. **Compiled once.**  A header's own new code (a broken ``static inline``) breaks every
   file that includes it, whoever uses it: each changed header, and each other header
   that uses a changed name, gets one ``.c`` that includes it directly (a selected one
   if there is one, else the first that the config builds, preferring the directories
   the series touches).

Misses, by design: a changed ``#include`` line or a reordered struct is only compiled
through that one includer; users through a macro that does not name the identifier;
link errors.  ``check --full`` is the reference to compare with.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from . import git as gitops
from . import visibility

_DIFF_GIT = re.compile(r"^diff --git a/(?P<a>\S+) b/(?P<b>\S+)$")
_HUNK = re.compile(r"^@@ -(?P<os>\d+)(?:,(?P<oc>\d+))? \+(?P<ns>\d+)(?:,(?P<nc>\d+))? @@")
_DEFINE = re.compile(r"^\s*#\s*define\s+(?P<name>\w+)")
_UNDEF = re.compile(r"^\s*#\s*undef\s+(?P<name>\w+)")
_INCLUDE_LINE = re.compile(r"^\s*#\s*include\b")
_AGGREGATE = re.compile(
    r"^(?:typedef\s+)?(?:(?:static|const|extern)\s+)*(?P<kind>struct|union|enum)"
    r"(?:\s+__\w+)*(?:\s+(?P<name>\w+))?\s*\{?\s*$"
)
_FORWARD = re.compile(r"^(?:struct|union|enum)\s+\w+\s*;\s*$")
_LABEL = re.compile(r"^\w+:\s*$")
_CALLEE = re.compile(r"(?P<name>\w+)\s*\(")
_FUNC_POINTER = re.compile(r"\(\s*\*\s*(?P<name>\w+)\s*\)\s*\(")
_DECLARED = re.compile(r"(?P<name>\w+)\s*(?:\[[^\]]*\]\s*)*(?::\s*\w+\s*)?(?=[,;=])")
_CLOSER = re.compile(r"^\}\s*(?P<name>\w+)\s*[;,\[]")
_ENUMERATOR = re.compile(r"^\s*(?P<name>\w+)\s*(?:=|,|$)")
_IDENT = re.compile(r"\b[A-Za-z_]\w*\b")
_C_WORDS = """auto break case char const continue default do double else enum extern float for goto
    if inline int long register restrict return short signed sizeof static struct switch
    typedef union unsigned void volatile while bool _Bool typeof __typeof__ __inline__
    __inline __always_inline noinline asmlinkage __user __kernel __iomem __force
    __must_check __init __exit __read_mostly __percpu __rcu __attribute__ __aligned
    __packed __printf __scanf __deprecated __maybe_unused __used __visible __weak __cold
    __pure notrace likely unlikely u8 u16 u32 u64 s8 s16 s32 s64 __u8 __u16 __u32 __u64
    __s8 __s16 __s32 __s64 __le16 __le32 __le64 __be16 __be32 __be64 size_t ssize_t loff_t
    gfp_t __wsum"""
_NOT_NAMES = frozenset(_C_WORDS.split())


@dataclass(frozen=True)
class Hunk:
    old_start: int
    old_count: int
    lines: tuple[str, ...]  # each with its ' ', '-', '+' or '\\' marker


@dataclass(frozen=True)
class FileChange:
    path: str  # after the patch (before it, for a deleted file)
    status: str  # "added", "modified", "deleted"
    hunks: tuple[Hunk, ...]


def parse_patch(text: str) -> list[FileChange]:
    """The files a patch (``git format-patch`` output) changes, with their hunks."""
    lines = text.splitlines()
    changes: list[FileChange] = []
    i = 0
    while i < len(lines):
        m = _DIFF_GIT.match(lines[i])
        i += 1
        if not m:
            continue
        status = "modified"
        while i < len(lines) and not lines[i].startswith(("@@", "diff --git ")):
            if lines[i].startswith("new file mode"):
                status = "added"
            elif lines[i].startswith("deleted file mode"):
                status = "deleted"
            i += 1
        hunks = []
        while i < len(lines) and (h := _HUNK.match(lines[i])):
            old_left = int(h["oc"] or 1) if h["oc"] != "0" else 0
            new_left = int(h["nc"] or 1) if h["nc"] != "0" else 0
            body: list[str] = []
            i += 1
            while i < len(lines) and (old_left > 0 or new_left > 0 or lines[i].startswith("\\")):
                line = lines[i] or " "  # a mailer may strip a context line's space
                tag = line[0]
                if tag == " ":
                    old_left, new_left = old_left - 1, new_left - 1
                elif tag == "-":
                    old_left -= 1
                elif tag == "+":
                    new_left -= 1
                elif tag != "\\":
                    break
                body.append(line)
                i += 1
            hunks.append(Hunk(int(h["os"]), int(h["oc"] or 1), tuple(body)))
        path = m["a"] if status == "deleted" else m["b"]
        changes.append(FileChange(path, status, tuple(hunks)))
    return changes


@dataclass
class Names:
    """What a header change defines differently: names (whole words) and struct fields."""

    words: set[str] = field(default_factory=set)
    fields: set[str] = field(default_factory=set)
    includes: bool = False  # an #include line changed

    def __bool__(self) -> bool:
        return bool(self.words or self.fields)

    def describe(self) -> list[str]:
        return sorted(self.words) + sorted(f"->{f}" for f in self.fields)


def _name(candidate: str) -> bool:
    return candidate not in _NOT_NAMES and not candidate.isdigit()


def _callee(code: str) -> str | None:
    """The name a column-0 line with a parenthesis defines or declares."""
    if m := _FUNC_POINTER.search(code):
        return m["name"]
    for m in _CALLEE.finditer(code):
        name = m["name"]
        if not _name(name) or name.startswith("__attribute"):
            continue
        if name.isupper():  # DECLARE_PER_CPU(int, foo), EXPORT_SYMBOL(foo): the argument
            args = [a for a in _IDENT.findall(code[m.end() :]) if _name(a) and not a.isupper()]
            return args[-1] if args else name
        return name
    return None


class _Scanner:
    """Reads a header line by line, knowing each line's enclosing definition."""

    def __init__(self) -> None:
        self.names = Names()
        self.opener: tuple[str, str] | None = None  # (kind, name): struct|enum|func|decl
        self.macro: str | None = None  # inside a #define continued with backslashes
        self.comment = False
        # A struct member whose declaration goes on past its line (its parenthesis is
        # still open), in the file before ('-') and after ('+') the patch: the member's
        # name (None: not known), the parentheses still open, the tag of its first line.
        self.member: dict[str, tuple[str | None, int, str] | None] = {"-": None, "+": None}

    def _code(self, text: str) -> str:
        out: list[str] = []
        i = 0
        while i < len(text):
            if self.comment:
                end = text.find("*/", i)
                if end < 0:
                    return "".join(out)
                self.comment, i = False, end + 2
                continue
            start, line_comment = text.find("/*", i), text.find("//", i)
            if line_comment >= 0 and (start < 0 or line_comment < start):
                out.append(text[i:line_comment])
                return "".join(out)
            if start < 0:
                out.append(text[i:])
                break
            out.append(text[i:start])
            self.comment, i = True, start + 2
        return "".join(out)

    def feed(self, text: str, tag: str) -> None:
        """One line; TAG: ' ' unchanged, '-' removed, '+' added by the patch."""
        changed = tag != " "
        code = self._code(text)
        if self.macro is not None:
            if changed and code.strip():
                self.names.words.add(self.macro)
            if not text.rstrip().endswith("\\"):
                self.macro = None
            return
        if not code.strip():
            return
        if m := _DEFINE.match(code):
            if changed:
                self.names.words.add(m["name"])
            if text.rstrip().endswith("\\"):
                self.macro = m["name"]
            return
        if code.lstrip().startswith("#"):
            if changed and (m := _UNDEF.match(code)):
                self.names.words.add(m["name"])
            if changed and _INCLUDE_LINE.match(code):
                self.names.includes = True
            return
        if code[0].isalpha() or code[0] == "_":
            if not _LABEL.match(code):
                self._open(code.rstrip(), changed)
            return
        if code[0] == "}":
            if changed and (m := _CLOSER.match(code)) and _name(m["name"]):
                self.names.words.add(m["name"])
            self.opener = None
            self.member = {"-": None, "+": None}
            return
        if self.opener is not None and self.opener[0] == "struct":
            self._member(code, tag)
        elif changed and self.opener is not None:
            self._inside(code, removed=tag == "-")

    def _member(self, code: str, tag: str) -> None:
        """A line inside a struct or union: its member, or the one it goes on declaring.

        A line inside a member's parentheses (the parameters of a function pointer split
        over lines) changes that member: its parameter names are not fields.
        """
        changed = tag != " "
        depth = code.count("(") - code.count(")")
        pointer = _FUNC_POINTER.search(code)
        own_line = False  # the line declares a member of its own (or one not known)
        for stream in ("-", "+") if not changed else (tag,):
            going = self.member[stream]
            if going is None:
                own_line = changed
                if depth > 0:
                    self.member[stream] = (pointer["name"] if pointer else None, depth, tag)
                continue
            name, still_open, first = going
            left = still_open + depth
            self.member[stream] = (name, left, first) if left > 0 else None
            if not changed:
                continue
            if name is None:
                own_line = True
            elif tag == "-" or first == " ":  # a member the patch adds breaks no user
                self.names.fields.add(name)
        if own_line:
            self._inside(code, removed=tag == "-")

    def _open(self, code: str, changed: bool) -> None:
        self.member = {"-": None, "+": None}
        if m := _AGGREGATE.match(code):
            kind = "enum" if m["kind"] == "enum" else "struct"
            self.opener = (kind, m["name"] or "")
        elif _FORWARD.match(code):
            self.opener = None
        elif "(" in code:
            name = _callee(code)
            self.opener = ("func", name) if name else None
        elif m := _DECLARED.search(code):
            self.opener = ("decl", m["name"])
        else:
            self.opener = None  # a return type alone on its line: the name comes next
        if changed and self.opener and self.opener[1] and _name(self.opener[1]):
            self.names.words.add(self.opener[1])

    def _inside(self, code: str, removed: bool) -> None:
        assert self.opener is not None
        kind, name = self.opener
        if kind == "struct":
            if not removed:
                return  # an added field (or a new struct) breaks no user of the old ones
            if m := _FUNC_POINTER.search(code):
                self.names.fields.add(m["name"])
            else:
                self.names.fields.update(n for n in _DECLARED.findall(code) if _name(n))
        elif kind == "enum":
            if (m := _ENUMERATOR.match(code)) and _name(m["name"]):
                self.names.words.add(m["name"])
        elif name and _name(name):
            self.names.words.add(name)


def header_names(change: FileChange, before: list[str]) -> Names:
    """The names whose definition CHANGE (to a header) changes; BEFORE: its old lines."""
    scan = _Scanner()
    done = 0  # lines of BEFORE fed so far
    for hunk in change.hunks:
        start = hunk.old_start if hunk.old_count == 0 else hunk.old_start - 1
        for text in before[done:start]:
            scan.feed(text, " ")
        done = max(done, start)
        for line in hunk.lines:
            tag, text = line[0], line[1:]
            if tag == "\\":
                continue
            scan.feed(text, tag)
            if tag != "+":
                done += 1
    return scan.names


def include_spec(header: str) -> tuple[str, str | None]:
    """How ``.c`` files name HEADER in #include, and the directory they must be in (if any)."""
    parts = header.split("/")
    if parts[0] == "include":
        rest = parts[2:] if parts[1:2] == ["uapi"] else parts[1:]
        return "/".join(rest), None
    if parts[0] == "arch" and len(parts) > 3 and parts[2] == "include":
        rest = parts[4:] if parts[3:4] == ["uapi"] else parts[3:]
        return "/".join(rest), None
    return parts[-1], "/".join(parts[:-1])


def includers(repo: Path, headers: Iterable[str]) -> dict[str, list[str]]:
    """For each header, the ``.c`` files that include it directly (one git grep for all)."""
    specs = {h: include_spec(h) for h in headers}
    if not specs:
        return {}
    alternatives = "|".join(sorted({re.escape(spec) for spec, _ in specs.values()}))
    pattern = rf'^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"]([^>"]*/)?({alternatives})[>"]'
    found: dict[str, list[str]] = {h: [] for h in specs}
    for line in gitops.grep(repo, "-E", "-e", pattern, paths=("*.c",)):
        path, _, text = line.partition(":")
        named = re.search(r'[<"]([^>"]+)[>"]', text)
        if not named:
            continue
        for header, (spec, directory) in specs.items():
            if directory is None:
                hit = named[1] == spec
            else:  # a local header: "foo.h" from its own directory (or below)
                hit = path.startswith(directory + "/") and named[1].split("/")[-1] == spec
            if hit:
                found[header].append(path)
    return {h: sorted(set(paths)) for h, paths in found.items()}


def users(repo: Path, names: Names) -> dict[str, str]:
    """Files (``.c`` and ``.h``) that use NAMES, each with the first name found in it."""
    found: dict[str, str] = {}
    if names.words:
        args = ["-o", "-w", "-F"]
        for word in sorted(names.words):
            args += ["-e", word]
        for line in gitops.grep(repo, *args, paths=("*.c", "*.h")):
            path, _, match = line.partition(":")
            found.setdefault(path, match)
    if names.fields:
        fields = "|".join(sorted(names.fields))
        pattern = rf"(->|\.)[[:space:]]*({fields})([^[:alnum:]_]|$)"
        for line in gitops.grep(repo, "-o", "-E", "-e", pattern, paths=("*.c", "*.h")):
            path, _, match = line.partition(":")
            member = re.sub(r"[^\w>.-]", "", match).rstrip(".-")
            found.setdefault(path, member.replace(".", "->") if member.startswith(".") else member)
    return found


@dataclass
class Plan:
    """The objects to build for one patch, each with the reason it was picked."""

    sources: dict[str, str] = field(default_factory=dict)  # .c -> why
    not_built: list[str] = field(default_factory=list)  # touched .c files the config skips
    unbuilt_headers: list[str] = field(default_factory=list)  # changed .h nothing built covers
    names: dict[str, Names] = field(default_factory=dict)  # header -> its changed names
    notes: list[str] = field(default_factory=list)

    @property
    def unbuilt(self) -> list[str]:
        """The touched files (changed .c, changed .h) that no object built here covers."""
        return sorted(self.not_built + self.unbuilt_headers)


def touched(changes: list[FileChange]) -> list[str]:
    """The files of CHANGES a build can cover: changed or added .c and .h files."""
    return sorted(
        c.path for c in changes if c.path.endswith((".c", ".h")) and c.status != "deleted"
    )


def after(change: FileChange, before: list[str]) -> list[str]:
    """The lines of the file CHANGE makes of BEFORE (its lines before the patch)."""
    out: list[str] = []
    done = 0
    for hunk in change.hunks:
        start = hunk.old_start if hunk.old_count == 0 else hunk.old_start - 1
        out += before[done:start]
        done = max(done, start)
        for line in hunk.lines:
            if line[0] in " +":
                out.append(line[1:])
            if line[0] in " -":
                done += 1
    return out + before[done:]


def _lines(repo: Path, change: FileChange) -> list[str]:
    """CHANGE's file in REPO, before the patch (an added file: no line)."""
    if change.status == "added":
        return []
    try:
        return (repo / change.path).read_text(errors="replace").splitlines()
    except OSError:
        return []


def plan(
    repo: Path,
    changes: list[FileChange],
    built: Callable[[set[str]], set[str]],
    prefer: set[str],
    graph: visibility.Graph | None = None,
) -> Plan:
    """What to build for CHANGES, in REPO before the patch; BUILT filters objects by config.

    PREFER: top-level directories (``net``) where an includer is picked first.  GRAPH:
    REPO's include graph, kept from patch to patch (read when first needed).
    """
    result = Plan()
    wanted: dict[str, str] = {}
    serves: dict[str, str] = {}  # a user's .c -> the changed header it is built for
    for change in changes:
        if change.path.endswith(".c") and change.status != "deleted":
            wanted[change.path] = "changed"
    need_includer: dict[str, tuple[str, str]] = {}  # header -> (why, the changed header)
    deleted: list[str] = []
    sight = _Sight(repo, changes, graph)
    for change in changes:
        if not change.path.endswith(".h"):
            continue
        if change.status == "deleted":
            deleted.append(change.path)
            continue
        names = header_names(change, _lines(repo, change))
        result.names[change.path] = names
        need_includer[change.path] = (f"includes {change.path}", change.path)
        if names.includes:
            result.notes.append(
                f"{change.path}: #include lines changed; only one includer is compiled for it"
            )
        found = users(repo, names)
        unseen = sight.unseen(change.path, set(found))
        if unseen:
            result.notes.append(
                f"{change.path}: {len(unseen)} file(s) use its changed names but cannot see it"
            )
            for path in sight.anywhere(change.path):
                wanted.setdefault(path, f"may include {change.path} (a computed #include)")
        for path, name in sorted(found.items()):
            if path in unseen:
                continue
            if path.endswith(".c"):
                if path not in wanted:
                    wanted[path] = f"uses {name} ({change.path})"
                    serves[path] = change.path
            elif path not in need_includer and not any(c.path == path for c in changes):
                need_includer[path] = (f"includes {path}, which uses {name}", change.path)
    for header, paths in includers(repo, deleted).items():
        for path in paths:
            wanted.setdefault(path, f"includes {header}, deleted")
    objects = {_obj(src): src for src in wanted}
    kept = built(set(objects))
    result.sources = {objects[o]: wanted[objects[o]] for o in sorted(kept)}
    skipped = [s for s in wanted if _obj(s) not in kept]
    result.not_built = sorted(s for s in skipped if wanted[s] == "changed")
    if len(skipped) > len(result.not_built):
        result.notes.append(
            f"{len(skipped) - len(result.not_built)} user(s) of the changed names "
            "not built by the config"
        )
    covered = {serves[s] for s in result.sources if s in serves}
    covered |= _pick_includers(repo, result, need_includer, built, prefer, sight)
    result.unbuilt_headers = sorted(
        c.path
        for c in changes
        if c.path.endswith(".h") and c.status != "deleted" and c.path not in covered
    )
    return result


def _obj(source: str) -> str:
    return source[:-2] + ".o"


def _pick_includers(
    repo: Path,
    result: Plan,
    need: dict[str, tuple[str, str]],
    built: Callable[[set[str]], set[str]],
    prefer: set[str],
    sight: _Sight,
) -> set[str]:
    """One built includer per header of NEED; the changed headers that got one.

    For a header that uses a changed name, an includer that can see the changed header
    comes first: there the header's code meets the change.
    """
    covered: set[str] = set()
    for header, candidates in includers(repo, need).items():
        why, changed = need[header]
        if any(c in result.sources for c in candidates):
            covered.add(changed)
            continue
        seen = sight.known(changed) if header != changed else None
        ranked = sorted(
            candidates,
            key=lambda p: (seen is not None and p not in seen, p.split("/")[0] not in prefer, p),
        )
        chosen = None
        for start in range(0, len(ranked), 16):
            batch = ranked[start : start + 16]
            ok = built({_obj(c) for c in batch})
            chosen = next((c for c in batch if _obj(c) in ok), None)
            if chosen:
                break
        if chosen:
            result.sources[chosen] = why + " (compiled once for it)"
            covered.add(changed)
        else:
            result.notes.append(f"{header}: no .c file that includes it is built by the config")
    return covered


class _Sight:
    """Which users of a changed header's names can see the header (``visibility.py``)."""

    def __init__(self, repo: Path, changes: list[FileChange], graph: visibility.Graph | None):
        self.repo = repo
        self.changes = changes
        self.graph = graph
        self._after: dict[str, list[visibility.Include]] | None = None
        self._seen: dict[str, set[str] | None] = {}

    def _read(self) -> tuple[visibility.Graph, dict[str, list[visibility.Include]]]:
        if self.graph is None:
            self.graph = visibility.Graph(self.repo)
        if self._after is None:
            self.graph.refresh()
            self._after = {
                c.path: visibility.parse_includes("\n".join(after(c, _lines(self.repo, c))), c.path)
                for c in self.changes
                if c.status != "deleted"
            }
        return self.graph, self._after

    def seen(self, header: str) -> set[str] | None:
        """The files that can see HEADER, or what they include; None: any file."""
        if header not in self._seen:
            graph, after_ = self._read()
            seers = graph.seers(header, after_)
            if seers is not None:
                roots = {p for p in seers if not p.endswith(".h")}
                seers |= graph.reached_from(roots, after_)
            self._seen[header] = seers
        return self._seen[header]

    def known(self, header: str) -> set[str] | None:
        """What ``seen`` said of HEADER, if it was asked (it is when a name had users)."""
        return self._seen.get(header)

    def unseen(self, header: str, paths: set[str]) -> set[str]:
        """Of PATHS, the files no translation unit that can see HEADER reads."""
        if not paths:
            return set()
        seen = self.seen(header)
        return set() if seen is None else paths - seen

    def anywhere(self, header: str) -> list[str]:
        """The ``.c`` files that may include HEADER through a computed ``#include``."""
        graph, after_ = self._read()
        seen = self.seen(header) or set()
        return sorted(graph.anywhere((p for p in seen if p.endswith(".c")), after_))
