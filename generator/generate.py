"""The ``plan`` and ``generate`` verbs: run a series' steps in a scratch clone.

Each step applies its rules in order (spatch edits the scratch clone in place) and becomes
one commit with a fixed identity and date; ``generate`` then writes the series with
``git format-patch`` into a temporary directory, proves that ``git am`` of it onto a fresh
clone of the base gives exactly the generated tree, and only then renames it into place.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import __version__, cache, greps, mail, paths, proc, replay, scratch, sparse, templates
from . import git as gitops
from . import maintainers as maint_mod
from . import reports as reports_mod
from . import rules as rules_mod
from . import series as series_mod
from . import spatch as spatch_mod
from . import split as split_mod
from .errors import CheckFailed, UserError

Progress = Callable[[str], None]
FALLBACK_AUTHOR = gitops.Identity("cocci-series", "cocci-series@localhost")


@dataclass(frozen=True)
class FileStat:
    path: str
    hunks: int
    added: int
    removed: int


def _file_stats(raw: dict[str, tuple[int, int, int]]) -> tuple[FileStat, ...]:
    return tuple(FileStat(p, *raw[p]) for p in sorted(raw))


@dataclass
class RuleResult:
    rule: str
    files: tuple[FileStat, ...]
    seconds: float
    command: list[str]
    ran: int = 0  # files spatch processed
    reused: int = 0  # files whose result came from the cache


@dataclass
class PatchResult:
    """One commit of a step: the whole step, or one group of a split step."""

    subject: str
    group: str  # the split group's key ("" unsplit)
    files: tuple[FileStat, ...]
    commit: str
    diff: str = ""  # plan --diff: the change, as a unified diff
    recipients: maint_mod.Recipients | None = None  # To:/Cc:, once written

    @property
    def hunks(self) -> int:
        return sum(f.hunks for f in self.files)


@dataclass
class StepResult:
    step: series_mod.Step
    rules: list[RuleResult] = field(default_factory=list)
    files: tuple[FileStat, ...] = ()
    seconds: float = 0.0
    patches: list[PatchResult] = field(default_factory=list)  # none: nothing changed
    edits: list[series_mod.Edit] = field(default_factory=list)  # the hand edits made

    @property
    def commit(self) -> str | None:
        """The step's last commit; None: the step changed nothing and is optional."""
        return self.patches[-1].commit if self.patches else None

    skipped: str = ""  # why an optional step was dropped, for the cover letter

    @property
    def hunks(self) -> int:
        return sum(f.hunks for f in self.files)


@dataclass
class Run:
    """What a plan or generate run did; generate() also fills the output fields."""

    series: series_mod.Series
    tree: gitops.UserTree
    spatch: spatch_mod.Spatch
    steps: list[StepResult] = field(default_factory=list)
    reports: list[str] = field(default_factory=list)  # the cover letter's report sections
    out: Path | None = None
    patches: list[Path] = field(default_factory=list)
    replayed: replay.Kept | None = None  # generate wrote a series kept from a run before

    @property
    def totals(self) -> tuple[int, int]:
        """The series' patches (without the cover letter) and hunks."""
        if self.replayed is not None:
            return self.replayed.patches, self.replayed.hunks
        made = [r for r in self.steps if r.commit]
        return sum(len(r.patches) for r in made), sum(r.hunks for r in made)


def _progress_line(index: int, total: int, result: StepResult) -> str:
    head = f"[{index}/{total}] {result.step.subject}"
    if result.commit is None:
        why = result.skipped or "nothing to change"
        return f"{head}: {why}, skipped (optional step)"
    split = ""
    if result.step.split is not None:
        split = f", split by {result.step.split}: {len(result.patches)} patch(es)"
    spatch = ""
    if result.rules:
        ran = sum(r.ran for r in result.rules)
        reused = sum(r.reused for r in result.rules)
        cached = f", {reused} of {ran + reused} file(s) from the cache" if reused else ""
        spatch = f" (spatch {sum(r.seconds for r in result.rules):.1f}s{cached})"
    return (
        f"{head}: {len(result.step.rules)} rule(s), {len(result.files)} file(s), "
        f"{result.hunks} hunk(s){split}, {result.seconds:.1f}s{spatch}"
    )


