"""The command line: parse, call a verb, print, exit.  Nothing else lives here.

Exit codes: 0 ok, 1 user error, 2 usage, 3 check failed, 4 internal error, 128+N signal N
(130 SIGINT, 143 SIGTERM, 129 SIGHUP).
"""

from __future__ import annotations

import concurrent.futures
import errno
import functools
import json
import os
import select
import signal
import subprocess
import sys
import tempfile
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Annotated, NoReturn, ParamSpec

import typer

from . import __version__, buildcheck, cache, pager, paths, proc, report, runtime, scratch
from . import audit as audit_mod
from . import census as census_mod
from . import compare as compare_mod
from . import demo as demo_mod
from . import generate as generate_mod
from . import run as run_mod
from . import series as series_mod
from . import spatch as spatch_mod
from . import split as split_mod
from .errors import CocciSeriesError, Interrupted, UserError

app = typer.Typer(
    add_completion=False,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    help="Drive Coccinelle over a kernel tree and emit a bisectable git format-patch series.",
)

TreeOpt = Annotated[
    Path | None,
    typer.Option(
        "--tree", help="The kernel git tree (read only; never modified). Default: the demo tree."
    ),
]
BaseOpt = Annotated[str, typer.Option("--base", help="The commit to start from.")]
JobsOpt = Annotated[int, typer.Option("--jobs", "-j", min=1, help="Parallel spatch jobs.")]
ConfigOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--config",
        help="Kbuild configuration: a *config target (defconfig, allmodconfig) or a .config "
        "file; ARCH:CONFIG for one --arch only; repeatable.  Default allmodconfig.  "
        "Ignored by a tree without Kbuild (the demo).",
    ),
]
ArchOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--arch",
        help="Build for x86_64 (default), i386, arm (gcc-arm-linux-gnueabi) or arm64 "
        "(gcc-aarch64-linux-gnu); repeatable.",
    ),
]
CcOpt = Annotated[
    str | None,
    typer.Option(
        "--cc",
        help="The compiler command, e.g. 'ccache gcc', 'distcc gcc', icecc (default: $CC, "
        "else ccache gcc when ccache is installed); gcc becomes the --arch's cross compiler.",
    ),
]
JsonOpt = Annotated[
    Path | None, typer.Option("--json", help="Also write the report as JSON to this file.")
]
NoCacheOpt = Annotated[
    bool,
    typer.Option(
        "--no-cache",
        help="Run spatch on every file, without reading or filling the cache of spatch "
        "results ($XDG_CACHE_HOME/cocci-series).",
    ),
]
SpatchOpt = Annotated[
    str | None,
    typer.Option("--spatch", help="spatch to run (default: $SPATCH, the pinned wheel, PATH)."),
]
SpatchTimeoutOpt = Annotated[
    float | None,
    typer.Option(
        "--spatch-timeout", help="Seconds one spatch run may take (default: 14400, 4 hours)."
    ),
]
AuthorOpt = Annotated[
    str | None,
    typer.Option("--author", help="'Name <mail>' for From: and Signed-off-by:."),
]
CheckOpt = Annotated[
    bool,
    typer.Option(
        "--check", help="Then build-check it, as `check OUT` (with --config, --arch, -j)."
    ),
]
AllowLeftoversOpt = Annotated[
    bool,
    typer.Option(
        "--allow-leftovers",
        help="Write the series even if a census that must be empty is not (its [[report]]).",
    ),
]
NoCcOpt = Annotated[bool, typer.Option("--no-cc", help="No To:/Cc: from the tree's MAINTAINERS.")]
SplitOpt = Annotated[
    str,
    typer.Option(
        "--split",
        help="One patch per: subsystem (MAINTAINERS section), maintainer, directory:N, "
        "file, or none.",
    ),
]


