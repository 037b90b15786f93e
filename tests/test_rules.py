"""Every semantic patch, with its proof: header, parse, and golden cases byte for byte."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from generator import audit, paths, rules, series, spatch
from generator.errors import UserError

RULE_FILES = sorted(p for p in paths.rules_dir().glob("*/*.cocci") if p.parent.name == p.stem)
CASES = [
    pytest.param(rule, case, id=f"{rule.stem}/{case.stem}")
    for rule in RULE_FILES
    for case in sorted(rule.parent.glob("*.c"))
]


@pytest.fixture(scope="session")
def sp() -> spatch.Spatch:
    return spatch.find()


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: p.stem)
def test_rule_header_and_parse(path: Path, sp: spatch.Spatch) -> None:
    rule = rules.parse(path)
    spatch.parse_rule(sp, path, rule.virtuals)
    if rule.kind != "report":
        assert "patch" in rule.virtuals, "series rules declare `virtual patch`"
    long = [line for line in rule.body.splitlines() if len(line.expandtabs()) > 75]
    assert long == [], "quoted in commit messages: keep lines within 75 columns"


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: p.stem)
def test_rule_has_changing_and_unchanged_cases(path: Path) -> None:
    rule = rules.parse(path)
    cases = rule.cases
    assert all(c.expected.is_file() for c in cases), "every <case>.c needs its <case>.res"
    if rule.kind == "report":
        # A report rule's .res is what it reports: some cases report, some do not.
        assert any(c.expected.read_bytes() for c in cases), "at least one case must report"
        assert any(not c.expected.read_bytes() for c in cases), "and one must report nothing"
    else:
        assert any(c.changes for c in cases), "at least one case must change"
        assert any(not c.changes for c in cases), "at least one case must stay as it is"


@pytest.mark.parametrize(("path", "case"), CASES)
def test_golden_case(path: Path, case: Path, sp: spatch.Spatch, tmp_path: Path) -> None:
    rule = rules.parse(path)
    if rule.kind == "report":
        if rule.name == audit.RULE:
            # Marks a scratch copy (no scripting in the pinned spatch): the .res is what
            # generator/audit.py reads back from the marks, so this pins rule and reader.
            report = audit.case_report(sp, path, case)
        else:
            report = spatch.report_lines(sp, path, rule.virtuals, case)
        assert report == case.with_suffix(".res").read_text()
        return
    out = tmp_path / case.name
    defines = ["-D", "patch"] if "patch" in rule.virtuals else []
    proc = subprocess.run(
        sp.argv("--sp-file", str(path), str(case), *defines, "--very-quiet", "-o", str(out)),
        capture_output=True,
        text=True,
    )
    unchanged = "no modified files" in proc.stderr  # spatch -o with nothing to write
    assert proc.returncode == 0 or unchanged, proc.stderr
    assert "SPATCH-DROP" not in proc.stderr, proc.stderr
    produced = out.read_bytes() if out.exists() else case.read_bytes()
    assert produced == case.with_suffix(".res").read_bytes()


# Rules written ahead of the series step they need; each says where it goes in its header.
AWAITING_A_STEP: dict[str, str] = {}


def test_every_series_rule_is_used() -> None:
    used = {
        r.name
        for s in series.all_series(paths.series_dir(), paths.rules_dir())
        for step in s.steps
        for r in step.rules
    }
    unused = {p.stem for p in RULE_FILES if rules.parse(p).kind != "report"} - used
    assert unused == set(AWAITING_A_STEP)
    assert not used & set(AWAITING_A_STEP), "in a series now: take it out of AWAITING_A_STEP"


OUTSIDE = Path(__file__).parent / "fixtures" / "rules" / "countof.cocci"


def test_an_outside_rule_is_taken_as_it_is(sp: spatch.Spatch) -> None:
    """A rule in the kernel's layout: no SPDX, // Options:, several modes."""
    rule = rules.load_file(OUTSIDE)
    assert rule.description == ("Use ARRAY_SIZE for the number of elements of an array",)
    assert rule.run_options == ("--no-includes", "--include-headers")
    assert rule.virtuals == ("patch", "context") and rule.defines == ("patch",)
    assert rule.body.startswith("virtual patch\n") and not rule.project
    spatch.parse_rule(sp, rule.path, rule.defines)  # the mode that runs parses
    with pytest.raises(UserError, match="cannot parse"):  # all modes at once do not
        spatch.parse_rule(sp, rule.path, rule.virtuals)
    with pytest.raises(UserError, match="first line must be '// SPDX"):
        rules.parse(rule.path)  # the project's own rules stay strict


def test_an_outside_rule_needs_a_patch_mode(tmp_path: Path) -> None:
    path = tmp_path / "report_only.cocci"
    path.write_text("/// Report.\nvirtual report\nvirtual org\n@r@\n@@\n* foo();\n")
    with pytest.raises(UserError, match="no patch mode \\(virtual report, org\\)"):
        rules.load_file(path)
    path.write_text("@@\n@@\n- foo();\n")  # no header, no modes: runs as it is
    rule = rules.load_file(path)
    assert rule.defines == () and rule.description == ()
