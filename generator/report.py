"""Text for people: series listings, plan tables, run summaries."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .generate import Run
    from .series import Series


def series_listing(all_series: list[Series]) -> str:
    lines = []
    for series in all_series:
        lines.append(f"{series.name}: {series.title} ({len(series.steps)} steps)")
        for number, step in enumerate(series.steps, start=1):
            rules = ", ".join(r.name for r in step.rules)
            lines.append(f"  {number:2d}. {step.subject}  [{rules}]")
    return "\n".join(lines) if lines else "no series found"


def plan_table(run: Run) -> str:
    lines = [
        f"series {run.series.name} on {run.tree.path} at {run.tree.base[:12]} "
        f"(spatch {run.spatch.version})"
    ]
    for number, result in enumerate(run.steps, start=1):
        lines.append(f"{number:2d}. {result.step.subject}")
        for rule in result.rules:
            hunks = sum(f.hunks for f in rule.files)
            lines.append(
                f"      {rule.rule}: {len(rule.files)} file(s), {hunks} hunk(s), "
                f"{rule.seconds:.1f}s"
            )
            lines.extend(f"        {f.path} ({f.hunks})" for f in rule.files)
    total_files = len({f.path for r in run.steps for f in r.files})
    total_hunks = sum(r.hunks for r in run.steps)
    lines.append(f"total: {total_files} file(s), {total_hunks} hunk(s)")
    return "\n".join(lines)


def generate_summary(run: Run) -> str:
    commits = [r for r in run.steps if r.commit]
    total_hunks = sum(r.hunks for r in commits)
    return (
        f"{len(commits)} patches (+ cover letter) for series {run.series.name}, "
        f"base {run.tree.base[:12]}, {total_hunks} hunk(s), spatch {run.spatch.version}\n"
        f"proven: git am of the series onto the base gives the generated tree\n"
        f"output: {run.out}\n"
        f"apply with: git am --empty=drop {run.out}/*.patch"
    )
