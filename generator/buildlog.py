"""Reading what ``make`` and ``gcc`` print: errors and warnings, per file and per object.

The build runs with ``make -k --output-sync=target``, so the output of one compilation
(its start line, gcc's diagnostics, the assembler's) arrives in one piece.  Each piece
starts with a line that names the object: Kbuild's quiet ``  CC [M]  net/socket.o``, or
the echoed compiler command of a plain Makefile (``gcc ... -MT net/socket.o net/socket.c``).
A log without such lines still attributes diagnostics through gcc's own context lines
(``net/socket.c: In function ...``, ``In file included from net/socket.c:62``).

Warnings are compared before and after a patch by their ``key``: file, kind and message,
without line and column, which a patch moves.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

# gcc and the assembler: "file:line[:col]: kind: message".  gas says "Warning"/"Error".
_DIAG = re.compile(
    r"^(?P<file>[^\s:][^:]*):(?P<line>\d+):(?:(?P<col>\d+):)? "
    r"(?P<kind>fatal error|error|warning|Error|Warning): (?P<msg>.*)$"
)
# A driver-level message without a location: "gcc: error: unrecognized option ...".
_TOOL = re.compile(r"^(?P<file>[\w.+-]+): (?P<kind>fatal error|error|warning): (?P<msg>.*)$")
_KBUILD_CC = re.compile(r"^\s+CC(?: \[M\])?\s+(?P<obj>\S+\.o)$")
_KBUILD_OTHER = re.compile(r"^  [A-Z][A-Z0-9_]*(?: \[M\])?\s+\S+$")  # "  HOSTCC  x", "  LD  y"
_ECHOED_CC = re.compile(r"^\S*(?:gcc|cc|clang)\S*\s.*\s-(?:MT|o)\s+(?P<obj>\S+\.o)(?:\s|$)")
_IN_FUNCTION = re.compile(r"^(?P<src>\S+\.c): (?:In function|At top level)")
_INCLUDED = re.compile(r"^(?:In file included|\s+) from (?P<src>\S+?):\d+[:,]$")
# make 4.x: "make[1]: *** [scripts/Makefile.build:258: net/socket.o] Error 1";
# older: "make: *** [net/socket.o] Error 1"; and the -k summary line.
_MAKE_FAILED = re.compile(
    r"^g?make(?:\[\d+\])?: \*\*\* \[(?:[^\]]*: )?(?P<target>[^\]:]+)\] (?P<what>.*)$"
)
_MAKE_STOP = re.compile(r"^g?make(?:\[\d+\])?: \*\*\* (?P<what>.*)$")
_NOT_REMADE = re.compile(
    r"^g?make(?:\[\d+\])?: Target '(?P<target>[^']+)' not remade because of errors\.$"
)
_NO_RULE = re.compile(r"No rule to make target '(?P<target>[^']+)'")


@dataclass(frozen=True)
class Diagnostic:
    file: str
    line: int  # 0: the tool's own message, no location
    column: int | None
    kind: str  # "error" or "warning"
    message: str
    obj: str | None = None  # the object being compiled when it was printed

    @property
    def key(self) -> tuple[str, str, str]:
        """What identifies a warning across a patch: line numbers move, messages stay."""
        return (self.file, self.kind, self.message)

    def __str__(self) -> str:
        where = self.file if not self.line else f"{self.file}:{self.line}"
        if self.column is not None:
            where += f":{self.column}"
        return f"{where}: {self.kind}: {self.message}"


@dataclass(frozen=True)
class MakeError:
    target: str | None  # the target make names, when it names one
    line: str  # make's whole line


@dataclass
class BuildLog:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    make_errors: list[MakeError] = field(default_factory=list)
    started: list[str] = field(default_factory=list)  # objects whose compilation started

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.kind == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.kind == "warning"]

    def for_object(self, obj: str) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.obj == obj]

    @property
    def failed_targets(self) -> set[str]:
        return {e.target for e in self.make_errors if e.target}


# gcc's temporary assembly (gas reports an inline asm's ".err" there): a new name each run.
_GCC_TEMPORARY = re.compile(r"^(?:.*/)?cc[A-Za-z0-9]{6}\.s$")


def _clean(path: str) -> str:
    return path.removeprefix("./")


def _source(path: str) -> str:
    """PATH as a diagnostic's file: a gcc temporary is the same one before and after."""
    return "<gcc temporary>.s" if _GCC_TEMPORARY.match(path) else _clean(path)


def _object_of(source: str) -> str | None:
    return source[:-2] + ".o" if source.endswith(".c") else None


def parse(text: str) -> BuildLog:
    """Errors and warnings (not notes) of a make/gcc log, each with the object it belongs to."""
    log = BuildLog()
    current: str | None = None  # object named by the last start line
    inferred: str | None = None  # object inferred from gcc's context lines
    chain: list[str] = []  # the "In file included from" chain being read
    for raw in text.splitlines():
        line = raw.rstrip()
        if m := _KBUILD_CC.match(line) or _ECHOED_CC.match(line):
            current = _clean(m["obj"])
            inferred = None
            log.started.append(current)
            continue
        if _KBUILD_OTHER.match(line):
            current = inferred = None
            continue
        if m := _INCLUDED.match(line):
            chain.append(_clean(m["src"]))
            inferred = _object_of(chain[-1]) or inferred
            continue
        chain = []
        if m := _IN_FUNCTION.match(line):
            inferred = _object_of(_clean(m["src"])) or inferred
            continue
        if m := _DIAG.match(line):
            file = _source(m["file"])
            if not current and file.endswith(".c"):
                inferred = _object_of(file)
            kind = "error" if "rror" in m["kind"] else "warning"
            column = int(m["col"]) if m["col"] else None
            obj = current or inferred
            log.diagnostics.append(
                Diagnostic(file, int(m["line"]), column, kind, m["msg"].strip(), obj)
            )
            continue
        if m := _NOT_REMADE.match(line):
            log.make_errors.append(MakeError(_clean(m["target"]), line))
        elif m := _MAKE_FAILED.match(line):
            log.make_errors.append(MakeError(_clean(m["target"].strip()), line))
        elif m := _MAKE_STOP.match(line):
            target = _NO_RULE.search(line)
            log.make_errors.append(MakeError(_clean(target["target"]) if target else None, line))
        elif (m := _TOOL.match(line)) and not line.startswith("make"):
            kind = "error" if "rror" in m["kind"] else "warning"
            log.diagnostics.append(Diagnostic(m["file"], 0, None, kind, m["msg"].strip(), current))
    return log


def new_diagnostics(before: list[Diagnostic], after: list[Diagnostic]) -> list[Diagnostic]:
    """The diagnostics of AFTER that BEFORE does not have (as a multiset of keys)."""
    left = Counter(d.key for d in before)
    fresh = []
    for diag in after:
        if left[diag.key]:
            left[diag.key] -= 1
        else:
            fresh.append(diag)
    return fresh
