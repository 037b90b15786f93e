"""``check --run``: boot each patch's kernel and run the probe in it.

The series is applied patch by patch with ``git am`` in a scratch clone of its base of
its own (the build check's clone holds another architecture's objects).  At the base
and after each patch: an incremental User-Mode Linux build (``ARCH=um vmlinux``), the
in-kernel caller module built out of tree against it (``M=``), a boot with a hostfs
root whose ``/init`` is the probe (``generator/probe``), which runs its socket cases,
loads the module, runs the tree's own net selftests and powers off.

A case that passes at the base must pass at every patch, and one that a patch makes
pass must pass at every later patch; one that fails (or is skipped) at the base is
listed, not blamed, and so is one whose outcome differs between two boots of the base.
What the module observes of the kvec a caller passes is compared with the series'
expectations per patch range (``series/<name>/runtime.toml``); without them an
observation must not change.

Every shim the old tree needs with today's toolchain is on the make command line or an
untracked file outside the clone, and listed in the report; never in the series.
"""

from __future__ import annotations

import json
import shlex
import shutil
import time
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import build, buildcheck, paths, probe, scratch
from . import git as gitops
from .errors import CheckFailed, ToolFailed, UserError
from .testkernel import Boot, TestKernel, build_selftests, kernel_class

Progress = Callable[[str], None]


# -- expectations ---------------------------------------------------------------------


@dataclass(frozen=True)
class Expectations:
    """Per observation, its value from the base on and from each listed patch on."""

    path: Path | None
    observe: dict[str, dict[str, str]]  # name -> {"base" or a patch subject: value}

    def value(self, name: str, subjects: list[str]) -> str | None:
        """The expected value of NAME after the patches SUBJECTS (in order), if listed."""
        table = self.observe.get(name)
        if table is None:
            return None
        value = table.get("base")
        for subject in subjects:
            value = table.get(subject, value)
        return value


def load_expectations(path: Path | None) -> Expectations:
    if path is None or not path.is_file():
        return Expectations(None, {})
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise UserError(f"{path}: {exc}") from exc
    observe = data.get("observe", {})
    if not isinstance(observe, dict) or not all(
        isinstance(t, dict) and all(isinstance(v, str) for v in t.values())
        for t in observe.values()
    ):
        raise UserError(f"{path}: [observe.NAME] tables map 'base' or a subject to a value")
    return Expectations(path, observe)


def default_expectations(series: buildcheck.SeriesFiles) -> Path | None:
    """series/<name>/runtime.toml of the series named in series.json, if any."""
    meta = series.path / "series.json"
    if not meta.is_file():
        return None
    name = json.loads(meta.read_text(encoding="utf-8")).get("series")
    path = paths.series_dir() / str(name) / "runtime.toml"
    return path if name and path.is_file() else None


# -- the run --------------------------------------------------------------------------


@dataclass
class PatchRun:
    number: int  # 0: the base
    subject: str
    file: str
    status: str = "not run"  # ok, REGRESSED, build failed, does not apply, not run
    build_seconds: float = 0.0
    scratch_seconds: float | None = None  # a from-scratch build, when asked (bench)
    boot: Boot | None = None
    log: Path | None = None
    regressions: list[str] = field(default_factory=list)  # "case: why"
    observed_unexpected: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class RunCheck:
    series: buildcheck.SeriesFiles
    tree: Path
    base: str
    kernel: str
    logs: Path
    shims: list[str] = field(default_factory=list)
    setup: list[tuple[str, float]] = field(default_factory=list)
    config: str = ""
    config_fragment: Path | None = None
    config_missing: list[str] = field(default_factory=list)
    selftests: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    expectations: Expectations = field(default_factory=lambda: Expectations(None, {}))
    unstable: dict[str, str] = field(default_factory=dict)  # differs in two boots of one kernel
    runs: list[PatchRun] = field(default_factory=list)
    error: CheckFailed | None = None
    seconds: float = 0.0
    from_patch: int = 1  # the first patch booted (--from): the reference boot has those before

    def reproduce(self, run: PatchRun, uml: TestKernel) -> str:
        patches = " ".join(shlex.quote(str(p.path)) for p in self.series.patches[: run.number])
        steps = [
            f"git clone --shared {shlex.quote(str(self.tree))} /tmp/k && cd /tmp/k",
            f"git checkout -q {self.base[:12]}",
            ": > .scmversion",  # the release string of the run: its module loads
        ]
        if patches:
            steps.append(f"git am -q {patches}")
        if self.config.startswith("all"):
            steps.append(
                shlex.join(uml.argv(self.config, f"KCONFIG_ALLCONFIG={self.config_fragment}"))
            )
        else:
            steps.append(
                f"{shlex.join(uml.argv(self.config))} && cat {self.config_fragment} >> .config"
            )
            steps.append(shlex.join(uml.argv("olddefconfig")))
        steps += [
            shlex.join(uml.argv(*uml.targets, "modules_prepare")),
            shlex.join(
                uml.boot_argv(
                    f"repro-{run.number}", self.selftests, f"./{uml.image_path}", run.number
                )
            ),  # fmt: skip
        ]
        kept = uml.kept_boot_argv(run.number, self.selftests)
        again = f"boot its kernel again: {shlex.join(kept)}\n" if kept else ""
        return f"{again}rebuild it: " + " && ".join(steps)


