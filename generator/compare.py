"""The comparison with the upstream reference: where each msghdr helper is called.

For each helper the msghdr-iov-iter series introduces, the call sites in a tree (3.18 with
the series applied) against those in a reference tree (upstream 3.19), per file, since
line numbers differ between trees.  The rule ``msg_helper_calls`` finds the calls, one
selection per helper; a call inside the definition of one of the helpers (3.19's
skb_copy_and_csum_datagram_msg() calls skb_copy_datagram_msg()) is plumbing, listed but
not counted.  ``git grep`` only picks the files worth parsing; every line that names a
helper and that the rule did not mark (definitions, prototypes, comments, or code spatch
could not parse) is listed too, so that nothing is dropped silently.

Every difference is explained by a reason recorded by hand, as data next to the series
(``series/msghdr-iov-iter/reference.toml``), for the counts it explains; a difference
without one, or whose counts changed since, is "unexplained", and a recorded reason
without a difference is "stale".  Both trees are only read: each is cloned without a
checkout, and only the files that name a helper are written out for spatch.
"""

from __future__ import annotations

import json
import re
import time
import tomllib
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from . import git as gitops
from . import paths, rules, scratch
from . import spatch as spatch_mod
from .census import NOT_KERNEL
from .errors import UserError

RULE = "msg_helper_calls"
HELPERS = (
    "skb_copy_datagram_msg",
    "memcpy_from_msg",
    "memcpy_to_msg",
    "skb_copy_and_csum_datagram_msg",
)
IN_HELPERS = "in_helpers"  # the rule's selection for calls inside the helpers' definitions
REASONS = Path("msghdr-iov-iter") / "reference.toml"  # under the series directory
_MENTION = re.compile(r"\b(?:" + "|".join(HELPERS) + r")\b")

Progress = Callable[[str], None]


def selection(helper: str) -> str:
    """The rule's selection virtual that marks the calls of HELPER."""
    return f"calls_{helper}"


@dataclass(frozen=True)
class Side:
    """The helper calls of one tree at one commit."""

    tree: str
    base: str
    calls: dict[str, list[spatch_mod.Site]]  # per helper
    in_helpers: list[spatch_mod.Site]  # calls inside a helper's own definition: not counted
    not_marked: list[spatch_mod.Site]  # lines naming a helper that the rule did not mark
    files_scanned: int

    def count(self, helper: str) -> int:
        return len(self.calls[helper])

    def as_json(self) -> dict[str, object]:
        return {
            "tree": self.tree,
            "base": self.base,
            "files_scanned": self.files_scanned,
            "calls": {h: [asdict(s) for s in sites] for h, sites in self.calls.items()},
            "in_helpers": [asdict(s) for s in self.in_helpers],
            "not_marked": [asdict(s) for s in self.not_marked],
        }


@dataclass(frozen=True)
class Reason:
    """Why HELPER is called COUNTS times in FILE in the tree and the reference, by hand."""

    helper: str
    file: str
    tree: int
    reference: int
    reason: str


@dataclass(frozen=True)
class Difference:
    """A file where the tree and the reference call HELPER a different number of times."""

    helper: str
    file: str
    tree: list[spatch_mod.Site]
    reference: list[spatch_mod.Site]
    in_tree: bool  # whether the file exists in the tree at all
    in_reference: bool
    reason: str | None  # None: unexplained
    recorded: Reason | None = None  # a reason recorded for other counts (then unexplained)

    def as_json(self) -> dict[str, object]:
        return {
            "helper": self.helper,
            "file": self.file,
            "tree_count": len(self.tree),
            "reference_count": len(self.reference),
            "file_in_tree": self.in_tree,
            "file_in_reference": self.in_reference,
            "reason": self.reason,
            "recorded_for": [self.recorded.tree, self.recorded.reference]
            if self.recorded
            else None,
            "tree": [asdict(s) for s in self.tree],
            "reference": [asdict(s) for s in self.reference],
        }


