"""compare: the helper calls of a tree against a reference, per file, every difference explained."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest

from generator import compare, demo, paths, spatch

from .conftest import git, run_cli, snapshot

GOLDEN = Path(__file__).parent / "golden" / "msghdr-iov-iter"
RULE_DIR = paths.rules_dir() / compare.RULE


@pytest.fixture(scope="module")
def sp() -> spatch.Spatch:
    return spatch.find()


# ---- the rule, read back by compare ----------------------------------------------------


def test_golden_calls_of_each_helper(sp: spatch.Spatch) -> None:
    side = compare.calls(sp, RULE_DIR, ["calls_of_each_helper.c"])
    lines = {h: [s.line for s in sites] for h, sites in side.calls.items()}
    # A call over two lines is one site; a call inside another's arguments is its own.
    assert lines == {
        "skb_copy_datagram_msg": [17],
        "memcpy_from_msg": [29, 32, 33],
        "memcpy_to_msg": [33],
        "skb_copy_and_csum_datagram_msg": [19],
    }
    assert side.in_helpers == []
    assert [s.line for s in side.not_marked] == [4, 6, 8, 9]  # the prototypes


def test_golden_helper_definitions_are_not_calls(sp: spatch.Spatch) -> None:
    side = compare.calls(sp, RULE_DIR, ["helper_definitions.c"])
    # Only the user's call counts; the helper built on another is listed apart.
    assert {h: [s.line for s in sites] for h, sites in side.calls.items() if sites} == {
        "skb_copy_and_csum_datagram_msg": [32],
    }
    assert [s.line for s in side.in_helpers] == [26]
    assert "EXPORT_SYMBOL" in side.not_marked[-1].text


def test_golden_not_calls(sp: spatch.Spatch) -> None:
    side = compare.calls(sp, RULE_DIR, ["not_calls.c"])
    assert all(sites == [] for sites in side.calls.values())
    assert side.in_helpers == []
    # Every line that names a helper is still listed: nothing is dropped silently.
    assert [s.line for s in side.not_marked] == [6, 10, 16, 18, 24, 26]


# ---- the recorded reasons --------------------------------------------------------------


def test_the_recorded_reasons_of_the_series_load() -> None:
    reasons = compare.load_reasons(compare.default_reasons())
    assert reasons, "series/msghdr-iov-iter/reference.toml records the 3.19 differences"
    assert {helper for helper, _ in reasons} <= set(compare.HELPERS)
    assert all(r.reason and r.tree != r.reference for r in reasons.values())


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[memcpy_from_iovec."a.c"]\ntree = 1\nreference = 0\nreason = "x"\n', "unknown helper"),
        ('[memcpy_to_msg."a.c"]\ntree = 1\nreference = 1\nreason = "x"\n', "different counts"),
        ('[memcpy_to_msg."a.c"]\ntree = 1\nreference = 0\nreason = " "\n', "reason is empty"),
        ('[memcpy_to_msg."a.c"]\ntree = 1\nreason = "x"\n', "exactly tree, reference"),
        ("[memcpy_to_msg\n", "not valid TOML"),
    ],
)
def test_bad_reasons_are_a_user_error(tmp_path: Path, text: str, message: str) -> None:
    bad = tmp_path / "reasons.toml"
    bad.write_text(text)
    result = run_cli(
        "compare", "--tree", str(tmp_path), "--reference", str(tmp_path), "--reasons", str(bad)
    )
    assert result.exit_code == 1
    assert message in result.stderr and str(bad) in result.stderr


# ---- the command on two small trees ----------------------------------------------------


def _series_tree(dest: Path) -> Path:
    """The demo tree with the demo series applied: the tree to compare."""

    demo.materialize(dest)
    patches = sorted(str(p) for p in GOLDEN.glob("0*.patch"))
    git(dest, "am", "--quiet", "--empty=drop", *patches)
    return dest


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def _reference(tree: Path, dest: Path) -> Path:
    """A copy of TREE changed as upstream might have: the reference."""
    git(tree.parent, "clone", "--quiet", str(tree), str(dest))
    # af_packet reads the virtio-net header with copy_from_iter(): one call fewer.
    _edit(
        dest / "net/packet/af_packet.c",
        "err = memcpy_from_msg((void *)&vnet_hdr, msg, vnet_hdr_len);",
        "err = copy_from_iter(&vnet_hdr, vnet_hdr_len, &msg->msg_iter);",
    )
    # tcp_recvmsg copies with the iterator directly: one call fewer.
    _edit(
        dest / "net/ipv4/tcp.c",
        "err = skb_copy_datagram_msg(skb, 0, msg, used);",
        "err = skb_copy_datagram_iter(skb, 0, &msg->msg_iter, used);",
    )
    # The csum helper built on skb_copy_datagram_msg(), as in 3.19: not a user.
    _edit(
        dest / "net/core/datagram.c",
        "if (skb_copy_datagram_iter(skb, hlen, &msg->msg_iter, chunk))",
        "if (skb_copy_datagram_msg(skb, hlen, msg, chunk))",
    )
    # A file the tree does not have.
    (dest / "net/ipx").mkdir()
    (dest / "net/ipx/ipx_route.c").write_text(
        "#include <linux/skbuff.h>\n\n"
        "int ipxrtr_route_packet(struct sk_buff *skb, struct msghdr *msg, int len)\n"
        "{\n"
        "\treturn memcpy_from_msg(skb_put(skb, len), msg, len);\n"
        "}\n"
    )
    git(dest, "add", "--all")
    git(dest, "commit", "--quiet", "-m", "reference")
    return dest


REASONS = """\
[memcpy_from_msg."net/packet/af_packet.c"]
tree = 1
reference = 0
reason = "the reference reads the vnet header with copy_from_iter()"

