"""The ``audit`` verb: what every kernel_sendmsg()/kernel_recvmsg() caller assumes.

Once ``struct msghdr`` carries an iov_iter, the kvec array a caller passes is no longer
advanced by the receive path.  Each caller is put in one class:

  (i)   it passes a throwaway copy;
  (ii)  it relies on the kvec being advanced by the call (it calls again with it);
  (iii) it relies on the kvec staying unchanged (re-sends it, or advances it by hand);
  (iv)  single call, or the kvec is rebuilt before every call: its state afterwards is
        never looked at;
  unknown, with the reason, where the rules cannot decide.

The rule ``semantic_patches/kernel_msg_audit`` decides, in a scratch clone: spatch 1.3.3
as pinned has no scripting, so the rule *marks* instead of printing.  It renames each call
to ``cocci_audit__CLASS__WHY__CALLEE__FN``, wraps the statements that decided it in
``cocci_ev__ROLE__CLASS__WHY__FN(...)`` and the size argument in
``cocci_size__STATUS__FN(...)``.  The marks are identifiers, so they carry the function
name exactly, and renaming a callee keeps every line where it was; this module lines the
marked file up with the original (difflib opcodes, no text heuristics) and reads the marks
back.  A census of the tokens (comments and strings stripped) proves that every call was
seen: a token on a line without a mark is reported, never dropped.
"""

from __future__ import annotations

import difflib
import functools
import hashlib
import json
import re
import shutil
import time
from collections import Counter
from collections.abc import Callable
from contextlib import suppress
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import git as gitops
from . import paths, rules, scratch
from . import spatch as spatch_mod
from .errors import UserError

if TYPE_CHECKING:
    from .generate import Run

RULE = "kernel_msg_audit"
CALLEES = ("kernel_sendmsg", "kernel_recvmsg")
GREP_WORDS = CALLEES  # what the report greps the base and the end for (reports.py)
CLASSES = ("i", "ii", "iii", "iv", "unknown")
CLASS_TITLES = {
    "i": "passes a throwaway copy",
    "ii": "relies on the kvec being advanced by the call",
    "iii": "relies on the kvec staying unchanged",
    "iv": "single call or rebuilt before every call",
    "unknown": "the rules cannot decide",
}
# Why a rule decided, per (class, rule tag); "{fn}" is the calling function.
REASONS = {
    ("iv", "no_vector"): "no kvec at all (NULL, 0): nothing is left in it",
    ("iv", "size_zero"): "a size of 0: nothing is copied, so the kvec is left as it was",
    ("iii", "hand_advance"): "the kvec is advanced by hand after the call: the code assumes "
    "the call left it as it was",
    ("ii", "recv_loop"): "the receive is reached again (a loop) with the kvec untouched: "
    "3.18 consumed the kvec, so each round read on where the last one stopped; with an "
    "iov_iter the next round reads into the start of the buffer again",
    ("ii", "recv_then_again"): "the kvec is then given, untouched, to another call, which "
    "in 3.18 went on where this receive stopped",
    ("ii", "send_loop_counted"): "the send is reached again with the kvec untouched while "
    "the bytes sent are added up: the code expects the kvec to move on",
    ("iii", "resend_loop"): "the send is reached again with the kvec untouched and nothing "
    "added up: a retry, or the same data sent again, which needs the kvec unchanged",
    ("iii", "resend"): "the kvec is then given, untouched, to another send: it is sent "
    "again as it was",
    ("i", "copy"): "the call gets a scratch copy of another kvec, made just before it",
    ("unknown", "read_after"): "the kvec is read after the call before anything rebuilds "
    "it: whether the code expects the advanced (3.18) or the unchanged state is not "
    "decidable by the rules",
    ("iv", "rebuilt"): "the kvec is local to {fn}() and rebuilt before the call is "
    "reached again: what the call leaves in it is never read",
    ("iv", "single"): "the kvec is local to {fn}() and nothing reads it after the call",
    ("unknown", "parameter"): "the kvec is a parameter of {fn}(), passed on as it came in: "
    "what it must look like afterwards is up to the callers of {fn}(), which the rules "
    "do not follow",
    ("unknown", "alias"): "the kvec pointer is taken from elsewhere and reaches the call "
    "unchanged on some path: the rules do not follow what it points to",
    ("unknown", "as_found"): "on some path the kvec reaches the call without {fn}() "
    "writing it: it is used as found, and its owner is outside {fn}()",
    ("iv", "rebuilt_before"): "the kvec lives outside {fn}(), but is rebuilt just before the call",
    ("unknown", "no_rule"): "none of the rules matched",
    ("unknown", "call_form"): "the vector argument has none of the forms the rules know",
}
ROLES = {
    "advance": "advanced by hand",
    "index": "index moved on by hand",
    "count": "bytes added up",
    "again": "the kvec is given again here",
    "copy": "the copy",
    "read": "read after the call",
    "local": "the kvec, local",
    "parameter": "the kvec is this parameter",
    "alias": "pointer taken from",
    "rebuild": "rebuilt",
    "shrink": "kvec shortened, size not",
    "length": "length set to the size",
}
SIZE_REASONS = {
    "equal": "the size is the length of the single kvec",
    "exceeds": "the kvec is shortened by hand between rounds but the size is not: the "
    "iterator's count would exceed what the kvec holds",
    "unchecked": "the rules did not relate the size to the kvec (several segments, or a "
    "computed size); the count is the size as given",
}

