"""The make door: what a Kbuild config builds, from Kbuild's own answers (cached here)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import build, buildcheck
from generator.errors import UserError

from . import fake_kbuild
from .conftest import committed_repo, git


def target(config: str, arch: str = "x86_64") -> build.Target:
    return build.Target(build.ARCHES[arch], config)


def kbuild_tree(tmp_path: Path) -> build.Tree:
    """A Tree whose Kbuild answers are already known: no make runs."""
    tree = build.Tree(tmp_path, "kbuild", tmp_path)
    tree._info = {"dirs": "net arch/x86"}
    tree._dirs = {
        "net": ({"net/socket.o", "net/compat.o"}, {"net/ipv4", "net/core"}),
        "net/ipv4": ({"net/ipv4/tcp.o", "net/ipv4/tcp_bic.o"}, set()),
        "net/core": (set(), set()),
        "net/iucv": ({"net/iucv/af_iucv.o"}, set()),  # listed, but net does not descend
        "arch/x86": (set(), {"arch/x86/kernel"}),
        "arch/x86/kernel": ({"arch/x86/kernel/setup.o"}, set()),
    }
    return tree


def test_an_object_is_built_iff_listed_and_reached(tmp_path: Path) -> None:
    tree = kbuild_tree(tmp_path)
    asked = {
        "net/socket.o",
        "net/ipv4/tcp_bic.o",
        "net/ipv4/udp.o",  # not in its directory's lists
        "net/iucv/af_iucv.o",  # its directory is not reached from net
        "arch/x86/kernel/setup.o",
        "include/linux/x.o",  # under no Kbuild root
    }
    assert tree.built_by_config(asked) == {
        "net/socket.o",
        "net/ipv4/tcp_bic.o",
        "arch/x86/kernel/setup.o",
    }


def test_the_deepest_root_wins(tmp_path: Path) -> None:
    tree = kbuild_tree(tmp_path)
    tree._info = {"dirs": "arch/x86 arch/x86/lib"}
    assert tree.root_of("arch/x86/lib/memcpy.c") == "arch/x86/lib"
    assert tree.root_of("arch/x86/kernel/setup.c") == "arch/x86"
    assert tree.root_of("include/linux/socket.h") is None


def test_a_plain_tree_builds_every_c_file(demo_tree: Path) -> None:
    tree = build.Tree(demo_tree, "plain", demo_tree)
    assert tree.built_by_config({"net/socket.o", "net/nope.o"}) == {"net/socket.o"}
    assert "net/ipv4/tcp.o" in tree.all_objects()
    assert tree.argv("net/socket.o") == [
        "make", "-j1", "--output-sync=target", "--no-print-directory", "-k", "net/socket.o"
    ]  # fmt: skip


def test_a_config_that_is_no_target_is_refused(tmp_path: Path) -> None:
    (tmp_path / "Kconfig").write_text("")
    (tmp_path / "scripts").mkdir()
    (tmp_path / "scripts" / "Kbuild.include").write_text("")
    (tmp_path / "Makefile").write_text("defconfig:\n\t@echo configured\n")
    with pytest.raises(UserError, match="--config 'my config': neither a file nor"):
        build.prepare(tmp_path, tmp_path, target=target("my config"), jobs=1)
    with pytest.raises(UserError, match="--config 'nosuchconfig': command failed") as info:
        build.prepare(tmp_path, tmp_path, target=target("nosuchconfig"), jobs=1)
    assert "No rule to make target 'nosuchconfig'" in str(info.value)


# -- a fake Kbuild tree: the questions build.py asks, answered by make -------------------


@pytest.fixture
def kbuild(tmp_path: Path) -> Path:
    return fake_kbuild.make_tree(tmp_path / "kbuild")


def prepared(
    tree: Path, work: Path, config: str = "allmodconfig", arch: str = "x86_64"
) -> build.Tree:
    work.mkdir(exist_ok=True)
    return build.prepare(tree, work, target=target(config, arch), jobs=1)


def test_objects_listed_by_a_parent_directory(kbuild: Path, tmp_path: Path) -> None:
    """drivers/wl/Makefile lists phy/phy_n.o; drivers/wl/phy has no Makefile to ask."""
    tree = prepared(kbuild, tmp_path / "work")
    asked = {
        "drivers/wl/phy/phy_n.o",
        "drivers/wl/wl.o",
        "drivers/x64/only.o",
        "drivers/never/never.o",  # its directory is listed under a symbol that is not set
        "drivers/nope/nope.o",  # no such directory
        "net/core/sock.o",
    }
    assert tree.built_by_config(asked) == {
        "drivers/wl/phy/phy_n.o",
        "drivers/wl/wl.o",
        "drivers/x64/only.o",
        "net/core/sock.o",
    }
    assert tree.unreadable == {}


def test_a_directory_kbuild_cannot_read_is_said_and_the_others_answered(
    kbuild: Path, tmp_path: Path
) -> None:
    (kbuild / "drivers/wl/Makefile").write_text("$(error vendor makefile needs its SDK)\n")
    tree = prepared(kbuild, tmp_path / "work")
    assert tree.built_by_config({"drivers/wl/wl.o", "net/socket.o"}) == {"net/socket.o"}
    assert tree.unreadable == {"drivers/wl": "make could not read its Kbuild file"}


def test_the_arch_decides_what_is_built(kbuild: Path, tmp_path: Path) -> None:
    tree = prepared(kbuild, tmp_path / "work", arch="i386")
    assert tree.make_vars[0] == "ARCH=i386"
    assert tree.built_by_config({"drivers/x64/only.o", "net/socket.o"}) == {"net/socket.o"}
    run = tree.make("net/socket.o", watch={"net/socket.o"})
    assert run.returncode == 0, run.output
    assert run.compiled == {"net/socket.o"}


def test_a_config_symbol_without_default_is_one_clear_error(kbuild: Path, tmp_path: Path) -> None:
    with pytest.raises(UserError) as info:
        prepared(kbuild, tmp_path / "work", config="askconfig")
    message = str(info.value)
    assert message.splitlines()[0] == (
        "--config 'askconfig': Kconfig symbol ASK has no default and cannot be asked for "
        "without a terminal (also without a value: OTHER_ASK)"
    )
    assert "hint: pass --config FILE: a .config that sets CONFIG_ASK" in message
    # the .config the hint asks for works
    config = tmp_path / "my.config"
    config.write_text("CONFIG_NET=y\nCONFIG_ASK=2\n")
    tree = prepared(kbuild, tmp_path / "work2", config=str(config))
    assert tree.config == str(config)
    assert tree.built_by_config({"net/socket.o", "drivers/wl/wl.o"}) == {"net/socket.o"}


def test_the_aborted_symbol_of_a_real_conf_run() -> None:
    """3.18.20's allmodconfig, as `make prepare` runs conf (tests/logs/)."""
    log = Path(__file__).parent / "logs" / "kernel-3.18.20-aborted.log"
    error = build._config_aborted("allmodconfig", log.read_text())
    assert error is not None
    assert error.message == (
        "--config 'allmodconfig': Kconfig symbol HIFMC100_MAX_NAND_CHIP has no default and "
        "cannot be asked for without a terminal (also without a value: RW_H_WIDTH, R_L_WIDTH, "
        "W_L_WIDTH)"
    )
    assert build._config_aborted("allmodconfig", "make: *** [prepare] Error 2\n") is None


