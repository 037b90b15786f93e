"""The one door to child processes: environment, process group, timeout, command log."""

from __future__ import annotations

import os
import selectors
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator import git as gitops
from generator import proc

from .conftest import git

# Each changes what a git command run in a scratch clone sees or writes (set to a value
# that does, against REPO below).  The door must drop every one of them.
HOSTILE = {
    "GIT_DIR": "{other}/.git",
    "GIT_WORK_TREE": "{other}",
    "GIT_INDEX_FILE": "{other}/.git/index",
    "GIT_OBJECT_DIRECTORY": "{other}/.git/objects",
    "GIT_COMMON_DIR": "{other}/.git",
    "GIT_CONFIG_PARAMETERS": "'diff.noprefix'='true'",
    "GIT_CONFIG_COUNT": "1",
    "GIT_LITERAL_PATHSPECS": "1",
    "GIT_ICASE_PATHSPECS": "1",
    "GIT_EXTERNAL_DIFF": "false",
    "GIT_NO_REPLACE_OBJECTS": "1",
    "GIT_REPLACE_REF_BASE": "refs/elsewhere/",
    "GIT_CONFIG_GLOBAL": "{other}/.git/config",
    "GIT_CONFIG_SYSTEM": "{other}/.git/config",
}
EXTRA = {"GIT_CONFIG_COUNT": {"GIT_CONFIG_KEY_0": "diff.noprefix", "GIT_CONFIG_VALUE_0": "true"}}


@pytest.fixture
def repos(tmp_path: Path) -> Iterator[tuple[Path, Path]]:
    """REPO (a file changed in the work tree, a replaced commit) and OTHER (another repo)."""
    repo, other = tmp_path / "repo", tmp_path / "other"
    for path, text in ((repo, "one\n"), (other, "other\n")):
        path.mkdir()
        git(path, "init", "-q")
        (path / "File.txt").write_text(text)
        git(path, "add", ".")
        git(path, "commit", "-qm", "first")
    (repo / "File.txt").write_text("two\n")
    git(repo, "commit", "-qam", "second")
    first = git(repo, "rev-parse", "HEAD~1").strip()
    git(repo, "replace", "HEAD", first)
    (repo / "File.txt").write_text("three\n")
    git(other, "config", "diff.noprefix", "true")
    yield repo, other


def _views(repo: Path, run: object) -> str:
    """What git sees of REPO: top, HEAD, status, diff (with prefixes), a pathspec, a ref."""
    assert callable(run)
    return "\n".join(
        run(repo, *args)
        for args in (
            ("rev-parse", "--show-toplevel", "HEAD"),
            ("log", "--format=%s", "-1"),
            ("status", "--porcelain"),
            ("diff",),
            ("ls-files", "--", "file.txt"),
            ("ls-files", "--", "F*"),
        )
    )


