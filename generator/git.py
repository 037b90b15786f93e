"""Everything cocci-series does with git: the user's tree (read only) and scratch clones.

The user's tree is only ever read.  Work happens in a ``git clone --shared`` under a
temporary directory, which borrows the user's objects without writing to their repository.
Every command runs with a scrubbed environment and pinned configuration, so that user
configuration (hooks, signing, mailmap, prefixes) cannot change what is produced.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from . import proc
from .errors import ToolFailed, UserError

# Options for every git call: no signing, no submodule recursion, no hooks, a fixed diff
# format; the user's tree is read whoever owns it (the user named it with --tree).
# The environment (proc.environment()) has no GIT_* of the user's and no user config.
SCRATCH_OPTS = (
    "-c", "commit.gpgsign=false",
    "-c", "submodule.recurse=false",
    "-c", "core.hooksPath=/dev/null",
    "-c", "core.autocrlf=false",
    "-c", "safe.directory=*",
)  # fmt: skip


def run(
    repo: Path,
    *args: str,
    env: dict[str, str] | None = None,
    check: bool = True,
    input: str | None = None,
) -> str:
    """Run ``git ARGS`` in REPO (a scratch tree) and return its stdout.

    ENV adds variables to the scrubbed environment (an identity); INPUT is its stdin.
    """
    argv = ["git", "--no-pager", *SCRATCH_OPTS, *args]
    done = proc.run(argv, cwd=repo, env=env, input=input)
    if check and done.returncode != 0:
        raise ToolFailed(argv, done.returncode, done.stdout + done.stderr, cwd=repo)
    return done.stdout


@dataclass(frozen=True)
class Identity:
    name: str
    email: str

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"

    @classmethod
    def parse(cls, text: str) -> Identity:
        name, sep, rest = text.partition("<")
        email = rest.rstrip().removesuffix(">")
        # One line: a newline would end the Signed-off-by: trailer and start another.
        broken = any(c in text for c in "\n\r\0") or text.count("<") != 1
        if (
            broken
            or not sep
            or not name.strip()
            or "@" not in email
            or not rest.rstrip().endswith(">")
        ):
            raise UserError(
                f"--author {text!r} is not of the form 'Name <mail@example.org>'",
                hint="pass the Signed-off-by: identity: --author 'Jane Doe <jane@example.org>'",
            )
        return cls(name.strip(), email.strip())


@dataclass(frozen=True)
class UserTree:
    """What cocci-series learned from the user's tree; the tree itself is never written."""

    path: Path
    base: str  # full commit id
    base_date: int  # committer date of the base, seconds since the epoch
    identity: Identity | None  # the user's configured git identity, if any


def _refuse_dirty(path: Path) -> None:
    # --no-optional-locks: a status must not refresh (write) the user's index.
    status = run(path, "--no-optional-locks", "status", "--porcelain", "--untracked-files=normal")
    if status.strip():
        first = status.splitlines()[0]
        raise UserError(
            f"{path}: the tree has uncommitted changes ({first.strip()} ...)",
            hint="commit or stash them first: the series is generated from a commit",
        )


def _user_identity(path: Path) -> Identity | None:
    """The identity the user configured for PATH (their git configuration is read here only)."""
    values = []
    for key in ("user.name", "user.email"):
        argv = ["git", "--no-pager", "-c", "safe.directory=*", "config", "--get", key]
        done = proc.run(argv, cwd=path, user_config=True)
        values.append(done.stdout.strip() if done.returncode == 0 else "")
    return Identity(*values) if all(values) else None