def _progress(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def _tick(line: str) -> None:
    """A line that the next one replaces, while a step runs: on a terminal only."""
    if sys.stderr.isatty():
        print(f"\r{line}\x1b[K", end="", file=sys.stderr, flush=True)


def _ticked(line: str) -> None:
    """A progress line, replacing a tick line."""
    if sys.stderr.isatty():
        print("\r\x1b[K", end="", file=sys.stderr)
    _progress(line)


def _interrupted(signum: int) -> NoReturn:
    for later in scratch.SIGNALS:  # ignored by the OS, even while Python finalizes
        signal.signal(later, signal.SIG_IGN)
    name = signal.Signals(signum).name
    left = scratch.leftovers()
    if left:
        done = "scratch directories left, remove them: " + " ".join(map(str, left))
    else:
        done = "scratch directories removed"
    print(f"cocci-series: interrupted by {name}; {done}", file=sys.stderr)
    raise SystemExit(128 + signum)


def _fail(exc: BaseException) -> NoReturn:
    if isinstance(exc, BrokenPipeError) and _stdout_gone():
        # Its reader left (`| head`): stop quietly, as git and grep do.
        raise SystemExit(128 + signal.SIGPIPE)
    if isinstance(exc, Interrupted):
        _interrupted(exc.signum)
    if isinstance(exc, KeyboardInterrupt):
        _interrupted(signal.SIGINT)
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        exc = UserError(f"no space left in {exc.filename or 'the output directory'}")
    if isinstance(exc, CocciSeriesError):
        print(f"cocci-series: error: {exc}", file=sys.stderr)
        raise SystemExit(exc.exit_code)
    log = _crash_log()
    print(f"cocci-series: internal error: {exc!r} (traceback in {log})", file=sys.stderr)
    raise SystemExit(4)


def _stdout_gone() -> bool:
    """Whether standard output is a pipe nobody reads any more (poll() says POLLERR);
    then it is pointed at /dev/null, so that Python's flush at exit stays quiet."""
    try:
        poller = select.poll()
        poller.register(sys.stdout.fileno(), select.POLLOUT)
        gone = any(events & select.POLLERR for _, events in poller.poll(0))
    except (OSError, ValueError):  # no stdout, or not a file descriptor
        return False
    if gone:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return gone


def _crash_log() -> str:
    """Write the traceback and the versions of everything involved to a new file in TMPDIR."""
    text = traceback.format_exc()
    versions = [f"cocci-series {__version__}", f"Python {sys.version.split()[0]}"]
    try:
        versions.append(proc.run(["git", "--version"], timeout=10).stdout.strip())
    except (OSError, CocciSeriesError) as error:
        versions.append(f"git: {error}")
    try:
        versions.append(spatch_mod.find().version_line)
    except CocciSeriesError as error:
        versions.append(f"spatch: {error.message}")
    fd, path = tempfile.mkstemp(prefix="cocci-series-crash-", suffix=".log")
    with os.fdopen(fd, "w", encoding="utf-8") as log:
        log.write("\n".join([" ".join(sys.argv), *versions, "", text]))
    return path


def _on_signal(signum: int, frame: FrameType | None) -> None:
    """The first SIGINT/SIGTERM/SIGHUP unwinds the verb; later ones are ignored, so that
    the cleanup they would interrupt, and the exit status, complete.  One that arrives in
    the middle of the standard library's lock bookkeeping, or while a child is being
    started, is sent again a moment later."""
    global _signalled, _deferred
    if _signalled:
        return
    first = _deferred or signum
    if proc.spawning() or _in_bookkeeping(frame):
        _deferred = first
        threading.Timer(_RESEND_AFTER, os.kill, (os.getpid(), first)).start()
        return
    _signalled = True
    raise Interrupted(first)


# Modules that take a lock and release it in a `try` entered a statement later (subprocess:
# Popen.poll's acquire(False)) or in a loop (concurrent.futures: acquiring every future's
# condition): an exception raised in between leaves the lock taken for good, and the next
# wait() for that child, or for that future, never returns.
_SUBPROCESS = subprocess.__file__
_FUTURES = concurrent.futures._base.__file__
_RESEND_AFTER = 0.01


def _in_bookkeeping(frame: FrameType | None) -> bool:
    """Whether FRAME is in subprocess (at any depth: it never calls back into long waits)
    or directly in concurrent.futures (not in the threading waits it makes)."""
    if frame is not None and frame.f_code.co_filename == _FUTURES:
        return True
    while frame is not None:
        if frame.f_code.co_filename == _SUBPROCESS:
            return True
        frame = frame.f_back
    return False


_signalled = False
_deferred: int | None = None  # a signal to be sent again, out of the bookkeeping
P = ParamSpec("P")


def _handled(verb: Callable[P, None]) -> Callable[P, None]:
    """The single place where errors become messages and exit codes; and where the cache
    of spatch results is opened, unless the verb was given --no-cache."""

    @functools.wraps(verb)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> None:
        global _signalled, _deferred
        _signalled, _deferred = False, None
        handlers = {s: signal.signal(s, _on_signal) for s in scratch.SIGNALS}
        store = None if kwargs.get("no_cache") else cache.Store.default()
        try:
            with cache.using(store):
                verb(*args, **kwargs)
        except BaseException as exc:
            if isinstance(exc, SystemExit | typer.Exit):
                raise
            _fail(exc)
        finally:
            if not _signalled:
                for signum, handler in handlers.items():
                    signal.signal(signum, handler)

    return wrapper


@app.command("list")
@_handled
def list_cmd() -> None:
    """The series in series/, with their steps."""
    print(report.series_listing(series_mod.all_series(paths.series_dir(), paths.rules_dir())))


@app.command()
@_handled
def plan(
    series: Annotated[
        str, typer.Argument(help="Series name (see `list`), a .toml path, or a .cocci rule.")
    ],
    tree: TreeOpt = None,
    base: BaseOpt = "HEAD",
    jobs: JobsOpt = 1,
    spatch: SpatchOpt = None,
    no_cache: NoCacheOpt = False,
    diff: Annotated[
        bool, typer.Option("--diff", help="Show the change of each patch (paged on a terminal).")
    ] = False,
    split: Annotated[
        str | None, typer.Option("--split", help="For a .cocci rule: as `run --split`.")
    ] = None,
    spatch_timeout: SpatchTimeoutOpt = None,
) -> None:
    """Dry run: each step, its rules and the files each rule would change.  Writes nothing."""
    if series.endswith(".cocci"):
        what: str | series_mod.Series = run_mod.series_for(
            Path(series), split=split_mod.parse(split or "subsystem")
        )
    elif split is not None:
        raise UserError("--split goes with a .cocci rule", hint="a series file splits per step")
    else:
        what = series
    run = generate_mod.plan(
        what, tree, base=base, jobs=jobs, spatch=spatch, progress=_ticked, diffs=diff,
        spatch_timeout=spatch_timeout, tick=_tick,
    )  # fmt: skip
    text = report.plan_table(run)
    if diff:
        pager.page(text + "\n\n" + report.plan_diffs(run))
    else:
        print(text)


@app.command()
@_handled
def generate(
    series: Annotated[str, typer.Argument(help="Series name (see `list`) or a .toml path.")],
    out: Annotated[Path, typer.Option("--out", help="Output directory (must not exist).")],
    tree: TreeOpt = None,
    base: BaseOpt = "HEAD",
    jobs: JobsOpt = 1,
    spatch: SpatchOpt = None,
    no_cache: NoCacheOpt = False,
    author: AuthorOpt = None,
    check: CheckOpt = False,
    config: ConfigOpt = None,
    arch: ArchOpt = None,
    no_cc: NoCcOpt = False,
    allow_leftovers: AllowLeftoversOpt = False,
    spatch_timeout: SpatchTimeoutOpt = None,
) -> None:
    """Generate the series: one commit per step, format-patch output, proven with git am."""
    run = generate_mod.generate(
        series, tree, out, base=base, jobs=jobs, spatch=spatch, author=author,
        progress=_ticked, cc=not no_cc, allow_leftovers=allow_leftovers,
        spatch_timeout=spatch_timeout, tick=_tick,
    )  # fmt: skip
    _summary_and_check(run, tree, check=check, configs=config, arches=arch, jobs=jobs)


def _summary_and_check(
    run: generate_mod.Run,
    tree: Path | None,
    *,
    check: bool,
    configs: list[str] | None,
    arches: list[str] | None,
    jobs: int,
) -> None:
    print(report.generate_summary(run))
    if check and run.out:
        checked = buildcheck.check(
            run.out, tree, arches=arches, configs=configs, jobs=jobs, progress=_progress
        )
        print(report.check_table(checked))
        if checked.error:
            raise checked.error


def _prefixes(given: list[str]) -> dict[str, str]:
    found = {}
    for item in given:
        group, sep, prefix = item.rpartition("=")
        if not sep or not group or not prefix:
            raise UserError(
                f"--prefix {item!r} is not GROUP=PREFIX",
                hint="e.g. --prefix 'USB SUBSYSTEM=usb: core' (`plan RULE.cocci` shows the groups)",
            )
        found[group] = prefix
    return found


@app.command("run")
@_handled
def run_cmd(
    rule: Annotated[Path, typer.Argument(help="A .cocci file, e.g. the kernel's own.")],
    out: Annotated[Path, typer.Option("--out", help="Output directory (must not exist).")],
    tree: TreeOpt = None,
    split: SplitOpt = "subsystem",
    subject: Annotated[
        str | None,
        typer.Option("--subject", help="The text after each prefix (default: the rule's ///)."),
    ] = None,
    title: Annotated[
        str | None, typer.Option("--title", help="The cover letter's subject.")
    ] = None,
    prefix_from: Annotated[
        str | None,
        typer.Option(
            "--subject-prefix-from",
            help="Where prefixes come from: history (default, then MAINTAINERS) or maintainers.",
        ),
    ] = None,
    prefix: Annotated[
        list[str] | None,
        typer.Option("--prefix", help="GROUP=PREFIX: a group's prefix by hand (repeatable)."),
    ] = None,
    base: BaseOpt = "HEAD",
    jobs: JobsOpt = 1,
    spatch: SpatchOpt = None,
    no_cache: NoCacheOpt = False,
    author: AuthorOpt = None,
    no_cc: NoCcOpt = False,
    check: CheckOpt = False,
    config: ConfigOpt = None,
    arch: ArchOpt = None,
) -> None:
    """A series from one rule: one patch per group (subsystem...), To/Cc from MAINTAINERS."""
    if prefix_from is not None and prefix_from not in split_mod.PREFIX_SOURCES:
        raise UserError(
            f"--subject-prefix-from {prefix_from!r}: must be one of "
            + ", ".join(split_mod.PREFIX_SOURCES)
        )
    series = run_mod.series_for(
        rule, split=split_mod.parse(split), subject=subject, title=title,
        prefix_from=prefix_from, prefixes=_prefixes(prefix or []),
    )  # fmt: skip
    run = generate_mod.generate(
        series, tree, out, base=base, jobs=jobs, spatch=spatch, author=author,
        progress=_progress, cc=not no_cc,
    )  # fmt: skip
    _summary_and_check(run, tree, check=check, configs=config, arches=arch, jobs=jobs)


@app.command()
@_handled
def check(
    series_dir: Annotated[
        Path, typer.Argument(help="A series: `generate --out` or git format-patch output.")
    ],
    tree: TreeOpt = None,
    config: ConfigOpt = None,
    arch: ArchOpt = None,
    cc: CcOpt = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Parallel make jobs.")] = 1,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            min=1,
            help="Scratch clones building at once (each with -j JOBS): per target, and runs "
            "of consecutive patches.  Default: the cores left, at least 1.",
        ),
    ] = None,
    full: Annotated[
        bool, typer.Option("--full", help="Build everything after each patch, for comparison.")
    ] = False,
    keep_going: Annotated[
        bool, typer.Option("--keep-going", help="Check every patch, not only up to a failure.")
    ] = False,
    werror_new: Annotated[
        bool, typer.Option("--werror-new", help="A new warning fails the patch.")
    ] = False,
    allow_unbuilt: Annotated[
        bool,
        typer.Option(
            "--allow-unbuilt", help="Exit 0 even if no target builds what some patch touches."
        ),
    ] = False,
    run: Annotated[
        bool, typer.Option("--run", help="Also boot each patch's kernel and run the probe.")
    ] = False,
    run_only: Annotated[
        bool, typer.Option("--run-only", help="Only the run-time check (no build check).")
    ] = False,
    run_kernel: Annotated[
        str,
        typer.Option(
            "--run-kernel",
            help="What to boot: um (User-Mode Linux) or qemu (x86_64 under QEMU, KVM or TCG).",
        ),
    ] = "um",
    run_config: Annotated[
        str,
        typer.Option("--run-config", help="The config target under the probe's fragment."),
    ] = "allnoconfig",
    run_timeout: Annotated[
        float, typer.Option("--run-timeout", min=1, help="Seconds one boot may take.")
    ] = 120.0,
    run_logs: Annotated[
        Path | None,
        typer.Option(
            "--run-logs", help="Where console logs are kept (default ./cocci-series-run-BASE)."
        ),
    ] = None,
    run_expect: Annotated[
        Path | None,
        typer.Option("--run-expect", help="Expected observations per patch range (TOML)."),
    ] = None,
    start: Annotated[
        int,
        typer.Option(
            "--from",
            min=1,
            help="Check patches N.. only: those before are applied unchecked, and the "
            "run-time check's reference boot has them.",
        ),
    ] = 1,
) -> None:
    """Apply the series patch by patch on its base and build what each patch can break.

    With --run, also boot the kernel of the base and of each patch and run the probe.
    """
    error = None
    if not run_only:
        built = buildcheck.check(
            series_dir,
            tree,
            arches=arch,
            configs=config,
            cc=cc,
            jobs=jobs,
            workers=workers,
            full=full,
            keep_going=keep_going,
            werror_new=werror_new,
            allow_unbuilt=allow_unbuilt,
            from_patch=start,
            progress=_progress,
        )
        print(report.check_table(built))
        error = built.error
    if (run or run_only) and not (error and not keep_going):
        ran = runtime.check(
            series_dir,
            tree,
            jobs=jobs,
            kernel=run_kernel,
            config=run_config,
            timeout=run_timeout,
            logs=run_logs,
            expectations=run_expect,
            keep_going=keep_going,
            from_patch=start,
            progress=_progress,
        )
        print(runtime.table(ran))
        error = error or ran.error
    if error:
        raise error


