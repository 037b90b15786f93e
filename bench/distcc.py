"""A distccd on the loopback address: a one-machine stand-in for a build farm.

Used by ``make bench`` (check with and without distcc) and by the test that proves
``check --cc 'distcc gcc'`` sends its compilations through distcc.  The daemon listens on
127.0.0.1 only, on a free port, with its log and distcc's state under a private
directory (a daemon outlives one ``proc.run``: started here, in its own process group, with
``proc``'s environment); the environment it returns makes every distcc call go to it and fail rather
than compile locally (``DISTCC_FALLBACK=0``).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from generator import proc


@dataclass(frozen=True)
class Loopback:
    env: dict[str, str]  # what distcc needs to use this daemon
    log: Path  # distccd's log: one line per job

    def jobs(self) -> int:
        """Compilations distccd ran (its COMPILE_OK lines)."""
        text = self.log.read_text(errors="replace") if self.log.exists() else ""
        return text.count("COMPILE_OK")


def available() -> bool:
    return bool(shutil.which("distcc") and shutil.which("distccd"))


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def loopback(work: Path, jobs: int = 2) -> Iterator[Loopback]:
    """A distccd on 127.0.0.1 for the duration; stopped (its process group) on exit."""
    work.mkdir(parents=True, exist_ok=True)
    port = _free_port()
    log = work / "distccd.log"
    (work / "state").mkdir(exist_ok=True)
    # --log-stderr: run as root, distccd drops to an unprivileged user, who could not
    # open a log file here
    argv = ["distccd", "--no-detach", "--daemon", "--allow", "127.0.0.1", "--listen",
            "127.0.0.1", "--port", str(port), "--jobs", str(jobs), "--log-stderr",
            "--log-level", "info"]  # fmt: skip
    with log.open("wb") as sink:
        daemon = subprocess.Popen(
            argv, env=proc.environment(), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=sink, start_new_session=True,
        )  # fmt: skip
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                if daemon.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"distccd did not start: {argv}") from None
                time.sleep(0.1)
        env = {
            "DISTCC_HOSTS": f"127.0.0.1:{port}/{jobs}",
            "DISTCC_DIR": str(work / "state"),
            "DISTCC_FALLBACK": "0",
            "DISTCC_SKIP_LOCAL_RETRY": "1",
        }
        yield Loopback(env, log)
    finally:
        if daemon.poll() is None:
            os.killpg(daemon.pid, signal.SIGTERM)
            daemon.wait(timeout=10)


def compare(
    name: str, series: Path, tree: Path | None, config: str, jobs: int, work: Path
) -> dict[str, object]:
    """``check`` of SERIES with ``--cc gcc`` and with ``--cc 'distcc gcc'`` to a loopback
    distccd (ccache off both times, so that every compilation is one); printed, returned."""
    from generator import buildcheck  # the bench's own import, not the daemon's

    def timed(cc: str) -> tuple[buildcheck.CheckRun, float]:
        start = time.monotonic()
        run = buildcheck.check(
            series, tree, configs=[config], cc=cc, jobs=jobs, keep_going=True,
            allow_unbuilt=True, progress=lambda line: print(f"  {line}", file=sys.stderr),
        )  # fmt: skip
        return run, time.monotonic() - start

    print(f"== {name}: check --cc gcc", file=sys.stderr)
    local, local_seconds = timed("gcc")
    print(f"== {name}: check --cc 'distcc gcc' (distccd on 127.0.0.1)", file=sys.stderr)
    saved = {k: os.environ.get(k) for k in ("DISTCC_HOSTS", "DISTCC_DIR", "DISTCC_FALLBACK")}
    with loopback(work / f"distcc-{name}", jobs=jobs) as host:
        os.environ.update(host.env)
        try:
            remote, remote_seconds = timed("distcc gcc")
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value
        jobs_done = host.jobs()
    result: dict[str, object] = {
        "name": name,
        "jobs": jobs,
        "compiled": [
            sum(r.compiled for r in local.results),
            sum(r.compiled for r in remote.results),
        ],
        "seconds": [round(local_seconds, 2), round(remote_seconds, 2)],
        "distccd_jobs": jobs_done,
        "status": [[r.status for r in local.results], [r.status for r in remote.results]],
    }
    print(
        f"{name}: check, -j{jobs}: gcc {local_seconds:.1f}s ({result['compiled'][0]} "  # type: ignore[index]
        f"compilations); distcc gcc to 127.0.0.1 {remote_seconds:.1f}s "
        f"({result['compiled'][1]} compilations, {jobs_done} run by distccd)"  # type: ignore[index]
    )
    return result
