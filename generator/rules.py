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
    #spatch --include-headers    (optional; spatch reads these lines itself)

The header ends at the first line that is none of these.  Options live only in ``#spatch``
lines, which spatch honours, so running the rule by hand behaves exactly as the tool does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .errors import UserError

CONFIDENCE = ("High", "Moderate", "Low")
KINDS = ("transformation", "new-code", "report")
_KEYS = ("Confidence", "Requires", "Keywords", "Kind")
_KEY_LINE = re.compile(r"^// (?P<key>[A-Z][A-Za-z-]*): (?P<value>.+)$")


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
    virtuals = tuple(
        name.strip()
        for line in body.splitlines()
        if line.startswith("virtual ")
        for name in line[len("virtual ") :].split(",")
    )
    return Rule(
        name=path.stem,
        path=path,
        description=tuple(description),
        confidence=fields["Confidence"],
        requires=fields["Requires"],
        keywords=tuple(k.strip() for k in fields["Keywords"].split(",") if k.strip()),
        kind=kind,
        options=tuple(options),
        virtuals=virtuals,
        body=body,
    )


def load(rules_dir: Path, name: str) -> Rule:
    """The rule NAME: ``RULES_DIR/NAME/NAME.cocci``."""
    path = rules_dir / name / f"{name}.cocci"
    if not path.is_file():
        raise UserError(f"no rule {name!r}: {path} does not exist")
    return parse(path)


def all_rules(rules_dir: Path) -> list[Rule]:
    return [parse(p) for p in sorted(rules_dir.glob("*/*.cocci")) if p.parent.name == p.stem]