@app.command()
@_handled
def audit(
    tree: TreeOpt = None,
    base: BaseOpt = "HEAD",
    jobs: JobsOpt = 1,
    spatch: SpatchOpt = None,
    no_cache: NoCacheOpt = False,
    json_file: JsonOpt = None,
) -> None:
    """Classify every kernel_sendmsg()/kernel_recvmsg() caller by what it assumes of its kvec.

    Markdown on stdout; the tree is only read (the rule runs in a scratch clone).
    """
    if json_file is not None:
        paths.check_output(json_file)
    result = audit_mod.audit(tree, base=base, jobs=jobs, spatch=spatch, progress=_progress)
    if json_file is not None:
        audit_mod.write_json(result, json_file)
    print(audit_mod.markdown(result))


@app.command()
@_handled
def census(
    tree: TreeOpt = None,
    base: BaseOpt = "HEAD",
    jobs: JobsOpt = 1,
    spatch: SpatchOpt = None,
    no_cache: NoCacheOpt = False,
    json_file: JsonOpt = None,
) -> None:
    """Every kernel-side use of msg_iov/msg_iovlen on struct msghdr left at BASE."""
    if json_file is not None:
        paths.check_output(json_file)
    result = census_mod.census(tree, base=base, jobs=jobs, spatch=spatch, progress=_progress)
    if json_file is not None:
        paths.write_output(json_file, json.dumps(result.as_json(), indent=2) + "\n")
    print(census_mod.markdown(result))