_MARK = re.compile(r"\bcocci_(?:audit|ev|size|sev)__\w+|\bcocci_audit_(?:def|decl|export)\b")
_IDENT = re.compile(r"[A-Za-z_]\w*")

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Evidence:
    line: int
    role: str
    code: str

    @property
    def what(self) -> str:
        return ROLES.get(self.role, self.role)


@dataclass(frozen=True)
class SizeCheck:
    status: str  # equal | exceeds | unchecked
    evidence: tuple[Evidence, ...] = ()

    @property
    def reason(self) -> str:
        return SIZE_REASONS[self.status]


@dataclass(frozen=True)
class Caller:
    file: str
    line: int
    function: str
    callee: str  # kernel_sendmsg | kernel_recvmsg
    cls: str  # i | ii | iii | iv | unknown
    why: str  # the rule that decided
    code: str
    evidence: tuple[Evidence, ...]
    size: SizeCheck

    @property
    def reason(self) -> str:
        text = REASONS.get((self.cls, self.why), self.why.replace("_", " "))
        return text.format(fn=self.function)

    def as_json(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "function": self.function,
            "callee": self.callee,
            "class": self.cls,
            "rule": self.why,
            "reason": self.reason,
            "code": self.code,
            "evidence": [{**asdict(e), "what": e.what} for e in self.evidence],
            "size": {
                "status": self.size.status,
                "reason": self.size.reason,
                "evidence": [{**asdict(e), "what": e.what} for e in self.size.evidence],
            },
        }


@dataclass(frozen=True)
class Token:
    """A line where kernel_sendmsg/kernel_recvmsg is spelled in code, and what it is."""

    file: str
    line: int
    name: str
    kind: str  # call | definition | prototype | export | not_seen
    code: str


@dataclass
class Audit:
    tree: str
    base: str
    spatch: str
    callers: list[Caller] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)  # every code token, by kind
    comment_lines: int = 0  # lines that spell a callee only in a comment or a string
    files: int = 0
    seconds: float = 0.0
    command: list[str] = field(default_factory=list)

    def by_class(self) -> dict[str, list[Caller]]:
        return {c: [x for x in self.callers if x.cls == c] for c in CLASSES}

    @property
    def not_seen(self) -> list[Token]:
        return [t for t in self.tokens if t.kind == "not_seen"]

    def as_json(self) -> dict[str, object]:
        kinds = Counter(t.kind for t in self.tokens)
        return {
            "tree": self.tree,
            "base": self.base,
            "rule": f"semantic_patches/{RULE}",
            "spatch": self.spatch,
            "seconds": round(self.seconds, 1),
            "command": self.command,
            "summary": {
                "callers": len(self.callers),
                **{name: sum(c.callee == name for c in self.callers) for name in CALLEES},
                "classes": {c: len(v) for c, v in self.by_class().items()},
                "size": dict(Counter(c.size.status for c in self.callers)),
            },
            "census": {
                "files": self.files,
                "code_lines": len(self.tokens),
                "comment_lines": self.comment_lines,
                "kinds": dict(sorted(kinds.items())),
                "not_seen": [asdict(t) for t in self.not_seen],
                "other": [asdict(t) for t in self.tokens if t.kind not in ("call", "not_seen")],
            },
            "callers": [c.as_json() for c in self.callers],
        }


