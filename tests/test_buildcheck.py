"""``check``: a series is applied patch by patch and what each patch can break is built.

The series are made here, as commits in a clone of the demo tree turned into
``git format-patch --cover-letter --base`` output, until real series land in series/.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from bench import distcc
from generator import affected, build, buildcheck, paths, report
from generator.errors import UserError

from . import fake_kbuild
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


def test_from_checks_only_the_later_patches_on_the_earlier_ones(
    demo_tree: Path, broken: Path
) -> None:
    run = buildcheck.check(broken, demo_tree, from_patch=4, keep_going=True)
    assert [r.status for r in run.results] == ["not checked"] * 3 + ["ok"]
    assert run.error is None  # patch 3 broke net/compat.c: built before and after patch 4
    assert "every patch from 4 on builds (1-3 applied" in report.check_table(run)
    run = buildcheck.check(broken, demo_tree, from_patch=3)
    assert [r.status for r in run.results][2] == "FAILED"
    result = run_cli("check", str(broken), "--tree", str(demo_tree), "--from", "5")
    assert result.exit_code == 1
    assert "--from 5: the series in" in result.stderr and "has patches 1 to 4" in result.stderr


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
    target = build.Target(build.ARCHES["x86_64"], "allmodconfig")
    tree = build.prepare(clone, tmp_path / "work", target=target, jobs=2)
    assert tree.kind == "kbuild"
    phy_n = "drivers/net/wireless/brcm80211/brcmsmac/phy/phy_n.o"  # listed by brcmsmac/
    wanted = {"net/socket.o", "net/ipv4/tcp_bic.o", "net/iucv/af_iucv.o", "include/linux/x.o"}
    assert tree.built_by_config(wanted | {phy_n}) == {"net/socket.o", "net/ipv4/tcp_bic.o", phy_n}
    assert tree.unreadable == {}


# -- a fake Kbuild tree: arches, parent-listed objects, not built, internal errors -------


@pytest.fixture
def kbuild(tmp_path: Path) -> Path:
    return fake_kbuild.make_tree(tmp_path / "kbuild")


SOCKET = ("net: socket: count from two", replace("net/socket.c", "a + 1", "a + 2"))
PHY = ("wl: phy: two chips", replace("drivers/wl/phy/phy_n.c", "wl_chips()", "wl_chips() + 1"))
X64 = ("x64: widen", replace("drivers/x64/only.c", "return a;", "return a + 0L;"))
NEVER = ("never: one", replace("drivers/never/never.c", "return 0;", "return 1;"))
WARN = ("net: socket: an unused variable", replace("net/socket.c", "{\n", "{\n\tint unused;\n"))


def test_an_object_listed_by_the_parent_directory_is_built(kbuild: Path, tmp_path: Path) -> None:
    """3.18's brcmsmac: phy/phy_n.o is listed by brcmsmac/Makefile; phy/ has no Makefile."""
    run = buildcheck.check(make_series(kbuild, tmp_path / "s", PHY), kbuild)
    assert run.error is None
    [result] = run.results
    assert (result.status, result.objects) == ("ok", ["drivers/wl/phy/phy_n.o"])


def test_a_patch_no_target_builds_is_not_built_and_fails_the_check(
    kbuild: Path, tmp_path: Path
) -> None:
    series = make_series(kbuild, tmp_path / "s", SOCKET, NEVER, PHY)
    result = run_cli("check", str(series), "--tree", str(kbuild), "--keep-going")
    assert result.exit_code == 3, result.stderr
    assert (
        "1 patch(es) not built: 2: no target (x86_64 allmodconfig) builds a file" in result.stderr
    )
    assert "hint: pass an --arch/--config that builds them, or --allow-unbuilt" in result.stderr
    rows = {line.split()[0]: line for line in result.stdout.splitlines() if line[:3].strip()}
    assert "not built" in rows["2"] and " ok " in rows["3"]
    assert "not built by any target: drivers/never/never.c" in result.stdout
    assert "not every patch builds: 2 build, 1 not built by any target;" in result.stdout
    allowed = run_cli("check", str(series), "--tree", str(kbuild), "--allow-unbuilt")
    assert allowed.exit_code == 0, allowed.stderr
    assert "1 not built by any target (allowed)" in allowed.stdout


def test_several_arches_and_the_files_no_arch_built(kbuild: Path, tmp_path: Path) -> None:
    series = make_series(kbuild, tmp_path / "s", SOCKET, X64)
    run = buildcheck.check(series, kbuild, arches=["x86_64", "i386"])
    assert run.error is None
    assert run.targets == ["x86_64 allmodconfig", "i386 allmodconfig"]
    socket, x64 = run.results
    assert [len(b.objects) for b in socket.builds] == [1, 1]
    assert [len(b.objects) for b in x64.builds] == [1, 0]
    assert x64.status == "ok" and x64.unbuilt == []
    assert x64.build_for("i386 allmodconfig").unbuilt == ["drivers/x64/only.c"]
    table = report.check_table(run)
    assert "x86_64    i386" in table.splitlines()[table.splitlines().index("") + 1]
    assert "[i386 allmodconfig] not built: drivers/x64/only.c" in table
    assert any(s.startswith("KCFLAGS=") for s in run.shims)  # every target has it: once
    assert any(command.startswith("[i386 allmodconfig] make") for command, _ in run.setup)


