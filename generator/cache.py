"""The cache of spatch results: content-addressed, under ``$XDG_CACHE_HOME/cocci-series``.

What spatch makes of a file depends on the spatch binary and its data files, the rule
text, the options, the file, and the files spatch reads for it (``includes.py``), by
path and content; nothing else.  A result is stored under a hash of all of these, so
any run that asks the same question gets the answer without running spatch: ``plan``
then ``generate``, a rerun, or the steps after an edited rule, where most files of the
tree did not change.  A stale hit would be a wrong patch, so the key errs on the side of
reading more, and what the key cannot vouch for is not cached at all (an option
``includes.py`` does not know, a rule that includes SmPL files, a ``.cocciconfig``).

Files are the unit, but spatch may rewrite a header it parsed for a file, and writes it
only if every file that parsed it agrees: files that may rewrite the same header are
cached as one *component*, under the keys of all of them.  Components share no file
they may write, so results of different runs put together are the result of one run.
Missing components are computed by one spatch run on their files; the cached ones are
written after it (spatch reads the tree as it was).

In a clone checked out only as far as it is read (``sparse.py``), that run checks out
only its inputs: the files it processes and every header ``includes.py`` says it may
parse for them, not the other 48,000 files of a kernel.  Why spatch then gives what it
gives on the whole tree:

- What it reads of the tree is those files, by path and content.  That is the claim
  every hit already rests on (a hit is served when exactly these are unchanged), so a
  miss rests on nothing more: were ``includes.py`` to miss a header spatch reads, a hit
  could already be stale; now the miss that stored it would also differ from a run on
  the whole tree, the same error, not a new one.  Each candidate of an include that
  exists counts, for the "unique file" search too (every header of that name on the
  include path is checked out), so spatch finds on disk the same candidates as in a
  whole checkout; one that does not exist does not exist in either.  ``-I ./include``
  is given from the index (``sparse.is_dir``), not from what is on disk.  A file not
  checked out is in the index as it is in the commit: nothing writes one without
  checking it out first.
- The stray-change detection still holds, and is where a wrong model shows: spatch can
  write only what is on disk, and a change it prints outside what the components may
  write means the model missed something.  The files checked out for the run are then
  put back as they were (their bytes are kept; one not checked out is absent again),
  the tree is checked out whole and spatch
  runs again, so what follows (an error when results came from the cache, else
  spatch's own result, not stored) is what a whole checkout gives.  A change to a file
  checked out before this run, which cannot be put back, fails the run.
- A header whose includes no run has stored is read from the index (``git cat-file``),
  not checked out.

The store keeps each entry in a file of its own,
``<root>/v1/<kind>/<2 hex>/<key>``, whose first line names the kind, the key and the
SHA-256 of the rest: an entry that does not match (a torn write, a disk error, a hand
edit) is removed and recomputed, never trusted.  Entries are written to a temporary
file and renamed into place, so concurrent runs only ever see whole entries.  File
contents are kept once, under their git blob id (kind ``blob``).  A store that cannot
be written is used read-only, silently; ``--no-cache`` bypasses it.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import closing, contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

from . import git as gitops
from . import includes, proc, scratch, sparse
from . import spatch as spatch_mod
from .errors import CocciSeriesError, ToolFailed

SCHEMA = 1
MAGIC = "cocci-series-cache 1"


class Store:
    """Entries on disk under ROOT (see the module doc)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.writable = True
        self.counts = {"hit": 0, "miss": 0, "bad": 0, "files reused": 0, "files run": 0}

    @classmethod
    def default(cls) -> Store:
        """``$XDG_CACHE_HOME/cocci-series``, or ``~/.cache/cocci-series``."""
        base = os.environ.get("XDG_CACHE_HOME", "")
        top = Path(base) if base.startswith("/") else Path.home() / ".cache"
        return cls(top / "cocci-series")

    def _path(self, kind: str, key: str) -> Path:
        return self.root / f"v{SCHEMA}" / kind / key[:2] / key

    def get(self, kind: str, key: str) -> bytes | None:
        """The payload stored under KIND and KEY, if whole and unaltered."""
        path = self._path(kind, key)
        try:
            data = path.read_bytes()
        except OSError:
            return None
        head, newline, payload = data.partition(b"\n")
        expected = f"{MAGIC} {kind} {key} {hashlib.sha256(payload).hexdigest()}"
        if not newline or head != expected.encode():
            self.counts["bad"] += 1
            with suppress(OSError):
                path.unlink()
            return None
        return payload

    def put(self, kind: str, key: str, payload: bytes) -> None:
        if not self.writable:
            return
        path = self._path(kind, key)
        head = f"{MAGIC} {kind} {key} {hashlib.sha256(payload).hexdigest()}\n".encode()
        temp = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
            with os.fdopen(fd, "wb") as out:
                out.write(head + payload)
            os.replace(temp, path)
        except OSError:
            self.writable = False  # a full disk or a read-only home: run on without
            if temp is not None:
                with suppress(OSError):
                    os.unlink(temp)

    def blob(self, blob: str) -> bytes | None:
        """The file contents of git blob id BLOB."""
        data = self.get("blob", blob)
        if data is not None and includes.blob_id(data) != blob:
            self.counts["bad"] += 1
            with suppress(OSError):
                self._path("blob", blob).unlink()
            return None
        return data

    def put_blob(self, data: bytes) -> str:
        blob = includes.blob_id(data)
        if self.get("blob", blob) is None:
            self.put("blob", blob, data)
        return blob


