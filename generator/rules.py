"""Semantic patches: ``semantic_patches/<name>/<name>.cocci`` and their strict header.

A rule opens with the kernel's Coccinelle header::

    // SPDX-License-Identifier: GPL-2.0-only
    /// What the rule does (these lines become the commit message body).
    ///
    /// Why.
    // Confidence: High
    // Requires: 1.3.3
    // Keywords: msghdr, iovec
    // Kind: new-code            (optional; says the rule carries code written by hand)
    // Core: send_s              (optional: for a rule of more than 40 lines, the SmPL
                                 rule commit messages quote instead of the whole file;
                                 by default its first named rule that changes code)
    #spatch --include-headers    (optional; spatch reads these lines itself)

The header ends at the first line that is none of these.  Options live only in ``#spatch``
lines, which spatch honours, so running the rule by hand behaves exactly as the tool does.

That strictness is for the project's own rules.  A rule from elsewhere (the kernel's
``scripts/coccinelle/``, a user's file) is taken as it is (``load_file()``): its header is
optional, its ``// Options:`` line is honoured as ``scripts/coccicheck`` does.  Either way
a rule declaring virtual rules runs in patch mode only (``-D patch``), and is parse-checked
in that mode only: a rule written for several modes may not parse with all of them at once.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from pathlib import Path

from .errors import UserError

CONFIDENCE = ("High", "Moderate", "Low")
KINDS = ("transformation", "new-code", "report")
_KEYS = ("Confidence", "Requires", "Keywords", "Kind", "Core")
QUOTE_LINES = 40  # a longer rule is named, and only its core is quoted
_KEY_LINE = re.compile(r"^// (?P<key>[A-Z][A-Za-z-]*): (?P<value>.+)$")
_OPTIONS_LINE = re.compile(r"^//\s*Options:(?P<value>.*)$")
PATCH_MODE = "patch"
TREE_RULES = "scripts/coccinelle"  # where a kernel keeps the rules it ships


@dataclass(frozen=True)
class Case:
    """A golden test of a rule: spatch on ``<case>.c`` must give ``<case>.res`` byte for byte."""

    name: str
    source: Path
    expected: Path

    @property
    def changes(self) -> bool:
        return self.source.read_bytes() != self.expected.read_bytes()


@dataclass(frozen=True)
class Rule:
    name: str
    path: Path
    description: tuple[str, ...]  # the /// lines, without the marker
    confidence: str
    requires: str
    keywords: tuple[str, ...]
    kind: str
    options: tuple[str, ...]  # from #spatch lines
    virtuals: tuple[str, ...]  # names declared with `virtual`
    body: str  # the SmPL after the header, as quoted in commit messages
    # Options spatch does not read itself: a kernel rule's `// Options:` line.
    run_options: tuple[str, ...] = ()
    # Where the commit message says the rule is: a path in the tree patched (the
    # kernel's scripts/coccinelle/, not quoted: the kernel has it), or None (quoted).
    tree_path: str | None = None
    project: bool = True  # one of semantic_patches/, cited by that path
    core: str | None = None  # the SmPL rule to quote of a long body (// Core:)

    @property
    def defines(self) -> tuple[str, ...]:
        """The virtual rules spatch runs this rule with: patch mode, if it has modes."""
        return (PATCH_MODE,) if PATCH_MODE in self.virtuals else ()

    @property
    def long(self) -> bool:
        """Too long to quote whole in a commit message: its core is quoted instead."""
        return len(self.body.splitlines()) > QUOTE_LINES

    @property
    def quote(self) -> str:
        """What a commit message quotes: the body, or for a long rule its core."""
        return _core(self.body, self.core) if self.long else self.body

    @property
    def cases(self) -> list[Case]:
        found = []
        for source in sorted(self.path.parent.glob("*.c")):
            found.append(Case(source.stem, source, source.with_suffix(".res")))
        return found


def _fail(path: Path, line: int, what: str) -> UserError:
    return UserError(
        f"{path}:{line}: {what}",
        hint="a rule opens with SPDX, /// description, // Confidence:, // Requires:, "
        "// Keywords: (see generator/rules.py)",
    )


def parse(path: Path) -> Rule:
    """Read and validate the header of the rule at PATH."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise UserError(f"{path}: cannot read rule: {exc.strerror}") from exc
    if not lines or not lines[0].startswith("// SPDX-License-Identifier: "):
        raise _fail(path, 1, "first line must be '// SPDX-License-Identifier: ...'")
    description: list[str] = []
    fields: dict[str, str] = {}
    options: list[str] = []
    index = 1
    for index, line in enumerate(lines[1:], start=2):
        if line.startswith("///"):
            if fields:
                raise _fail(path, index, "/// description lines come before the // Key: lines")
            description.append(line[3:].removeprefix(" "))
        elif m := _KEY_LINE.match(line):
            key = m["key"]
            if key not in _KEYS:
                raise _fail(path, index, f"unknown header key {key!r} (known: {', '.join(_KEYS)})")
            if key in fields:
                raise _fail(path, index, f"header key {key!r} given twice")
            fields[key] = m["value"].strip()
        elif line.startswith("#spatch "):
            options.extend(line.split()[1:])
        else:
            break
    else:
        index = len(lines) + 1
    while description and not description[-1]:
        description.pop()
    if not description:
        raise _fail(path, 2, "missing /// description lines")
    for key in ("Confidence", "Requires", "Keywords"):
        if key not in fields:
            raise _fail(path, index, f"missing header line '// {key}: ...'")
    if fields["Confidence"] not in CONFIDENCE:
        raise _fail(path, index, f"Confidence must be one of {', '.join(CONFIDENCE)}")
    kind = fields.get("Kind", "transformation")
    if kind not in KINDS:
        raise _fail(path, index, f"Kind must be one of {', '.join(KINDS)}")
    body = "\n".join(lines[index - 1 :]).strip("\n") + "\n"
    core = fields.get("Core")
    if core is not None and not _core(body, core):
        raise _fail(path, index, f"// Core: no SmPL rule @{core}@ in the body")
    return Rule(
        name=path.stem,
        path=path,
        description=tuple(description),
        confidence=fields["Confidence"],
        requires=fields["Requires"],
        keywords=tuple(k.strip() for k in fields["Keywords"].split(",") if k.strip()),
        kind=kind,
        options=tuple(options),
        virtuals=_virtuals(body),
        body=body,
        core=core,
    )


