"""The one door to child processes: git, spatch, make, perl.

Every child gets the same scrubbed environment (no inherited ``GIT_*`` variable, no user
or system git configuration, no inherited make flags, ``LC_ALL=C``, ``TZ=UTC``), runs in
a process group of its own, which is ended with it (a terminal's Ctrl-C reaches only
cocci-series, which then ends the whole group: no orphans), has a timeout, and is
recorded, command line and duration, in the command log of the run (``recording()``).
"""

from __future__ import annotations

import os
import selectors
import signal
import subprocess
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from .errors import CocciSeriesError, shorten

DEFAULT_TIMEOUT = 3600.0  # seconds: no git, perl or make --version call comes near it
_MAKE_VARS = ("MAKEFLAGS", "MFLAGS", "GNUMAKEFLAGS", "MAKELEVEL", "MAKEFILES")
_PINNED = {
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": "/dev/null",
    "GIT_TERMINAL_PROMPT": "0",
    "LC_ALL": "C",
    "TZ": "UTC",
}
_GRACE = 2.0  # seconds between SIGTERM and SIGKILL of a group being ended


def environment(
    *, user_config: bool = False, unset: Sequence[str] = (), **extra: str
) -> dict[str, str]:
    """The environment of every child: this process's, scrubbed and pinned, plus EXTRA.

    Every inherited ``GIT_*`` variable goes (``GIT_DIR``, ``GIT_WORK_TREE``,
    ``GIT_INDEX_FILE``, ``GIT_OBJECT_DIRECTORY``, ``GIT_NAMESPACE``, ``GIT_CONFIG_*``,
    ``GIT_*_PATHSPECS``, identities...): each changes what git sees or writes.
    USER_CONFIG keeps the user's own git configuration readable (their identity only).
    UNSET: more variables to drop (``ARCH``, ``KBUILD_OUTPUT``... for a kernel build).
    """
    dropped = {*_MAKE_VARS, *unset}
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_") and k not in dropped}
    env.update(_PINNED)
    if user_config:
        del env["GIT_CONFIG_NOSYSTEM"], env["GIT_CONFIG_GLOBAL"]
        for name in ("GIT_CONFIG_NOSYSTEM", "GIT_CONFIG_GLOBAL", "GIT_CONFIG_SYSTEM"):
            if name in os.environ:
                env[name] = os.environ[name]
    env.update(extra)
    return env


class TimedOut(CocciSeriesError):
    """A child ran past its timeout; its process group was ended."""

    exit_code = 4

    def __init__(self, argv: Sequence[str], timeout: float, hint: str | None = None) -> None:
        super().__init__(f"timed out after {timeout:g}s, ended: {shorten(argv)}", hint)
        self.argv = list(argv)
        self.timeout = timeout


@dataclass
class Completed:
    argv: list[str]
    returncode: int  # negative: killed by that signal
    stdout: str
    stderr: str
    seconds: float

    def how(self) -> str:
        """How the child ended, in words: "exit 3", "killed by SIGKILL"."""
        if self.returncode < 0:
            with suppress(ValueError):
                return f"killed by {signal.Signals(-self.returncode).name}"
            return f"killed by signal {-self.returncode}"
        return f"exit {self.returncode}"


# -- the command log --------------------------------------------------------------------


@dataclass
class Entry:
    argv: list[str]
    cwd: str
    seconds: float
    how: str


@dataclass
class CommandLog:
    """Every command a run started, with paths given names that do not change between runs."""

    entries: list[Entry] = field(default_factory=list)
    aliases: dict[str, str] = field(default_factory=dict)

    def stable(self, text: str) -> str:
        for path in sorted(self.aliases, key=len, reverse=True):
            text = text.replace(path, self.aliases[path])
        return text

    def text(self) -> str:
        return "".join(
            f"{e.seconds:8.2f}s  {e.how:<8}  {self.stable(e.cwd)}: "
            f"{self.stable(shorten(e.argv, 100_000, 1000))}\n"
            for e in self.entries
        )


_logs: list[CommandLog] = []


@contextmanager
def recording() -> Iterator[CommandLog]:
    """Record every command run inside the block."""
    log = CommandLog()
    _logs.append(log)
    try:
        yield log
    finally:
        _logs.remove(log)


def alias(path: Path | str, name: str) -> None:
    """Call PATH (a temporary directory) NAME in the command logs being recorded."""
    for log in _logs:
        log.aliases[str(path)] = name


def stable(text: str) -> str:
    """TEXT with the temporary paths of the innermost log's aliases named stably."""
    return _logs[-1].stable(text) if _logs else text


