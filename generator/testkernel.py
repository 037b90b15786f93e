"""The kernels ``check --run`` boots: how to configure, build and boot each.

``Uml``: the scratch clone as User-Mode Linux (``ARCH=um vmlinux``), booted as a host
process with a hostfs root whose ``/init`` is the probe.  ``Qemu``: the clone as x86_64
(``bzImage``) under QEMU, KVM when it runs a guest here, else TCG, with the probe (and
its 32-bit build, for the compat system calls) in an initramfs; there, unlike UML,
``__copy_{from,to}_user()`` do not check the range, so a missing ``access_ok()`` shows.
What a boot printed becomes a ``Boot`` (``parse_console``).

Every shim an old tree needs with today's toolchain is on the make command line or an
untracked file outside the clone, and listed in ``shims``: never in the series.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from . import build, initramfs, probe, proc
from . import git as gitops
from .errors import ToolFailed, UserError

# What the probe needs on any kernel: /proc, /proc/sys (ping_group_range; RDS's init
# fails without sysctl), /proc/kallsyms (psock_tpacket), a tmpfs /dev, modules, and the
# socket families of its cases.  On top of allnoconfig (the default: nothing the probe
# does not use is built, so a patch to a header rebuilds less) or of defconfig.
PROBE_FRAGMENT = """\
CONFIG_BINFMT_ELF=y
CONFIG_PRINTK=y
CONFIG_FUTEX=y
CONFIG_SHMEM=y
CONFIG_SYSFS=y
CONFIG_MODULES=y
CONFIG_MODULE_UNLOAD=y
CONFIG_PROC_FS=y
CONFIG_PROC_SYSCTL=y
CONFIG_KALLSYMS=y
CONFIG_TMPFS=y
CONFIG_NET=y
CONFIG_UNIX=y
CONFIG_INET=y
CONFIG_IPV6=y
CONFIG_PACKET=y
CONFIG_NET_KEY=y
CONFIG_IP_SCTP=y
CONFIG_IP_DCCP=y
CONFIG_RDS=y
CONFIG_NETDEVICES=y
CONFIG_NET_CORE=y
CONFIG_TUN=y
CONFIG_CRYPTO=y
CONFIG_CRYPTO_USER_API_HASH=y
CONFIG_CRYPTO_USER_API_SKCIPHER=y
CONFIG_CRYPTO_SHA256=y
CONFIG_CRYPTO_AES=y
CONFIG_CRYPTO_ECB=y
"""
# UML: 64-bit, a static ELF init from hostfs (mounted as root by the block-device root
# code, hence CONFIG_BLOCK), the console on the host's stdout.
UM_FRAGMENT = (
    """\
CONFIG_64BIT=y
CONFIG_BLOCK=y
CONFIG_NULL_CHAN=y
CONFIG_STDERR_CONSOLE=y
CONFIG_HOSTFS=y
"""
    + PROBE_FRAGMENT
)
# x86_64: an initramfs, 32-bit programs (the compat probe), the console on ttyS0.
X86_FRAGMENT = (
    """\
