"""Series files: every shipped series loads; every mistake is named with file and step."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import paths, series
from generator.errors import UserError

GOOD_RULE = """\
// SPDX-License-Identifier: GPL-2.0-only
/// Rename foo() to bar().
// Confidence: High
// Requires: 1.3.3
// Keywords: test
virtual patch

@@
@@
- foo()
+ bar()
"""

STEP = """
[[step]]
id = "{id}"
subject = "net: rename foo() to bar()"
rules = ["{rule}"]
message = "Because."
"""


@pytest.fixture
def rules_dir(tmp_path: Path) -> Path:
    rule = tmp_path / "rules" / "foo_to_bar" / "foo_to_bar.cocci"
    rule.parent.mkdir(parents=True)
    rule.write_text(GOOD_RULE)
    return rule.parent.parent


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "toy.toml"
    path.write_text(body)
    return path


HEAD = '[series]\ntitle = "net: toy"\ndescription = "A toy."\n'


def test_good_series(tmp_path: Path, rules_dir: Path) -> None:
    loaded = series.load(write(tmp_path, HEAD + STEP.format(id="a", rule="foo_to_bar")), rules_dir)
    assert [s.id for s in loaded.steps] == ["a"]
    assert loaded.steps[0].rules[0].description == ("Rename foo() to bar().",)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("[series\n", "not valid TOML"),
        (STEP.format(id="a", rule="foo_to_bar"), "missing \\[series\\] table"),
        (HEAD, "no \\[\\[step\\]\\] tables"),
        (HEAD + 'colour = "red"\n', "\\[series\\]: unknown key 'colour'"),
        (HEAD + STEP.format(id="a", rule="nope"), "step 1 \\(a\\): no rule 'nope'"),
        (
            HEAD + STEP.format(id="a", rule="foo_to_bar") + STEP.format(id="a", rule="foo_to_bar"),
            "step 2: duplicate id 'a'",
        ),
        (HEAD + STEP.format(id="A b", rule="foo_to_bar"), "step 1 \\(A b\\): id 'A b' must match"),
        (
            HEAD + STEP.format(id="a", rule="foo_to_bar") + 'speed = "fast"\n',
            "step 1 \\(a\\): unknown key 'speed'",
        ),
        (
            HEAD + STEP.format(id="a", rule="foo_to_bar").replace("net: rename", "Rename"),
            "is not kernel style",
        ),
        (
            HEAD + STEP.format(id="a", rule="foo_to_bar").replace("Because.", "{{ oops"),
            "step 1 \\(a\\): message: bad template",
        ),
        (
            HEAD + STEP.format(id="a", rule="foo_to_bar").replace('rules = ["foo_to_bar"]', ""),
            "step 1 \\(a\\): missing key 'rules'",
        ),
        (
            HEAD
            + STEP.format(id="a", rule="foo_to_bar")
            + '[[step.edit]]\nfile = "x.c"\nold = "a"\nnew = "b"\n',
            "step 1 \\(a\\): edit 1: 'why' must be a string",
        ),
        (
            HEAD
            + STEP.format(id="a", rule="foo_to_bar")
            + '[[step.edit]]\nfile = "x.c"\nafter = "a"\ninsert_file = "nope.c"\nwhy = "w"\n',
            "step 1 \\(a\\): edit 1: cannot read .*nope.c",
        ),
        (
            HEAD
            + STEP.format(id="a", rule="foo_to_bar")
            + '[[step.edit]]\nfile = "../x.c"\nold = "a"\nnew = "b"\nwhy = "w"\n',
            "step 1 \\(a\\): edit 1: 'file' must be a path inside the tree",
        ),
    ],
)
def test_bad_series_is_named(tmp_path: Path, rules_dir: Path, body: str, message: str) -> None:
    path = write(tmp_path, body)
    with pytest.raises(UserError, match=message) as info:
        series.load(path, rules_dir)
    assert str(path) in str(info.value)


def test_unknown_series_lists_the_known_ones() -> None:
    with pytest.raises(UserError, match="unknown series 'nope'") as info:
        series.find(paths.series_dir(), "nope")
    assert "msghdr-iov-iter" in str(info.value)


@pytest.mark.parametrize("path", sorted(paths.series_dir().glob("*.toml")), ids=lambda p: p.stem)
def test_shipped_series_load(path: Path) -> None:
    loaded = series.load(path, paths.rules_dir())
    assert loaded.steps


def test_shipped_series_are_documented() -> None:
    readme = (paths.PACKAGE.parent / "README.md").read_text()
    undocumented = {p.stem for p in paths.series_dir().glob("*.toml")} - {
        name for name in (p.stem for p in paths.series_dir().glob("*.toml")) if name in readme
    }
    assert undocumented == set()


def test_edit_why_is_prose(tmp_path: Path, rules_dir: Path) -> None:
    """The reason of a hand edit is wrapped by the commit message, not by the file."""
    body = (
        HEAD
        + STEP.format(id="a", rule="foo_to_bar")
        + '[[step.edit]]\nfile = "x.c"\nold = "a"\nnew = "b"\nwhy = """spatch\n  reprints it"""\n'
    )
    loaded = series.load(write(tmp_path, body), rules_dir)
    assert loaded.steps[0].edits[0].why == "spatch reprints it"