def _rewrap(paragraph: str, width: int = 72) -> str:
    """PARAGRAPH refilled to WIDTH, two spaces kept after a sentence's end."""
    words = paragraph.replace("\n", " ").replace(".  ", ".\0").split(" ")
    lines = [""]
    for word in (w for w in words if w):
        for i, part in enumerate(word.split("\0")):
            sep = "" if not lines[-1] else ("  " if i else " ")
            if lines[-1] and len(lines[-1]) + len(sep) + len(part) > width:
                lines.append(part)
            else:
                lines[-1] += sep + part
    return "\n".join(lines)


def _commit_message(
    step: series_mod.Step,
    subject: str,
    files: tuple[FileStat, ...],
    edits: list[series_mod.Edit],
    author: gitops.Identity,
    sp: spatch_mod.Spatch,
    tags: tuple[str, ...],
) -> str:
    names = {f.path for f in files}
    # A paragraph with a template expression is wrapped again once rendered: the
    # rendered value is rarely as wide as the expression it replaces.
    paragraphs = []
    for source in step.message.strip("\n").split("\n\n"):
        text = templates.render_string(
            source,
            f"step {step.id}: message",
            step=step,
            rules=step.rules,
            files=files,
            hunks=sum(f.hunks for f in files),
        ).strip("\n")
        paragraphs.append(_rewrap(text) if "{{" in source else text)
    body = "\n\n".join(paragraphs)
    return templates.render(
        "commit.j2",
        subject=subject,
        body=body,
        rules=step.rules,
        edits=[e for e in edits if e.file in names],
        tags=tags,
        tool_version=__version__,
        spatch_version=sp.version,
        author=str(author),
    )


def _apply_edit(clone: Path, step: series_mod.Step, edit: series_mod.Edit) -> bool:
    """Make the hand edit EDIT in CLONE; False if it does not apply (its file is absent,
    or, for an IF_FOUND edit, its text)."""
    try:
        path = scratch.inside(clone, edit.file)
    except UserError as exc:
        raise UserError(f"step {step.id}: hand edit of {exc.message}", exc.hint) from exc
    if edit.if_present and not path.exists():
        return False
    try:
        # Kernel files are not all UTF-8: keep every byte as it is.
        text = path.read_text(encoding="utf-8", errors="surrogateescape")
    except OSError as exc:
        raise UserError(
            f"step {step.id}: hand edit of {edit.file}: cannot read it: {exc.strerror}"
        ) from exc
    changed, found = edit.substitute(text)
    if edit.if_found and not found:
        return False
    if found != edit.count:
        raise UserError(
            f"step {step.id}: hand edit of {edit.file}: expected {edit.count} "
            f"occurrence(s) of {edit.old!r}, found {found}",
            hint="the tree differs from the one the series was written for; "
            "update the step's [[step.edit]] or fix the tree",
        )
    path.write_text(changed, encoding="utf-8", errors="surrogateescape")
    return True


def _check_whole(step: series_mod.Step, applied: list[series_mod.Edit]) -> None:
    """A WHOLE step's edits are one change: some applied without the others would leave
    a function half-converted (and a tree that may still build)."""
    missing = [e for e in step.edits if e not in applied and not e.cosmetic]
    if step.whole and applied and missing:
        raise UserError(
            f"step {step.id}: {len(missing)} of its {len(step.edits)} hand edits do not "
            "apply to this tree: " + "; ".join(f"{e.file}: {e.why}" for e in missing),
            hint="the tree spells that code otherwise: adapt those edits (spellings, "
            "a variant of OLD), so the step converts it whole or not at all",
        )


