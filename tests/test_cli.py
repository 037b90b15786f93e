"""Bad input through the real CLI: one clear message, the exit code, nothing left behind."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from generator import generate, paths, spatch

from .conftest import run_cli, snapshot

SERIES = "msghdr-iov-iter"


@pytest.fixture(autouse=True)
def private_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Scratch directories go here, so a test can see that none is left behind."""
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setenv("TMPDIR", str(scratch))
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    return scratch


def assert_nothing_left(private_tmp: Path, out: Path) -> None:
    assert list(private_tmp.iterdir()) == [], "a scratch directory was left behind"
    assert not out.exists(), "a half-written output directory was left behind"
    assert list(out.parent.glob(f".{out.name}.tmp-*")) == []


def generate_cli(tree: Path, out: Path, *extra: str) -> tuple[int, str]:
    result = run_cli("generate", SERIES, "--tree", str(tree), "--out", str(out), *extra)
    return result.exit_code, result.stderr


def test_not_a_git_tree(tmp_path: Path, private_tmp: Path) -> None:
    (tmp_path / "plain").mkdir()
    code, err = generate_cli(tmp_path / "plain", tmp_path / "out")
    assert code == 1
    assert err.startswith(f"cocci-series: error: {tmp_path / 'plain'}: not a git tree\nhint: ")
    assert_nothing_left(private_tmp, tmp_path / "out")


def test_dirty_tree(demo_tree: Path, tmp_path: Path, private_tmp: Path) -> None:
    (demo_tree / "net" / "socket.c").write_text("/* local change */\n")
    before = snapshot(demo_tree)
    code, err = generate_cli(demo_tree, tmp_path / "out")
    assert code == 1
    assert "uncommitted changes" in err and "hint: commit or stash" in err
    assert snapshot(demo_tree) == before
    assert_nothing_left(private_tmp, tmp_path / "out")


def test_unknown_base(demo_tree: Path, tmp_path: Path, private_tmp: Path) -> None:
    code, err = generate_cli(demo_tree, tmp_path / "out", "--base", "v3.99")
    assert code == 1
    assert "unknown base 'v3.99'" in err
    assert_nothing_left(private_tmp, tmp_path / "out")


def test_unknown_series(demo_tree: Path, tmp_path: Path, private_tmp: Path) -> None:
    result = run_cli("generate", "nope", "--tree", str(demo_tree), "--out", str(tmp_path / "o"))
    assert result.exit_code == 1
    assert "unknown series 'nope'" in result.stderr and "msghdr-iov-iter" in result.stderr
    assert_nothing_left(private_tmp, tmp_path / "o")


def test_missing_spatch(demo_tree: Path, tmp_path: Path, private_tmp: Path) -> None:
    code, err = generate_cli(demo_tree, tmp_path / "out", "--spatch", "/no/such/spatch")
    assert code == 1
    assert "spatch not found at /no/such/spatch" in err and "pip install cvehound-spatch" in err
    assert_nothing_left(private_tmp, tmp_path / "out")


def test_output_that_holds_patches(demo_tree: Path, tmp_path: Path, private_tmp: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "0001-old.patch").write_text("old\n")
    code, err = generate_cli(demo_tree, out)
    assert code == 1
    assert f"{out}: already holds patches" in err and "remove it" in err
    assert sorted(p.name for p in out.iterdir()) == ["0001-old.patch"]
    assert list(private_tmp.iterdir()) == []


def test_bad_author(demo_tree: Path, tmp_path: Path, private_tmp: Path) -> None:
    code, err = generate_cli(demo_tree, tmp_path / "out", "--author", "nobody")
    assert code == 1
    assert "--author 'nobody' is not of the form" in err
    assert_nothing_left(private_tmp, tmp_path / "out")


