"""The spatch door: finding it, refusing broken rules, never ignoring a dropped file."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from generator import spatch
from generator.errors import UserError

FAKE = """#!/bin/sh
case "$1" in
--version) echo "spatch version 1.3.3 compiled with OCaml version 5.3.0";;
*) echo 'SPATCH-DROP kind=timeout reason="Coccinelle.Timeout" file=./net/slow.c' >&2
   echo 'SPATCH-SUMMARY groups=2 handled=1 skipped=0 dropped=1 timeouts=1 unreadable=0' >&2;;
esac
"""


def executable(path: Path, text: str) -> Path:
    path.write_text(text)
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def test_pinned_spatch_is_found() -> None:
    found = spatch.find()
    assert found.version == "1.3.3"
    assert found.version_line.startswith("spatch version 1.3.3")


def test_missing_explicit_spatch(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="spatch not found at") as info:
        spatch.find(str(tmp_path / "nope"))
    assert "pip install cvehound-spatch" in str(info.value)


def test_no_spatch_anywhere(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SPATCH", raising=False)
    monkeypatch.setattr(spatch, "_bundled", lambda: None)
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(UserError, match="^spatch not found\nhint: install"):
        spatch.find()


def test_env_spatch_that_is_not_spatch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SPATCH", str(executable(tmp_path / "spatch", "#!/bin/sh\necho hi\n")))
    with pytest.raises(UserError, match="does not answer like spatch"):
        spatch.find()


def test_broken_rule_names_file_and_line(tmp_path: Path) -> None:
    rule = tmp_path / "broken.cocci"
    rule.write_text("@@\n@@\n- foo(\n")
    with pytest.raises(UserError, match="broken.cocci: spatch cannot parse this rule") as info:
        spatch.parse_rule(spatch.find(), rule)
    assert "line" in str(info.value)


def test_dropped_file_is_an_error_naming_it(tmp_path: Path) -> None:
    fake = spatch.find(str(executable(tmp_path / "spatch", FAKE)))
    with pytest.raises(UserError, match=r"dropped 1 file\(s\): net/slow.c \(timeout") as info:
        spatch.apply(fake, tmp_path / "r.cocci", tmp_path)
    assert "reproduce from the top of the tree" in str(info.value)


@pytest.mark.parametrize(("jobs", "together", "each"), [(1, 1, 1), (2, 3, 1), (6, 3, 2)])
def test_report_selections_run_together(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, jobs: int, together: int, each: int
) -> None:
    """With jobs to spare, a report rule's selections run at the same time, sharing them."""
    import threading
    import time

    running, most, seen = [0], [0], []
    lock = threading.Lock()

    def fake_apply(sp: object, rule: Path, tree: Path, **kw: object) -> spatch.SpatchResult:
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
            seen.append((kw["defines"], kw["jobs"]))
        time.sleep(0.2)
        with lock:
            running[0] -= 1
        selection = kw["defines"][-1]  # type: ignore[index]
        out = f"--- a.c\n+++ a.c\n@@ -{len(selection)} +{len(selection)} @@\n-x\n"
        return spatch.SpatchResult([], 0.0, out, "")

    monkeypatch.setattr(spatch, "apply", fake_apply)
    found = spatch.report(
        spatch.find(), tmp_path / "r.cocci", ["context", "typed", "untyped", "other"],
        tmp_path, jobs=jobs,
    )  # fmt: skip
    assert most[0] == together
    assert sorted(seen) == sorted((("context", s), each) for s in ("typed", "untyped", "other"))
    # Each selection's sites, whatever order the runs ended in.
    assert {s: [site.line for site in sites] for s, sites in found.items()} == {
        "typed": [5], "untyped": [7], "other": [5],
    }  # fmt: skip
