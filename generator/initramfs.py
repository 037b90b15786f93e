"""An initramfs: a directory as a ``newc`` cpio archive, as the kernel unpacks it.

What ``usr/gen_init_cpio`` writes, without building it: every file and directory under
the root (sorted, owned by root, mtime 0: the same tree gives the same bytes), plus
``/dev/console``, which the kernel opens as init's stdin, stdout and stderr.
"""

from __future__ import annotations

import stat
from pathlib import Path

_MAGIC = b"070701"


def _entry(
    ino: int, name: str, mode: int, data: bytes = b"", rdev: tuple[int, int] = (0, 0)
) -> bytes:
    encoded = name.encode() + b"\0"
    fields = (ino, mode, 0, 0, 2 if stat.S_ISDIR(mode) else 1, 0, len(data), 0, 0, *rdev,
              len(encoded), 0)  # fmt: skip
    head = _MAGIC + b"".join(b"%08X" % f for f in fields) + encoded
    head += b"\0" * (-len(head) % 4)
    return head + data + b"\0" * (-len(data) % 4)


def archive(root: Path) -> bytes:
    """ROOT's files and directories, and /dev/console, as one newc archive."""
    entries = [("dev", stat.S_IFDIR | 0o755, b"", (0, 0)),
               ("dev/console", stat.S_IFCHR | 0o600, b"", (5, 1))]  # fmt: skip
    for path in sorted(root.rglob("*")):
        name = path.relative_to(root).as_posix()
        if name in ("dev", "dev/console"):
            continue
        info = path.lstat()
        if stat.S_ISDIR(info.st_mode):
            entries.append((name, stat.S_IFDIR | 0o755, b"", (0, 0)))
        elif stat.S_ISREG(info.st_mode):
            perm = 0o755 if info.st_mode & 0o111 else 0o644
            entries.append((name, stat.S_IFREG | perm, path.read_bytes(), (0, 0)))
    entries.sort(key=lambda e: e[0])
    out = b"".join(_entry(n, *e) for n, e in enumerate(entries, start=1))
    return out + _entry(len(entries) + 1, "TRAILER!!!", 0)


def write(dest: Path, root: Path) -> Path:
    dest.write_bytes(archive(root))
    return dest
