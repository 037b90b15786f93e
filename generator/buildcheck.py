"""The ``check`` verb: does every patch of a series build, on every target asked for?

The series (a ``generate`` output directory, or any ``git format-patch --cover-letter
--base`` output) is applied patch by patch with ``git am`` in a scratch clone of its
base.  Before each patch, the objects it can break (``affected.plan``) are built, so
that their warnings are known; after it, the same objects are built again, and what is
new is the patch's: an error fails it, a warning is counted (``werror_new``: fails it).
Builds are incremental from patch to patch (make reuses every object whose inputs did not
change), and each object's diagnostics are remembered from the build that last compiled it.

Each target (an arch and a config, ``build.targets``) is a *lane* of its own: its own
scratch clone, configured for it, taking the patches in order.  With cores to spare
(``workers``), a target's patches are also split into consecutive runs, each a lane that
starts from a clone with the patches before it applied; lanes run in parallel.

A patch whose touched files (changed ``.c`` and ``.h``) no target built is "not built":
nothing about it was proven.  An internal failure on one patch is that patch's result
("error"); the other patches are still checked and reported.

``full`` builds everything instead (the demo: ``make``; a kernel: the Kbuild top-level
directories holding the ``.c`` files the series touches), for comparison.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import threading
import time
import traceback
from collections.abc import Callable
from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

from . import affected, build, buildlog, proc, scratch, visibility
from . import git as gitops
from .errors import CheckFailed, CocciSeriesError, ToolFailed, UserError

Progress = Callable[[str], None]
APPLIER = gitops.Identity("cocci-series check", "cocci-series@localhost")
_BASE_LINE = re.compile(r"^base-commit: (?P<id>[0-9a-f]{7,40})$", re.M)
_COVER = re.compile(r"^Subject: \[[^\]]*\b0+/\d+\]", re.M)
_SUBJECT = re.compile(r"^Subject: (?P<text>.*(?:\n[ \t].*)*)", re.M)
_MAKEFILE = re.compile(r"(^|/)(Makefile|Kbuild|Kconfig)[^/]*$")
# Patch states, worst first: the patch's state is the worst of its builds'.
_SEVERITY = ("error", "does not apply", "FAILED", "not built", "ok", "not checked")


@dataclass(frozen=True)
class SeriesPatch:
    number: int
    path: Path
    subject: str
    text: str


@dataclass(frozen=True)
class SeriesFiles:
    path: Path
    base: str
    patches: tuple[SeriesPatch, ...]


def check_from_patch(series: SeriesFiles, from_patch: int) -> None:
    """A UserError unless SERIES has patch FROM_PATCH (``--from``)."""
    if not 1 <= from_patch <= len(series.patches):
        raise UserError(
            f"--from {from_patch}: the series in {series.path} has patches "
            f"1 to {len(series.patches)}",
            hint=f"pass --from with a patch number from 1 to {len(series.patches)}",
        )


def read_series(directory: Path) -> SeriesFiles:
    """The patches of DIRECTORY in order, and their base (series.json or ``base-commit:``)."""
    if directory.is_file():
        raise UserError(
            f"{directory}: is a file, not a series directory",
            hint="pass the directory that holds the series' .patch files",
        )
    if not directory.is_dir():
        raise UserError(f"{directory}: no such directory", hint="pass a `generate --out` directory")
    files = sorted(directory.glob("*.patch"))
    texts = {p: p.read_text(encoding="utf-8", errors="surrogateescape") for p in files}
    bases = {p.name: m["id"] for p, text in texts.items() if (m := _BASE_LINE.search(text))}
    base = next(iter(bases.values()), None)
    meta = directory / "series.json"
    if meta.is_file():
        try:
            recorded = json.loads(meta.read_text(encoding="utf-8")).get("base")
        except (ValueError, AttributeError) as exc:  # JSONDecodeError, UnicodeDecodeError
            raise UserError(
                f"{meta}: not the JSON that `generate` writes ({exc})",
                hint="restore it, or remove it: the cover letter's base-commit: is enough",
            ) from exc
        for name, other in bases.items():
            if recorded and not recorded.startswith(other):
                raise UserError(
                    f"{directory}: series.json's base {recorded[:12]} is not the "
                    f"base-commit: {other[:12]} of {name}",
                    hint="the files come from different series: regenerate the series",
                )
        base = recorded or base
    patches: list[SeriesPatch] = []
    for path, text in texts.items():
        if "\ndiff --git " not in text:
            if _COVER.search(text) and not patches:
                continue  # the cover letter
            raise UserError(
                f"{path}: is not a patch (no diff) and not the cover letter",
                hint="remove it from the series directory, or restore it",
            )
        subject = " ".join(m["text"].split()) if (m := _SUBJECT.search(text)) else path.stem
        subject = re.sub(r"^\[[^\]]*\]\s*", "", subject)
        patches.append(SeriesPatch(len(patches) + 1, path, subject, text))
    if not patches:
        raise UserError(f"{directory}: holds no patches (*.patch with a diff)")
    if not base:
        raise UserError(
            f"{directory}: the series names no base commit",
            hint="write it with `git format-patch --base=...` (a base-commit: line) "
            "or use a `cocci-series generate` output",
        )
    return SeriesFiles(directory, base, tuple(patches))


@dataclass
class Checkpatch:
    errors: int = 0
    warnings: int = 0
    messages: list[str] = field(default_factory=list)


@dataclass
class Build:
    """One patch on one target: what was built, what is new, how it ended."""

    target: str  # the target's label ("x86_64 allmodconfig"); "" for a plain tree
    status: str = "not checked"  # ok, FAILED, does not apply, error, not checked
    objects: list[str] = field(default_factory=list)  # built after the patch
    compiled: int = 0  # compilations this patch cost (before and after it)
    reasons: dict[str, str] = field(default_factory=dict)  # object -> why it was built
    unbuilt: list[str] = field(default_factory=list)  # touched files this target built nothing for
    new_errors: list[buildlog.Diagnostic] = field(default_factory=list)
    new_warnings: list[buildlog.Diagnostic] = field(default_factory=list)
    make_failures: list[str] = field(default_factory=list)  # make's lines, no compiler error
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0
    reproduce: str = ""


@dataclass
class PatchResult:
    patch: SeriesPatch
    builds: list[Build] = field(default_factory=list)  # one per target, in target order
    touched: list[str] = field(default_factory=list)  # changed .c and .h files
    checkpatch: Checkpatch | None = None

    @property
    def status(self) -> str:
        """The worst state of its builds; "not built" when no target built a touched file."""
        states = [b.status for b in self.builds] or ["not checked"]
        worst = min(states, key=_SEVERITY.index)
        if worst == "ok" and self.touched and not self.objects:
            return "not built"
        return worst

    @property
    def objects(self) -> list[str]:
        return sorted({o for b in self.builds for o in b.objects})

    @property
    def compiled(self) -> int:
        return sum(b.compiled for b in self.builds)

    @property
    def seconds(self) -> float:
        return sum(b.seconds for b in self.builds)

    @property
    def reasons(self) -> dict[str, str]:
        return {o: why for b in self.builds for o, why in b.reasons.items()}

    @property
    def unbuilt(self) -> list[str]:
        """The touched files that no target built anything for."""
        checked = [b for b in self.builds if b.status != "not checked"]
        if not checked:
            return []
        return sorted(set.intersection(*(set(b.unbuilt) for b in checked)))

    @property
    def new_errors(self) -> list[buildlog.Diagnostic]:
        return [d for b in self.builds for d in b.new_errors]

    @property
    def new_warnings(self) -> list[buildlog.Diagnostic]:
        return [d for b in self.builds for d in b.new_warnings]

    @property
    def make_failures(self) -> list[str]:
        return [line for b in self.builds for line in b.make_failures]

    @property
    def notes(self) -> list[str]:
        return [n for b in self.builds for n in b.notes]

    def build_for(self, target: str) -> Build:
        return next(b for b in self.builds if b.target == target)


@dataclass
class CheckRun:
    series: SeriesFiles
    tree: Path
    base: str
    kind: str
    targets: list[str]  # labels, in order; [""] for a plain tree
    full: bool
    werror_new: bool = False
    allow_unbuilt: bool = False
    full_targets: list[str] = field(default_factory=list)
    shims: list[str] = field(default_factory=list)
    setup: list[tuple[str, float]] = field(default_factory=list)
    results: list[PatchResult] = field(default_factory=list)
    lanes: int = 1
    workers: int = 1
    error: CocciSeriesError | None = None
    seconds: float = 0.0
    from_patch: int = 1  # --from: the patches before it are applied, not checked

    @property
    def config(self) -> str | None:
        """The targets, for a one-line summary (None: a plain tree)."""
        return ", ".join(self.targets) if self.kind == "kbuild" else None

    @property
    def failed(self) -> list[PatchResult]:
        return [r for r in self.results if r.status not in ("ok", "not checked", "not built")]

    @property
    def unbuilt(self) -> list[PatchResult]:
        return [r for r in self.results if r.status == "not built"]


# -- checkpatch -------------------------------------------------------------------------


def _runnable_checkpatch(clone: Path, shims: list[str]) -> Path | None:
    """scripts/checkpatch.pl, or a copy beside it that today's perl compiles (old trees)."""
    script = clone / "scripts" / "checkpatch.pl"
    if not script.is_file() or not shutil.which("perl"):
        return None
    text = script.read_text(encoding="utf-8", errors="surrogateescape")
    fixed = 0
    for _ in range(50):
        done = proc.run(["perl", "-c", "-"], input=text)
        m = re.search(r"Unescaped left brace in regex is illegal here in regex; marked by "
                      r"<-- HERE in m/(?P<head>.*?)\{ <-- HERE .*? line (?P<line>\d+)\.",
                      done.stderr)  # fmt: skip
        if done.returncode == 0 or not m:
            break
        lines = text.split("\n")
        number = int(m["line"]) - 1
        lines[number] = lines[number].replace(m["head"] + "{", m["head"] + "\\{", 1)
        text, fixed = "\n".join(lines), fixed + 1
    if not fixed:
        return script
    copy = scratch.inside(clone, "scripts/checkpatch-cocci-series.pl")
    copy.write_text(text, encoding="utf-8", errors="surrogateescape")
    shims.append(
        f"{copy.relative_to(clone)}: a copy of checkpatch.pl with {fixed} regex brace(s) "
        "escaped for today's perl (untracked, in the scratch clone)"
    )
    return copy


