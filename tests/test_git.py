"""The user's tree: what is refused, and that nothing in it is ever written."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import git as gitops
from generator.errors import ToolFailed, UserError

from .conftest import committed_repo, git, snapshot


def test_clean_demo_tree_is_accepted(demo_tree: Path) -> None:
    tree = gitops.inspect_user_tree(demo_tree, "base")
    assert tree.base == git(demo_tree, "rev-parse", "base").strip()
    assert tree.base_date == 1417910400


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p / "missing", "no such directory"),
        (lambda p: p, "not a git tree"),
    ],
)
def test_not_a_git_tree(tmp_path: Path, make: object, message: str) -> None:
    with pytest.raises(UserError, match=message):
        gitops.inspect_user_tree(make(tmp_path))  # type: ignore[operator]


def test_dirty_tree_is_refused_and_left_alone(demo_tree: Path) -> None:
    (demo_tree / "net" / "socket.c").write_text("/* edited */\n")
    before = snapshot(demo_tree)
    with pytest.raises(UserError, match="uncommitted changes") as info:
        gitops.inspect_user_tree(demo_tree)
    assert "commit or stash" in str(info.value)
    assert snapshot(demo_tree) == before


def test_untracked_file_makes_the_tree_dirty(demo_tree: Path) -> None:
    (demo_tree / "stray.c").write_text("int x;\n")
    with pytest.raises(UserError, match="uncommitted changes"):
        gitops.inspect_user_tree(demo_tree)


def test_unknown_base(demo_tree: Path) -> None:
    with pytest.raises(UserError, match="unknown base 'v9.9'"):
        gitops.inspect_user_tree(demo_tree, "v9.9")


def test_subdirectory_is_refused_with_the_top(demo_tree: Path) -> None:
    with pytest.raises(UserError, match="not at its top") as info:
        gitops.inspect_user_tree(demo_tree / "net")
    assert str(demo_tree.resolve()) in str(info.value)


def test_scratch_clone_never_writes_the_source(read_only_demo: Path, tmp_path: Path) -> None:
    before = snapshot(read_only_demo)
    clone = gitops.scratch_clone(read_only_demo, "base", tmp_path / "clone")
    (clone / "net" / "socket.c").write_text("/* changed in the clone */\n")
    gitops.stage_all(clone)
    gitops.commit_staged(clone, "test: change\n", gitops.Identity("A", "a@b.c"), 0)
    assert snapshot(read_only_demo) == before


@pytest.mark.parametrize("text", ["", "Jane", "Jane <jane>", "<j@x.org>", "Jane <j@x.org"])
def test_bad_author(text: str) -> None:
    with pytest.raises(UserError, match="is not of the form"):
        gitops.Identity.parse(text)


def test_author() -> None:
    assert (
        str(gitops.Identity.parse("Jane Doe <jane@example.org>")) == "Jane Doe <jane@example.org>"
    )


BACKPORT = "tcp: fix potential huge kmalloc() calls in TCP_REPAIR"


def _commit_file(repo: Path, text: str, subject: str) -> str:
    (repo / "net/ipv4/tcp_input.c").write_text(text)
    git(repo, "commit", "--quiet", "--all", "--message", subject)
    return git(repo, "rev-parse", "HEAD").strip()


def test_the_introducing_commit_is_found_by_subject_and_pickaxe(demo_tree: Path) -> None:
    source = (demo_tree / "net/ipv4/tcp_input.c").read_text()
    _commit_file(demo_tree, source + "/* alloc_skb_with_frags */\n", "tcp: other change")
    _commit_file(demo_tree, source, "tcp: revert it")
    wanted = _commit_file(demo_tree, source + "/* alloc_skb_with_frags() */\n", BACKPORT)
    _commit_file(demo_tree, source + "/* alloc_skb_with_frags() again */\n", BACKPORT)
    found = gitops.introducing_commit(
        demo_tree, "HEAD", BACKPORT, "net/ipv4/tcp_input.c", "alloc_skb_with_frags"
    )
    assert found == wanted


def test_a_tree_without_the_history_has_no_introducing_commit(demo_tree: Path) -> None:
    found = gitops.introducing_commit(
        demo_tree, "base", BACKPORT, "net/ipv4/tcp_input.c", "alloc_skb_with_frags"
    )
    assert found is None


def test_export_files_writes_each_file_byte_for_byte(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    contents = {
        "a.c": b"\xff\xfe latin-1 \xe9\n",
        "dir/b.h": b"no newline at the end",
        "dir/empty.h": b"",
        "dir/c d.c": b"\n\n",
    }
    committed_repo(repo, contents)
    gitops.export_files(repo, "HEAD", sorted(contents), tmp_path / "out")
    for name, data in contents.items():
        assert (tmp_path / "out" / name).read_bytes() == data
    with pytest.raises(ToolFailed, match="HEAD:missing.c"):
        gitops.export_files(repo, "HEAD", ["missing.c"], tmp_path / "out")
