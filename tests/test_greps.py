"""git grep from the store: the same files as git grep, whatever changed since."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import cache, greps, sparse
from generator import git as gitops

from .conftest import committed_repo, git

ARGS = ["-I", "-l", "-w", "-e", "msg_iov", "-e", "msg_iovlen"]
PATHSPEC = ["*.c", "*.h", ":!tools/"]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    files = {
        "net/a.c": "int msg_iov;\n",
        "net/b.c": "int other;\n",
        "include/c.h": "int msg_iovlen;\n",
        "tools/d.c": "int msg_iov;\n",
        "Makefile": "msg_iov\n",
    }
    return committed_repo(root, files)


def plain(repo: Path, rev: str | None = None) -> list[str]:
    lines = gitops.grep(repo, *ARGS[1:], *([rev] if rev else []), paths=tuple(PATHSPEC))
    return sorted(line.split(":", 1)[1] if rev else line for line in lines)


def test_the_same_files_as_git_grep_as_the_tree_changes(repo: Path, tmp_path: Path) -> None:
    store = cache.Store(tmp_path / "cache")
    assert (
        greps.files(store, repo, ARGS, PATHSPEC, None)
        == plain(repo)
        == [
            "include/c.h",
            "net/a.c",
        ]
    )
    (repo / "net/b.c").write_text("int msg_iov;\n")  # changed, not staged
    assert greps.files(store, repo, ARGS, PATHSPEC, None) == plain(repo)
    git(repo, "add", "net/b.c")  # staged
    (repo / "net/a.c").write_text("int none;\n")
    assert greps.files(store, repo, ARGS, PATHSPEC, None) == plain(repo)
    git(repo, "commit", "--quiet", "-am", "next")
    (repo / "tools/e.c").write_text("int msg_iov;\n")
    git(repo, "add", "tools/e.c")
    assert (
        greps.files(store, repo, ARGS, PATHSPEC, None)
        == plain(repo)
        == [
            "include/c.h",
            "net/b.c",
        ]
    )
    assert greps.files(store, repo, ARGS, PATHSPEC, "HEAD~1") == plain(repo, "HEAD~1")
    assert greps.files(store, repo, ARGS, PATHSPEC, "HEAD") == plain(repo, "HEAD")


def test_a_new_process_greps_only_what_differs(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = cache.Store(tmp_path / "cache")
    greps.files(store, repo, ARGS, PATHSPEC, "HEAD")
    (repo / "net/b.c").write_text("int msg_iov;\n")
    git(repo, "commit", "--quiet", "-am", "b too")
    monkeypatch.setattr(greps, "_results", {})
    searched: list[list[str]] = []
    grep = greps._grep

    def spy(repo: Path, args: list[str], tree: str | None, paths: list[str]) -> list[str]:
        searched.append(list(paths))
        return grep(repo, args, tree, paths)

    monkeypatch.setattr(greps, "_grep", spy)
    assert greps.files(store, repo, ARGS, PATHSPEC, "HEAD") == plain(repo, "HEAD")
    assert searched == [[":(literal)net/b.c"]]


def test_trees_another_repository_grepped_are_passed_over(repo: Path, tmp_path: Path) -> None:
    """The store is shared by every tree: a tree it remembers from another repository,
    which this one does not hold, is no base to grep against."""
    store = cache.Store(tmp_path / "cache")
    other = tmp_path / "other"
    git(tmp_path, "clone", "--quiet", str(repo), str(other))
    (other / "net/b.c").write_text("int msg_iovlen;\n")
    git(other, "commit", "--quiet", "-am", "only in the other")
    assert greps.files(store, other, ARGS, PATHSPEC, "HEAD") == plain(other, "HEAD")
    (repo / "net/a.c").write_text("int none;\n")
    git(repo, "commit", "--quiet", "-am", "only in this one")
    assert greps.files(store, repo, ARGS, PATHSPEC, "HEAD") == plain(repo, "HEAD")
    assert greps.files(store, repo, ARGS, PATHSPEC, None) == plain(repo)


def test_pathspecs_select_as_git_does() -> None:
    assert greps.selected("net/a.c", ["*.c"]) is True
    assert greps.selected("net/a.h", ["*.c"]) is False
    assert greps.selected("tools/a.c", ["*.c", ":!tools/"]) is False
    assert greps.selected("net/core/x.c", ["net"]) is True
    assert greps.selected("network/x.c", ["net"]) is False
    assert greps.selected("net/x.c", [":(glob)**/*.c"]) is None


def test_a_partial_clone_grepped_whole_again_and_again_greps_a_whole_copy(
    repo: Path, tmp_path: Path
) -> None:
    """Its HEAD's blobs are grepped WHOLE_BEFORE_COPY times; then the tree it started
    at is grepped in a copy checked out whole, and HEAD from it and the files that differ:
    git grep's answers each time, and the clone stays partial."""
    store = cache.Store(tmp_path / "cache")
    clone = sparse.clone(repo, "HEAD", tmp_path / "clone")
    sparse.need(clone, ["net/a.c", "net/b.c"])
    (clone / "net/a.c").write_text("int other;\n")
    git(clone, "commit", "--quiet", "-am", "a other")  # HEAD differs from the start
    (clone / "net/b.c").write_text("int msg_iovlen;\n")  # and the work tree from HEAD
    words = ["msg_iov", "msg_iovlen", "other", "msg_iov"]
    for number, word in enumerate(words):
        args = ["-I", "-l", "-w", "-e", word]
        assert greps.files(store, clone, args, PATHSPEC, None) == expected_in(clone, args)
        copied = (tmp_path / "clone.whole").is_dir()
        assert copied == (number >= greps.WHOLE_BEFORE_COPY)
    assert sparse.partial(clone) and not (clone / "include/c.h").exists()


def expected_in(clone: Path, args: list[str]) -> list[str]:
    """What git grep lists in CLONE's work tree, were it checked out whole."""
    copy = clone.with_name("expected")
    if not copy.exists():
        git(clone.parent, "clone", "--quiet", "--shared", str(clone), str(copy))
    git(copy, "checkout", "--quiet", "--detach", gitops.run(clone, "rev-parse", "HEAD").strip())
    (copy / "net/b.c").write_text((clone / "net/b.c").read_text())
    return sorted(gitops.grep(copy, *args[1:], paths=tuple(PATHSPEC)))


def test_brackets_around_a_whole_pattern_list_are_dropped() -> None:
    assert greps._unbracketed(["-l", "-w", "(", "-e", "a", "-e", "b", ")"]) == [
        "-l", "-w", "-e", "a", "-e", "b",
    ]  # fmt: skip
    for kept in (
        ["-l", "(", "-e", "a", ")", "--and", "(", "-e", "b", ")"],
        ["-l", "(", "-e", "a", "--or", "-e", "b", ")"],
        ["-l", "(", "-e", "a", ")", "-e", "b"],
        ["-l", "-e", "(", "-e", ")"],  # brackets as patterns
    ):
        assert greps._unbracketed(kept) == kept


def test_spatch_s_bracketed_query_finds_what_git_grep_finds(repo: Path, tmp_path: Path) -> None:
    store = cache.Store(tmp_path / "cache")
    args = ["-l", "-w", "(", "-e", "msg_iov", "-e", "other", ")"]
    expected = sorted(gitops.grep(repo, *args, paths=tuple(PATHSPEC)))
    assert expected == ["net/a.c", "net/b.c"]
    assert greps.files(store, repo, args, PATHSPEC, None) == expected