def _raw(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True)
    return done.stdout + done.stderr


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_no_git_variable_reaches_git(
    name: str, repos: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo, other = repos
    clean = _views(repo, gitops.run)
    value = HOSTILE[name].format(repo=repo, other=other)
    monkeypatch.setenv(name, value)
    for extra, extra_value in EXTRA.get(name, {}).items():
        monkeypatch.setenv(extra, extra_value)
    if name == "GIT_CONFIG_SYSTEM":
        monkeypatch.delenv("GIT_CONFIG_NOSYSTEM")
    assert _views(repo, _raw) != clean, f"{name}={value} changes nothing: not a test"
    assert _views(repo, gitops.run) == clean


def test_environment_is_pinned(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MAKEFLAGS", "-j64")
    monkeypatch.setenv("LC_ALL", "de_DE.UTF-8")
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    env = proc.environment(HOME="/nowhere")
    assert "MAKEFLAGS" not in env and env["HOME"] == "/nowhere"
    assert (env["LC_ALL"], env["TZ"]) == ("C", "UTC")
    assert (env["GIT_CONFIG_NOSYSTEM"], env["GIT_CONFIG_GLOBAL"]) == ("1", "/dev/null")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie is gone for our purpose (its parent, init, will reap it).
    with open(f"/proc/{pid}/stat") as stat:
        return stat.read().split(") ")[1][0] != "Z"


def _wait_dead(pid: int) -> bool:
    deadline = time.monotonic() + 3
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.01)
    return not _alive(pid)


# A child that leaves a grandchild behind, its pid written to a file.
_SPAWNER = "sleep 30 & echo $! > {pidfile}; {then}"


def test_result_and_how(tmp_path: Path) -> None:
    done = proc.run(["sh", "-c", "echo out; echo err >&2; exit 3"])
    assert (done.returncode, done.stdout, done.stderr, done.how()) == (
        3,
        "out\n",
        "err\n",
        "exit 3",
    )
    merged = proc.run(["sh", "-c", "echo out; echo err >&2"], merge=True)
    assert merged.stdout == "out\nerr\n"
    assert proc.run(["sh", "-c", "kill -9 $$"]).how() == "killed by SIGKILL"
    assert proc.run(["cat"], input="x" * 200_000).stdout == "x" * 200_000


def test_what_a_child_leaves_running_is_ended(tmp_path: Path) -> None:
    pidfile = tmp_path / "pid"
    done = proc.run(["sh", "-c", _SPAWNER.format(pidfile=pidfile, then="exit 0")], timeout=10)
    assert done.returncode == 0 and done.seconds < 5
    assert _wait_dead(int(pidfile.read_text()))


def test_timeout_ends_the_group(tmp_path: Path) -> None:
    pidfile = tmp_path / "pid"
    start = time.monotonic()
    with pytest.raises(proc.TimedOut, match=r"timed out after 0.3s, ended: sh -c"):
        proc.run(["sh", "-c", _SPAWNER.format(pidfile=pidfile, then="wait")], timeout=0.3)
    assert time.monotonic() - start < 3
    assert _wait_dead(int(pidfile.read_text()))


class _Alarm(Exception):
    pass


def test_an_interrupt_ends_the_group(tmp_path: Path) -> None:
    """SIGINT/SIGTERM arrive as an exception in the parent: the child's group goes too."""
    pidfile = tmp_path / "pid"

    def ring(signum: int, frame: object) -> None:
        raise _Alarm

    old = signal.signal(signal.SIGALRM, ring)
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.3)
        with pytest.raises(_Alarm):
            proc.run(["sh", "-c", _SPAWNER.format(pidfile=pidfile, then="wait")])
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
    assert _wait_dead(int(pidfile.read_text()))


def test_own_process_group() -> None:
    done = proc.run(["sh", "-c", "ps -o pgid= -p $$"])
    assert int(done.stdout) != os.getpgrp()


def test_tick_reports_progress() -> None:
    seen: list[tuple[float, str]] = []
    proc.run(
        ["sh", "-c", "echo started >&2; sleep 0.35"],
        tick=lambda t, err: seen.append((t, err)),
        tick_every=0.1,
    )
    assert len(seen) >= 2 and seen[-1][1] == "started\n"


def test_waiting_without_a_tick_does_not_spin(monkeypatch: pytest.MonkeyPatch) -> None:
    """A child that runs past TICK_EVERY with no TICK is waited for, not polled for."""
    calls: list[float | None] = []

    class Counting(selectors.PollSelector):
        def select(self, timeout: float | None = None) -> list[Any]:
            calls.append(timeout)
            return super().select(timeout)

    monkeypatch.setattr(selectors, "DefaultSelector", Counting)
    proc.run(["sleep", "0.5"], tick_every=0.01)
    assert len(calls) < 10


def test_command_log_names_temporary_paths_stably(tmp_path: Path) -> None:
    with proc.recording() as log:
        proc.alias(tmp_path, "$WORK")
        proc.run(["true", str(tmp_path / "x")], cwd=tmp_path)
        proc.run(["sh", "-c", "exit 2", "a\nlong\nmessage"])
    proc.run(["true"])  # not recorded
    lines = log.text().splitlines()
    assert len(lines) == 2
    assert lines[0].endswith("exit 0    $WORK: true $WORK/x")
    assert "exit 2" in lines[1] and "a..." in lines[1] and str(tmp_path) not in log.text()
