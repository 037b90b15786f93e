"""The make door: what a Kbuild config builds, from Kbuild's own answers (cached here)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import build
from generator.errors import UserError


def kbuild_tree(tmp_path: Path) -> build.Tree:
    """A Tree whose Kbuild answers are already known: no make runs."""
    tree = build.Tree(tmp_path, "kbuild", tmp_path)
    tree._roots = ["net", "arch/x86"]
    tree._dirs = {
        "net": ({"net/socket.o", "net/compat.o"}, {"net/ipv4", "net/core"}),
        "net/ipv4": ({"net/ipv4/tcp.o", "net/ipv4/tcp_bic.o"}, set()),
        "net/core": (set(), set()),
        "net/iucv": ({"net/iucv/af_iucv.o"}, set()),  # listed, but net does not descend
        "arch/x86": (set(), {"arch/x86/kernel"}),
        "arch/x86/kernel": ({"arch/x86/kernel/setup.o"}, set()),
    }
    return tree


def test_an_object_is_built_iff_listed_and_reached(tmp_path: Path) -> None:
    tree = kbuild_tree(tmp_path)
    asked = {
        "net/socket.o",
        "net/ipv4/tcp_bic.o",
        "net/ipv4/udp.o",  # not in its directory's lists
        "net/iucv/af_iucv.o",  # its directory is not reached from net
        "arch/x86/kernel/setup.o",
        "include/linux/x.o",  # under no Kbuild root
    }
    assert tree.built_by_config(asked) == {
        "net/socket.o",
        "net/ipv4/tcp_bic.o",
        "arch/x86/kernel/setup.o",
    }


def test_the_deepest_root_wins(tmp_path: Path) -> None:
    tree = kbuild_tree(tmp_path)
    tree._roots = ["arch/x86", "arch/x86/lib"]
    assert tree.root_of("arch/x86/lib/memcpy.c") == "arch/x86/lib"
    assert tree.root_of("arch/x86/kernel/setup.c") == "arch/x86"
    assert tree.root_of("include/linux/socket.h") is None


def test_a_plain_tree_builds_every_c_file(demo_tree: Path) -> None:
    tree = build.Tree(demo_tree, "plain", demo_tree)
    assert tree.built_by_config({"net/socket.o", "net/nope.o"}) == {"net/socket.o"}
    assert "net/ipv4/tcp.o" in tree.all_objects()
    assert tree.argv("net/socket.o") == [
        "make", "-j1", "--output-sync=target", "--no-print-directory", "-k", "net/socket.o"
    ]  # fmt: skip


def test_a_config_that_is_no_target_is_refused(tmp_path: Path) -> None:
    (tmp_path / "Kconfig").write_text("")
    (tmp_path / "scripts").mkdir()
    (tmp_path / "scripts" / "Kbuild.include").write_text("")
    (tmp_path / "Makefile").write_text("defconfig:\n\t@echo configured\n")
    with pytest.raises(UserError, match="--config 'my config': neither a file nor"):
        build.prepare(tmp_path, tmp_path, config="my config", jobs=1)
    with pytest.raises(UserError, match="--config 'nosuchconfig': command failed") as info:
        build.prepare(tmp_path, tmp_path, config="nosuchconfig", jobs=1)
    assert "No rule to make target 'nosuchconfig'" in str(info.value)