def _checkpatch(script: Path, clone: Path, patch: Path) -> Checkpatch:
    """checkpatch.pl on PATCH: --no-tree, as the tree of an old checkpatch may not be found."""
    argv = ["perl", str(script), "--no-tree", str(patch)]
    # HOME: no ~/.checkpatch.conf
    done = proc.run(argv, cwd=clone, env={"HOME": str(clone.parent)}, errors="replace")
    result = Checkpatch()
    lines = done.stdout.splitlines()
    for index, line in enumerate(lines):
        if m := re.match(r"^(ERROR|WARNING|CHECK): (.*)$", line):
            where = ""
            if index + 1 < len(lines) and (w := re.search(r"FILE: (\S+):$", lines[index + 1])):
                where = f" ({w[1]})"
            result.messages.append(f"{m[1]}: {m[2]}{where}")
        elif m := re.match(r"^total: (\d+) errors, (\d+) warnings", line):
            result.errors, result.warnings = int(m[1]), int(m[2])
    return result


# -- building ---------------------------------------------------------------------------


class _Builder:
    """Runs make on the scratch clone and remembers each object's last diagnostics."""

    def __init__(self, tree: build.Tree) -> None:
        self.tree = tree
        self.diagnostics: dict[str, list[buildlog.Diagnostic]] = {}
        self.failed: dict[str, list[str]] = {}  # object -> make's error lines, last build
        self.state = 0  # patches applied so far
        self.built_at: dict[str, int] = {}  # object -> the state its last build saw
        self.seconds = 0.0  # of the last build
        self.graph = visibility.Graph(tree.path)  # the clone's includes, read when needed

    def build(self, targets: list[str], watch: set[str]) -> tuple[set[str], list[str]]:
        """Build TARGETS: the objects compiled (written or started), and make's own failure.

        The failure is make's last lines when it failed and no object explains why.
        """
        run = self.tree.make(*targets, watch=watch)
        self.seconds = run.seconds
        log = buildlog.parse(run.output)
        compiled = run.compiled | {o for o in log.started if o.endswith(".o")}
        failed = {t for t in log.failed_targets if t.endswith(".o")}
        for obj in compiled | failed:
            self.diagnostics[obj] = log.for_object(obj)
            self.failed[obj] = [e.line for e in log.make_errors if e.target == obj]
        for obj in watch | compiled | failed:
            self.built_at[obj] = self.state
        unexplained = []
        if run.returncode != 0 and not failed and not log.errors:
            unexplained = run.output.strip().splitlines()[-3:]
        return compiled | failed, unexplained


