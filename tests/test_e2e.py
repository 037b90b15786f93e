"""End to end on the demo tree: generate, prove, apply, compile every step, reproduce."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from generator import demo

from .conftest import check_golden, git, run_cli, snapshot

SERIES = "msghdr-iov-iter"
AUTHOR = "Demo Author <demo@example.org>"
GOLDEN = Path(__file__).parent / "golden" / SERIES


@pytest.fixture(scope="module")
def cold_cache(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The environment of a cache of spatch results that starts empty."""
    return {"XDG_CACHE_HOME": str(tmp_path_factory.mktemp("e2e-cache"))}


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory, cold_cache: dict[str, str]) -> Path:
    """The demo series, generated once for the module through the real CLI (every spatch
    result computed, and cached)."""
    work = tmp_path_factory.mktemp("e2e")
    tree = demo.materialize(work / "demo")
    out = work / "out"
    result = run_cli("generate", SERIES, "--tree", str(tree), "--out", str(out),
                     "--author", AUTHOR, env=cold_cache)  # fmt: skip
    assert result.exit_code == 0, result.stderr
    return out


def patches(out: Path) -> list[Path]:
    return sorted(p for p in out.glob("*.patch") if not p.name.startswith("0000-"))


def test_output_layout(generated: Path) -> None:
    cover = generated / "0000-cover-letter.patch"
    text = cover.read_text()
    assert "*** SUBJECT HERE ***" not in text and "*** BLURB HERE ***" not in text
    assert "\nbase-commit: " in text
    assert (generated / "series.json").is_file()
    assert len(patches(generated)) >= 2
    for patch in patches(generated):
        body = patch.read_text()
        assert "\nSigned-off-by: " + AUTHOR + "\n" in body
        assert "spatch 1.3.3" in body
        assert (
            "// <smpl>" in body or "Edits made by hand" in body or "is written by hand" in body
        ), patch.name


def test_every_step_applies_and_compiles(generated: Path, tmp_path: Path) -> None:
    """git am each patch onto a fresh demo tree; the tree compiles with -Werror after each."""
    tree = demo.materialize(tmp_path / "demo")
    make = ["make", "-s", "-C", str(tree)]
    subprocess.run(make, check=True, capture_output=True)
    for patch in patches(generated):
        git(tree, "am", "--quiet", str(patch))
        build = subprocess.run(make, capture_output=True, text=True)
        assert build.returncode == 0, f"{patch.name} does not compile:\n{build.stderr}"
        subprocess.run([*make, "clean"], check=True)


@pytest.mark.parametrize("cached", ["kept series", "from the cache", "--no-cache"])
def test_two_runs_are_byte_identical(
    generated: Path, tmp_path: Path, cold_cache: dict[str, str], cached: str
) -> None:
    """The series the first run kept, or every spatch result from the cache it filled (the
    kept series removed), or none: the same bytes."""
    if cached == "from the cache":
        shutil.rmtree(Path(cold_cache["XDG_CACHE_HOME"], "cocci-series", "v1", "series"))
    again = tmp_path / "again"
    tree = demo.materialize(tmp_path / "demo")
    result = run_cli("generate", SERIES, "--tree", str(tree), "--out", str(again),
                     "--author", AUTHOR, *(["--no-cache"] if cached == "--no-cache" else []),
                     env=cold_cache)  # fmt: skip
    assert result.exit_code == 0, result.stderr
    kept = "nothing changed since a run wrote this series" in result.stderr
    assert kept == (cached == "kept series")
    ran = (again / "commands.log").read_text()
    assert ("--sp-file" in ran) == (cached == "--no-cache")
    assert (" am " in ran) == (cached != "kept series")  # proven when it was first written
    names = sorted(p.name for p in generated.glob("*.patch")) + ["series.json"]
    assert names[:-1] == sorted(p.name for p in again.glob("*.patch"))
    for name in names:
        assert (generated / name).read_bytes() == (again / name).read_bytes(), name


def test_golden_series(generated: Path) -> None:
    """The whole demo series, byte for byte.  UPDATE_GOLDEN=1 rewrites it after a review."""
    check_golden(generated, GOLDEN)


def test_user_tree_is_untouched(read_only_demo: Path, tmp_path: Path) -> None:
    before = snapshot(read_only_demo)
    out = tmp_path / "out"
    result = run_cli("generate", SERIES, "--tree", str(read_only_demo), "--out", str(out),
                     "--author", AUTHOR)  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert snapshot(read_only_demo) == before