# ---- reading the marks ----------------------------------------------------------------


@dataclass(frozen=True)
class _Mark:
    line: int  # in the original file
    text: str


_ADDED = re.compile(r"^\s*cocci_kvec_(?:decl|alias)\(.*\);\s*$")


def marks(original: str, marked: str) -> list[_Mark]:
    """Every mark in MARKED, with the line of ORIGINAL it stands on.

    The rule renames and wraps in place, and sets --max-width so that spatch never
    reflows a line: line for line, the marked file is the original.  The one kind of line
    it adds, ``cocci_kvec_decl(x);`` after a kvec declaration, is taken out first; a mark
    in it belongs to that declaration, the line above.
    """
    kept: list[str] = []
    carried: dict[int, list[str]] = {}
    for text in marked.splitlines():
        if _ADDED.match(text) and kept:
            carried.setdefault(len(kept) - 1, []).extend(_MARK.findall(text))
        else:
            kept.append(text)
    old = original.splitlines()
    found = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(
        None, old, kept, autojunk=False
    ).get_opcodes():
        for j in range(j1, j2):
            if tag == "insert":  # not expected: the nearest original line
                line = max(i1, 1)
            elif tag == "equal" or i2 - i1 == j2 - j1:
                line = i1 + (j - j1) + 1
            else:  # not expected either: the block's lines, in order
                line = i1 + min(j - j1, i2 - i1 - 1) + 1
            texts = carried.get(j, []) + (_MARK.findall(kept[j]) if tag != "equal" else [])
            found += [_Mark(line, text) for text in texts]
    return found


def _split(text: str, parts: int) -> list[str]:
    """cocci_x__a__b__FN: the last part (the function) may itself contain '__'."""
    return text.split("__", parts)


def _code_lines(text: str) -> dict[int, list[str]]:
    """Per line, each callee name spelled in code (comments, strings, chars stripped)."""
    found: dict[int, list[str]] = {}
    i, line, n = 0, 1, len(text)
    while i < n:
        c = text[i]
        if c == "\n":
            line += 1
            i += 1
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            end = n if end < 0 else end + 2
            line += text.count("\n", i, end)
            i = end
        elif text.startswith("//", i):
            end = text.find("\n", i)
            i = n if end < 0 else end
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            line += text.count("\n", i, j)  # a backslash-newline inside the literal
            i = j + 1
        elif c.isalpha() or c == "_":
            m = _IDENT.match(text, i)
            assert m is not None
            if m.group(0) in CALLEES:
                found.setdefault(line, []).append(m.group(0))
            i = m.end()
        else:
            i += 1
    return found


_CALLEE = {"cocci_k_send": "kernel_sendmsg", "cocci_k_recv": "kernel_recvmsg"}
_WORD = re.compile(r"\b(?:kernel_sendmsg|kernel_recvmsg)\b")


