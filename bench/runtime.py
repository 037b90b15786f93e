"""``make bench`` with ``KERNEL_TREE``: the run-time check's cost per patch.

Each patch's incremental UML build plus boot and probe (what ``check --run`` pays per
patch) against a from-scratch build of the same patch (a clean clone at its commit,
ccache off), measured in the same run.  Goal: median <= 60 s per patch on 2 cores.

Environment:
    KERNEL_RUN_SERIES    the series to run (default: KERNEL_SERIES, else the hand-made one)
    KERNEL_RUN_KERNEL    um (default) or qemu: what ``check --run-kernel`` boots
    KERNEL_RUN_SCRATCH   patches also built from scratch: "all", or numbers such as "0,3"
                         (0 is the base; default "0" and the last patch: ~15 min each)
"""

from __future__ import annotations

import os
import statistics
import sys
from pathlib import Path

from generator import buildcheck, runtime


def _scratch_set(spec: str | None, count: int) -> frozenset[int]:
    if spec is None:
        return frozenset({0, count})
    if spec.strip() == "all":
        return frozenset(range(count + 1))
    return frozenset(int(n) for n in spec.split(",") if n.strip())


def bench(series: Path, tree: Path, jobs: int, progress: runtime.Progress) -> dict[str, object]:
    count = len(buildcheck.read_series(series).patches)
    scratch = _scratch_set(os.environ.get("KERNEL_RUN_SCRATCH"), count)
    kernel = os.environ.get("KERNEL_RUN_KERNEL", "um")
    print(f"== linux-3.18: run-time check, {kernel} (from scratch too: {sorted(scratch)})",
          file=sys.stderr)  # fmt: skip
    run = runtime.check(
        series,
        tree,
        jobs=jobs,
        kernel=kernel,
        keep_going=True,
        scratch_builds=scratch,
        progress=progress,
    )
    rows = []
    for pr in run.runs:
        boot = pr.boot.seconds if pr.boot else 0.0
        rows.append(
            {"number": pr.number, "subject": pr.subject, "status": pr.status,
             "build_seconds": round(pr.build_seconds, 2), "boot_seconds": round(boot, 2),
             "per_patch_seconds": round(pr.build_seconds + boot, 2),
             "scratch_seconds": round(pr.scratch_seconds, 2) if pr.scratch_seconds else None}
        )  # fmt: skip
    patches = [r for r in rows if r["number"]]
    median = statistics.median(float(r["per_patch_seconds"]) for r in patches)  # type: ignore[arg-type]
    scratched = [float(r["scratch_seconds"]) for r in rows if r["scratch_seconds"]]  # type: ignore[arg-type]
    result: dict[str, object] = {
        "name": "linux-3.18-run" + ("" if kernel == "um" else f"-{kernel}"),
        "series": str(series),
        "kernel": kernel,
        "notes": run.notes,
        "jobs": jobs,
        "patches": rows,
        "median_per_patch_seconds": round(median, 2),
        "median_scratch_seconds": round(statistics.median(scratched), 2) if scratched else None,
        "total_seconds": round(run.seconds, 2),
        "setup_seconds": round(sum(s for _, s in run.setup), 2),
        "shims": run.shims,
        "error": str(run.error) if run.error else None,
    }
    print(_table(result))
    return result


def _table(r: dict[str, object]) -> str:
    rows = r["patches"]
    assert isinstance(rows, list)
    lines = [
        f"linux-3.18 run-time check: {len(rows) - 1} patches, {r['kernel']}, -j{r['jobs']}",
        f"{'#':>3}  {'patch':<46} {'build':>8} {'boot+suite':>10} {'per patch':>9} "
        f"{'scratch':>8} {'ratio':>6}",
    ]
    for row in rows:
        subject = row["subject"] if len(row["subject"]) <= 46 else row["subject"][:43] + "..."
        scratch = row["scratch_seconds"]
        ratio = f"{scratch / row['per_patch_seconds']:>5.1f}x" if scratch else f"{'-':>6}"
        lines.append(
            f"{row['number']:>3}  {subject:<46} {row['build_seconds']:>7.1f}s "
            f"{row['boot_seconds']:>9.1f}s {row['per_patch_seconds']:>8.1f}s "
            + (f"{scratch:>7.1f}s " if scratch else f"{'-':>8} ")
            + ratio
        )
    lines.append(
        f"median per patch (incremental build + boot + suite): {r['median_per_patch_seconds']}s"
        f" (goal <= 60 s); from scratch (median of those built): {r['median_scratch_seconds']}s;"
        f" setup {r['setup_seconds']}s; all {r['total_seconds']}s"
    )
    return "\n".join(lines)
