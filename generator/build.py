"""The one door to ``make``: the two kinds of tree, configuring, what a config builds.

Two kinds of tree are told apart by their files:

- ``kbuild``: a Linux tree (``Kconfig`` and ``scripts/Kbuild.include``).  Configured with
  ``make <config>`` (or a given ``.config`` and ``make olddefconfig``), then
  ``make prepare``; one object is ``make path/file.o``.
- ``plain``: a tree with a top-level Makefile and no Kbuild, like the demo tree:
  ``make path/file.o`` compiles one file, ``make`` all of them; no configuration.

Kbuild compiles ``make path/file.o`` whether or not the config selects it, so what the
config builds is asked from Kbuild itself: for each directory, ``scripts/Makefile.build``
is read with a small extra makefile that prints the directory's ``real-objs-y``,
``real-objs-m`` and ``lib-y`` (composite objects already expanded by ``Makefile.lib``) and
its ``subdir-ym``; the top-level ``vmlinux-dirs`` are the roots.  An object is built iff
it is listed in its directory and every directory above it is reached from a root.

Every shim an old tree needs with today's tools lives on the make command line or as an
untracked file in the scratch clone, and is listed in ``shims``: never in the series.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from . import proc, scratch
from .errors import ToolFailed, UserError

CONFIG_TARGET = re.compile(r"^[a-z0-9_.]*config$")
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

_TOP_MK = """\
cocci-series-dirs:
\t@echo 'cocci-series-dirs: $(vmlinux-dirs)'
cocci-series-objs:
\t$(Q)for d in $(COCCI_SERIES_DIRS); do \\
\t\t$(MAKE) $(build)=$$d -f $(COCCI_SERIES_MK) cocci-series-print || exit 1; done
"""
_DIR_MK = """\
cocci-series-print:
\t@echo 'cocci-series-dir: $(obj)'
\t@echo 'cocci-series-obj: $(sort $(real-objs-y) $(real-objs-m) $(lib-y))'
\t@echo 'cocci-series-sub: $(subdir-ym)'
"""


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
    config: str | None = None
    make_vars: list[str] = field(default_factory=list)  # VAR=value on every make line
    shims: list[str] = field(default_factory=list)  # what was added, for the report
    setup: list[tuple[str, float]] = field(default_factory=list)  # (command, seconds)
    _dirs: dict[str, tuple[set[str], set[str]]] = field(default_factory=dict)
    _roots: list[str] | None = None

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
        done = proc.run(argv, cwd=self.path, merge=True, errors="replace", timeout=MAKE_TIMEOUT)
        compiled = {o for o in watch if _mtime(self.path / o) not in (None, before[o])}
        return MakeRun(argv, done.returncode, done.stdout, done.seconds, compiled)

    def _make_quiet(self, *args: str) -> str:
        """A make run that must succeed (configuring, asking Kbuild); its output."""
        argv = ["make", "--no-print-directory", *self.make_vars, *args]
        done = proc.run(argv, cwd=self.path, errors="replace", timeout=MAKE_TIMEOUT)
        if done.returncode != 0:
            raise ToolFailed(argv, done.returncode, done.stdout + done.stderr)
        return done.stdout

    def all_objects(self) -> set[str]:
        """Every object a plain tree builds: one per .c file."""
        return {str(p.relative_to(self.path))[:-2] + ".o" for p in self.path.rglob("*.c")}

    # -- what the config builds ----------------------------------------------------------

    def forget_makefiles(self) -> None:
        """A patch changed a Makefile or Kbuild file: ask Kbuild again."""
        self._dirs.clear()
        self._roots = None

    def roots(self) -> list[str]:
        """Kbuild's top-level directories (``vmlinux-dirs``)."""
        if self._roots is None:
            out = self._make_quiet(
                "-s", "-f", "Makefile", "-f", str(self._top_mk()), "cocci-series-dirs"
            )
            line = next(ln for ln in out.splitlines() if ln.startswith("cocci-series-dirs:"))
            self._roots = line.split(":", 1)[1].split()
        return self._roots

    def root_of(self, path: str) -> str | None:
        """The Kbuild top-level directory PATH is under (the longest one), if any."""
        found = [r for r in self.roots() if path.startswith(r + "/")]
        return max(found, key=len) if found else None

    def built_by_config(self, objects: set[str]) -> set[str]:
        """Which of OBJECTS the configuration builds."""
        if self.kind == "plain":
            return {o for o in objects if (self.path / o).with_suffix(".c").is_file()}
        wanted: set[str] = set()
        for obj in objects:
            root = self.root_of(obj)
            if root is None:
                continue
            parts = os.path.dirname(obj).split("/")
            for depth in range(len(root.split("/")), len(parts) + 1):
                wanted.add("/".join(parts[:depth]))
        self._ask_kbuild(sorted(d for d in wanted if d not in self._dirs))
        return {
            o
            for o in objects
            if self._reached(os.path.dirname(o)) and o in self._dirs[os.path.dirname(o)][0]
        }

    def _reached(self, directory: str) -> bool:
        if directory in self.roots():
            return True
        parent = os.path.dirname(directory)
        if not parent or parent not in self._dirs:
            return False
        return directory in self._dirs[parent][1] and self._reached(parent)

    def _ask_kbuild(self, directories: list[str]) -> None:
        for start in range(0, len(directories), 200):
            batch = [d for d in directories[start : start + 200] if (self.path / d).is_dir()]
            for d in directories[start : start + 200]:
                self._dirs.setdefault(d, (set(), set()))
            if not batch:
                continue
            out = self._make_quiet(
                "-s", "-f", "Makefile", "-f", str(self._top_mk()), "cocci-series-objs",
                f"COCCI_SERIES_DIRS={' '.join(batch)}", f"COCCI_SERIES_MK={self._dir_mk()}",
            )  # fmt: skip
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