def _run_step(
    clone: Path,
    step: series_mod.Step,
    sp: spatch_mod.Spatch,
    jobs: int,
    tick: Progress | None = None,
) -> StepResult:
    result = StepResult(step)
    start = time.monotonic()
    for number, rule in enumerate(step.rules, start=1):
        done = spatch_mod.apply(
            sp,
            rule.path,
            clone,
            jobs=jobs,
            options=step.spatch_options + rule.run_options,
            defines=rule.defines,
            files=gitops.grep_files(clone, step.grep, "*.c", "*.h") if step.grep else None,
            tick=tick,
        )
        # The index holds the state before this rule: the work tree diff is its change.
        changed = _file_stats(gitops.diff_stats(clone))
        unwritten = spatch_mod.diff_files(done.stdout) - {f.path for f in changed}
        if unwritten:
            # spatch --in-place drops a header change it reached through several files
            # with different results ("different modification result"), but prints it.
            raise UserError(
                f"{rule.name}: spatch printed changes to {', '.join(sorted(unwritten))} "
                "but did not write them",
                hint="a header changed through several .c files with different results; "
                "make the rule change the header directly (--include-headers)",
            )
        result.rules.append(
            RuleResult(rule.name, changed, done.seconds, done.argv, done.ran, done.reused)
        )
        if number < len(step.rules) or not step.edits:  # else staged after the edits
            gitops.stage_all(clone)
    sparse.need(clone, [edit.file for edit in step.edits])
    needed = [edit for edit in step.edits if not edit.cosmetic]
    result.edits = [edit for edit in needed if _apply_edit(clone, step, edit)]
    _check_whole(step, result.edits)
    if result.edits:
        # Touch-ups of what the other edits made: never on their own.
        result.edits += [e for e in step.edits if e.cosmetic and _apply_edit(clone, step, e)]
    if step.edits or not step.rules:
        gitops.stage_all(clone)
    result.files = _file_stats(gitops.diff_stats(clone, "--cached"))
    result.seconds = time.monotonic() - start
    left = [hit for name in step.unused for hit in _uses(clone, name)]
    if result.files and left:
        if not step.optional:
            raise UserError(
                f"step {step.id}: removes {', '.join(step.unused)}, still used at: "
                + "; ".join(left),
                hint="convert those users first, or mark the step `optional = true`",
            )
        gitops.run(clone, "reset", "-q", "--hard", "HEAD")
        result.files = ()
        result.skipped = f"still used at {', '.join(left)}"
    return result


def _commit_step(
    clone: Path,
    tree: gitops.UserTree,
    result: StepResult,
    maintainers: maint_mod.Maintainers | None,
    *,
    author: gitops.Identity,
    date: int,
    sp: spatch_mod.Spatch,
) -> None:
    """Commit the staged change of RESULT's step: in one commit, or one per split group."""
    step = result.step
    by_path = {f.path: f for f in result.files}
    if step.split is None:
        parts = [("", step.subject, result.files)]
    else:
        found = split_mod.groups(step.split, by_path, maintainers)
        overrides = dict(step.prefixes)
        split_mod.check_overrides(overrides, found, f"step {step.id}: prefixes")
        parts = []
        for group in found:
            prefix = split_mod.prefix(
                group, clone, tree.base, source=step.prefix_from, overrides=overrides
            )
            subject = step.subject_for(prefix)
            if problem := series_mod.subject_problem(subject):
                raise UserError(
                    f"step {step.id}: the subject of group {group.key!r}, {subject!r}, {problem}",
                    hint="give the group's prefix by hand (prefixes), or a shorter subject",
                )
            parts.append((group.key, subject, tuple(by_path[f] for f in group.files)))
    tags = _fixes_tag(step, clone, tree.base) + step.tags
    for key, subject, files in parts:
        message = _commit_message(step, subject, files, result.edits, author, sp, tags)
        only = [f.path for f in files] if step.split is not None else None
        commit = gitops.commit_staged(clone, message, author, date, only)
        result.patches.append(PatchResult(subject, key, files, commit))