def test_broken_rule(
    demo_tree: Path, tmp_path: Path, private_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rules = tmp_path / "rules"
    for rule in paths.rules_dir().iterdir():
        if rule.is_dir():
            (rules / rule.name).mkdir(parents=True)
            for f in rule.glob("*.cocci"):
                (rules / rule.name / f.name).write_text(f.read_text())
    victim = rules / "add_memcpy_to_msg" / "add_memcpy_to_msg.cocci"
    victim.write_text(victim.read_text() + "\n@@\n@@\n- broken(\n")
    monkeypatch.setattr(paths, "rules_dir", lambda: rules)
    code, err = generate_cli(demo_tree, tmp_path / "out")
    assert code == 1
    assert f"{victim}: spatch cannot parse this rule" in err
    assert_nothing_left(private_tmp, tmp_path / "out")


def misbehaving_spatch(tmp_path: Path, applying: str) -> Path:
    """The pinned spatch, but a run that applies a rule (--in-place) only does APPLYING."""
    fake = tmp_path / "spatch"
    fake.write_text(
        "#!/bin/sh\n"
        f'case " $* " in *" --in-place "*)\n  {applying}\n  exit 0;;\nesac\n'
        f'exec {spatch.find().path} "$@"\n'
    )
    fake.chmod(0o755)
    return fake


def test_dropped_file(demo_tree: Path, tmp_path: Path, private_tmp: Path) -> None:
    """A spatch that gives up on a file (as the pinned build reports it) stops the run."""
    fake = misbehaving_spatch(
        tmp_path, "echo 'SPATCH-DROP kind=timeout reason=\"Timeout\" file=./net/socket.c' >&2"
    )
    code, err = generate_cli(demo_tree, tmp_path / "out", "--spatch", str(fake))
    assert code == 1
    assert "spatch dropped 1 file(s): net/socket.c (timeout: Timeout)" in err
    assert "reproduce from the top of the tree with: " in err
    assert_nothing_left(private_tmp, tmp_path / "out")


def test_interrupted(
    demo_tree: Path, tmp_path: Path, private_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C in the middle of a run: exit 130, no stray scratch tree, no output."""
    real = generate._run_step
    calls = []

    def interrupt(*args: object, **kwargs: object) -> generate.StepResult:
        calls.append(1)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(generate, "_run_step", interrupt)
    code, err = generate_cli(demo_tree, tmp_path / "out")
    assert code == 130
    assert "interrupted" in err
    assert_nothing_left(private_tmp, tmp_path / "out")


def test_change_printed_but_not_written(demo_tree: Path, tmp_path: Path, private_tmp: Path) -> None:
    """spatch --in-place can print a header change it then drops: that stops the run."""
    fake = misbehaving_spatch(
        tmp_path,
        "printf -- '--- a/include/linux/skbuff.h\\n+++ b/include/linux/skbuff.h\\n'; "
        "echo 'SPATCH-SUMMARY groups=1 handled=1' >&2",
    )
    code, err = generate_cli(demo_tree, tmp_path / "out", "--spatch", str(fake))
    assert code == 1
    assert "printed changes to include/linux/skbuff.h but did not write them" in err
    assert_nothing_left(private_tmp, tmp_path / "out")


def test_hand_edit_that_does_not_fit_the_tree(
    demo_tree: Path, tmp_path: Path, private_tmp: Path
) -> None:
    toml = tmp_path / "edits.toml"
    toml.write_text(
        '[series]\ntitle = "net: edits"\ndescription = "Edits."\n\n'
        '[[step]]\nid = "edit"\nsubject = "net: edit a line"\nrules = []\nmessage = "Edit."\n'
        '[[step.edit]]\nfile = "net/socket.c"\nold = "no such text"\nnew = "x"\n'
        'why = "a test"\n'
    )
    result = run_cli("generate", str(toml), "--tree", str(demo_tree), "--out", str(tmp_path / "o"))
    assert result.exit_code == 1
    assert "step edit: hand edit of net/socket.c: expected 1 occurrence(s) of 'no such text'" in (
        result.stderr
    )
    assert_nothing_left(private_tmp, tmp_path / "o")


def test_an_if_found_edit_is_made_where_its_text_is_and_listed_only_there(
    demo_tree: Path, tmp_path: Path
) -> None:
    """An if_found edit (a touch-up, an insertion) skips a tree without its text, unlisted."""
    second = (demo_tree / "net" / "socket.c").read_text().splitlines()[1]
    toml = tmp_path / "edits.toml"
    toml.write_text(
        '[series]\ntitle = "net: edits"\ndescription = "Edits."\n\n'
        '[[step]]\nid = "edit"\nsubject = "net: edit a line"\nrules = []\nmessage = "Edit."\n'
        f'[[step.edit]]\nfile = "net/socket.c"\nold = "{second}"\nnew = "/* one */"\n'
        'why = "the one that fits"\n'
        '[[step.edit]]\nfile = "net/socket.c"\nold = "no such text"\nnew = "x"\n'
        'why = "the one that does not"\nif_found = true\n'
        '[[step.edit]]\nfile = "net/socket.c"\nafter = "no such anchor"\n'
        'insert_file = "new.c"\nwhy = "the insertion that does not"\nif_found = true\n'
    )
    (tmp_path / "edits").mkdir()
    (tmp_path / "edits" / "new.c").write_text("/* new */\n")
    out = tmp_path / "o"
    result = run_cli("generate", str(toml), "--tree", str(demo_tree), "--out", str(out))
    assert result.exit_code == 0, result.stderr
    patch = next(out.glob("0001-*.patch")).read_text()
    assert "+/* one */" in patch
    assert "the one that fits" in patch
    assert "the one that does not" not in patch
    assert "the insertion that does not" not in patch
    assert "/* new */" not in patch


def test_a_whole_step_never_applies_half_of_its_edits(
    demo_tree: Path, tmp_path: Path, private_tmp: Path
) -> None:
    """One edit of a WHOLE step fits, the other does not: the run stops and names it."""
    second = (demo_tree / "net" / "socket.c").read_text().splitlines()[1]
    body = (
        '[series]\ntitle = "net: edits"\ndescription = "Edits."\n\n'
        '[[step]]\nid = "edit"\nsubject = "net: edit a line"\nrules = []\nmessage = "Edit."\n'
        "{whole}"
        f'[[step.edit]]\nfile = "net/socket.c"\nold = "{second}"\nnew = "/* one */"\n'
        'why = "the one that fits"\nif_found = true\n'
        '[[step.edit]]\nfile = "net/socket.c"\nold = "no such text"\nnew = "x"\n'
        'why = "the one that does not"\nif_found = true\n'
    )
    toml = tmp_path / "edits.toml"
    toml.write_text(body.format(whole="whole = true\n"))
    result = run_cli("generate", str(toml), "--tree", str(demo_tree), "--out", str(tmp_path / "o"))
    assert result.exit_code == 1
    assert "step edit: 1 of its 2 hand edits do not apply to this tree: " in result.stderr
    assert "net/socket.c: the one that does not" in result.stderr
    assert_nothing_left(private_tmp, tmp_path / "o")
    toml.write_text(body.format(whole=""))  # the same step, not whole: the edit that fits
    result = run_cli("generate", str(toml), "--tree", str(demo_tree), "--out", str(tmp_path / "p"))
    assert result.exit_code == 0, result.stderr


def test_an_edit_applies_with_another_spelling_of_a_name(demo_tree: Path, tmp_path: Path) -> None:
    """SPELLINGS: a tree that spells a name otherwise gets the edit with that spelling."""
    second = (demo_tree / "net" / "socket.c").read_text().splitlines()[1]
    word = next(w for w in second.replace("*", " ").split() if w.isidentifier() and len(w) > 3)
    toml = tmp_path / "edits.toml"
    toml.write_text(
        '[series]\ntitle = "net: edits"\ndescription = "Edits."\n\n'
        '[[step]]\nid = "edit"\nsubject = "net: edit a line"\nrules = []\nmessage = "Edit."\n'
        "whole = true\n"
        f'[[step.edit]]\nfile = "net/socket.c"\nold = "{second.replace(word, "NEWNAME")}"\n'
        'new = "/* NEWNAME here */"\nwhy = "w"\n'
        f'spellings = [["NEWNAME", "{word}"]]\n'
    )
    out = tmp_path / "o"
    result = run_cli("generate", str(toml), "--tree", str(demo_tree), "--out", str(out))
    assert result.exit_code == 0, result.stderr
    assert f"+/* {word} here */" in next(out.glob("0001-*.patch")).read_text()


def test_a_cosmetic_edit_follows_the_others(demo_tree: Path, tmp_path: Path) -> None:
    """A COSMETIC edit does not hold a WHOLE step back, and is never made on its own."""
    lines = (demo_tree / "net" / "socket.c").read_text().splitlines()
    body = (
        '[series]\ntitle = "net: edits"\ndescription = "Edits."\n\n'
        '[[step]]\nid = "edit"\nsubject = "net: edit a line"\nrules = []\nmessage = "Edit."\n'
        "whole = true\noptional = true\n"
        '[[step.edit]]\nfile = "net/socket.c"\nold = "{needed}"\nnew = "/* one */"\n'
        'why = "the conversion"\nif_found = true\n'
        '[[step.edit]]\nfile = "net/socket.c"\nold = "{touch}"\nnew = "/* two */"\n'
        'why = "the touch-up"\ncosmetic = true\n'
        '[[step.edit]]\nfile = "net/socket.c"\nold = "no such text"\nnew = "x"\n'
        'why = "the touch-up that does not fit"\ncosmetic = true\n'
    )
    toml = tmp_path / "edits.toml"
    toml.write_text(body.format(needed=lines[1], touch=lines[2]))
    out = tmp_path / "o"
    result = run_cli("generate", str(toml), "--tree", str(demo_tree), "--out", str(out))
    assert result.exit_code == 0, result.stderr
    patch = next(out.glob("0001-*.patch")).read_text()
    assert "+/* one */" in patch and "+/* two */" in patch
    assert "the touch-up that does not fit" not in patch
    toml.write_text(body.format(needed="no such text either", touch=lines[2]))
    out = tmp_path / "p"
    result = run_cli("generate", str(toml), "--tree", str(demo_tree), "--out", str(out))
    # The touch-up alone would be a change: the step is skipped, so the series is empty.
    assert "net: edit a line: nothing to change, skipped" in result.stderr
    assert result.exit_code == 1


def test_a_reader_that_leaves_early_gets_no_crash(tmp_path: Path) -> None:
    """`cocci-series list | true`: the reader is gone before the tool writes (it takes a
    second to start); the tool stops quietly, with no traceback and no crash log."""
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    command = f"{sys.executable} -c 'from generator.cli import main; main()' list | true"
    done = subprocess.run(
        ["bash", "-o", "pipefail", "-c", command], capture_output=True, text=True, env=env,
        cwd=Path(__file__).resolve().parent.parent,
    )  # fmt: skip
    assert "internal error" not in done.stderr and "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 141, done.stderr  # the tool's exit status: 128 + SIGPIPE
    assert not list(tmp_path.glob("cocci-series-crash-*")), "a crash log was written"