class Closing(KeyboardInterrupt):
    """``end_all()`` was called: this child was ended, or not started."""

    def __init__(self, argv: Sequence[str]) -> None:
        super().__init__(f"ended: {shorten(argv)}")


_spawning = threading.local()  # .on: between starting a child and being ready to end it


def spawning() -> bool:
    """Whether this thread is starting a child: an exception raised now (a signal
    handler's) would leave the child running, unknown to anyone."""
    return bool(getattr(_spawning, "on", False))


_running: set[subprocess.Popen[bytes]] = set()  # children being run, by every thread
_running_lock = threading.Lock()
_closing = False


def end_all() -> None:
    """An interrupt (or error) while other threads run children: end every child being
    run, in every thread, and start none until ``reopen()``; each ``run()`` meanwhile
    raises ``Closing`` in its own thread."""
    global _closing
    with _running_lock:
        _closing = True
        children = list(_running)
    for child in children:
        with suppress(ProcessLookupError, PermissionError):
            os.killpg(child.pid, signal.SIGTERM)


def reopen() -> None:
    """After ``end_all()``, once the threads it ended are joined: children may run again."""
    global _closing
    with _running_lock:
        _closing = False


@contextmanager
def pool_ended_on_error(pool: ThreadPoolExecutor) -> Iterator[ThreadPoolExecutor]:
    """POOL, whose threads run children: an error (or interrupt) in this thread inside the
    block ends every child (``end_all()``); leaving waits for the threads, then lets
    children run again."""
    try:
        yield pool
    except BaseException:
        end_all()
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        reopen()


# -- running ----------------------------------------------------------------------------


def _end_group(child: subprocess.Popen[bytes]) -> None:
    """SIGTERM the child's process group, then SIGKILL whatever is left of it; reap it."""
    with suppress(ProcessLookupError, PermissionError):
        os.killpg(child.pid, signal.SIGTERM)
    deadline = time.monotonic() + _GRACE
    while child.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    with suppress(ProcessLookupError, PermissionError):
        os.killpg(child.pid, signal.SIGKILL)
    child.wait()


def run(
    argv: Sequence[str],
    *,
    cwd: Path | str | None = None,
    env: dict[str, str] | None = None,
    input: str | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    merge: bool = False,
    errors: str = "surrogateescape",
    tick: Callable[[float, str], None] | None = None,
    tick_every: float = 5.0,
    timeout_hint: str | None = None,
    user_config: bool = False,
    unset: Sequence[str] = (),
) -> Completed:
    """Run ARGV to its end and return what it did; never raises for an exit code.

    ENV adds to (or overrides) ``environment()``, UNSET removes from it.  MERGE sends
    stderr into stdout, as a terminal shows them.  TICK, if given, is called about every
    TICK_EVERY seconds with the time spent and the stderr read so far (for a progress
    line).  On TIMEOUT, or any exception (Ctrl-C, SIGTERM), the child's process group is
    ended before returning.
    """
    argv = [str(a) for a in argv]
    start = time.monotonic()
    out: dict[int, list[bytes]] = {}
    child: subprocess.Popen[bytes] | None = None
    _spawning.on = True  # until the child is where the handlers below can end it
    try:
        with _running_lock:
            if _closing:
                raise Closing(argv)
            child = subprocess.Popen(
                argv,
                cwd=cwd,
                env=environment(user_config=user_config, unset=unset, **(env or {})),
                stdin=subprocess.PIPE if input is not None else subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT if merge else subprocess.PIPE,
                start_new_session=True,
            )
            _running.add(child)
        _spawning.on = False
        _pump(child, input, out, start, timeout, tick, tick_every, errors)
    except _Expired:
        assert child is not None
        _end_group(child)
        _log(argv, cwd, start, "timeout")
        raise TimedOut(argv, timeout or 0, timeout_hint) from None
    except BaseException:
        _spawning.on = False
        if child is not None:
            _end_group(child)
            _log(argv, cwd, start, "ended")
        raise
    finally:
        if child is not None:
            with _running_lock:
                _running.discard(child)
    with suppress(ProcessLookupError, PermissionError):  # what the child left running
        os.killpg(child.pid, signal.SIGKILL)
    if _closing:
        _log(argv, cwd, start, "ended")
        raise Closing(argv)
    done = Completed(
        argv,
        child.returncode,
        b"".join(out.get(1, [])).decode("utf-8", errors),
        b"".join(out.get(2, [])).decode("utf-8", errors),
        time.monotonic() - start,
    )
    _log(argv, cwd, start, done.how())
    return done


class _Expired(Exception):
    pass


