"""What a patch can break: diff parsing and the header-names heuristic."""

from __future__ import annotations

import pytest

from generator import affected

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
