"""``git grep -l`` by tree, from the cache of spatch results' store (``cache.py``).

spatch picks the files of a ``--dir .`` run with ``git grep``, and so do a step's
``grep``, the census and the audit: on a kernel each grep reads 48,000 files, and a
series runs dozens.  What ``git grep -l`` lists depends on its arguments and on the
tree's contents only, so results are stored under the tree id; a tree that differs from
one already grepped in a few files is grepped in those files only (``git diff-tree``
says which).  A work tree is the tree of its HEAD with the files that differ from it
(``git diff-index HEAD``: tracked files are all ``git grep`` reads); in a
clone not checked out whole (``sparse.py``), it is always read so, and a tree that has to
be grepped whole is grepped in its blobs; from a cold run's third such grep on
(``WHOLE_BEFORE_COPY``), the tree the clone started at is grepped in a copy checked out
whole, and HEAD's tree from it and the files that differ.
Where that cannot be said, for a pathspec this module does not read, the grep runs whole.
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from . import git as gitops
from . import proc, sparse
from .cache import Store
from .errors import ToolFailed

LIMIT = 2000  # changed files beyond which a whole grep is as cheap
RECENT = 4  # trees remembered per grep, to grep a new tree against
# A whole grep of a tree's blobs costs ~0.75 s on a kernel, of its checked-out files
# ~0.12 s, and checking the 48,000 files out ~4 s: a partial clone (sparse.py) whose
# HEAD was grepped whole this often has more such greps to come, which then read a copy
# of its first tree checked out whole (sparse.whole()).
WHOLE_BEFORE_COPY = 2

_whole_greps: dict[Path, int] = {}  # whole greps of each partial clone's HEAD, so far

_results: dict[str, list[str]] = {}  # this process's, by key


def _key(args: Sequence[str], pathspec: Sequence[str], tree: str = "") -> str:
    return hashlib.sha256(json.dumps([list(args), list(pathspec), tree]).encode()).hexdigest()


def selected(path: str, pathspec: Sequence[str]) -> bool | None:
    """Whether PATHSPEC selects PATH as git does (None: a pathspec magic not read here)."""
    positive, excluded = [], []
    for spec in pathspec:
        if spec.startswith((":!", ":^")):
            excluded.append(spec[2:])
        elif spec.startswith(":(exclude)"):
            excluded.append(spec[len(":(exclude)") :])
        elif spec.startswith(":"):
            return None
        else:
            positive.append(spec)

    def match(pattern: str) -> bool:
        if any(c in pattern for c in "*?["):
            return fnmatch.fnmatchcase(path, pattern)
        pattern = pattern.rstrip("/")
        return path == pattern or path.startswith(pattern + "/")

    if positive and not any(match(p) for p in positive):
        return False
    return not any(match(p) for p in excluded)


_OPERATORS = {"(", ")", "--and", "--or", "--not", "--all-match"}


def _unbracketed(args: Sequence[str]) -> list[str]:
    """ARGS without brackets around the whole of a pattern list with no other operator
    (how spatch asks: ``-l -w ( -e A -e B )``): the same files, but git then takes its
    fast path for a list of patterns, four times faster on a kernel."""
    args = list(args)
    ops = [i for i, a in enumerate(args) if a in _OPERATORS and (i == 0 or args[i - 1] != "-e")]
    if len(ops) != 2 or args[ops[0]] != "(" or args[ops[1]] != ")" or ops[1] != len(args) - 1:
        return args
    inner = args[ops[0] + 1 : ops[1]]
    if not inner or any(a != "-e" for a in inner[::2]) or len(inner) % 2:
        return args
    return args[: ops[0]] + inner


def _grep(repo: Path, args: Sequence[str], tree: str | None, paths: Sequence[str]) -> list[str]:
    """``git grep ARGS [TREE] -- PATHS``: the file names it lists."""
    argv = ["git", "--no-pager", *gitops.SCRATCH_OPTS, "grep", "--no-color", *_unbracketed(args),
            *([tree] if tree else []), "--", *paths]  # fmt: skip
    done = proc.run(argv, cwd=repo)
    if done.returncode not in (0, 1):  # 1: nothing matched
        raise ToolFailed(argv, done.returncode, done.stderr)
    return [line.split(":", 1)[1] if tree else line for line in done.stdout.splitlines()]


# -- the word index of a tree ----------------------------------------------------------------

_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


@dataclass(frozen=True)
class _Index:
    words: frozenset[str]
    files: dict[str, set[str]]  # word -> the files that hold it as a whole word
    binary: frozenset[str]  # files git grep calls binary that hold one of the words


_expected: dict[str, frozenset[str]] = {}  # tree id -> the words its greps will ask for
_indexes: dict[str, _Index] = {}
_index_lock = threading.Lock()  # greps run on several threads (the early reports)


def expect(tree: str, words: Iterable[str]) -> None:
    """Greps of the tree TREE (an id) will ask for WORDS as whole words (``-l -w``, any
    pathspec): the first such grep reads every file once for all of them, and every such
    grep of TREE, or of a tree that differs from it in a few files, is answered from
    that.  A word that is not a C identifier is left to the greps themselves."""
    wanted = {w for w in words if _WORD.fullmatch(w)}
    _expected[tree] = _expected.get(tree, frozenset()) | wanted


def _words(args: Sequence[str]) -> tuple[bool, list[str]] | None:
    """Of a ``-l -w [-I] -e WORD...`` grep: whether it skips binary files, and its words;
    None for any other grep."""
    flags, words = set(), []
    rest = iter(_unbracketed(args))
    for arg in rest:
        if arg == "-e":
            words.append(next(rest, ""))
        elif arg in ("-l", "-w", "-I"):
            flags.add(arg)
        else:
            return None
    if not {"-l", "-w"} <= flags or not words or not all(_WORD.fullmatch(w) for w in words):
        return None
    return "-I" in flags, words


def _build(repo: Path, tree: str, words: frozenset[str]) -> _Index:
    """One ``git grep -o`` of TREE for all WORDS: which files hold which."""
    # One pattern, not one -e each: git then tries a single regex per line (6.5 s for 63
    # words on a kernel, against 45 s for -F and 63 -e).
    pattern = "(" + "|".join(sorted(words)) + ")"
    argv = ["git", "--no-pager", *gitops.SCRATCH_OPTS, "grep", "--no-color", "-o", "-z", "-w",
            "-E", "-e", pattern, tree, "--"]  # fmt: skip
    done = proc.run(argv, cwd=repo)
    if done.returncode not in (0, 1):
        raise ToolFailed(argv, done.returncode, done.stderr)
    files: dict[str, set[str]] = {w: set() for w in words}
    binary = set()
    # Each match is "TREE:PATH\0WORD\n"; a binary file's is "Binary file TREE:PATH matches\n".
    record = re.compile(
        rf"Binary file {tree}:(?P<binary>[^\0]*?) matches\n"
        rf"|{tree}:(?P<path>[^\0]*)\0(?P<word>\w+)\n"
    )
    at, text = 0, done.stdout
    while at < len(text):
        m = record.match(text, at)
        if m is None:
            raise ToolFailed(argv, done.returncode, f"unexpected output at {text[at : at + 80]!r}")
        if m["binary"] is not None:
            binary.add(m["binary"])
        else:
            files[m["word"]].add(m["path"])
        at = m.end()
    return _Index(words, files, frozenset(binary))


def _indexed(
    repo: Path, args: Sequence[str], pathspec: Sequence[str], tree: str
) -> list[str] | None:
    """What the grep lists in TREE, from its word index (None: not a tree expected to be
    grepped for these words, or not a grep of words)."""
    parsed = _words(args)
    vocabulary = _expected.get(tree, frozenset())
    if parsed is None or not set(parsed[1]) <= vocabulary:
        return None
    skip_binary, words = parsed
    with _index_lock:
        index = _indexes.get(tree)
        if index is None or not vocabulary <= index.words:
            index = _indexes[tree] = _build(repo, tree, vocabulary)
    found = {f for w in words for f in index.files[w] if selected(f, pathspec)}
    binary = [f for f in sorted(index.binary) if selected(f, pathspec)]
    if binary and not skip_binary:  # which words a binary file holds, git does not say
        found |= set(_grep(repo, args, tree, _literal(binary)))
    return sorted(found)


def _seeded(
    store: Store, repo: Path, args: Sequence[str], pathspec: Sequence[str], tree: str
) -> list[str] | None:
    """``_tree()`` of TREE once the answer for an expected tree is stored from its word
    index: TREE's, or from it and the files that differ."""
    if _words(args) is None:
        return None  # no index answers it: ask no repository for its trees
    for start in list(_expected):
        found = _indexed(repo, args, pathspec, start) if _holds(repo, start) else None
        if found is not None:
            _remember(store, args, pathspec, start, found)
            return _tree(store, repo, args, pathspec, tree, whole=False)
    return None


