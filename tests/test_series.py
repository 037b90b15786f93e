"""Series files: every shipped series loads; every mistake is named with file and step."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import paths, reports, series
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
        (
            HEAD
            + STEP.format(id="a", rule="foo_to_bar")
            + '[[step.edit]]\nfile = "x.c"\nold = "a"\nnew = "b"\nwhy = "w"\nif_found = 1\n',
            "step 1 \\(a\\): edit 1: 'if_found' must be true or false",
        ),
        (
            HEAD
            + STEP.format(id="a", rule="foo_to_bar")
            + '[[step.edit]]\nfile = "x.c"\nold = "a"\nnew = "b"\nwhy = "w"\nspellings = ["a"]\n',
            "step 1 \\(a\\): edit 1: 'spellings' must be a list of \\[name, other\\] pairs",
        ),
        (
            HEAD
            + STEP.format(id="a", rule="foo_to_bar")
            + '[[step.edit]]\nfile = "x.c"\nold = "a"\nnew = "b"\nwhy = "w"\n'
            + 'spellings = [["zz", "y"]]\n',
            "step 1 \\(a\\): edit 1: spellings: 'zz' does not occur in 'old'",
        ),
        (
            HEAD
            + STEP.format(id="a", rule="foo_to_bar")
            + '[[step.edit]]\nfile = "x.c"\nold = "a\\n...\\nb\\n"\nnew = "c\\n"\nwhy = "w"\n',
            "step 1 \\(a\\): edit 1: 'old' and 'new' must have as many '...' lines",
        ),
        (
            HEAD + STEP.format(id="a", rule="foo_to_bar") + "whole = 1\n",
            "step 1 \\(a\\): 'whole' must be true or false",
        ),
        (
            HEAD + STEP.format(id="a", rule="foo_to_bar") + 'fixes = "5d4c9bfbabdb"\n',
            "step 1 \\(a\\): 'fixes' must be a table of file, introduced, subject",
        ),
        (
            HEAD
            + STEP.format(id="a", rule="foo_to_bar")
            + 'fixes = { subject = "s", file = "f", introduced = "" }\n',
            "step 1 \\(a\\): the values of 'fixes' must be non-empty strings",
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


@pytest.mark.parametrize(
    "subject",
    [
        "ASoC: Intel: use ARRAY_SIZE",
        "ALSA: hda - fix a leak",
        "USB: serial: add a device id",
        "HID: core: drop a NULL check",
        "Input: atkbd - fix a typo",
        "Bluetooth: hci_uart: use memdup_user",
        "IB/mlx4: use kcalloc",
        "[media] em28xx: fix a race",
        "net: introduce struct user_msghdr",
        "iscsi-target: keep iscsit_do_rx_data()'s progress in msg_iter",
    ],
)
def test_kernel_subjects_are_accepted(subject: str) -> None:
    assert series.subject_problem(subject) is None


@pytest.mark.parametrize(
    ("subject", "problem"),
    [
        ("use ARRAY_SIZE", "has no 'prefix: '"),
        ("Use ARRAY_SIZE everywhere", "has no 'prefix: '"),
        ("net: use ARRAY_SIZE.", "ends with a period"),
        ("net: " + "x" * 71, "is 76 columns long"),
    ],
)
def test_clearly_wrong_subjects_are_refused(subject: str, problem: str) -> None:
    assert (series.subject_problem(subject) or "").startswith(problem)


SPLIT_STEP = STEP.replace('subject = "net: rename foo() to bar()"', 'subject = "rename foo()"')


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ('split = "subsystems"\n', "split: unknown split 'subsystems'"),
        ("split = 2\n", "'split' must be a string"),
        ('split = "file"\nprefix_from = "git"\n', "'prefix_from' must be one of"),
        ('split = "file"\nprefixes = { "a.c" = "No Prefix" }\n', "is not a subject prefix"),
    ],
)
def test_bad_split_keys(tmp_path: Path, rules_dir: Path, extra: str, message: str) -> None:
    body = HEAD + SPLIT_STEP.format(id="a", rule="foo_to_bar") + extra
    with pytest.raises(UserError, match=message):
        series.load(write(tmp_path, body), rules_dir)


def test_split_step(tmp_path: Path, rules_dir: Path) -> None:
    extra = 'split = "directory:1"\nprefix_from = "maintainers"\nprefixes = { "net" = "net" }\n'
    body = HEAD + SPLIT_STEP.format(id="a", rule="foo_to_bar") + extra
    step = series.load(write(tmp_path, body), rules_dir).steps[0]
    assert str(step.split) == "directory:1" and step.prefix_from == "maintainers"
    assert step.subject_for("ASoC: Intel") == "ASoC: Intel: rename foo()"
    # Without a split, the prefix keys have nothing to do.
    with pytest.raises(UserError, match="'prefixes' goes with 'split'"):
        series.load(write(tmp_path, HEAD + STEP.format(id="a", rule="foo_to_bar")
                          + 'prefixes = { "net" = "net" }\n'), rules_dir)  # fmt: skip


def test_a_rule_by_path(tmp_path: Path, rules_dir: Path) -> None:
    rule = tmp_path / "kernel_style.cocci"
    rule.write_text("/// Rename foo().\n// Options: --no-includes\nvirtual patch\n"
                    "@depends on patch@\n@@\n- foo()\n+ bar()\n")  # fmt: skip
    loaded = series.load(write(tmp_path, HEAD + STEP.format(id="a", rule="kernel_style.cocci")),
                         rules_dir)  # fmt: skip
    assert loaded.steps[0].rules[0].run_options == ("--no-includes",)
    assert loaded.origin == "toy.toml"


@pytest.mark.parametrize(
    ("report", "message"),
    [
        ('kind = "graph"\n', "'kind' must be one of census, plugin"),
        ('kind = "plugin"\nmodule = "nope"\n', "no report plug-in 'nope'"),
        ('kind = "plugin"\nmodule = "audit"\nrule = "x"\n', "unknown key 'rule'"),
        ('kind = "census"\nrule = "foo_to_bar"\nfields = ["f"]\nstruct = "s"\n',
         "is no census rule"),
        ('kind = "census"\nrule = "foo_to_bar"\nfields = "f"\nstruct = "s"\n',
         "'fields' must be a non-empty list"),
    ],
)  # fmt: skip
def test_bad_reports(tmp_path: Path, rules_dir: Path, report: str, message: str) -> None:
    body = HEAD + STEP.format(id="a", rule="foo_to_bar") + "\n[[report]]\n" + report
    with pytest.raises(UserError, match=message) as info:
        series.load(write(tmp_path, body), rules_dir)
    assert "report 1" in str(info.value)


def test_a_series_without_reports_has_none(tmp_path: Path, rules_dir: Path) -> None:
    loaded = series.load(write(tmp_path, HEAD + STEP.format(id="a", rule="foo_to_bar")), rules_dir)
    assert loaded.reports == ()
    shipped = series.load(paths.series_dir() / "msghdr-iov-iter.toml", paths.rules_dir())
    assert [r.kind for r in shipped.reports] == ["plugin", "census"]


def test_every_accepted_key_is_documented() -> None:
    """README's key-by-key table names every key the loader (and reports.py) accepts."""
    readme = (paths.PACKAGE.parent / "README.md").read_text()
    table = readme.split("### The series file, key by key", 1)[1].split("\n## ", 1)[0]
    documented = {line.split("`")[1] for line in table.splitlines() if line.startswith("| `")}
    accepted = {"series", "step", "report"} | series._SERIES_KEYS | series._STEP_KEYS
    accepted |= series._EDIT_KEYS | {k for keys in reports.KEYS.values() for k in keys}
    assert accepted - documented == set()
    assert documented - accepted == set()