def read_file(name: str, original: str, marked: str) -> tuple[list[Caller], list[Token], int]:
    """The callers marked in the file NAME, the census of its tokens, its comment lines."""
    src = original.splitlines()

    def code(line: int) -> str:
        return src[line - 1].strip() if 0 < line <= len(src) else ""

    calls: list[tuple[int, str, str, str, str]] = []  # line, class, why, callee, fn
    evidence: dict[tuple[str, str, str], set[Evidence]] = {}
    sizes: list[tuple[int, str, str]] = []  # line, status, fn
    size_ev: dict[tuple[str, str], set[Evidence]] = {}
    other: dict[int, list[str]] = {}
    for mark in marks(original, marked):
        if mark.text.startswith("cocci_audit__"):
            _, cls, why, callee, fn = _split(mark.text, 4)
            calls.append((mark.line, cls, why, callee, fn))
        elif mark.text.startswith("cocci_ev__"):
            _, role, cls, why, fn = _split(mark.text, 4)
            evidence.setdefault((fn, cls, why), set()).add(
                Evidence(mark.line, role, code(mark.line))
            )
        elif mark.text.startswith("cocci_size__"):
            _, status, fn = _split(mark.text, 2)
            sizes.append((mark.line, status, fn))
        elif mark.text.startswith("cocci_sev__"):
            _, role, status, fn = _split(mark.text, 3)
            size_ev.setdefault((fn, status), set()).add(Evidence(mark.line, role, code(mark.line)))
        else:
            kind = mark.text.removeprefix("cocci_audit_")
            other.setdefault(mark.line, []).append(
                {"def": "definition", "decl": "prototype"}.get(kind, kind)
            )
    spelled = _code_lines(original)
    calls.sort()
    callers = []
    for index, (line, cls, why, callee, fn) in enumerate(calls):
        names = sorted(set(spelled.get(line, ())))
        default = names[0] if len(names) == 1 else "/".join(CALLEES)
        # The size mark sits in this call's arguments: from its line up to the next call.
        upto = calls[index + 1][0] if index + 1 < len(calls) else len(src) + 1
        status = next((s for at, s, f in sizes if f == fn and line <= at < upto), "unchecked")
        callers.append(
            Caller(
                file=name,
                line=line,
                function=fn,
                callee=_CALLEE.get(callee, default),
                cls=cls,
                why=why,
                code=code(line),
                evidence=_sorted(evidence.get((fn, cls, why), set())),
                size=SizeCheck(status, _sorted(size_ev.get((fn, status), set()))),
            )
        )
    # Every spelling in code must be a marked call, definition, prototype or export.
    tokens = []
    for line, names in sorted(spelled.items()):
        calls_here = Counter(c.callee for c in callers if c.line == line)
        unnamed = sum(1 for c in callers if c.line == line and c.callee not in CALLEES)
        kinds = list(other.get(line, []))
        for callee in names:
            if calls_here[callee] or unnamed:
                if calls_here[callee]:
                    calls_here[callee] -= 1
                else:
                    unnamed -= 1
                kind = "call"
            else:
                kind = kinds.pop(0) if kinds else "not_seen"
            tokens.append(Token(name, line, callee, kind, code(line)))
    comments = sum(
        1
        for number, text in enumerate(src, start=1)
        if _WORD.search(text) and number not in spelled
    )
    return callers, tokens, comments


def _sorted(found: set[Evidence]) -> tuple[Evidence, ...]:
    return tuple(sorted(found, key=lambda e: (e.line, e.role)))


# ---- running the rule ------------------------------------------------------------------


def candidate_files(tree: Path) -> list[str]:
    """The C files and headers that spell a callee: the ones spatch must read."""
    return gitops.grep_files(tree, CALLEES, "*.c", "*.h")


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="surrogateescape")


_Read = tuple[list[Caller], list[Token], int]
_files_read: dict[str, _Read] = {}  # read_file()'s answers in this process, by _file_key()


@functools.cache
def _code() -> bytes:
    return Path(__file__).read_bytes()


def _file_key(name: str, original: str, marked: str) -> str:
    """What read_file()'s answer depends on: this module's code, the file's name, the
    original and marked texts."""
    digest = hashlib.sha256(_code())
    for text in (name, original, marked):
        data = text.encode("utf-8", "surrogateescape")
        digest.update(b"%d\0" % len(data) + data)
    return digest.hexdigest()