def _literal(paths: Sequence[str]) -> list[str]:
    return [":(literal)" + p for p in paths]


def _holds(repo: Path, tree: str) -> bool:
    argv = ["git", *gitops.SCRATCH_OPTS, "cat-file", "-e", f"{tree}^{{tree}}"]
    return proc.run(argv, cwd=repo).returncode == 0


def _changed(repo: Path, old: str, new: str) -> list[str] | None:
    """The files that differ between the trees OLD and NEW; None when there are too many,
    or when REPO does not hold OLD (the store is shared by every repository)."""
    if not _holds(repo, old):
        return None
    out = gitops.run(repo, "diff-tree", "-r", "-z", "--no-renames", "--name-only", old, new)
    names = [p for p in out.split("\0") if p]
    return names if len(names) <= LIMIT else None


def _tree(
    store: Store, repo: Path, args: Sequence[str], pathspec: Sequence[str], tree: str, whole: bool
) -> list[str] | None:
    """The files ``git grep -l ARGS TREE -- PATHSPEC`` lists: stored, or from a stored
    tree and the files that differ, or (WHOLE) grepped whole; else None."""
    key = _key(args, pathspec, tree)
    found = _stored(store, key)
    recent_key = _key(args, pathspec)
    recent = _recent(store, recent_key)
    for old in recent if found is None else ():
        previous = _stored(store, _key(args, pathspec, old)) if old != tree else None
        changed = _changed(repo, old, tree) if previous is not None else None
        if previous is None or changed is None:
            continue
        picked = [p for p in changed if selected(p, pathspec)]
        again = _grep(repo, args, tree, _literal(picked)) if picked else []
        found = sorted((set(previous) - set(changed)) | set(again))
        break
    if found is None and whole:
        found = sorted(_grep(repo, args, tree, pathspec))
    if found is not None:
        _remember(store, args, pathspec, tree, found, recent)
    return found


