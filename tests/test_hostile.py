"""What hostile testing found (issue 12): each case, its message, exit code, leftovers and
the user's tree.  Scratch directories go to a private TMPDIR that must end up empty."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

import pytest

from generator import generate

from .conftest import git, run_cli, snapshot

SERIES = "msghdr-iov-iter"


@pytest.fixture(autouse=True)
def private_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setenv("TMPDIR", str(scratch))
    monkeypatch.setattr(tempfile, "tempdir", None)
    return scratch


def nothing_left(private_tmp: Path, out: Path) -> bool:
    siblings = list(out.parent.glob(f".{out.name}.tmp-*"))
    return list(private_tmp.iterdir()) == [] and siblings == []


def edit_series(tmp_path: Path, file: str, old: str) -> Path:
    """A series of one step: a hand edit of FILE replacing OLD (which occurs once)."""
    toml = tmp_path / "edits.toml"
    toml.write_text(
        '[series]\ntitle = "net: edits"\ndescription = "Edits."\n\n'
        '[[step]]\nid = "edit"\nsubject = "net: edit a line"\nrules = []\nmessage = "Edit."\n'
        f'[[step.edit]]\nfile = "{file}"\nold = "{old}"\nnew = "/* edited */"\n'
        'why = "a test"\n'
    )
    return toml


@pytest.mark.parametrize("link", ["self", "elsewhere"])
def test_an_edit_through_a_symlink_is_refused(
    link: str, demo_tree: Path, tmp_path: Path, private_tmp: Path
) -> None:
    """A committed `self -> /the/tree` (or any directory): the edit would write through it."""
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "net").mkdir(parents=True)
    (elsewhere / "net" / "socket.c").write_text((demo_tree / "net" / "socket.c").read_text())
    (demo_tree / link).symlink_to(demo_tree if link == "self" else elsewhere)
    git(demo_tree, "add", link)
    git(demo_tree, "commit", "-qm", "a symlink")
    before, outside = snapshot(demo_tree), (elsewhere / "net" / "socket.c").read_text()
    out = tmp_path / "out"
    first = (demo_tree / "net" / "socket.c").read_text().splitlines()[1]
    toml = edit_series(tmp_path, f"{link}/net/socket.c", first)
    result = run_cli("generate", str(toml), "--tree", str(demo_tree), "--out", str(out))
    assert result.exit_code == 1, result.stderr
    assert (
        f"error: step edit: hand edit of {link}/net/socket.c: {link} is a symlink" in result.stderr
    )
    assert snapshot(demo_tree) == before
    assert (elsewhere / "net" / "socket.c").read_text() == outside
    assert not out.exists() and nothing_left(private_tmp, out)


@pytest.mark.parametrize(
    ("author", "message"),
    [
        ("Jane <j@example.org>\nSigned-off-by: Evil <e@example.org>", "is not of the form"),
        ("Jane <j@example.org> <k@example.org>", "is not of the form"),
    ],
)
def test_author_on_one_line(
    author: str, message: str, demo_tree: Path, tmp_path: Path, private_tmp: Path
) -> None:
    out = tmp_path / "out"
    result = run_cli("generate", SERIES, "--tree", str(demo_tree), "--out", str(out),
                     "--author", author)  # fmt: skip
    assert result.exit_code == 1 and message in result.stderr
    assert "[1/" not in result.stderr, "refused only after the steps ran"
    assert not out.exists() and nothing_left(private_tmp, out)


def test_out_inside_the_tree(demo_tree: Path, private_tmp: Path) -> None:
    before = snapshot(demo_tree)
    out = demo_tree / "series"
    result = run_cli("generate", SERIES, "--tree", str(demo_tree), "--out", str(out))
    assert result.exit_code == 1
    assert f"{out}: is inside the tree {demo_tree}" in result.stderr
    assert snapshot(demo_tree) == before and nothing_left(private_tmp, out)


def test_out_naming_a_file(demo_tree: Path, tmp_path: Path, private_tmp: Path) -> None:
    out = tmp_path / "out"
    out.write_text("mine\n")
    result = run_cli("generate", SERIES, "--tree", str(demo_tree), "--out", str(out))
    assert result.exit_code == 1
    assert f"{out}: is a file" in result.stderr
    assert out.read_text() == "mine\n" and nothing_left(private_tmp, out)


def test_out_that_cannot_be_written_fails_before_step_1(
    demo_tree: Path, tmp_path: Path, private_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A read-only filesystem (as root, chmod does not stop a write: EROFS is simulated)."""
    parent = tmp_path / "ro"
    parent.mkdir()
    real = tempfile.mkdtemp

    def mkdtemp(suffix: str | None = None, prefix: str | None = None, dir: object = None) -> str:
        if dir is not None and Path(str(dir)) == parent:
            raise OSError(errno.EROFS, os.strerror(errno.EROFS))
        return real(suffix, prefix, dir)  # type: ignore[arg-type]

    monkeypatch.setattr(tempfile, "mkdtemp", mkdtemp)
    out = parent / "out"
    result = run_cli("generate", SERIES, "--tree", str(demo_tree), "--out", str(out))
    assert result.exit_code == 1, result.stderr
    assert f"{parent}: cannot create a directory there: Read-only file system" in result.stderr
    assert "[1/" not in result.stderr
    assert not out.exists() and nothing_left(private_tmp, out)


def test_the_run_that_finishes_second_gets_exit_1(
    demo_tree: Path, tmp_path: Path, private_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two runs on one --out: the first to finish keeps its output, the other is refused."""
    out = tmp_path / "out"
    real = generate._prove

    def other_run_wins(*args: object) -> None:
        real(*args)  # type: ignore[arg-type]
        out.mkdir()
        (out / "0000-cover-letter.patch").write_text("the other run's\n")

    monkeypatch.setattr(generate, "_prove", other_run_wins)
    result = run_cli("generate", SERIES, "--tree", str(demo_tree), "--out", str(out))
    assert result.exit_code == 1, result.stderr
    assert f"{out}: cannot be written: Directory not empty (written by another run" in (
        result.stderr
    )
    assert [p.name for p in out.iterdir()] == ["0000-cover-letter.patch"]
    assert nothing_left(private_tmp, out)


def test_output_mode_follows_the_umask(demo_tree: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    old = os.umask(0o022)
    try:
        result = run_cli("generate", SERIES, "--tree", str(demo_tree), "--out", str(out))
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.stderr
    assert out.stat().st_mode & 0o777 == 0o755
    assert not (out / ".cocci-series-owner").exists()