def _fixes_tag(step: series_mod.Step, clone: Path, base: str) -> tuple[str, ...]:
    """The step's Fixes: tag, with the id the commit has in this tree, if it has it."""
    if step.fixes is None:
        return ()
    fixes = step.fixes
    commit = gitops.introducing_commit(clone, base, fixes.subject, fixes.file, fixes.introduced)
    return (f'Fixes: {commit[:12]} ("{fixes.subject}")',) if commit else ()


def _cite_tree_rules(series: series_mod.Series, clone: Path, base: str) -> series_mod.Series:
    """Rules from outside semantic_patches/ that the tree has, cited by their path in it."""
    outside = {r.path for s in series.steps for r in s.rules if not r.project}
    if not outside:
        return series
    found = gitops.tree_blobs(clone, base, rules_mod.TREE_RULES)
    cited = {}
    for path in outside:
        where = found.get(gitops.blob_id(path.read_bytes()))
        if where:
            cited[path] = where
    steps = tuple(
        replace(s, rules=tuple(replace(r, tree_path=cited.get(r.path)) for r in s.rules))
        for s in series.steps
    )
    return replace(series, steps=steps)


def _prefixed(tick: Progress | None, head: str) -> Progress | None:
    return (lambda line: tick(head + line)) if tick else None


# Where a use of a kernel symbol can be: source, not documentation, and not the build
# products some trees have committed (System.map, Module.symvers in 3.18.20's).
_SOURCE = ("*.c", "*.h", "*.S", "*.lds", "*.lds.S", ":!Documentation/")


def _uses(clone: Path, name: str) -> list[str]:
    """Where NAME is still spelled in CLONE's source files: FILE:LINE."""
    # Which files first, from what the cache knows of the tree's greps; then their lines.
    files = gitops.grep_files(clone, (name,), *_SOURCE)
    literal = tuple(":(literal)" + f for f in files)
    hits = gitops.grep(clone, "-n", "-w", "-e", name, paths=literal) if files else []
    return [":".join(hit.split(":", 2)[:2]) for hit in hits]


def run_series(
    series: series_mod.Series,
    tree: gitops.UserTree,
    sp: spatch_mod.Spatch,
    clone: Path,
    *,
    author: gitops.Identity,
    jobs: int,
    progress: Progress,
    maintainers: maint_mod.Maintainers | None = None,
    diffs: bool = False,
    tick: Progress | None = None,
) -> list[StepResult]:
    """Apply every step to CLONE (already at the base): one commit per step, or per group
    of a split step (MAINTAINERS for the subsystem and maintainer splits).

    TICK, if given, gets a line every few seconds while spatch runs (a terminal's).
    """
    sparse.need(clone, [marker.file for marker in series.applied_if])
    for marker in series.applied_if:
        path = clone / marker.file
        if path.is_file() and marker.text in path.read_text(errors="surrogateescape"):
            raise UserError(
                f"{tree.path} at {tree.base[:12]} already has series {series.name}: "
                f"{marker.file} holds {marker.text!r}",
                hint="nothing to generate; pick a tree (or --base) before the conversion",
            )
    for rule in {r.path: r for s in series.steps for r in s.rules}.values():
        spatch_mod.check_requires(sp, rule.path, rule.requires)
        # Only the mode that runs: a rule of several modes may not parse with all at once.
        spatch_mod.parse_rule(sp, rule.path, rule.defines)
    results = []
    total = len(series.steps)
    for index, step in enumerate(series.steps, start=1):
        result = _run_step(clone, step, sp, jobs, _prefixed(tick, f"[{index}/{total}] {step.id}"))
        if result.files:
            _commit_step(clone, tree, result, maintainers, author=author,
                         date=tree.base_date + index, sp=sp)  # fmt: skip
            for patch in result.patches if diffs else []:
                patch.diff = gitops.show_diff(clone, patch.commit)
        elif series.path.suffix == ".cocci":  # `run RULE.cocci`: one step, the rule
            raise UserError(
                f"{series.path}: the rule changes nothing in {tree.path} at {tree.base[:12]}",
                hint="nothing to send; is it the tree (--tree, --base) you meant?",
            )
        elif not step.optional:
            raise UserError(
                f"{series.path}: step {index} ({step.id}): its rules changed nothing "
                f"in {tree.path} at {tree.base[:12]}",
                hint="is --tree a Linux tree, at a base the series was written for? "
                "If the step may change nothing there, mark it `optional = true`",
            )
        progress(_progress_line(index, total, result))
        results.append(result)
    return results


