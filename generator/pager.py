"""Long output for people: through the user's pager on a terminal, as git does."""

from __future__ import annotations

import os
import subprocess
import sys


def page(text: str) -> None:
    """Print TEXT; on a terminal through $PAGER (default ``less``, with LESS=FRX as git)."""
    if not sys.stdout.isatty():
        print(text)
        return
    command = os.environ.get("PAGER") or "less"
    env = dict(os.environ)
    env.setdefault("LESS", "FRX")
    try:
        # As git runs it: the user's own $PAGER, through the shell, on the user's
        # terminal.  Not through proc.run(): that door reads a child's output, and the
        # pager's output is for the terminal (and it must be in the terminal's group).
        pager = subprocess.Popen(command, shell=True, stdin=subprocess.PIPE, env=env)
    except OSError:
        print(text)
        return
    assert pager.stdin is not None
    try:
        pager.stdin.write((text + "\n").encode("utf-8", errors="surrogateescape"))
        pager.stdin.close()
    except BrokenPipeError:  # the user quit the pager early
        pass
    pager.wait()