class Dialogue:
    """A child asked one question after another on its stdin, each answered on its
    stdout (``git cat-file --batch``): one process for a thousand small reads, where
    ``run()`` would start a thousand.  Started and ended as ``run()`` does its children
    (a process group of its own, ``end_all()``), and logged once, when closed."""

    def __init__(self, argv: Sequence[str], *, cwd: Path | str) -> None:
        self.argv, self.cwd, self.start = [str(a) for a in argv], cwd, time.monotonic()
        self.asked = 0
        self._lock = threading.Lock()  # one question at a time, from any thread
        _spawning.on = True
        try:
            with _running_lock:
                if _closing:
                    raise Closing(self.argv)
                self.child = subprocess.Popen(
                    self.argv,
                    cwd=cwd,
                    env=environment(),
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.DEVNULL,
                    start_new_session=True,
                )
                _running.add(self.child)
        finally:
            _spawning.on = False

    def ask(self, question: bytes, answer: Callable[[IO[bytes]], bytes]) -> bytes:
        """Write QUESTION; ANSWER reads the reply from the child's stdout."""
        with self._lock:
            stdin, stdout = self.child.stdin, self.child.stdout
            assert stdin is not None and stdout is not None
            try:
                stdin.write(question)
                stdin.flush()
                reply = answer(stdout)
            except (BrokenPipeError, ValueError) as exc:  # ended, or closed
                raise Closing(self.argv) from exc
            self.asked += 1
            return reply

    def close(self) -> None:
        """End the child (it had its last question) and log it."""
        with self._lock:
            if self.child.stdin is not None:
                with suppress(BrokenPipeError):
                    self.child.stdin.close()
            with suppress(subprocess.TimeoutExpired):
                self.child.wait(_GRACE)
            _end_group(self.child)
            with _running_lock:
                _running.discard(self.child)
            assert self.child.stdout is not None
            self.child.stdout.close()
            _log(self.argv, self.cwd, self.start, f"{self.asked} asked")


def _pump(
    child: subprocess.Popen[bytes],
    input: str | None,
    out: dict[int, list[bytes]],
    start: float,
    timeout: float | None,
    tick: Callable[[float, str], None] | None,
    tick_every: float,
    errors: str,
) -> None:
    """Feed INPUT, collect stdout (1) and stderr (2) into OUT until the child is done."""
    pending = (input or "").encode("utf-8", errors)
    with selectors.DefaultSelector() as sel:
        if child.stdin is not None:
            sel.register(child.stdin, selectors.EVENT_WRITE, 0)
        sel.register(child.stdout, selectors.EVENT_READ, 1)  # type: ignore[arg-type]
        if child.stderr is not None:
            sel.register(child.stderr, selectors.EVENT_READ, 2)
        # Without TICK no tick is due: a deadline in the past would make select() spin.
        next_tick = start + tick_every if tick is not None else float("inf")
        while sel.get_map():
            now = time.monotonic()
            if timeout is not None and now - start > timeout:
                raise _Expired
            wait = min(next_tick, start + (timeout or 1e9), now + 1.0) - now
            events = sel.select(max(0.0, wait))
            if not events and child.poll() is not None:
                # The child is gone; what still holds its pipes is left of its group.
                with suppress(ProcessLookupError, PermissionError):
                    os.killpg(child.pid, signal.SIGKILL)
            for key, _ in events:
                if key.data == 0:
                    assert child.stdin is not None
                    try:
                        sent = os.write(key.fd, pending[:65536])
                    except BrokenPipeError:
                        sent = len(pending)
                    pending = pending[sent:]
                    if not pending:
                        sel.unregister(key.fileobj)
                        child.stdin.close()
                    continue
                chunk = os.read(key.fd, 65536)
                if chunk:
                    out.setdefault(key.data, []).append(chunk)
                else:
                    sel.unregister(key.fileobj)
                    key.fileobj.close()  # type: ignore[union-attr]
            if tick is not None and time.monotonic() >= next_tick:
                next_tick += tick_every
                tick(time.monotonic() - start, b"".join(out.get(2, [])).decode("utf-8", errors))
    remaining = None if timeout is None else max(0.0, timeout - (time.monotonic() - start))
    try:
        child.wait(remaining)
    except subprocess.TimeoutExpired:
        raise _Expired from None


def _log(argv: list[str], cwd: Path | str | None, start: float, how: str) -> None:
    for log in _logs:
        log.entries.append(Entry(argv, str(cwd or os.getcwd()), time.monotonic() - start, how))


def spawn_detached(argv: Sequence[str]) -> None:
    """Start ARGV in a session of its own and do not wait for it (``rm -rf`` of a clone)."""
    subprocess.Popen(
        list(argv),
        env=environment(),
        start_new_session=True,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
