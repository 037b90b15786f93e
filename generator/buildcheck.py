"""The ``check`` verb: does every patch of a series build?

The series (a ``generate`` output directory, or any ``git format-patch --cover-letter
--base`` output) is applied patch by patch with ``git am`` in one scratch clone of its
base.  Before each patch, the objects it can break (``affected.plan``) are built, so
that their warnings are known; after it, the same objects are built again, and what is
new is the patch's: an error fails it, a warning is counted.  Builds are incremental
from patch to patch (make reuses every object whose inputs did not change), and each
object's diagnostics are remembered from the build that last compiled it.

``full`` builds everything instead (the demo: ``make``; a kernel: the Kbuild top-level
directories holding the ``.c`` files the series touches), for comparison.
"""

from __future__ import annotations

import json
import re
import shlex
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import affected, build, buildlog, proc, scratch
from . import git as gitops
from .errors import CheckFailed, ToolFailed, UserError

Progress = Callable[[str], None]
APPLIER = gitops.Identity("cocci-series check", "cocci-series@localhost")
_BASE_LINE = re.compile(r"^base-commit: (?P<id>[0-9a-f]{7,40})$", re.M)
_SUBJECT = re.compile(r"^Subject: (?P<text>.*(?:\n[ \t].*)*)", re.M)
_MAKEFILE = re.compile(r"(^|/)(Makefile|Kbuild|Kconfig)[^/]*$")


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


def read_series(directory: Path) -> SeriesFiles:
    """The patches of DIRECTORY in order, and their base (series.json or ``base-commit:``)."""
    if not directory.is_dir():
        raise UserError(f"{directory}: no such directory", hint="pass a `generate --out` directory")
    files = sorted(directory.glob("*.patch"))
    texts = {p: p.read_text(encoding="utf-8", errors="surrogateescape") for p in files}
    base = None
    meta = directory / "series.json"
    if meta.is_file():
        base = json.loads(meta.read_text(encoding="utf-8")).get("base")
    for text in texts.values():
        if base is None and (m := _BASE_LINE.search(text)):
            base = m["id"]
    patches: list[SeriesPatch] = []
    for path, text in texts.items():
        if "\ndiff --git " not in text:
            continue  # the cover letter
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
class PatchResult:
    patch: SeriesPatch
    status: str = "not checked"  # ok, FAILED, does not apply, not checked
    objects: list[str] = field(default_factory=list)  # built after the patch
    compiled: int = 0  # compilations this patch cost (before and after it)
    reasons: dict[str, str] = field(default_factory=dict)  # object -> why it was built
    not_built: list[str] = field(default_factory=list)  # touched .c the config skips
    new_errors: list[buildlog.Diagnostic] = field(default_factory=list)
    new_warnings: list[buildlog.Diagnostic] = field(default_factory=list)
    make_failures: list[str] = field(default_factory=list)  # make's lines, no compiler error
    checkpatch: Checkpatch | None = None
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0
    reproduce: str = ""


@dataclass
class CheckRun:
    series: SeriesFiles
    tree: Path
    base: str
    kind: str
    config: str | None
    full: bool
    full_targets: list[str] = field(default_factory=list)
    shims: list[str] = field(default_factory=list)
    setup: list[tuple[str, float]] = field(default_factory=list)
    results: list[PatchResult] = field(default_factory=list)
    error: CheckFailed | None = None
    seconds: float = 0.0

    @property
    def failed(self) -> list[PatchResult]:
        return [r for r in self.results if r.status not in ("ok", "not checked")]


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
    result: PatchResult,
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


def _apply(clone: Path, patch: SeriesPatch, result: PatchResult, base_date: int) -> bool:
    try:
        gitops.am_one(clone, patch.path, APPLIER, base_date)
    except ToolFailed as exc:
        result.status = "does not apply"
        result.notes.append(exc.output.strip().splitlines()[-1] if exc.output.strip() else "")
        return False
    return True


def _failure(run: CheckRun, result: PatchResult) -> CheckFailed:
    patch = result.patch
    if result.status == "does not apply":
        return CheckFailed(
            f"patch {patch.number} ({patch.path.name}) does not apply with git am "
            f"on top of the patches before it: {result.notes[-1]}",
            hint=f"regenerate the series on base {run.base[:12]}",
        )
    lines = [str(d) for d in result.new_errors[:5]] + result.make_failures[:3]
    files = sorted({d.obj or d.file for d in result.new_errors} | {
        f for line in result.make_failures for f in re.findall(r"(\S+\.o)\]", line)
    })  # fmt: skip
    return CheckFailed(
        f"patch {patch.number} ({patch.path.name}: {patch.subject}) breaks the build of "
        f"{', '.join(files)}:\n" + "\n".join(f"  {line}" for line in lines),
        hint=f"reproduce: git am the patches up to {patch.path.name} onto {run.base[:12]}, "
        f"then: {result.reproduce}",
    )


