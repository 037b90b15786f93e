"""The census: kernel-side msg_iov/msg_iovlen uses, found by Coccinelle, none after the series."""

from __future__ import annotations

import json
from pathlib import Path

from generator import census

from .conftest import git, run_cli, snapshot


def test_census_of_the_demo_base(read_only_demo: Path, tmp_path: Path) -> None:
    before = snapshot(read_only_demo)
    out = tmp_path / "census.json"
    result = run_cli("census", "--tree", str(read_only_demo), "--json", str(out))
    assert result.exit_code == 0, result.stderr
    data = json.loads(out.read_text())
    files = {site["file"] for site in data["kernel"]}
    # Every category of the demo: builders, plumbing, helpers' callers, walkers, the struct.
    assert {"net/socket.c", "net/compat.c", "net/core/iovec.c", "include/linux/socket.h",
            "drivers/vhost/net.c", "crypto/algif_hash.c", "net/ipv4/udp.c"} <= files  # fmt: skip
    assert "kernel-side uses on struct msghdr: " in result.stdout
    assert snapshot(read_only_demo) == before


def test_userland_layouts_are_not_uses(demo_tree: Path) -> None:
    result = run_cli("census", "--tree", str(demo_tree))
    assert result.exit_code == 0, result.stderr
    assert "compat_msghdr" not in result.stdout
    assert "include/net/compat.h" not in result.stdout


def test_none_left_after_the_series() -> None:
    golden = Path(__file__).parent / "golden" / "msghdr-iov-iter" / "0000-cover-letter.patch"
    assert "  kernel-side uses on struct msghdr: 0\n" in golden.read_text()


MACRO_HIDDEN = """\
#include <linux/socket.h>

/* A vendor helper that reaches the iovec behind a macro: spatch cannot
 * type a macro body, the build rejects it once msg_iov is gone. */
#define VND_FIRST_SEG(m) \\
	((m)->msg_iov[0].iov_base)

void *vnd_first_seg(struct msghdr *msg)
{
	return VND_FIRST_SEG(msg); /* not msg->msg_iov, a comment */
}
"""


def test_scan_finds_a_macro_body() -> None:
    """What spatch did not mark is found by the token scan; comments and strings are not."""
    hidden = census.scan("drivers/net/vnd.c", MACRO_HIDDEN, seen=set())
    assert [(h.line, h.where) for h in hidden] == [(6, "macro body")]


def test_scan_skips_marked_lines_declarations_and_userspace() -> None:
    text = (
        "struct user_msghdr {\n\tstruct iovec __user *msg_iov;\n};\n"
        "int f(void)\n{\n\treturn m.msg_iovlen;\n}\n"
    )
    assert census.scan("a.c", text, seen={6}) == []
    assert [h.line for h in census.scan("a.c", text, seen=set())] == [6]
    userspace = "#include <sys/socket.h>\n" + text
    assert census.scan("arch/um/os.c", userspace, seen=set()) == []


def test_generate_fails_on_a_leftover(demo_tree: Path, tmp_path: Path) -> None:
    """A use the series cannot convert (here behind a macro) fails generate with exit 3,
    naming file and line, and writes nothing; --allow-leftovers writes it, listed."""
    hidden = demo_tree / "drivers" / "net" / "vnd_hidden.c"
    hidden.write_text(MACRO_HIDDEN)
    git(demo_tree, "add", "-A")
    git(demo_tree, "commit", "-q", "-m", "vendor: a macro-hidden msg_iov")
    out = tmp_path / "out"
    result = run_cli("generate", "msghdr-iov-iter", "--tree", str(demo_tree), "--out", str(out))
    assert result.exit_code == 3, result.stderr
    assert "drivers/net/vnd_hidden.c:6: ((m)->msg_iov[0].iov_base)  [macro body]" in result.stderr
    assert not out.exists()
    result = run_cli("generate", "msghdr-iov-iter", "--tree", str(demo_tree), "--out", str(out),
                     "--allow-leftovers")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    cover = (out / "0000-cover-letter.patch").read_text()
    assert "uses spatch could not type (macro bodies, unparsed code): 1\n" in cover
    assert "drivers/net/vnd_hidden.c:6:" in cover
