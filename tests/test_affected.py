"""What a patch can break: diff parsing and the header-names heuristic."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import affected

from .conftest import committed_repo, git

HEADER = """\
#ifndef _X_H
#define _X_H

#define MSG_OOB\t1
#define msg_len(m) \\
\t((m)->msg_iovlen)

/* A comment about msghdr. */
struct msghdr {
\tvoid\t\t*msg_name;
\tstruct iovec\t*msg_iov;\t/* scatter/gather array */
\t__kernel_size_t\tmsg_iovlen;
\tint (*msg_cb)(struct msghdr *m);
};

enum sock_type {
\tSOCK_STREAM = 1,
\tSOCK_DGRAM,
};

extern int verify_iovec(struct msghdr *m, struct iovec *iov,
\t\t\tint mode);

static inline int msg_empty(const struct msghdr *m)
{
\tint i = 0;
\treturn m->msg_iovlen == i;
}

typedef struct {
\tint counter;
} atomic_x;

DECLARE_PER_CPU(int, sock_count);
#endif
"""


def change(before: str, after: str) -> tuple[affected.FileChange, list[str]]:
    """A FileChange for one header, from its text before and after (one hunk per line)."""
    old, new = before.splitlines(), after.splitlines()
    assert len(old) == len(new), "keep the tests simple: same number of lines"
    hunks = []
    for number, (a, b) in enumerate(zip(old, new, strict=True), start=1):
        if a != b:
            hunks.append(affected.Hunk(number, 1, (f"-{a}", f"+{b}")))
    return affected.FileChange("include/linux/x.h", "modified", tuple(hunks)), old


@pytest.mark.parametrize(
    ("old", "new", "words", "fields"),
    [
        ("\t__kernel_size_t\tmsg_iovlen;", "\tsize_t\t\tmsg_iovlen;", set(), {"msg_iovlen"}),
        ("\tint (*msg_cb)(struct msghdr *m);", "\tint (*msg_cb)(void);", set(), {"msg_cb"}),
        ("#define MSG_OOB\t1", "#define MSG_OOB\t2", {"MSG_OOB"}, set()),
        ("\t((m)->msg_iovlen)", "\t((m)->msg_iter.count)", {"msg_len"}, set()),
        ("\tSOCK_DGRAM,", "\tSOCK_DGRAM = 2,", {"SOCK_DGRAM"}, set()),
        ("\t\t\tint mode);", "\t\t\tint mode, int flags);", {"verify_iovec"}, set()),
        ("\treturn m->msg_iovlen == i;", "\treturn !m->msg_iovlen;", {"msg_empty"}, set()),
        ("} atomic_x;", "} atomic_y;", {"atomic_x", "atomic_y"}, set()),
        ("\tint counter;", "\tlong counter;", set(), {"counter"}),
        (
            "DECLARE_PER_CPU(int, sock_count);",
            "DECLARE_PER_CPU(long, sock_count);",
            {"sock_count"},
            set(),
        ),
        ("/* A comment about msghdr. */", "/* Another comment. */", set(), set()),
        ("struct msghdr {", "struct user_msghdr {", {"msghdr", "user_msghdr"}, set()),
    ],
)
def test_names_whose_definition_changed(
    old: str, new: str, words: set[str], fields: set[str]
) -> None:
    assert HEADER.count(old) == 1
    diff, before = change(HEADER, HEADER.replace(old, new))
    names = affected.header_names(diff, before)
    assert (names.words, names.fields) == (words, fields)


def test_code_added_after_a_struct_does_not_name_the_struct() -> None:
    text = "struct msghdr {\n\tint a;\n};\n\nint other;\n"
    diff = affected.FileChange(
        "include/linux/x.h",
        "modified",
        (
            affected.Hunk(
                2,
                3,
                (
                    " \tint a;",
                    " };",
                    " ",
                    "+static inline bool msg_ok(const struct msghdr *m)",
                    "+{",
                    "+\treturn m->a > 0;",
                    "+}",
                ),
            ),
        ),
    )
    names = affected.header_names(diff, text.splitlines())
    assert (names.words, names.fields) == ({"msg_ok"}, set())


def test_an_added_field_or_struct_breaks_no_user() -> None:
    text = "struct msghdr {\n\tint a;\n};\n"
    diff = affected.FileChange(
        "include/linux/x.h",
        "modified",
        (
            affected.Hunk(1, 3, (" struct msghdr {", " \tint a;", "+\tint msg_new;", " };")),
            affected.Hunk(3, 0, ("+struct user_msghdr {", "+\tint a;", "+};")),
        ),
    )
    names = affected.header_names(diff, text.splitlines())
    assert (names.words, names.fields) == ({"user_msghdr"}, set())


def test_include_change_is_flagged() -> None:
    diff, before = change(HEADER, HEADER.replace("_X_H\n\n", "_X_H\n#include <linux/uio.h>\n"))
    names = affected.header_names(diff, before)
    assert names.includes and not names


PATCH = """\
From 0 Mon Sep 17 00:00:00 2001
Subject: [PATCH 1/1] net: things

