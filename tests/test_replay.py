"""A series kept from a run before: written again only for the very same inputs, and
never from a damaged entry."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from generator import cache, generate, paths, replay
from generator import series as series_mod

from .conftest import run_cli

SERIES = "msghdr-iov-iter"
AUTHOR = "Demo Author <demo@example.org>"
OPTIONS: dict[str, object] = {"cc": True, "allow_leftovers": False, "spatch_timeout": None}


@pytest.fixture
def run(demo_tree: Path, tmp_path: Path) -> generate.Run:
    series, tree, sp = generate._prepare(SERIES, demo_tree, "HEAD", None, tmp_path)
    return generate.Run(series, tree, sp)


def test_the_key_names_every_input(run: generate.Run, tmp_path: Path) -> None:
    first = replay.key(run, author=AUTHOR, options=OPTIONS)
    assert first is not None
    assert replay.key(run, author=AUTHOR, options=dict(OPTIONS)) == first
    assert replay.key(run, author="Other <o@example.org>", options=OPTIONS) != first
    assert replay.key(run, author=AUTHOR, options={**OPTIONS, "cc": False}) != first
    other_base = replace(run, tree=replace(run.tree, base="0" * 40))
    assert replay.key(other_base, author=AUTHOR, options=OPTIONS) != first
    retitled = replace(run, series=replace(run.series, title=run.series.title + "!"))
    assert replay.key(retitled, author=AUTHOR, options=OPTIONS) != first
    # A rule's text, at the same path.
    rules = tmp_path / "rules"
    shutil.copytree(paths.rules_dir(), rules)
    copied = series_mod.load(series_mod.find(paths.series_dir(), SERIES), rules)
    same = replace(run, series=copied)
    assert replay.key(same, author=AUTHOR, options=OPTIONS) != first  # other paths
    unchanged = replay.key(same, author=AUTHOR, options=OPTIONS)
    rule = next(r.path for s in copied.steps for r in s.rules)
    rule.write_text(rule.read_text() + "// touched\n")
    assert replay.key(same, author=AUTHOR, options=OPTIONS) != unchanged
    # A rule that reads other files: what it reads is not in the key.
    rule.write_text('#include "other.cocci"\n' + rule.read_text())
    assert replay.key(same, author=AUTHOR, options=OPTIONS) is None


def test_a_damaged_entry_is_a_miss(tmp_path: Path) -> None:
    store = cache.Store(tmp_path / "store")
    staging = tmp_path / "staging"
    staging.mkdir()
    (staging / "0001-a.patch").write_text("a patch\n")
    (staging / "series.json").write_text("{}\n")
    (staging / "commands.log").write_text("what this run ran\n")
    (staging / ".cocci-series-owner").write_text("1 2\n")
    replay.save(store, "k" * 64, staging, 1, 3)
    kept = replay.load(store, "k" * 64)
    assert kept is not None
    assert sorted(kept.files) == ["0001-a.patch", "series.json"]
    assert (kept.patches, kept.hunks) == (1, 3)
    blob = next(store.root.rglob("blob/*/*"))
    blob.write_bytes(blob.read_bytes().replace(b"a patch", b"b patch"))
    assert replay.load(store, "k" * 64) is None
    assert replay.load(store, "j" * 64) is None


def test_a_rerun_with_a_damaged_entry_runs_the_steps(tmp_path: Path, demo_tree: Path) -> None:
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    outs = [tmp_path / "one", tmp_path / "two"]
    first = run_cli("generate", SERIES, "--tree", str(demo_tree), "--out", str(outs[0]),
                    "--author", AUTHOR, env=env)  # fmt: skip
    assert first.exit_code == 0, first.stderr
    for entry in (tmp_path / "cache").rglob("series/*/*"):
        entry.write_bytes(entry.read_bytes()[:-1])  # its digest no longer matches
    second = run_cli("generate", SERIES, "--tree", str(demo_tree), "--out", str(outs[1]),
                     "--author", AUTHOR, env=env)  # fmt: skip
    assert second.exit_code == 0, second.stderr
    assert "nothing changed since" not in second.stderr
    assert " am " in (outs[1] / "commands.log").read_text()
    for made in sorted(outs[0].glob("*.patch")):
        assert made.read_bytes() == (outs[1] / made.name).read_bytes()