_active: list[Store | None] = []


@contextmanager
def using(store: Store | None) -> Iterator[None]:
    """Inside the block, ``spatch.apply()`` uses STORE (None: no cache)."""
    _active.append(store)
    try:
        yield
    finally:
        _active.pop()


def active() -> Store | None:
    return _active[-1] if _active else None


class CacheModelError(CocciSeriesError):
    """spatch changed a file the cache did not expect it to read."""

    exit_code = 4


# -- keys ---------------------------------------------------------------------------------

_known = includes.Includes()  # the includes of each file content seen by this process
_identities: dict[tuple[str, int, int], str] = {}
_queries: dict[str, list[list[str]] | None] = {}


def spatch_identity(sp: spatch_mod.Spatch) -> str:
    """A hash of the spatch binary and of the data files it loads by default."""
    real = sp.path.resolve()
    stat = real.stat()
    memo = (str(real), stat.st_mtime_ns, stat.st_size)
    if memo not in _identities:
        digest = hashlib.sha256(sp.version_line.encode())
        digest.update(real.read_bytes())
        home = os.environ.get("COCCINELLE_HOME", "")
        digest.update(home.encode() + b"\0")
        dirs = [
            real.parent,
            real.parent.parent / "lib" / "coccinelle",
            *([Path(home)] if home else []),
        ]
        for data in (d / name for d in dirs for name in ("standard.h", "standard.iso")):
            if data.is_file():
                digest.update(str(data).encode() + b"\0" + data.read_bytes())
        _identities[memo] = digest.hexdigest()
    return _identities[memo]


def reads_other_files(text: str) -> bool:
    """SmPL that reads other files: ``#include``/``using`` before the first rule, or
    ``using`` in a rule's header."""
    prolog = text.split("\n@", 1)[0] if not text.startswith("@") else ""
    if re.search(r"^\s*(#\s*include|using)\b", prolog, re.M):
        return True
    return bool(re.search(r"^@[^@\n]*\busing\b", text, re.M))


@dataclass(frozen=True)
class _Context:
    model: includes.Model
    key: str  # what every file of the call shares
    query_key: str


def _context(call: spatch_mod.Call) -> _Context | None:
    """What the call's results depend on besides the files, or None: do not cache."""
    text = call.rule.read_bytes()
    lines = spatch_mod.spatch_lines(call.rule)
    if reads_other_files(text.decode("utf-8", "replace")) or any(
        "'" in a or '"' in a for a in lines
    ):
        return None
    home = os.environ.get("HOME", "")
    if sparse.exists(call.tree, ".cocciconfig") or (home and Path(home, ".cocciconfig").exists()):
        return None
    model = includes.model([*lines, *call.options])
    if model is None:
        return None
    common = {
        "schema": SCHEMA,
        "spatch": spatch_identity(call.sp),
        "rule": hashlib.sha256(text).hexdigest(),
        "options": list(call.options),
        "defines": list(call.defines),
    }
    query_key = _digest(common)
    common.update(
        {
            "in_place": call.in_place,
            "timeout": call.timeout,
            "dir": call.files is None,
            "include_dir": sparse.is_dir(call.tree, "include"),
        }
    )
    return _Context(model, _digest(common), query_key)


