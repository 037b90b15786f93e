"""``make bench``, the generate half: what a run costs, and what the cache saves.

Each figure is a real ``cocci-series`` process (its wall time, its CPU time and that of
all its children, and its peak memory: the RSS of it and all its children, sampled), on a
cache of spatch results of its own.  On 2 cores, CPU / 2 is a floor under the wall:

- cold: an empty cache; the steps' spatch time (their progress lines), every spatch call
  (``commands.log``) and wall / steps' spatch time (the goal: at most 1.2);
- ``--no-cache``: spatch on everything, the cache untouched;
- a rerun with nothing changed (the goal on 3.18.140: under 10 s): it writes the series
  the cold run kept (``replay.py``); and the same rerun with that series removed, every
  step run with its spatch results from the cache; for every run the commands it ran and
  the seconds in git (``commands.log``): where a rerun's time goes;
- a rerun after one rule changed (a comment added to the rule of the middle step, in a
  copy of the rules): the steps before it come from the cache, and so do the files of
  later steps whose inputs did not change;
- ``plan`` then ``generate`` on an empty cache: generate takes plan's results.

Every run's patches and series.json are compared with the first run's (but the rerun with
a touched rule, whose patch quotes it): the cache may only make a run faster, so a run
that writes other bytes is flagged in the table.
"""

from __future__ import annotations

import hashlib
import os
import re
import resource
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator import cache, paths, replay
from generator import series as series_mod

SERIES = "msghdr-iov-iter"
AUTHOR = "cocci-series bench <bench@localhost>"
PAGE = os.sysconf("SC_PAGE_SIZE")
# The CLI, with the rules taken from $COCCI_SERIES_BENCH_RULES when set (a touched copy).
RUNNER = """\
import os, sys
from pathlib import Path
if os.environ.get("COCCI_SERIES_BENCH_RULES"):
    from generator import cache, paths, replay
    paths.rules_dir = lambda: Path(os.environ["COCCI_SERIES_BENCH_RULES"])
from generator.cli import main
sys.argv = ["cocci-series", *sys.argv[1:]]
main()
"""