def check(
    series_dir: Path,
    tree_path: Path | None,
    *,
    jobs: int = 1,
    kernel: str = "um",
    config: str = "allnoconfig",
    timeout: float = 120.0,
    logs: Path | None = None,
    expectations: Path | None = None,
    keep_going: bool = False,
    scratch_builds: frozenset[int] = frozenset(),
    from_patch: int = 1,
    progress: Progress = lambda _: None,
) -> RunCheck:
    """Boot the base and every patch of SERIES_DIR as KERNEL; run the probe in each.

    SCRATCH_BUILDS: patch numbers (0: the base) also built from nothing, to compare.
    FROM_PATCH: the first patch booted; the reference boot (0) is then the base with the
    patches before it applied.
    """
    kind = kernel_class(kernel)
    series = buildcheck.read_series(series_dir.resolve())
    buildcheck.check_from_patch(series, from_patch)
    start = time.monotonic()
    with scratch.directory("cocci-series-run-") as work:
        user = scratch.user_tree(work, tree_path, require_clean=False)
        base = gitops.resolve(user.path, series.base)
        if base is None:
            raise UserError(
                f"{user.path}: does not have the base commit {series.base[:12]} of the series",
                hint="pass --tree the tree the series was generated from",
            )
        arch_dir = user.path / "arch" / kind.srcarch
        if build.detect(user.path) != "kbuild" or not arch_dir.is_dir():
            raise UserError(
                f"{user.path}: not a Linux tree with arch/{kind.srcarch}: cannot boot it",
                hint="--run needs a kernel tree (--tree)",
            )
        logs = (logs or Path(f"cocci-series-run-{base[:12]}")).resolve()
        if logs.exists():
            shutil.rmtree(logs)
        logs.mkdir(parents=True)
        base_date = int(gitops.run(user.path, "log", "-1", "--format=%ct", base).strip())
        t0 = time.monotonic()
        clone = gitops.scratch_clone(user.path, base, work / "tree")
        run = RunCheck(series, user.path, base, kernel, logs, from_patch=from_patch)
        run.setup.append(("git clone --shared && git checkout", time.monotonic() - t0))
        progress(f"run: scratch clone of {user.path} at {base[:12]} ({run.setup[-1][1]:.1f}s)")
        if not build.CONFIG_TARGET.match(config):
            raise UserError(f"--run-config {config!r}: not a *config target",
                            hint="pass allnoconfig or defconfig")  # fmt: skip
        uml = kind(clone, logs, jobs, timeout, config)
        run.setup += uml.prepare()
        run.shims, run.config_missing = uml.shims, uml.config_missing
        run.config_fragment = logs / f"{uml.name}-probe.config"
        run.config = config
        run.expectations = load_expectations(expectations or default_expectations(series))
        uml.root.mkdir()
        for d in ("proc", "dev", "selftests"):
            (uml.root / d).mkdir()
        t0 = time.monotonic()
        probe.build(uml.root / "probe")
        run.selftests, selftest_notes = build_selftests(clone, uml.root / "selftests")
        run.notes = uml.notes  # the kernel's own list: it adds to it as it boots (QEMU)
        run.notes += selftest_notes
        if kind.arch == "x86_64":  # compat system calls: the probe built for i386 too
            try:
                probe.build(uml.root / "probe32", m32=True)
            except ToolFailed as exc:
                run.notes.append(f"no compat probe: gcc -m32 fails: {exc.message.splitlines()[0]}")
        run.setup.append(("the probe and the selftests (gcc -static)", time.monotonic() - t0))
        last = from_patch - 1
        before = f"(base + patches 1-{last})" if last > 1 else "(base + patch 1)"
        run.runs = [PatchRun(0, "(base)" if not last else before, "")] + [
            PatchRun(p.number, p.subject, p.path.name) for p in series.patches[last:]
        ]
        _walk(run, uml, work, base_date, keep_going, scratch_builds, progress)
        run.seconds = time.monotonic() - start
    return run