def _prepare(
    series_name: str | series_mod.Series,
    tree_path: Path | None,
    base: str,
    spatch: str | None,
    work: Path,
    spatch_timeout: float | None = None,
) -> tuple[series_mod.Series, gitops.UserTree, spatch_mod.Spatch]:
    """Load and check everything up front; no --tree means the embedded demo tree."""
    if isinstance(series_name, series_mod.Series):
        series = series_name
    else:
        path = series_mod.find(paths.series_dir(), series_name)
        series = series_mod.load(path, paths.rules_dir())
    tree = scratch.user_tree(work, tree_path, base)
    return series, tree, spatch_mod.find(spatch, spatch_timeout)


def _clone(
    series: series_mod.Series, tree: gitops.UserTree, work: Path
) -> tuple[series_mod.Series, Path, maint_mod.Maintainers | None]:
    """The scratch clone at the base, the series with its rules cited, the MAINTAINERS.

    With the cache of spatch results, the clone is checked out only as far as it is
    read (``sparse.py``): a rerun whose results all come from the cache checks out a few
    hundred files of a kernel's 48,000, and spatch, if it has to run, all of them.
    """
    if cache.active() is not None:
        clone = sparse.clone(tree.path, tree.base, work / "tree")
    else:
        clone = gitops.scratch_clone(tree.path, tree.base, work / "tree")
    series = _cite_tree_rules(series, clone, tree.base)
    directories = gitops.tree_directories(clone, tree.base)
    sparse.need(clone, [maint_mod.FILE])
    return series, clone, maint_mod.load(clone, directories)


def _expect_greps(series: series_mod.Series, clone: Path, sp: spatch_mod.Spatch) -> None:
    """Tell ``greps.py`` the words the steps and reports will grep for: the first grep of
    the base then reads it once for all of them."""
    store = cache.active()
    if store is None:
        return
    words = {w for report in series.reports for w in report.words()}
    for step in series.steps:
        words |= {*step.grep, *step.unused}
        for rule in step.rules if not step.grep else ():  # a step's grep picks its files
            options = step.spatch_options + rule.run_options
            call = spatch_mod.Call(sp, rule.path, clone, options=options, defines=rule.defines)
            words |= cache.query_words(store, call)
    greps.expect(gitops.run(clone, "rev-parse", "HEAD^{tree}").strip(), words)


def _report_hooks(run: Run, *, jobs: int, allow_leftovers: bool) -> list[reports_mod.Section]:
    return [r.hook(jobs=jobs, allow_leftovers=allow_leftovers) for r in run.series.reports]


def _niced(start: Callable[[Path, Run], None], clone: Path, run: Run) -> None:
    """START, its children at the lowest CPU priority (Linux gives each thread its own)."""
    if sys.platform == "linux":
        with suppress(OSError):
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)
    start(clone, run)


@contextmanager
def _early(
    hooks: list[reports_mod.Section], clone: Path, run: Run
) -> Iterator[dict[int, Future[None]]]:
    """Begin each report's work on the base (``reports.Early``) before the steps: by
    hook, the future of its work.  It runs at nice 19, so it takes the CPU the steps
    leave (a spatch run on one file, git) and hardly slows them.  An error on the way
    ends every child (``proc.end_all``) and waits for the work to stop."""
    starts = {i: h.start for i, h in enumerate(hooks) if isinstance(h, reports_mod.Early)}
    if not starts:
        yield {}
        return
    early_pool = ThreadPoolExecutor(max_workers=len(starts), thread_name_prefix="early")
    with proc.pool_ended_on_error(early_pool) as pool:
        yield {i: pool.submit(_niced, start, clone, run) for i, start in starts.items()}


