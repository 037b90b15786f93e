"""The audit of kernel_sendmsg()/kernel_recvmsg() callers, on the demo tree, through the CLI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from generator import audit

from .conftest import git, run_cli, snapshot

# The demo callers: (file, function) -> (class, rule that decided, size check).
EXPECTED = {
    ("drivers/target/iscsi/iscsi_target_util.c", "iscsit_do_rx_data"): ("ii", "recv_loop",
                                                                        "unchecked"),
    ("drivers/staging/lustre/lnet/klnds/socklnd/socklnd_lib-linux.c",
     "ksocknal_lib_send_iov"): ("i", "copy", "unchecked"),
    ("drivers/staging/lustre/lnet/klnds/socklnd/socklnd_lib-linux.c",
     "ksocknal_lib_recv_iov"): ("i", "copy", "unchecked"),
    ("fs/cifs/transport.c", "smb_send_kvec"): ("iii", "hand_advance", "unchecked"),
    ("drivers/block/drbd/drbd_main.c", "drbd_send"): ("iii", "hand_advance", "exceeds"),
    ("net/sunrpc/svcsock.c", "svc_read_marker"): ("iv", "single", "equal"),
    ("net/sunrpc/svcsock.c", "svc_udp_peek"): ("iv", "no_vector", "equal"),
    ("fs/ncpfs/sock.c", "do_send"): ("unknown", "parameter", "unchecked"),
}  # fmt: skip


@pytest.fixture(scope="module")
def demo_audit(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], str]:
    """The audit of the demo tree, once for the module: its JSON and its Markdown."""
    work = tmp_path_factory.mktemp("audit")
    out = work / "audit.json"
    result = run_cli("audit", "--json", str(out))
    assert result.exit_code == 0, result.stderr
    return json.loads(out.read_text()), result.stdout


def callers(data: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    return {(c["file"], c["function"]): c for c in data["callers"]}


def test_every_demo_caller_is_classified(demo_audit: tuple[dict[str, Any], str]) -> None:
    data, _ = demo_audit
    found = callers(data)
    got = {k: (c["class"], c["rule"], c["size"]["status"]) for k, c in found.items()}
    assert {k: got.get(k) for k in EXPECTED} == EXPECTED
    assert all(c["class"] in audit.CLASSES and c["reason"] for c in data["callers"])
    assert data["summary"]["callers"] == len(data["callers"])
    assert set(data["summary"]["classes"]) == set(audit.CLASSES)


@pytest.mark.parametrize("cls", audit.CLASSES)
def test_each_class_is_covered_by_the_demo(
    demo_audit: tuple[dict[str, Any], str], cls: str
) -> None:
    assert demo_audit[0]["summary"]["classes"][cls] >= 1


def test_class_ii_statements_that_decided(demo_audit: tuple[dict[str, Any], str]) -> None:
    rx = callers(demo_audit[0])[("drivers/target/iscsi/iscsi_target_util.c", "iscsit_do_rx_data")]
    assert rx["callee"] == "kernel_recvmsg"
    assert rx["code"].startswith("rx_loop = kernel_recvmsg(")
    assert [(e["role"], e["code"]) for e in rx["evidence"]] == [("count", "total_rx += rx_loop;")]
    assert "reads into the start of the buffer" in rx["reason"]


def test_hand_advance_and_size_evidence(demo_audit: tuple[dict[str, Any], str]) -> None:
    drbd = callers(demo_audit[0])[("drivers/block/drbd/drbd_main.c", "drbd_send")]
    assert [e["code"] for e in drbd["evidence"]] == ["iov.iov_base += rv;", "iov.iov_len -= rv;"]
    assert [(e["role"], e["code"]) for e in drbd["size"]["evidence"]] == [
        ("shrink", "iov.iov_len -= rv;")
    ]
    cifs = callers(demo_audit[0])[("fs/cifs/transport.c", "smb_send_kvec")]
    assert {e["role"] for e in cifs["evidence"]} == {"advance"}


def test_unknown_says_why(demo_audit: tuple[dict[str, Any], str]) -> None:
    data, markdown = demo_audit
    wrapper = callers(data)[("fs/ncpfs/sock.c", "do_send")]
    assert "parameter of do_send()" in wrapper["reason"]
    assert [e["role"] for e in wrapper["evidence"]] == ["parameter"]
    assert "## Unknown: the rules cannot decide" in markdown
    assert "fs/ncpfs/sock.c:" in markdown.split("## Unknown")[1].split("\n## ")[0]


def test_markdown_lists_class_ii_first(demo_audit: tuple[dict[str, Any], str]) -> None:
    markdown = demo_audit[1]
    assert markdown.startswith("# kernel_sendmsg()/kernel_recvmsg() callers")
    ii = markdown.split("## Class (ii)")[1].split("\n## ")[0]
    assert "iscsi_target_util.c" in ii and "`iscsit_do_rx_data()`" in ii
    assert "drbd_main.c" in markdown.split("## Size argument can exceed the kvec")[1]


def test_census_accounts_for_every_spelling(demo_audit: tuple[dict[str, Any], str]) -> None:
    census = demo_audit[0]["census"]
    assert census["not_seen"] == []
    assert census["kinds"]["call"] == demo_audit[0]["summary"]["callers"]
    assert census["kinds"]["prototype"] == 2  # include/linux/net.h
    assert census["code_lines"] == sum(census["kinds"].values())


def test_user_tree_is_untouched(read_only_demo: Path, tmp_path: Path) -> None:
    before = snapshot(read_only_demo)
    result = run_cli("audit", "--tree", str(read_only_demo), "--json", str(tmp_path / "a.json"))
    assert result.exit_code == 0, result.stderr
    assert snapshot(read_only_demo) == before


def test_base_selects_the_commit(demo_tree: Path, tmp_path: Path) -> None:
    """A later commit is not audited with --base; uncommitted files never are."""
    extra = demo_tree / "net" / "extra_caller.c"
    extra.write_text(
        "#include <linux/net.h>\n"
        "int extra(struct socket *s, struct msghdr *m)\n"
        "{\n\treturn kernel_recvmsg(s, m, NULL, 0, 0, 0);\n}\n"
    )
    git(demo_tree, "add", ".")
    git(demo_tree, "commit", "-q", "-m", "extra caller")
    (demo_tree / "net" / "untracked.c").write_text(extra.read_text().replace("extra(", "untr("))
    for base, present in (("base", False), ("HEAD", True)):
        out = tmp_path / f"{base}.json"
        result = run_cli("audit", "--tree", str(demo_tree), "--base", base, "--json", str(out))
        assert result.exit_code == 0, result.stderr
        found = callers(json.loads(out.read_text()))
        assert (("net/extra_caller.c", "extra") in found) is present
        assert ("net/untracked.c", "untr") not in found


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--tree", "/nonexistent"], "no such directory"),
        (["--base", "v9.9"], "unknown base 'v9.9'"),
        (["--json", "/nonexistent/dir/a.json"], "/nonexistent/dir: no such directory"),
    ],
)
def test_errors(demo_tree: Path, args: list[str], message: str) -> None:
    if "--tree" not in args:
        args = ["--tree", str(demo_tree), *args]
    result = run_cli("audit", *args)
    assert result.exit_code == 1
    assert message in result.stderr


# ---- the reader, on its own ---------------------------------------------------------------


def test_marks_stand_on_their_original_lines() -> None:
    original = "int f(void)\n{\n\tstruct kvec iov = {\n\t\t.iov_len = 1,\n\t};\n\tcall(&iov);\n}\n"
    marked = (
        "int f(void)\n{\n\tstruct kvec cocci_ev__local__iv__single__f = {\n\t\t.iov_len = 1,\n"
        "\t};\n\tcocci_kvec_decl(iov);\n"
        "\tcocci_audit__iv__single__cocci_k_send__f(cocci_vec_addr(iov));\n}\n"
    )
    got = [(m.line, m.text) for m in audit.marks(original, marked)]
    assert got == [
        (3, "cocci_ev__local__iv__single__f"),
        (6, "cocci_audit__iv__single__cocci_k_send__f"),
    ]


def test_a_call_without_a_mark_is_reported_not_dropped() -> None:
    """What spatch could not parse stays unmarked: the census names it."""
    original = (
        "/* kernel_sendmsg in a comment */\n"
        'static const char *s = "kernel_recvmsg";\n'
        "int f(void) { return kernel_sendmsg(a, b, c, 1, 2); }\n"
    )
    found, tokens, comments = audit.read_file("x.c", original, original)
    assert found == []
    assert [(t.line, t.name, t.kind) for t in tokens] == [(3, "kernel_sendmsg", "not_seen")]
    assert comments == 2


def test_function_names_with_double_underscores() -> None:
    original = "x\n\tkernel_recvmsg(s, m, v, 1, 2, 0);\n"
    marked = (
        "x\n\tcocci_audit__ii__recv_loop__cocci_k_recv____try_recv(s, m, cocci_vec(v), 1, 2, 0);\n"
    )
    [caller], _, _ = audit.read_file("y.c", original, marked)
    assert (caller.function, caller.callee, caller.cls) == ("__try_recv", "kernel_recvmsg", "ii")


def test_census_counts_each_spelling_on_a_line() -> None:
    """Two calls on one line, one marked: the other one is not seen, not hidden."""
    original = (
        'static const char *s = "multi\\\nline";\n'
        "int f(void) { return kernel_sendmsg(a, b, c, 1, 2) + kernel_sendmsg(a, b, c, 1, 2); }\n"
    )
    marked = original.replace(
        "kernel_sendmsg", "cocci_audit__iv__single__cocci_k_send__f", 1
    ).replace("c, 1", "cocci_vec(c), 1", 1)
    found, tokens, _ = audit.read_file("z.c", original, marked)
    assert [(c.line, c.function) for c in found] == [(3, "f")]
    assert [(t.line, t.kind) for t in tokens] == [(3, "call"), (3, "not_seen")]


def test_a_revision_audits_as_its_checkout(demo_tree: Path, tmp_path: Path) -> None:
    """generate's cover letter audits revisions without a checkout: the same answer."""
    from generator import git as gitops
    from generator import spatch

    sp = spatch.find()
    clone = gitops.scratch_clone(demo_tree, "base", tmp_path / "clone")
    by_revision = audit.audit_revision(sp, clone, "base", tmp_path / "rev")
    by_checkout = audit.audit_clone(sp, clone)
    assert by_revision.callers == by_checkout.callers
    assert by_revision.tokens == by_checkout.tokens
    assert by_revision.files == by_checkout.files >= 8


def test_a_file_read_again_from_the_store(demo_tree: Path, tmp_path: Path) -> None:
    """What a file's marks say is kept in the store: the same audit, from any process."""
    from generator import cache, spatch
    from generator import git as gitops

    sp = spatch.find()
    clone = gitops.scratch_clone(demo_tree, "base", tmp_path / "clone")
    uncached = audit.audit_revision(sp, clone, "base", tmp_path / "plain")
    store = cache.Store(tmp_path / "cache")
    audit._files_read.clear()
    with cache.using(store):
        first = audit.audit_revision(sp, clone, "base", tmp_path / "first")
        audit._files_read.clear()
        again = audit.audit_revision(sp, clone, "base", tmp_path / "again")
    assert first.callers == again.callers == uncached.callers
    assert first.tokens == again.tokens == uncached.tokens
    assert first.comment_lines == again.comment_lines == uncached.comment_lines
    assert any(store.root.glob("v1/audit-file/*/*"))
