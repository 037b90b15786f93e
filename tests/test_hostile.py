"""What hostile testing found (issue 12): each case, its message, exit code, leftovers and
the user's tree.  Scratch directories go to a private TMPDIR that must end up empty."""

from __future__ import annotations

import dataclasses
import errno
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from generator import generate, paths
from generator import series as series_mod
from generator import spatch as spatch_mod

from .conftest import git, run_cli, snapshot

SERIES = "msghdr-iov-iter"
AUTHOR = "Demo Author <demo@example.org>"


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


def one_edit(tmp_path: Path, demo_tree: Path) -> Path:
    """A series that generates in a second: one hand edit, no spatch."""
    second = (demo_tree / "net" / "socket.c").read_text().splitlines()[1]
    return edit_series(tmp_path, "net/socket.c", second)


# The first step of the shipped series with a rule, and the rule.
FIRST = next(
    s
    for s in series_mod.load(series_mod.find(paths.series_dir(), SERIES), paths.rules_dir()).steps
    if s.rules
)
RULE = FIRST.rules[0].name


def one_rule(tmp_path: Path, rule: str = RULE) -> Path:
    """A series of that step only (not optional: it must change something), or of RULE."""
    toml = tmp_path / "one.toml"
    toml.write_text(
        '[series]\ntitle = "net: one"\ndescription = "One."\n\n[[step]]\nid = "one"\n'
        f'subject = "{FIRST.subject}"\nrules = ["{rule}"]\nmessage = "One."\n'
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


def test_out_on_an_empty_mount_point(
    demo_tree: Path, tmp_path: Path, private_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A mount point cannot be replaced by a rename (mounting is simulated)."""
    out = tmp_path / "mnt"
    out.mkdir()
    real = os.path.ismount
    monkeypatch.setattr(os.path, "ismount", lambda p: Path(p) == out or real(p))
    result = run_cli("generate", SERIES, "--tree", str(demo_tree), "--out", str(out))
    assert result.exit_code == 1, result.stderr
    assert f"{out}: is a mount point" in result.stderr and f"--out {out}/series" in result.stderr
    assert "[1/" not in result.stderr
    assert list(out.iterdir()) == [] and nothing_left(private_tmp, out)


def test_the_run_that_finishes_second_gets_exit_1(
    demo_tree: Path,
    tmp_path: Path,
    private_tmp: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Two runs on one --out: the first to finish keeps its output, the other is refused."""
    out = tmp_path / "out"
    real = generate._prove

    def other_run_wins(*args: object) -> None:
        real(*args)  # type: ignore[arg-type]
        out.mkdir()
        (out / "0000-cover-letter.patch").write_text("the other run's\n")

    monkeypatch.setattr(generate, "_prove", other_run_wins)
    result = run_cli("generate", str(one_edit(tmp_path, demo_tree)), "--tree", str(demo_tree),
                     "--out", str(out))  # fmt: skip
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
        result = run_cli("generate", str(one_edit(tmp_path, demo_tree)), "--tree",
                         str(demo_tree), "--out", str(out))  # fmt: skip
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.stderr
    assert out.stat().st_mode & 0o777 == 0o755
    assert not (out / ".cocci-series-owner").exists()


# -- templates, input files -------------------------------------------------------------


@pytest.mark.parametrize(
    ("message", "description", "error"),
    [
        (
            "{{ files | nope }}",
            "D.",
            "step 1 (edit): message: bad template: No filter named 'nope'",
        ),
        ("{{ hunks // 0 }}", "D.", "step 1 (edit): message: template error: ZeroDivisionError"),
        (
            "{{ undefined }}",
            "D.",
            "step 1 (edit): message: template error: 'undefined' is undefined",
        ),
        ("M.", "{{ series.nope }}", "[series]: description: template error: "),
    ],
)
def test_template_errors_at_load(
    message: str, description: str, error: str, demo_tree: Path, tmp_path: Path, private_tmp: Path
) -> None:
    toml = edit_series(tmp_path, "net/socket.c", "x")
    toml.write_text(
        toml.read_text()
        .replace('message = "Edit."', f'message = "{message}"')
        .replace('description = "Edits."', f'description = "{description}"')
    )
    out = tmp_path / "out"
    result = run_cli("generate", str(toml), "--tree", str(demo_tree), "--out", str(out))
    assert result.exit_code == 1, result.stderr
    assert f"{toml}: {error}" in result.stderr
    assert "[1/" not in result.stderr and nothing_left(private_tmp, out)


def test_series_file_not_utf8(demo_tree: Path, tmp_path: Path, private_tmp: Path) -> None:
    toml = tmp_path / "latin1.toml"
    toml.write_bytes(edit_series(tmp_path, "net/socket.c", "x").read_bytes() + b"# caf\xe9\n")
    result = run_cli("generate", str(toml), "--tree", str(demo_tree), "--out", str(tmp_path / "o"))
    assert result.exit_code == 1
    assert f"{toml}: not UTF-8 (byte " in result.stderr and nothing_left(
        private_tmp, tmp_path / "o"
    )


def test_reasons_file_not_utf8(demo_tree: Path, tmp_path: Path, private_tmp: Path) -> None:
    reasons = tmp_path / "reasons.toml"
    reasons.write_bytes(b"# caf\xe9\n")
    result = run_cli("compare", "--tree", str(demo_tree), "--reference", str(demo_tree),
                     "--reasons", str(reasons))  # fmt: skip
    assert result.exit_code == 1
    assert f"{reasons}: not UTF-8 (byte 5)" in result.stderr
    assert list(private_tmp.iterdir()) == []


def test_reference_base_hint(demo_tree: Path, private_tmp: Path) -> None:
    result = run_cli("compare", "--tree", str(demo_tree), "--reference", str(demo_tree),
                     "--reference-base", "nosuch")  # fmt: skip
    assert result.exit_code == 1
    assert "unknown base 'nosuch'" in result.stderr
    assert "hint: pass --reference-base a commit" in result.stderr
    assert list(private_tmp.iterdir()) == []


@pytest.mark.parametrize("verb", ["census", "audit"])
@pytest.mark.parametrize("where", ["missing/x.json", "."])
def test_json_that_cannot_be_written(
    verb: str, where: str, demo_tree: Path, tmp_path: Path, private_tmp: Path
) -> None:
    target = tmp_path / where
    result = run_cli(verb, "--tree", str(demo_tree), "--json", str(target))
    assert result.exit_code == 1, result.stderr
    what = "no such directory" if where != "." else "is a directory"
    assert what in result.stderr.splitlines()[0]
    assert list(private_tmp.iterdir()) == [] and not (tmp_path / "missing").exists()


def test_demo_where_it_cannot_be_written(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("")
    result = run_cli("demo", str(tmp_path / "file" / "demo"))
    assert result.exit_code == 1
    assert "cannot write the demo tree there: Not a directory" in result.stderr


# -- check's input ----------------------------------------------------------------------


def _series_dir(tmp_path: Path, demo_tree: Path, files: dict[str, str]) -> Path:
    base = git(demo_tree, "rev-parse", "HEAD").strip()
    directory = tmp_path / "series"
    directory.mkdir()
    for name, text in files.items():
        (directory / name).write_text(text.replace("BASE", base))
    return directory


COVER = "Subject: [PATCH 0/1] net: a series\n\nblurb\n\nbase-commit: BASE\n"
PATCH = (
    "From: A <a@example.org>\nSubject: [PATCH 1/1] net: change\n\n---\n"
    "diff --git a/net/socket.c b/net/socket.c\n--- a/net/socket.c\n+++ b/net/socket.c\n"
    "@@ -1,2 +1,2 @@\n-/* not the first line\n+/* changed\n  * Demo tree: the socket\n"
)


@pytest.mark.parametrize(
    ("files", "error"),
    [
        ({"series.json": "{not json", "0001-a.patch": PATCH}, "series.json: not the JSON that"),
        (
            {"series.json": '{"base": "' + "a" * 40 + '"}', "0000-c.patch": COVER,
             "0001-a.patch": PATCH},
            "series.json's base aaaaaaaaaaaa is not the base-commit: ",
        ),
        (
            {"0000-c.patch": COVER, "0001-a.patch": PATCH, "0002-b.patch": "hello\n"},
            "0002-b.patch: is not a patch (no diff) and not the cover letter",
        ),
    ],
)  # fmt: skip
def test_check_refuses_a_series_it_cannot_trust(
    files: dict[str, str], error: str, demo_tree: Path, tmp_path: Path, private_tmp: Path
) -> None:
    directory = _series_dir(tmp_path, demo_tree, files)
    result = run_cli("check", str(directory), "--tree", str(demo_tree))
    assert result.exit_code == 1, result.stderr
    assert error in result.stderr
    assert list(private_tmp.iterdir()) == []


def test_check_a_file(tmp_path: Path) -> None:
    (tmp_path / "x.patch").write_text(PATCH)
    result = run_cli("check", str(tmp_path / "x.patch"))
    assert result.exit_code == 1
    assert "x.patch: is a file, not a series directory" in result.stderr


def test_check_shows_why_a_patch_does_not_apply(
    demo_tree: Path, tmp_path: Path, private_tmp: Path
) -> None:
    before = snapshot(demo_tree)
    directory = _series_dir(tmp_path, demo_tree, {"0000-c.patch": COVER, "0001-a.patch": PATCH})
    result = run_cli("check", str(directory), "--tree", str(demo_tree))
    assert result.exit_code == 3, result.stderr
    assert "does not apply with git am on top of the patches before it: " in result.stderr
    assert "patch failed: net/socket.c:1; net/socket.c: patch does not apply" in result.stderr
    assert "show-current-patch" not in result.stderr
    assert list(private_tmp.iterdir()) == [] and snapshot(demo_tree) == before


# -- what spatch and git do -------------------------------------------------------------


def fake_spatch(tmp_path: Path, when: str, then: str, otherwise: str = "") -> Path:
    """The pinned spatch, but a call whose arguments match WHEN runs THEN instead;
    OTHERWISE, if given, filters the real spatch's stderr."""
    real = spatch_mod.find().path
    fake = tmp_path / "spatch"
    run_real = (
        f'{real} "$@" 2>&1 >&3 | {otherwise} >&2; exit 0' if otherwise else f'exec {real} "$@"'
    )
    fake.write_text(
        f'#!/bin/sh\nexec 3>&1\ncase " $* " in *" {when} "*)\n  {then};;\nesac\n{run_real}\n'
    )
    fake.chmod(0o755)
    return fake


@pytest.mark.parametrize(
    ("when", "then", "code", "error"),
    [
        ("--parse-cocci", "kill -9 $$", 4, "command failed (killed by SIGKILL): "),
        ("--parse-cocci", "kill -INT $$", 4, "command failed (killed by SIGINT): "),
        ("--parse-cocci", "exit 1", 1, "spatch cannot parse this rule: no message, exit 1"),
        ("--in-place", "echo garbage; exit 0", 4, "spatch printed what is not a diff"),
        ("--in-place", "kill -9 $$", 4, "command failed (killed by SIGKILL): "),
    ],
)
def test_what_spatch_did_is_said(
    when: str, then: str, code: int, error: str, demo_tree: Path, tmp_path: Path,
    private_tmp: Path,
) -> None:  # fmt: skip
    fake = fake_spatch(tmp_path, when, then)
    out = tmp_path / "out"
    result = run_cli("generate", SERIES, "--tree", str(demo_tree), "--out", str(out),
                     "--spatch", str(fake))  # fmt: skip
    assert result.exit_code == code, result.stderr
    assert error in result.stderr
    assert "cannot parse" not in result.stderr or "no message" in error
    assert nothing_left(private_tmp, out) and not out.exists()


def test_a_hanging_spatch_is_timed_out(demo_tree: Path, tmp_path: Path, private_tmp: Path) -> None:
    pid = tmp_path / "pid"
    fake = fake_spatch(tmp_path, "--in-place", f"sleep 60 & echo $! > {pid}; wait")
    out = tmp_path / "out"
    result = run_cli("generate", SERIES, "--tree", str(demo_tree), "--out", str(out),
                     "--spatch", str(fake), "--spatch-timeout", "0.5")  # fmt: skip
    assert result.exit_code == 1, result.stderr
    assert f"{RULE}.cocci: spatch did not finish in 0.5s and was ended" in result.stderr
    assert "--spatch-timeout" in result.stderr
    assert not Path(f"/proc/{pid.read_text().strip()}").exists() or (
        Path(f"/proc/{pid.read_text().strip()}/stat").read_text().rsplit(") ", 1)[1][0] == "Z"
    )
    assert nothing_left(private_tmp, out)


def test_progress_while_spatch_runs(
    demo_tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(spatch_mod, "TICK_EVERY", 0.1)
    fake = fake_spatch(tmp_path, "--in-place", f'sleep 0.5; exec {spatch_mod.find().path} "$@"')
    ticks: list[str] = []
    generate.plan(str(one_rule(tmp_path)), demo_tree, spatch=str(fake), tick=ticks.append)
    assert ticks and ticks[0].startswith(f"[1/1] one: spatch {RULE}, ")
    assert any(t.endswith(" files") and "/" in t.rsplit(", ", 1)[1] for t in ticks), ticks


def test_disk_full(
    demo_tree: Path, tmp_path: Path, private_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """git commit fails for lack of space: one short message, where, exit 1."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    real = subprocess.run(["sh", "-c", "command -v git"], capture_output=True, text=True)
    (bin_dir / "git").write_text(
        '#!/bin/sh\ncase " $* " in *" commit "*" -m "*)\n'
        "  echo 'error: unable to write file .git/objects/ab: No space left on device' >&2\n"
        "  echo 'fatal: cannot store blob' >&2; exit 128;;\nesac\n"
        f'exec {real.stdout.strip()} "$@"\n'
    )
    (bin_dir / "git").chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}:{os.environ['PATH']}")
    out = tmp_path / "out"
    result = run_cli("generate", SERIES, "--tree", str(demo_tree), "--out", str(out))
    assert result.exit_code == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith("cocci-series: error: no space left in ")
    assert "commit --quiet --cleanup=verbatim --no-verify -m" in lines[0] and len(lines) == 2
    assert len(lines[0]) < 400
    assert lines[1].startswith("hint: free some space there")
    assert nothing_left(private_tmp, out)


def test_another_spatch_that_says_what_it_handled(
    demo_tree: Path, tmp_path: Path, private_tmp: Path
) -> None:
    """Without the pinned build's SPATCH- lines, HANDLING: lines are enough."""
    fake = fake_spatch(tmp_path, "--no-such-option", "", otherwise="grep -v '^SPATCH-'")
    toml = one_rule(tmp_path)
    out = tmp_path / "out"
    result = run_cli("generate", str(toml), "--tree", str(demo_tree), "--out", str(out),
                     "--spatch", str(fake), "--author", AUTHOR)  # fmt: skip
    assert result.exit_code == 0, result.stderr
    golden = Path(__file__).parent / "golden" / SERIES
    ours = next(out.glob("0001-*.patch")).read_text()
    theirs = next(
        p.read_text() for p in golden.glob("*.patch") if f"] {FIRST.subject}\n" in p.read_text()
    )
    assert ours.split("\n---\n", 1)[1] == theirs.split("\n---\n", 1)[1]  # the same diff


@pytest.mark.parametrize(
    ("otherwise", "cached", "error"),
    [
        # spatch's own --dir . run says how many files it picked; the cache runs it on
        # the list of them (cache.py), so the file dropped is named.
        ("grep -v -e '^SPATCH-' | awk '/^HANDLING/ && !n++ {next} 1'", False,
         "use_skb_copy_datagram_msg.cocci: spatch dropped 1 file(s): 1 of 5 files"),
        ("grep -v -e '^SPATCH-' | awk '/^HANDLING/ && !n++ {next} 1'", True,
         "use_skb_copy_datagram_msg.cocci: spatch dropped 1 file(s): net/"),
        ("grep -v -e '^SPATCH-' -e '^HANDLING'", False, "does not say which files it handled"),
        ("grep -v -e '^SPATCH-' -e '^HANDLING'", True, "does not say which files it handled"),
    ],
)  # fmt: skip
def test_another_spatch_that_drops_a_file(
    otherwise: str, cached: bool, error: str, demo_tree: Path, tmp_path: Path,
    private_tmp: Path,
) -> None:  # fmt: skip
    fake = fake_spatch(tmp_path, "--no-such-option", "", otherwise=otherwise)
    out = tmp_path / "out"
    toml = one_rule(tmp_path, "use_skb_copy_datagram_msg")  # a rule for 5 files of the demo
    result = run_cli("generate", str(toml), "--tree", str(demo_tree), "--out", str(out),
                     "--spatch", str(fake), *([] if cached else ["--no-cache"]))  # fmt: skip
    assert result.exit_code == 1, result.stderr
    assert error in result.stderr
    assert nothing_left(private_tmp, out)


def test_a_rule_that_requires_a_newer_spatch(
    demo_tree: Path, tmp_path: Path, private_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(paths.rules_dir(), rules)
    victim = rules / RULE / f"{RULE}.cocci"
    victim.write_text(victim.read_text().replace("// Requires: 1.3.3", "// Requires: 1.4.1"))
    monkeypatch.setattr(paths, "rules_dir", lambda: rules)
    out = tmp_path / "out"
    result = run_cli("generate", SERIES, "--tree", str(demo_tree), "--out", str(out))
    assert result.exit_code == 1, result.stderr
    assert f"{victim}: requires spatch 1.4.1, " in result.stderr and "is 1.3.3" in result.stderr
    assert "[1/" not in result.stderr and nothing_left(private_tmp, out)


def test_plan_on_a_tree_that_is_not_a_kernel(tmp_path: Path, private_tmp: Path) -> None:
    tree = tmp_path / "notes"
    tree.mkdir()
    git(tree, "init", "-q")
    (tree / "README").write_text("notes\n")
    git(tree, "add", ".")
    git(tree, "commit", "-qm", "notes")
    result = run_cli("plan", str(one_rule(tmp_path)), "--tree", str(tree))
    assert result.exit_code == 1
    assert "its rules changed nothing" in result.stderr
    assert "`cocci-series plan`" not in result.stderr and "is --tree a Linux tree" in result.stderr
    assert list(private_tmp.iterdir()) == []


def test_an_internal_error_is_exit_4_with_a_crash_log(
    demo_tree: Path, tmp_path: Path, private_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(generate, "run_series", boom)
    logs = []
    for _ in range(2):
        result = run_cli("plan", SERIES, "--tree", str(demo_tree))
        assert result.exit_code == 4
        line = result.stderr.strip()
        assert line.startswith("cocci-series: internal error: RuntimeError('boom') (traceback in ")
        logs.append(Path(line.rsplit(" ", 1)[1].rstrip(")")))
    assert logs[0] != logs[1] and all(p.parent == private_tmp for p in logs)
    text = logs[0].read_text()
    assert "cocci-series 0." in text and "Python 3." in text and "git version" in text
    assert "spatch version 1.3.3" in text and "RuntimeError: boom" in text
    assert sorted(p.name for p in private_tmp.iterdir()) == sorted(p.name for p in logs)


@pytest.mark.parametrize("verb", ["census", "audit"])
def test_the_shipped_report_rules_check_requires(
    verb: str, demo_tree: Path, private_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = spatch_mod.find
    monkeypatch.setattr(
        spatch_mod, "find", lambda *a: dataclasses.replace(real(*a), version="1.2.0")
    )
    result = run_cli(verb, "--tree", str(demo_tree))
    assert result.exit_code == 1, result.stderr
    assert ": requires spatch 1.3.3, " in result.stderr and "is 1.2.0" in result.stderr
    assert list(private_tmp.iterdir()) == []