def test_plan_writes_nothing(read_only_demo: Path) -> None:
    before = snapshot(read_only_demo)
    result = run_cli("plan", SERIES, "--tree", str(read_only_demo))
    assert result.exit_code == 0, result.stderr
    assert "total:" in result.stdout
    assert "net/socket.c" in result.stdout
    assert snapshot(read_only_demo) == before


def test_generate_after_plan_runs_no_spatch(tmp_path: Path) -> None:
    """plan runs the cover letter's reports too, and shows them: generate after it takes
    every spatch result, the steps' and the reports', from the cache plan filled."""
    tree = demo.materialize(tmp_path / "demo")
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    planned = run_cli("plan", SERIES, "--tree", str(tree), env=env)
    assert planned.exit_code == 0, planned.stderr
    assert "what the cover letter will report:" in planned.stdout
    assert "kvec caller audit" in planned.stdout and "census" in planned.stdout
    out = tmp_path / "out"
    result = run_cli("generate", SERIES, "--tree", str(tree), "--out", str(out),
                     "--author", AUTHOR, env=env)  # fmt: skip
    assert result.exit_code == 0, result.stderr
    ran = [line for line in (out / "commands.log").read_text().splitlines() if "--sp-file" in line]
    assert ran == []


def test_default_tree_is_the_demo(tmp_path: Path) -> None:
    result = run_cli("generate", SERIES, "--out", str(tmp_path / "out"), "--author", AUTHOR)
    assert result.exit_code == 0, result.stderr
    assert "proven: git am" in result.stdout