def _stored(store: Store, key: str) -> list[str] | None:
    if key in _results:
        return _results[key]
    raw = store.get("grep", key)
    try:
        found = [str(name) for name in json.loads(raw)] if raw is not None else None
    except ValueError:
        return None
    if found is not None:
        _results[key] = found
    return found


def _recent(store: Store, key: str) -> list[str]:
    raw = store.get("grep-recent", key)
    try:
        return [str(t) for t in json.loads(raw)] if raw is not None else []
    except ValueError:
        return []


def _remember(
    store: Store,
    args: Sequence[str],
    pathspec: Sequence[str],
    tree: str,
    found: list[str],
    recent: list[str] | None = None,
) -> None:
    """Store FOUND as the grep's answer for TREE, the most recent of its trees (RECENT:
    those stored before, if the caller read them)."""
    key, recent_key = _key(args, pathspec, tree), _key(args, pathspec)
    recent = _recent(store, recent_key) if recent is None else recent
    if store.get("grep", key) is None:
        store.put("grep", key, json.dumps(found).encode())
    _results[key] = found
    trees = [tree, *(t for t in recent if t != tree)][:RECENT]
    if trees != recent:
        store.put("grep-recent", recent_key, json.dumps(trees).encode())


def work_tree(repo: Path) -> tuple[str, list[str]] | None:
    """REPO's work tree as its HEAD's tree id and the tracked files that differ from it,
    staged or not; None without a HEAD."""
    head = gitops.run(repo, "rev-parse", "--verify", "--quiet", "HEAD^{tree}", check=False)
    if not head.strip():
        return None
    differ = gitops.run(repo, "diff-index", "-z", "--name-only", "HEAD", "--")
    return head.strip(), sorted({p for p in differ.split("\0") if p})


def files(
    store: Store,
    repo: Path,
    args: Sequence[str],
    pathspec: Sequence[str],
    rev: str | None,
    at: tuple[str, list[str]] | None = None,
) -> list[str]:
    """The files ``git grep ARGS [REV] -- PATHSPEC`` lists in REPO (ARGS with ``-l``),
    sorted: of REV, or of the work tree's tracked files (AT: its ``work_tree()``, if the
    caller has it)."""
    if any(selected("x", [spec]) is None for spec in pathspec):
        if rev is None:
            sparse.need_all(repo)  # `git grep` reads only the files checked out
        return sorted(_grep(repo, args, rev, pathspec))
    if rev is not None:
        tree = gitops.run(repo, "rev-parse", "--verify", f"{rev}^{{tree}}").strip()
        found = _tree(store, repo, args, pathspec, tree, whole=False)
        if found is None:
            found = _seeded(store, repo, args, pathspec, tree)
        if found is None:
            found = _tree(store, repo, args, pathspec, tree, whole=True)
        assert found is not None
        return found
    state = at or work_tree(repo)
    if state is None:
        return sorted(_grep(repo, args, None, pathspec))
    head, changed = state
    picked = [p for p in changed if selected(p, pathspec)]
    # Not checked out whole (sparse.py), the work tree is HEAD's tree and the files changed.
    base = _tree(store, repo, args, pathspec, head, whole=False)
    if base is None:
        base = _seeded(store, repo, args, pathspec, head)
    if base is None and sparse.partial(repo):
        top = repo.resolve()
        _whole_greps[top] = _whole_greps.get(top, 0) + 1
        copy = sparse.whole(repo) if _whole_greps[top] > WHOLE_BEFORE_COPY else None
        if copy is not None:
            start_dir, start = copy
            _remember(store, args, pathspec, start, sorted(_grep(start_dir, args, None, pathspec)))
        # HEAD's tree from the first tree's files (stored just now) and those that differ,
        # else from its blobs.
        base = _tree(store, repo, args, pathspec, head, whole=True)
    if base is None:
        # Grep the work tree whole (faster than reading every blob of HEAD), and keep
        # what HEAD's own files give, for the next grep.
        found = sorted(_grep(repo, args, None, pathspec))
        at_head = _grep(repo, args, head, _literal(picked)) if picked else []
        base = sorted((set(found) - set(changed)) | set(at_head))
        _remember(store, args, pathspec, head, base)
        return found
    again = _grep(repo, args, None, _literal(picked)) if picked else []
    return sorted((set(base) - set(changed)) | set(again))
