"""Scratch clones checked out only as far as they are read: what they hold, and that
every reader sees the whole tree."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator import cache, greps, includes, proc, sparse
from generator import generate as generate_mod
from generator import git as gitops
from generator import spatch as spatch_mod
from generator.errors import CheckFailed

from .conftest import committed_repo, git


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    files = {
        "net/a.c": '#include "a.h"\nint msg_iov;\n',
        "net/a.h": "int a;\n",
        "net/b.c": "int other;\n",
        "include/linux/c.h": "int msg_iovlen;\n",
        "MAINTAINERS": "nobody\n",
    }
    return committed_repo(root, files)


def checked_out(clone: Path) -> list[str]:
    return sorted(
        str(p.relative_to(clone))
        for p in clone.rglob("*")
        if p.is_file() and ".git" not in p.relative_to(clone).parts
    )


def test_nothing_is_checked_out_until_asked(repo: Path, tmp_path: Path) -> None:
    clone = sparse.clone(repo, "HEAD", tmp_path / "clone")
    assert checked_out(clone) == []
    assert sparse.partial(clone)
    assert sorted(sparse.skipped(clone) or {}) == [
        "MAINTAINERS", "include/linux/c.h", "net/a.c", "net/a.h", "net/b.c",
    ]  # fmt: skip
    sparse.need(clone, ["net/a.c", "no/such/file"])
    assert checked_out(clone) == ["net/a.c"]
    assert (clone / "net/a.c").read_text() == (repo / "net/a.c").read_text()
    assert "net/a.c" not in (sparse.skipped(clone) or {})
    assert gitops.run(clone, "status", "--porcelain") == ""
    sparse.need_all(clone)
    assert not sparse.partial(clone)
    assert checked_out(clone) == checked_out(repo)


def test_a_change_made_after_need_is_committed(repo: Path, tmp_path: Path) -> None:
    clone = sparse.clone(repo, "HEAD", tmp_path / "clone")
    sparse.need(clone, ["net/b.c"])
    (clone / "net/b.c").write_text("int msg_iov;\n")
    gitops.stage_all(clone)
    assert gitops.diff_stats(clone, "--cached") == {"net/b.c": (1, 1, 1)}
    # Checking out more keeps what is staged.
    sparse.need(clone, ["net/a.c"])
    assert gitops.diff_stats(clone, "--cached") == {"net/b.c": (1, 1, 1)}
    who = gitops.Identity("A", "a@example.org")
    gitops.commit_staged(clone, "change\n", who, 0)
    assert gitops.changed_paths(clone, "HEAD~1", "HEAD") == ["net/b.c"]


def test_greps_read_the_files_not_checked_out(repo: Path, tmp_path: Path) -> None:
    clone = sparse.clone(repo, "HEAD", tmp_path / "clone")
    full = gitops.scratch_clone(repo, "HEAD", tmp_path / "full")
    store = cache.Store(tmp_path / "cache")
    args = ["-I", "-l", "-w", "-e", "msg_iov", "-e", "msg_iovlen"]
    for tree in (clone, full):
        sparse.need(tree, ["net/b.c"])
        (tree / "net/b.c").write_text("int msg_iov;\n")
    # Unstaged: the plain grep checks the clone out whole to read the work tree.
    assert gitops.grep(full, "-l", "-w", "-e", "msg_iov") == ["net/a.c", "net/b.c"]
    assert greps.files(store, clone, args, ["*.c", "*.h"], None) == [
        "include/linux/c.h", "net/a.c", "net/b.c",
    ]  # fmt: skip
    assert sparse.partial(clone)
    gitops.stage_all(clone)
    assert gitops.grep(clone, "-l", "-w", "-e", "msg_iov") == ["net/a.c", "net/b.c"]
    assert sparse.partial(clone)  # the index matched the work tree: it was read
    (clone / "net/b.c").write_text("int none;\n")
    assert gitops.grep(clone, "-l", "-w", "-e", "msg_iov") == ["net/a.c"]
    assert not sparse.partial(clone)


def test_includes_see_the_files_not_checked_out(repo: Path, tmp_path: Path) -> None:
    clone = sparse.clone(repo, "HEAD", tmp_path / "clone")
    fetched: list[str] = []

    def fetch(path: str) -> bytes:
        fetched.append(path)
        sparse.need(clone, [path])
        return (clone / path).read_bytes()

    tree = includes.Tree(clone, includes.Includes(), sparse.skipped(clone), fetch)
    model = includes.model(["--all-includes"])
    assert model is not None
    resolver = includes.Resolver(model, tree)
    assert resolver.parsed("net/a.c") == ["net/a.h"]
    assert fetched == ["net/a.c"]
    assert tree.blob("net/a.h") == gitops.blob_id((repo / "net/a.h").read_bytes())
    assert tree.is_dir("include/linux") and not tree.is_dir("include/none")
    assert tree.walk("include") == ["include/linux/c.h"]


def test_the_proof_fails_on_a_patch_that_does_not_apply(
    demo_tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = gitops.format_patch

    def broken(*args: object, **kwargs: object) -> list[Path]:
        patches = real(*args, **kwargs)  # type: ignore[arg-type]
        head, hunk, body = patches[2].read_text().partition("\n@@ ")
        context = next(line for line in body.splitlines() if line.startswith(" ") and line[1:])
        body = body.replace("\n" + context + "\n", "\n broken " + context + "\n", 1)
        patches[2].write_text(head + hunk + body)
        return patches

    monkeypatch.setattr(gitops, "format_patch", broken)
    with pytest.raises(CheckFailed, match="does not apply with git am onto"):
        generate_mod.generate("msghdr-iov-iter", demo_tree, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_the_proof_fails_on_a_patch_that_gives_another_tree(
    demo_tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = gitops.format_patch

    def other(*args: object, **kwargs: object) -> list[Path]:
        patches = real(*args, **kwargs)  # type: ignore[arg-type]
        head, hunk, body = patches[-1].read_text().partition("\n@@ ")
        added = next(line for line in body.splitlines() if line.startswith("+") and line[1:])
        body = body.replace("\n" + added + "\n", "\n" + added + " /* other */\n", 1)
        patches[-1].write_text(head + hunk + body)
        return patches

    monkeypatch.setattr(gitops, "format_patch", other)
    with pytest.raises(CheckFailed, match="does not give the generated tree"):
        generate_mod.generate("msghdr-iov-iter", demo_tree, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_a_reset_keeps_what_is_checked_out(repo: Path, tmp_path: Path) -> None:
    """An optional step dropped is reset: what was checked out for it stays checked out."""
    clone = sparse.clone(repo, "HEAD", tmp_path / "clone")
    sparse.need(clone, ["net/a.c", "net/b.c"])
    (clone / "net/b.c").write_text("int msg_iov;\n")
    gitops.stage_all(clone)
    gitops.run(clone, "reset", "-q", "--hard", "HEAD")
    assert checked_out(clone) == ["net/a.c", "net/b.c"]
    assert (clone / "net/b.c").read_text() == "int other;\n"
    assert gitops.run(clone, "status", "--porcelain") == ""
    assert sorted(sparse.skipped(clone) or {}) == ["MAINTAINERS", "include/linux/c.h", "net/a.h"]


def test_a_result_from_the_cache_keeps_the_files_mode(tmp_path: Path) -> None:
    """A vendor tree's executable .c file, rewritten from the cache: no mode change."""
    repo = committed_repo(tmp_path / "repo", {"net/a.c": "int f(void)\n{\n\treturn a;\n}\n"})
    git(repo, "update-index", "--chmod=+x", "net/a.c")
    git(repo, "commit", "--quiet", "-m", "executable")
    rule = tmp_path / "r.cocci"
    rule.write_text("@@\n@@\n- a\n+ b\n")
    with cache.using(cache.Store(tmp_path / "cache")):
        for run in ("miss", "hit"):
            clone = sparse.clone(repo, "HEAD", tmp_path / run)
            done = spatch_mod.apply(spatch_mod.find(), rule, clone, files=["net/a.c"])
            assert done.reused == (run == "hit")
            assert "return b;" in (clone / "net/a.c").read_text()
            assert gitops.run(clone, "status", "--porcelain") == " M net/a.c\n"
            assert "mode" not in gitops.run(clone, "diff")