def test_the_user_git_environment_changes_nothing(
    read_only_demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """GIT_DIR/GIT_WORK_TREE (and the like) exported at the tree: the same series."""
    before = snapshot(read_only_demo)
    hostile = {
        "GIT_DIR": f"{read_only_demo}/.git",
        "GIT_WORK_TREE": str(read_only_demo),
        "GIT_INDEX_FILE": f"{tmp_path}/index",
        "GIT_CONFIG_PARAMETERS": "'diff.noprefix'='true' 'format.signature'='x'",
        "GIT_LITERAL_PATHSPECS": "1",
        "GIT_ICASE_PATHSPECS": "1",
    }
    for name, value in hostile.items():
        monkeypatch.setenv(name, value)
    out = tmp_path / "out"
    result = run_cli("generate", SERIES, "--tree", str(read_only_demo), "--out", str(out),
                     "--author", AUTHOR)  # fmt: skip
    assert result.exit_code == 0, result.stderr
    for golden in GOLDEN.glob("*.patch"):
        assert (out / golden.name).read_text() == golden.read_text(), golden.name
    for name in hostile:
        monkeypatch.delenv(name)
    assert snapshot(read_only_demo) == before


def test_an_already_converted_tree_is_refused(demo_tree: Path) -> None:
    """A tree that has the series (or upstream's conversion) already: one line, exit 1."""
    header = demo_tree / "include" / "linux" / "socket.h"
    header.write_text(header.read_text() + "\nstruct user_msghdr {\n\tint msg_flags;\n};\n")
    git(demo_tree, "commit", "-q", "-am", "already converted")
    for verb in (["plan"], ["generate", "--out", str(demo_tree.parent / "out")]):
        result = run_cli(*verb, SERIES, "--tree", str(demo_tree))
        assert result.exit_code == 1, result.stderr
        assert "already has series msghdr-iov-iter" in result.stderr.splitlines()[0]
    assert not (demo_tree.parent / "out").exists()


def test_the_vendor_driver_is_converted_whole(generated: Path) -> None:
    """The initializer-built msghdr sent through ->sk_prot->sendmsg() in a loop."""
    switch = next(p for p in patches(generated) if "msg_iovlen-to-" in p.name).read_text()
    assert "-\t\t\t.msg_iov = &iov,\n-\t\t\t.msg_iovlen = 1,\n" in switch
    assert "+\t\tiov_iter_init(&msg.msg_iter, WRITE, &iov, 1, lens[i]);\n" in switch


def test_a_skipped_optional_step_is_named(demo_tree: Path, tmp_path: Path) -> None:
    """A tree without the tcp_send_rcvq() mis-backport: that step is skipped, and said so."""
    source = demo_tree / "net" / "ipv4" / "tcp_input.c"
    text = source.read_text()
    bad = "skb_copy_datagram_iovec(skb, 0, msg->msg_iov, size)"
    assert bad in text
    source.write_text(
        text.replace(bad, "skb_copy_datagram_from_iovec(skb, 0, msg->msg_iov, 0, size)")
    )
    git(demo_tree, "commit", "-q", "-am", "an earlier 3.18.y: no mis-backport")
    out = tmp_path / "out"
    result = run_cli("generate", SERIES, "--tree", str(demo_tree), "--out", str(out))
    assert result.exit_code == 0, result.stderr
    cover = (out / "0000-cover-letter.patch").read_text()
    assert "Skipped (optional steps with nothing to do in this tree):\n" \
        "  - tcp: fix the copy direction in tcp_send_rcvq()\n" in cover  # fmt: skip
    assert not list(out.glob("*tcp_send_rcvq*"))


FIXED = "tcp: fix potential huge kmalloc() calls in TCP_REPAIR"


@pytest.mark.parametrize("backported", [True, False])
def test_the_fix_names_the_backport_by_its_id_in_the_tree(
    backported: bool, demo_tree: Path, tmp_path: Path
) -> None:
    """Fixes: carries the id the tree's own history gives the backport; without it, none."""
    if backported:
        source = demo_tree / "net/ipv4/tcp_input.c"
        source.write_text(source.read_text() + "/* alloc_skb_with_frags() */\n")
        git(demo_tree, "commit", "--quiet", "--all", "--message", FIXED)
    toml = tmp_path / "fix.toml"
    toml.write_text(
        '[series]\ntitle = "tcp: fix"\ndescription = "A fix."\n\n[[step]]\nid = "fix"\n'
        'subject = "tcp: fix the copy direction in tcp_send_rcvq()"\n'
        'rules = ["tcp_send_rcvq_from_iovec"]\nmessage = "Fix."\n'
        f'fixes = {{ subject = "{FIXED}", file = "net/ipv4/tcp_input.c", '
        'introduced = "alloc_skb_with_frags" }\ntags = ["Cc: stable@vger.kernel.org"]\n'
    )
    out = tmp_path / "out"
    result = run_cli("generate", str(toml), "--tree", str(demo_tree), "--out", str(out))
    assert result.exit_code == 0, result.stderr
    patch = (out / "0001-tcp-fix-the-copy-direction-in-tcp_send_rcvq.patch").read_text()
    head = git(demo_tree, "rev-parse", "--short=12", "HEAD").strip()
    tag = f'\nFixes: {head} ("{FIXED}")\nCc: stable@vger.kernel.org\n'
    assert (tag in patch) is backported
    assert ("\nFixes: " in patch) is backported


@pytest.mark.parametrize("where", ["System.map", "net/core/caller.c"])
def test_a_removal_looks_for_users_in_the_source_only(
    where: str, demo_tree: Path, tmp_path: Path
) -> None:
    """A committed build product (3.18.20 has System.map) naming the removed function does
    not keep it; a C file calling it does, and the cover letter lists both skipped steps."""
    name = "skb_copy_and_csum_datagram_iovec"
    source = demo_tree / "net" / "ipv4" / "tcp_input.c"
    bad = "skb_copy_datagram_iovec(skb, 0, msg->msg_iov, size)"
    source.write_text(
        source.read_text().replace(
            bad, "skb_copy_datagram_from_iovec(skb, 0, msg->msg_iov, 0, size)"
        )
    )
    (demo_tree / where).write_text(f"int caller(void) {{ return {name}(0, 0, 0); }}\n")
    git(demo_tree, "add", where)
    git(demo_tree, "commit", "-q", "-am", "a tree of its own")
    out = tmp_path / "out"
    result = run_cli("generate", SERIES, "--tree", str(demo_tree), "--out", str(out))
    assert result.exit_code == 0, result.stderr
    cover = (out / "0000-cover-letter.patch").read_text()
    removed = list(out.glob("*-net-remove-skb_copy_and_csum_datagram_iovec.patch"))
    if where == "System.map":
        assert removed
        # The removal is not skipped: the tcp line is followed by the send-side steps
        # the demo has nothing for (no Bluetooth, IPX, TIPC, vsock or RDS).
        assert "Skipped (optional steps with nothing to do in this tree):\n" \
            "  - tcp: fix the copy direction in tcp_send_rcvq()\n" \
            "  - Bluetooth: " in cover  # fmt: skip
    else:
        assert not removed
        assert "Skipped (optional steps with nothing to do in this tree):\n" \
            "  - tcp: fix the copy direction in tcp_send_rcvq()\n" \
            f"  - net: remove {name}() (still used at {where}:1)\n" in cover  # fmt: skip