[skb_copy_datagram_msg."net/ipv4/tcp.c"]
tree = 1
reference = 2
reason = "recorded for other counts"

[memcpy_to_msg."crypto/algif_hash.c"]
tree = 1
reference = 0
reason = "no such difference"
"""


@pytest.fixture(scope="module")
def trees(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    top = tmp_path_factory.mktemp("compare")
    with pytest.MonkeyPatch.context() as mp:
        for name, value in {
            "GIT_CONFIG_GLOBAL": "/dev/null",
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_AUTHOR_NAME": "Test Author",
            "GIT_AUTHOR_EMAIL": "test@example.org",
            "GIT_COMMITTER_NAME": "Test Author",
            "GIT_COMMITTER_EMAIL": "test@example.org",
        }.items():
            mp.setenv(name, value)
        tree = _series_tree(top / "tree")
        reference = _reference(tree, top / "reference")
    reasons = top / "reasons.toml"
    reasons.write_text(REASONS)
    return tree, reference, reasons


def test_compare_two_trees(
    trees: tuple[Path, Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tree, reference, reasons = trees
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    before = snapshot(tree), snapshot(reference)
    out = tmp_path / "compare.json"
    result = run_cli(
        "compare", "--tree", str(tree), "--reference", str(reference),
        "--reasons", str(reasons), "--json", str(out),
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert (snapshot(tree), snapshot(reference)) == before, "both trees are only read"
    assert list(scratch.iterdir()) == [], "a scratch directory was left behind"
    data = json.loads(out.read_text())

    assert data["summary"]["counts"] == {
        "skb_copy_datagram_msg": [5, 4],
        "memcpy_from_msg": [2, 2],
        "memcpy_to_msg": [3, 3],
        "skb_copy_and_csum_datagram_msg": [2, 2],
    }
    found = {
        (d["helper"], d["file"]): (d["tree_count"], d["reference_count"], d["reason"])
        for d in data["differences"]
    }
    assert found == {
        # Equal totals (2 vs 2), but per file: one fewer here, one more there.
        ("memcpy_from_msg", "net/packet/af_packet.c"): (
            1, 0, "the reference reads the vnet header with copy_from_iter()",
        ),
        ("memcpy_from_msg", "net/ipx/ipx_route.c"): (0, 1, None),
        # A reason recorded for other counts does not explain this difference.
        ("skb_copy_datagram_msg", "net/ipv4/tcp.c"): (1, 0, None),
    }  # fmt: skip
    ipx = next(d for d in data["differences"] if d["file"] == "net/ipx/ipx_route.c")
    assert (ipx["file_in_tree"], ipx["file_in_reference"]) == (False, True)
    assert [s["line"] for s in ipx["reference"]] == [5]
    assert data["summary"]["unexplained"] == 2
    assert [r["file"] for r in data["stale_reasons"]] == ["crypto/algif_hash.c"]
    # The reference's helper built on another is listed, not counted.
    assert [s["file"] for s in data["reference"]["in_helpers"]] == ["net/core/datagram.c"]
    assert data["tree"]["in_helpers"] == []

    md = result.stdout
    assert "Summary: 3 differences in 3 files, 1 explained, 2 unexplained, 1 stale reasons." in md
    assert "- `net/ipx/ipx_route.c`: 0 vs 1 (no such file in the tree)" in md
    assert data["summary"]["files_in_one_tree_only"] == ["net/ipx/ipx_route.c"]
    assert "**unexplained**: no reason recorded" in md
    assert "**unexplained**: the recorded reason is for 1 vs 2" in md
    assert "reason: the reference reads the vnet header with copy_from_iter()" in md


def test_same_tree_no_difference(trees: tuple[Path, Path, Path], tmp_path: Path) -> None:
    tree, _, _ = trees
    empty = tmp_path / "none.toml"
    empty.write_text("")
    result = run_cli(
        "compare", "--tree", str(tree), "--reference", str(tree), "--reasons", str(empty)
    )
    assert result.exit_code == 0, result.stderr
    assert "Summary: 0 differences in 0 files, 0 explained, 0 unexplained." in result.stdout