def _walk(
    run: RunCheck,
    uml: TestKernel,
    work: Path,
    base_date: int,
    keep_going: bool,
    scratch_builds: frozenset[int],
    progress: Progress,
) -> None:
    total = len(run.series.patches)
    passed: dict[str, int] = {}  # case -> the first boot (0: the base) it passed in
    base_observed: dict[str, str] = {}
    subjects: list[str] = []
    for patch in run.series.patches[: run.from_patch - 1]:  # the reference boot's patches
        try:
            gitops.am_one(uml.clone, patch.path, buildcheck.APPLIER, base_date)
        except ToolFailed as exc:
            raise CheckFailed(
                f"patch {patch.number} ({patch.path.name}) before --from {run.from_patch} does "
                f"not apply: {(exc.output.strip().splitlines() or [''])[-1]}",
                hint="check the series from its first patch",
            ) from None
        subjects.append(patch.subject)
    for pr in run.runs:
        if pr.number:
            patch = run.series.patches[pr.number - 1]
            try:
                gitops.am_one(uml.clone, patch.path, buildcheck.APPLIER, base_date)
            except ToolFailed as exc:
                pr.status = "does not apply"
                pr.regressions.append(f"git am: {(exc.output.strip().splitlines() or [''])[-1]}")
                progress(f"run [{pr.number}/{total}] {pr.subject}: does not apply")
                break
            subjects.append(patch.subject)
        ok, seconds, tail = uml.build()
        pr.build_seconds = seconds
        if ok:
            ko = uml.root / "kmod.ko"
            ko.unlink(missing_ok=True)
            built, kseconds, ktail = uml.build_module(work, ko)
            pr.build_seconds += kseconds
            if not built:
                pr.notes.append(f"the caller module does not build: {ktail}")
        if not ok:
            pr.status = "build failed"
            pr.notes.append(tail)
            pr.regressions.append(f"build: {tail.splitlines()[-1] if tail else 'make failed'}")
        else:
            pr.boot, pr.log = uml.boot(str(pr.number), run.selftests)
            if pr.number == 0:
                passed, base_observed = _passing(pr.boot.cases, 0), dict(pr.boot.observed)
                pr.status = "ok" if pr.boot.finished else "boot failed"
                if pr.boot.finished:  # once more: what differs is not judged
                    again, _ = uml.boot("0-again", run.selftests)
                    run.unstable = _unstable(pr.boot, again)
                    for name in run.unstable:
                        passed.pop(name, None)
                        base_observed.pop(name, None)
            else:
                _judge(pr, passed, base_observed, run.expectations, subjects)
                if pr.regressions:  # the same kernel again: a failure that passes is noise
                    flaky = _flaky(pr, passed, _rebooter(uml, pr.number, run.selftests))
                    if flaky:
                        run.unstable.update(flaky)
                        for name in flaky:
                            passed.pop(name)
                        pr.regressions, pr.observed_unexpected = [], []
                        _judge(pr, passed, base_observed, run.expectations, subjects)
                for name, since in _passing(pr.boot.cases, pr.number).items():
                    if name not in run.unstable:
                        passed.setdefault(name, since)
            if pr.number == 0 or pr.status != "ok":  # kept, to boot again by hand
                uml.keep(pr.number)
        if pr.number in scratch_builds and pr.boot:
            pr.scratch_seconds = uml.scratch_build(work)
        progress(_line(pr, total))
        if pr.number == 0 and pr.status != "ok":
            why = pr.notes or (pr.boot.why if pr.boot else "")
            raise CheckFailed(
                f"the base does not boot as {uml.name} with the probe: {why}",
                hint=f"console log: {pr.log}" if pr.log else "see the build output above",
            )
        if pr.status != "ok" and not keep_going:
            break
    bad = [pr for pr in run.runs if pr.status not in ("ok", "not run")]
    if bad:
        first = bad[0]
        what = "; ".join(first.regressions + first.observed_unexpected) or first.status
        run.error = CheckFailed(
            f"patch {first.number} ({first.file}: {first.subject}) regresses at run time: {what}",
            hint=f"reproduce: {run.reproduce(first, uml)}"
            + (f"\nconsole log: {first.log}" if first.log else ""),
        )