CONFIG_64BIT=y
CONFIG_BLK_DEV_INITRD=y
CONFIG_IA32_EMULATION=y
CONFIG_TTY=y
CONFIG_SERIAL_8250=y
CONFIG_SERIAL_8250_CONSOLE=y
"""
    + PROBE_FRAGMENT
)

# 3.18's UML host-side files with today's glibc: major()/minor()/makedev() moved to
# <sys/sysmacros.h>, and `struct ucontext` is `ucontext_t`.  Only the files built for
# the host (-D__UM_HOST__) see it.
UM_SHIM_HEADER = """\
/* cocci-series: 3.18 UML host-side files with today's glibc (forced include) */
#ifdef __UM_HOST__
#include <sys/sysmacros.h>
#define ucontext ucontext_t
#endif
"""

SELFTESTS = ("socket", "psock_fanout", "psock_tpacket")
# glibc's AVX/AVX-512 string functions lose their registers under 3.18 UML: the
# selftests (glibc programs) are steered onto the SSE2 ones, which it saves
SELFTEST_TUNABLES = (
    "glibc.cpu.hwcaps=-AVX_Usable,-AVX2_Usable,-AVX512F_Usable,-AVX512BW_Usable,"
    "-AVX512VL_Usable,-AVX,-AVX2,-AVX512F,-AVX512BW,-AVX512VL,-EVEX,-ERMS"
)

_CASE = re.compile(r"^(?:cocci-kmod: )?(PASS|FAIL|SKIP) (\S+?)(?:: (.*))?\s*$")
_OBS = re.compile(r"^cocci-kmod: OBS (\S+) (\S+)\s*$")
_SUMMARY = re.compile(r"^probe: (\d+) passed, (\d+) failed, (\d+) skipped")


# -- what a boot printed --------------------------------------------------------------


@dataclass
class Boot:
    cases: dict[str, str] = field(default_factory=dict)  # name -> PASS/FAIL/SKIP
    why: dict[str, str] = field(default_factory=dict)  # name -> the probe's reason
    observed: dict[str, str] = field(default_factory=dict)  # kmod observations
    finished: bool = False  # the probe's summary line came
    seconds: float = 0.0
    exit: str = ""  # how the kernel ended: "powered off", "timeout after Ns", "exit N"


def parse_console(text: str) -> Boot:
    """The cases, reasons and observations a boot printed (the console log)."""
    boot = Boot()
    for raw in text.splitlines():
        line = raw.strip("\r")
        if m := _OBS.match(line):
            boot.observed[m[1]] = m[2]
        elif m := _CASE.match(line):
            boot.cases[m[2]] = m[1]
            if m[3]:
                boot.why[m[2]] = m[3]
        elif _SUMMARY.match(line):
            boot.finished = True
    boot.cases["boot"] = "PASS" if boot.finished else "FAIL"
    return boot


# -- the kernels under test -----------------------------------------------------------


@dataclass
class TestKernel:
    """A scratch clone configured, built and booted with the probe as init."""

    clone: Path
    logs: Path  # kept after the run: console logs, the root, shim files
    jobs: int
    timeout: float
    config: str = "allnoconfig"  # the config target the fragment goes on
    make_vars: list[str] = field(default_factory=list)
    shims: list[str] = field(default_factory=list)
    config_missing: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # how it boots (accelerator ...)

    arch: ClassVar[str] = ""  # ARCH=
    srcarch: ClassVar[str] = ""  # its directory under arch/ (ARCH=x86_64 is arch/x86)
    name: ClassVar[str] = ""  # as --run-kernel names it
    fragment: ClassVar[str] = ""  # the config options the probe needs on this kernel
    targets: ClassVar[tuple[str, ...]] = ()  # what one build makes
    image_path: ClassVar[str] = ""  # the kernel that boots, in the clone

    @property
    def root(self) -> Path:
        """The probe's root directory: its files (probe, module, selftests)."""
        return self.logs / "root"

    @property
    def image(self) -> Path:
        return self.clone / self.image_path

    def argv(self, *targets: str) -> list[str]:
        return ["make", f"-j{self.jobs}", f"ARCH={self.arch}", *self.make_vars, *targets]

    def _make(self, *targets: str, cwd: Path | None = None) -> tuple[int, str, float]:
        done = proc.run(
            self.argv(*targets), cwd=cwd or self.clone, merge=True, errors="replace", timeout=None
        )
        return done.returncode, done.stdout, done.seconds

    def _shims(self) -> None:
        """What this kernel needs of the old tree with today's tools (make variables)."""

    def prepare(self) -> list[tuple[str, float]]:
        """Shims, the config (the target + the fragment); what it ran, with times."""
        setup = []
        if shutil.which("ccache"):
            self.make_vars.append("CC=ccache gcc")
            self.shims.append("CC='ccache gcc' (ccache found)")
        include = (self.clone / "scripts" / "Kbuild.include").read_text(
            encoding="utf-8", errors="replace"
        )
        if build._OLD_MAKE_CMD in include and build.make_version() >= (4, 3):
            self.make_vars.extend(build.MAKE_CMD_FIX)
            self.shims.append(
                "make 'pound=#' 'make-cmd=...' (old kbuild make-cmd under make >= 4.3: "
                "without it every object is rebuilt on every make)"
            )
        self._shims()
        scm = self.clone / ".scmversion"
        if not scm.exists():
            scm.write_text("", encoding="utf-8")
            self.shims.append(".scmversion (empty, untracked): no rebuild of what "
                              "includes utsrelease.h when HEAD moves")  # fmt: skip
        fragment = self.logs / f"{self.name}-probe.config"
        fragment.write_text(self.fragment, encoding="utf-8")
        config = self.clone / ".config"
        steps: list[list[str]]
        if self.config.startswith("all"):  # the fragment as the preset values
            steps = [[self.config, f"KCONFIG_ALLCONFIG={fragment}"]]
        else:  # the fragment over the target's config
            steps = [[self.config], ["olddefconfig"]]
        for number, step in enumerate(steps):
            if number:
                with config.open("a", encoding="utf-8") as f:
                    f.write(self.fragment)
            rc, out, seconds = self._make(*step)
            if rc != 0:
                raise UserError(
                    f"--run-config {self.config}: {shlex.join(self.argv(*step))} failed: "
                    + (out.strip().splitlines() or [""])[-1],
                    hint="pass allnoconfig, defconfig or another *config target",
                )
            setup.append((shlex.join(self.argv(*step)), seconds))
        have = set(config.read_text(encoding="utf-8", errors="replace").splitlines())
        self.config_missing = [o for o in self.fragment.splitlines() if o not in have]
        shutil.copyfile(config, self.logs / "config")
        return setup

    def build(self) -> tuple[bool, float, str]:
        """The kernel and what modules need (scripts/mod): ok, seconds, make's last lines."""
        rc, out, seconds = self._make(*self.targets, "modules_prepare")
        tail = "\n".join(out.strip().splitlines()[-8:])
        return rc == 0 and self.image.is_file(), seconds, tail

    def scratch_build(self, work: Path) -> float:
        """For comparison: the clone's commit built from nothing, ccache off; seconds."""
        other = work / "from-scratch"
        head = gitops.run(self.clone, "rev-parse", "HEAD").strip()
        if not other.is_dir():
            gitops.run(self.clone, "clone", "-q", "--shared", "--no-checkout", ".", str(other))
        gitops.run(other, "fetch", "-q", str(self.clone), head)
        gitops.run(other, "checkout", "-q", "--detach", head)
        gitops.run(other, "clean", "-q", "-fdx")
        shutil.copyfile(self.clone / ".config", other / ".config")
        shutil.copyfile(self.clone / ".scmversion", other / ".scmversion")
        plain = [v if v != "CC=ccache gcc" else "CC=gcc" for v in self.make_vars]
        argv = ["make", f"-j{self.jobs}", f"ARCH={self.arch}", *plain, "olddefconfig",
                *self.targets]  # fmt: skip
        done = proc.run(argv, cwd=other, env={"CCACHE_DISABLE": "1"}, merge=True, timeout=None)
        if done.returncode != 0:
            raise ToolFailed(argv, done.returncode, done.stdout)
        return done.seconds

    def build_module(self, work: Path, dest: Path) -> tuple[bool, float, str]:
        """The caller module, out of tree against the clone, as DEST."""
        src = work / "kmod"
        shutil.rmtree(src, ignore_errors=True)
        shutil.copytree(probe.KMOD, src)
        rc, out, seconds = self._make("-C", str(self.clone), f"M={src}", "modules")
        ko = src / "cocci_kmod.ko"
        if rc == 0 and ko.is_file():
            shutil.copyfile(ko, dest)
            return True, seconds, ""
        return False, seconds, "\n".join(out.strip().splitlines()[-8:])

    def init_env(self, selftests: list[str], kmod: str = "kmod.ko") -> list[str]:
        """KEY=VALUE words of the kernel command line: the probe's environment."""
        env = []
        if (self.root / kmod).is_file():
            env.append(f"COCCI_KMOD=/{kmod}")
        if selftests:
            env.append("COCCI_SELFTESTS=" + ",".join(selftests))
            if self.name == "um":
                env.append(f"GLIBC_TUNABLES={SELFTEST_TUNABLES}")
        return env

    def boot_argv(
        self, tag: str, selftests: list[str], kernel: str | None = None, kept: int | None = None
    ) -> list[str]:
        """How to boot KERNEL (default: the clone's); KEPT: with what keep(KEPT) kept."""
        raise NotImplementedError

    def keep(self, number: int) -> list[Path]:
        """Copies of what booted (the kernel, its initramfs), to boot it again by hand."""
        kept = self.logs / f"{self.image.name}-{number}"
        shutil.copyfile(self.image, kept)
        os.chmod(kept, 0o755)
        return [kept]

    def kept_boot_argv(self, number: int, selftests: list[str]) -> list[str] | None:
        kept = self.logs / f"{self.image.name}-{number}"
        if not kept.is_file():
            return None
        return self.boot_argv("again", selftests, str(kept), number)

    def _ready(self, tag: str) -> None:
        """Whatever a boot needs written first (the initramfs)."""

    def boot(self, tag: str, selftests: list[str]) -> tuple[Boot, Path]:
        """Boot once; the parsed console and where its log is kept.

        coreutils' timeout ends the kernel (and the processes it runs: one process
        group) so that the console up to then is kept.
        """
        log = self.logs / f"console-{tag}.log"
        self._ready(tag)
        argv = ["timeout", "-s", "KILL", f"{self.timeout:g}", *self.boot_argv(tag, selftests)]
        done = proc.run(
            argv,
            merge=True,
            errors="replace",
            env={"TMPDIR": str(self.logs / "tmp")},
            timeout=self.timeout + 60,
        )
        log.write_text(done.stdout, encoding="utf-8")
        late = done.seconds >= self.timeout  # timeout -s KILL kills its own group too
        if done.returncode == 0:
            how = "powered off"
        elif done.returncode in (124, 137) or (-done.returncode == 9 and late):
            how = f"timeout after {self.timeout:g}s"
        else:
            how = done.how()
        boot = parse_console(done.stdout)
        boot.seconds, boot.exit = done.seconds, how
        if not boot.finished:
            boot.why["boot"] = f"no probe summary ({how}); console: {log}"
        return boot, log


@dataclass
class Uml(TestKernel):
    """User-Mode Linux: a host process, with a hostfs root (the probe's directory)."""

    arch = "um"
    srcarch = "um"
    name = "um"
    fragment = UM_FRAGMENT
    targets = ("vmlinux",)
    image_path = "vmlinux"

    def _shims(self) -> None:
        if (self.clone / "arch" / "um" / "os-Linux" / "file.c").is_file():
            header = self.logs / "shim" / "um-host-glibc.h"
            header.parent.mkdir(parents=True, exist_ok=True)
            header.write_text(UM_SHIM_HEADER, encoding="utf-8")
            self.make_vars.append(f"KCFLAGS=-include {header}")
            self.shims.append(
                f"KCFLAGS='-include {header}' (UML host-side files: <sys/sysmacros.h> "
                "and ucontext_t for today's glibc)"
            )
        self.notes.append("User-Mode Linux: a host process (no accelerator)")

    def keep(self, number: int) -> list[Path]:
        """The kernel, and the caller module built against it (in the root, for the probe)."""
        kept = super().keep(number)
        if (self.root / "kmod.ko").is_file():
            kept.append(self.root / f"kmod-{number}.ko")
            shutil.copyfile(self.root / "kmod.ko", kept[-1])
        return kept

    def boot_argv(
        self, tag: str, selftests: list[str], kernel: str | None = None, kept: int | None = None
    ) -> list[str]:
        (self.logs / "tmp").mkdir(exist_ok=True)
        kmod = "kmod.ko" if kept is None else f"kmod-{kept}.ko"
        return [
            kernel or str(self.image), "mem=256M", "root=/dev/root", "rootfstype=hostfs",
            f"rootflags={self.root}",
            "rw", "init=/probe", "con=null", "ssl=null", "con0=null,fd:1",
            f"uml_dir={self.logs / 'tmp'}", f"umid=cocci-{tag}",
            *self.init_env(selftests, kmod),
        ]  # fmt: skip


# binutils >= 2.31 links x86_64 with 4 KB segment alignment; 3.18's decompressor
# (parse_elf()) places each segment at its physical address and then overwrites its
# own input: mainline links vmlinux with 2 MB (arch/x86/Makefile, 4.16).
X86_LDFLAGS = "LDFLAGS=-m elf_x86_64 -z max-page-size=0x200000"


@dataclass
class Qemu(TestKernel):
    """x86_64 under QEMU (KVM when it runs a guest here, else TCG), the probe in an initramfs.

    The probe is /probe (``rdinit=``), with the 32-bit one as /probe32 (compat system
    calls); the console is ttyS0; the probe's restart at the end ends QEMU
    (``-no-reboot``: no ACPI in the config, so no power-off device).
    """

    arch = "x86_64"
    srcarch = "x86"
    name = "qemu"
    fragment = X86_FRAGMENT
    targets = ("bzImage",)
    image_path = "arch/x86/boot/bzImage"
    accel: str = ""
    accel_note: str = ""  # which accelerator and why, as it stands in notes

    def _shims(self) -> None:
        makefile = self.clone / "arch" / "x86" / "Makefile"
        if "max-page-size" not in makefile.read_text(encoding="utf-8", errors="replace"):
            self.make_vars.append(X86_LDFLAGS)
            self.shims.append(
                "LDFLAGS='-m elf_x86_64 -z max-page-size=0x200000' (today's ld aligns "
                "segments to 4 KB; 3.18's decompressor then overwrites its own input)"
            )
        self.accel, why = accelerator()
        self.accel_note = f"QEMU {self.accel.upper()}: {why}"
        self.notes.append(self.accel_note)

    @property
    def initramfs(self) -> Path:
        return self.logs / "initramfs.cpio"

    def _ready(self, tag: str) -> None:
        (self.logs / "tmp").mkdir(exist_ok=True)
        initramfs.write(self.initramfs, self.root)

    def boot_argv(
        self, tag: str, selftests: list[str], kernel: str | None = None, kept: int | None = None
    ) -> list[str]:
        initrd = self.initramfs if kept is None else self.logs / f"initramfs-{kept}.cpio"
        append = ["console=ttyS0", "panic=-1", "rdinit=/probe", "reboot=k", "COCCI_END=restart",
                  *self.init_env(selftests)]  # fmt: skip
        if (self.root / "probe32").is_file():
            append.append("COCCI_PROBE32=/probe32")
        return [
            "qemu-system-x86_64", "-accel", self.accel or "tcg",
            "-m", "256", "-nodefaults", "-display", "none", "-no-reboot",
            "-serial", "stdio", "-monitor", "none",
            "-kernel", kernel or str(self.image),
            "-initrd", str(initrd),
            "-append", " ".join(append),
        ]  # fmt: skip

    def boot(self, tag: str, selftests: list[str]) -> tuple[Boot, Path]:
        """Boot once; the base once more under TCG if it does not finish under KVM.

        The test guest of ``accelerator()`` proves that KVM runs code, not that it runs
        this kernel: on a nested host it can run the firmware and then hang in 3.18's
        decompressor.  The base decides, once, for every later boot.
        """
        kvm, log = super().boot(tag, selftests)
        if tag != "0" or self.accel != "kvm" or kvm.finished:
            return kvm, log
        kvm_log = log.with_name(f"console-{tag}-kvm.log")
        log.replace(kvm_log)
        self.accel = "tcg"
        boot, log = super().boot(tag, selftests)
        ended = f"finished in {boot.seconds:.1f}s" if boot.finished else "did not finish either"
        self.notes[self.notes.index(self.accel_note)] = self.accel_note = (
            f"QEMU TCG: KVM ran a test guest but not the base kernel (no probe summary, "
            f"{kvm.exit}; console: {kvm_log}); under TCG it {ended}: TCG from the base on"
        )
        return boot, log

    def keep(self, number: int) -> list[Path]:
        kept = super().keep(number)
        if self.initramfs.is_file():
            kept.append(self.logs / f"initramfs-{number}.cpio")
            shutil.copyfile(self.initramfs, kept[-1])
        return kept


def kernel_class(name: str) -> type[TestKernel]:
    kinds: dict[str, type[TestKernel]] = {"um": Uml, "qemu": Qemu}
    if name not in kinds:
        raise UserError(f"--run-kernel {name!r}: not a kernel check --run boots",
                        hint="pass um (User-Mode Linux) or qemu (x86_64 under QEMU)")  # fmt: skip
    if name == "qemu" and not shutil.which("qemu-system-x86_64"):
        raise UserError("--run-kernel qemu: qemu-system-x86_64 is not installed",
                        hint="on Debian or Ubuntu `apt-get install qemu-system-x86`, "
                        "or use --run-kernel um")  # fmt: skip
    return kinds[name]


# A firmware of 5 instructions' worth: at the reset vector, write 0x42 to the
# isa-debug-exit port, which ends QEMU with status (0x42 << 1) | 1.
_EXIT_BIOS = bytes(0xFFF0) + bytes([0xB0, 0x42, 0xE6, 0xF4, 0xF4]) + bytes(11)


def accelerator() -> tuple[str, str]:
    """``kvm`` when KVM runs a guest here (a one-instruction firmware), else ``tcg``; why.

    The guest's CPU is QEMU's default model with either: ``-cpu host`` trips an assertion
    of QEMU 7.2 on some hosts (``kvm_buf_set_msrs``) where the default model runs.
    """
    if not os.access("/dev/kvm", os.R_OK | os.W_OK):
        return "tcg", "no usable /dev/kvm"
    with tempfile.TemporaryDirectory(prefix="cocci-series-kvm-") as tmp:
        bios = Path(tmp) / "exit.bin"
        bios.write_bytes(_EXIT_BIOS)
        argv = ["qemu-system-x86_64", "-accel", "kvm", "-nodefaults",
                "-display", "none", "-no-reboot", "-m", "16", "-bios", str(bios),
                "-device", "isa-debug-exit,iobase=0xf4,iosize=1", "-monitor", "none",
                "-serial", "none"]  # fmt: skip
        done = proc.run(argv, merge=True, errors="replace", timeout=30)
    if done.returncode == (0x42 << 1) | 1:
        return "kvm", "KVM ran a test guest"
    last = (done.stdout.strip().splitlines() or [done.how()])[-1]
    return "tcg", f"KVM did not run a test guest ({last})"


def build_selftests(clone: Path, dest: Path) -> tuple[list[str], list[str]]:
    """The tree's net selftests that apply, static: (built, notes)."""
    built, notes = [], []
    src = clone / "tools" / "testing" / "selftests" / "net"
    for name in SELFTESTS:
        c = src / f"{name}.c"
        if not c.is_file():
            continue
        argv = ["gcc", "-O1", "-static", "-w", "-I", str(src), "-o", str(dest / name), str(c)]
        done = proc.run(argv, merge=True, errors="replace")
        if done.returncode == 0:
            built.append(name)
        else:
            last = (done.stdout.strip().splitlines() or ["?"])[-1]
            notes.append(f"selftest {name} does not build with the host's gcc: {last}")
    return built, notes
