"""``make bench``: the per-patch build check against a full build, in the same run.

For the demo tree, and for Linux 3.18.140 when ``KERNEL_TREE`` is set, each series is
checked twice: per patch (what ``check`` does) and ``--full`` (everything after each
patch: the demo's ``make``; for the kernel, every object of the top-level directories
that the series touches), both with ``--keep-going``.  It prints, per patch, the objects
built and the time each way, and writes the numbers to ``build/bench-<name>.json``.

Environment:
    KERNEL_TREE     a Linux 3.18.140 git tree (read only): adds the kernel runs
    KERNEL_SERIES   a series directory to check on it (default: a small hand-made one)
    KERNEL_CONFIG   default allmodconfig
    KERNEL_BENCH    which kernel runs, comma-separated: "build" (the per-patch build check
                    against --full), "distcc" (check with and without distcc, when it is
                    installed), "run" (the run-time check, ``bench/runtime.py``); default
                    "build,distcc,run"
    JOBS            make -j and spatch -j (default 2)
    BENCH_REPEAT    how many times each generate figure is taken (default 1)
    BENCH_ONLY      "generate" or "check": only that half

With distcc installed, each series is also checked with ``--cc gcc`` and with
``--cc 'distcc gcc'`` to a distccd on 127.0.0.1 (``bench/distcc.py``); on the demo, whose
Makefile only runs ``gcc -fsyntax-only``, distcc runs every job locally.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from generator import buildcheck
from generator import demo as demo_mod
from generator import generate as generate_mod
from generator import git as gitops
from generator.errors import CocciSeriesError

from . import distcc
from . import generate as generate_bench
from . import runtime as runtime_bench
from .series import DEMO_STEPS, KERNEL_STEPS, make_series

OUT = Path("build")


def _progress(line: str) -> None:
    print(f"  {line}", file=sys.stderr, flush=True)


def _setup_seconds(run: buildcheck.CheckRun) -> float:
    return sum(seconds for _, seconds in run.setup)


def bench(name: str, series: Path, tree: Path | None, config: str, jobs: int) -> dict[str, object]:
    """Check SERIES per patch, then --full; print the comparison and return it."""
    print(f"== {name}: per-patch check", file=sys.stderr)
    per = buildcheck.check(
        series, tree, configs=[config], jobs=jobs, keep_going=True, progress=_progress
    )
    print(f"== {name}: --full check", file=sys.stderr)
    full = buildcheck.check(
        series, tree, configs=[config], jobs=jobs, keep_going=True, full=True, progress=_progress
    )
    rows = []
    for a, b in zip(per.results, full.results, strict=True):
        rows.append(
            {
                "patch": a.patch.path.name,
                "subject": a.patch.subject,
                "per_patch": {"objects": len(a.objects), "compiled": a.compiled,
                              "seconds": round(a.seconds, 2), "status": a.status},
                "full": {"objects": len(b.objects), "compiled": b.compiled,
                         "seconds": round(b.seconds, 2), "status": b.status},
            }
        )  # fmt: skip
    per_total = sum(r.seconds for r in per.results)
    full_total = sum(r.seconds for r in full.results)
    result: dict[str, object] = {
        "name": name,
        "series": str(series),
        "kind": per.kind,
        "config": per.config,
        "jobs": jobs,
        "full_targets": full.full_targets or ["(make)"],
        "patches": rows,
        "per_patch_seconds": round(per_total, 2),
        "full_seconds": round(full_total, 2),
        "per_patch_setup_seconds": round(_setup_seconds(per), 2),
        "full_setup_seconds": round(_setup_seconds(full), 2),
        "full_setup": [[command, round(seconds, 2)] for command, seconds in full.setup],
        "shims": per.shims,
    }
    print(_table(result))
    return result


def _table(r: dict[str, object]) -> str:
    rows = r["patches"]
    assert isinstance(rows, list)
    lines = [
        f"{r['name']}: {len(rows)} patches, {r['kind']} tree"
        + (f", {r['config']}" if r["config"] else "")
        + f", -j{r['jobs']}; full = {' '.join(map(str, r['full_targets']))}",  # type: ignore[call-overload]
        f"{'#':>3}  {'patch':<46} {'per-patch':>18}  {'full':>18}  {'ratio':>6}",
        f"{'':>3}  {'':<46} {'objects':>8} {'time':>9}  {'objects':>8} {'time':>9}",
    ]
    for number, row in enumerate(rows, start=1):
        a, b = row["per_patch"], row["full"]
        ratio = b["seconds"] / a["seconds"] if a["seconds"] else 0.0
        subject = row["subject"] if len(row["subject"]) <= 46 else row["subject"][:43] + "..."
        lines.append(
            f"{number:>3}  {subject:<46} {a['objects']:>8} {a['seconds']:>8.1f}s  "
            f"{b['objects']:>8} {b['seconds']:>8.1f}s  {ratio:>5.1f}x"
        )
    per, full = float(r["per_patch_seconds"]), float(r["full_seconds"])  # type: ignore[arg-type]
    objects_per = sum(row["per_patch"]["objects"] for row in rows)
    objects_full = sum(row["full"]["objects"] for row in rows)
    lines.append(
        f"{'':>3}  {'all patches':<46} {objects_per:>8} {per:>8.1f}s  "
        f"{objects_full:>8} {full:>8.1f}s  {full / per if per else 0:>5.1f}x"
    )
    lines.append(
        f"setup: per-patch {r['per_patch_setup_seconds']}s (clone, configure, prepare); "
        f"full {r['full_setup_seconds']}s (the same, plus the full build of the base)"
    )
    return "\n".join(lines)


def _demo_series(work: Path) -> Path:
    """The shipped msghdr-iov-iter series generated on the demo tree, or a hand-made one."""
    out = work / "demo-series"
    try:
        generate_mod.generate("msghdr-iov-iter", None, out, progress=lambda _: None)
        return out
    except CocciSeriesError as exc:
        print(f"(msghdr-iov-iter does not generate on the demo: {exc}; hand-made series)",
              file=sys.stderr)  # fmt: skip
    shutil.rmtree(out, ignore_errors=True)
    tree = demo_mod.materialize(work / "demo-tree")
    return make_series(tree, "base", DEMO_STEPS, work / "demo-handmade")


def main() -> int:
    jobs = int(os.environ.get("JOBS", "2"))
    OUT.mkdir(exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="cocci-series-bench-"))
    results = []
    kernel = os.environ.get("KERNEL_TREE")
    only = os.environ.get("BENCH_ONLY", "")
    try:
        start = time.monotonic()
        if only != "check":
            repeat = int(os.environ.get("BENCH_REPEAT", "1"))
            runs: list[tuple[str, Path | None, str]] = [("demo", None, "HEAD")]
            if kernel:
                runs.append(
                    ("linux-3.18", Path(kernel), gitops.resolve(Path(kernel), "base") or "HEAD")
                )
            for name, tree, base in runs:
                figures = generate_bench.run(name, tree, base, jobs, work / "generate", repeat)
                path = OUT / f"bench-generate-{name}.json"
                path.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
        with_distcc = only != "generate" and distcc.available()
        if only != "generate":
            demo_series = _demo_series(work)
            results.append(bench("demo", demo_series, None, "allmodconfig", jobs))
        if with_distcc:
            results.append(distcc.compare("demo-distcc", demo_series, None, "", jobs, work))
        if kernel and only != "generate":
            series_env = os.environ.get("KERNEL_SERIES")
            base = gitops.resolve(Path(kernel), "base") or "HEAD"
            series = (
                Path(series_env)
                if series_env
                else make_series(Path(kernel), base, KERNEL_STEPS, work / "kernel-handmade")
            )
            config = os.environ.get("KERNEL_CONFIG", "allmodconfig")
            which = os.environ.get("KERNEL_BENCH", "build,distcc,run").split(",")
            if "build" in which:
                results.append(bench("linux-3.18", series, Path(kernel), config, jobs))
            if "distcc" in which and with_distcc:
                results.append(
                    distcc.compare("linux-3.18-distcc", series, Path(kernel), config, jobs, work)
                )
            if "run" in which:
                run_series = Path(os.environ.get("KERNEL_RUN_SERIES", str(series)))
                results.append(runtime_bench.bench(run_series, Path(kernel), jobs, _progress))
        if not with_distcc and only != "generate":
            print("(distcc or distccd not installed: no distcc figures)", file=sys.stderr)
        for result in results:
            path = OUT / f"bench-{result['name']}.json"
            path.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
        print(f"bench: {time.monotonic() - start:.0f}s; numbers in {OUT}/bench-*.json",
              file=sys.stderr)  # fmt: skip
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