def _unstable(first: Boot, second: Boot) -> dict[str, str]:
    """Cases and observations whose outcome differs between two boots of one kernel."""
    found = {}
    for name in sorted(set(first.cases) | set(second.cases)):
        a, b = first.cases.get(name, "-"), second.cases.get(name, "-")
        if a != b:
            found[name] = f"{a} then {b}"
    for name in sorted(set(first.observed) | set(second.observed)):
        a, b = first.observed.get(name, "-"), second.observed.get(name, "-")
        if a != b:
            found[name] = f"{a} then {b}"
    return found


def _rebooter(kernel: TestKernel, number: int, selftests: list[str]) -> Callable[[int], Boot]:
    """Boot K of the kernel of patch NUMBER again (its console log beside the first)."""
    return lambda k: kernel.boot(f"{number}-again{k}", selftests)[0]


AGAIN = 2  # boots more of a kernel where a case failed that passed before


def _flaky(
    pr: PatchRun, passed: dict[str, int], boot_again: Callable[[int], Boot]
) -> dict[str, str]:
    """Cases that failed in PR's boot and pass in a later boot of the same kernel
    (up to AGAIN more): not the patch's doing, and not judged from then on.  A case
    that fails every time stays a regression."""
    assert pr.boot is not None
    failed = [name for name in passed if pr.boot.cases.get(name, "missing") != "PASS"]
    found: dict[str, str] = {}
    for k in range(1, AGAIN + 1):
        if len(found) == len(failed):
            break
        again = boot_again(k)
        for name in failed:
            if name not in found and again.cases.get(name) == "PASS":
                first = pr.boot.cases.get(name, "missing")
                found[name] = f"{first} at patch {pr.number}, PASS in boot {k + 1} of its kernel"
    return found


def _passing(cases: dict[str, str], number: int) -> dict[str, int]:
    return {name: number for name, verdict in cases.items() if verdict == "PASS"}


def _judge(
    pr: PatchRun,
    passed: dict[str, int],
    base_observed: dict[str, str],
    expect: Expectations,
    subjects: list[str],
) -> None:
    """A case that passed at the base, or from an earlier patch on, must pass here."""
    assert pr.boot is not None
    for name, since in passed.items():
        now = pr.boot.cases.get(name, "missing")
        if now != "PASS":
            why = pr.boot.why.get(name, "not reported")
            where = "at the base" if since == 0 else f"since patch {since}"
            pr.regressions.append(f"{name}: PASS {where}, {now} here ({why})")
    for name in sorted(set(base_observed) | set(pr.boot.observed)):
        want = expect.value(name, subjects)
        if want is None:
            want = base_observed.get(name)
        got = pr.boot.observed.get(name)
        if got != want:
            pr.observed_unexpected.append(f"{name}: {got}, expected {want}")
    pr.status = "REGRESSED" if pr.regressions or pr.observed_unexpected else "ok"


def _line(pr: PatchRun, total: int) -> str:
    head = f"run [{pr.number}/{total}] {pr.subject}"
    if pr.boot is None:
        return f"{head}: {pr.status} (build {pr.build_seconds:.1f}s)"
    counts = {v: list(pr.boot.cases.values()).count(v) for v in ("PASS", "FAIL", "SKIP")}
    scratch = f", from scratch {pr.scratch_seconds:.1f}s" if pr.scratch_seconds else ""
    return (
        f"{head}: {counts['PASS']} passed, {counts['FAIL']} failed, {counts['SKIP']} skipped, "
        f"{pr.status} (build {pr.build_seconds:.1f}s, boot+suite {pr.boot.seconds:.1f}s"
        f"{scratch})"
    )


# -- the report ----------------------------------------------------------------------


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 3] + "..."