def inspect_user_tree(
    path: Path, base: str = "HEAD", *, require_clean: bool = True, base_option: str = "--base"
) -> UserTree:
    """Check that PATH is a clean git tree and BASE a commit in it; read-only.

    ``check`` passes REQUIRE_CLEAN=False: it only reads commits, never the work tree.
    BASE_OPTION is the option that gave BASE, for the hint.
    """
    if not path.is_dir():
        raise UserError(f"{path}: no such directory", hint="pass --tree PATH to a Linux git tree")
    bare = run(path, "rev-parse", "--is-bare-repository", check=False).strip()
    if bare not in ("true", "false"):
        raise UserError(
            f"{path}: not a git tree",
            hint="pass --tree PATH to a git clone of the kernel (or run `git init` and commit)",
        )
    top = run(path, "rev-parse", "--show-toplevel", check=False).strip()
    if bare == "true" or not top:
        raise UserError(
            f"{path}: is a bare repository",
            hint="pass a git tree with a work tree (a clone of the kernel)",
        )
    if Path(top).resolve() != path.resolve():
        raise UserError(
            f"{path}: is inside the git tree {top}, not at its top", hint=f"pass --tree {top}"
        )
    if require_clean:
        _refuse_dirty(path)
    commit = resolve(path, base) if not base.startswith("-") else None
    if commit is None:
        raise UserError(
            f"{path}: unknown base {base!r}",
            hint=f"pass {base_option} a commit, tag or branch that exists in the tree",
        )
    date = int(run(path, "log", "-1", "--format=%ct", commit).strip())
    return UserTree(path.resolve(), commit, date, _user_identity(path))


def scratch_clone(source: Path, rev: str, dest: Path) -> Path:
    """A throwaway clone of SOURCE at REV in DEST, sharing SOURCE's objects read-only."""
    run(dest.parent, "clone", "--quiet", "--shared", "--no-checkout", str(source), str(dest))
    run(dest, "checkout", "--quiet", "--detach", rev)
    return dest


def literal_pattern(path: str) -> str:
    """PATH as a sparse-checkout pattern that matches it alone (gitignore syntax)."""
    escaped = "".join("\\" + c if c in "*?[]\\!# " else c for c in path)
    return "/" + escaped


def sparse_clone(source: Path, rev: str, dest: Path, paths: list[str]) -> Path:
    """A throwaway clone of SOURCE at REV in DEST with only PATHS checked out: all that
    ``git am`` of patches that change nothing else needs (a kernel is 48,000 files)."""
    run(dest.parent, "clone", "--quiet", "--shared", "--no-checkout", str(source), str(dest))
    run(dest, "config", "core.sparseCheckout", "true")
    # git am then writes a small index, and reads it without looking for each file left out.
    run(dest, "config", "core.splitIndex", "true")
    run(dest, "config", "sparse.expectFilesOutsideOfPatterns", "true")
    info = dest / ".git" / "info"
    info.mkdir(exist_ok=True)
    # No path at all would leave git with nothing to check out, which it refuses.
    patterns = [literal_pattern(p) for p in paths] or ["/.cocci-series-nothing"]
    (info / "sparse-checkout").write_text("".join(p + "\n" for p in patterns))
    run(dest, "checkout", "--quiet", "--detach", rev)
    return dest


def changed_paths(repo: Path, old: str, new: str) -> list[str]:
    """The files that differ between the commits OLD and NEW (a tree comparison)."""
    out = run(repo, "diff-tree", "-r", "-z", "--no-renames", "--name-only", old, new)
    return sorted(p for p in out.split("\0") if p)


def identity_env(who: Identity, date: int) -> dict[str, str]:
    """Author and committer pinned to WHO at DATE, so commits are reproducible."""
    stamp = f"@{date} +0000"
    return {
        "GIT_AUTHOR_NAME": who.name,
        "GIT_AUTHOR_EMAIL": who.email,
        "GIT_AUTHOR_DATE": stamp,
        "GIT_COMMITTER_NAME": who.name,
        "GIT_COMMITTER_EMAIL": who.email,
        "GIT_COMMITTER_DATE": stamp,
    }


def stage_all(repo: Path) -> None:
    run(repo, "add", "--all")


def commit_staged(
    repo: Path, message: str, who: Identity, date: int, paths: list[str] | None = None
) -> str:
    """Commit what is staged, or only PATHS of it (the rest stays staged)."""
    only = ["--", *paths] if paths is not None else []
    run(repo, "commit", "--quiet", "--cleanup=verbatim", "--no-verify", "-m", message, *only,
        env=identity_env(who, date))  # fmt: skip
    return run(repo, "rev-parse", "HEAD").strip()