def test_what_spatch_would_find_on_disk_counts_what_is_not_checked_out(
    repo: Path, tmp_path: Path
) -> None:
    """-I ./include, the cache key's include/ and a .cocciconfig, as in a whole checkout."""
    (repo / ".cocciconfig").write_text("[spatch]\n")
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "-m", "cocciconfig")
    clone = sparse.clone(repo, "HEAD", tmp_path / "clone")
    full = gitops.scratch_clone(repo, "HEAD", tmp_path / "full")
    assert not (clone / "include").exists()
    assert sparse.is_dir(clone, "include") and sparse.is_dir(clone, "include/linux")
    assert not sparse.is_dir(clone, "net/a.c") and not sparse.is_dir(clone, "none")
    assert sparse.exists(clone, ".cocciconfig") and not sparse.exists(clone, "none")
    sp = spatch_mod.find()
    rule = tmp_path / "r.cocci"
    rule.write_text("@@\n@@\n- a\n+ b\n")
    for tree in (clone, full):
        call = spatch_mod.Call(sp, rule, tree, files=("net/a.c",))
        assert "./include" in call.command(tmp_path)


def _msg_tree(root: Path) -> Path:
    from .test_cache import HEADER, OTHER, SOURCE

    files = {"net/foo.h": HEADER, "net/foo.c": SOURCE, "net/other.c": OTHER}
    files |= {f"drivers/d{n}.c": "int unrelated;\n" for n in range(3)}
    return committed_repo(root, files)


