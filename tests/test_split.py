"""Splitting a step's change into patches, and each patch's subject prefix."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import maintainers, split
from generator.errors import UserError

from .conftest import git
from .test_maintainers import DIRS, FIXTURE

FILES = ["sound/gizmo/pcm.c", "drivers/gadget/legacy/old.c", "drivers/gadget/core.c",
         "drivers/gadget/hub.c", "lib/untouched.c"]  # fmt: skip


@pytest.fixture
def fixture() -> maintainers.Maintainers:
    loaded = maintainers.load(FIXTURE, DIRS)
    assert loaded is not None
    return loaded


@pytest.mark.parametrize(
    ("text", "expected"),
    [("none", "none"), ("file", "file"), ("subsystem", "subsystem"),
     ("maintainer", "maintainer"), ("directory:2", "directory:2")],
)  # fmt: skip
def test_parse(text: str, expected: str) -> None:
    assert str(split.parse(text)) == expected


@pytest.mark.parametrize("text", ["", "subsystems", "directory", "directory:0", "file:2"])
def test_parse_refuses(text: str) -> None:
    with pytest.raises(UserError, match="unknown split"):
        split.parse(text)


def keyed(found: list[split.Group]) -> dict[str, list[str]]:
    return {g.key: list(g.files) for g in found}


def test_by_subsystem(fixture: maintainers.Maintainers) -> None:
    assert keyed(split.groups(split.parse("subsystem"), FILES, fixture)) == {
        "GADGET FRAMEWORK": ["drivers/gadget/core.c", "drivers/gadget/hub.c"],
        "THE REST": ["drivers/gadget/legacy/old.c", "lib/untouched.c"],
        "GIZMO SOUND DRIVERS (GizmoSnd)": ["sound/gizmo/pcm.c"],
    }


def test_by_maintainer_directory_file_none(fixture: maintainers.Maintainers) -> None:
    by_maintainer = keyed(split.groups(split.parse("maintainer"), FILES, fixture))
    assert list(by_maintainer) == [
        "Ada Gadget <ada@gadget.example>, Rex Reviewer <rex@gadget.example>",
        "(no maintainer)",
        '"Bob B. Gizmo" <bob@gizmo.example>',
    ]
    assert list(keyed(split.groups(split.parse("directory:2"), FILES, None))) == [
        "drivers/gadget", "lib", "sound/gizmo",
    ]  # fmt: skip
    assert len(split.groups(split.parse("file"), FILES, None)) == len(FILES)
    assert keyed(split.groups(split.parse("none"), FILES, None)) == {"all": sorted(FILES)}


def test_subsystem_needs_maintainers() -> None:
    with pytest.raises(UserError, match="split subsystem: the tree has no MAINTAINERS"):
        split.groups(split.parse("subsystem"), FILES, None)


def test_prefix_from_maintainers(fixture: maintainers.Maintainers) -> None:
    found = split.groups(split.parse("subsystem"), FILES, fixture)
    # (Abbreviation) of the title; else the F: directory; THE REST: the files' common
    # directory (none here).
    prefixes = [split.prefix(g, FIXTURE, "HEAD", source="maintainers") for g in found]
    assert prefixes == ["gadget", "treewide", "GizmoSnd"]
    overridden = split.prefix(found[0], FIXTURE, "HEAD", overrides={"GADGET FRAMEWORK": "usb"})
    assert overridden == "usb"
    with pytest.raises(UserError, match="(?s)'NOPE', which is no group .*hint: the groups are"):
        split.check_overrides({"NOPE": "x"}, found, "--prefix")


def test_prefix_of_a_file_pattern() -> None:
    text = "CRIS PORT\nM:\tA <a@example.org>\nF:\tdrivers/tty/serial/crisv10.*\n"
    match = maintainers.Maintainers(text, []).subsystem("drivers/tty/serial/crisv10.c")
    assert match is not None and split.maintainers_prefix(match) == "serial"


def test_prefix_from_history(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    subjects = [
        "Initial import",
        "media: old style",
        "[media] em28xx: fix a leak",
        "ASoC: Intel: add a DSP",
        'Revert "foo: bar"',
        "[media] em28xx: fix a race",
    ]
    for number, subject in enumerate(subjects):
        (repo / "a.c").write_text(f"{number}\n")
        git(repo, "add", "a.c")
        git(repo, "commit", "-q", "-m", subject)
    assert split.history_prefix(repo, "HEAD", ["a.c"]) == "[media] em28xx"
    assert split.history_prefix(repo, "HEAD~2", ["a.c"]) == "ASoC: Intel"  # newest on a tie
    assert split.history_prefix(repo, "HEAD~5", ["a.c"]) is None  # no prefix in history