def _reports(
    run: Run,
    clone: Path,
    hooks: list[reports_mod.Section],
    early: dict[int, Future[None]],
    alongside: Callable[[], None] | None = None,
) -> list[str]:
    """The series' reports (HOOKS) on CLONE, the tree it leaves: their sections, in the
    series' order.  They run at the same time as each other and as ALONGSIDE (generate's
    proof): none writes what another reads, and on two cores one spatch run seldom keeps
    both busy; one with work begun before the steps (EARLY) waits for it.  Leaving waits
    for all of them, whatever happened."""
    if not hooks and alongside is None:
        return []

    def sections(index: int) -> list[str]:
        if index in early:
            early[index].result()
        return hooks[index](clone, run)

    with ThreadPoolExecutor(max_workers=len(hooks) + 1) as pool:
        other = pool.submit(alongside) if alongside is not None else None
        futures = [pool.submit(sections, index) for index in range(len(hooks))]
        found = [text for future in futures for text in future.result()]
        if other is not None:
            other.result()
    return found


def plan(
    series_name: str | series_mod.Series,
    tree_path: Path | None,
    *,
    base: str = "HEAD",
    jobs: int = 1,
    spatch: str | None = None,
    progress: Progress = lambda _: None,
    diffs: bool = False,
    spatch_timeout: float | None = None,
    tick: Progress | None = None,
) -> Run:
    """Dry run: what each step's rules would change (with DIFFS, the unified diff of each
    patch).  Writes nothing outside a temp dir."""
    with scratch.directory("cocci-series-plan-") as work:
        series, tree, sp = _prepare(series_name, tree_path, base, spatch, work, spatch_timeout)
        series, clone, maintainers = _clone(series, tree, work)
        run = Run(series, tree, sp)
        # As the cover letter will show them (and into the cache, for generate).
        hooks = _report_hooks(run, jobs=jobs, allow_leftovers=True)
        _expect_greps(series, clone, sp)
        with _early(hooks, clone, run) as early:
            run.steps = run_series(
                series, tree, sp, clone, author=FALLBACK_AUTHOR, jobs=jobs, progress=progress,
                maintainers=maintainers, diffs=diffs, tick=tick,
            )  # fmt: skip
            run.reports = _reports(run, clone, hooks, early)
    return run


def _check_out_dir(out: Path, tree_path: Path | None) -> None:
    """OUT must be new (or an empty directory) in a directory that exists, outside the tree."""
    if out.exists() and not out.is_dir():
        raise UserError(f"{out}: is a file", hint="pass --out a new directory")
    if out.exists() and any(out.iterdir()):
        what = "already holds patches" if any(out.glob("*.patch")) else "is not an empty directory"
        raise UserError(
            f"{out}: {what}",
            hint="remove it or pass another --out; cocci-series never overwrites output",
        )
    if out.exists() and os.path.ismount(out):
        raise UserError(
            f"{out}: is a mount point: the series is renamed into place, which cannot replace it",
            hint=f"pass --out a new directory inside it, e.g. --out {out / 'series'}",
        )
    if not out.parent.is_dir():
        raise UserError(f"{out.parent}: no such directory", hint="create it, or pick another --out")
    if tree_path is not None and out.is_relative_to(tree_path.resolve()):
        raise UserError(
            f"{out}: is inside the tree {tree_path}: the series would make it dirty",
            hint="pass --out a directory outside the tree",
        )


def _publish(staging: Path, out: Path) -> None:
    """Rename the finished STAGING to OUT; a run that finished first keeps its output."""
    (staging / scratch.OWNER).unlink()
    umask = os.umask(0o022)
    os.umask(umask)
    staging.chmod(0o777 & ~umask)  # as `mkdir OUT` would have made it, not mkdtemp's 0700
    try:
        os.replace(staging, out)
    except OSError as exc:
        raise UserError(
            f"{out}: cannot be written: {exc.strerror} (written by another run meanwhile?)",
            hint="pass another --out; cocci-series never overwrites output",
        ) from exc