@app.command()
@_handled
def compare(
    tree: Annotated[
        Path,
        typer.Option("--tree", help="The tree with the series applied (read only)."),
    ],
    reference: Annotated[
        Path,
        typer.Option("--reference", help="The reference tree, e.g. upstream 3.19 (read only)."),
    ],
    base: BaseOpt = "HEAD",
    reference_base: Annotated[
        str, typer.Option("--reference-base", help="The commit of the reference to read.")
    ] = "HEAD",
    reasons: Annotated[
        Path | None,
        typer.Option(
            "--reasons",
            help="The recorded reasons for the differences "
            "(default: series/msghdr-iov-iter/reference.toml).",
        ),
    ] = None,
    jobs: JobsOpt = 1,
    spatch: SpatchOpt = None,
    no_cache: NoCacheOpt = False,
    json_file: JsonOpt = None,
) -> None:
    """Where each msghdr helper is called in TREE and in the reference, per file, with reasons.

    Markdown on stdout; both trees are only read (the rule runs on files of their commits).
    """
    if json_file is not None:
        paths.check_output(json_file)
    result = compare_mod.compare(
        tree,
        reference,
        base=base,
        reference_base=reference_base,
        reasons_path=reasons,
        jobs=jobs,
        spatch=spatch,
        progress=_progress,
    )
    if json_file is not None:
        compare_mod.write_json(result, json_file)
    print(compare_mod.markdown(result))


@app.command("demo")
@_handled
def demo_cmd(
    dest: Annotated[Path, typer.Argument(help="New directory for the demo tree.")],
) -> None:
    """Write the embedded demo tree as a git repository (tagged `base`) to DEST."""
    path = demo_mod.materialize(dest)
    print(f"demo tree at {path}; try: cocci-series generate msghdr-iov-iter --tree {path}")


def main() -> None:
    app()
