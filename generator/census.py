"""The census: every kernel-side use of some struct fields, by Coccinelle and a token scan.

What is counted is a ``Spec``: a report rule, the fields and their struct.  A series asks
for it in its cover letter with a ``[[report]]`` of kind ``census`` (reports.py); the
``census`` verb takes msghdr-iov-iter's, the msg_iov/msg_iovlen fields of struct msghdr.

Two passes that must agree.  The rule types each access, in three selections: ``typed``
(on the struct), ``untyped`` (an unresolved type) and ``other`` (another struct with a
field of that name: for msghdr, the userland layouts struct user_msghdr and struct
compat_msghdr, which keep their fields), and leaves out userspace files (those including
<sys/socket.h>).  A token scan then reads every line of those files that spells a field
outside comments and strings, through ``.`` or ``->``: a line spatch did not mark is a
use it could not see (a macro body, a macro argument, code it could not parse).  The
target after the msghdr-iov-iter series is no use on struct msghdr and no hidden use;
the accesses of an unresolved type are listed as such.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from . import git as gitops
from . import paths, rules, scratch, sparse
from . import spatch as spatch_mod
from .errors import CheckFailed

# Userspace by kernel convention, and text: never kernel-side code.
NOT_KERNEL = (":!tools/", ":!Documentation/", ":!scripts/", ":!usr/")
SELECTIONS = ("typed", "untyped", "other")  # the virtual rules a census rule selects with
_USERSPACE = re.compile(r"^\s*#\s*include\s*<sys/socket\.h>", re.M)
# Comments and literals, whose text is no use: replaced by blanks, line breaks kept.
_NOT_CODE = re.compile(r"/\*.*?\*/|//[^\n]*|\"(?:\\.|[^\"\\\n])*\"|'(?:\\.|[^'\\\n])*'", re.S)


@dataclass(frozen=True)
class Spec:
    """What a census counts: uses of FIELDS on struct STRUCT, found by the report RULE."""

    rule: str  # semantic_patches/<rule>: Kind: report, with the SELECTIONS
    fields: tuple[str, ...]
    struct: str

    @property
    def token(self) -> re.Pattern[str]:
        """A field reached through . or -> (an access or a designator), not declared."""
        names = "|".join(re.escape(f) for f in self.fields)
        return re.compile(rf"(?:\.|->)\s*(?:{names})\b")


MSGHDR = Spec("msghdr_iov_census", ("msg_iov", "msg_iovlen"), "msghdr")  # the census verb's


@dataclass(frozen=True)
class Hidden:
    """A line spelling a field that spatch did not type: the build may reject it."""

    file: str
    line: int
    text: str
    where: str  # "macro body" or "not parsed"


@dataclass(frozen=True)
class Census:
    kernel: list[spatch_mod.Site]  # uses on the struct: the target is none
    unresolved: list[spatch_mod.Site]  # a field of that name on a type spatch cannot resolve
    hidden: list[Hidden]  # uses spatch could not see: the target is none
    files_scanned: int
    spec: Spec = MSGHDR

    @property
    def leftovers(self) -> list[tuple[str, int, str]]:
        """What a build of a tree without the fields rejects, or may: (file, line, text)."""
        found = [(s.file, s.line, s.text.strip()) for s in self.kernel]
        found += [(h.file, h.line, f"{h.text.strip()}  [{h.where}]") for h in self.hidden]
        return sorted(found)

    def as_json(self) -> dict[str, object]:
        return {
            "kernel": [asdict(s) for s in self.kernel],
            "unresolved": [asdict(s) for s in self.unresolved],
            "hidden": [asdict(h) for h in self.hidden],
            "files_scanned": self.files_scanned,
        }


def _code_lines(text: str) -> list[str]:
    """TEXT with comments and literals blanked, split in lines (numbered from 1 by index)."""
    return _NOT_CODE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text).split("\n")


def scan(name: str, text: str, seen: set[int], spec: Spec = MSGHDR) -> list[Hidden]:
    """The lines of file NAME that reach a field in code, except the typed lines in SEEN.

    A line of a macro body is listed even where spatch marked it as of an unresolved
    type: it parses a body on its own, where the argument has no type at all.
    """
    if _USERSPACE.search(text):
        return []
    code = _code_lines(text)
    raw = text.split("\n")
    token = spec.token
    hidden = []
    in_macro = False
    for number, line in enumerate(code, start=1):
        macro = in_macro or line.lstrip().startswith("#")
        in_macro = macro and line.rstrip().endswith("\\")
        if number in seen or not token.search(line):
            continue
        where = "macro body" if macro else "not parsed"
        hidden.append(Hidden(name, number, raw[number - 1], where))
    return hidden


def take(sp: spatch_mod.Spatch, tree: Path, *, jobs: int = 1, spec: Spec = MSGHDR) -> Census:
    """The census of the checked-out TREE (a scratch clone or the demo)."""
    # The census rule ships with the tool, wherever series rules are looked up.
    rule = rules.load(paths.data_dir("semantic_patches"), spec.rule)
    spatch_mod.check_requires(sp, rule.path, rule.requires)
    # Only the C files and headers that spell a field are worth parsing.
    files = gitops.grep_files(tree, spec.fields, "*.c", "*.h", *NOT_KERNEL)
    found = spatch_mod.report(sp, rule.path, rule.virtuals, tree, files=files, jobs=jobs)
    seen: dict[str, set[int]] = {}
    for selection in ("typed", "other"):
        for site in found[selection]:
            seen.setdefault(site.file, set()).add(site.line)
    hidden = []
    sparse.need(tree, files)
    for name in files:
        text = (tree / name).read_text(encoding="utf-8", errors="surrogateescape")
        hidden += scan(name, text, seen.get(name, set()), spec)
    # spatch marks an access in a macro body as of an unresolved type: it is hidden.
    macro = {(h.file, h.line) for h in hidden if h.where == "macro body"}
    unresolved = [s for s in found["untyped"] if (s.file, s.line) not in macro]
    marked = {(s.file, s.line) for s in unresolved}
    hidden = [h for h in hidden if (h.file, h.line) not in marked]
    return Census(found["typed"], unresolved, hidden, len(files), spec)


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
        progress(f"census of {'/'.join(MSGHDR.fields)} in {tree.path} at {tree.base[:12]}")
        return take(sp, clone, jobs=jobs)


def markdown(census: Census) -> str:
    spec = census.spec
    lines = [
        f"{'/'.join(spec.fields)} census (semantic_patches/{spec.rule},",
        f"{census.files_scanned} candidate files):",
        f"  kernel-side uses on struct {spec.struct}: {len(census.kernel)}",
    ]
    lines += [f"    {s.file}:{s.line}: {s.text.strip()}" for s in census.kernel]
    lines.append(
        f"  uses spatch could not type (macro bodies, unparsed code): {len(census.hidden)}"
    )
    lines += [f"    {h.file}:{h.line}: {h.text.strip()}  [{h.where}]" for h in census.hidden]
    lines.append(
        f"  accesses of a {spec.fields[0]} field of an unresolved type: {len(census.unresolved)}"
    )
    if census.unresolved:
        lines.append(f"  (not struct {spec.struct} as far as spatch can tell):")
        lines += [f"    {s.file}:{s.line}: {s.text.strip()}" for s in census.unresolved]
    return "\n".join(lines)


def leftovers_error(census: Census) -> CheckFailed | None:
    """For a census that must be empty: the error naming each use left, or None."""
    if not census.leftovers:
        return None
    sites = "\n".join(f"  {f}:{n}: {t}" for f, n, t in census.leftovers)
    return CheckFailed(
        f"the series leaves {len(census.leftovers)} kernel-side use(s) of "
        f"{'/'.join(census.spec.fields)}, which a build after it rejects:\n{sites}",
        hint="the rules refused these builders or readers: convert them by hand "
        "(or extend the rules), or pass --allow-leftovers to write the series anyway",
    )
