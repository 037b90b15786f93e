"""The one door to Coccinelle's ``spatch``: finding it, parsing rules, applying them.

spatch exits 0 even when it gave up on a file, so every run's stderr is read: the pinned
build prints ``SPATCH-DROP kind=... file=...`` per file it dropped (timeout, exception)
and a ``SPATCH-SUMMARY`` line; a dropped file is an error that names it, never silence.
"""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from . import proc, sparse
from . import scratch as scratch_mod
from .errors import ToolFailed, UserError

INSTALL_HINT = (
    "install the pinned build with `pip install cvehound-spatch`, "
    "or pass --spatch PATH (or set $SPATCH) to a Coccinelle spatch"
)
DEFAULT_TIMEOUT = 600  # seconds per file; a kernel file that needs more is a rule problem

TICK_EVERY = 2.0  # seconds between progress lines while spatch runs
_HANDLING = re.compile(r"^HANDLING: (?P<files>.+)$", re.M)
_MATCHING = re.compile(r"^(?P<count>\d+) files match$", re.M)
_DROP = re.compile(r'^SPATCH-DROP kind=(?P<kind>\S+) reason="(?P<reason>[^"]*)" file=(?P<file>.+)$')
_SUMMARY = re.compile(r"^SPATCH-SUMMARY (?P<fields>.*)$")


@dataclass(frozen=True)
class Spatch:
    path: Path
    version: str  # e.g. "1.3.3"
    version_line: str  # spatch's own first line of --version
    call_timeout: float = 4 * 3600.0  # seconds per spatch run (--spatch-timeout)

    def argv(self, *args: str) -> list[str]:
        return [str(self.path), *args]


@dataclass(frozen=True)
class Drop:
    kind: str
    reason: str
    file: str


@dataclass
class SpatchResult:
    argv: list[str]
    seconds: float
    stdout: str
    stderr: str
    summary: dict[str, int] = field(default_factory=dict)
    drops: list[Drop] = field(default_factory=list)
    ran: int = 0  # files spatch processed
    reused: int = 0  # files whose result came from the cache instead (cache.py)


@dataclass(frozen=True)
class Site:
    """A line that a context-mode (``*``) rule marked."""

    file: str
    line: int
    text: str


_HUNK = re.compile(r"^@@ -(?P<start>\d+)(?:,\d+)? \+\d+(?:,\d+)? @@")


def context_sites(diff: str) -> list[Site]:
    """The marked lines of spatch's context-mode output, sorted by file and line.

    Context mode prints a unified diff whose ``-`` lines are the lines a ``*`` matched;
    their numbers are counted from the hunk headers, in the original file.
    """
    sites = set()
    current = ""
    line = 0
    for text in diff.splitlines():
        if text.startswith("--- "):
            current = text[4:].split("\t")[0].removeprefix("./")
        elif text.startswith("+++ ") or text.startswith("diff "):
            continue
        elif m := _HUNK.match(text):
            line = int(m["start"])
        elif text.startswith("-"):
            sites.add(Site(current, line, text[1:]))
            line += 1
        elif text.startswith(" "):
            line += 1
    return sorted(sites, key=lambda s: (s.file, s.line))


def diff_files(diff: str) -> set[str]:
    """The files a spatch diff changes (its ``+++ b/PATH`` lines)."""
    return {line[6:].split("\t")[0] for line in diff.splitlines() if line.startswith("+++ b/")}


def _bundled() -> Path | None:
    try:
        import cvehound_spatch  # type: ignore[import-untyped]
    except ImportError:
        return None
    try:
        return Path(cvehound_spatch.spatch_path())
    except FileNotFoundError:
        return None


def find(explicit: str | None = None, call_timeout: float | None = None) -> Spatch:
    """Resolve spatch: --spatch, then $SPATCH, then the pinned wheel, then PATH.

    CALL_TIMEOUT (seconds) ends a spatch run that takes longer (default: 4 hours).
    """
    chosen = explicit or os.environ.get("SPATCH")
    if chosen:
        path = Path(chosen) if "/" in chosen else Path(shutil.which(chosen) or chosen)
        if not (path.is_file() and os.access(path, os.X_OK)):
            raise UserError(f"spatch not found at {chosen}", hint=INSTALL_HINT)
    else:
        found = _bundled() or (Path(w) if (w := shutil.which("spatch")) else None)
        if found is None:
            raise UserError("spatch not found", hint=INSTALL_HINT)
        path = found
    done = proc.run([str(path), "--version"], timeout=60, errors="replace")
    first = (done.stdout or done.stderr).strip().splitlines()[:1]
    match = re.match(r"spatch version (\S+)", first[0]) if first else None
    if done.returncode != 0 or not match:
        raise UserError(f"{path} does not answer like spatch to --version", hint=INSTALL_HINT)
    found_sp = Spatch(path, match.group(1), first[0])
    if call_timeout is not None:
        if call_timeout <= 0:
            raise UserError(f"--spatch-timeout {call_timeout:g}: must be a number of seconds > 0")
        found_sp = dataclasses.replace(found_sp, call_timeout=call_timeout)
    return found_sp


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"\d+", text)[:3])