def _read_file(name: str, original: str, marked: str) -> _Read:
    """read_file(), its answer kept (in the cache of spatch results' store, when there is
    one): the audits of the base and of the series' end read mostly the same files, and a
    rerun all of them, and lining a kernel file up with its marked copy takes a while."""
    from . import cache  # it runs spatch through spatch.py, which this module uses

    key = _file_key(name, original, marked)
    if key in _files_read:
        return _files_read[key]
    store = cache.active()
    raw = store.get("audit-file", key) if store is not None else None
    found = None
    if raw is not None:
        with suppress(ValueError, KeyError, TypeError):
            value = json.loads(raw)
            found = (
                [_caller(c) for c in value["callers"]],
                [Token(**t) for t in value["tokens"]],
                int(value["comments"]),
            )
    if found is None:
        found = read_file(name, original, marked)
        if store is not None:
            value = {"callers": [asdict(c) for c in found[0]],
                     "tokens": [asdict(t) for t in found[1]], "comments": found[2]}  # fmt: skip
            store.put("audit-file", key, json.dumps(value, sort_keys=True).encode())
    _files_read[key] = found
    return found


def _caller(value: dict[str, Any]) -> Caller:
    def evidence(items: list[dict[str, Any]]) -> tuple[Evidence, ...]:
        return tuple(Evidence(**e) for e in items)

    size = SizeCheck(value["size"]["status"], evidence(value["size"]["evidence"]))
    return Caller(**{**value, "evidence": evidence(value["evidence"]), "size": size})


def audit_clone(sp: spatch_mod.Spatch, clone: Path, *, jobs: int = 1) -> Audit:
    """Audit CLONE, a scratch work tree that this marks in place (never the user's tree)."""
    return _audit_files(sp, clone, candidate_files(clone), jobs=jobs)


def audit_revision(
    sp: spatch_mod.Spatch, repo: Path, rev: str, work: Path, *, jobs: int = 1
) -> Audit:
    """Audit REV of REPO (a scratch clone) without checking it out: only the files that
    spell a callee are written, under WORK, and marked there."""
    files = gitops.grep_files(repo, CALLEES, "*.c", "*.h", rev=rev)
    gitops.export_files(repo, rev, files, work)
    return _audit_files(sp, work, files, jobs=jobs)


def _audit_files(sp: spatch_mod.Spatch, root: Path, files: list[str], *, jobs: int) -> Audit:
    # The audit rule ships with the tool: not looked up where series rules may be overridden.
    rule = rules.load(paths.data_dir("semantic_patches"), RULE)
    spatch_mod.check_requires(sp, rule.path, rule.requires)
    if rule.kind != "report":
        raise UserError(f"{rule.path}: the audit rule must be '// Kind: report'")
    spatch_mod.parse_rule(sp, rule.path, rule.virtuals)
    originals = {name: _read(root / name) for name in files}
    done = spatch_mod.apply(sp, rule.path, root, jobs=jobs, files=files)
    result = Audit(tree=str(root), base="", spatch=sp.version, files=len(files))
    result.seconds = done.seconds
    result.command = done.argv
    for name in files:
        callers, tokens, comments = _read_file(name, originals[name], _read(root / name))
        result.callers += callers
        result.tokens += tokens
        result.comment_lines += comments
    result.callers.sort(key=lambda c: (c.file, c.line))
    return result


def audit(
    tree_path: Path | None,
    *,
    base: str = "HEAD",
    jobs: int = 1,
    spatch: str | None = None,
    progress: Progress = lambda _: None,
) -> Audit:
    """Audit the callers in TREE_PATH at BASE (the demo tree if None), in a scratch clone."""
    with scratch.directory("cocci-series-audit-") as work:
        label = None if tree_path else "the embedded demo tree"
        # Only the commit BASE is read (in a clone): uncommitted changes do not matter.
        tree = scratch.user_tree(work, tree_path, base, require_clean=False)
        sp = spatch_mod.find(spatch)
        clone = gitops.scratch_clone(tree.path, tree.base, work / "tree")
        progress(
            f"auditing kernel_sendmsg/kernel_recvmsg callers in {tree.path} at {tree.base[:12]}"
        )
        start = time.monotonic()
        result = audit_clone(sp, clone, jobs=jobs)
        result.tree, result.base = label or str(tree.path), tree.base
        progress(
            f"{len(result.callers)} callers in {result.files} files, "
            f"{time.monotonic() - start:.1f}s"
        )
    return result