def _compare(
    result: Build,
    objects: list[str],
    before: dict[str, list[buildlog.Diagnostic]],
    failed_before: dict[str, list[str]],
    builder: _Builder,
    compiled: set[str],
) -> None:
    for obj in objects:
        if obj not in compiled:
            continue  # make found nothing to do: nothing the patch changed reaches it
        fresh = buildlog.new_diagnostics(before.get(obj, []), builder.diagnostics.get(obj, []))
        result.new_errors += [d for d in fresh if d.kind == "error"]
        result.new_warnings += [d for d in fresh if d.kind == "warning"]
        explained = any(d.kind == "error" and d.obj == obj for d in fresh)
        if builder.failed.get(obj) and not failed_before.get(obj) and not explained:
            result.make_failures += builder.failed[obj]


def _objects(sources: list[str] | dict[str, str]) -> list[str]:
    return sorted(s[:-2] + ".o" for s in sources)


def _top_dirs(patches: tuple[SeriesPatch, ...]) -> set[str]:
    return {
        change.path.split("/")[0]
        for patch in patches
        for change in affected.parse_patch(patch.text)
        if "/" in change.path
    }


def _full_targets(tree: build.Tree, patches: tuple[SeriesPatch, ...]) -> list[str]:
    """A plain tree: its default goal.  Kbuild: the top-level dirs of the touched .c files."""
    if tree.kind == "plain":
        return []
    dirs = set()
    for patch in patches:
        for change in affected.parse_patch(patch.text):
            if change.path.endswith(".c") and (root := tree.root_of(change.path)):
                dirs.add(root + "/")
    if not dirs:
        raise UserError(
            "--full: the series changes no .c file in a Kbuild directory; "
            "building every directory of the kernel is not attempted",
            hint="run check without --full: it builds what each patch can break",
        )
    return sorted(dirs)