def _printed(stdout: str) -> list[str]:
    """spatch's diff lines, without the names of its temporary files."""
    return sorted(re.sub(r"cocci-output-\d+-\w+-", "", line) for line in stdout.splitlines())


def _msg_rule(tmp_path: Path, comment: str) -> Path:
    from .test_cache import RULE

    path = tmp_path / "rule.cocci"
    path.write_text(f"// {comment}\n{RULE}")
    return path


def test_a_miss_checks_out_only_what_spatch_reads(tmp_path: Path) -> None:
    """A rule changed since the results were stored: spatch runs on the files it reads,
    checked out alone, and gives what it gives on the whole tree without the cache."""
    repo = _msg_tree(tmp_path / "repo")
    full = gitops.scratch_clone(repo, "HEAD", tmp_path / "full")
    files = ["net/foo.c", "net/other.c"]
    sp = spatch_mod.find()
    expected = spatch_mod.apply(sp, _msg_rule(tmp_path, "first"), full, files=files)
    with cache.using(cache.Store(tmp_path / "cache")):
        for run, comment in (("cold", "first"), ("edited", "second")):
            clone = sparse.clone(repo, "HEAD", tmp_path / run)
            done = spatch_mod.apply(sp, _msg_rule(tmp_path, comment), clone, files=files)
            assert done.reused == 0
            assert _printed(done.stdout) == _printed(expected.stdout)
            assert checked_out(clone) == ["net/foo.c", "net/foo.h", "net/other.c"]
            for name in ("net/foo.c", "net/foo.h"):
                assert (clone / name).read_text() == (full / name).read_text()


def test_headers_not_checked_out_are_read_by_one_git_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file whose includes are not stored is read from the index, every one of them
    through one ``git cat-file --batch``: the same result as on a whole checkout."""
    monkeypatch.setattr(cache._known, "table", {})  # what this process read before
    repo = _msg_tree(tmp_path / "repo")
    full = gitops.scratch_clone(repo, "HEAD", tmp_path / "full")
    files = ["net/foo.c", "net/other.c"]
    sp = spatch_mod.find()
    expected = spatch_mod.apply(sp, _msg_rule(tmp_path, "first"), full, files=files)
    clone = sparse.clone(repo, "HEAD", tmp_path / "clone")
    with cache.using(cache.Store(tmp_path / "cache")), proc.recording() as log:
        done = spatch_mod.apply(sp, _msg_rule(tmp_path, "first"), clone, files=files)
    assert _printed(done.stdout) == _printed(expected.stdout)
    reads = [e for e in log.entries if "cat-file" in e.argv]
    assert [(e.argv[-1], e.how) for e in reads] == [("--batch", "2 asked")]


def test_a_stray_change_on_a_partial_checkout_runs_again_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """spatch rewrites a header the cache did not expect it to write: what it wrote is
    put back and it runs again on the whole tree, as it would have without the sparse
    checkout (spatch's own result, not stored)."""
    repo = _msg_tree(tmp_path / "repo")
    full = gitops.scratch_clone(repo, "HEAD", tmp_path / "full")
    sp = spatch_mod.find()
    rule = _msg_rule(tmp_path, "stray")
    expected = spatch_mod.apply(sp, rule, full, files=["net/foo.c"])
    assert "foo.h" in expected.stdout
    monkeypatch.setattr(includes.Resolver, "writable", lambda self, path, parsed: [])
    store = cache.Store(tmp_path / "cache")
    with cache.using(store):
        clone = sparse.clone(repo, "HEAD", tmp_path / "clone")
        done = spatch_mod.apply(sp, rule, clone, files=["net/foo.c"])
    assert _printed(done.stdout) == _printed(expected.stdout)
    assert not sparse.partial(clone) and "drivers/d0.c" in checked_out(clone)
    assert (clone / "net/foo.h").read_text() == (full / "net/foo.h").read_text()
    assert not list(store.root.glob("v1/result/*/*"))
