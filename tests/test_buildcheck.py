"""``check``: a series is applied patch by patch and what each patch can break is built.

The series are made here, as commits in a clone of the demo tree turned into
``git format-patch --cover-letter --base`` output, until real series land in series/.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from generator import build, buildcheck, paths
from generator.errors import UserError

from .conftest import git, run_cli, snapshot

Edit = Callable[[Path], None]


def replace(path: str, old: str, new: str) -> Edit:
    def edit(tree: Path) -> None:
        text = (tree / path).read_text()
        assert text.count(old) == 1, f"{old!r} not once in {path}"
        (tree / path).write_text(text.replace(old, new))

    return edit


def append(path: str, text: str) -> Edit:
    def edit(tree: Path) -> None:
        with (tree / path).open("a") as f:
            f.write(text)

    return edit


COMMENT = (
    "net: socket: say why msg_namelen is zero",
    replace("net/socket.c", "\tmsg->msg_namelen = 0;\n", "\tmsg->msg_namelen = 0;\t/* none */\n"),
)
HELPER = (
    "net: add msg_has_control()",
    replace(
        "include/linux/socket.h",
        "/* For recvmmsg/sendmmsg */",
        "static inline int msg_has_control(const struct msghdr *msg)\n{\n"
        "\treturn msg->msg_control != NULL;\n}\n\n/* For recvmmsg/sendmmsg */",
    ),
)
DROP_FIELD = (
    "net: drop msg_controllen from struct msghdr",
    replace(
        "include/linux/socket.h",
        "\t__kernel_size_t\tmsg_controllen;\t/* ancillary data buffer length */\n",
        "",
    ),
)
COMPAT_TAIL = ("net: compat: end with a comment", append("net/compat.c", "/* end */\n"))


def make_series(tree: Path, out: Path, *steps: tuple[str, Edit]) -> Path:
    """Commit STEPS in a clone of TREE and write them to OUT as format-patch output."""
    work = out.with_name(out.name + "-src")
    git(out.parent, "clone", "--quiet", str(tree), str(work))
    for subject, edit in steps:
        edit(work)
        git(work, "commit", "--quiet", "--all", "--message", subject)
    base = git(work, "rev-parse", "base").strip()
    git(work, "format-patch", "--quiet", "--cover-letter", f"--base={base}", "-o", str(out), base)
    return out


@pytest.fixture
def good(demo_tree: Path, tmp_path: Path) -> Path:
    return make_series(demo_tree, tmp_path / "good", COMMENT, HELPER)


@pytest.fixture
def broken(demo_tree: Path, tmp_path: Path) -> Path:
    return make_series(demo_tree, tmp_path / "broken", COMMENT, HELPER, DROP_FIELD, COMPAT_TAIL)


def test_unbroken_series_passes(demo_tree: Path, good: Path) -> None:
    run = buildcheck.check(good, demo_tree)
    assert run.error is None
    assert run.kind == "plain" and run.config is None
    first, second = run.results
    assert (first.status, first.objects, first.reasons) == (
        "ok",
        ["net/socket.o"],
        {"net/socket.o": "changed"},
    )
    # a new static inline is used by nobody yet: one includer compiles it
    [includer] = second.objects
    assert second.status == "ok" and includer.startswith("net/")
    assert second.reasons[includer] == "includes include/linux/socket.h (compiled once for it)"
    assert first.new_warnings == second.new_warnings == []


def test_unbroken_series_through_the_cli(demo_tree: Path, good: Path) -> None:
    result = run_cli("check", str(good), "--tree", str(demo_tree))
    assert result.exit_code == 0, result.stderr
    assert "[1/2] net: socket: say why msg_namelen is zero: 1 object(s)" in result.stderr
    assert "every patch builds" in result.stdout
    header = next(line for line in result.stdout.splitlines() if "patch" in line and "#" in line)
    assert header.split() == [
        "#",
        "patch",
        "objects",
        "new",
        "warn",
        "checkpatch",
        "result",
        "time",
    ]


def test_removed_field_still_in_use_names_the_patch_and_file(demo_tree: Path, broken: Path) -> None:
    result = run_cli("check", str(broken), "--tree", str(demo_tree))
    assert result.exit_code == 3
    assert "patch 3 (0003-net-drop-msg_controllen-from-struct-msghdr.patch" in result.stderr
    assert (
        "net/socket.c:84:14: error: 'struct msghdr' has no member named 'msg_controllen'"
        in result.stderr
    )
    assert "hint: reproduce: git am the patches up to 0003-" in result.stderr
    rows = {line.split()[0]: line for line in result.stdout.splitlines() if line[:3].strip()}
    assert "FAILED" in rows["3"] and "not checked" in rows["4"]


def test_removed_field_is_found_in_every_user(demo_tree: Path, broken: Path) -> None:
    run = buildcheck.check(broken, demo_tree)
    failed = run.results[2]
    assert failed.status == "FAILED"
    # every user of the field, across directories, and nothing else
    grep = git(demo_tree, "grep", "-l", "-E", r"(->|\.)msg_controllen\b", "--", "*.c")
    users = {path[:-2] + ".o" for path in grep.splitlines()}
    assert set(failed.objects) == users and len(users) > 2
    assert failed.reasons["net/socket.o"] == "uses ->msg_controllen (include/linux/socket.h)"
    assert {d.obj for d in failed.new_errors} == users
    assert run.results[3].status == "not checked"


def test_keep_going_blames_only_the_breaking_patch(demo_tree: Path, broken: Path) -> None:
    result = run_cli("check", str(broken), "--tree", str(demo_tree), "--keep-going")
    assert result.exit_code == 3
    rows = {line.split()[0]: line for line in result.stdout.splitlines() if line[:3].strip()}
    assert "FAILED" in rows["3"]
    # net/compat.c still fails after patch 4, but that error is not new: patch 4 is fine
    assert " ok " in rows["4"]
    assert "fail too" not in result.stderr


def test_full_build_agrees_and_builds_more(demo_tree: Path, broken: Path) -> None:
    per_patch = buildcheck.check(broken, demo_tree, keep_going=True)
    full = buildcheck.check(broken, demo_tree, keep_going=True, full=True)
    assert [r.status for r in full.results] == [r.status for r in per_patch.results]
    assert full.full_targets == []  # the demo tree: plain `make`
    for cheap, everything in zip(per_patch.results, full.results, strict=True):
        assert set(cheap.objects) <= set(everything.objects)
    assert len(full.results[1].objects) > len(per_patch.results[1].objects)
    assert {d.obj for d in full.results[2].new_errors} == set(per_patch.results[2].objects)


def test_the_users_tree_is_never_written(read_only_demo: Path, tmp_path: Path) -> None:
    series = make_series(read_only_demo, tmp_path / "s", COMMENT, DROP_FIELD)
    before = snapshot(read_only_demo)
    result = run_cli("check", str(series), "--tree", str(read_only_demo), "--keep-going")
    assert result.exit_code == 3
    assert snapshot(read_only_demo) == before


def test_a_patch_that_does_not_apply(demo_tree: Path, good: Path) -> None:
    second = next(good.glob("0002-*.patch"))
    second.write_text(second.read_text().replace(" /* For recvmmsg/sendmmsg */", " /* moved */"))
    result = run_cli("check", str(good), "--tree", str(demo_tree))
    assert result.exit_code == 3
    assert (
        "patch 2 (0002-net-add-msg_has_control.patch) does not apply with git am" in result.stderr
    )


def test_base_missing_from_the_tree_is_refused(good: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    git(other, "init", "--quiet")
    (other / "Makefile").write_text("all:\n")
    git(other, "add", "Makefile")
    git(other, "commit", "--quiet", "--message", "other")
    result = run_cli("check", str(good), "--tree", str(other))
    assert result.exit_code == 1
    assert f"{other}: does not have the base commit" in result.stderr
    assert "hint: pass --tree the tree the series was generated from" in result.stderr


def test_a_directory_without_patches_or_base(tmp_path: Path, good: Path) -> None:
    with pytest.raises(UserError, match="holds no patches"):
        buildcheck.read_series(tmp_path)
    for patch in good.glob("*.patch"):
        patch.write_text(
            "\n".join(ln for ln in patch.read_text().splitlines() if "base-commit" not in ln)
        )
    with pytest.raises(UserError, match="names no base commit"):
        buildcheck.read_series(good)


FAKE_CHECKPATCH = r"""#!/usr/bin/perl
# an old checkpatch idiom that perl >= 5.26 refuses
if ($ARGV[0] =~ /\#\s*define.*do\s{/) { print "never\n"; }
print "WARNING: line over 80 characters\n#10: FILE: net/socket.c:84:\n+x\n\n";
print "ERROR: trailing whitespace\n#12: FILE: net/socket.c:90:\n+y\n\n";
print "total: 1 errors, 1 warnings, 10 lines checked\n";
"""


@pytest.mark.skipif(shutil.which("perl") is None, reason="no perl")
def test_checkpatch_runs_per_patch_even_an_old_one(demo_tree: Path, tmp_path: Path) -> None:
    script = demo_tree / "scripts" / "checkpatch.pl"
    script.parent.mkdir()
    script.write_text(FAKE_CHECKPATCH)
    git(demo_tree, "add", "scripts")
    git(demo_tree, "commit", "--quiet", "--message", "add checkpatch")
    git(demo_tree, "tag", "--force", "base")
    series = make_series(demo_tree, tmp_path / "s", COMMENT)
    run = buildcheck.check(series, demo_tree)
    [result] = run.results
    assert result.checkpatch is not None
    assert (result.checkpatch.errors, result.checkpatch.warnings) == (1, 1)
    assert result.checkpatch.messages == [
        "WARNING: line over 80 characters (net/socket.c:84)",
        "ERROR: trailing whitespace (net/socket.c:90)",
    ]
    assert any("1 regex brace(s) escaped" in shim for shim in run.shims)


def test_ccache_is_used_when_present(
    demo_tree: Path, good: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    calls = tmp_path / "ccache-calls"
    fake = bin_dir / "ccache"
    fake.write_text(f'#!/bin/sh\necho "$@" >> {calls}\nexec "$@"\n')
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}:{os.environ['PATH']}")
    run = buildcheck.check(good, demo_tree)
    assert run.error is None
    assert any(shim.startswith("CC='ccache gcc'") for shim in run.shims)
    assert "-MT net/socket.o net/socket.c" in calls.read_text()
    assert run.results[0].objects == ["net/socket.o"]


def test_tree_kinds(demo_tree: Path, tmp_path: Path) -> None:
    assert build.detect(demo_tree) == "plain"
    (tmp_path / "Kconfig").write_text("")
    (tmp_path / "scripts").mkdir()
    (tmp_path / "scripts" / "Kbuild.include").write_text("")
    assert build.detect(tmp_path) == "kbuild"
    with pytest.raises(UserError, match="has no Makefile"):
        build.detect(tmp_path / "scripts")


TOY_RULE = """\
// SPDX-License-Identifier: GPL-2.0-only
/// {title}
// Confidence: High
// Requires: 1.3.3
// Keywords: test
virtual patch

@@
expression E;
@@
{body}
"""
TOY_SERIES = """\
[series]
title = "net: toy"
description = "A toy series."

[[step]]
id = "toy"
subject = "net: {subject}"
rules = ["toy"]
message = "Because."
"""


def toy_series(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, subject: str, body: str) -> Path:
    rule = tmp_path / "rules" / "toy" / "toy.cocci"
    rule.parent.mkdir(parents=True)
    rule.write_text(TOY_RULE.format(title=subject, body=body))
    monkeypatch.setattr(paths, "rules_dir", lambda: tmp_path / "rules")
    toml = tmp_path / "toy.toml"
    toml.write_text(TOY_SERIES.format(subject=subject))
    return toml


def test_generate_check_passes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    toml = toy_series(
        tmp_path,
        monkeypatch,
        "spell out the MSG_TRUNC updates",
        "- E |= MSG_TRUNC\n+ E = E | MSG_TRUNC",
    )
    result = run_cli("generate", str(toml), "--out", str(tmp_path / "out"), "--check")
    assert result.exit_code == 0, result.stderr
    assert "every patch builds" in result.stdout
    assert "[1/1] net: spell out the MSG_TRUNC updates" in result.stderr


def test_generate_check_fails_on_a_broken_rule(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    toml = toy_series(
        tmp_path, monkeypatch, "rename msg_flags at its uses", "- E->msg_flags\n+ E->msg_flagz"
    )
    out = tmp_path / "out"
    result = run_cli("generate", str(toml), "--out", str(out), "--check")
    assert result.exit_code == 3
    assert "has no member named 'msg_flagz'" in result.stderr
    assert sorted(p.name for p in out.glob("*.patch"))[0] == "0000-cover-letter.patch"


@pytest.mark.skipif(not os.environ.get("KERNEL_TREE"), reason="KERNEL_TREE is not set")
def test_kbuild_knows_what_allmodconfig_builds(tmp_path: Path) -> None:
    """Slow (about a minute): a Kbuild query on a real 3.18 tree."""
    from generator import git as gitops

    kernel = Path(os.environ["KERNEL_TREE"])
    clone = gitops.scratch_clone(kernel, "HEAD", tmp_path / "tree")
    (tmp_path / "work").mkdir()
    tree = build.prepare(clone, tmp_path / "work", config="allmodconfig", jobs=2)
    assert tree.kind == "kbuild"
    wanted = {"net/socket.o", "net/ipv4/tcp_bic.o", "net/iucv/af_iucv.o", "include/linux/x.o"}
    assert tree.built_by_config(wanted) == {"net/socket.o", "net/ipv4/tcp_bic.o"}
