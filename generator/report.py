"""Text for people: series listings, plan tables, run summaries."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .buildcheck import CheckRun
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
        if result.step.split is not None:
            lines.append(f"      split by {result.step.split}: {len(result.patches)} patch(es)")
            for patch in result.patches:
                lines.append(f"        {patch.subject}  [{patch.group}]")
                lines.extend(f"          {f.path}" for f in patch.files)
    total_files = len({f.path for r in run.steps for f in r.files})
    total_hunks = sum(r.hunks for r in run.steps)
    lines.append(f"total: {total_files} file(s), {total_hunks} hunk(s)")
    if run.reports:
        lines += ["", "what the cover letter will report:", *run.reports]
    return "\n".join(lines)


def plan_diffs(run: Run) -> str:
    """The change each patch of a plan would make, as unified diffs."""
    patches = [p for r in run.steps for p in r.patches]
    parts = []
    for number, patch in enumerate(patches, start=1):
        parts.append(f"# [{number}/{len(patches)}] {patch.subject}\n{patch.diff}")
    return "\n".join(parts) if parts else "no change"


def generate_summary(run: Run) -> str:
    patches, total_hunks = run.totals
    proven = "proven: git am of the series onto the base gives the generated tree"
    if run.replayed is not None:
        proven += " (when this series was first written: the same inputs since)"
    return (
        f"{patches} patches (+ cover letter) for series {run.series.name}, "
        f"base {run.tree.base[:12]}, {total_hunks} hunk(s), spatch {run.spatch.version}\n"
        f"{proven}\n"
        f"output: {run.out}\n"
        f"apply with: git am --empty=drop {run.out}/*.patch"
    )


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 3] + "..."


def _target_columns(run: CheckRun) -> list[tuple[str, str]]:
    """(target label, column head): the arch alone when no arch has two configs."""
    arches = [label.split(" ")[0] for label in run.targets]
    unique = len(set(arches)) == len(arches)
    if len(run.targets) == 1:
        return [(run.targets[0], "objects")]
    return [
        (label, arch if unique else label) for label, arch in zip(run.targets, arches, strict=True)
    ]


def check_table(run: CheckRun) -> str:
    """The check's table (patch, objects per target, new warnings, checkpatch, result, time)."""
    config = f"; {run.config}" if run.config else ""
    mode = "full build: " + (" ".join(run.full_targets) or "make") if run.full else "per patch"
    lanes = f"; {run.lanes} lanes, {run.workers} at a time" if run.lanes > 1 else ""
    lines = [
        f"check of {len(run.results)} patch(es) from {run.series.path} on {run.tree} "
        f"at {run.base[:12]} ({run.kind} tree{config}; {mode}{lanes})"
    ]
    lines += [f"setup: {command} ({seconds:.1f}s)" for command, seconds in run.setup]
    lines += [f"shim: {shim}" for shim in run.shims]
    columns = _target_columns(run)
    heads = " ".join(f"{head:>{max(len(head), 7)}}" for _, head in columns)
    head = f"{'#':>3}  {'patch':<50} {heads} {'new warn':>8} {'checkpatch':>10}  "
    lines += ["", head + f"{'result':<14} {'time':>7}"]
    for r in run.results:
        cp = f"{r.checkpatch.errors}E/{r.checkpatch.warnings}W" if r.checkpatch else "-"
        counts = []
        for label, column in columns:
            b = r.build_for(label)
            count = str(len(b.objects)) if b.status not in ("not checked", "error") else "-"
            counts.append(f"{count:>{max(len(column), 7)}}")
        checked = r.status != "not checked"
        lines.append(
            f"{r.patch.number:>3}  {_shorten(r.patch.subject, 50):<50} {' '.join(counts)} "
            f"{len(r.new_warnings) if checked else '-':>8} {cp:>10}  "
            f"{r.status:<14} {r.seconds:>6.1f}s"
        )
    totals = [
        f"{sum(len(r.build_for(label).objects) for r in run.results):>{max(len(column), 7)}}"
        for label, column in columns
    ]
    warned = sum(len(r.new_warnings) for r in run.results)
    seconds = sum(r.seconds for r in run.results)
    lines.append(
        f"{'':>3}  {'all patches (objects built, summed)':<50} {' '.join(totals)} "
        f"{warned:>8} {'':>10}  {'':<14} {seconds:>6.1f}s"
    )
    lines.append("")
    several = len(run.targets) > 1
    for r in run.results:
        details = [f"{o}: {why}" for o, why in r.reasons.items()]
        details += [f"not built by any target: {path}" for path in r.unbuilt]
        for b in r.builds:
            label = f"[{b.target}] " if several else ""
            if several and b.status != "not checked":
                details += [f"{label}not built: {p}" for p in b.unbuilt if p not in r.unbuilt]
            details += [f"{label}note: {note}" for note in b.notes]
            details += [f"{label}new {d}" for d in b.new_errors + b.new_warnings]
            details += [f"{label}make: {line}" for line in b.make_failures]
        details += [f"checkpatch: {m}" for m in (r.checkpatch.messages if r.checkpatch else [])]
        if run.full and r.status != "not checked":
            details.insert(0, f"{len(r.objects)} object(s) rebuilt")
        if details:
            lines.append(f"patch {r.patch.number} ({r.patch.path.name}):")
            lines += [f"  {d}" for d in details]
    lines.append(f"{_verdict_line(run)}; {run.seconds:.1f}s in all")
    return "\n".join(lines)


def _verdict_line(run: CheckRun) -> str:
    states = [r.status for r in run.results[run.from_patch - 1 :]]
    if all(s == "ok" for s in states):
        if run.from_patch == 1:
            return "every patch builds"
        return (
            f"every patch from {run.from_patch} on builds "
            f"(1-{run.from_patch - 1} applied, not checked: --from)"
        )
    parts = [f"not every patch builds: {states.count('ok')} build"]
    if failed := len(run.failed):
        parts.append(f"{failed} failed")
    if unbuilt := states.count("not built"):
        allowed = " (allowed)" if run.allow_unbuilt else ""
        parts.append(f"{unbuilt} not built by any target{allowed}")
    if unchecked := states.count("not checked"):
        parts.append(f"{unchecked} not checked")
    return ", ".join(parts)