def test_carried_lines_are_reindented() -> None:
    """A "..." line of OLD matches any lines; NEW's "..." puts them back at its indent."""
    text = (
        "\twhile (--n >= 0) {\n"
        "\t\twhile (len > 0) {\n"
        "\t\t\tcopy = min(len, 4);\n"
        "#ifdef VENDOR\n"
        "\t\t\tvendor_hook();\n"
        "#endif\n"
        "\n"
        "label:\n"
        "\t\t\tlen -= copy;\n"
        "\t\t}\n"
        "\t}\n"
    )
    old = "\twhile (--n >= 0) {\n\t\twhile (len > 0) {\n\t\t\t...\n\t\t\tlen -= copy;\n\t\t}\n\t}\n"
    new = "\twhile (count(it)) {\n\t\t...\n\t}\n"
    edit = series.Edit("x.c", old, new, "w")
    changed, found = edit.substitute(text)
    assert found == 1
    assert changed == (
        "\twhile (count(it)) {\n"
        "\t\tcopy = min(len, 4);\n"
        "#ifdef VENDOR\n"
        "\t\tvendor_hook();\n"
        "#endif\n"
        "\n"
        "label:\n"
        "\t}\n"
    )
    assert edit.substitute(text.replace("len -= copy", "len--")) == (
        text.replace("len -= copy", "len--"),
        0,
    )