def _apply(tree: build.Tree, patch: SeriesPatch, result: Build, base_date: int) -> bool:
    """``git am`` PATCH onto the files as committed (the tree's source fixes lifted)."""
    touched = [c.path for c in affected.parse_patch(patch.text)]
    try:
        with tree.source_fixes_lifted(touched):
            gitops.am_one(tree.path, patch.path, APPLIER, base_date)
    except ToolFailed as exc:
        result.status = "does not apply"
        # git am's own lines: "error: patch failed: FILE:LINE", "error: FILE: patch does
        # not apply"; not its hint about --show-current-patch in a clone that is gone.
        lines = exc.output.strip().splitlines()
        errors = [ln.removeprefix("error: ") for ln in lines if ln.startswith("error: ")]
        result.notes.append("; ".join(errors) or (lines[-1] if lines else ""))
        return False
    return True


def _failure(run: CheckRun, result: PatchResult) -> CocciSeriesError:
    patch = result.patch
    status = result.status
    bad = [b for b in result.builds if b.status == status]
    where = f" ({', '.join(b.target for b in bad)})" if run.kind == "kbuild" else ""
    if status == "does not apply":
        return CheckFailed(
            f"patch {patch.number} ({patch.path.name}) does not apply with git am "
            f"on top of the patches before it: {bad[0].notes[-1]}",
            hint=f"regenerate the series on base {run.base[:12]}",
        )
    if status == "error":
        return CocciSeriesError(
            f"patch {patch.number} ({patch.path.name}): the check failed internally{where}: "
            f"{bad[0].notes[-1]}",
            hint="the other patches' results are above; report this with the traceback",
        )
    lines: list[str] = []
    files: set[str] = set()
    for b in bad:
        label = f"[{b.target}] " if len(run.targets) > 1 else ""
        diags = b.new_errors + (b.new_warnings if run.werror_new else [])
        lines += [f"{label}{d}" for d in diags[:5]] + [f"{label}{ln}" for ln in b.make_failures[:3]]
        files |= {d.obj or d.file for d in diags}
        files |= {f for line in b.make_failures for f in re.findall(r"(\S+\.o)\]", line)}
    first = bad[0]
    return CheckFailed(
        f"patch {patch.number} ({patch.path.name}: {patch.subject}) breaks the build of "
        f"{', '.join(sorted(files))}{where}:\n" + "\n".join(f"  {line}" for line in lines),
        hint=f"reproduce: git am the patches up to {patch.path.name} onto {run.base[:12]}, "
        f"then: {first.reproduce}",
    )


