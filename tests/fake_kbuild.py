"""A small fake Kbuild tree: what ``build.py`` asks of Kbuild, in a few makefiles.

It has what tells a Kbuild tree apart (``Kconfig``, ``scripts/Kbuild.include``), a top
Makefile with ``vmlinux-dirs``, ``KBUILD_CFLAGS`` and ``HOSTCFLAGS``, config targets that
write a ``.config`` per ``ARCH``, and a ``scripts/Makefile.build`` that, like the real one,
includes a directory's ``Kbuild`` (else ``Makefile``, failing when there is neither) and
gives ``real-objs-y/m`` and ``subdir-ym`` with the directory prefixed.  ``make x/y.o``
compiles for real (``$(CC) -c``), printing Kbuild's quiet ``  CC      x/y.o`` line.

The tree (``make_tree``):

- ``net/socket.c``, ``net/core/sock.c``: always built;
- ``drivers/wl/Makefile`` lists ``phy/phy_n.o``: ``drivers/wl/phy/`` has no Makefile
  (3.18's brcmsmac);
- ``drivers/x64/only.c``: built only for ``ARCH=x86_64`` (its config says so);
- ``drivers/never/never.c``: listed under a symbol no config sets;
- ``include/linux/wl.h``: included by ``drivers/wl/phy/phy_n.c`` only.

A ``.config`` holding ``CONFIG_ASK=`` (empty) makes ``make prepare`` abort the way 3.18's
``conf --silentoldconfig`` does without a terminal.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

TOP = """\
ARCH ?= x86_64
CROSS_COMPILE ?=
CC = $(CROSS_COMPILE)gcc
Q = @
build := -f scripts/Makefile.build obj
vmlinux-dirs := net drivers
KBUILD_CFLAGS := -O2 -ffreestanding -Iinclude $(if $(filter i386,$(ARCH)),-m32)
HOSTCFLAGS = -O2 -Wall
export ARCH CC KBUILD_CFLAGS

%config:
\t@printf 'CONFIG_NET=y\\nCONFIG_WL=m\\n' > .config
\t@if [ $(ARCH) = x86_64 ]; then echo CONFIG_X64=y >> .config; fi
\t@if [ $@ = askconfig ]; then echo CONFIG_ASK= >> .config; fi
olddefconfig:
\t@test -f .config
prepare:
\t@if grep -q '^CONFIG_ASK=$$' .config; then \\
\t  echo '.config:3:warning: symbol value '"''"' invalid for OTHER_ASK'; \\
\t  echo '  chips (1, 2) (ASK) [] (NEW) aborted!'; exit 1; fi
scripts:
\t@true
%.o: %.c FORCE
\t@echo '  CC      $@'
\t$(Q)$(CC) $(KBUILD_CFLAGS) $(KCFLAGS) -c -o $@ $<
FORCE:
.PHONY: FORCE prepare scripts olddefconfig
"""

MAKEFILE_BUILD = """\
-include .config
src := $(obj)
kbuild-file := $(if $(wildcard $(src)/Kbuild),$(src)/Kbuild,$(src)/Makefile)
include $(kbuild-file)
real-objs-y := $(addprefix $(obj)/,$(filter-out %/,$(obj-y)))
real-objs-m := $(addprefix $(obj)/,$(filter-out %/,$(obj-m)))
subdir-ym := $(addprefix $(obj)/,$(patsubst %/,%,$(filter %/,$(obj-y) $(obj-m))))
"""

FILES = {
    "Makefile": TOP,
    "Kconfig": "",
    "scripts/Kbuild.include": "# fake\n",
    "scripts/Makefile.build": MAKEFILE_BUILD,
    "net/Makefile": "obj-y += socket.o core/\n",
    "net/core/Makefile": "obj-y += sock.o\n",
    "drivers/Makefile": (
        "obj-$(CONFIG_WL) += wl/\nobj-$(CONFIG_X64) += x64/\nobj-$(CONFIG_NEVER) += never/\n"
    ),
    "drivers/wl/Makefile": "obj-$(CONFIG_WL) += wl.o phy/phy_n.o\n",
    "drivers/x64/Makefile": "obj-y += only.o\n",
    "drivers/never/Makefile": "obj-y += never.o\n",
    "include/linux/wl.h": "static inline int wl_chips(void)\n{\n\treturn 1;\n}\n",
    "net/socket.c": "int sock_count(int a)\n{\n\treturn a + 1;\n}\n",
    "net/core/sock.c": "int sock_alloc(void)\n{\n\treturn 0;\n}\n",
    "drivers/wl/wl.c": "int wl_probe(void)\n{\n\treturn 0;\n}\n",
    "drivers/wl/phy/phy_n.c": (
        "#include <linux/wl.h>\n\nint phy_n_init(void)\n{\n\treturn wl_chips();\n}\n"
    ),
    "drivers/x64/only.c": "long x64_only(long a)\n{\n\treturn a;\n}\n",
    "drivers/never/never.c": "int never(void)\n{\n\treturn 0;\n}\n",
}


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=repo, check=True, capture_output=True, text=True
    ).stdout


def make_tree(path: Path) -> Path:
    """The fake Kbuild tree as a git repository at PATH, one commit tagged ``base``."""
    for name, text in FILES.items():
        (path / name).parent.mkdir(parents=True, exist_ok=True)
        (path / name).write_text(text)
    (path / ".gitignore").write_text("*.o\n.config\n")
    git(path, "init", "--quiet")
    git(path, "add", "--all")
    git(path, "commit", "--quiet", "--message", "fake kbuild tree")
    git(path, "tag", "base")
    return path
