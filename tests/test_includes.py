"""What spatch reads for a file, by include style: every candidate, never fewer."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import includes

FILES = {
    "include/linux/a.h": '#include <linux/b.h>\n#include "local.h"\n',
    "include/linux/b.h": "/* #include <linux/c.h> in a comment counts too */\n",
    "include/linux/c.h": "",
    "include/linux/local.h": "",
    "arch/x86/include/asm/d.h": "",
    "include/asm-generic/d.h": "",
    "net/core/x.c": '#include <linux/a.h>\n#  include "x.h"\n#include <asm/d.h>\n'
    '#include "../y.h"\n#include_next <linux/c.h>\n',
    "net/core/x.h": '#include "z.h"\n',
    "net/core/z.h": "",
    "net/y.h": "",
}


@pytest.fixture
def tree(tmp_path: Path) -> includes.Tree:
    for name, text in FILES.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    return includes.Tree(tmp_path)


def parsed(tree: includes.Tree, *options: str, path: str = "net/core/x.c") -> list[str]:
    model = includes.model(list(options))
    assert model is not None
    return includes.Resolver(model, tree).parsed(path)


def test_no_includes_reads_the_file_alone(tree: includes.Tree) -> None:
    assert parsed(tree, "--no-includes") == []


def test_local_includes_are_next_to_the_file_and_not_followed(tree: includes.Tree) -> None:
    assert parsed(tree) == ["net/core/x.h", "net/y.h"]  # the default: local
    assert parsed(tree, "--local-includes", path="net/core/x.h") == []  # a header's: none


def test_all_includes_use_the_include_path_but_do_not_recurse(tree: includes.Tree) -> None:
    found = parsed(tree, "--all-includes")
    assert "include/linux/a.h" in found and "include/linux/c.h" in found
    assert "include/linux/b.h" not in found  # a.h's own include: not followed
    # <asm/d.h> is on no include path (./include has no asm/): every d.h spatch's
    # search by file name could pick, arch's included
    assert {"arch/x86/include/asm/d.h", "include/asm-generic/d.h"} - set(found) == {
        "arch/x86/include/asm/d.h"
    }


def test_recursive_includes_follow_every_candidate(tree: includes.Tree) -> None:
    found = parsed(tree, "--recursive-includes", "-I", "include", "-I", "arch/x86/include")
    assert found == sorted(
        ["include/linux/a.h", "include/linux/b.h", "include/linux/c.h",
         "include/linux/local.h", "arch/x86/include/asm/d.h", "net/core/x.h",
         "net/core/z.h", "net/y.h"]
    )  # fmt: skip


def test_a_tail_of_the_name_is_a_candidate(tree: includes.Tree) -> None:
    """spatch tries linux/local.h, then local.h, on every include path."""
    (tree.root / "include/local.h").write_text("")
    found = parsed(tree, "--all-includes", path="include/linux/a.h")
    assert found == []  # a header's includes are not parsed with --all-includes
    found = parsed(tree, "--recursive-includes", path="include/linux/a.h")
    assert "include/local.h" in found and "include/linux/local.h" in found


def test_types_only_headers_are_not_written(tree: includes.Tree) -> None:
    model = includes.model(["--recursive-includes", "--include-headers-for-types"])
    assert model is not None
    resolver = includes.Resolver(model, tree)
    assert resolver.writable("net/core/x.c", resolver.parsed("net/core/x.c")) == []
    model = includes.model([])
    assert model is not None
    resolver = includes.Resolver(model, tree)
    assert resolver.writable("net/core/x.c", resolver.parsed("net/core/x.c")) == [
        "net/core/x.h",
        "net/y.h",
    ]


def test_extra_includes_are_read_for_every_file(tree: includes.Tree) -> None:
    assert parsed(tree, "--no-includes", "--include", "include/linux/c.h") == ["include/linux/c.h"]


def test_unknown_options_are_refused() -> None:
    assert includes.model(["--macro-file", "m.h"]) is None
    assert includes.model(["-I"]) is None
    assert includes.model(["--timeout", "10", "-D", "patch", "--max-width", "80"]) is not None