def _outcomes(name: str, ran: list[PatchRun]) -> str:
    """How NAME ended at the base, and at each patch where that changed."""
    said: list[str] = []
    last = ""
    for pr in ran:
        assert pr.boot
        how = pr.boot.cases.get(name, "not reported")
        if pr.boot.why.get(name):
            how += f" ({pr.boot.why[name]})"
        if not said:
            said.append(f"{how} at the base")
        elif how != last:
            said.append(f"{how} from patch {pr.number}")
        last = how
    return ", ".join(said)


def table(run: RunCheck) -> str:
    """Per patch (build, boot+suite, counts, result) and per case (a letter per patch)."""
    lines = [
        f"run-time check of {len(run.series.patches)} patch(es) from {run.series.path} on "
        f"{run.tree} at {run.base[:12]}, kernel {run.kernel}, logs in {run.logs}",
        "",
        f"{'#':>3}  {'patch':<50} {'build':>7} {'boot+suite':>10} {'pass':>4} {'fail':>4} "
        f"{'skip':>4}  result",
    ]
    for pr in run.runs:
        if pr.boot:
            c = list(pr.boot.cases.values())
            counts = f"{c.count('PASS'):>4} {c.count('FAIL'):>4} {c.count('SKIP'):>4}"
            boot = f"{pr.boot.seconds:>9.1f}s"
        else:
            counts, boot = f"{'-':>4} {'-':>4} {'-':>4}", f"{'-':>10}"
        lines.append(
            f"{pr.number:>3}  {_short(pr.subject, 50):<50} {pr.build_seconds:>6.1f}s {boot} "
            f"{counts}  {pr.status}"
        )
    ran = [pr for pr in run.runs if pr.boot]
    build_total = sum(pr.build_seconds for pr in run.runs)
    boot_total = sum(pr.boot.seconds for pr in ran if pr.boot)
    lines.append(
        f"{'':>3}  {'total':<50} {build_total:>6.1f}s {boot_total:>9.1f}s  "
        f"(setup {sum(s for _, s in run.setup):.1f}s, all {run.seconds:.1f}s)"
    )
    names: list[str] = []
    for pr in ran:
        assert pr.boot
        names += [n for n in pr.boot.cases if n not in names]
    if ran:
        lines += ["", "per case (one letter per boot, base first: P pass, F fail, S skip, "
                  "- not reported):"]  # fmt: skip
        for name in names:
            marks = "".join((pr.boot.cases.get(name, "-")[0] if pr.boot else " ") for pr in ran)
            lines.append(f"  {name:<28} {marks}")
        observed = sorted({n for pr in ran if pr.boot for n in pr.boot.observed})
        if observed:
            lines += ["", "observed by the caller module (per boot, base first):"]
            for name in observed:
                values = [pr.boot.observed.get(name, "-") if pr.boot else "" for pr in ran]
                changes = [f"{values[0]} (base)"] + [
                    f"{v} from patch {ran[i].number}"
                    for i, v in enumerate(values)
                    if i and v != values[i - 1]
                ]
                lines.append(f"  {name}: {', '.join(changes)}")
            if run.expectations.path:
                lines.append(f"  expected per patch range: {run.expectations.path}")
    base = run.runs[0].boot if run.runs else None
    if base:
        failing = [n for n in base.cases if base.cases[n] != "PASS"]
        if failing:
            lines += ["", "not passing at the base (listed, not blamed; how it ends, per patch):"]
            lines += [f"  {n}: {_outcomes(n, ran)}" for n in failing]
    if run.unstable:
        lines += ["", "not the same in two boots of one kernel (not judged from then on):"]
        lines += [f"  {name}: {how}" for name, how in run.unstable.items()]
    for pr in run.runs:
        for r in pr.regressions + pr.observed_unexpected:
            lines.append(f"patch {pr.number}: {r}")
    lines += ["", "shims (make command line / untracked files, never in the series):"]
    lines += [f"  {s}" for s in run.shims]
    lines.append(f"  config: {run.config} + {run.config_fragment}")
    if run.config_missing:
        lines.append(f"  not set by this tree's Kconfig: {' '.join(run.config_missing)}")
    if run.selftests:
        lines.append(f"selftests run in each boot: {', '.join(run.selftests)}")
    lines += run.notes
    return "\n".join(lines)