def parse_key(sp: spatch_mod.Spatch, rule: Path, defines: Sequence[str]) -> str | None:
    """The key of "RULE parses with DEFINES" (None: a rule that reads other files)."""
    text = rule.read_bytes()
    if reads_other_files(text.decode("utf-8", "replace")):
        return None
    return _digest([SCHEMA, spatch_identity(sp), hashlib.sha256(text).hexdigest(), list(defines)])


def _digest(value: object) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True).encode()).hexdigest()


class _StoredIncludes(includes.Includes):
    """The includes of file contents, kept in the store too (kind ``includes``, by blob
    id): a rerun then reads no header that is not checked out (``sparse.py``)."""

    def __init__(self, store: Store) -> None:
        super().__init__(_known.table)
        self.store = store

    def of(self, blob: str, read: Callable[[], bytes]) -> list[tuple[bool, str]]:
        if blob not in self.table:
            raw = self.store.get("includes", blob)
            try:
                found = [(bool(local), str(name)) for local, name in json.loads(raw or "")]
            except (ValueError, TypeError):
                found = None
            if found is not None:
                self.table[blob] = found
                return found
            self.store.put("includes", blob, json.dumps(super().of(blob, read)).encode())
        return self.table[blob]


# -- the files a --dir . --use-gitgrep run processes --------------------------------------

_FAKE_GIT = """#!/bin/sh
for arg in "$@"; do printf '%s\\0' "$arg"; done >> "$COCCI_SERIES_QUERY"
printf '\\n' >> "$COCCI_SERIES_QUERY"
exit 1
"""


def _query(store: Store, call: spatch_mod.Call, key: str) -> list[list[str]] | None:
    """The ``git grep`` commands spatch runs to pick its files (their arguments after
    ``git``), learnt by running it on an empty directory with a ``git`` that only writes
    them down; None when spatch has no query (it would then take every file)."""
    if key in _queries:
        return _queries[key]
    stored = store.get("query", key)
    if stored is not None:
        with suppress(ValueError):
            found = json.loads(stored)["clauses"]
            _queries[key] = found
            return found  # type: ignore[no-any-return]
    with scratch.directory("cocci-series-query-") as work:
        (work / "bin").mkdir()
        (work / "empty").mkdir()
        fake = work / "bin" / "git"
        fake.write_text(_FAKE_GIT)
        fake.chmod(0o755)
        record = work / "calls"
        argv = ["--sp-file", str(call.rule.resolve()), "--very-quiet"]
        for name in call.defines:
            argv += ["-D", name]
        argv = call.sp.argv(*argv, "--dir", ".", "--use-gitgrep", *call.options)
        env = {"PATH": f"{work / 'bin'}:{os.environ.get('PATH', '')}",
               "COCCI_SERIES_QUERY": str(record)}  # fmt: skip
        done = proc.run(argv, cwd=work / "empty", env=env, errors="replace", timeout=600)
        lines = record.read_bytes().split(b"\n") if record.exists() else []
    clauses = [
        [a.decode("utf-8", "surrogateescape") for a in line.split(b"\0")[:-1]]
        for line in lines
        if line
    ]
    if done.returncode != 0 or not clauses or any(c[:1] != ["grep"] for c in clauses):
        clauses = None  # type: ignore[assignment]
    _queries[key] = clauses
    store.put("query", key, json.dumps({"clauses": clauses}).encode())
    return clauses


def query_words(store: Store, call: spatch_mod.Call) -> set[str]:
    """The words of the ``git grep`` query spatch would pick CALL's files with (none: the
    cache does not model CALL, or spatch has no query)."""
    ctx = _context(call)
    clauses = _query(store, call, ctx.query_key) if ctx is not None else None
    return {a for c in clauses or () for prev, a in zip(c, c[1:], strict=False) if prev == "-e"}