def _fill_cover(cover: Path, title: str, body: str) -> None:
    text = cover.read_text(encoding="utf-8")
    for placeholder in ("*** SUBJECT HERE ***", "*** BLURB HERE ***"):
        if placeholder not in text:
            raise CheckFailed(f"{cover}: git format-patch wrote no {placeholder!r} to fill")
    text = text.replace("*** SUBJECT HERE ***", title, 1)
    text = text.replace("*** BLURB HERE ***", body.strip("\n"), 1)
    cover.write_text(text, encoding="utf-8")


def _cover_body(run: Run) -> str:
    steps = [
        {
            "subject": r.step.subject,
            "split": str(r.step.split) if r.step.split is not None else "",
            "patches": len(r.patches),
            "rules": [rule.name for rule in r.step.rules],
            "files": len(r.files),
            "hunks": r.hunks,
        }
        for r in run.steps
        if r.commit
    ]
    description = templates.render_string(
        run.series.description, f"{run.series.path}: [series]: description", series=run.series
    )
    skipped = [
        r.step.subject + (f" ({r.skipped})" if r.skipped else "") for r in run.steps if not r.commit
    ]
    return templates.render(
        "cover.j2",
        description=description,
        steps=steps,
        skipped=skipped,
        reports=run.reports,
        origin=run.series.origin or _rule_origin(run.series),
        tool_version=__version__,
        spatch_line=f"spatch {run.spatch.version}",
    )


def _rule_origin(series: series_mod.Series) -> str:
    """Where a series made from rules files comes from: the rules, as commits cite them."""
    rules = {r.path: r for s in series.steps for r in s.rules}.values()
    return ", ".join(r.tree_path or r.path.name for r in rules)


def _series_json(run: Run) -> str:
    data = {
        "series": run.series.name,
        "title": run.series.title,
        "base": run.tree.base,
        "tool_version": __version__,
        "spatch_version": run.spatch.version,
        "spatch": run.spatch.version_line,
        "steps": [
            {
                "id": r.step.id,
                "subject": r.step.subject,
                "commit": r.commit,
                "patches": [
                    {
                        "subject": p.subject,
                        "group": p.group,
                        "commit": p.commit,
                        "files": [f.path for f in p.files],
                        "to": p.recipients.to if p.recipients else [],
                        "cc": p.recipients.cc if p.recipients else [],
                    }
                    for p in r.patches
                ],
                "rules": [
                    {
                        "name": rr.rule,
                        "files": [f.__dict__ for f in rr.files],
                        "command": rr.command,
                    }
                    for rr in r.rules
                ],
                "files": [f.__dict__ for f in r.files],
                "hunks": r.hunks,
            }
            for r in run.steps
        ],
    }
    return json.dumps(data, indent=2) + "\n"


def _prove(run: Run, clone: Path, patches: list[Path], work: Path, author: gitops.Identity) -> None:
    """``git am`` the written PATCHES onto a fresh clone of the base: same tree, or fail.

    The clone checks out only the files the series changes: ``git am`` needs no other,
    and the trees are compared by id.
    """
    touched = gitops.changed_paths(clone, run.tree.base, "HEAD")
    fresh = gitops.sparse_clone(run.tree.path, run.tree.base, work / "am", touched)
    try:
        gitops.am(fresh, patches, author, run.tree.base_date)
    except Exception as exc:
        raise CheckFailed(
            f"the generated series does not apply with git am onto {run.tree.base[:12]}: {exc}"
        ) from exc
    if gitops.tree_id(fresh) != gitops.tree_id(clone):
        raise CheckFailed("git am of the generated series does not give the generated tree")


