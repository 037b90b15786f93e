"""End to end, the second series: array-alloc on a demo tree of its own.

Nothing in it is specific to a series: its rules, a split by subsystem, To/Cc from the
tree's MAINTAINERS.  The tree (tests/fixtures/array-alloc-demo/) has two subsystems, the
rest, and a Makefile that compiles every file with -Werror.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from generator import demo

from .conftest import check_golden, git, run_cli
from .test_run import mails

SERIES = "array-alloc"
AUTHOR = "Demo Author <demo@example.org>"
TREE = Path(__file__).parent / "fixtures" / "array-alloc-demo"
GOLDEN = Path(__file__).parent / "golden" / SERIES
WIDGET = ["Wanda Widget <wanda@widget.example>", "Rob Reviewer <rob@widget.example>"]
CHIRP = ["Carl Chirp <carl@chirp.example>"]


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("array-alloc")
    tree = demo.materialize(work / "tree", TREE)
    out = work / "out"
    result = run_cli("generate", SERIES, "--tree", str(tree), "--out", str(out),
                     "--author", AUTHOR)  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "4 patches (+ cover letter)" in result.stdout
    return out


def test_one_patch_per_subsystem_and_step(generated: Path) -> None:
    cover, *patches = mails(generated)
    assert [(p.subject, p.files, p.to) for p in patches] == [
        ("widget: use kcalloc() for zeroed arrays",
         ["drivers/widget/bus.c", "drivers/widget/widget.c"], WIDGET),
        ("CHIRP: use kcalloc() for zeroed arrays", ["sound/chirp/pcm.c"], CHIRP),
        ("widget: use kmalloc_array() for arrays", ["drivers/widget/widget.c"], WIDGET),
        ("CHIRP: use kmalloc_array() for arrays", ["sound/chirp/pcm.c"], CHIRP),
    ]  # fmt: skip
    assert patches[0].cc == ["widget-devel@lists.example.org", "linux-kernel@vger.kernel.org"]
    assert cover.to == WIDGET + CHIRP
    assert "(split by subsystem: 2 patches)" in cover.text
    assert "msghdr" not in cover.text and "census" not in cover.text  # no report asked for


def test_every_patch_applies_and_compiles(generated: Path, tmp_path: Path) -> None:
    tree = demo.materialize(tmp_path / "tree", TREE)
    for patch in sorted(generated.glob("000[1-9]-*.patch")):
        git(tree, "am", "--quiet", str(patch))
        build = subprocess.run(["make", "-s", "-C", str(tree)], capture_output=True, text=True)
        assert build.returncode == 0, f"{patch.name} does not compile:\n{build.stderr}"


def test_golden_series(generated: Path) -> None:
    """The whole series, byte for byte.  UPDATE_GOLDEN=1 rewrites it after a review."""
    check_golden(generated, GOLDEN)
