"""A report's work on the base, begun before the steps: at the lowest CPU priority, taken
by the report, and stopped with everything else when the run fails."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

import pytest

from generator import generate, proc


class Hook:
    """A report with work on the base: START_ARGV is what that work runs."""

    def __init__(self, argv: list[str]) -> None:
        self.argv = argv
        self.started = ""
        self.error: BaseException | None = None

    def start(self, clone: Path, run: Any) -> None:
        try:
            self.started = proc.run(self.argv).stdout.strip()
        except BaseException as exc:
            self.error = exc
            raise

    def __call__(self, clone: Path, run: Any) -> list[str]:
        return [f"started: {self.started}"]


def plain(clone: Path, run: Any) -> list[str]:
    return ["plain"]


@pytest.mark.skipif(sys.platform != "linux", reason="a thread's own nice value is Linux's")
def test_the_base_work_runs_niced_and_its_report_takes_it(tmp_path: Path) -> None:
    hook = Hook(["sh", "-c", "cut -d' ' -f19 /proc/$$/stat"])  # the child's nice value
    hooks = [plain, hook]
    with generate._early(hooks, tmp_path, None) as early:  # type: ignore[arg-type]
        assert list(early) == [1]
        sections = generate._reports(None, tmp_path, hooks, early)  # type: ignore[arg-type]
    assert sections == ["plain", "started: 19"]
    assert proc.run(["sh", "-c", "cut -d' ' -f19 /proc/$$/stat"]).stdout.strip() == "0"


def test_a_failing_run_ends_the_base_work(tmp_path: Path) -> None:
    hook = Hook(["sleep", "60"])
    start = time.monotonic()
    failing = pytest.raises(RuntimeError, match="a step failed")
    with failing, generate._early([hook], tmp_path, None):  # type: ignore[arg-type]
        time.sleep(0.3)
        raise RuntimeError("a step failed")
    assert time.monotonic() - start < 10
    assert isinstance(hook.error, proc.Closing)
    assert proc.run(["true"]).returncode == 0  # children may run again