def check_requires(sp: Spatch, rule: Path, requires: str) -> None:
    """A rule's ``// Requires: X.Y.Z`` against the running spatch."""
    if _version(sp.version) < _version(requires):
        raise UserError(
            f"{rule}: requires spatch {requires}, {sp.path} is {sp.version}",
            hint=INSTALL_HINT,
        )


def parse_rule(sp: Spatch, rule: Path, defines: Sequence[str] = ()) -> None:
    """Fail with spatch's own message if RULE does not parse.

    DEFINES are the virtual rules it runs with: a rule whose every rule depends on an
    undefined virtual is refused by spatch ("No rules apply").  Inside
    ``cache.using(store)``, a rule that parsed before is not parsed again.
    """
    from . import cache

    store = cache.active()
    key = None if store is None else cache.parse_key(sp, rule, defines)
    if store is not None and key is not None and store.get("parsed", key) is not None:
        return
    args = ["--parse-cocci", str(rule)]
    for name in defines:
        args += ["-D", name]
    done = proc.run(sp.argv(*args), errors="replace", timeout=600)
    if done.returncode < 0:  # killed: the rule is not to blame
        raise ToolFailed(sp.argv(*args), done.returncode, done.stdout + done.stderr)
    if done.returncode != 0:
        lines = [
            line
            for line in (done.stdout + done.stderr).splitlines()
            if line.strip() and not line.startswith("init_defs_builtins")
        ]
        detail = " ".join(" ".join(lines[:3]).split()) or f"no message, {done.how()}"
        raise UserError(
            f"{rule}: spatch cannot parse this rule: {detail}",
            hint=f"run `{sp.path} --parse-cocci {rule}` to see the whole message",
        )
    if store is not None and key is not None:
        store.put("parsed", key, b"")


def _read_stderr(stderr: str) -> tuple[dict[str, int], list[Drop]]:
    summary: dict[str, int] = {}
    drops: list[Drop] = []
    for line in stderr.splitlines():
        if m := _DROP.match(line):
            drops.append(Drop(m["kind"], m["reason"], m["file"].removeprefix("./")))
        elif m := _SUMMARY.match(line):
            for item in m["fields"].split():
                key, _, value = item.partition("=")
                summary[key] = int(value) if value.isdigit() else 0
    return summary, drops


@dataclass(frozen=True)
class Call:
    """One application of a rule: what ``apply()`` was asked to do."""

    sp: Spatch
    rule: Path
    tree: Path
    jobs: int = 1
    options: tuple[str, ...] = ()
    defines: tuple[str, ...] = ()
    in_place: bool = True
    timeout: int = DEFAULT_TIMEOUT
    files: tuple[str, ...] | None = None
    tick: Callable[[str], None] | None = None  # progress lines while spatch runs

    def command(self, scratch: Path, only: Sequence[str] | None = None) -> list[str]:
        """The spatch command line, run from the top of the tree, its work files in SCRATCH.

        ONLY (paths relative to the tree) limits the run to those of the files the call
        would process, each as its own group, with the same result for each: a call
        without FILES (``--dir . --use-gitgrep``) is then imitated on a list of files
        (the same ``./`` names, diff prefixes and include path).
        """
        # --quiet, not --very-quiet: the HANDLING: lines tell which files spatch got to.
        args = ["--sp-file", str(self.rule.resolve()), "--quiet",
                "--timeout", str(self.timeout), "-j", str(max(1, self.jobs))]  # fmt: skip
        for name in self.defines:
            args += ["-D", name]
        if self.in_place:
            args.append("--in-place")
        # spatch -j keeps its workers' output in a directory it creates in the current
        # directory (the tree, which would then be committed or left dirty): put it aside.
        args += ["--tmp-dir", f"{scratch}/jobs"]
        if self.files is None and only is None:
            return self.sp.argv(*args, "--dir", ".", "--use-gitgrep", *self.options)
        groups = scratch / "groups.txt"
        names: Sequence[str] = only if only is not None else self.files or ()
        like_dir = self.files is None
        groups.write_text("".join(f"{'./' if like_dir else ''}{name}\n\n" for name in names))
        args += ["--file-groups", str(groups)]
        if like_dir:
            # As --dir . runs: spatch skips a file without the rule's tokens unparsed (on
            # a kernel, a rule whose only token is "int" would otherwise parse 28,000).
            args += ["--patch", "."]
        else:
            args.append("--disable-worth-trying-opt")
            if sparse.is_dir(self.tree, "include") and not _has_include_path(self):
                args += ["-I", "./include"]  # what --dir . sets when no -I is given
        return self.sp.argv(*args, *self.options)