def _virtuals(body: str) -> tuple[str, ...]:
    return tuple(
        name.strip()
        for line in body.splitlines()
        if line.startswith("virtual ")
        for name in line[len("virtual ") :].split(",")
    )


def load_file(path: Path) -> Rule:
    """A rule from outside semantic_patches/ (a kernel one, a user's), taken as it is.

    The leading comment lines are its header, all optional: ``///`` lines describe it,
    ``// Key: value`` lines are read where they are known, ``// Options:`` is passed to
    spatch (``scripts/coccicheck`` does the same), ``#spatch`` lines spatch reads itself.
    A rule that declares virtual rules must have a patch mode.
    """
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        why = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
        raise UserError(f"{path}: cannot read rule: {why}") from exc
    description: list[str] = []
    fields: dict[str, str] = {}
    options: list[str] = []
    run_options: list[str] = []
    end = len(lines)
    for number, line in enumerate(lines):
        if line.startswith("///"):
            description.append(line[3:].removeprefix(" "))
        elif m := _OPTIONS_LINE.match(line):
            run_options += shlex.split(m["value"])
        elif m := _KEY_LINE.match(line):
            fields.setdefault(m["key"], m["value"].strip())
        elif line.startswith("#spatch "):
            options.extend(line.split()[1:])
        elif not (line.startswith("//") or not line.strip()):
            end = number
            break
    while description and not description[-1]:
        description.pop()
    body = "\n".join(lines[end:]).strip("\n") + "\n"
    virtuals = _virtuals(body)
    if virtuals and PATCH_MODE not in virtuals:
        raise UserError(
            f"{path}: the rule has no patch mode (virtual {', '.join(virtuals)})",
            hint="cocci-series makes patches: the rule needs `virtual patch` "
            "and rules that depend on it",
        )
    kind = fields.get("Kind", "transformation")
    return Rule(
        name=path.stem,
        path=path,
        description=tuple(description),
        confidence=fields.get("Confidence", ""),
        requires=fields.get("Requires", ""),
        keywords=tuple(k.strip() for k in fields.get("Keywords", "").split(",") if k.strip()),
        kind=kind if kind in KINDS else "transformation",
        options=tuple(options),
        virtuals=virtuals,
        body=body,
        run_options=tuple(run_options),
        project=False,
    )


def _blocks(body: str) -> list[tuple[str, int, int]]:
    """The SmPL rules of BODY: (name, first line, end line), each with its leading comment."""
    lines = body.splitlines()
    heads = []
    in_meta = False
    for i, line in enumerate(lines):
        if in_meta:
            in_meta = line.strip() != "@@"
        elif m := re.match(r"^@(\w*)(?:\s[^@]*)?@\s*$", line):
            heads.append((m[1], i))
            in_meta = True
    blocks = []
    for k, (name, i) in enumerate(heads):
        start = i
        while start > 0 and lines[start - 1].startswith("//"):
            start -= 1
        end = heads[k + 1][1] if k + 1 < len(heads) else len(lines)
        while end > i and (not lines[end - 1].strip() or lines[end - 1].startswith("//")):
            end -= 1
        blocks.append((name, start, end))
    return blocks


def _core(body: str, name: str | None) -> str:
    """The SmPL rule NAME of BODY, or (None) its first rule that removes or adds code."""
    lines = body.splitlines()
    for rule, start, end in _blocks(body):
        text = lines[start:end]
        if rule == name or (
            name is None and any(t[:1] in "+-" and not t.startswith(("++", "--")) for t in text)
        ):
            return "\n".join(text) + "\n"
    return ""


def load(rules_dir: Path, name: str) -> Rule:
    """The rule NAME: ``RULES_DIR/NAME/NAME.cocci``."""
    path = rules_dir / name / f"{name}.cocci"
    if not path.is_file():
        raise UserError(f"no rule {name!r}: {path} does not exist")
    return parse(path)


def all_rules(rules_dir: Path) -> list[Rule]:
    return [parse(p) for p in sorted(rules_dir.glob("*/*.cocci")) if p.parent.name == p.stem]
