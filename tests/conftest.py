"""Shared fixtures: a pinned git environment, the demo tree, and the CLI."""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from generator import demo
from generator.cli import app


@pytest.fixture(autouse=True)
def pinned_git_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """No user or system git configuration leaks into a test."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", "/dev/null")
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for name, value in {
        "GIT_AUTHOR_NAME": "Test Author",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test Author",
        "GIT_COMMITTER_EMAIL": "test@example.org",
    }.items():
        monkeypatch.setenv(name, value)


@pytest.fixture(scope="session", autouse=True)
def spatch_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One cache of spatch results for the whole session, never the user's."""
    path = tmp_path_factory.mktemp("xdg-cache")
    old = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(path)
    yield path
    if old is None:
        del os.environ["XDG_CACHE_HOME"]
    else:
        os.environ["XDG_CACHE_HOME"] = old


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=repo, check=True, capture_output=True, text=True
    ).stdout


def committed_repo(root: Path, files: dict[str, str] | dict[str, bytes]) -> Path:
    """A new git repository at ROOT with FILES (path -> text or bytes) in one commit."""
    for name, data in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            (root / name).write_bytes(data)
        else:
            (root / name).write_text(data)
    git(root, "init", "--quiet")
    git(root, "add", "--all")
    git(root, "commit", "--quiet", "-m", "base")
    return root


@pytest.fixture
def demo_tree(tmp_path: Path) -> Path:
    return demo.materialize(tmp_path / "demo")


@dataclass
class TreeSnapshot:
    head: str
    status: str
    files: dict[str, str]
    refs: str = ""
    worktrees: str = ""


def snapshot(repo: Path) -> TreeSnapshot:
    """What must not change in a user's tree: HEAD, status, refs, worktrees, every file
    (content and mtime).

    Object files are immutable by name; git may refresh their mtime when another
    repository that borrows them (our --shared scratch clone) writes the same object
    ("freshening"), so for those only the name counts.
    """
    files = {}
    for path in sorted(p for p in repo.rglob("*") if p.is_file()):
        name = str(path.relative_to(repo))
        if name.startswith(".git/objects/"):
            files[name] = ""
        else:
            files[name] = hashlib.sha1(path.read_bytes()).hexdigest() + f" {path.stat().st_mtime}"
    status = git(repo, "--no-optional-locks", "status", "--porcelain")
    refs = git(repo, "for-each-ref")
    worktrees = git(repo, "worktree", "list", "--porcelain")
    return TreeSnapshot(git(repo, "rev-parse", "HEAD"), status, files, refs, worktrees)


@pytest.fixture
def read_only_demo(demo_tree: Path) -> Iterator[Path]:
    """The demo tree made read-only, as STYLE.md asks: the tool must never need to write it."""
    paths = [demo_tree, *demo_tree.rglob("*")]
    modes = {p: p.stat().st_mode for p in paths if not p.is_symlink()}
    for p, mode in modes.items():
        p.chmod(mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    yield demo_tree
    for p, mode in modes.items():
        p.chmod(mode)


@dataclass
class CliResult:
    exit_code: int
    stdout: str
    stderr: str


def run_cli(*args: str, env: dict[str, str] | None = None) -> CliResult:
    cwd = os.getcwd()
    result = CliRunner().invoke(app, list(args), env=env)
    assert os.getcwd() == cwd, "a verb changed the process's working directory"
    return CliResult(result.exit_code, result.stdout, result.stderr)


def check_golden(generated: Path, golden: Path) -> None:
    """The series in GENERATED, byte for byte as GOLDEN; UPDATE_GOLDEN=1 rewrites GOLDEN."""
    produced = {p.name: p.read_text() for p in generated.glob("*.patch")}
    if os.environ.get("UPDATE_GOLDEN"):
        shutil.rmtree(golden, ignore_errors=True)
        golden.mkdir(parents=True)
        for name, text in produced.items():
            (golden / name).write_text(text)
    expected = {p.name: p.read_text() for p in golden.glob("*.patch")}
    assert sorted(produced) == sorted(expected)
    for name in expected:
        assert produced[name] == expected[name], f"{name} differs from tests/golden"
