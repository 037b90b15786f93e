"""git grep from the store: the same files as git grep, whatever changed since."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import cache, greps, proc, sparse
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


@pytest.fixture
def fresh_index(monkeypatch: pytest.MonkeyPatch) -> None:
    """No word index or expected words from another test of this process."""
    monkeypatch.setattr(greps, "_expected", {})
    monkeypatch.setattr(greps, "_indexes", {})


def _greps_run(log: proc.CommandLog, where: Path) -> list[list[str]]:
    return [e.argv for e in log.entries if "grep" in e.argv and e.cwd == str(where)]


@pytest.mark.usefixtures("fresh_index")
def test_expected_words_are_read_in_one_pass_and_answer_as_git_grep(
    repo: Path, tmp_path: Path
) -> None:
    """Greps of a partial clone for expected words, at its start and after commits and
    edits: git grep's answers, from one ``git grep -o`` of the start tree and greps of
    the files that changed since."""
    (repo / "net/e.c").write_text("int msg_iovlen; /* msg_iov */\n")
    git(repo, "add", "net/e.c")
    git(repo, "commit", "--quiet", "-m", "e")
    store = cache.Store(tmp_path / "cache")
    clone = sparse.clone(repo, "HEAD", tmp_path / "clone")
    sparse.need(clone, ["net/a.c", "net/b.c"])
    start = gitops.run(clone, "rev-parse", "HEAD^{tree}").strip()
    greps.expect(start, ["msg_iov", "msg_iovlen", "other", "a.b"])
    queries = [["-I", "-l", "-w", "-e", w] for w in ("msg_iov", "msg_iovlen", "other")]
    queries.append(["-I", "-l", "-w", "(", "-e", "msg_iov", "-e", "other", ")"])
    with proc.recording() as log:
        for args in queries:
            assert greps.files(store, clone, args, PATHSPEC, None) == expected_in(clone, args)
    assert [a[-3:] for a in _greps_run(log, clone)] == [
        ["-e", "(msg_iov|msg_iovlen|other)", start, "--"][-3:]
    ]
    (clone / "net/a.c").write_text("int other;\n")
    git(clone, "commit", "--quiet", "-am", "a other")
    (clone / "net/b.c").write_text("int msg_iovlen;\n")
    for args in queries:
        assert greps.files(store, clone, args, PATHSPEC, None) == expected_in(clone, args)
        assert greps.files(store, clone, args, PATHSPEC, "HEAD") == plain_at(clone, args, "HEAD")
    assert not (tmp_path / "clone.whole").exists()  # no copy checked out for the greps


@pytest.mark.usefixtures("fresh_index")
def test_a_binary_file_is_skipped_by_minus_capital_i_only(tmp_path: Path) -> None:
    repo = committed_repo(
        tmp_path / "repo", {"a.c": "int msg_iov;\n", "fw.h": b"\0\1msg_iov\n", "b.c": "x\n"}
    )
    store = cache.Store(tmp_path / "cache")
    greps.expect(gitops.run(repo, "rev-parse", "HEAD^{tree}").strip(), ["msg_iov"])
    for args in (["-I", "-l", "-w", "-e", "msg_iov"], ["-l", "-w", "-e", "msg_iov"]):
        expected = plain_at(repo, args, "HEAD")
        assert greps.files(store, repo, args, PATHSPEC, "HEAD") == expected
    assert plain_at(repo, ["-l", "-w", "-e", "msg_iov"], "HEAD") == ["a.c", "fw.h"]
    assert plain_at(repo, ["-I", "-l", "-w", "-e", "msg_iov"], "HEAD") == ["a.c"]


@pytest.mark.usefixtures("fresh_index")
def test_words_not_expected_and_other_greps_are_left_to_git_grep(repo: Path) -> None:
    greps.expect(gitops.run(repo, "rev-parse", "HEAD^{tree}").strip(), ["msg_iov"])
    tree = gitops.run(repo, "rev-parse", "HEAD^{tree}").strip()
    for args in (["-l", "-w", "-e", "msg_iovlen"], ["-l", "-e", "msg_iov"],
                 ["-l", "-w", "-i", "-e", "msg_iov"], ["-l", "-w", "-e", "msg_.*"]):  # fmt: skip
        assert greps._indexed(repo, args, PATHSPEC, tree) is None
    assert greps._indexed(repo, ["-l", "-w", "-e", "msg_iov"], PATHSPEC, tree) == ["net/a.c"]


def plain_at(repo: Path, args: list[str], rev: str, pathspec: list[str] = PATHSPEC) -> list[str]:
    """What ``git grep ARGS REV -- PATHSPEC`` lists."""
    out = gitops.run(repo, "grep", *args, rev, "--", *pathspec, check=False)
    return sorted(line.split(":", 1)[1] for line in out.splitlines())
