"""The one error hierarchy of cocci-series; only cli.py turns these into exit codes.

Every message's first line says what is wrong on its own; ``hint`` says what to do next.
"""

from __future__ import annotations

import signal
from collections.abc import Sequence


class CocciSeriesError(Exception):
    """Base of every error this tool raises on purpose."""

    exit_code = 4

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        if self.hint:
            return f"{self.message}\nhint: {self.hint}"
        return self.message


class UserError(CocciSeriesError):
    """Bad input: not a git tree, dirty tree, unknown base, broken rule, missing spatch..."""

    exit_code = 1


class CheckFailed(CocciSeriesError):
    """A generated series does not apply, or a patch of it does not build."""

    exit_code = 3


class ToolFailed(CocciSeriesError):
    """An external program failed in a way the input does not explain.

    A full disk is not a bug: it is a UserError's exit code, and the message says where.
    """

    exit_code = 4

    def __init__(
        self,
        argv: list[str],
        returncode: int,
        output: str,
        hint: str | None = None,
        cwd: object = None,
    ):
        how = f"exit {returncode}" if returncode >= 0 else f"killed by signal {-returncode}"
        if returncode < 0 and -returncode in _SIGNAL_NAMES:
            how = f"killed by {_SIGNAL_NAMES[-returncode]}"
        tail = "\n".join(output.strip().splitlines()[-15:])
        command = shorten(argv)
        if "No space left on device" in output:
            self.exit_code = 1
            where = f" in {cwd}" if cwd else ""
            super().__init__(
                f"no space left{where}: {command} failed",
                hint or "free some space there (scratch trees go to TMPDIR: point it elsewhere)",
            )
        else:
            super().__init__(f"command failed ({how}): {command}\n{tail}".rstrip(), hint)
        self.argv = argv
        self.returncode = returncode
        self.output = output


def shorten(argv: Sequence[str], limit: int = 200, arg_limit: int = 60) -> str:
    """ARGV as one line of at most LIMIT characters: an argument longer than ARG_LIMIT, or
    of several lines (a commit message), is cut to its start."""
    text = " ".join(
        a if len(a) <= arg_limit and "\n" not in a else a[:40].split("\n")[0] + "..." for a in argv
    )
    return text if len(text) <= limit else text[: limit - 3] + "..."


_SIGNAL_NAMES = {int(s): s.name for s in signal.Signals}


class Interrupted(BaseException):
    """SIGINT, SIGTERM or SIGHUP arrived: unwind (removing scratch work), exit 128+N.

    A BaseException, as KeyboardInterrupt is, so that no ``except Exception`` stops it.
    """

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum
