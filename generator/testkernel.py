"""The kernels ``check --run`` boots: how to configure, build and boot each.

``Uml``: the scratch clone as User-Mode Linux (``ARCH=um vmlinux``), booted as a host
process with a hostfs root whose ``/init`` is the probe.  What a boot printed becomes a
``Boot`` (``parse_console``).

Every shim an old tree needs with today's toolchain is on the make command line or an
untracked file outside the clone, and listed in ``shims``: never in the series.
"""

from __future__ import annotations

import re
import shlex
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from . import build, probe, proc
from . import git as gitops
from .errors import ToolFailed, UserError

# What the probe needs: a 64-bit UML that runs a static ELF init from hostfs (mounted
# as root by the block-device root code, hence CONFIG_BLOCK) with /proc, /proc/sys
# (ping_group_range; RDS's init fails without sysctl), /proc/kallsyms (psock_tpacket)
# and a tmpfs /dev, modules, and the socket families of its cases.  On top of
# allnoconfig (the default: nothing the probe does not use is built, so a patch to a
# header rebuilds less) or of defconfig.
CONFIG_FRAGMENT = """\
CONFIG_64BIT=y
CONFIG_BLOCK=y
CONFIG_BINFMT_ELF=y
CONFIG_NULL_CHAN=y
CONFIG_STDERR_CONSOLE=y
CONFIG_PRINTK=y
CONFIG_FUTEX=y
CONFIG_SHMEM=y
CONFIG_SYSFS=y
CONFIG_MODULES=y
CONFIG_MODULE_UNLOAD=y
CONFIG_HOSTFS=y
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


# -- the kernel under test ------------------------------------------------------------


@dataclass
class Uml:
    """A scratch clone built and booted as User-Mode Linux."""

    clone: Path
    logs: Path  # kept after the run: console logs, the root, the shim header
    jobs: int
    timeout: float
    config: str = "allnoconfig"  # the config target the fragment goes on
    make_vars: list[str] = field(default_factory=list)
    shims: list[str] = field(default_factory=list)
    config_missing: list[str] = field(default_factory=list)

    @property
    def root(self) -> Path:
        return self.logs / "root"

    @property
    def vmlinux(self) -> Path:
        return self.clone / "vmlinux"

    def argv(self, *targets: str) -> list[str]:
        return ["make", f"-j{self.jobs}", "ARCH=um", *self.make_vars, *targets]

    def _make(self, *targets: str, cwd: Path | None = None) -> tuple[int, str, float]:
        done = proc.run(
            self.argv(*targets), cwd=cwd or self.clone, merge=True, errors="replace", timeout=None
        )
        return done.returncode, done.stdout, done.seconds

    def prepare(self) -> list[tuple[str, float]]:
        """Shims, the config (defconfig + the fragment); what it ran, with times."""
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
        if (self.clone / "arch" / "um" / "os-Linux" / "file.c").is_file():
            header = self.logs / "shim" / "um-host-glibc.h"
            header.parent.mkdir(parents=True, exist_ok=True)
            header.write_text(UM_SHIM_HEADER, encoding="utf-8")
            self.make_vars.append(f"KCFLAGS=-include {header}")
            self.shims.append(
                f"KCFLAGS='-include {header}' (UML host-side files: <sys/sysmacros.h> "
                "and ucontext_t for today's glibc)"
            )
        scm = self.clone / ".scmversion"
        if not scm.exists():
            scm.write_text("", encoding="utf-8")
            self.shims.append(".scmversion (empty, untracked): no rebuild of what "
                              "includes utsrelease.h when HEAD moves")  # fmt: skip
        fragment = self.logs / "um-probe.config"
        fragment.write_text(CONFIG_FRAGMENT, encoding="utf-8")
        config = self.clone / ".config"
        steps: list[list[str]]
        if self.config.startswith("all"):  # the fragment as the preset values
            steps = [[self.config, f"KCONFIG_ALLCONFIG={fragment}"]]
        else:  # the fragment over the target's config
            steps = [[self.config], ["olddefconfig"]]
        for number, step in enumerate(steps):
            if number:
                with config.open("a", encoding="utf-8") as f:
                    f.write(CONFIG_FRAGMENT)
            rc, out, seconds = self._make(*step)
            if rc != 0:
                raise UserError(
                    f"--run-config {self.config}: {shlex.join(self.argv(*step))} failed: "
                    + (out.strip().splitlines() or [""])[-1],
                    hint="pass allnoconfig, defconfig or another *config target",
                )
            setup.append((shlex.join(self.argv(*step)), seconds))
        have = set(config.read_text(encoding="utf-8", errors="replace").splitlines())
        self.config_missing = [o for o in CONFIG_FRAGMENT.splitlines() if o not in have]
        shutil.copyfile(config, self.logs / "config")
        return setup

    def build(self) -> tuple[bool, float, str]:
        """vmlinux and what modules need (scripts/mod): ok, seconds, make's last lines."""
        rc, out, seconds = self._make("vmlinux", "modules_prepare")
        tail = "\n".join(out.strip().splitlines()[-8:])
        return rc == 0 and self.vmlinux.is_file(), seconds, tail

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
        argv = ["make", f"-j{self.jobs}", "ARCH=um", *plain, "olddefconfig", "vmlinux"]
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

    def boot_argv(self, tag: str, selftests: list[str], kernel: str | None = None) -> list[str]:
        argv = [
            kernel or str(self.vmlinux), "mem=256M", "root=/dev/root", "rootfstype=hostfs",
            f"rootflags={self.root}",
            "rw", "init=/probe", "con=null", "ssl=null", "con0=null,fd:1",
            f"uml_dir={self.logs / 'uml'}", f"umid=cocci-{tag}",
        ]  # fmt: skip
        if (self.root / "kmod.ko").is_file():
            argv.append("COCCI_KMOD=/kmod.ko")
        if selftests:
            argv.append("COCCI_SELFTESTS=" + ",".join(selftests))
            argv.append(f"GLIBC_TUNABLES={SELFTEST_TUNABLES}")
        return argv

    def boot(self, tag: str, selftests: list[str]) -> tuple[Boot, Path]:
        """Boot once; the parsed console and where its log is kept.

        coreutils' timeout ends the kernel (and the host processes that UML runs its
        processes in: one process group) so that the console up to then is kept.
        """
        log = self.logs / f"console-{tag}.log"
        (self.logs / "uml").mkdir(exist_ok=True)
        argv = ["timeout", "-s", "KILL", f"{self.timeout:g}", *self.boot_argv(tag, selftests)]
        done = proc.run(
            argv,
            merge=True,
            errors="replace",
            env={"TMPDIR": str(self.logs / "uml")},
            timeout=self.timeout + 60,
        )
        log.write_text(done.stdout, encoding="utf-8")
        if done.returncode == 0:
            how = "powered off"
        elif done.returncode in (124, 137):
            how = f"timeout after {self.timeout:g}s"
        else:
            how = done.how()
        boot = parse_console(done.stdout)
        boot.seconds, boot.exit = done.seconds, how
        if not boot.finished:
            boot.why["boot"] = f"no probe summary ({how}); console: {log}"
        return boot, log


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