@dataclass
class Comparison:
    tree: Side
    reference: Side
    reasons_file: str
    differences: list[Difference] = field(default_factory=list)
    stale: list[Reason] = field(default_factory=list)  # recorded, but no such difference
    seconds: float = 0.0

    @property
    def unexplained(self) -> list[Difference]:
        return [d for d in self.differences if d.reason is None]

    @property
    def one_tree_only(self) -> list[str]:
        """The files of the differences that one of the trees does not have at all."""
        return sorted({d.file for d in self.differences if not (d.in_tree and d.in_reference)})

    def as_json(self) -> dict[str, object]:
        return {
            "rule": f"semantic_patches/{RULE}",
            "helpers": list(HELPERS),
            "reasons_file": self.reasons_file,
            "summary": {
                "differences": len(self.differences),
                "files": len({d.file for d in self.differences}),
                "explained": len(self.differences) - len(self.unexplained),
                "unexplained": len(self.unexplained),
                "stale_reasons": len(self.stale),
                "files_in_one_tree_only": self.one_tree_only,
                "counts": {h: [self.tree.count(h), self.reference.count(h)] for h in HELPERS},
            },
            "differences": [d.as_json() for d in self.differences],
            "stale_reasons": [asdict(r) for r in self.stale],
            "tree": self.tree.as_json(),
            "reference": self.reference.as_json(),
            "seconds": round(self.seconds, 1),
        }


# ---- the recorded reasons --------------------------------------------------------------


def default_reasons() -> Path:
    return paths.series_dir() / REASONS


