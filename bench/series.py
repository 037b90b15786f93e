"""Small hand-made series for the benchmark: commits in a scratch clone, format-patch'd."""

from __future__ import annotations

from pathlib import Path

from generator import git as gitops

AUTHOR = gitops.Identity("cocci-series bench", "bench@localhost")
Step = tuple[str, list[tuple[str, str, str]]]  # subject, [(file, old text, new text)]

# Linux 3.18.140: a .c-only change, a header change (a new static inline), its first use.
KERNEL_STEPS: list[Step] = [
    (
        "net: socket: name verify_iovec() as a function in a comment",
        [("net/socket.c", "(verify_iovec will change the", "(verify_iovec() will change the")],
    ),
    (
        "net: add msg_iov_too_long()",
        [
            (
                "include/linux/socket.h",
                "\tunsigned int\tmsg_flags;\t/* flags on received message */\n};\n",
                "\tunsigned int\tmsg_flags;\t/* flags on received message */\n};\n\n"
                "/* Whether the iovec array of MSG is longer than the kernel accepts. */\n"
                "static inline bool msg_iov_too_long(const struct msghdr *msg)\n{\n"
                "\treturn msg->msg_iovlen > UIO_MAXIOV;\n}\n",
            )
        ],
    ),
    (
        "net: socket: use msg_iov_too_long()",
        [
            (
                "net/socket.c",
                "\t\tif (msg_sys->msg_iovlen > UIO_MAXIOV)\n",
                "\t\tif (msg_iov_too_long(msg_sys))\n",
            )
        ],
    ),
]

# The demo tree: the same shapes.
DEMO_STEPS: list[Step] = [
    (
        "net: socket: say why msg_namelen is zero",
        [("net/socket.c", "\tmsg->msg_namelen = 0;\n", "\tmsg->msg_namelen = 0;\t/* none */\n")],
    ),
    (
        "net: add msg_has_control()",
        [
            (
                "include/linux/socket.h",
                "/* For recvmmsg/sendmmsg */",
                "static inline int msg_has_control(const struct msghdr *msg)\n{\n"
                "\treturn msg->msg_control != NULL;\n}\n\n/* For recvmmsg/sendmmsg */",
            )
        ],
    ),
]


def make_series(tree: Path, base: str, steps: list[Step], out: Path) -> Path:
    """Commit STEPS on BASE in a scratch clone of TREE; the series in OUT (format-patch)."""
    clone = gitops.scratch_clone(tree, base, out.with_name(out.name + "-tree"))
    base_id = gitops.run(clone, "rev-parse", "HEAD").strip()
    for index, (subject, edits) in enumerate(steps, start=1):
        for name, old, new in edits:
            path = clone / name
            text = path.read_text(encoding="utf-8", errors="surrogateescape")
            # replace every occurrence: the kernel step converts both syscall paths
            assert old in text, f"{name}: {old!r} not found"
            path.write_text(text.replace(old, new), encoding="utf-8", errors="surrogateescape")
        gitops.stage_all(clone)
        gitops.commit_staged(clone, f"{subject}\n\nSigned-off-by: {AUTHOR}\n", AUTHOR, index)
    out.mkdir(parents=True)
    gitops.format_patch(clone, base_id, out, "cocci-series bench", AUTHOR, len(steps))
    return out