def test_new_warnings_fail_a_patch_under_werror_new(kbuild: Path, tmp_path: Path) -> None:
    makefile = kbuild / "Makefile"
    makefile.write_text(makefile.read_text().replace("-O2 -ffreestanding", "-O2 -Wall"))
    git(kbuild, "commit", "--quiet", "--all", "--message", "-Wall")
    git(kbuild, "tag", "--force", "base")
    series = make_series(kbuild, tmp_path / "s", WARN)
    counted = buildcheck.check(series, kbuild)
    assert counted.error is None
    [warned] = counted.results[0].new_warnings
    assert "unused variable" in warned.message
    result = run_cli("check", str(series), "--tree", str(kbuild), "--werror-new")
    assert result.exit_code == 3
    assert "breaks the build of net/socket.o" in result.stderr
    assert "warning: unused variable" in result.stderr


def test_an_internal_failure_hides_no_other_patch(
    kbuild: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    series = make_series(kbuild, tmp_path / "s", SOCKET, PHY, X64)
    real_plan = affected.plan

    def plan(repo: Path, changes: list[affected.FileChange], *args: Any) -> affected.Plan:
        if any(c.path.startswith("drivers/wl/") for c in changes):
            raise RuntimeError("the planner tripped")
        return real_plan(repo, changes, *args)

    monkeypatch.setattr(affected, "plan", plan)
    result = run_cli("check", str(series), "--tree", str(kbuild), "--keep-going")
    assert result.exit_code == 4
    assert "patch 2 (0002-wl-phy-two-chips.patch): the check failed internally" in result.stderr
    rows = {line.split()[0]: line for line in result.stdout.splitlines() if line[:3].strip()}
    assert " ok " in rows["1"] and "error" in rows["2"] and " ok " in rows["3"]


def test_lanes_in_parallel_agree_with_one_lane(kbuild: Path, tmp_path: Path) -> None:
    series = make_series(kbuild, tmp_path / "s", SOCKET, WARN, PHY, X64)
    one = buildcheck.check(series, kbuild, workers=1, keep_going=True)
    two = buildcheck.check(series, kbuild, workers=2, keep_going=True)
    assert (one.lanes, two.lanes, two.workers) == (1, 2, 2)
    for a, b in zip(one.results, two.results, strict=True):
        assert (a.status, a.objects, len(a.new_warnings)) == (
            b.status,
            b.objects,
            len(b.new_warnings),
        )


@pytest.mark.skipif(shutil.which("arm-linux-gnueabi-gcc") is None, reason="no ARM cross compiler")
def test_arm_cross_compiles(kbuild: Path, tmp_path: Path) -> None:
    run = buildcheck.check(make_series(kbuild, tmp_path / "s", SOCKET), kbuild, arches=["arm"])
    assert run.error is None
    assert run.results[0].objects == ["net/socket.o"]
    assert any("CROSS_COMPILE=arm-linux-gnueabi-" in command for command, _ in run.setup)


@pytest.mark.skipif(not distcc.available(), reason="distcc or distccd is not installed")
def test_distcc_on_the_loopback_address_compiles_the_objects(
    kbuild: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--cc 'distcc gcc': every compilation goes through a distccd on 127.0.0.1."""
    series = make_series(kbuild, tmp_path / "s", SOCKET, PHY)
    with distcc.loopback(tmp_path / "distcc") as host:
        for name, value in host.env.items():
            monkeypatch.setenv(name, value)
        run = buildcheck.check(series, kbuild, cc="distcc gcc")
        assert run.error is None
        assert "CC='distcc gcc' (--cc)" in run.shims
        compiled = sum(r.compiled for r in run.results)
        assert compiled >= 3 and host.jobs() == compiled


def test_a_lane_that_fails_ends_the_other_lanes_builds(kbuild: Path, tmp_path: Path) -> None:
    """x86_64's config cannot complete; i386's make, meanwhile in another thread, is ended."""
    makefile = kbuild / "Makefile"
    slow = f"sleep 60.{os.getpid()}"  # a command line of its own: not any other sleep
    makefile.write_text(
        makefile.read_text().replace(
            "prepare:\n", f"prepare:\n\t@if [ $(ARCH) = i386 ]; then {slow}; fi\n"
        )
    )
    git(kbuild, "commit", "--quiet", "--all", "--message", "slow i386")
    git(kbuild, "tag", "--force", "base")
    series = make_series(kbuild, tmp_path / "s", SOCKET)
    started = time.monotonic()
    with pytest.raises(UserError, match="Kconfig symbol ASK has no default"):
        buildcheck.check(
            series, kbuild, arches=["i386", "x86_64"], configs=["x86_64:askconfig"], workers=2
        )
    assert time.monotonic() - started < 30
    assert subprocess.run(["pgrep", "-f", slow], capture_output=True).returncode == 1
    assert buildcheck.check(series, kbuild).error is None  # children run again afterwards