@pytest.mark.parametrize(
    ("arches", "configs", "expected"),
    [
        ([], [], ["x86_64 allmodconfig"]),
        (["i386", "arm"], [], ["i386 allmodconfig", "arm allmodconfig"]),
        (["x86_64", "arm64"], ["arm64:defconfig"], ["x86_64 allmodconfig", "arm64 defconfig"]),
        (
            ["x86_64", "arm"],
            ["defconfig", "arm:multi_v7_defconfig", "arm:allnoconfig"],
            ["x86_64 defconfig", "arm multi_v7_defconfig", "arm allnoconfig"],
        ),
        ([], ["arm64:defconfig"], ["arm64 defconfig"]),
    ],
)
def test_targets(arches: list[str], configs: list[str], expected: list[str]) -> None:
    assert [t.label for t in build.targets(arches, configs)] == expected


def test_targets_refused() -> None:
    with pytest.raises(UserError, match="--arch 'mips': unknown architecture"):
        build.targets(["mips"], [])
    with pytest.raises(UserError, match="arm is not one of the --arch given"):
        build.targets(["x86_64"], ["arm:defconfig"])


def fake_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *programs: str) -> None:
    """PATH holds PROGRAMS only (scripts that do nothing)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name in programs:
        (bin_dir / name).write_text("#!/bin/sh\n")
        (bin_dir / name).chmod(0o755)
    monkeypatch.setenv("PATH", str(bin_dir))


def test_the_compiler_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_path(tmp_path, monkeypatch, "gcc", "ccache", "distcc", "icecc", "arm-linux-gnueabi-gcc")
    monkeypatch.delenv("CC", raising=False)
    arm, x86 = build.ARCHES["arm"], build.ARCHES["x86_64"]
    assert build.compiler(x86, None) == build.Compiler(("ccache", "gcc"), "ccache found")
    assert build.compiler(arm, None).words == ("ccache", "arm-linux-gnueabi-gcc")
    assert build.compiler(arm, "distcc gcc") == build.Compiler(
        ("distcc", "arm-linux-gnueabi-gcc"), "--cc"
    )
    assert build.compiler(x86, "icecc").words == ("icecc", "gcc")
    monkeypatch.setenv("CC", "distcc gcc")
    assert build.compiler(x86, None) == build.Compiler(("distcc", "gcc"), "$CC")
    assert build.compiler(x86, "ccache gcc").source == "--cc"


def test_a_missing_cross_compiler_says_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_path(tmp_path, monkeypatch, "gcc")
    monkeypatch.delenv("CC", raising=False)
    with pytest.raises(UserError) as info:
        build.compiler(build.ARCHES["arm64"], None)
    assert str(info.value) == (
        "compiler 'aarch64-linux-gnu-gcc' (default) is not installed\n"
        "hint: --arch arm64 needs the cross compiler aarch64-linux-gnu-gcc: on Debian or "
        "Ubuntu `sudo apt-get install gcc-aarch64-linux-gnu`, or drop --arch arm64"
    )


def test_old_compiler_header_is_added_for_the_installed_gcc(
    kbuild: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """3.18 before .60: compiler-gcc.h includes compiler-gcc<major>.h, up to gcc 5."""
    headers = kbuild / "include" / "linux"
    (headers / "compiler-gcc.h").write_text("#include gcc_header(__GNUC__)\n")
    (headers / "compiler-gcc4.h").write_text("/* 4 */\n")
    (headers / "compiler-gcc5.h").write_text("/* 5 */\n")
    answers = {"-dumpversion": "12\n", "-dM": "#define __PIE__ 2\n"}
    monkeypatch.setattr(build, "_compiler_output", lambda cc, *args: answers[args[0]])
    tree = prepared(kbuild, tmp_path / "work")
    assert (headers / "compiler-gcc12.h").read_text().endswith("#include <linux/compiler-gcc5.h>\n")
    assert any(s.startswith("include/linux/compiler-gcc12.h (untracked)") for s in tree.shims)
    # the default PIE of the compiler is turned off: the tree's flags do not
    assert "KAFLAGS=-fno-PIE" in tree.make_vars
    assert f"KCFLAGS={build.STRICT_KCFLAGS} -fno-PIE" in tree.make_vars


def test_no_shim_where_the_tree_has_what_the_compiler_needs(
    kbuild: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    headers = kbuild / "include" / "linux"
    (headers / "compiler-gcc.h").write_text("/* one header for every gcc (3.18.140) */\n")
    makefile = kbuild / "Makefile"
    makefile.write_text(makefile.read_text().replace("-O2 -ffreestanding", "-O2 -fno-PIE"))
    answers = {"-dumpversion": "12\n", "-dM": "#define __PIE__ 2\n"}
    monkeypatch.setattr(build, "_compiler_output", lambda cc, *args: answers[args[0]])
    tree = prepared(kbuild, tmp_path / "work")
    assert not (headers / "compiler-gcc12.h").exists()
    assert "KAFLAGS=-fno-PIE" not in tree.make_vars
    assert f"KCFLAGS={build.STRICT_KCFLAGS}" in tree.make_vars


def test_host_tools_that_define_a_global_twice_get_fcommon(kbuild: Path, tmp_path: Path) -> None:
    makefile = kbuild / "Makefile"
    makefile.write_text(
        makefile.read_text().replace(
            "scripts:\n\t@true\n",
            "scripts:\n\t@case '$(HOSTCFLAGS)' in *-fcommon*) ;; *) "
            "echo 'dtc-parser.tab.o:(.bss+0x10): multiple definition of ‘yylloc’'; "
            "exit 1;; esac\n",
        )
    )
    tree = prepared(kbuild, tmp_path / "work")
    assert "HOSTCFLAGS=-O2 -Wall -fcommon" in tree.make_vars
    assert any("defines yylloc in two files" in shim for shim in tree.shims)


def test_a_mediatek_tree_gets_an_absolute_srctree_and_python2(
    kbuild: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """archprepare's cust.dtsi needs $(srctree)/tools/dct/DrvGen.py, a Python 2 script."""
    drvgen = kbuild / "scripts" / "drvgen" / "drvgen.mk"
    drvgen.parent.mkdir(parents=True)
    drvgen.write_text("DRVGEN_TOOL := $(srctree)/tools/dct/DrvGen.py\n")
    monkeypatch.setattr(build, "_python2", lambda: "/opt/python2/bin/python")
    tree = prepared(kbuild, tmp_path / "work")
    assert f"srctree={tree.path}" in tree.make_vars
    assert "python=/opt/python2/bin/python" in tree.make_vars
    assert tree.make_env["CCACHE_BASEDIR"] == str(tree.path)
    assert any(s.startswith("srctree=<the clone> (MediaTek") for s in tree.shims)


