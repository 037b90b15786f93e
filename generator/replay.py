"""A rerun with nothing changed: the series the same inputs wrote before, from the store.

What ``generate`` writes depends on its inputs only (the README's promise: same tree, same
rules, same spatch, same bytes): the base commit, the series and the text of its rules,
the spatch binary, this tool's own code and data, git's version, and the options that
reach the output (author, Cc:, the census's strictness, spatch's timeout).  A run that
wrote a series keeps its files in the cache of spatch results' store (``cache.py``),
under a key of all of those; a run with the same key writes them again instead of
running the steps.  They were proven (``git am`` onto the same base) when written, and
each file is checked against its blob id when read back: a damaged entry is a miss.

``-j`` is not in the key: the series does not depend on it.  A series whose rules read
other files (``#include``, ``using``) or a ``.cocciconfig`` has no key: what spatch reads
then is not all named here.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__, cache, paths, proc

if TYPE_CHECKING:
    from .generate import Run

KIND = "series"
SCHEMA = 1
NOT_KEPT = ("commands.log",)  # what the run that writes it did: each run writes its own
_tool: list[str] = []  # this process's digest of the tool's files


@dataclass(frozen=True)
class Kept:
    """A series the store holds: its files, and the figures its summary gives."""

    files: dict[str, bytes]
    patches: int
    hunks: int


def _tool_digest() -> str:
    """A digest of this tool's code and data: every file of the package and of the
    shipped rules and series (their ``__pycache__`` aside)."""
    if not _tool:
        digest = hashlib.sha256(__version__.encode())
        for top in (paths.PACKAGE, paths.rules_dir(), paths.series_dir()):
            for path in sorted(top.rglob("*")):
                if path.is_file() and "__pycache__" not in path.parts:
                    name = str(path.relative_to(top)).encode()
                    digest.update(b"%d\0" % len(name) + name + path.read_bytes())
        _tool.append(digest.hexdigest())
    return _tool[0]


def key(run: Run, *, author: str, options: Mapping[str, object]) -> str | None:
    """The key of what generate writes for RUN (its series, tree and spatch, before the
    steps) with AUTHOR and OPTIONS; None when the inputs cannot all be named."""
    rules = {r.path: r for s in run.series.steps for r in s.rules}
    texts = {str(path): path.read_bytes() for path in sorted(rules)}
    home = os.environ.get("HOME", "")
    if any(cache.reads_other_files(t.decode("utf-8", "replace")) for t in texts.values()) or (
        home and Path(home, ".cocciconfig").exists()
    ):
        return None
    git = proc.run(["git", "--version"]).stdout.strip()
    value = {
        "schema": SCHEMA,
        "tool": _tool_digest(),
        "spatch": cache.spatch_identity(run.spatch),
        "git": git,
        "base": run.tree.base,
        "series": hashlib.sha256(repr(run.series).encode()).hexdigest(),
        "rules": {p: hashlib.sha256(t).hexdigest() for p, t in texts.items()},
        "author": author,
        "options": dict(options),
    }
    return hashlib.sha256(json.dumps(value, sort_keys=True).encode()).hexdigest()


def load(store: cache.Store, at: str) -> Kept | None:
    """The series kept under AT, every file whole; None if there is none."""
    raw = store.get(KIND, at)
    if raw is None:
        return None
    try:
        manifest = json.loads(raw)
        files = {}
        for name, blob in manifest["files"].items():
            data = store.blob(blob)
            if data is None or "/" in name or name.startswith("."):
                return None
            files[name] = data
        return Kept(files, int(manifest["patches"]), int(manifest["hunks"]))
    except (ValueError, KeyError, TypeError, AttributeError):
        return None


def save(store: cache.Store, at: str, staging: Path, patches: int, hunks: int) -> None:
    """Keep the series written in STAGING under AT."""
    files = {
        p.name: store.put_blob(p.read_bytes())
        for p in sorted(staging.iterdir())
        if p.is_file() and p.name not in NOT_KEPT and not p.name.startswith(".")
    }
    manifest = {"files": files, "patches": patches, "hunks": hunks}
    store.put(KIND, at, json.dumps(manifest, sort_keys=True).encode())


def write(kept: Kept, staging: Path) -> None:
    for name, data in sorted(kept.files.items()):
        (staging / name).write_bytes(data)