def spatch_lines(rule: Path) -> list[str]:
    """The options of RULE's ``#spatch`` lines, which spatch reads itself."""
    text = rule.read_text(encoding="utf-8", errors="replace")
    return [
        tok for line in text.splitlines() if line.startswith("#spatch") for tok in line.split()[1:]
    ]


def _has_include_path(call: Call) -> bool:
    return any(a in ("-I", "--include-path") for a in (*spatch_lines(call.rule), *call.options))


def apply(
    sp: Spatch,
    rule: Path,
    tree: Path,
    *,
    jobs: int = 1,
    options: tuple[str, ...] = (),
    defines: tuple[str, ...] = (),
    in_place: bool = True,
    timeout: int = DEFAULT_TIMEOUT,
    files: Sequence[str] | None = None,
    tick: Callable[[str], None] | None = None,
) -> SpatchResult:
    """Apply RULE to the git tree TREE (in place by default).

    Without FILES, spatch's own ``--use-gitgrep`` prefilter picks the files that hold the
    rule's tokens.  With FILES (paths relative to TREE), exactly those are processed,
    each as its own group; the caller then owns the prefilter (spatch's per-file token
    check is off, so a file reaching a type only through its includes is not skipped).
    Raises UserError naming the file for every file spatch dropped.  TICK, if given, gets
    a progress line every few seconds (files done / total).

    Inside ``cache.using(store)``, results come from the store where they can
    (``cache.py``), with the same outcome.
    """
    if files is not None and not files:
        return SpatchResult([], 0.0, "", "")
    call = Call(sp, rule, tree, jobs, tuple(options), tuple(defines), in_place, timeout,
                None if files is None else tuple(files), tick)  # fmt: skip
    from . import cache  # the cache runs spatch through run() below

    store = cache.active()
    return run(call) if store is None else cache.apply(store, call)


def run(call: Call, only: Sequence[str] | None = None, *, inputs_out: bool = False) -> SpatchResult:
    """Run spatch for CALL (on ONLY of its files, see ``Call.command``) and check its output.

    INPUTS_OUT: the caller checked out every file spatch reads (``cache.py``); else the
    tree is checked out whole first.
    """
    rule, sp = call.rule, call.sp
    if not inputs_out:
        sparse.need_all(call.tree)  # spatch reads the tree itself, headers and all
    given = list(only) if only is not None else None if call.files is None else list(call.files)
    with scratch_mod.directory("cocci-spatch-") as scratch:
        argv = call.command(Path(scratch), only)
        proc.alias(scratch, "$TMPDIR/cocci-spatch-XXXX")
        try:
            done = proc.run(
                argv,
                cwd=call.tree,
                errors="replace",
                timeout=sp.call_timeout,
                tick=_ticker(rule, given, call.tick) if call.tick else None,
                tick_every=TICK_EVERY,
            )
        except proc.TimedOut as exc:
            raise UserError(
                f"{rule.name}: spatch did not finish in {sp.call_timeout:g}s and was ended",
                hint="pass a larger --spatch-timeout, or make the rule cheaper",
            ) from exc
        argv = [proc.stable(a) for a in argv]
    if done.returncode != 0:
        raise ToolFailed(argv, done.returncode, done.stderr)
    if call.in_place and not _looks_like_spatch(done.stdout):
        raise ToolFailed(
            argv, done.returncode, done.stdout[:500], hint="spatch printed what is not a diff"
        )
    summary, drops = _read_stderr(done.stderr)
    # The scratch tree is gone by the time anyone reads this: reproduce without --in-place.
    reproduce = " ".join(a for a in argv if a != "--in-place")
    if not summary and not drops:  # not the pinned build: handled against given
        drops = _unhandled(sp, rule, done, given, reproduce)
    if summary.get("unreadable"):
        raise UserError(
            f"{rule.name}: spatch could not read {summary['unreadable']} file(s)",
            hint=f"reproduce from the top of the tree with: {reproduce}",
        )
    if drops:
        listing = ", ".join(f"{d.file} ({d.kind}: {d.reason})" for d in drops)
        raise UserError(
            f"{rule.name}: spatch dropped {len(drops)} file(s): {listing}",
            hint="fix the rule (or raise the per-file --timeout); "
            f"reproduce from the top of the tree with: {reproduce}",
        )
    ran = summary.get("handled", len(given or ()))
    return SpatchResult(argv, done.seconds, done.stdout, done.stderr, summary, drops, ran)


