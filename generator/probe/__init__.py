"""The run-time probe: C sources (package data), and how to build them.

``probe.c`` + ``start.c`` + ``sys.h``: the socket test suite, a static program with no
libc (raw system calls), built with the installed gcc; ``kmod/``: the in-kernel caller
module, built out of tree (``M=``) against a kernel.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from .. import proc
from ..errors import ToolFailed, UserError

SOURCES = Path(__file__).resolve().parent
KMOD = SOURCES / "kmod"
# No SIMD anywhere (3.18 UML loses a process's vector registers), no libc, no TLS.
CFLAGS = [
    "-O2", "-static", "-nostdlib", "-ffreestanding", "-fno-builtin",
    "-fno-stack-protector", "-fno-pie", "-no-pie", "-mgeneral-regs-only",
    "-fno-asynchronous-unwind-tables", "-Wall", "-Wextra", "-Wno-unused-parameter",
]  # fmt: skip


def compiler(cc: str = "gcc") -> str:
    if not shutil.which(cc):
        raise UserError(f"{cc}: not found: the probe is C", hint="install gcc")
    return cc


def build(dest: Path, *, m32: bool = False, cc: str = "gcc") -> Path:
    """Build the probe as DEST (a static executable); M32: the i386 (compat) one."""
    argv = [compiler(cc), *CFLAGS]
    if m32:
        # no multilib here: the uapi headers of the host, the i386 side of them
        argv += ["-m32", "-isystem", "/usr/include/x86_64-linux-gnu"]
    argv += ["-o", str(dest), str(SOURCES / "probe.c"), str(SOURCES / "start.c")]
    done = proc.run(argv, merge=True, errors="replace")
    if done.returncode != 0:
        raise ToolFailed(argv, done.returncode, done.stdout)
    return dest