def check(
    series_dir: Path,
    tree_path: Path | None,
    *,
    config: str = "allmodconfig",
    jobs: int = 1,
    full: bool = False,
    keep_going: bool = False,
    progress: Progress = lambda _: None,
) -> CheckRun:
    """Apply and build SERIES_DIR patch by patch on its base in TREE_PATH (the demo: None)."""
    series = read_series(series_dir.resolve())
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
        cloning = time.monotonic()
        clone = gitops.scratch_clone(user.path, base, work / "tree")
        cloned = ("git clone --shared && git checkout", time.monotonic() - cloning)
        progress(f"check: scratch clone of {user.path} at {base[:12]} ({cloned[1]:.1f}s)")
        tree = build.prepare(clone, work, config=config, jobs=jobs)
        tree.setup.insert(0, cloned)
        for command, seconds in tree.setup[1:]:
            progress(f"check: {command} ({seconds:.1f}s)")
        run = CheckRun(series, user.path, base, tree.kind, tree.config, full)
        run.full_targets = _full_targets(tree, series.patches) if full else []
        checkpatch = _runnable_checkpatch(clone, tree.shims)
        run.shims, run.setup = tree.shims, tree.setup
        run.results = [PatchResult(p) for p in series.patches]
        _run_patches(run, tree, checkpatch, base_date, keep_going, progress)
        run.seconds = time.monotonic() - start
    return run


def _run_patches(
    run: CheckRun,
    tree: build.Tree,
    checkpatch: Path | None,
    base_date: int,
    keep_going: bool,
    progress: Progress,
) -> None:
    builder = _Builder(tree)
    clone = tree.path
    prefer = _top_dirs(run.series.patches)
    total = len(run.results)
    if run.full:
        watch = tree.all_objects() if tree.kind == "plain" else set()
        compiled, unexplained = builder.build(run.full_targets, watch)
        what = f"full build of the base, {len(compiled)} object(s): " + shlex.join(
            tree.argv(*run.full_targets)
        )
        run.setup.append((what, builder.seconds))
        progress(
            f"check: {what} ({builder.seconds:.1f}s)"
            + (f" (make failed: {unexplained[-1]})" if unexplained else "")
        )
    for result in run.results:
        patch = result.patch
        started = time.monotonic()
        changes = affected.parse_patch(patch.text)
        if run.full:
            sources: dict[str, str] = {}
            before_objs = sorted(builder.diagnostics)
        else:
            plan = affected.plan(clone, changes, tree.built_by_config, prefer)
            sources = plan.sources
            result.reasons = {s[:-2] + ".o": why for s, why in sources.items()}
            result.not_built, result.notes = plan.not_built, plan.notes
            before_objs = [o for o in _objects(sources) if (clone / o).with_suffix(".c").is_file()]
            stale = [o for o in before_objs if builder.built_at.get(o) != builder.state]
            if stale:  # the others were built after the previous patch: nothing to redo
                compiled, unexplained = builder.build(stale, set(stale))
                result.compiled += len(compiled)
                result.notes += [f"before the patch, make failed: {ln}" for ln in unexplained]
        before = {o: list(builder.diagnostics.get(o, [])) for o in before_objs}
        failed_before = {o: list(builder.failed.get(o, [])) for o in before_objs}
        if checkpatch:
            result.checkpatch = _checkpatch(checkpatch, clone, patch.path)
        if not _apply(clone, patch, result, base_date):
            result.seconds = time.monotonic() - started
            progress(_line(result, total))
            break
        builder.state += 1
        if any(_MAKEFILE.search(c.path) for c in changes):
            tree.forget_makefiles()
        if run.full:
            watch = tree.all_objects() if tree.kind == "plain" else set()
            compiled, unexplained = builder.build(run.full_targets, watch)
            result.objects = sorted(compiled)
        else:
            existing = {o for o in _objects(sources) if (clone / o).with_suffix(".c").is_file()}
            result.objects = sorted(tree.built_by_config(existing))
            compiled, unexplained = set(), []
            if result.objects:
                compiled, unexplained = builder.build(result.objects, set(result.objects))
        result.compiled += len(compiled)
        result.make_failures += unexplained
        result.reproduce = shlex.join(
            tree.argv(*(run.full_targets if run.full else result.objects))
        )
        _compare(result, result.objects, before, failed_before, builder, compiled)
        result.status = "FAILED" if result.new_errors or result.make_failures else "ok"
        result.seconds = time.monotonic() - started
        progress(_line(result, total))
        if result.status != "ok" and not keep_going:
            break
    failed = run.failed
    if failed:
        run.error = _failure(run, failed[0])
        if len(failed) > 1:
            others = ", ".join(str(r.patch.number) for r in failed[1:])
            run.error.message += f"\n(patches {others} fail too)"


def _line(result: PatchResult, total: int) -> str:
    head = f"[{result.patch.number}/{total}] {result.patch.subject}"
    if result.status == "does not apply":
        return f"{head}: does not apply"
    return (
        f"{head}: {len(result.objects)} object(s), {len(result.new_warnings)} new warning(s), "
        f"{result.status}, {result.seconds:.1f}s"
    )