def _verdict(run: CheckRun) -> CocciSeriesError | None:
    """The run's error: the first failed patch, else the patches no target built."""
    failed = run.failed
    if failed:
        error = _failure(run, failed[0])
        if len(failed) > 1:
            others = ", ".join(str(r.patch.number) for r in failed[1:])
            error.message += f"\n(patches {others} fail too)"
        return error
    unbuilt = run.unbuilt
    if unbuilt and not run.allow_unbuilt:
        numbers = ", ".join(str(r.patch.number) for r in unbuilt)
        return CheckFailed(
            f"{len(unbuilt)} patch(es) not built: {numbers}: no target "
            f"({'; '.join(run.targets)}) builds a file they touch",
            hint="pass an --arch/--config that builds them, or --allow-unbuilt to accept it",
        )
    return None


# -- lanes ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Lane:
    """A scratch clone for one target, checking the patches FIRST..LAST-1 (0-based)."""

    index: int
    target: build.Target | None  # None: a plain tree
    label: str
    first: int
    last: int
    checkpatch: bool  # the lanes of the first target run checkpatch


def _lanes(
    targets: list[build.Target | None],
    labels: list[str],
    patches: int,
    workers: int,
    full: bool,
    skip: int = 0,
) -> list[_Lane]:
    """Each target's patches after the first SKIP, split into consecutive runs when there
    are workers to spare."""
    checked = patches - skip
    runs = 1 if full else max(1, min(checked, workers // len(targets)))
    lanes: list[_Lane] = []
    for number, (target, label) in enumerate(zip(targets, labels, strict=True)):
        cuts = [skip + checked * k // runs for k in range(runs + 1)]
        for first, last in zip(cuts, cuts[1:], strict=False):
            lanes.append(_Lane(len(lanes), target, label, first, last, number == 0))
    return lanes


class _Stop:
    """Without --keep-going, no lane goes past the first failed patch."""

    def __init__(self, keep_going: bool) -> None:
        self.keep_going = keep_going
        self.first: int | None = None
        self.lock = threading.Lock()

    def failed(self, number: int) -> None:
        with self.lock:
            self.first = number if self.first is None else min(self.first, number)

    def stopped(self, number: int) -> bool:
        with self.lock:
            return not self.keep_going and self.first is not None and self.first < number


@dataclass
class _Context:
    """What every lane shares."""

    run: CheckRun
    source: Path
    base_date: int
    jobs: int
    cc: str | None
    prefer: set[str]
    stop: _Stop
    progress: Progress
    lock: threading.Lock = field(default_factory=threading.Lock)

    done: dict[int, build.Tree] = field(default_factory=dict)  # lane index -> its tree

    def record(self, lane: _Lane, tree: build.Tree) -> None:
        with self.lock:
            self.done[lane.index] = tree

    def gather(self, lanes: list[_Lane]) -> None:
        """Setup and shims of the lanes, in target order: a shim every target has, once."""
        run = self.run
        labelled: list[tuple[str, str]] = []
        for lane in lanes:
            if (tree := self.done.get(lane.index)) is None:
                continue
            label = f"[{lane.label}] " if len(run.targets) > 1 else ""
            run.setup += [(label + command, seconds) for command, seconds in tree.setup]
            labelled += [(lane.label, shim) for shim in tree.shims]
        everywhere = [
            s for s in dict.fromkeys(s for _, s in labelled)
            if all((t, s) in labelled for t in {label for label, _ in labelled})
        ]  # fmt: skip
        run.shims = everywhere + [
            f"[{t}] {s}" for t, s in dict.fromkeys(labelled) if s not in everywhere
        ]


def check(
    series_dir: Path,
    tree_path: Path | None,
    *,
    arches: list[str] | None = None,
    configs: list[str] | None = None,
    cc: str | None = None,
    jobs: int = 1,
    workers: int | None = None,
    full: bool = False,
    keep_going: bool = False,
    werror_new: bool = False,
    allow_unbuilt: bool = False,
    from_patch: int = 1,
    progress: Progress = lambda _: None,
) -> CheckRun:
    """Apply and build SERIES_DIR patch by patch on its base in TREE_PATH (the demo: None).

    ARCHES and CONFIGS: as ``build.targets``; WORKERS: lanes at once (default: the cores
    left by ``-j JOBS``, at least one); FROM_PATCH: the first patch checked, those before it
    are applied unbuilt ("not checked").
    """
    series = read_series(series_dir.resolve())
    check_from_patch(series, from_patch)
    start = time.monotonic()
    with scratch.directory("cocci-series-check-") as work:
        user = scratch.user_tree(work, tree_path, require_clean=False)
        base = gitops.resolve(user.path, series.base)
        if base is None:
            raise UserError(
                f"{user.path}: does not have the base commit {series.base[:12]} of the series",
                hint="pass --tree the tree the series was generated from "
                "(or fetch that commit into it)",
            )
        base_date = int(gitops.run(user.path, "log", "-1", "--format=%ct", base).strip())
        kind = build.detect(user.path)
        wanted: list[build.Target | None]
        if kind == "kbuild":
            wanted = list(build.targets(arches or [], configs or []))
            labels = [t.label for t in wanted if t]
        else:
            if any(a != build.DEFAULT_ARCH for a in arches or []):
                raise UserError(
                    f"--arch: {user.path} has no Kbuild; it is built for the host only",
                    hint="drop --arch, or check a Linux tree",
                )
            wanted, labels = [None], [""]
        for target in wanted:  # a missing cross compiler is said before any clone
            build.compiler(target.arch if target else build.ARCHES[build.DEFAULT_ARCH], cc)
        workers = workers or max(1, (os.cpu_count() or 1) // jobs)
        lanes = _lanes(wanted, labels, len(series.patches), workers, full, from_patch - 1)
        run = CheckRun(series, user.path, base, kind, labels, full, werror_new, allow_unbuilt)
        run.lanes, run.workers = len(lanes), min(workers, len(lanes))
        run.from_patch = from_patch
        for patch in series.patches:
            touched = affected.touched(affected.parse_patch(patch.text))
            run.results.append(PatchResult(patch, [Build(label) for label in labels], touched))
        context = _Context(
            run, user.path, base_date, jobs, cc, _top_dirs(series.patches), _Stop(keep_going),
            progress,
        )  # fmt: skip
        _run_lanes(lanes, context)
        context.gather(lanes)
        run.error = _verdict(run)
        run.seconds = time.monotonic() - start
    return run


def _run_lanes(lanes: list[_Lane], ctx: _Context) -> None:
    """The lanes, RUN.workers at a time: one after the other in this thread, or in threads.

    An interrupt (or any error) in this thread ends the children of every lane
    (``proc.end_all``); each lane then unwinds and removes its clone.
    """
    if ctx.run.workers == 1:
        for lane in lanes:
            _run_lane(lane, ctx)
        return
    lanes_pool = ThreadPoolExecutor(max_workers=ctx.run.workers, thread_name_prefix="lane")
    with proc.pool_ended_on_error(lanes_pool) as pool:
        futures = [pool.submit(_run_lane, lane, ctx) for lane in lanes]
        done, _ = wait(futures, return_when=FIRST_EXCEPTION)
        for future in futures:  # in lane order, the first that failed
            if future in done and (exc := future.exception()) is not None:
                raise exc


def _run_lane(lane: _Lane, ctx: _Context) -> None:
    """Clone, prepare and check the lane's patches; a setup failure is each patch's error."""
    run = ctx.run
    mine = run.results[lane.first : lane.last]
    with scratch.directory("cocci-series-lane-") as work:
        cloning = time.monotonic()
        clone = gitops.scratch_clone(ctx.source, run.base, work / "tree")
        cloned = ("git clone --shared && git checkout", time.monotonic() - cloning)
        what = f"[{lane.label}] " if lane.label else ""
        ctx.progress(f"check: {what}scratch clone at {run.base[:12]} ({cloned[1]:.1f}s)")
        try:
            tree = build.prepare(clone, work, target=lane.target, jobs=ctx.jobs, cc=ctx.cc)
        except UserError:
            raise
        except Exception as exc:  # noqa: BLE001 - reported per patch, the others go on
            for result in mine:
                _internal(result.build_for(lane.label), f"setting up the build: {exc}")
            return
        tree.setup.insert(0, cloned)
        for command, seconds in tree.setup[1:]:
            ctx.progress(f"check: {what}{command} ({seconds:.1f}s)")
        if lane.first and not _catch_up(lane, ctx, tree):
            ctx.record(lane, tree)
            return
        checkpatch = _runnable_checkpatch(clone, tree.shims) if lane.checkpatch else None
        builder = _Builder(tree)
        if run.full:
            with ctx.lock:
                run.full_targets = _full_targets(tree, run.series.patches)
            _full_base(lane, ctx, tree, builder)
        ctx.record(lane, tree)
        for result in mine:
            if ctx.stop.stopped(result.patch.number):
                break
            mine_build = result.build_for(lane.label)
            state = builder.state
            try:
                go_on = _check_patch(result, mine_build, ctx, tree, builder, checkpatch)
            except Exception as exc:  # noqa: BLE001 - this patch's result; the others go on
                mine_build.notes.append(traceback.format_exc(limit=4).strip())
                _internal(mine_build, repr(exc))
                go_on = builder.state > state or _apply(
                    tree, result.patch, Build(lane.label), ctx.base_date
                )
                builder.state = state + 1
            if mine_build.status != "ok":
                ctx.stop.failed(result.patch.number)
            ctx.progress(_line(result, mine_build, len(run.results)))
            if not go_on:
                break


def _internal(result: Build, message: str) -> None:
    result.status = "error"
    result.notes.append(message.strip())


def _catch_up(lane: _Lane, ctx: _Context, tree: build.Tree) -> bool:
    """Apply the patches before the lane's first, unbuilt (another lane checks them)."""
    for result in ctx.run.results[: lane.first]:
        scratch_result = Build(lane.label)
        if not _apply(tree, result.patch, scratch_result, ctx.base_date):
            for mine in ctx.run.results[lane.first : lane.last]:
                mine.build_for(lane.label).notes.append(
                    f"not checked: patch {result.patch.number} before it does not apply"
                )
            return False
    return True


def _full_base(lane: _Lane, ctx: _Context, tree: build.Tree, builder: _Builder) -> None:
    """Build everything of the base once: the reference the patches' full builds start from."""
    watch = tree.all_objects() if tree.kind == "plain" else set()
    compiled, unexplained = builder.build(ctx.run.full_targets, watch)
    broken = sorted(o for o in compiled if builder.failed.get(o))
    what = (
        f"full build of the base, {len(compiled)} object(s), {len(broken)} failed"
        + (f" ({', '.join(broken[:5])}{', ...' if len(broken) > 5 else ''})" if broken else "")
        + ": "
        + shlex.join(tree.argv(*ctx.run.full_targets))
    )
    tree.setup.append((what, builder.seconds))
    ctx.progress(
        f"check: {what} ({builder.seconds:.1f}s)"
        + (f" (make failed: {unexplained[-1]})" if unexplained else "")
    )


def _check_patch(
    result: PatchResult,
    out: Build,
    ctx: _Context,
    tree: build.Tree,
    builder: _Builder,
    checkpatch: Path | None,
) -> bool:
    """Build before, apply, build after: OUT says what is new; False: the lane must stop."""
    patch = result.patch
    clone = tree.path
    full = ctx.run.full
    started = time.monotonic()
    changes = affected.parse_patch(patch.text)
    if full:
        sources: dict[str, str] = {}
        before_objs = sorted(builder.diagnostics)
    else:
        plan = affected.plan(clone, changes, tree.built_by_config, ctx.prefer, builder.graph)
        sources = plan.sources
        out.reasons = {s[:-2] + ".o": why for s, why in sources.items()}
        out.unbuilt, out.notes = plan.unbuilt, plan.notes
        out.notes += [f"Kbuild: {d}: {why}" for d, why in sorted(tree.unreadable.items())]
        before_objs = [o for o in _objects(sources) if (clone / o).with_suffix(".c").is_file()]
        stale = [o for o in before_objs if builder.built_at.get(o) != builder.state]
        if stale:  # the others were built after the previous patch: nothing to redo
            compiled, unexplained = builder.build(stale, set(stale))
            out.compiled += len(compiled)
            out.notes += [f"before the patch, make failed: {ln}" for ln in unexplained]
    before = {o: list(builder.diagnostics.get(o, [])) for o in before_objs}
    failed_before = {o: list(builder.failed.get(o, [])) for o in before_objs}
    if checkpatch:
        result.checkpatch = _checkpatch(checkpatch, clone, patch.path)
    if not _apply(tree, patch, out, ctx.base_date):
        out.seconds = time.monotonic() - started
        return False
    builder.state += 1
    if any(_MAKEFILE.search(c.path) for c in changes):
        tree.forget_makefiles()
    if full:
        watch = tree.all_objects() if tree.kind == "plain" else set()
        compiled, unexplained = builder.build(ctx.run.full_targets, watch)
        out.objects = sorted(compiled)
    else:
        existing = {o for o in _objects(sources) if (clone / o).with_suffix(".c").is_file()}
        out.objects = sorted(tree.built_by_config(existing))
        compiled, unexplained = set(), []
        if out.objects:
            compiled, unexplained = builder.build(out.objects, set(out.objects))
    out.compiled += len(compiled)
    out.make_failures += unexplained
    out.reproduce = shlex.join(tree.argv(*(ctx.run.full_targets if full else out.objects)))
    _compare(out, out.objects, before, failed_before, builder, compiled)
    new_warning_fails = ctx.run.werror_new and out.new_warnings
    out.status = "FAILED" if out.new_errors or out.make_failures or new_warning_fails else "ok"
    out.seconds = time.monotonic() - started
    return True


def _line(result: PatchResult, out: Build, total: int) -> str:
    head = f"[{result.patch.number}/{total}] {result.patch.subject}"
    if out.target:
        head += f": {out.target}"
    if out.status in ("does not apply", "error"):
        return f"{head}: {out.status}"
    return (
        f"{head}: {len(out.objects)} object(s), {len(out.new_warnings)} new warning(s), "
        f"{out.status}, {out.seconds:.1f}s"
    )