class CoverReport:
    """generate()'s ``reports`` hook: the audit of the base, and what the series leaves.

    From generate's own scratch clone, only the files that matter are written out: a
    kernel is not checked out (and deleted) twice more for this.  The base's audit needs
    no step: ``start()`` makes it before they run, where generate can.
    """

    def __init__(self, *, jobs: int = 1) -> None:
        self.jobs = jobs
        self.before: Audit | None = None

    def start(self, clone: Path, run: Run) -> None:
        work = clone.parent / "audit-base"  # removed with generate's scratch directory
        self.before = audit_revision(run.spatch, clone, run.tree.base, work, jobs=self.jobs)

    def __call__(self, clone: Path, run: Run) -> list[str]:
        with scratch.directory("cocci-series-audit-") as work:
            before = self.before or audit_revision(
                run.spatch, clone, run.tree.base, work / "base", jobs=self.jobs
            )
            after = audit_revision(run.spatch, clone, "HEAD", work / "after", jobs=self.jobs)
        return [cover_text(before, after)]


def cover_report(*, jobs: int = 1) -> CoverReport:
    return CoverReport(jobs=jobs)


# ---- text for people and tools ---------------------------------------------------------


def to_json(result: Audit) -> str:
    return json.dumps(result.as_json(), indent=2) + "\n"


def _where(c: Caller) -> str:
    return f"{c.file}:{c.line} {c.function}()"


def cover_text(before: Audit, after: Audit | None = None) -> str:
    """The cover-letter section: counts per class and the class (ii) callers."""
    groups = before.by_class()
    sends = sum(c.callee == "kernel_sendmsg" for c in before.callers)
    lines = [
        f"kvec caller audit (semantic_patches/{RULE}, spatch {before.spatch}):",
        f"  {len(before.callers)} kernel_sendmsg()/kernel_recvmsg() call sites at the base "
        f"({sends} send, {len(before.callers) - sends} receive)",
    ]
    lines += [f"  ({c}) {CLASS_TITLES[c]}: {len(groups[c])}" for c in CLASSES if c != "unknown"]
    lines.append(f"  unknown ({CLASS_TITLES['unknown']}): {len(groups['unknown'])}")
    exceeds = [c for c in before.callers if c.size.status == "exceeds"]
    lines.append(f"  size argument can exceed the kvec: {len(exceeds)}")
    lines += [f"    {_where(c)}" for c in exceeds]
    lines.append("  class (ii), which break once the kvec is no longer advanced:")
    lines += [f"    {_where(c)}" for c in groups["ii"]] or ["    none"]
    if before.not_seen:
        lines.append(f"  NOT SEEN by the rules (check by hand): {len(before.not_seen)}")
        lines += [f"    {t.file}:{t.line}" for t in before.not_seen]
    if after is not None:
        left = after.by_class()["ii"]
        lines.append(f"  class (ii) callers left after this series: {len(left)}")
        lines += [f"    {_where(c)}" for c in left]
    return "\n".join(lines)


def _md_code(text: str) -> str:
    return "`" + text.replace("`", "'") + "`" if text else ""


def _md_caller(c: Caller) -> list[str]:
    lines = [
        f"### {c.file}:{c.line} `{c.function}()` ({c.callee}, class {c.cls})",
        "",
        f"{c.reason[0].upper()}{c.reason[1:]} (rule `{c.why}`).",
        "",
        f"- {c.line}: {_md_code(c.code)} (the call)",
    ]
    lines += [f"- {e.line}: {_md_code(e.code)} ({e.what})" for e in c.evidence]
    lines.append(f"- size: {c.size.status}: {c.size.reason}")
    lines += [f"  - {e.line}: {_md_code(e.code)} ({e.what})" for e in c.size.evidence]
    return [*lines, ""]