def test_a_tree_without_drvgen_keeps_srctree(kbuild: Path, tmp_path: Path) -> None:
    tree = prepared(kbuild, tmp_path / "work")
    assert not any(v.startswith(("srctree=", "python=")) for v in tree.make_vars)


# -- source fixes: the tree's own lines today's compiler rejects -------------------------

_UACCESS = "arch/arm/include/asm/uaccess.h"
_OLD_PUT_USER = '\tregister const typeof(*(p)) __r2 asm("r2") = (x);\t\\\n'


def uaccess_tree(tmp_path: Path, arch: str) -> build.Tree:
    text = "#define __put_user_check(x,p)\t\\\n" + _OLD_PUT_USER + "\t0\n"
    repo = committed_repo(tmp_path / "tree", {_UACCESS: text, "README": "x\n"})
    return build.Tree(repo, "kbuild", tmp_path, target=target("defconfig", arch))


def test_a_source_fix_is_made_for_its_arch_only(tmp_path: Path) -> None:
    arm = uaccess_tree(tmp_path / "arm", "arm")
    build._source_fixes(arm)
    assert "register typeof(*(p)) __r2" in (arm.path / _UACCESS).read_text()
    assert [s for s in arm.shims if s.startswith(_UACCESS)]
    assert git(arm.path, "diff", "--cached") == ""  # the work tree only, nothing staged
    x86 = uaccess_tree(tmp_path / "x86", "x86_64")
    build._source_fixes(x86)
    assert (x86.path / _UACCESS).read_text().count(_OLD_PUT_USER) == 1
    assert x86.shims == []


def test_a_patch_touching_a_fixed_file_applies_to_its_committed_text(tmp_path: Path) -> None:
    tree = uaccess_tree(tmp_path, "arm")
    path = tree.path / _UACCESS
    path.write_text(path.read_text().replace("\t0\n", "\t1\n"))
    git(tree.path, "commit", "-qam", "arm: put_user returns 1")
    patch = Path(git(tree.path, "format-patch", "-1", "-o", str(tmp_path / "p")).strip())
    git(tree.path, "reset", "-q", "--hard", "HEAD~1")
    build._source_fixes(tree)
    result = buildcheck.Build("arm defconfig")
    series_patch = buildcheck.SeriesPatch(1, patch, "arm: put_user returns 1", patch.read_text())
    with tree.source_fixes_lifted(["README"]):  # another file: nothing lifted
        assert "register typeof" in path.read_text()
    assert buildcheck._apply(tree, series_patch, result, 0), result.notes
    text = path.read_text()
    assert "\t1\n" in text and "register typeof(*(p)) __r2" in text  # applied, fixed again
    assert git(tree.path, "show", f"HEAD:{_UACCESS}").count("register const typeof") == 1


def test_attribute_alias_is_silenced_only_where_the_tree_does_not(tmp_path: Path) -> None:
    cc = build.compiler(build.ARCHES["x86_64"], "gcc")
    syscalls = tmp_path / "include" / "linux" / "syscalls.h"
    syscalls.parent.mkdir(parents=True)
    syscalls.write_text("#define SYSCALL_DEFINEx(x, name, ...) /* an alias */\n")
    tree = build.Tree(tmp_path, "kbuild", tmp_path)
    assert build._silences_attribute_alias(tree, cc)
    assert "-Wno-attribute-alias" in tree.shims[0]
    syscalls.write_text('__diag_ignore(GCC, 8, "-Wattribute-alias", "...")\n')
    assert not build._silences_attribute_alias(build.Tree(tmp_path, "kbuild", tmp_path), cc)
