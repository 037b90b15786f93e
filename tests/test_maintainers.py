"""MAINTAINERS as get_maintainer.pl reads it: sections, patterns, To: and Cc:."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import maintainers
from generator.errors import UserError

FIXTURE = Path(__file__).parent / "fixtures" / "two-subsystems"
DIRS = ["drivers", "drivers/gadget", "drivers/gadget/legacy", "sound", "sound/gizmo", "lib"]


@pytest.fixture
def fixture() -> maintainers.Maintainers:
    loaded = maintainers.load(FIXTURE, DIRS)
    assert loaded is not None
    return loaded


def titles(found: list[maintainers.Match]) -> list[str]:
    return [m.section.title for m in found]


def test_sections_and_their_entries(fixture: maintainers.Maintainers) -> None:
    # The preamble's indented "M: Mail patches to" lines are no entries.
    assert titles([maintainers.Match(s, 0, "") for s in fixture.sections]) == [
        "GADGET FRAMEWORK",
        "GIZMO SOUND DRIVERS (GizmoSnd)",
        "GIZMO STATE KEEPING",
        "THE REST",
    ]
    assert fixture.sections[0].status == "Maintained"
    assert fixture.sections[1].values("L")[1].endswith("(subscribers-only)")


def test_most_specific_section_first(fixture: maintainers.Maintainers) -> None:
    assert titles(fixture.matches("drivers/gadget/core.c")) == ["GADGET FRAMEWORK", "THE REST"]
    # X: takes a directory out of a section.
    assert titles(fixture.matches("drivers/gadget/legacy/old.c")) == ["THE REST"]
    subsystem = fixture.subsystem("sound/gizmo/pcm.c")
    assert subsystem is not None and subsystem.pattern == "sound/gizmo/"
    assert maintainers.load(FIXTURE / "lib", []) is None


@pytest.mark.parametrize(
    ("pattern", "file", "matches"),
    [
        ("drivers/net/", "drivers/net/a/b.c", True),
        ("drivers/net/*", "drivers/net/b.c", True),
        ("drivers/net/*", "drivers/net/a/b.c", False),  # only at its own depth
        ("drivers/net", "drivers/net/a/b.c", True),  # a directory of the tree: all below
        ("drivers/nfc", "drivers/nfc/a.c", False),  # not a directory of the tree
        ("*/net/*", "drivers/net/b.c", True),
        ("drivers/net/b?.c", "drivers/net/b1.c", True),
        ("drivers/net/b.c", "drivers/net/bxc", False),  # a dot is a dot
    ],
)
def test_patterns_as_get_maintainer(pattern: str, file: str, matches: bool) -> None:
    text = f"SECTION\nM:\tA <a@b.example>\nF:\t{pattern}\n"
    found = maintainers.Maintainers(text, ["drivers", "drivers/net"]).matches(file)
    assert bool(found) is matches


def test_recipients_of_files(fixture: maintainers.Maintainers) -> None:
    found = fixture.recipients(["sound/gizmo/pcm.c", "drivers/gadget/core.c"])
    # The chief penguin is left out; reviewers go To:; subscribers-only lists nowhere;
    # a name with a dot is quoted, as get_maintainer.pl quotes it.
    assert found.to == [
        "Ada Gadget <ada@gadget.example>",
        "Rex Reviewer <rex@gadget.example>",
        '"Bob B. Gizmo" <bob@gizmo.example>',
    ]
    assert found.cc == [
        "gadget-devel@lists.example.org",
        "linux-kernel@vger.kernel.org",
        "gizmo-sound@lists.example.org",
    ]


def test_keywords_match_changed_lines_and_the_message(fixture: maintainers.Maintainers) -> None:
    patch = "Subject: [PATCH] x\n\n--- a/lib/x.c\n+++ b/lib/x.c\n@@ -1 +1 @@\n {}\n"
    keeper = "Max Keeper <max@state.example>"
    assert keeper not in fixture.recipients([], patch.replace(" {}", " gizmo_state")).to
    assert keeper in fixture.recipients([], patch.replace(" {}", "-gizmo_state")).to
    assert keeper in fixture.recipients([], patch.replace("x\n\n", "x\n\ngizmo_state\n")).to


def test_duplicates_by_name_or_address() -> None:
    text = (
        "ONE\nM:\tJane Doe <jane@one.example>\nL:\tlist@example.org\nF:\ta/\n\n"
        "TWO\nM:\tJane Doe <jane@two.example>\nM:\tJANE@ONE.example\nL:\tlist@example.org\n"
        "F:\ta/b/\n"
    )
    found = maintainers.Maintainers(text, []).recipients(["a/b/c.c"])
    # TWO is the more specific; ONE's Jane Doe is dropped by her name and her address.
    assert found.to == ["Jane Doe <jane@two.example>", "JANE@ONE.example"]
    assert found.cc == ["list@example.org"]


def test_perl_inline_flags_in_keywords() -> None:
    text = "TRIVIAL\nM:\tT <t@example.org>\nK:\t^Subject:.*(?i)trivial\n"
    found = maintainers.Maintainers(text, []).recipients([], "Subject: [PATCH] TRIVIAL fix\n")
    assert found.to == ["T <t@example.org>"]
    with pytest.raises(UserError, match="K: '\\(' is not a regex"):
        maintainers.Maintainers("BAD\nK:\t(\n", [])


def test_files_of_a_patch() -> None:
    patch = "--- a/x.c\n+++ b/x.c\n--- /dev/null\n+++ b/new/y.h\n"
    assert maintainers.patch_files(patch) == ["x.c", "new/y.h"]


def test_a_patch_addressed_before_needs_no_maintainers_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second time, To:/Cc: come from the store, and MAINTAINERS is never parsed."""
    from generator import cache, mail
    from generator.generate import PatchResult

    patch = "Subject: [PATCH] x\n\n---\n--- a/drivers/gadget/core.c\n+++ b/drivers/gadget/core.c\n"
    store = cache.Store(tmp_path / "cache")
    written = []
    for run in ("first", "again"):
        files = [tmp_path / run / "0000-cover.patch", tmp_path / run / "0001-x.patch"]
        files[0].parent.mkdir()
        files[0].write_text("Subject: [PATCH 0/1] cover\n\nblurb\n")
        files[1].write_text(patch)
        loaded = maintainers.load(FIXTURE, DIRS)
        assert loaded is not None
        if run == "again":
            monkeypatch.setattr(loaded, "_load", lambda: pytest.fail("MAINTAINERS was read"))
        with cache.using(store):
            mail.address(files, [PatchResult("x", "", (), "c0ffee")], loaded)
        written.append([f.read_text() for f in files])
    assert written[0] == written[1]
    assert "To: " in written[0][1] and "Cc: " in written[0][1]
