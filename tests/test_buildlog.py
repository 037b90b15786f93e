"""The build-log parser, on captured real logs (tests/logs/, see its README)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from generator import buildlog

LOGS = Path(__file__).parent / "logs"


def parsed(name: str) -> buildlog.BuildLog:
    return buildlog.parse((LOGS / name).read_text(encoding="utf-8"))


def test_kernel_error_is_found_with_its_object() -> None:
    log = parsed("kernel-3.18-error.log")
    [error] = log.errors
    assert (error.file, error.line, error.column) == ("net/socket.c", 2042, 23)
    assert error.message == "too few arguments to function ‘verify_iovec’"
    assert error.obj == "net/socket.o"
    assert str(error) == "net/socket.c:2042:23: error: too few arguments to function ‘verify_iovec’"
    assert log.failed_targets == {"net/socket.o"}
    assert log.started == [
        "scripts/mod/empty.o",
        "net/socket.o",
        "net/compat.o",
        "net/core/iovec.o",
    ]


def test_kernel_warnings_belong_to_the_object_being_compiled() -> None:
    log = parsed("kernel-3.18-error.log")
    per_object = Counter(d.obj for d in log.warnings)
    assert per_object == {"net/socket.o": 22, "net/compat.o": 9}
    unused = [d for d in log.warnings if "unused variable" in d.message]
    assert [(d.file, d.line, d.obj) for d in unused] == [("net/socket.c", 2043, "net/socket.o")]
    # a warning in a header, printed while compiling net/compat.c
    alias = [d for d in log.warnings if d.obj == "net/compat.o"]
    assert {d.file for d in alias} == {"include/linux/compat.h"}
    assert all("[-Wattribute-alias=]" in d.message for d in alias)


def test_kernel_warnings_only_log() -> None:
    log = parsed("kernel-3.18-warnings.log")
    assert log.errors == [] and log.make_errors == []
    assert log.started == ["net/compat.o", "net/socket.o"]
    gas = [d for d in log.warnings if d.file == "arch/x86/include/asm/bitops.h"]
    assert len(gas) == 3 and gas[0].line == 139 and gas[0].column is None
    assert gas[0].message.startswith("no instruction mnemonic suffix given")
    assert {d.obj for d in gas} == {"net/socket.o"}


def test_demo_log_with_echoed_commands_and_source_lines() -> None:
    log = parsed("demo-removed-field.log")
    assert log.started == ["net/socket.o", "net/compat.o", "net/ipv4/tcp.o"]
    assert Counter(d.obj for d in log.errors) == {"net/socket.o": 3, "net/compat.o": 1}
    assert log.warnings == []
    assert log.failed_targets == {"net/socket.o", "net/compat.o"}
    assert log.for_object("net/ipv4/tcp.o") == []
    assert log.errors[-1].message.startswith("‘struct msghdr’ has no member named ‘msg_controllen’")


def test_without_start_lines_gcc_context_names_the_object() -> None:
    text = (
        "In file included from net/ipv4/tcp.c:3:\n"
        "include/linux/socket.h:40:1: warning: no semicolon\n"
        "include/linux/socket.h:41:1: warning: again\n"
        "net/core/sock.c: In function 'f':\n"
        "net/core/sock.c:9:2: fatal error: x.h: No such file or directory\n"
        "gcc: error: unrecognized command-line option '-mfoo'\n"
        "make: *** No rule to make target 'net/nope.o'.  Stop.\n"
    )
    log = buildlog.parse(text)
    assert [d.obj for d in log.diagnostics] == [
        "net/ipv4/tcp.o",
        "net/ipv4/tcp.o",
        "net/core/sock.o",
        None,  # the driver's own message: no object is being compiled
    ]
    assert log.errors[0].message == "x.h: No such file or directory"
    assert log.errors[1].file == "gcc" and log.errors[1].line == 0
    assert log.failed_targets == {"net/nope.o"}


def test_new_diagnostics_ignore_moved_lines_and_count_repeats() -> None:
    def warn(line: int, message: str) -> buildlog.Diagnostic:
        return buildlog.Diagnostic("net/socket.c", line, 3, "warning", message, "net/socket.o")

    before = [warn(10, "unused variable ‘a’"), warn(20, "unused variable ‘b’")]
    after = [warn(12, "unused variable ‘a’"), warn(30, "unused variable ‘a’"), warn(22, "x")]
    assert buildlog.new_diagnostics(before, after) == [after[1], after[2]]
    assert buildlog.new_diagnostics(after, before) == [before[1]]


def test_an_old_tree_without_its_shims_fails_in_prepare_with_these_errors() -> None:
    """3.18.20 with gcc 12: what check's -fno-PIE and compiler-gcc12.h shims prevent."""
    pic = parsed("kernel-3.18.20-pic.log")
    [error] = pic.errors
    assert (error.file, error.message, error.obj) == (
        "cc1",
        "code model kernel does not support PIC mode",
        "scripts/mod/empty.o",
    )
    header = parsed("kernel-3.18.20-gcc12h.log")
    assert {d.message for d in header.errors} == {
        "linux/compiler-gcc12.h: No such file or directory"
    }
    assert {d.obj for d in header.errors} >= {"arch/x86/purgatory/sha256.o"}


def test_an_error_in_gccs_temporary_assembly_is_the_same_before_and_after() -> None:
    """3.18.20 on arm: gas stops at an inline asm's .err, in a /tmp/ccXXXXXX.s of each run."""

    def log(temporary: str) -> str:
        return (
            "  CC [M]  drivers/net/ethernet/hisilicon/higmac/higmac.o\n"
            f"{temporary}:692: Error: .err encountered\n"
            "make[1]: *** [scripts/Makefile.build:257: "
            "drivers/net/ethernet/hisilicon/higmac/higmac.o] Error 1\n"
        )

    before = buildlog.parse(log("/tmp/ccIcffHu.s")).errors
    after = buildlog.parse(log("/tmp/cc5UJggT.s")).errors
    assert [str(d) for d in after] == ["<gcc temporary>.s:692: error: .err encountered"]
    assert buildlog.new_diagnostics(before, after) == []