def _timed(tree: Tree, *args: str) -> None:
    argv = ["make", f"-j{tree.jobs}", *tree.make_vars, *args]
    done = proc.run(argv, cwd=tree.path, errors="replace", timeout=MAKE_TIMEOUT)
    if done.returncode != 0:
        raise ToolFailed(argv, done.returncode, done.stdout + done.stderr)
    tree.setup.append((shlex.join(argv), done.seconds))


def prepare(path: Path, work: Path, *, config: str, jobs: int) -> Tree:
    """Detect the tree kind, add the shims it needs, configure and prepare it."""
    kind = detect(path)
    tree = Tree(path, kind, work, jobs=jobs)
    if shutil.which("ccache"):
        tree.make_vars.append("CC=ccache gcc")
        tree.shims.append("CC='ccache gcc' (ccache found)")
    if kind == "plain":
        return tree
    include = (path / "scripts" / "Kbuild.include").read_text(encoding="utf-8", errors="replace")
    if _OLD_MAKE_CMD in include and make_version() >= (4, 3):
        tree.make_vars.extend(MAKE_CMD_FIX)
        tree.shims.append(
            "make 'pound=#' 'make-cmd=...' (old kbuild make-cmd under make >= 4.3: "
            "without it every object is rebuilt on every make)"
        )
    tree.make_vars.append(f"KCFLAGS={STRICT_KCFLAGS}")
    tree.shims.append(f"KCFLAGS='{STRICT_KCFLAGS}' (errors newer compilers give)")
    if not (path / ".scmversion").exists():
        scratch.inside(path, ".scmversion").write_text("", encoding="utf-8")
        tree.shims.append(
            ".scmversion (empty, untracked): the release string does not follow HEAD, "
            "so applying a patch does not rebuild what includes utsrelease.h"
        )
    given = Path(config)
    hint = "pass defconfig, allmodconfig (or another *config target), or a .config file"
    if not given.is_file() and not CONFIG_TARGET.match(config):
        raise UserError(f"--config {config!r}: neither a file nor a config target", hint=hint)
    if given.is_file():
        shutil.copyfile(given, scratch.inside(path, ".config"))
    try:
        _timed(tree, "olddefconfig" if given.is_file() else config)
    except ToolFailed as exc:
        raise UserError(f"--config {config!r}: {exc.message}", hint=hint) from exc
    tree.config = str(given) if given.is_file() else config
    _timed(tree, "prepare", "scripts")  # what every `make path/file.o` depends on
    return tree