def load_reasons(path: Path) -> dict[tuple[str, str], Reason]:
    """The reasons recorded in PATH: ``[HELPER."FILE"]`` tables of tree, reference, reason."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise UserError(f"{path}: cannot read the recorded reasons: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise UserError(f"{path}: not UTF-8 (byte {exc.start}): a reasons file is UTF-8") from exc
    except tomllib.TOMLDecodeError as exc:
        raise UserError(f"{path}: not valid TOML: {exc}") from exc
    hint = 'each difference is a table [HELPER."FILE"] with tree = N, reference = N, reason = "..."'
    found: dict[tuple[str, str], Reason] = {}
    for helper, files in data.items():
        if helper not in HELPERS:
            raise UserError(
                f"{path}: unknown helper {helper!r} (known: {', '.join(HELPERS)})", hint=hint
            )
        if not isinstance(files, dict):
            raise UserError(f"{path}: {helper}: expected a table of files", hint=hint)
        for name, entry in files.items():
            where = f"{path}: {helper}: {name}"
            if not isinstance(entry, dict) or set(entry) != {"tree", "reference", "reason"}:
                raise UserError(f"{where}: expected exactly tree, reference and reason", hint=hint)
            tree, reference, reason = entry["tree"], entry["reference"], entry["reason"]
            counts_ok = all(isinstance(n, int) and n >= 0 for n in (tree, reference))
            if not counts_ok or tree == reference:
                raise UserError(f"{where}: tree and reference are two different counts", hint=hint)
            if not isinstance(reason, str) or not reason.strip():
                raise UserError(f"{where}: the reason is empty", hint=hint)
            found[helper, name] = Reason(helper, name, tree, reference, " ".join(reason.split()))
    return found


# ---- finding the calls -----------------------------------------------------------------


def _clone(source: Path, dest: Path) -> Path:
    """A clone of SOURCE sharing its objects, with no work tree written: only read from."""
    gitops.run(dest.parent, "clone", "--quiet", "--shared", "--no-checkout",
               str(source), str(dest))  # fmt: skip
    return dest


def _write_files(repo: Path, rev: str, dest: Path) -> list[str]:
    """Write the C files and headers of REV that name a helper under DEST; their names."""
    files = gitops.grep_files(repo, HELPERS, "*.c", "*.h", *NOT_KERNEL, rev=rev)
    gitops.export_files(repo, rev, files, dest)
    return files


def _not_marked(
    root: Path, files: list[str], marked: set[tuple[str, int]]
) -> list[spatch_mod.Site]:
    """Every line of FILES that names a helper and that no selection marked."""
    found = []
    for name in files:
        text = (root / name).read_text(encoding="utf-8", errors="surrogateescape")
        for number, line in enumerate(text.splitlines(), start=1):
            if _MENTION.search(line) and (name, number) not in marked:
                found.append(spatch_mod.Site(name, number, line))
    return found


def calls(
    sp: spatch_mod.Spatch,
    root: Path,
    files: list[str],
    *,
    tree: str = "",
    base: str = "",
    jobs: int = 1,
) -> Side:
    """The helper calls in FILES under ROOT (a directory spatch may read): TREE at BASE."""
    rule = rules.load(paths.data_dir("semantic_patches"), RULE)
    spatch_mod.check_requires(sp, rule.path, rule.requires)
    found = spatch_mod.report(sp, rule.path, rule.virtuals, root, files=files, jobs=jobs)
    per_helper = {h: found[selection(h)] for h in HELPERS}
    marked = {(s.file, s.line) for sites in found.values() for s in sites}
    return Side(
        tree=tree or str(root),
        base=base,
        calls=per_helper,
        in_helpers=found[IN_HELPERS],
        not_marked=_not_marked(root, files, marked),
        files_scanned=len(files),
    )


def _side(
    sp: spatch_mod.Spatch, tree: gitops.UserTree, work: Path, label: str, *, jobs: int
) -> tuple[Side, set[str]]:
    """The calls of TREE at its base, and every file of that commit."""
    work.mkdir()
    repo = _clone(tree.path, work / "git")
    files = _write_files(repo, tree.base, work / "src")
    side = calls(sp, work / "src", files, tree=label, base=tree.base, jobs=jobs)
    listing = gitops.run(repo, "ls-tree", "-r", "--name-only", tree.base)
    return side, set(listing.splitlines())


def differences(
    tree: Side,
    reference: Side,
    reasons: dict[tuple[str, str], Reason],
    tree_files: set[str],
    reference_files: set[str],
) -> tuple[list[Difference], list[Reason]]:
    """Per helper, the files whose call counts differ, each with its reason; stale reasons."""
    found = []
    for helper in HELPERS:
        ours = _by_file(tree.calls[helper])
        theirs = _by_file(reference.calls[helper])
        for name in sorted(ours.keys() | theirs.keys()):
            a, b = ours.get(name, []), theirs.get(name, [])
            if len(a) == len(b):
                continue
            recorded = reasons.get((helper, name))
            fits = recorded is not None and (recorded.tree, recorded.reference) == (len(a), len(b))
            found.append(
                Difference(
                    helper=helper,
                    file=name,
                    tree=a,
                    reference=b,
                    in_tree=name in tree_files,
                    in_reference=name in reference_files,
                    reason=recorded.reason if recorded and fits else None,
                    recorded=recorded if recorded and not fits else None,
                )
            )
    seen = {(d.helper, d.file) for d in found}
    stale = [r for key, r in sorted(reasons.items()) if key not in seen]
    return found, stale


def _by_file(sites: list[spatch_mod.Site]) -> dict[str, list[spatch_mod.Site]]:
    grouped: dict[str, list[spatch_mod.Site]] = {}
    for site in sites:
        grouped.setdefault(site.file, []).append(site)
    return grouped


def compare(
    tree_path: Path,
    reference_path: Path,
    *,
    base: str = "HEAD",
    reference_base: str = "HEAD",
    reasons_path: Path | None = None,
    jobs: int = 1,
    spatch: str | None = None,
    progress: Progress = lambda _: None,
) -> Comparison:
    """Compare the helper calls of TREE_PATH at BASE with REFERENCE_PATH at REFERENCE_BASE."""
    reasons_path = reasons_path or default_reasons()
    reasons = load_reasons(reasons_path)
    start = time.monotonic()
    with scratch.directory("cocci-series-compare-") as work:
        # Only the commits are read (in clones): uncommitted changes do not matter.
        tree = gitops.inspect_user_tree(tree_path, base, require_clean=False)
        ref = gitops.inspect_user_tree(
            reference_path, reference_base, require_clean=False, base_option="--reference-base"
        )
        sp = spatch_mod.find(spatch)
        progress(f"helper calls in {tree.path} at {tree.base[:12]}")
        ours, our_files = _side(sp, tree, work / "tree", str(tree_path), jobs=jobs)
        progress(f"helper calls in the reference {ref.path} at {ref.base[:12]}")
        theirs, their_files = _side(sp, ref, work / "reference", str(reference_path), jobs=jobs)
    found, stale = differences(ours, theirs, reasons, our_files, their_files)
    result = Comparison(ours, theirs, str(reasons_path), found, stale)
    result.seconds = time.monotonic() - start
    progress(
        f"{len(found)} differences, {len(result.unexplained)} unexplained, {result.seconds:.1f}s"
    )
    return result


# ---- text for people and tools ---------------------------------------------------------


def write_json(result: Comparison, path: Path) -> None:
    """Write the JSON form to PATH, atomically (a partial file is never left behind)."""
    if not path.parent.is_dir():
        raise UserError(f"{path.parent}: no such directory", hint="pass --json in an existing one")
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(json.dumps(result.as_json(), indent=2) + "\n", encoding="utf-8")
    tmp.replace(path)


def _site(s: spatch_mod.Site) -> str:
    return f"{s.file}:{s.line}: {s.text.strip()}"


def _md_difference(d: Difference) -> list[str]:
    head = f"- `{d.file}`: {len(d.tree)} vs {len(d.reference)}"
    if not d.in_tree:
        head += " (no such file in the tree)"
    elif not d.in_reference:
        head += " (no such file in the reference)"
    lines = [head]
    if d.reason is not None:
        lines.append(f"  - reason: {d.reason}")
    elif d.recorded is not None:
        lines.append(
            f"  - **unexplained**: the recorded reason is for {d.recorded.tree} vs "
            f"{d.recorded.reference}: {d.recorded.reason}"
        )
    else:
        lines.append("  - **unexplained**: no reason recorded")
    for side, sites in (("tree", d.tree), ("reference", d.reference)):
        lines.append(f"  - {side}:" + (" none" if not sites else ""))
        lines += [f"    - `{_site(s)}`" for s in sites]
    return lines


def markdown(result: Comparison) -> str:
    t, r = result.tree, result.reference
    unexplained = len(result.unexplained)
    lines = [
        "## msghdr helper calls against the reference",
        "",
        f"- tree: {t.tree} at {t.base[:12]} ({t.files_scanned} files name a helper)",
        f"- reference: {r.tree} at {r.base[:12]} ({r.files_scanned} files name a helper)",
        f"- calls found by semantic_patches/{RULE}; calls inside the helpers' own",
        "  definitions are not counted (listed below)",
        f"- reasons recorded in {result.reasons_file}",
        "",
        "| helper | tree | reference | files that differ | unexplained |",
        "|---|---:|---:|---:|---:|",
    ]
    for h in HELPERS:
        diffs = [d for d in result.differences if d.helper == h]
        lines.append(
            f"| {h}() | {t.count(h)} | {r.count(h)} | {len(diffs)} | "
            f"{sum(d.reason is None for d in diffs)} |"
        )
    files = len({d.file for d in result.differences})
    lines += [
        "",
        f"Summary: {len(result.differences)} differences in {files} files, "
        f"{len(result.differences) - unexplained} explained, {unexplained} unexplained"
        + (f", {len(result.stale)} stale reasons" if result.stale else "")
        + ".",
    ]
    if result.one_tree_only:
        lines.append(
            "In files that one of the trees does not have: "
            + ", ".join(f"`{name}`" for name in result.one_tree_only)
            + "."
        )
    for h in HELPERS:
        diffs = [d for d in result.differences if d.helper == h]
        if not diffs:
            continue
        lines += ["", f"### {h}(): {t.count(h)} vs {r.count(h)}", ""]
        for d in diffs:
            lines += _md_difference(d)
    if result.stale:
        lines += ["", "### Recorded reasons without a difference (stale)", ""]
        lines += [
            f"- {s.helper}() in `{s.file}`, recorded for {s.tree} vs {s.reference}: {s.reason}"
            for s in result.stale
        ]
    lines += ["", "### Calls inside the helpers' own definitions (not counted)", ""]
    for name, side in (("tree", t), ("reference", r)):
        lines.append(f"- {name}:" + (" none" if not side.in_helpers else ""))
        lines += [f"  - `{_site(s)}`" for s in side.in_helpers]
    lines += [
        "",
        "### Lines naming a helper that are not calls",
        "",
        "Definitions, prototypes, EXPORT_SYMBOL(), comments; or code spatch could not",
        "parse, which would hide a call: read them.",
        "",
    ]
    for name, side in (("tree", t), ("reference", r)):
        lines.append(f"- {name}:" + (" none" if not side.not_marked else ""))
        lines += [f"  - `{_site(s)}`" for s in side.not_marked]
    return "\n".join(lines)