def _select(store: Store, call: spatch_mod.Call, ctx: _Context) -> list[str] | None:
    """The files ``spatch --dir . --use-gitgrep`` would process in CALL's tree."""
    clauses = _query(store, call, ctx.query_key)
    if clauses is None:
        return None
    from . import greps  # it keeps its results in this module's store

    chosen: set[str] | None = None
    at = greps.work_tree(call.tree)  # the same for every clause
    for clause in clauses:
        split = clause.index("--") if "--" in clause else len(clause)
        try:
            found = greps.files(store, call.tree, clause[1:split], clause[split + 1 :], None, at)
        except ToolFailed:
            return None  # spatch would fall back to its own scan
        names = {n for n in found if n[-5:] not in (".in.c", ".in.h")}
        chosen = names if chosen is None else chosen & names
    return sorted(chosen or ())


# -- components -----------------------------------------------------------------------------


@dataclass
class _Component:
    members: list[str]
    reach: set[str]  # the files its run may write: its members and their writable headers
    key: str = ""
    written: dict[str, bytes] = field(default_factory=dict)
    printed: list[tuple[str, str]] = field(default_factory=list)
    hit: bool = False


def _components(files: list[str], reach: dict[str, list[str]]) -> list[_Component]:
    """FILES grouped so that no two groups may write the same file."""
    owner: dict[str, int] = {}
    groups: dict[int, _Component] = {}
    for number, name in enumerate(files):
        merged = _Component([name], set(reach[name]))
        for path in reach[name]:
            if path in owner and owner[path] in groups:
                other = groups.pop(owner[path])
                merged.members += other.members
                merged.reach |= other.reach
        for path in merged.reach:
            owner[path] = number
        groups[number] = merged
    return sorted(
        (_Component(sorted(g.members), g.reach) for g in groups.values()),
        key=lambda g: g.members[0],
    )


def _load(store: Store, component: _Component) -> bool:
    """Fill COMPONENT from the store; False if it is not there whole."""
    raw = store.get("result", component.key)
    if raw is None:
        return False
    try:
        value = json.loads(raw)
        written = {path: store.blob(blob) for path, blob in value["written"].items()}
        printed = [(str(path), str(text)) for path, text in value["printed"]]
    except (ValueError, KeyError, TypeError, AttributeError):
        return False
    if any(data is None for data in written.values()):
        return False
    component.written = {p: d for p, d in written.items() if d is not None}
    component.printed = printed
    return True


def _save(store: Store, component: _Component) -> None:
    if any(p.startswith(("../", "/")) for p in component.written):
        return  # spatch wrote outside the tree: never replayed
    value = {
        "members": component.members,
        "written": {p: store.put_blob(d) for p, d in sorted(component.written.items())},
        "printed": component.printed,
    }
    store.put("result", component.key, json.dumps(value, sort_keys=True).encode())


# -- spatch's output, file by file ----------------------------------------------------------

_HUNK = re.compile(r"^@@ -\d+(?:,(\d+))? \+\d+(?:,(\d+))? @@")


def split_diff(text: str) -> list[tuple[str, str]]:
    """spatch's diff output as (old path as printed, its part of TEXT), in order.  What
    is not a diff (spatch prints some warnings on stdout) comes as ("", line)."""
    lines = text.splitlines(keepends=True)
    parts: list[tuple[str, str]] = []
    index = 0
    while index < len(lines):
        start = index
        if lines[index].startswith("diff ") and lines[index + 1 : index + 2] != []:
            index += 1
        if not (
            lines[index].startswith("--- ")
            and index + 1 < len(lines)
            and lines[index + 1].startswith("+++ ")
        ):
            parts.append(("", lines[start]))
            index = start + 1
            continue
        name = lines[index][4:].rstrip("\n").split("\t")[0]
        index += 2
        while index < len(lines) and (m := _HUNK.match(lines[index])):
            old = int(m.group(1) or 1)
            new = int(m.group(2) or 1)
            index += 1
            while index < len(lines) and (old > 0 or new > 0):
                mark = lines[index][:1]
                if mark == "\\":  # "\ No newline at end of file"
                    index += 1
                    continue
                if mark not in (" ", "-", "+"):
                    break  # a short hunk: what follows is not part of it
                old -= mark in (" ", "-")
                new -= mark in (" ", "+")
                index += 1
            while index < len(lines) and lines[index].startswith("\\"):
                index += 1
        parts.append((name, "".join(lines[start:index])))
    return parts


