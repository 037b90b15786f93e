"""The one error hierarchy of cocci-series; only cli.py turns these into exit codes.

Every message's first line says what is wrong on its own; ``hint`` says what to do next.
"""

from __future__ import annotations


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
    """An external program failed in a way the input does not explain."""

    exit_code = 4

    def __init__(self, argv: list[str], returncode: int, output: str, hint: str | None = None):
        tail = "\n".join(output.strip().splitlines()[-15:])
        super().__init__(
            f"command failed (exit {returncode}): {' '.join(argv)}\n{tail}".rstrip(), hint
        )
        self.argv = argv
        self.returncode = returncode
        self.output = output


class Interrupted(BaseException):
    """SIGINT, SIGTERM or SIGHUP arrived: unwind (removing scratch work), exit 128+N.

    A BaseException, as KeyboardInterrupt is, so that no ``except Exception`` stops it.
    """

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum
