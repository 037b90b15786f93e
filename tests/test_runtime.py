"""The run-time check: the probe on the host kernel, console parsing, judging a patch."""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
from pathlib import Path

import pytest

from generator import buildcheck, initramfs, probe, proc, runtime, testkernel
from generator.errors import UserError
from tests.conftest import run_cli

needs_gcc = pytest.mark.skipif(not shutil.which("gcc"), reason="no gcc")

CONSOLE = """\
Linux version 3.18.140 (root@host) ...
probe: start
PASS unix_stream
FAIL tcp4: recvmsg length (got 100, probe.c:10)
SKIP dccp4: no DCCP (errno 94)
cocci-kmod: PASS kmod_recvmsg
cocci-kmod: OBS kmod_recvmsg_kvec advanced
cocci-kmod: FAIL kmod_rx_loop_len: the loop did not receive every byte
PASS selftest:socket
probe: 3 passed, 2 failed, 1 skipped
reboot: System halted
"""


def test_console_is_parsed_into_cases_reasons_and_observations() -> None:
    boot = testkernel.parse_console(CONSOLE)
    assert boot.finished
    assert boot.cases == {
        "unix_stream": "PASS",
        "tcp4": "FAIL",
        "dccp4": "SKIP",
        "kmod_recvmsg": "PASS",
        "kmod_rx_loop_len": "FAIL",
        "selftest:socket": "PASS",
        "boot": "PASS",
    }
    assert boot.why["tcp4"] == "recvmsg length (got 100, probe.c:10)"
    assert boot.observed == {"kmod_recvmsg_kvec": "advanced"}


def test_a_console_without_the_summary_is_a_failed_boot() -> None:
    boot = testkernel.parse_console("Kernel panic - not syncing: Attempted to kill init!\n")
    assert not boot.finished
    assert boot.cases == {"boot": "FAIL"}


def _patch_run(console: str) -> runtime.PatchRun:
    pr = runtime.PatchRun(3, "net: a patch", "0003-net-a-patch.patch")
    pr.boot = testkernel.parse_console(console)
    return pr


def test_a_case_passing_at_the_base_must_pass_and_one_failing_there_is_not_blamed() -> None:
    base = testkernel.parse_console(CONSOLE)
    later = CONSOLE.replace("PASS unix_stream", "FAIL unix_stream: byte at (got 7)")
    later = later.replace("FAIL tcp4: recvmsg", "FAIL tcp4: still broken")
    pr = _patch_run(later)
    runtime._judge(
        pr, runtime._passing(base.cases, 0), base.observed, runtime.Expectations(None, {}), ["s"]
    )
    assert pr.status == "REGRESSED"
    assert pr.regressions == ["unix_stream: PASS at the base, FAIL here (byte at (got 7))"]


def test_a_case_that_disappears_or_a_boot_that_dies_is_a_regression() -> None:
    base = testkernel.parse_console(CONSOLE)
    pr = _patch_run("probe: start\nPASS unix_stream\n")
    runtime._judge(
        pr, runtime._passing(base.cases, 0), base.observed, runtime.Expectations(None, {}), []
    )
    names = [r.split(": PASS")[0] for r in pr.regressions]
    assert names == ["kmod_recvmsg", "selftest:socket", "boot"]


def test_observations_follow_the_expectations_per_patch_range(tmp_path: Path) -> None:
    toml = tmp_path / "runtime.toml"
    toml.write_text(
        '[observe.kmod_recvmsg_kvec]\nbase = "advanced"\n"net: second" = "unchanged"\n',
        encoding="utf-8",
    )
    expect = runtime.load_expectations(toml)
    assert expect.value("kmod_recvmsg_kvec", ["net: first"]) == "advanced"
    assert expect.value("kmod_recvmsg_kvec", ["net: first", "net: second", "x"]) == "unchanged"
    assert expect.value("other", ["net: second"]) is None
    base = testkernel.parse_console(CONSOLE)
    changed = CONSOLE.replace("kvec advanced", "kvec unchanged")
    early = _patch_run(changed)
    runtime._judge(early, runtime._passing(base.cases, 0), base.observed, expect, ["net: first"])
    assert early.observed_unexpected == ["kmod_recvmsg_kvec: unchanged, expected advanced"]
    on_time = _patch_run(changed)
    runtime._judge(
        on_time,
        runtime._passing(base.cases, 0),
        base.observed,
        expect,
        ["net: first", "net: second"],
    )
    assert on_time.status == "ok"
    unlisted = _patch_run(changed)
    runtime._judge(
        unlisted, runtime._passing(base.cases, 0), base.observed, runtime.Expectations(None, {}), []
    )
    assert unlisted.status == "REGRESSED"


def test_bad_expectations_are_a_user_error(tmp_path: Path) -> None:
    toml = tmp_path / "runtime.toml"
    toml.write_text("[observe]\nkmod = 3\n", encoding="utf-8")
    with pytest.raises(runtime.UserError, match="observe"):
        runtime.load_expectations(toml)


def test_the_shipped_expectations_load() -> None:
    from generator import paths

    path = paths.series_dir() / "msghdr-iov-iter" / "runtime.toml"
    assert runtime.load_expectations(path).observe


def test_run_on_a_tree_without_arch_um_is_a_user_error(tmp_path: Path) -> None:
    series = tmp_path / "s"
    series.mkdir()
    (series / "0001-x.patch").write_text(
        "Subject: [PATCH] x\n\nbase-commit: 0000000\n---\ndiff --git a/x b/x\n", encoding="utf-8"
    )
    result = run_cli("check", str(series), "--run-only")
    assert result.exit_code == 1
    assert "base commit" in result.stderr or "arch/um" in result.stderr


def test_run_from_a_patch_the_series_lacks_is_a_user_error(tmp_path: Path) -> None:
    series = tmp_path / "s"
    series.mkdir()
    (series / "0001-x.patch").write_text(
        "Subject: [PATCH] x\n\nbase-commit: 0000000\n---\ndiff --git a/x b/x\n", encoding="utf-8"
    )
    result = run_cli("check", str(series), "--run-only", "--from", "2")
    assert result.exit_code == 1
    assert "--from 2: the series in" in result.stderr and "patches 1 to 1" in result.stderr


# -- x86_64 under QEMU -------------------------------------------------------------------


def _cpio_entries(data: bytes) -> list[tuple[str, int, tuple[int, int], bytes]]:
    """newc entries (name, mode, rdev, data), as the kernel's unpacker reads them."""
    entries, at = [], 0
    while True:
        assert data[at : at + 6] == b"070701" and at % 4 == 0
        f = [int(data[at + 6 + 8 * i : at + 14 + 8 * i], 16) for i in range(13)]
        name_at = at + 110
        name = data[name_at : name_at + f[11] - 1].decode()
        body = name_at + f[11] + (-(name_at + f[11]) % 4)
        entries.append((name, f[1], (f[9], f[10]), data[body : body + f[6]]))
        at = body + f[6] + (-(body + f[6]) % 4)
        if name == "TRAILER!!!":
            assert at == len(data)
            return entries


def test_the_initramfs_holds_the_root_and_a_console(tmp_path: Path) -> None:
    root = tmp_path / "root"
    (root / "selftests").mkdir(parents=True)
    (root / "proc").mkdir()
    (root / "probe").write_bytes(b"\x7fELF probe")
    (root / "probe").chmod(0o755)
    (root / "selftests" / "socket").write_bytes(b"abc")
    (root / "kmod.ko").write_bytes(b"module")
    data = initramfs.archive(root)
    assert data == initramfs.archive(root), "not the same bytes twice"
    entries = {name: (mode, rdev, body) for name, mode, rdev, body in _cpio_entries(data)}
    assert list(entries)[-1] == "TRAILER!!!"
    assert entries["dev/console"][0] == 0o020600 and entries["dev/console"][1] == (5, 1)
    assert entries["probe"] == (0o100755, (0, 0), b"\x7fELF probe")
    assert entries["kmod.ko"] == (0o100644, (0, 0), b"module")
    assert entries["selftests/socket"][2] == b"abc"
    assert entries["proc"][0] == 0o040755 and entries["dev"][0] == 0o040755


def test_the_qemu_boot_line(tmp_path: Path) -> None:
    kernel = testkernel.Qemu(tmp_path / "k", tmp_path / "logs", 2, 60.0, accel="kvm")
    kernel.root.mkdir(parents=True)
    (kernel.root / "kmod.ko").write_bytes(b"")
    (kernel.root / "probe32").write_bytes(b"")
    argv = kernel.boot_argv("3", ["socket", "psock_fanout"])
    assert argv[:3] == ["qemu-system-x86_64", "-accel", "kvm"] and "-no-reboot" in argv
    assert argv[argv.index("-kernel") + 1] == str(tmp_path / "k/arch/x86/boot/bzImage")
    assert argv[argv.index("-initrd") + 1] == str(kernel.initramfs)
    append = argv[argv.index("-append") + 1].split()
    want = ["console=ttyS0", "rdinit=/probe", "COCCI_END=restart", "COCCI_KMOD=/kmod.ko",
            "COCCI_PROBE32=/probe32", "COCCI_SELFTESTS=socket,psock_fanout"]  # fmt: skip
    assert set(want) <= set(append)
    assert not any(a.startswith("GLIBC_TUNABLES=") for a in append)  # a UML matter only
    uml = testkernel.Uml(tmp_path / "k", tmp_path / "logs", 2, 60.0)
    assert any(a.startswith("GLIBC_TUNABLES=") for a in uml.boot_argv("3", ["socket"]))


def test_a_base_that_does_not_finish_under_kvm_is_booted_under_tcg(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """KVM may run the test guest and then hang in the kernel (seen on a nested host)."""
    kernel = testkernel.Qemu(tmp_path / "k", tmp_path / "logs", 2, 60.0, accel="kvm")
    kernel.root.mkdir(parents=True)
    kernel.accel_note = "QEMU KVM: KVM ran a test guest"
    kernel.notes.append(kernel.accel_note)
    accels = []

    def qemu(argv: list[str], **_: object) -> proc.Completed:
        accels.append(argv[argv.index("-accel") + 1])
        if accels[-1] == "kvm":
            return proc.Completed(argv, -9, "", "", 60.0)  # timeout -s KILL, its group
        return proc.Completed(argv, 0, CONSOLE, "", 2.5)

    monkeypatch.setattr(testkernel.proc, "run", qemu)
    boot, log = kernel.boot("0", [])
    assert accels == ["kvm", "tcg"] and boot.finished and log.name == "console-0.log"
    assert (kernel.logs / "console-0-kvm.log").is_file()
    assert kernel.notes[0].startswith("QEMU TCG: KVM ran a test guest but not the base kernel")
    assert "timeout after 60s" in kernel.notes[0] and "finished in 2.5s" in kernel.notes[0]
    kernel.boot("1", [])
    assert accels == ["kvm", "tcg", "tcg"], "the base decides for every later boot"


def test_a_kept_boot_and_a_rebuild_load_the_module_built_against_that_patch(
    tmp_path: Path,
) -> None:
    """Not the last patch's module: --keep-going boots later patches after the failing one."""
    uml = testkernel.Uml(tmp_path / "k", tmp_path / "logs", 2, 60.0)
    uml.root.mkdir(parents=True)
    (tmp_path / "k").mkdir()
    (tmp_path / "k" / "vmlinux").write_bytes(b"")
    (uml.root / "kmod.ko").write_bytes(b"patch 3")
    uml.keep(3)
    (uml.root / "kmod.ko").write_bytes(b"patch 4")
    assert (uml.root / "kmod-3.ko").read_bytes() == b"patch 3"
    again = uml.kept_boot_argv(3, [])
    assert again and "COCCI_KMOD=/kmod-3.ko" in again and str(uml.logs / "vmlinux-3") in again
    patch = buildcheck.SeriesPatch(3, tmp_path / "0003-x.patch", "net: x", "")
    series = buildcheck.SeriesFiles(tmp_path, "0" * 40, (patch,) * 3)
    run = runtime.RunCheck(series, tmp_path, "0" * 40, "um", uml.logs, config="allnoconfig")
    text = run.reproduce(runtime.PatchRun(3, "net: x", patch.path.name), uml)
    rebuild = text.split("rebuild it: ")[1]
    assert ": > .scmversion" in rebuild, "else the release string is 3.18.140+: no module loads"
    assert "COCCI_KMOD=/kmod-3.ko" in rebuild.split(" && ")[-1]
    qemu = testkernel.Qemu(tmp_path / "k", tmp_path / "logs", 2, 60.0, accel="tcg")
    argv = qemu.boot_argv("again", [], "bzImage-3", 3)
    assert argv[argv.index("-initrd") + 1] == str(tmp_path / "logs" / "initramfs-3.cpio")


def test_each_kernel_names_the_arch_directory_it_builds() -> None:
    """ARCH=x86_64 builds arch/x86: a Linux tree has no arch/x86_64."""
    assert (testkernel.Uml.arch, testkernel.Uml.srcarch) == ("um", "um")
    assert (testkernel.Qemu.arch, testkernel.Qemu.srcarch) == ("x86_64", "x86")


def test_without_kvm_qemu_emulates(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(testkernel.os, "access", lambda *_: False)
    assert testkernel.accelerator() == ("tcg", "no usable /dev/kvm")


def test_a_kernel_check_run_cannot_boot_is_a_user_error(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(UserError, match="--run-kernel 'xen'"):
        testkernel.kernel_class("xen")
    monkeypatch.setattr(testkernel.shutil, "which", lambda _: None)
    with pytest.raises(UserError, match="qemu-system-x86_64 is not installed"):
        testkernel.kernel_class("qemu")
    assert testkernel.kernel_class("um") is testkernel.Uml


# -- the probe on the host kernel -------------------------------------------------------


@pytest.fixture(scope="module")
def probe_exe(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not shutil.which("gcc") or platform.machine() not in ("x86_64", "aarch64"):
        pytest.skip("no gcc, or an architecture the probe does not know")
    return probe.build(tmp_path_factory.mktemp("probe") / "probe")


def test_the_probe_passes_on_the_host_kernel_every_time(probe_exe: Path) -> None:
    """Every case passes or is skipped (a family this kernel lacks), the same way 5 times."""
    outputs = []
    for _ in range(5):
        proc = subprocess.run([str(probe_exe)], capture_output=True, text=True, timeout=60)
        outputs.append(proc.stdout)
        assert proc.returncode == 0, proc.stdout
    boot = testkernel.parse_console(outputs[0])
    assert boot.finished
    assert "FAIL" not in boot.cases.values(), outputs[0]
    assert boot.cases["udp4"] == "PASS" and boot.cases["tcp6"] == "PASS"
    assert all(out == outputs[0] for out in outputs), "the probe is not deterministic"


def test_the_compat_run_prefixes_its_cases_and_is_not_the_summary(probe_exe: Path) -> None:
    """Run with COCCI_PREFIX (as init runs the 32-bit probe): its lines are its own."""
    env = {**os.environ, "COCCI_PREFIX": "compat:"}
    out = subprocess.run([str(probe_exe), "udp4"], capture_output=True, text=True, env=env).stdout
    assert "PASS compat:udp4" in out.splitlines()
    assert "probe compat: 1 passed, 0 failed, 0 skipped" in out.splitlines()
    assert not testkernel.parse_console(out).finished


def test_the_probe_uses_no_vector_registers(probe_exe: Path) -> None:
    if not shutil.which("objdump"):
        pytest.skip("no objdump")
    cmd = ["objdump", "-d", str(probe_exe)]
    text = subprocess.run(cmd, capture_output=True, text=True).stdout
    assert "%xmm" not in text and "%ymm" not in text and "%zmm" not in text
    assert "v0." not in text  # aarch64 SIMD registers


@needs_gcc
@pytest.mark.skipif(platform.machine() != "x86_64", reason="compat: i386 on x86_64")
def test_the_compat_probe_passes_on_the_host_kernel(tmp_path: Path) -> None:
    try:
        exe = probe.build(tmp_path / "probe32", m32=True)
    except runtime.ToolFailed as exc:
        pytest.skip(f"gcc -m32 -nostdlib does not work here: {exc.message.splitlines()[0]}")
    try:
        proc = subprocess.run([str(exe)], capture_output=True, text=True, timeout=60)
    except OSError as exc:  # ENOEXEC: a kernel without IA32 emulation
        pytest.skip(f"the host kernel does not run i386 programs: {exc}")
    assert proc.returncode == 0, proc.stdout
    assert "FAIL" not in testkernel.parse_console(proc.stdout).cases.values()


# -- on a real kernel tree ---------------------------------------------------------------


@pytest.mark.skipif(not os.environ.get("KERNEL_TREE"), reason="KERNEL_TREE is not set")
def test_the_base_of_a_kernel_tree_boots_as_uml_with_the_probe(tmp_path: Path) -> None:
    """Slow (a UML build: minutes with a cold ccache): the base and one patch."""
    from generator import git as gitops
    from tests.conftest import git

    kernel = Path(os.environ["KERNEL_TREE"])
    clone = gitops.scratch_clone(kernel, "HEAD", tmp_path / "k")
    readme = clone / "Documentation" / "cocci-series-test.txt"
    readme.write_text("a file no build reads\n", encoding="utf-8")
    git(clone, "add", str(readme))
    git(clone, "commit", "-q", "-m", "doc: a file no build reads")
    base = gitops.resolve(kernel, "HEAD")
    out = tmp_path / "s"
    git(clone, "format-patch", "-q", "-o", str(out), f"--base={base}", "HEAD~1")
    run = runtime.check(out, kernel, jobs=2, logs=tmp_path / "logs")
    assert run.error is None, runtime.table(run)
    assert [pr.status for pr in run.runs] == ["ok", "ok"]
    assert run.runs[0].boot and run.runs[0].boot.cases["tcp4"] == "PASS"
    assert isinstance(buildcheck.read_series(out), buildcheck.SeriesFiles)


def test_what_differs_between_two_boots_of_the_base_is_unstable() -> None:
    first = testkernel.parse_console(CONSOLE)
    second = testkernel.parse_console(
        CONSOLE.replace("PASS selftest:socket", "FAIL selftest:socket: exit status 1")
    )
    assert runtime._unstable(first, second) == {"selftest:socket": "PASS then FAIL"}
    assert runtime._unstable(first, testkernel.parse_console(CONSOLE)) == {}


def test_the_table_lists_patches_cases_observations_and_the_base_failures(tmp_path: Path) -> None:
    series = buildcheck.SeriesFiles(tmp_path, "0" * 40, ())
    run = runtime.RunCheck(series, tmp_path, "0" * 40, "um", tmp_path / "logs")
    base = runtime.PatchRun(0, "(base)", "", status="ok", build_seconds=90.0)
    base.boot = testkernel.parse_console(CONSOLE)
    later = _patch_run(CONSOLE.replace("kvec advanced", "kvec unchanged"))
    later.status = "REGRESSED"
    later.observed_unexpected = ["kmod_recvmsg_kvec: unchanged, expected advanced"]
    run.runs = [base, later]
    text = runtime.table(run)
    assert "  0  (base)" in text and "REGRESSED" in text
    assert "  tcp4                         FF" in text
    assert "kmod_recvmsg_kvec: advanced (base), unchanged from patch 3" in text
    assert "tcp4: FAIL (recvmsg length (got 100, probe.c:10)) at the base" in text
    assert "patch 3: kmod_recvmsg_kvec: unchanged, expected advanced" in text


def test_the_table_says_where_a_case_failing_at_the_base_fails_otherwise(tmp_path: Path) -> None:
    """Seen on 3.18.140: tcp_repair_peek's wrong byte became EFAULT at a patch."""
    series = buildcheck.SeriesFiles(tmp_path, "0" * 40, ())
    run = runtime.RunCheck(series, tmp_path, "0" * 40, "um", tmp_path / "logs")
    base = runtime.PatchRun(0, "(base)", "", status="ok")
    base.boot = testkernel.parse_console(CONSOLE)
    same = _patch_run(CONSOLE)
    same.number = 2
    other = _patch_run(CONSOLE.replace("recvmsg length (got 100", "peek (got -14"))
    run.runs = [base, same, other]
    assert (
        "  tcp4: FAIL (recvmsg length (got 100, probe.c:10)) at the base, "
        "FAIL (peek (got -14, probe.c:10)) from patch 3\n" in runtime.table(run)
    )


def test_a_generated_series_finds_its_expectations(tmp_path: Path) -> None:
    (tmp_path / "series.json").write_text('{"series": "msghdr-iov-iter"}', encoding="utf-8")
    series = buildcheck.SeriesFiles(tmp_path, "0" * 40, ())
    path = runtime.default_expectations(series)
    assert path is not None and path.name == "runtime.toml"
    (tmp_path / "series.json").write_text('{"series": "no-such"}', encoding="utf-8")
    assert runtime.default_expectations(series) is None


def test_a_case_a_patch_made_pass_must_keep_passing() -> None:
    base = testkernel.parse_console(CONSOLE)
    passed = runtime._passing(base.cases, 0) | {"tcp4": 2}
    pr = _patch_run(CONSOLE)
    runtime._judge(pr, passed, base.observed, runtime.Expectations(None, {}), [])
    assert pr.regressions == [
        "tcp4: PASS since patch 2, FAIL here (recvmsg length (got 100, probe.c:10))"
    ]


@pytest.mark.skipif(
    not os.environ.get("KERNEL_TREE") or not shutil.which("qemu-system-x86_64"),
    reason="KERNEL_TREE is not set, or no qemu-system-x86_64",
)
def test_the_base_of_a_kernel_tree_boots_under_qemu_with_the_probe(tmp_path: Path) -> None:
    """Slow (an x86_64 build: minutes with a cold ccache): the base and the compat probe."""
    from tests.conftest import git

    kernel = Path(os.environ["KERNEL_TREE"])
    out = tmp_path / "s"
    clone = tmp_path / "k"
    git(tmp_path, "clone", "-q", "--shared", str(kernel), str(clone))
    readme = clone / "Documentation" / "cocci-series-test.txt"
    readme.write_text("a file no build reads\n", encoding="utf-8")
    git(clone, "add", str(readme))
    git(clone, "commit", "-q", "-m", "doc: a file no build reads")
    git(clone, "format-patch", "-q", "-o", str(out), "--base=HEAD~1", "HEAD~1")
    run = runtime.check(out, kernel, jobs=2, kernel="qemu", logs=tmp_path / "logs")
    assert run.error is None, runtime.table(run)
    base = run.runs[0].boot
    assert base and base.cases["tcp4"] == "PASS" and base.cases["compat_probe"] == "PASS"
    assert base.cases["compat:udp4"] == "PASS" and base.cases["sec_sendto_kernel_buf"] == "PASS"


def test_a_failure_that_passes_in_a_boot_of_the_same_kernel_again_is_unstable() -> None:
    """A selftest that fails once under load (psock_fanout at one patch of 3.18.140, passing
    before and after) is not blamed; one that fails in every boot stays a regression."""
    base = testkernel.parse_console(CONSOLE)
    passed = runtime._passing(base.cases, 0)
    failing = CONSOLE.replace("PASS selftest:socket", "FAIL selftest:socket: exit status 1")
    failing = failing.replace("PASS unix_stream", "FAIL unix_stream: byte at (got 7)")
    pr = _patch_run(failing)
    boots: list[int] = []

    def again(k: int) -> testkernel.Boot:
        boots.append(k)  # socket passes the second time, unix_stream never
        return testkernel.parse_console(
            CONSOLE.replace("PASS unix_stream", "FAIL unix_stream: byte at (got 7)")
        )

    assert runtime._flaky(pr, passed, again) == {
        "selftest:socket": "FAIL at patch 3, PASS in boot 2 of its kernel"
    }
    assert boots == [1, 2]
    assert runtime._flaky(pr, passed, lambda k: testkernel.parse_console(CONSOLE)) == {
        "selftest:socket": "FAIL at patch 3, PASS in boot 2 of its kernel",
        "unix_stream": "FAIL at patch 3, PASS in boot 2 of its kernel",
    }