def show_diff(repo: Path, commit: str) -> str:
    """The change of COMMIT as a unified diff (with a/ and b/ prefixes)."""
    return run(repo, "show", "--format=", "--no-renames", "--src-prefix=a/", "--dst-prefix=b/",
               "--no-color", commit)  # fmt: skip


def blob_id(data: bytes) -> str:
    """The id git gives a file of these bytes."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def tree_blobs(repo: Path, rev: str, under: str) -> dict[str, str]:
    """Blob id to path, for the files under UNDER at REV (the first path of a blob)."""
    found: dict[str, str] = {}
    for line in run(repo, "ls-tree", "-r", rev, "--", under).splitlines():
        meta, _, path = line.partition("\t")
        found.setdefault(meta.split()[2], path)
    return found


def tree_directories(repo: Path, rev: str) -> list[str]:
    """Every directory of the tree at REV."""
    return run(repo, "ls-tree", "-r", "-d", "--name-only", rev).splitlines()


def tree_id(repo: Path, rev: str = "HEAD") -> str:
    return run(repo, "rev-parse", f"{rev}^{{tree}}").strip()


def format_patch(
    repo: Path, base: str, outdir: Path, signature: str, who: Identity, date: int
) -> list[Path]:
    """``git format-patch`` BASE..HEAD with a cover letter and base-commit, fixed flags.

    The cover letter takes its From: and Date: from the committer: WHO at DATE, not now.

    ``--src-prefix=a/ --dst-prefix=b/`` pins the prefixes as ``--default-prefix`` does, but
    also on git < 2.41 (Debian 12 has 2.39), where format-patch also has no ``--no-mailmap``:
    it never applies a mailmap unless told to (``--mailmap``, ``log.mailmap`` in the scratch
    clone's own config, which is empty).
    """
    run(
        repo, "format-patch", "--quiet", "--cover-letter", f"--base={base}",
        "--src-prefix=a/", "--dst-prefix=b/", "--encoding=utf-8", "--no-renames",
        "--numbered", f"--signature={signature}", "-o", str(outdir), f"{base}..HEAD",
        env=identity_env(who, date),
    )  # fmt: skip
    return sorted(outdir.glob("*.patch"))


def am(repo: Path, patches: list[Path], who: Identity, date: int) -> None:
    """``git am`` PATCHES in REPO; the cover letter (no diff) is dropped, as a maintainer does."""
    run(repo, "am", "--quiet", "--empty=drop", *map(str, patches), env=identity_env(who, date))


def grep_files(
    repo: Path, words: tuple[str, ...], *pathspec: str, rev: str | None = None
) -> list[str]:
    """Files of REPO (its work tree, or REV) that hold one of WORDS as a whole word.

    Inside ``cache.using(store)``, from what the store knows of the tree (``greps.py``).
    """
    patterns = [arg for word in words for arg in ("-e", word)]
    from . import cache, greps  # they run git through this module

    store = cache.active()
    if store is not None:
        return greps.files(store, repo, ["-I", "-l", "-w", *patterns], pathspec, rev)
    if rev is None:
        return sorted(grep(repo, "-l", "-w", *patterns, paths=pathspec))
    lines = grep(repo, "-l", "-w", *patterns, rev, paths=pathspec, worktree=False)
    return sorted(line.split(":", 1)[1] for line in lines)


class Blobs:
    """Blob contents by id, read from REPO by one ``git cat-file --batch`` (opened at
    the first read, ended by ``close()``)."""

    def __init__(self, repo: Path) -> None:
        self.repo = repo
        self._batch: proc.Dialogue | None = None

    def read(self, blob: str) -> bytes:
        if self._batch is None:
            self._batch = proc.Dialogue(
                ["git", *SCRATCH_OPTS, "cat-file", "--batch"], cwd=self.repo
            )

        def answer(out: IO[bytes]) -> bytes:
            header = out.readline().split()  # "<id> blob <size>", or "<name> missing"
            if len(header) != 3 or header[1] != b"blob":
                raise ToolFailed(["git", "cat-file", "--batch"], 0, f"{blob}: {header!r}")
            data = out.read(int(header[2]))
            out.read(1)  # the newline after the contents
            return data

        return self._batch.ask(blob.encode() + b"\n", answer)

    def close(self) -> None:
        if self._batch is not None:
            self._batch.close()
            self._batch = None


def export_files(repo: Path, rev: str, files: list[str], dest: Path) -> None:
    """Write FILES as they are at REV under DEST, byte for byte, without a checkout."""
    if not files:
        return
    # One git cat-file for them all: "<id> blob <size>", the bytes, a newline, each.
    names = "".join(f"{rev}:{name}\n" for name in files)
    data = run(repo, "cat-file", "--batch", input=names).encode("utf-8", "surrogateescape")
    at = 0
    for name in files:
        end = data.index(b"\n", at)
        head = data[at:end].split(b" ")
        if len(head) != 3 or head[1] != b"blob":
            argv = ["git", "cat-file", "--batch"]
            raise ToolFailed(argv, 0, f"{rev}:{name}: " + data[at:end].decode(errors="replace"))
        size = int(head[2])
        path = dest / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data[end + 1 : end + 1 + size])
        at = end + 1 + size + 1


def diff_stats(repo: Path, *which: str) -> dict[str, tuple[int, int, int]]:
    """Per file: (hunks, added lines, removed lines) of ``git diff WHICH``.

    ``()`` is the work tree against the index, ``("--cached",)`` the index against HEAD.
    """
    stats: dict[str, tuple[int, int, int]] = {}
    # One diff, both forms: the numstat lines, an empty line, the patch.
    lines = iter(run(repo, "diff", "--no-renames", "--numstat", "--patch", "-U0", *which)
                 .splitlines())  # fmt: skip
    for line in lines:
        if not line:
            break
        added, removed, name = line.split("\t", 2)
        stats[name] = (0, int(added), int(removed))
    current = ""
    for line in lines:
        if line.startswith("+++ b/"):
            current = line[6:]
        elif line.startswith("@@") and current in stats:
            hunks, plus, minus = stats[current]
            stats[current] = (hunks + 1, plus, minus)
    return stats


def resolve(repo: Path, rev: str) -> str | None:
    """The full id of the commit REV in REPO, or None if REPO does not have it; read-only."""
    out = run(repo, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}", check=False)
    return out.strip() or None


def introducing_commit(repo: Path, rev: str, subject: str, file: str, needle: str) -> str | None:
    """The oldest commit of REV titled SUBJECT that added NEEDLE to FILE (pickaxe), or None
    (a tree without that history: a snapshot, a shallow clone, no such backport)."""
    out = run(repo, "log", "--reverse", "--format=%H %s", f"-S{needle}", rev, "--", file)
    for line in out.splitlines():
        commit, _, title = line.partition(" ")
        if title == subject:
            return commit
    return None


def am_one(repo: Path, patch: Path, who: Identity, date: int) -> None:
    """``git am`` one PATCH in REPO; on failure the am is aborted and ToolFailed raised."""
    try:
        run(repo, "am", "--quiet", "--empty=drop", str(patch), env=identity_env(who, date))
    except ToolFailed:
        run(repo, "am", "--abort", check=False)
        raise


def grep(repo: Path, *args: str, paths: tuple[str, ...] = (), worktree: bool = True) -> list[str]:
    """``git grep ARGS -- PATHS`` on the tracked files of REPO: its output lines (none: []).

    WORKTREE: ARGS name no tree, the work tree is read.  In a clone not checked out whole
    (``sparse.py``), where ``git grep`` would read only what is checked out, that is the
    index when the work tree matches it, else the work tree once all checked out.
    """
    from . import sparse  # it runs git through this module

    where = []
    if worktree and sparse.partial(repo):
        argv = ["git", "--no-pager", *SCRATCH_OPTS, "diff-files", "--quiet"]
        if proc.run(argv, cwd=repo).returncode == 0:
            where = ["--cached"]
        else:
            sparse.need_all(repo)
    argv = ["git", "--no-pager", *SCRATCH_OPTS, "grep", "--no-color", "-I", *where, *args, "--",
            *paths]  # fmt: skip
    done = proc.run(argv, cwd=repo)
    if done.returncode not in (0, 1):  # 1: nothing matched
        raise ToolFailed(argv, done.returncode, done.stderr)
    return done.stdout.splitlines()