# -- the cached application ---------------------------------------------------------------


def _stamp(path: Path) -> tuple[int, int, int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino)


@dataclass
class _Plan:
    """What a call takes from the store and what spatch still has to run, before it runs."""

    files: list[str]
    tree: includes.Tree
    components: list[_Component]
    missing: list[_Component]
    checked: dict[str, bytes] | None  # the files checked out for spatch, as they were
    absent: set[str]  # and those the run finds not checked out


def _plan(store: Store, call: spatch_mod.Call) -> _Plan | None:
    """CALL's files, grouped, keyed and looked up in STORE, and what a miss reads checked
    out; None when the cache cannot say what spatch reads (it then runs as without)."""
    ctx = _context(call)
    files = None
    if ctx is not None:
        files = list(call.files) if call.files is not None else _select(store, call, ctx)
    index = sparse.skipped(call.tree)
    # One git command for the headers read from the index: 1,200 in a cold run.
    with closing(gitops.Blobs(call.tree)) as blobs:

        def fetch(path: str) -> bytes:
            # A header not checked out whose includes no run has stored: read from the index.
            assert index is not None
            return blobs.read(index[path])

        tree = includes.Tree(call.tree, _StoredIncludes(store), index, fetch)
        if ctx is None or files is None or any(tree.blob(f) is None for f in files):
            return None
        resolver = includes.Resolver(ctx.model, tree)
        parsed = {f: resolver.parsed(f) for f in files}
        reach = {f: [f, *resolver.writable(f, parsed[f])] for f in files}
        components = _components(files, reach)
        for component in components:
            inputs = [
                [f, tree.blob(f), [[h, tree.blob(h)] for h in parsed[f]]] for f in component.members
            ]
            component.key = _digest([ctx.key, inputs])
            component.hit = _load(store, component)
        plan = _Plan(files, tree, components, [c for c in components if not c.hit], None, set())
        if plan.missing and index is not None:
            read = sorted({p for c in plan.missing for f in c.members for p in [f, *parsed[f]]})
            sparse.need(call.tree, read)  # before _run_missing() takes the files' stamps
            plan.checked = {p: (call.tree / p).read_bytes() for p in read}
            plan.absent = set(index)
        return plan


def apply(store: Store, call: spatch_mod.Call) -> spatch_mod.SpatchResult:
    """``spatch.apply()`` for CALL, from STORE where it can: the same files written and
    the same diffs printed as ``spatch.run(CALL)`` (in no particular order).

    Calls may run at the same time on one tree (a report's selections): what reads or
    changes a partial clone's checkout holds ``sparse.LOCK``; spatch runs without it.
    """
    with sparse.guard(call.tree):
        plan = _plan(store, call)
    if plan is None:
        with sparse.guard(call.tree):  # it checks the whole tree out first
            return spatch_mod.run(call)
    files, tree, components, missing = plan.files, plan.tree, plan.components, plan.missing
    checked = plan.checked
    done, stray = _run_missing(call, tree, missing, checked is not None) if missing else (None, "")
    if stray and checked is not None:
        # Outside what the key says spatch reads: put back what it wrote, and run it again
        # on the whole tree, as without a partial checkout.
        assert done is not None
        with sparse.guard(call.tree):
            _put_back(call, tree, checked, plan.absent, done.stdout)
            sparse.need_all(call.tree)
            done, stray = _run_missing(call, tree, missing, False)
    if stray and len(missing) < len(components):
        raise _unexpected(call, stray)
    if done is not None and stray:
        return done  # every file ran: spatch's own result, not cached
    for component in missing:
        _save(store, component)
    if call.in_place:
        hits = [(p, d) for c in components if c.hit for p, d in c.written.items()]
        with sparse.guard(call.tree):
            sparse.need(call.tree, [path for path, _ in hits])
        for path, data in hits:
            target = scratch.inside(call.tree, path)  # no symlink on the way
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)  # over the checked-out file: its mode stays
    reused = sum(len(c.members) for c in components if c.hit)
    store.counts["hit"] += len(components) - len(missing)
    store.counts["miss"] += len(missing)
    store.counts["files reused"] += reused
    store.counts["files run"] += len(files) - reused
    printed = sorted((p for c in components for p in c.printed), key=lambda p: p[0])
    stdout = "".join(text for _, text in printed)
    # The command is the one an uncached run would run: what series.json records does
    # not depend on what the cache held (commands.log says what did run).
    if done is None:
        return spatch_mod.SpatchResult(_command(call), 0.0, stdout, "", reused=reused)
    return spatch_mod.SpatchResult(
        _command(call), done.seconds, stdout, done.stderr, done.summary, done.drops, done.ran,
        reused,
    )  # fmt: skip