---
diff --git a/include/linux/new.h b/include/linux/new.h
new file mode 100644
index 0000000..1111111
--- /dev/null
+++ b/include/linux/new.h
@@ -0,0 +1,2 @@
+#define NEW 1
+int new_fn(void);
\\ No newline at end of file
diff --git a/net/old.c b/net/old.c
deleted file mode 100644
index 2222222..0000000
--- a/net/old.c
+++ /dev/null
@@ -1 +0,0 @@
-int old;
diff --git a/net/socket.c b/net/socket.c
index 3333333..4444444 100644
--- a/net/socket.c
+++ b/net/socket.c
@@ -10,3 +10,3 @@ int f(void)
 \ta();
-\tb();
+\tc();

@@ -40,2 +40,3 @@ int g(void)
 \td();
+\te();
 }
--\x20
2.39.5
"""


def test_parse_patch() -> None:
    changes = affected.parse_patch(PATCH)
    assert [(c.path, c.status, len(c.hunks)) for c in changes] == [
        ("include/linux/new.h", "added", 1),
        ("net/old.c", "deleted", 1),
        ("net/socket.c", "modified", 2),
    ]
    first, second = changes[2].hunks
    assert first.lines == (" \ta();", "-\tb();", "+\tc();", " ")  # a mailer stripped a space
    assert (second.old_start, second.lines[-1]) == (40, " }")
    names = affected.header_names(changes[0], [])
    assert names.words == {"NEW", "new_fn"}


@pytest.mark.parametrize(
    ("header", "spec"),
    [
        ("include/linux/socket.h", ("linux/socket.h", None)),
        ("include/uapi/linux/uio.h", ("linux/uio.h", None)),
        ("arch/x86/include/asm/io.h", ("asm/io.h", None)),
        ("arch/x86/include/uapi/asm/ptrace.h", ("asm/ptrace.h", None)),
        ("net/ipv4/tcp_vegas.h", ("tcp_vegas.h", "net/ipv4")),
    ],
)
def test_include_spec(header: str, spec: tuple[str, str | None]) -> None:
    assert affected.include_spec(header) == spec


def test_a_member_split_over_lines_is_the_member_not_its_parameters() -> None:
    text = (
        "struct vs_transport {\n"
        "\tint (*enqueue)(struct vs_sock *,\n"
        "\t\t       struct iovec *, size_t len);\n"
        "\tint (*dequeue)(struct vs_sock *,\n"
        "\t\t       size_t len);\n"
        "};\n"
    )
    diff = affected.FileChange(
        "include/net/vs.h",
        "modified",
        (
            affected.Hunk(3, 1, ("-\t\t       struct iovec *, size_t len);",
                                 "+\t\t       struct msghdr *, size_t len);")),
            affected.Hunk(4, 0, ("+\t\t       int flags,",)),
        ),
    )  # fmt: skip
    names = affected.header_names(diff, text.splitlines())
    assert (names.words, names.fields) == (set(), {"enqueue", "dequeue"})


def test_after() -> None:
    diff, before = change(HEADER, HEADER.replace("#define MSG_OOB\t1", "#define MSG_OOB\t2"))
    assert affected.after(diff, before) == HEADER.replace("OOB\t1", "OOB\t2").splitlines()


VS_H = """\
#ifndef _VS_H
#define _VS_H
struct vs_transport {
\tint (*enqueue)(struct vs_sock *,
\t\t       struct iovec *, size_t len);
\tint len;
};
#endif
"""
TREE = {
    "include/net/vs.h": VS_H,
    # Uses the changed member, including the header directly.
    "net/vs/af.c": "#include <net/vs.h>\nint f(struct vs_transport *t) { return t->len; }\n",
    # Through a local header that includes it.
    "net/vs/local.h": "#include <net/vs.h>\n",
    "net/vs/deep.c": '#include "local.h"\nint g(struct vs_transport *t) { return t->len; }\n',
    # Another ->len, of a struct of its own: it cannot see vs.h.
    "drivers/blk/blk.c": "struct req { int len; };\nint h(struct req *r) { return r->len; }\n",
    # A header whose ->len no file that can see vs.h reads, and one that one does.
    "include/linux/buf.h": "struct buf { int len; };\n#define buf_len(b) ((b)->len)\n",
    "drivers/blk/use.c": "#include <linux/buf.h>\n",
    "include/net/vs_inline.h": "static inline int vl(struct vs_transport *t) { return t->len; }\n",
    "net/vs/both.c": "#include <net/vs.h>\n#include <net/vs_inline.h>\n",
    # A computed include may be any file.
    "drivers/acpi/osl.c": "#include CONFIG_ACPI_CUSTOM_DSDT_FILE\n",
}


def planned(root: Path, files: dict[str, str], edit: dict[str, str | None]) -> affected.Plan:
    """The plan for the patch that makes EDIT (path -> new text, None: deleted) of FILES."""
    repo = committed_repo(root, files)
    for name, text in edit.items():
        if text is None:
            (repo / name).unlink()
            continue
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(text)
    git(repo, "add", "--all")
    patch = git(repo, "diff", "--cached", "HEAD")
    git(repo, "reset", "--quiet", "--hard", "HEAD")
    return affected.plan(repo, affected.parse_patch(patch), set, set())


def test_a_generic_member_counts_only_where_its_struct_can_be_seen(tmp_path: Path) -> None:
    plan = planned(tmp_path, TREE, {"include/net/vs.h": VS_H.replace("int len;", "long len;")})
    assert plan.names["include/net/vs.h"].fields == {"len"}
    assert "drivers/blk/blk.c" not in plan.sources
    assert "drivers/blk/use.c" not in plan.sources  # buf.h's ->len is not vs.h's
    assert plan.sources["net/vs/af.c"] == "uses ->len (include/net/vs.h)"
    assert plan.sources["net/vs/both.c"].startswith("includes include/net/vs_inline.h")
    assert plan.sources["drivers/acpi/osl.c"].startswith("may include include/net/vs.h")
    assert "include/net/vs.h: 2 file(s) use its changed names but cannot see it" in plan.notes


def test_a_file_that_sees_the_struct_through_a_nested_include_is_built(tmp_path: Path) -> None:
    plan = planned(tmp_path, TREE, {"include/net/vs.h": VS_H.replace("int len;", "long len;")})
    assert plan.sources["net/vs/deep.c"] == "uses ->len (include/net/vs.h)"


def test_a_header_the_patch_makes_included_is_seen_through_it(tmp_path: Path) -> None:
    files = dict(TREE, **{"drivers/blk/x.c": "#include <linux/buf.h>\nstatic int vs_len;\n"})
    edit = {
        "include/net/vs_new.h": "int vs_len(void);\n",
        "include/linux/buf.h": "#include <net/vs_new.h>\n" + TREE["include/linux/buf.h"],
    }
    plan = planned(tmp_path, files, edit)
    assert plan.sources["drivers/blk/x.c"] == "uses vs_len (include/net/vs_new.h)"
