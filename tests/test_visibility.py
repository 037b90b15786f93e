"""Which files can see a header: the include graph, read as gcc could resolve it."""

from __future__ import annotations

from pathlib import Path

from generator import visibility

from .conftest import committed_repo, git

FILES = {
    "include/net/vs.h": "struct vs { int len; };\n",
    "include/linux/net.h": "#include <net/vs.h>\n",
    "net/a.c": "#include <linux/net.h>\n",
    # "vs.h" beside the includer is the one gcc takes, not include/net/vs.h.
    "drivers/own/vs.h": "struct own { int len; };\n",
    "drivers/own/own.c": '#include "vs.h"\n',
    # A -I a Makefile adds: "vs.h" found on it counts, wherever it is.
    "drivers/far/far.c": '#include "vs.h"\n',
    # <asm/x.h> may be a generated wrapper of asm-generic/x.h.
    "include/asm-generic/wrap.h": "#include <net/vs.h>\n",
    "arch/x86/kernel/w.c": "#include <asm/wrap.h>\n",
    # A computed include: through the #define the tree gives it, or any file.
    "include/linux/genl.h": "#include GENL_FILE\n",
    "include/linux/genl_api.h": "#define GENL_FILE <net/vs.h>\n#include <linux/genl.h>\n",
    "drivers/acpi/osl.c": "#include CONFIG_DSDT\n",
    "include/trace/define_trace.h": "#include TRACE_INCLUDE(TRACE_INCLUDE_FILE)\n",
    "kernel/t.c": "#include <trace/define_trace.h>\n",
    "Makefile": "# include the arch Makefile\nCPP := -include $(srctree)/include/linux/kconfig.h\n",
    "include/linux/kconfig.h": "#define IS_ENABLED(x) 0\n",
    "mm/unrelated.c": "#include <linux/kconfig.h>\n",
}


def graph(tmp_path: Path, files: dict[str, str] = FILES) -> visibility.Graph:
    g = visibility.Graph(committed_repo(tmp_path, files))
    g.refresh()
    return g


def test_who_sees_a_header(tmp_path: Path) -> None:
    seen = graph(tmp_path).seers("include/net/vs.h", {})
    assert seen is not None
    assert {"include/linux/net.h", "net/a.c", "drivers/far/far.c"} <= seen
    assert {"arch/x86/kernel/w.c", "include/linux/genl_api.h", "drivers/acpi/osl.c"} <= seen
    assert not seen & {"drivers/own/own.c", "kernel/t.c", "mm/unrelated.c", "Makefile"}


def test_a_force_included_header_is_seen_by_every_file(tmp_path: Path) -> None:
    g = graph(tmp_path, dict(FILES, **{"include/linux/kconfig.h": "#include <net/vs.h>\n"}))
    assert g.forced == ["include/linux/kconfig.h"]
    assert g.seers("include/net/vs.h", {}) is None


def test_the_patch_side_counts_and_the_graph_follows_the_tree(tmp_path: Path) -> None:
    g = graph(tmp_path)
    after = {"mm/unrelated.c": visibility.parse_includes('#include "new.h"\n', "mm/unrelated.c")}
    after["mm/new.h"] = [("a", "net/vs.h")]  # a header the patch adds
    seen = g.seers("include/net/vs.h", after)
    assert seen is not None and {"mm/unrelated.c", "mm/new.h"} <= seen
    (g.repo / "net/a.c").write_text("int a;\n")
    git(g.repo, "commit", "--quiet", "-am", "a.c includes nothing")
    g.refresh()
    seen = g.seers("include/net/vs.h", {})
    assert seen is not None and "net/a.c" not in seen


def test_what_the_seers_read(tmp_path: Path) -> None:
    g = graph(tmp_path)
    assert g.reached_from({"net/a.c"}, {}) == {"net/a.c", "include/linux/net.h", "include/net/vs.h"}
    assert g.anywhere({"drivers/acpi/osl.c", "net/a.c", "kernel/t.c"}, {}) == {"drivers/acpi/osl.c"}