def _looks_like_spatch(stdout: str) -> bool:
    """Empty, or a diff (and spatch's warnings): not what a broken spatch printed."""
    lines = [line for line in stdout.splitlines() if line.strip()]
    return not lines or any(line.startswith(("diff ", "--- ", "warning: ")) for line in lines)


def _handled(stderr: str) -> set[str]:
    return {f.removeprefix("./") for m in _HANDLING.finditer(stderr) for f in m["files"].split()}


def _ticker(
    rule: Path, files: Sequence[str] | None, tick: Callable[[str], None]
) -> Callable[[float, str], None]:
    def line(seconds: float, stderr: str) -> None:
        total = len(files) if files is not None else None
        if total is None and (m := _MATCHING.search(stderr)):
            total = int(m["count"])
        done = len(_handled(stderr))
        count = f"{done}/{total if total is not None else '?'}"
        tick(f": spatch {rule.stem}, {seconds:.0f}s, {count} files")

    return line


def _unhandled(
    sp: Spatch,
    rule: Path,
    done: proc.Completed,
    files: Sequence[str] | None,
    reproduce: str,
) -> list[Drop]:
    """The files a spatch that prints no SPATCH-SUMMARY was given and did not handle.

    Another build of spatch says which files it handles (HANDLING:) and, with
    --use-gitgrep, how many it was given (N files match); one that says neither cannot be
    told from one that silently gave up on a file, and is refused.
    """
    handled = _handled(done.stderr)
    given: set[str] | None = set(files) if files is not None else None
    count = len(given) if given is not None else None
    if count is None and (m := _MATCHING.search(done.stderr)):
        count = int(m["count"])
    if count is None or (count and not handled):
        raise UserError(
            f"{rule.name}: {sp.path} ({sp.version_line}) does not say which files it "
            "handled: a file it gave up on could not be told from one it left unchanged",
            hint=f"{INSTALL_HINT}; reproduce with: {reproduce}",
        )
    if given is not None:
        missing = sorted(given - handled)
    else:
        missing = [f"{count - len(handled)} of {count} files"] if len(handled) < count else []
    return [Drop("not handled", "spatch never reported handling it", f) for f in missing]


MODES = ("context", "patch", "report", "org")


def _selections(virtuals: Sequence[str]) -> list[str]:
    """A report rule runs once per selection virtual (a virtual that is not a mode)."""
    return [v for v in virtuals if v not in MODES] or [""]


def report(
    sp: Spatch,
    rule: Path,
    virtuals: Sequence[str],
    tree: Path,
    *,
    files: Sequence[str] | None = None,
    jobs: int = 1,
) -> dict[str, list[Site]]:
    """Run the report rule RULE (context mode) over TREE: the marked sites per selection.

    With more than one job, the selections run at the same time, one job each (or a share
    of JOBS): a report rule with ``--recursive-includes`` spends most of its time parsing
    headers, which each spatch process does again, so three runs of one process each cost
    less than three runs of two (on a 3.18 census: 16.7 s against 22.7-27.0 s on 2 cores).
    """
    selections = _selections(virtuals)

    def sites(selection: str) -> list[Site]:
        defines = ("context", selection) if selection else ("context",)
        each = max(1, jobs // len(selections))
        done = apply(sp, rule, tree, jobs=each, defines=defines, in_place=False, files=files)
        return context_sites(done.stdout)

    if jobs == 1 or len(selections) == 1:
        return {selection: sites(selection) for selection in selections}
    with ThreadPoolExecutor(max_workers=len(selections)) as pool:
        return dict(zip(selections, pool.map(sites, selections), strict=True))


def report_lines(sp: Spatch, rule: Path, virtuals: Sequence[str], source: Path) -> str:
    """What a report rule marks in the file SOURCE, one ``[SELECTION ]LINE: TEXT`` per site.

    This is the form of a report rule's golden ``.res`` files.
    """
    lines = []
    for selection, sites in report(sp, rule, virtuals, source.parent, files=[source.name]).items():
        prefix = f"{selection} " if selection else ""
        lines += [f"{prefix}{s.line}: {s.text}" for s in sites]
    return "".join(line + "\n" for line in lines)