def markdown(result: Audit) -> str:
    groups = result.by_class()
    sends = sum(c.callee == "kernel_sendmsg" for c in result.callers)
    out = [
        "# kernel_sendmsg()/kernel_recvmsg() callers: what they assume about the kvec",
        "",
        f"Tree {_md_code(result.tree)} at `{result.base[:12]}`, rule `semantic_patches/{RULE}`, "
        f"spatch {result.spatch}, {result.seconds:.1f} s.",
        "",
        f"{len(result.callers)} call sites ({sends} kernel_sendmsg, "
        f"{len(result.callers) - sends} kernel_recvmsg) in {result.files} files.",
        "",
        "| class | the caller | call sites |",
        "|---|---|---:|",
    ]
    out += [f"| {c} | {CLASS_TITLES[c]} | {len(groups[c])} |" for c in CLASSES]
    out.append("")
    sections = (
        ("ii", "Class (ii): relies on the kvec being advanced",
         "These break silently once msghdr carries an iov_iter and the receive helpers stop "
         "advancing the kvec: each needs its own fix, before that patch."),
        ("unknown", "Unknown: the rules cannot decide", "Check these by hand."),
    )  # fmt: skip
    for cls, title, note in sections:
        out += [f"## {title}", "", note, ""]
        out += [line for c in groups[cls] for line in _md_caller(c)] or ["None.", ""]
    exceeds = [c for c in result.callers if c.size.status == "exceeds"]
    out += ["## Size argument can exceed the kvec", "",
            "The size becomes the iterator's count.", ""]  # fmt: skip
    out += [line for c in exceeds for line in _md_caller(c)] or ["None.", ""]
    for cls in ("i", "iii", "iv"):
        out += [f"## Class ({cls}): {CLASS_TITLES[cls]}", ""]
        out += [line for c in groups[cls] for line in _md_caller(c)] or ["None.", ""]
    out += _md_census(result)
    return "\n".join(out)


def _md_census(result: Audit) -> list[str]:
    kinds = Counter(t.kind for t in result.tokens)
    out = [
        "## Census: none missing",
        "",
        f"{result.files} files spell kernel_sendmsg or kernel_recvmsg: "
        f"{len(result.tokens)} spellings in code, and {result.comment_lines} lines that "
        "spell them only in comments or strings.  Every spelling in code is one of:",
        "",
    ]
    out += [f"- {kind}: {kinds[kind]}" for kind in ("call", "definition", "prototype", "export")]
    others = [t for t in result.tokens if t.kind in ("definition", "prototype", "export")]
    out += [f"  - {t.file}:{t.line} {t.kind} of {t.name}" for t in others]
    if result.not_seen:
        out += ["", "**Not seen by the rules** (spatch left them unmarked: check by hand):", ""]
        out += [f"- {t.file}:{t.line}: {_md_code(t.code)}" for t in result.not_seen]
    else:
        out += ["", "Not seen by the rules: none."]
    return [*out, ""]


def case_report(sp: spatch_mod.Spatch, rule: Path, case: Path) -> str:
    """What the rule reports for one golden case: the form of its ``.res`` file."""
    with scratch.directory("cocci-series-audit-case-") as work:
        copy = work / case.name
        shutil.copyfile(case, copy)
        spatch_mod.apply(sp, rule.resolve(), work, files=[case.name])
        callers, tokens, _ = read_file(case.name, _read(case), _read(copy))
    lines = []
    for c in callers:
        lines.append(f"{c.line}: {c.function} {c.callee} ({c.cls}) {c.why} size={c.size.status}")
        lines += [f"  {e.line}: {e.role}" for e in c.evidence]
        lines += [f"  {e.line}: size {e.role}" for e in c.size.evidence]
    lines += [f"{t.line}: {t.name} not seen" for t in tokens if t.kind == "not_seen"]
    return "".join(line + "\n" for line in lines)


def write_json(result: Audit, path: Path) -> None:
    """Write the JSON form to PATH, atomically (a partial file is never left behind)."""
    if not path.parent.is_dir():
        raise UserError(f"{path.parent}: no such directory", hint="pass --json in an existing one")
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(to_json(result), encoding="utf-8")
    tmp.replace(path)