def _command(call: spatch_mod.Call) -> list[str]:
    """The command line ``spatch.run(CALL)`` would run, as the command log names it."""
    with scratch.directory("cocci-spatch-") as work:
        argv = call.command(work)
        proc.alias(work, "$TMPDIR/cocci-spatch-XXXX")
        return [proc.stable(a) for a in argv]


def _unexpected(call: spatch_mod.Call, name: str) -> CacheModelError:
    """spatch changed NAME, which no component of the cache's model may write."""
    return CacheModelError(
        f"{call.rule.name}: spatch printed a change to {name!r}, which the cache did "
        "not expect it to touch",
        hint="run again with --no-cache, and report this with the rule and the tree",
    )


def _put_back(
    call: spatch_mod.Call,
    tree: includes.Tree,
    inputs: dict[str, bytes],
    absent: set[str],
    stdout: str,
) -> None:
    """Undo what a run on a partial checkout wrote: INPUTS, the files checked out for it,
    as they were; ABSENT, those not checked out, absent again.  spatch writes what it
    prints a change to (STDOUT): a file checked out before the run cannot be put back,
    and fails the run."""
    like_dir = call.files is None
    for name, _ in split_diff(stdout):
        path = tree.norm(name.removeprefix("a/") if like_dir else name)
        if not name or path in inputs:
            continue
        if path in absent or not sparse.exists(call.tree, path):
            if (call.tree / path).is_file():
                (call.tree / path).unlink()  # written where nothing was checked out
        elif call.in_place:
            raise _unexpected(call, name)
    for path, data in inputs.items():
        target = call.tree / path
        if not target.is_file() or target.read_bytes() != data:
            target.write_bytes(data)


def _run_missing(
    call: spatch_mod.Call, tree: includes.Tree, missing: Sequence[_Component], inputs_out: bool
) -> tuple[spatch_mod.SpatchResult, str]:
    """Run spatch on the files of MISSING; fill each with what it wrote and printed.  Also
    the first file it printed a change to that none of them may write ("": none).
    INPUTS_OUT: what spatch reads is checked out (``spatch.run``)."""
    owner = {path: c for c in missing for path in c.reach}
    for component in missing:
        component.written, component.printed = {}, []
    before = {path: _stamp(call.tree / path) for path in owner}
    done = spatch_mod.run(
        call, sorted(f for c in missing for f in c.members), inputs_out=inputs_out
    )
    for path, stamp in before.items():
        if _stamp(call.tree / path) != stamp:
            data = (call.tree / path).read_bytes()
            if includes.blob_id(data) != tree.blob(path):
                owner[path].written[path] = data
    like_dir = call.files is None  # --patch .: a/ and b/ prefixes
    for name, text in split_diff(done.stdout):
        if not name:
            continue  # a warning: on stderr too, and no part of the result
        path = tree.norm(name.removeprefix("a/") if like_dir else name)
        if path not in owner:
            return done, name
        owner[path].printed.append((path, text))
    return done, ""
