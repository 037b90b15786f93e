"""The one door to ``make``: the two kinds of tree, targets, configuring, what a config builds.

Two kinds of tree are told apart by their files:

- ``kbuild``: a Linux tree (``Kconfig`` and ``scripts/Kbuild.include``).  Configured with
  ``make <config>`` (or a given ``.config`` and ``make olddefconfig``), then
  ``make prepare scripts``; one object is ``make path/file.o``.
- ``plain``: a tree with a top-level Makefile and no Kbuild, like the demo tree:
  ``make path/file.o`` compiles one file, ``make`` all of them; no configuration.

A Kbuild tree is built for a ``Target``: an architecture (``ARCH=``, and the cross
compiler's ``CROSS_COMPILE=``) and a config.  The compiler may be wrapped (``ccache gcc``,
``distcc gcc``, ``icecc``): ``--cc``, else ``$CC``, else ccache when it is installed.

Kbuild compiles ``make path/file.o`` whether or not the config selects it, so what the
config builds is asked from Kbuild itself: for each directory that has a Kbuild file
(``Kbuild``, else ``Makefile``), ``scripts/Makefile.build`` is read with a small extra
makefile that prints the directory's ``real-objs-y``, ``real-objs-m`` and ``lib-y``
(composite objects already expanded by ``Makefile.lib``, with their paths: a directory may
list ``phy/phy_n.o`` of a subdirectory without a Makefile) and its ``subdir-ym``; the
top-level ``vmlinux-dirs`` are the roots.  An object is built iff a directory reached from
a root lists it, where a directory is reached iff it is a root or a reached directory above
it lists it in ``subdir-ym``.

Every shim an old tree needs with today's tools lives on the make command line or as an
untracked file in the scratch clone, and is listed in ``shims``: never in the series.  Each
is applied when a test of the tree and the compiler says it is needed (``_compat``).  A
line of the tree itself that today's compiler rejects, and that a later stable release
fixed (``SOURCE_FIXES``), is rewritten in the clone's work tree only: a patch of the series
that touches the file is applied to the file as committed (``Tree.source_fixes_lifted``),
then the fix is made again.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from . import git as gitops
from . import proc, scratch
from .errors import CocciSeriesError, ToolFailed, UserError

CONFIG_TARGET = re.compile(r"^[a-z0-9_.-]*config$")
# GNU make >= 4.3 no longer undoes the \# of old kbuild's make-cmd; mainline's fix
# ("kbuild: fix # escaping in .cmd files for future Make"), passed on the command line.
MAKE_CMD_FIX = (
    "pound=#",
    "make-cmd=$(call escsq,$(subst $(pound),$$(pound),$(subst $$,$$$$,$(cmd_$(1)))))",
)
MAKE_TIMEOUT = 12 * 3600.0  # seconds: a --full allmodconfig build of an old tree on 2 cores
_OLD_MAKE_CMD = r"make-cmd = $(call escsq,$(subst \#,\\\#,"
# gcc 12 only warns about these; newer compilers (and the patches' reviewers) reject them.
STRICT_KCFLAGS = "-Werror=incompatible-pointer-types -Werror=int-conversion"
WRAPPERS = ("ccache", "distcc", "icecc", "sccache")
# conf --silentoldconfig, with no terminal, on a symbol without a value:
#   "  number of Nand flash chip (1, 2) (HIFMC100_MAX_NAND_CHIP) [] (NEW) aborted!"
_ABORTED = re.compile(r"\((?P<symbol>\w+)\) \[[^\]\n]*\] \(NEW\) aborted!")
_INVALID = re.compile(r"warning: symbol value '[^']*' invalid for (?P<symbol>\w+)")
# Environment variables that change what Kbuild (or a plain Makefile) does (proc already
# drops make's own).
_MAKE_ENV_DROPPED = (
    *("O", "KBUILD_OUTPUT", "KCONFIG_CONFIG", "KBUILD_SRC", "KBUILD_EXTMOD"),
    *("ARCH", "SUBARCH", "CROSS_COMPILE", "CC", "HOSTCC", "KCFLAGS", "KAFLAGS", "KCPPFLAGS"),
    *("LOCALVERSION", "INSTALL_MOD_PATH"),
)

_TOP_MK = """\
cocci-series-info:
\t@echo 'cocci-series-dirs: $(vmlinux-dirs)'
\t@echo 'cocci-series-cflags: $(KBUILD_CFLAGS)'
\t@echo 'cocci-series-hostcflags: $(HOSTCFLAGS)'
cocci-series-objs:
\t$(Q)for d in $(COCCI_SERIES_DIRS); do \\
\t\t$(MAKE) $(build)=$$d -f $(COCCI_SERIES_MK) cocci-series-print \\
\t\t|| echo "cocci-series-failed: $$d"; done
"""
_DIR_MK = """\
cocci-series-print:
\t@echo 'cocci-series-dir: $(obj)'
\t@echo 'cocci-series-obj: $(sort $(real-objs-y) $(real-objs-m) $(lib-y))'
\t@echo 'cocci-series-sub: $(subdir-ym)'
"""


@dataclass(frozen=True)
class Arch:
    name: str  # as --arch names it
    kbuild: str  # ARCH=
    cross: str  # CROSS_COMPILE=, "" for the host's compiler
    package: str  # the Debian package with its compiler


ARCHES = {
    a.name: a
    for a in (
        Arch("x86_64", "x86_64", "", "gcc"),
        Arch("i386", "i386", "", "gcc"),
        Arch("arm", "arm", "arm-linux-gnueabi-", "gcc-arm-linux-gnueabi"),
        Arch("arm64", "arm64", "aarch64-linux-gnu-", "gcc-aarch64-linux-gnu"),
    )
}
DEFAULT_ARCH = "x86_64"
DEFAULT_CONFIG = "allmodconfig"


@dataclass(frozen=True)
class Target:
    """What one build is for: an architecture and a config (a *config target or a file)."""

    arch: Arch
    config: str

    @property
    def label(self) -> str:
        name = Path(self.config).name if Path(self.config).is_file() else self.config
        return f"{self.arch.name} {name}"


def targets(arches: list[str], configs: list[str]) -> list[Target]:
    """The targets of ``--arch`` (repeatable) and ``--config [ARCH:]CONFIG`` (repeatable).

    A config with an arch prefix is for that arch only; the others are for every arch
    without one.  Without ``--arch``: the arches the configs name, else x86_64.
    """
    hint = f"--arch is one of {', '.join(ARCHES)}"
    for name in arches:
        if name not in ARCHES:
            raise UserError(f"--arch {name!r}: unknown architecture", hint=hint)
    per_arch: dict[str, list[str]] = {}
    common: list[str] = []
    for config in configs:
        prefix, sep, rest = config.partition(":")
        if sep and prefix in ARCHES:
            per_arch.setdefault(prefix, []).append(rest)
        else:
            common.append(config)
    named = list(dict.fromkeys(arches)) or list(per_arch) or [DEFAULT_ARCH]
    for name in per_arch:
        if name not in named:
            raise UserError(
                f"--config {name}:...: {name} is not one of the --arch given ({', '.join(named)})",
                hint=f"add --arch {name}",
            )
    return [
        Target(ARCHES[name], config)
        for name in named
        for config in per_arch.get(name) or common or [DEFAULT_CONFIG]
    ]


@dataclass(frozen=True)
class SourceFix:
    """OLD, a text of the file at PATH that the compiler rejects when building for ARCH,
    and NEW, what a later stable release of the same tree has instead."""

    path: str
    arch: str  # an ARCHES name
    old: str
    new: str
    why: str


SOURCE_FIXES = (
    # Early 3.18.y (3.18.20, 3.18.31, 3.18.35, 3.18.79 seen; 3.18.119 and .140 have the
    # fix): __put_user_check() binds a const register variable to r2; see ``why``.
    SourceFix(
        "arch/arm/include/asm/uaccess.h",
        "arm",
        'register const typeof(*(p)) __r2 asm("r2")',
        'register typeof(*(p)) __r2 asm("r2")',
        "gcc 12 may keep a const register variable's value in another register, and "
        "put_user()'s __asmeq() check then stops the build (`Error: .err encountered`: "
        "net/tipc/socket.o on 3.18.20)",
    ),
)


@dataclass
class MakeRun:
    argv: list[str]
    returncode: int
    output: str  # stdout and stderr, interleaved as make printed them
    seconds: float
    compiled: set[str]  # objects whose file was written by this run


@dataclass
class Tree:
    """A scratch clone being built; KIND is "kbuild" or "plain"."""

    path: Path
    kind: str
    work: Path  # a private directory outside the clone, for helper makefiles and logs
    jobs: int = 1
    target: Target | None = None  # None: a plain tree, built for the host
    config: str | None = None
    make_vars: list[str] = field(default_factory=list)  # VAR=value on every make line
    make_env: dict[str, str] = field(default_factory=dict)  # in make's environment
    shims: list[str] = field(default_factory=list)  # what was added, for the report
    setup: list[tuple[str, float]] = field(default_factory=list)  # (command, seconds)
    unreadable: dict[str, str] = field(default_factory=dict)  # directory -> why Kbuild failed
    fixed: list[SourceFix] = field(default_factory=list)  # made in the work tree, not committed
    _dirs: dict[str, tuple[set[str], set[str]]] = field(default_factory=dict)
    _info: dict[str, str] | None = None

    # -- make ---------------------------------------------------------------------------

    def argv(self, *targets: str, keep_going: bool = True) -> list[str]:
        argv = ["make", f"-j{self.jobs}", "--output-sync=target", "--no-print-directory"]
        if keep_going:
            argv.append("-k")
        return [*argv, *self.make_vars, *targets]

    def make(self, *targets: str, watch: set[str] | None = None) -> MakeRun:
        """Run make on TARGETS; COMPILED says which of WATCH (objects) it wrote."""
        watch = watch or set()
        argv = self.argv(*targets)
        before = {o: _mtime(self.path / o) for o in watch}
        done = _run_make(argv, self.path, self.make_env, merge=True)
        compiled = {o for o in watch if _mtime(self.path / o) not in (None, before[o])}
        return MakeRun(argv, done.returncode, done.stdout, done.seconds, compiled)

    def _make_quiet(self, *args: str) -> str:
        """A make run that must succeed (configuring, asking Kbuild); its output."""
        argv = ["make", "--no-print-directory", *self.make_vars, *args]
        done = _run_make(argv, self.path, self.make_env)
        if done.returncode != 0:
            raise ToolFailed(argv, done.returncode, done.stdout + done.stderr)
        return done.stdout

    def all_objects(self) -> set[str]:
        """Every object a plain tree builds: one per .c file."""
        return {str(p.relative_to(self.path))[:-2] + ".o" for p in self.path.rglob("*.c")}

    # -- source fixes ----------------------------------------------------------------------

    def fix_sources(self) -> None:
        """Make each fix of ``fixed`` whose old text is in its file (again, after a patch)."""
        for fix in self.fixed:
            path = scratch.inside(self.path, fix.path)
            text = path.read_text(encoding="utf-8", errors="surrogateescape")
            if fix.old in text:
                path.write_text(
                    text.replace(fix.old, fix.new), encoding="utf-8", errors="surrogateescape"
                )

    @contextmanager
    def source_fixes_lifted(self, paths: Iterable[str]) -> Iterator[None]:
        """The fixed files among PATHS as committed while the block runs (a patch of the
        series applies to the tree's own text), then fixed again."""
        lifted = sorted({f.path for f in self.fixed} & set(paths))
        if lifted:
            gitops.run(self.path, "checkout", "--", *lifted)
        try:
            yield
        finally:
            if lifted:
                self.fix_sources()

    # -- what the config builds ----------------------------------------------------------

    def forget_makefiles(self) -> None:
        """A patch changed a Makefile or Kbuild file: ask Kbuild again."""
        self._dirs.clear()
        self.unreadable.clear()
        self._info = None

    def info(self) -> dict[str, str]:
        """Kbuild's top-level answers: ``dirs`` (vmlinux-dirs), ``cflags``, ``hostcflags``."""
        if self._info is None:
            out = self._make_quiet(
                "-s", "-f", "Makefile", "-f", str(self._top_mk()), "cocci-series-info"
            )
            self._info = {}
            for line in out.splitlines():
                key, sep, value = line.partition(": ")
                if sep and key.startswith("cocci-series-"):
                    self._info[key.removeprefix("cocci-series-")] = value.strip()
        return self._info

    def roots(self) -> list[str]:
        """Kbuild's top-level directories (``vmlinux-dirs``)."""
        return self.info().get("dirs", "").split()

    def root_of(self, path: str) -> str | None:
        """The Kbuild top-level directory PATH is under (the longest one), if any."""
        found = [r for r in self.roots() if path.startswith(r + "/")]
        return max(found, key=len) if found else None

    def _chain(self, obj: str) -> list[str]:
        """The directories from OBJ's root down to OBJ's own directory ([] outside a root)."""
        root = self.root_of(obj)
        if root is None:
            return []
        parts = os.path.dirname(obj).split("/")
        return ["/".join(parts[:depth]) for depth in range(len(root.split("/")), len(parts) + 1)]

    def _has_kbuild_file(self, directory: str) -> bool:
        return any((self.path / directory / name).is_file() for name in ("Kbuild", "Makefile"))

    def built_by_config(self, objects: set[str]) -> set[str]:
        """Which of OBJECTS the configuration builds."""
        if self.kind == "plain":
            return {o for o in objects if (self.path / o).with_suffix(".c").is_file()}
        wanted = {d for obj in objects for d in self._chain(obj)}
        self._ask_kbuild(sorted(d for d in wanted if d not in self._dirs))
        return {o for o in objects if self._listed(o)}

    def _listed(self, obj: str) -> bool:
        """A reached directory at or above OBJ lists it."""
        return any(
            obj in self._dirs.get(d, (set(), set()))[0] and self._reached(d)
            for d in self._chain(obj)
        )

    def _reached(self, directory: str) -> bool:
        if directory in self.roots():
            return True
        above = self._chain(directory + "/x.o")[:-1]
        return any(
            directory in self._dirs.get(d, (set(), set()))[1] and self._reached(d) for d in above
        )

    def _ask_kbuild(self, directories: list[str]) -> None:
        for d in directories:
            self._dirs.setdefault(d, (set(), set()))
        asked = [d for d in directories if self._has_kbuild_file(d)]
        for start in range(0, len(asked), 200):
            batch = asked[start : start + 200]
            out = self._make_quiet(
                "-s", "-f", "Makefile", "-f", str(self._top_mk()), "cocci-series-objs",
                f"COCCI_SERIES_DIRS={' '.join(batch)}", f"COCCI_SERIES_MK={self._dir_mk()}",
            )  # fmt: skip
            self.parse_answers(out)

    def parse_answers(self, out: str) -> None:
        """Read the per-directory lines ``cocci-series-objs`` printed."""
        current = ""
        for line in out.splitlines():
            key, _, value = line.partition(": ")
            if key == "cocci-series-dir":
                current = value.strip()
                self._dirs[current] = (set(), set())
            elif key == "cocci-series-obj" and current:
                self._dirs[current][0].update(value.split())
            elif key == "cocci-series-sub" and current:
                self._dirs[current][1].update(value.split())
            elif key == "cocci-series-failed":
                self.unreadable[value.strip()] = "make could not read its Kbuild file"

    def _top_mk(self) -> Path:
        path = self.work / "cocci-series-top.mk"
        if not path.exists():
            path.write_text(_TOP_MK, encoding="utf-8")
        return path

    def _dir_mk(self) -> Path:
        path = self.work / "cocci-series-dir.mk"
        if not path.exists():
            path.write_text(_DIR_MK, encoding="utf-8")
        return path


def _mtime(path: Path) -> int | None:
    try:
        return path.stat().st_mtime_ns
    except FileNotFoundError:
        return None


def _run_make(
    argv: list[str], cwd: Path, env: dict[str, str], *, merge: bool = False
) -> proc.Completed:
    """Make, without the environment variables that would change what it builds."""
    return proc.run(
        argv, cwd=cwd, env=env, merge=merge, errors="replace", timeout=MAKE_TIMEOUT,
        unset=_MAKE_ENV_DROPPED,
    )  # fmt: skip


def make_version() -> tuple[int, int]:
    m = re.search(r"GNU Make (\d+)\.(\d+)", proc.run(["make", "--version"]).stdout)
    return (int(m[1]), int(m[2])) if m else (0, 0)


def detect(path: Path) -> str:
    """``kbuild``, ``plain``; a tree with neither cannot be checked."""
    if (path / "Kconfig").is_file() and (path / "scripts" / "Kbuild.include").is_file():
        return "kbuild"
    if (path / "Makefile").is_file():
        return "plain"
    raise UserError(
        f"{path}: has no Makefile: cannot build it",
        hint="check a Linux tree (Kbuild) or a tree whose Makefile builds `make path/file.o`",
    )


# -- the compiler -----------------------------------------------------------------------


@dataclass(frozen=True)
class Compiler:
    """The C compiler make runs: WORDS (the wrapper first, if any), and where it came from."""

    words: tuple[str, ...]
    source: str  # "--cc", "$CC", "ccache found", "default"

    @property
    def real(self) -> str:
        """The compiler itself, without the wrapper."""
        return self.words[-1]

    @property
    def wrapped(self) -> bool:
        return len(self.words) > 1 or self.source in ("--cc", "$CC")


def compiler(arch: Arch, cc: str | None) -> Compiler:
    """The compiler for ARCH: ``--cc`` CC, else ``$CC``, else ccache when installed.

    A wrapper alone (``icecc``) gets the compiler appended; a plain ``gcc``/``cc`` becomes
    the cross compiler of ARCH (``distcc gcc`` for arm is ``distcc arm-linux-gnueabi-gcc``).
    """
    gcc = f"{arch.cross}gcc"
    source = "--cc" if cc else "$CC" if os.environ.get("CC") else ""
    text = cc or os.environ.get("CC", "")
    if not text:
        if shutil.which("ccache"):
            text, source = "ccache", "ccache found"
        else:
            text, source = gcc, "default"
    words = shlex.split(text)
    if not words:
        raise UserError(f"{source}: an empty compiler command", hint="pass --cc 'ccache gcc'")
    if os.path.basename(words[-1]) in WRAPPERS:
        words.append(gcc)
    elif words[-1] in ("gcc", "cc"):
        words[-1] = gcc
    for word in (words[0], words[-1]):
        if not shutil.which(word):
            raise UserError(
                f"compiler {word!r} ({source or 'default'}) is not installed",
                hint=_install_hint(arch, word),
            )
    return Compiler(tuple(words), source)


def _install_hint(arch: Arch, word: str) -> str:
    if word == f"{arch.cross}gcc" and arch.cross:
        return (
            f"--arch {arch.name} needs the cross compiler {word}: on Debian or Ubuntu "
            f"`sudo apt-get install {arch.package}`, or drop --arch {arch.name}"
        )
    return f"install {word} or pass --cc with a compiler command that is on PATH"


def _compiler_output(cc: str, *args: str) -> str:
    done = proc.run([cc, *args], errors="replace", timeout=60)
    return done.stdout if done.returncode == 0 else ""


# -- shims for old trees ----------------------------------------------------------------


def _compat_before_config(tree: Tree, cc: Compiler) -> None:
    """Shims that do not depend on the config: make's, the compiler's header, .scmversion."""
    path = tree.path
    include = (path / "scripts" / "Kbuild.include").read_text(encoding="utf-8", errors="replace")
    if _OLD_MAKE_CMD in include and make_version() >= (4, 3):
        tree.make_vars.extend(MAKE_CMD_FIX)
        tree.shims.append(
            "make 'pound=#' 'make-cmd=...' (old kbuild make-cmd under make >= 4.3: "
            "without it every object is rebuilt on every make)"
        )
    _compiler_header(tree, cc)
    _source_fixes(tree)
    _mediatek_drvgen(tree)
    if not (path / ".scmversion").exists():
        scratch.inside(path, ".scmversion").write_text("", encoding="utf-8")
        tree.shims.append(
            ".scmversion (empty, untracked): the release string does not follow HEAD, "
            "so applying a patch does not rebuild what includes utsrelease.h"
        )


def _source_fixes(tree: Tree) -> None:
    """The SOURCE_FIXES for the tree's arch whose old text the tree has."""
    arch = tree.target.arch.name if tree.target else None
    for fix in SOURCE_FIXES:
        path = tree.path / fix.path
        if fix.arch != arch or not path.is_file():
            continue
        if fix.old in path.read_text(encoding="utf-8", errors="replace"):
            tree.fixed.append(fix)
            tree.shims.append(
                f"{fix.path} (work tree only, lifted while a patch touching it applies): "
                f"'{fix.old}' -> '{fix.new}', as later 3.18.y: {fix.why}"
            )
    tree.fix_sources()


_DRVGEN = "scripts/drvgen/drvgen.mk"  # MediaTek's DCT generator, included by arch/*/Makefile


def _mediatek_drvgen(tree: Tree) -> None:
    """A MediaTek tree's archprepare makes cust.dtsi with ``$(python)
    $(srctree)/tools/dct/DrvGen.py``, a Python 2 script.  Built in the tree (``srctree``
    is ``.``) that prerequisite is ``tools/dct/DrvGen.py``, which the top Makefile's
    ``tools/%`` rule takes for a tools target ("output directory .../tools/tools/ does
    not exist"): vendors build with ``O=``.  An absolute ``srctree`` keeps the
    prerequisite a file, as ``O=`` would; ``CCACHE_BASEDIR`` then keeps ccache's hits
    across scratch clones."""
    if not (tree.path / _DRVGEN).is_file():
        return
    tree.make_vars.append(f"srctree={tree.path}")
    tree.make_env["CCACHE_BASEDIR"] = str(tree.path)
    tree.shims.append(
        f"srctree=<the clone> (MediaTek {_DRVGEN}: in-tree, make takes "
        "tools/dct/DrvGen.py for a tools/ target); CCACHE_BASEDIR=<the clone>"
    )
    python2 = _python2()
    if python2 is None:
        tree.shims.append(
            "no Python 2 found for tools/dct/DrvGen.py: where the config generates "
            "cust.dtsi, install python2 (or pyenv install 2.7.18)"
        )
        return
    tree.make_vars.append(f"python={python2}")
    tree.shims.append(f"python={python2} (tools/dct/DrvGen.py is Python 2)")


def _python2() -> str | None:
    """A Python 2 interpreter that runs (a pyenv shim may exist and refuse)."""
    pyenv = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    found = [shutil.which(name) for name in ("python2", "python2.7")]
    found += [str(p) for p in sorted(pyenv.glob("2.*/bin/python"), reverse=True)]
    for candidate in filter(None, found):
        try:
            done = proc.run([candidate, "-c", "import sys; sys.exit(sys.version_info[0] != 2)"],
                            timeout=30)  # fmt: skip
        except (OSError, CocciSeriesError):
            continue
        if done.returncode == 0:
            return candidate
    return None


_GCC_HEADER = re.compile(r"^\s*#\s*include\s+gcc_header\(__GNUC__\)", re.M)


def _compiler_header(tree: Tree, cc: Compiler) -> None:
    """linux/compiler-gccN.h for the compiler's major version, if the tree wants one."""
    headers = tree.path / "include" / "linux"
    main = headers / "compiler-gcc.h"
    if not main.is_file() or not _GCC_HEADER.search(main.read_text(errors="replace")):
        return  # one compiler-gcc.h for every version (3.18.y from about .60 on)
    major = _compiler_output(cc.real, "-dumpversion").strip().split(".")[0]
    if not major.isdigit() or (headers / f"compiler-gcc{major}.h").exists():
        return
    known = sorted(
        int(m[1])
        for p in headers.glob("compiler-gcc*.h")
        if (m := re.search(r"gcc(\d+)\.h$", p.name))
    )
    if not known:
        return
    newest = f"compiler-gcc{known[-1]}.h"
    scratch.inside(tree.path, f"include/linux/compiler-gcc{major}.h").write_text(
        f"/* cocci-series shim: gcc {major} is handled as gcc {known[-1]}, the newest this tree "
        f"knows */\n#include <linux/{newest}>\n",
        encoding="utf-8",
    )
    tree.shims.append(
        f"include/linux/compiler-gcc{major}.h (untracked): includes {newest}; the tree's "
        f"compiler-gcc.h includes compiler-gcc<major>.h and knows gcc {known[-1]} at most"
    )


def _compat_after_config(tree: Tree, cc: Compiler) -> None:
    """Shims that need Kbuild's flags for the config: PIE off."""
    info = tree.info()
    kcflags = [STRICT_KCFLAGS]
    tree.shims.append(f"KCFLAGS='{STRICT_KCFLAGS}' (errors newer compilers give)")
    cflags = info.get("cflags", "").split()
    predefined = _compiler_output(cc.real, "-dM", "-E", "-x", "c", "/dev/null")
    if "__PIE__" in predefined and not {"-fno-PIE", "-fno-pie"} & set(cflags):
        kcflags.append("-fno-PIE")
        tree.make_vars.append("KAFLAGS=-fno-PIE")
        tree.shims.append(
            f"KCFLAGS+=-fno-PIE KAFLAGS=-fno-PIE: {cc.real} builds position-independent code "
            "by default and the tree's flags do not turn it off "
            "(`code model kernel does not support PIC mode`)"
        )
    if _silences_attribute_alias(tree, cc):
        kcflags.append("-Wno-attribute-alias")
    tree.make_vars.append("KCFLAGS=" + " ".join(kcflags))


def _silences_attribute_alias(tree: Tree, cc: Compiler) -> bool:
    """gcc >= 8 warns on every SYSCALL_DEFINEx() alias of a tree older than mainline's
    "disable -Wattribute-alias warning for SYSCALL_DEFINEx()": noise on each patch that
    moves such a line, an error where a vendor's Makefile has -Werror."""
    syscalls = tree.path / "include" / "linux" / "syscalls.h"
    if not syscalls.is_file() or "attribute-alias" in syscalls.read_text(errors="replace"):
        return False
    probe = proc.run(
        [cc.real, "-Werror", "-Wattribute-alias", "-fsyntax-only", "-x", "c", "/dev/null"],
        errors="replace", timeout=60,
    )  # fmt: skip
    if probe.returncode != 0:
        return False
    tree.shims.append(
        "KCFLAGS+=-Wno-attribute-alias: the tree's SYSCALL_DEFINEx() aliases predate "
        f"mainline's silencing of this warning, which {cc.real} gives"
    )
    return True


_MULTIPLE = re.compile(r"multiple definition of [`'‘](?P<symbol>\w+)")


def _host_common(tree: Tree, output: str) -> bool:
    """Host tools that define a global twice (gcc >= 10 defaults to -fno-common): -fcommon.

    True when the shim was added (the failed make is worth running again).
    """
    m = _MULTIPLE.search(output)
    hostcflags = tree.info().get("hostcflags", "")
    if (
        not m
        or "-fcommon" in hostcflags.split()
        or any(v.startswith("HOSTCFLAGS=") for v in tree.make_vars)
    ):
        return False
    tree.make_vars.append(f"HOSTCFLAGS={hostcflags} -fcommon")
    tree.shims.append(
        f"HOSTCFLAGS=<the tree's> -fcommon: a host tool defines {m['symbol']} in two files, "
        "which gcc >= 10 (-fno-common by default) refuses to link"
    )
    return True


def _config_aborted(config: str, output: str) -> UserError | None:
    """A config that conf cannot complete without asking: the symbols, and what to do."""
    aborted = [m["symbol"] for m in _ABORTED.finditer(output)]
    if not aborted:
        return None
    others = [s for s in dict.fromkeys(m["symbol"] for m in _INVALID.finditer(output))]
    others = [s for s in others if s not in aborted]
    also = f" (also without a value: {', '.join(others)})" if others else ""
    return UserError(
        f"--config {config!r}: Kconfig symbol {aborted[0]} has no default and cannot be "
        f"asked for without a terminal{also}",
        hint=f"pass --config FILE: a .config that sets CONFIG_{aborted[0]}"
        + (" and the others" if others else "")
        + f" (e.g. `make {config}` in a copy of the tree, then edit .config)",
    )


def _timed(tree: Tree, *args: str) -> None:
    argv = ["make", f"-j{tree.jobs}", *tree.make_vars, *args]
    done = _run_make(argv, tree.path, tree.make_env)
    if done.returncode != 0:
        output = done.stdout + done.stderr
        if tree.config and (aborted := _config_aborted(tree.config, output)):
            raise aborted
        raise ToolFailed(argv, done.returncode, output)
    tree.setup.append((shlex.join(argv), done.seconds))


def prepare(
    path: Path, work: Path, *, target: Target | None = None, jobs: int, cc: str | None = None
) -> Tree:
    """Detect the tree kind, add the shims it needs, configure and prepare it for TARGET."""
    kind = detect(path)
    target = target or Target(ARCHES[DEFAULT_ARCH], DEFAULT_CONFIG)
    if kind == "plain" and target.arch.name != DEFAULT_ARCH:
        raise UserError(
            f"--arch {target.arch.name}: {path.name} has no Kbuild; it is built for the host only",
            hint="drop --arch, or check a Linux tree",
        )
    compiler_ = compiler(target.arch, cc)
    tree = Tree(path, kind, work, jobs=jobs, target=target if kind == "kbuild" else None)
    if compiler_.wrapped:
        tree.make_vars.append(f"CC={shlex.join(compiler_.words)}")
        tree.shims.append(f"CC='{shlex.join(compiler_.words)}' ({compiler_.source})")
    if any(os.path.basename(w) == "ccache" for w in compiler_.words):
        tree.make_env["CCACHE_NOHASHDIR"] = "1"
        tree.shims.append(
            "CCACHE_NOHASHDIR=1: ccache hits across scratch clones (with -g it would hash "
            "each clone's directory; the objects are thrown away)"
        )
    if kind == "plain":
        return tree
    tree.make_vars.insert(0, f"ARCH={target.arch.kbuild}")
    if target.arch.cross:
        tree.make_vars.insert(1, f"CROSS_COMPILE={target.arch.cross}")
    _compat_before_config(tree, compiler_)
    config = target.config
    given = Path(config)
    hint = "pass defconfig, allmodconfig (or another *config target), or a .config file"
    if not given.is_file() and not CONFIG_TARGET.match(config):
        raise UserError(f"--config {config!r}: neither a file nor a config target", hint=hint)
    if given.is_file():
        shutil.copyfile(given, scratch.inside(path, ".config"))
    tree.config = str(given) if given.is_file() else config
    try:
        _timed(tree, "olddefconfig" if given.is_file() else config)
    except ToolFailed as exc:
        raise UserError(f"--config {config!r}: {exc.message}", hint=hint) from exc
    try:
        tree.info()
    except ToolFailed as exc:
        raise _config_aborted(config, exc.output) or exc from None
    _compat_after_config(tree, compiler_)
    try:
        _timed(tree, "prepare", "scripts")  # what every `make path/file.o` depends on
    except ToolFailed as exc:
        if not _host_common(tree, exc.output):
            raise
        _timed(tree, "prepare", "scripts")
    return tree