def _tree_rss(root: int) -> int:
    """The resident memory of process ROOT and all its descendants, in bytes."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry))
        rss[int(entry)] = int(fields[21])
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo += children.get(pid, [])
    return total * PAGE


@dataclass
class Measure:
    wall: float
    peak_rss: int  # bytes, the process tree at its largest
    cpu: float  # user + system seconds of the process and every child it waited for
    returncode: int
    stderr: str
    load: float  # the 1-minute load average when it started


def measure(args: list[str], env: dict[str, str]) -> Measure:
    """Run ``cocci-series ARGS`` with ENV added; time it and sample its memory."""
    load = os.getloadavg()[0]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    child = subprocess.Popen(
        [sys.executable, "-c", RUNNER, *args],
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.2):
            peak[0] = max(peak[0], _tree_rss(child.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, stderr = child.communicate()
    done.set()
    sampler.join()
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return Measure(wall, peak[0], cpu, child.returncode, stderr, load)


@dataclass
class Generated:
    measure: Measure
    steps_spatch: float = 0.0  # seconds inside the steps' spatch calls
    all_spatch: float = 0.0  # every spatch call of the run
    files_reused: int = 0  # files whose result came from the cache
    commands: int = 0  # every command of the run (commands.log)
    git: float = 0.0  # seconds in its git commands
    per_step: list[tuple[float, int]] = field(default_factory=list)  # (spatch s, reused)
    digest: str = ""  # of the patches and series.json: every run must write the same bytes


# A step's progress line: "[3/20] subject: ..., 65.0s (spatch 60.1s, 120 of 123 file(s)
# from the cache)"; a step without rules has no parenthesis, a skipped one no time.
_STEP = re.compile(
    r"^\[(?P<number>\d+)/\d+\] .*, [\d.]+s"
    r"(?: \(spatch (?P<spatch>[\d.]+)s(?:, (?P<reused>\d+) of \d+ file\(s\) from the cache)?\))?$"
)


def _digest(out: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted([*out.glob("*.patch"), out / "series.json"]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _read_run(out: Path, measured: Measure) -> Generated:
    result = Generated(measured)
    for line in measured.stderr.splitlines():
        if m := _STEP.match(line):
            spatch, reused = float(m["spatch"] or 0), int(m["reused"] or 0)
            result.per_step.append((spatch, reused))
            result.steps_spatch += spatch
            result.files_reused += reused
    for line in (out / "commands.log").read_text().splitlines():
        seconds, _, command = line.strip().partition("s ")
        program = command.split(": ", 1)[-1].split(" ", 1)[0]
        result.commands += 1
        if "spatch" in program:
            result.all_spatch += float(seconds)
        elif program == "git":
            result.git += float(seconds)
    return result


class Bench:
    """The figures for one tree, every run with its own cache under WORK."""

    def __init__(self, name: str, tree: Path | None, base: str, jobs: int, work: Path) -> None:
        self.name = name
        self.work = work / name
        self.work.mkdir(parents=True)
        self.tree_args = ["--tree", str(tree), "--base", base] if tree else []
        self.jobs = jobs
        self.runs = 0

    def cache(self, label: str) -> dict[str, str]:
        path = self.work / f"cache-{label}"
        path.mkdir(exist_ok=True)
        return {"XDG_CACHE_HOME": str(path)}

    def generate(self, env: dict[str, str], *extra: str) -> Generated:
        self.runs += 1
        out = self.work / f"out-{self.runs}"
        args = ["generate", SERIES, "--out", str(out), "--author", AUTHOR,
                "-j", str(self.jobs), *self.tree_args, *extra]  # fmt: skip
        measured = measure(args, env)
        if measured.returncode != 0:
            raise RuntimeError(f"{self.name}: generate failed:\n{measured.stderr[-3000:]}")
        result = _read_run(out, measured)
        result.digest = _digest(out)
        shutil.rmtree(out)
        return result

    def plan(self, env: dict[str, str]) -> Measure:
        measured = measure(["plan", SERIES, "-j", str(self.jobs), *self.tree_args], env)
        if measured.returncode != 0:
            raise RuntimeError(f"{self.name}: plan failed:\n{measured.stderr[-3000:]}")
        return measured

    def touched_rules(self) -> tuple[Path, str, int]:
        """A copy of the rules with the rule of the middle step changed (a comment)."""
        series = series_mod.load(series_mod.find(paths.series_dir(), SERIES), paths.rules_dir())
        with_rules = [n for n, s in enumerate(series.steps, start=1) if s.rules]
        number = with_rules[len(with_rules) // 2]
        rule = series.steps[number - 1].rules[0]
        copy = self.work / "rules"
        shutil.copytree(paths.rules_dir(), copy)
        target = copy / rule.name / f"{rule.name}.cocci"
        target.write_text(target.read_text() + "// touched by make bench\n")
        return copy, rule.name, number


def run(
    name: str, tree: Path | None, base: str, jobs: int, work: Path, repeat: int
) -> dict[str, Any]:
    """Every figure of one tree, REPEAT times; print them and return them."""
    bench = Bench(name, tree, base, jobs, work)
    rows: dict[str, list[dict[str, object]]] = {}

    first = ""

    def add(label: str, value: dict[str, object], same: bool = True) -> None:
        """SAME: the run must write the first run's bytes (not so with a touched rule,
        which its patch quotes)."""
        nonlocal first
        first = first or str(value["digest"])
        digest = value.pop("digest")
        if same:
            value["same_bytes"] = digest == first
        rows.setdefault(label, []).append(value)
        print(f"  {name}: {label}: {_brief(value)}", file=sys.stderr, flush=True)

    rules, touched, number = bench.touched_rules()
    for attempt in range(repeat):
        env = bench.cache(f"cold{attempt}")
        cold = bench.generate(env)
        add("cold", _figures(cold))
        add("rerun, nothing changed", _figures(bench.generate(env)))
        # The same rerun without the series the cold run kept (replay.py): every step
        # runs, its spatch results from the cache.
        shutil.rmtree(Path(env["XDG_CACHE_HOME"], "cocci-series", f"v{cache.SCHEMA}", replay.KIND))
        add("rerun, kept series removed", _figures(bench.generate(env)))
        after = bench.generate({**env, "COCCI_SERIES_BENCH_RULES": str(rules)})
        figures = _figures(after)
        before = after.per_step[: number - 1]
        figures["steps_before_spatch"] = round(sum(s for s, _ in before), 1)
        figures["steps_before_reused"] = sum(u for _, u in before)
        add(f"rerun, {touched} (step {number}) changed", figures, same=False)
        env = bench.cache(f"plan{attempt}")
        planned = bench.plan(env)
        then = bench.generate(env)
        add("plan then generate", {"plan": round(planned.wall, 1), **_figures(then)})
        add("--no-cache", _figures(bench.generate(bench.cache("none"), "--no-cache")))
    result = {"name": name, "jobs": jobs, "series": SERIES, "touched": touched, "rows": rows}
    print(table(result))
    return result


def _figures(g: Generated) -> dict[str, object]:
    return {
        "wall": round(g.measure.wall, 1),
        "steps_spatch": round(g.steps_spatch, 1),
        "all_spatch": round(g.all_spatch, 1),
        "ratio": round(g.measure.wall / g.steps_spatch, 2) if g.steps_spatch else None,
        "cpu": round(g.measure.cpu, 1),
        "peak_mb": round(g.measure.peak_rss / 2**20),
        "files_reused": g.files_reused,
        "commands": g.commands,
        "git": round(g.git, 1),
        "load": round(g.measure.load, 1),
        "digest": g.digest,
    }


def _brief(v: dict[str, object]) -> str:
    return ", ".join(f"{k} {v[k]}" for k in v)


def table(result: dict[str, Any]) -> str:
    """The figures as a table: one line per kind of run, each repeat side by side."""
    lines = [
        f"generate {result['series']} on {result['name']}, -j{result['jobs']} (wall s / "
        "steps' spatch s / wall÷spatch / CPU s / peak MB / files from the cache / commands, "
        "git s; "
        "load)"
    ]
    for label, values in result["rows"].items():
        cells = []
        for v in values:
            ratio = f"{v['ratio']:.2f}" if v["ratio"] is not None else "-"
            plan = f"plan {v['plan']} + " if "plan" in v else ""
            before = (
                f", steps before it: spatch {v['steps_before_spatch']}s"
                if "steps_before_spatch" in v
                else ""
            )
            cells.append(
                f"{plan}{v['wall']} / {v['steps_spatch']} / {ratio} / {v['cpu']} / "
                f"{v['peak_mb']} / {v['files_reused']} / {v['commands']}, {v['git']}{before}; "
                f"load {v['load']}"
                + ("; NOT THE SAME PATCHES" if v.get("same_bytes") is False else "")
            )
        lines.append(f"  {label + ':':<44} " + "  |  ".join(cells))
    return "\n".join(lines)
