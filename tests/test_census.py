"""The census: kernel-side msg_iov/msg_iovlen uses, found by Coccinelle, none after the series."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import run_cli, snapshot


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