def _write_series(
    run: Run,
    staging: Path,
    work: Path,
    who: gitops.Identity,
    *,
    jobs: int,
    cc: bool,
    allow_leftovers: bool,
    progress: Progress,
    tick: Progress | None,
) -> None:
    """Run the steps of RUN's series in a scratch clone under WORK, and write the series
    into STAGING: the patches, proven, the cover letter with the reports, series.json."""
    series, clone, maintainers = _clone(run.series, run.tree, work)
    run.series = series
    tree, sp = run.tree, run.spatch
    hooks = _report_hooks(run, jobs=jobs, allow_leftovers=allow_leftovers)
    _expect_greps(series, clone, sp)
    with _early(hooks, clone, run) as early:
        run.steps = run_series(series, tree, sp, clone, author=who, jobs=jobs,
                               progress=progress, maintainers=maintainers, tick=tick)  # fmt: skip
        if not any(r.commit for r in run.steps):
            raise UserError(f"series {series.name}: no step changed anything in {tree.path}")
        signature = f"cocci-series {__version__} (spatch {sp.version})"
        last = tree.base_date + len(series.steps)
        patches = gitops.format_patch(clone, tree.base, staging, signature, who, last)
        if cc and maintainers is not None:
            made = [p for r in run.steps for p in r.patches]
            mail.address(patches, made, maintainers)
        # The proof does not need the cover letter (git am drops it), nor the reports:
        # it runs while they do.
        run.reports = _reports(
            run, clone, hooks, early, alongside=lambda: _prove(run, clone, patches[1:], work, who)
        )
    _fill_cover(patches[0], series.title, _cover_body(run))
    (staging / "series.json").write_text(_series_json(run), encoding="utf-8")


def generate(
    series_name: str | series_mod.Series,
    tree_path: Path | None,
    out: Path,
    *,
    base: str = "HEAD",
    jobs: int = 1,
    spatch: str | None = None,
    author: str | None = None,
    progress: Progress = lambda _: None,
    cc: bool = True,
    allow_leftovers: bool = False,
    spatch_timeout: float | None = None,
    tick: Progress | None = None,
) -> Run:
    """Generate the series into OUT: cover letter, one patch per step (or per group of a
    split step), series.json.

    The series' own reports ([[report]]) run on the final scratch tree and go into the
    cover letter.  With CC and a MAINTAINERS file in the tree, each patch goes To: and Cc:
    the people and lists that look after its files, the cover letter to all of them.
    ALLOW_LEFTOVERS lets a census that must be empty not be.
    """
    out = out.resolve()
    given = gitops.Identity.parse(author) if author else None
    _check_out_dir(out, tree_path)
    with (
        proc.recording() as commands,
        scratch.directory(f".{out.name}.tmp-", out.parent) as staging,
        scratch.directory("cocci-series-") as work,
    ):
        proc.alias(work, "$WORK")
        proc.alias(staging, "$OUT")
        series, tree, sp = _prepare(series_name, tree_path, base, spatch, work, spatch_timeout)
        who = given or tree.identity or FALLBACK_AUTHOR
        run = Run(series, tree, sp)
        store = cache.active()
        options = {"cc": cc, "allow_leftovers": allow_leftovers, "spatch_timeout": spatch_timeout}
        kept_as = replay.key(run, author=str(who), options=options) if store else None
        run.replayed = replay.load(store, kept_as) if store and kept_as else None
        if run.replayed is not None:
            replay.write(run.replayed, staging)
            written = sorted(run.replayed.files)
            patches = sum(name.endswith(".patch") for name in written)
            progress(
                f"nothing changed since a run wrote this series (same base, series, rules, "
                f"spatch and tool): its {patches} patch files and "
                f"{', '.join(n for n in written if not n.endswith('.patch'))}, from the cache"
            )
        else:
            _write_series(
                run, staging, work, who, jobs=jobs, cc=cc, allow_leftovers=allow_leftovers,
                progress=progress, tick=tick,
            )  # fmt: skip
            if store and kept_as:
                replay.save(store, kept_as, staging, *run.totals)
        (staging / "commands.log").write_text(commands.text(), encoding="utf-8")
        _publish(staging, out)
    run.out = out
    run.patches = sorted(out.glob("*.patch"))
    progress(f"wrote {len(run.patches)} files to {out}")
    return run
