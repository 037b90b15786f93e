"""A series is data: ``series/<name>.toml`` lists ordered steps, each naming its rules.

    [series]
    title = "net: ..."                 # cover letter subject
    description = '''...'''            # cover letter body (jinja2)
    applied_if = [{ file = "include/linux/socket.h", text = "struct user_msghdr {" }]
                                       # optional: a tree holding one of these texts
                                       # has the series already: plan/generate refuse

    [[step]]
    id = "skb-copy-datagram-msg"       # unique, [a-z0-9-]
    subject = "net: add ..."           # kernel style: "prefix: imperative"
    rules = ["rule_name", ...]         # semantic_patches/<rule>/<rule>.cocci, applied in order,
                                       # or "path/to/rule.cocci" (from the series file's
                                       # directory), taken as it is (rules.load_file)
    split = "subsystem"                # optional: one patch per subsystem, maintainer,
                                       # directory:N or file (split.py); then SUBJECT is
                                       # the text after each patch's own prefix
    prefix_from = "maintainers"        # optional, with split: history (default), maintainers
    prefixes = { "GROUP" = "prefix" }  # optional, with split: prefixes given by hand
    message = '''...'''                # commit body (jinja2)
    spatch_options = ["--include-headers"]   # optional
    optional = false                   # optional: true lets the step change nothing
    whole = true                       # optional: its edits are one change: all apply,
                                       # or none (a tree without that code); some but
                                       # not all is an error naming the ones missing
    tags = ["Cc: stable@vger.kernel.org"]   # optional: trailers before Signed-off-by
    [step.fixes]                       # optional: a Fixes: tag naming the base's oldest
    subject = "..."                    # commit titled SUBJECT that added INTRODUCED to
    file = "net/..."                   # FILE (git log -S); none if the history lacks it
    introduced = "..."
    unused = ["old_helper"]            # optional: a removal; if the name is still used
                                       # anywhere in the tree (git grep -w) after the
                                       # step, the step is dropped (optional) or fails
    grep = ["msg_iov", "msg_iovlen"]   # optional: only files holding one of these words
                                       # (git grep -w); spatch's own token check is off,
                                       # for rules whose types come from headers

    [[step.edit]]                      # optional: a change spatch cannot express
    file = "net/socket.c"              # (e.g. the arguments of a macro it expands),
    old = "exact text"                 # made by hand: OLD must occur COUNT times
    new = "replacement"                # (default 1) in FILE, or the run fails;
    why = "why spatch cannot do it"    # the commit message lists it with WHY
    if_present = true                  # optional: a tree without FILE skips it
    if_found = true                    # optional: a tree without OLD (or AFTER)
                                       # skips it (a layout touch-up of a line a
                                       # rule printed; code only some trees need)
    spellings = [["name", "other"]]    # optional: a name some trees spell otherwise
                                       # (a backport they lack): tried in OLD and NEW
                                       # A line of just "..." in OLD matches any lines
                                       # (the fewest); the same "..." in NEW puts them
                                       # back, reindented from OLD's indent to NEW's:
                                       # code restructured around lines a tree may
                                       # spell its own way (vendor #ifdefs)
    cosmetic = true                    # optional: a style touch-up of what the step's
                                       # other edits made, where found; a whole step
                                       # does not wait for it
                                       # Or, to add code written by hand (spatch
    after = "exact text"               # reprints added code of any size in its
    insert_file = "new_function.c"     # own style): the text of
                                       # series/<series>/<insert_file> goes right
                                       # after AFTER.

    [[report]]                         # optional: a cover-letter report (reports.py)
    kind = "census"                    # its kind, and that kind's keys

Everything is validated on load, with the file and the step named in each error.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from types import SimpleNamespace

from . import paths, reports, templates
from . import rules as rules_mod
from . import split as split_mod
from .errors import UserError

# "prefix: imperative text": the prefix as kernel usage has it, one level or several
# ("net", "ASoC: Intel", "IB/mlx4", "[media] em28xx"), no final period.
_LEVEL = r"[\w.,/+{}()-]+"
SUBJECT = re.compile(rf"^(\[{_LEVEL}\] )?{_LEVEL}(: {_LEVEL})*: \S(.*[^.])?$")
STEP_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_SERIES_KEYS = {"title", "description", "applied_if"}
_STEP_KEYS = {
    "id", "subject", "rules", "message", "spatch_options", "optional", "whole", "edit",
    "grep", "tags", "unused", "split", "prefix_from", "prefixes", "fixes",
}  # fmt: skip
_FIXES_KEYS = {"subject", "file", "introduced"}
_STEP_REQUIRED = ("id", "subject", "rules", "message")
_EDIT_KEYS = {
    "file",
    "old",
    "new",
    "after",
    "insert_file",
    "why",
    "count",
    "if_present",
    "if_found",
    "spellings",
    "cosmetic",
}
_MAX_SUBJECT = 75
SUBJECT_HINT = (
    f"'prefix: imperative summary' (e.g. 'ASoC: Intel: use ...'), "
    f"no final period, at most {_MAX_SUBJECT} columns"
)


def subject_problem(subject: str) -> str | None:
    """Why SUBJECT is not a kernel subject line, or None: only what is clearly wrong."""
    if len(subject) > _MAX_SUBJECT:
        return f"is {len(subject)} columns long"
    if subject.endswith("."):
        return "ends with a period"
    if not SUBJECT.match(subject):
        return "has no 'prefix: ' (the subsystem)"
    return None


@dataclass(frozen=True)
class Edit:
    """A hand edit: exact text replaced in one file, for what SmPL cannot express."""

    file: str
    old: str
    new: str
    why: str
    count: int = 1
    if_present: bool = False  # a tree without FILE skips the edit (with it: strict)
    if_found: bool = False  # a tree without OLD or AFTER (or FILE) skips the edit
    spellings: tuple[tuple[str, str], ...] = ()  # (name, how some trees spell it)
    cosmetic: bool = False  # a style touch-up: made after the step's other edits

    def variants(self) -> list[tuple[str, str]]:
        """(OLD, NEW) as written, then with each other spelling of a name."""
        found = [(self.old, self.new)]
        for name, other in self.spellings:
            found.append((self.old.replace(name, other), self.new.replace(name, other)))
        return found

    def substitute(self, text: str) -> tuple[str, int]:
        """TEXT with OLD replaced by NEW, in the first spelling TEXT holds, and how many
        times OLD occurs there."""
        for old, new in self.variants():
            changed, found = _carry_pattern(old).subn(partial(_carried, old=old, new=new), text)
            if found:
                return changed, found
        return text, 0


# A line of just "..." in an edit's OLD or NEW: the lines it stands for are carried over.
_CARRY = re.compile(r"^([ \t]*)\.\.\.\n", re.MULTILINE)


def _carry_pattern(old: str) -> re.Pattern[str]:
    """OLD as a pattern: its text exact, each "..." line any run of whole lines."""
    fixed = _CARRY.split(old)[::2]
    return re.compile("((?:.*\n)*?)".join(re.escape(part) for part in fixed))


def _carried(match: re.Match[str], *, old: str, new: str) -> str:
    """NEW for one MATCH of OLD: each "..." of NEW gets the lines its twin in OLD
    matched, each line indented with OLD's indent moved to NEW's."""
    before, after = _CARRY.findall(old), _CARRY.findall(new)
    parts = _CARRY.split(new)
    out = [parts[0]]
    for n, (was, now) in enumerate(zip(before, after, strict=True)):
        lines = match.group(n + 1).splitlines(keepends=True)
        out.append(
            "".join(now + line[len(was) :] if line.startswith(was) else line for line in lines)
        )
        out.append(parts[2 * n + 2])
    return "".join(out)


@dataclass(frozen=True)
class Fixes:
    """The commit a step fixes, found in the tree's own history: the oldest commit of
    the base whose subject is SUBJECT and that made INTRODUCED appear in FILE.  Trees
    carry a backport under ids of their own, so an id cannot be written in the series."""

    subject: str
    file: str
    introduced: str


@dataclass(frozen=True)
class Step:
    id: str
    subject: str
    rules: tuple[rules_mod.Rule, ...]
    message: str
    spatch_options: tuple[str, ...] = ()
    optional: bool = False
    edits: tuple[Edit, ...] = ()
    whole: bool = False  # the edits apply all or none: never a half-converted function
    grep: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()  # trailer lines before Signed-off-by (Fixes:, Cc:)
    split: split_mod.Split | None = None  # with a split, SUBJECT follows each prefix
    prefix_from: str | None = None  # history | maintainers; None: history, then maintainers
    prefixes: tuple[tuple[str, str], ...] = ()  # (group, prefix) given by hand
    fixes: Fixes | None = None  # a Fixes: tag, when the base's history has the commit

    def subject_for(self, prefix: str) -> str:
        """The subject of one of the step's patches (a split step's, with its prefix)."""
        return f"{prefix}: {self.subject}" if self.split is not None else self.subject

    unused: tuple[str, ...] = ()  # names the step removes: none may be left tree-wide


@dataclass(frozen=True)
class Marker:
    """Text whose presence in FILE says the series (or its upstream twin) is applied."""

    file: str
    text: str


@dataclass(frozen=True)
class Series:
    name: str
    path: Path
    title: str
    description: str
    steps: tuple[Step, ...]
    applied_if: tuple[Marker, ...] = ()
    reports: tuple[reports.Report, ...] = ()
    origin: str = ""  # how the cover letter names where the series comes from


def _markers(where: str, value: object) -> tuple[Marker, ...]:
    if not isinstance(value, list):
        raise UserError(f"{where}: 'applied_if' must be a list of {{ file, text }} tables")
    markers = []
    for raw in value:
        if (
            not isinstance(raw, dict)
            or set(raw) != {"file", "text"}
            or not all(isinstance(v, str) and v for v in raw.values())
        ):
            raise UserError(f"{where}: 'applied_if' entries are {{ file = ..., text = ... }}")
        markers.append(Marker(raw["file"], raw["text"]))
    return tuple(markers)


# What a step message is rendered with at load time: a stand-in for the files it changed.
_SAMPLE_FILE = SimpleNamespace(path="net/socket.c", hunks=1, added=1, removed=1)


def _check_template(where: str, text: str, **context: object) -> None:
    """Compile TEXT and render it against CONTEXT now, so that a broken template fails at
    load, naming the file and step, not after every step ran."""
    templates.render_string(text, where, **context)


def _str_list(where: str, key: str, value: object) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise UserError(f"{where}: '{key}' must be a list of strings")
    return tuple(value)


_TAG = re.compile(r"^[A-Z][A-Za-z-]*: \S")


def _tags(where: str, value: object) -> tuple[str, ...]:
    tags = _str_list(where, "tags", value)
    for tag in tags:
        if not _TAG.match(tag) or tag.startswith("Signed-off-by:"):
            raise UserError(f"{where}: tag {tag!r} is not a trailer ('Fixes: ...', 'Cc: ...')")
    return tags


def _fixes(where: str, raw: object) -> Fixes | None:
    if raw is None:
        return None
    if not isinstance(raw, dict) or set(raw) != _FIXES_KEYS:
        raise UserError(
            f"{where}: 'fixes' must be a table of {', '.join(sorted(_FIXES_KEYS))}",
            hint='fixes = { subject = "...", file = "net/...", introduced = "a string it added" }',
        )
    if not all(isinstance(v, str) and v.strip() for v in raw.values()):
        raise UserError(f"{where}: the values of 'fixes' must be non-empty strings")
    return Fixes(subject=raw["subject"], file=raw["file"], introduced=raw["introduced"])


def _edit(where: str, number: int, raw: object, code_dir: Path) -> Edit:
    """One [[step.edit]]: a replacement (old, new) or an insertion (after, insert_file)."""
    where = f"{where}: edit {number}"
    if not isinstance(raw, dict):
        raise UserError(f"{where}: must be a table ([[step.edit]])")
    unknown = sorted(set(raw) - _EDIT_KEYS)
    if unknown:
        raise UserError(f"{where}: unknown key {unknown[0]!r}")
    form = {"old", "new"} if "old" in raw else {"after", "insert_file"}
    for key in sorted({"file", "why"} | form):
        if not isinstance(raw.get(key), str) or (key != "new" and not raw[key].strip()):
            raise UserError(f"{where}: '{key}' must be a string (non-empty, but for 'new')")
    extra = sorted(set(raw) & ({"old", "new", "after", "insert_file"} - form))
    if extra:
        raise UserError(f"{where}: '{extra[0]}' does not go with '{sorted(form)[0]}'")
    count = raw.get("count", 1)
    if not isinstance(count, int) or count < 1:
        raise UserError(f"{where}: 'count' must be a positive integer")
    if raw["file"].startswith("/") or ".." in Path(raw["file"]).parts:
        raise UserError(f"{where}: 'file' must be a path inside the tree")
    flags = {key: raw.get(key, False) for key in ("if_present", "if_found", "cosmetic")}
    for key, value in flags.items():
        if not isinstance(value, bool):
            raise UserError(f"{where}: '{key}' must be true or false")
    if "old" in raw:
        old, new = raw["old"], raw["new"]
    else:
        code = code_dir / raw["insert_file"]
        try:
            old, new = raw["after"], raw["after"] + code.read_text(encoding="utf-8")
        except OSError as exc:
            raise UserError(f"{where}: cannot read {code}: {exc.strerror}") from exc
    if len(_CARRY.findall(old)) != len(_CARRY.findall(new)):
        raise UserError(
            f"{where}: 'old' and 'new' must have as many '...' lines",
            hint="each '...' line of OLD stands for lines that the '...' of NEW puts back",
        )
    # WHY is prose: the commit message wraps it, whatever its line breaks in the file.
    why = " ".join(raw["why"].split())
    return Edit(
        raw["file"],
        old,
        new,
        why,
        count,
        flags["if_present"] or flags["if_found"],
        flags["if_found"] or flags["cosmetic"],  # a touch-up is made where found
        _spellings(where, raw.get("spellings", []), old),
        flags["cosmetic"],
    )


def _spellings(where: str, raw: object, old: str) -> tuple[tuple[str, str], ...]:
    """SPELLINGS: [name, other] pairs, each NAME found in OLD."""

    def is_pair(p: object) -> bool:
        return isinstance(p, list) and len(p) == 2 and all(isinstance(x, str) and x for x in p)

    if not isinstance(raw, list) or not all(is_pair(p) for p in raw):
        raise UserError(f"{where}: 'spellings' must be a list of [name, other] pairs")
    for name, _ in raw:
        if name not in old:
            raise UserError(f"{where}: spellings: {name!r} does not occur in 'old'")
    return tuple((name, other) for name, other in raw)


def _step(path: Path, number: int, raw: object, rules_dir: Path) -> Step:
    where = f"{path}: step {number}"
    if not isinstance(raw, dict):
        raise UserError(f"{where}: must be a table ([[step]])")
    if isinstance(raw.get("id"), str):
        where += f" ({raw['id']})"
    unknown = sorted(set(raw) - _STEP_KEYS)
    if unknown:
        raise UserError(
            f"{where}: unknown key {unknown[0]!r}",
            hint=f"a step has the keys {', '.join(sorted(_STEP_KEYS))}",
        )
    for key in _STEP_REQUIRED:
        if key not in raw:
            raise UserError(f"{where}: missing key {key!r}")
    for key in ("id", "subject", "message"):
        if not isinstance(raw[key], str) or not raw[key].strip():
            raise UserError(f"{where}: '{key}' must be a non-empty string")
    if not STEP_ID.match(raw["id"]):
        raise UserError(f"{where}: id {raw['id']!r} must match {STEP_ID.pattern}")
    subject = raw["subject"]
    if not isinstance(raw.get("split", ""), str):
        raise UserError(f"{where}: 'split' must be a string")
    split = split_mod.parse(raw["split"], f"{where}: split") if "split" in raw else None
    # A split step's subject is the text after each patch's prefix: check it with one.
    problem = subject_problem(f"prefix: {subject}" if split else subject)
    if problem:
        raise UserError(f"{where}: subject {subject!r} is not kernel style: it {problem}",
                        hint=SUBJECT_HINT)  # fmt: skip
    prefix_from, prefixes = _prefix_keys(where, raw, split)
    names = _str_list(where, "rules", raw["rules"])
    raw_edits = raw.get("edit", [])
    if not isinstance(raw_edits, list):
        raise UserError(f"{where}: 'edit' must be a list of tables ([[step.edit]])")
    code_dir = path.parent / path.stem
    edits = tuple(_edit(where, n, e, code_dir) for n, e in enumerate(raw_edits, start=1))
    if not names and not edits:
        raise UserError(f"{where}: 'rules' is empty")
    loaded = []
    for name in names:
        try:
            if name.endswith(".cocci"):
                loaded.append(rules_mod.load_file(path.parent / name))
            else:
                loaded.append(rules_mod.load(rules_dir, name))
        except UserError as exc:
            raise UserError(f"{where}: {exc.message}", exc.hint) from exc
    optional, whole = raw.get("optional", False), raw.get("whole", False)
    for key, value in (("optional", optional), ("whole", whole)):
        if not isinstance(value, bool):
            raise UserError(f"{where}: '{key}' must be true or false")
    step = Step(
        id=raw["id"],
        subject=subject,
        rules=tuple(loaded),
        message=raw["message"].strip("\n") + "\n",
        spatch_options=_str_list(where, "spatch_options", raw.get("spatch_options", [])),
        optional=optional,
        edits=edits,
        whole=whole,
        grep=_str_list(where, "grep", raw.get("grep", [])),
        tags=_tags(where, raw.get("tags", [])),
        fixes=_fixes(where, raw.get("fixes")),
        split=split,
        prefix_from=prefix_from,
        prefixes=prefixes,
        unused=_str_list(where, "unused", raw.get("unused", [])),
    )
    _check_template(
        where + ": message",
        step.message,
        step=step,
        rules=step.rules,
        files=(_SAMPLE_FILE,),
        hunks=1,
    )
    return step


def _prefix_keys(
    where: str, raw: dict[str, object], split: split_mod.Split | None
) -> tuple[str | None, tuple[tuple[str, str], ...]]:
    """A split step's prefix_from and prefixes."""
    for key in ("prefix_from", "prefixes"):
        if key in raw and split is None:
            raise UserError(f"{where}: '{key}' goes with 'split'")
    prefix_from = raw.get("prefix_from")
    if prefix_from is not None and prefix_from not in split_mod.PREFIX_SOURCES:
        raise UserError(
            f"{where}: 'prefix_from' must be one of {', '.join(split_mod.PREFIX_SOURCES)}"
        )
    table = raw.get("prefixes", {})
    if not isinstance(table, dict) or not all(
        isinstance(v, str) and v.strip() for v in table.values()
    ):
        raise UserError(f"{where}: 'prefixes' must be a table of group = \"prefix\"")
    for group, prefix in table.items():
        if subject_problem(f"{prefix}: text"):
            raise UserError(
                f"{where}: prefixes: {group!r}: {prefix!r} is not a subject prefix",
                hint=SUBJECT_HINT,
            )
    return (str(prefix_from) if prefix_from else None), tuple(sorted(table.items()))


def load(path: Path, rules_dir: Path) -> Series:
    """Load and validate the series at PATH; rule names resolve in RULES_DIR."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise UserError(f"{path}: cannot read series: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise UserError(f"{path}: not UTF-8 (byte {exc.start}): a series file is UTF-8") from exc
    except tomllib.TOMLDecodeError as exc:
        raise UserError(f"{path}: not valid TOML: {exc}") from exc
    unknown = sorted(set(data) - {"series", "step", "report"})
    if unknown:
        raise UserError(
            f"{path}: unknown top-level key {unknown[0]!r} (known: series, step, report)"
        )
    head = data.get("series")
    if not isinstance(head, dict):
        raise UserError(f"{path}: missing [series] table")
    extra = sorted(set(head) - _SERIES_KEYS)
    if extra:
        raise UserError(f"{path}: [series]: unknown key {extra[0]!r}")
    for key in ("description", "title"):
        if not isinstance(head.get(key), str) or not head[key].strip():
            raise UserError(f"{path}: [series]: '{key}' must be a non-empty string")
    raw_steps = data.get("step")
    if not isinstance(raw_steps, list) or not raw_steps:
        raise UserError(f"{path}: no [[step]] tables")
    steps = [_step(path, n, raw, rules_dir) for n, raw in enumerate(raw_steps, start=1)]
    seen: set[str] = set()
    for number, step in enumerate(steps, start=1):
        if step.id in seen:
            raise UserError(f"{path}: step {number}: duplicate id {step.id!r}")
        seen.add(step.id)
    raw_reports = data.get("report", [])
    if not isinstance(raw_reports, list):
        raise UserError(f"{path}: 'report' must be a list of tables ([[report]])")
    in_series_dir = path.resolve().parent == paths.series_dir().resolve()
    series = Series(
        name=path.stem,
        path=path,
        title=head["title"],
        description=head["description"].strip("\n") + "\n",
        steps=tuple(steps),
        applied_if=_markers(f"{path}: [series]", head.get("applied_if", [])),
        reports=tuple(
            reports.parse(f"{path}: report {n}", raw, rules_dir)
            for n, raw in enumerate(raw_reports, start=1)
        ),
        origin=f"series/{path.name}" if in_series_dir else path.name,
    )
    _check_template(f"{path}: [series]: description", series.description, series=series)
    return series


def find(series_dir: Path, name: str) -> Path:
    """The file of the series NAME (or NAME itself, if it is a path to a .toml file)."""
    as_path = Path(name)
    if as_path.suffix == ".toml" and as_path.is_file():
        return as_path
    path = series_dir / f"{name}.toml"
    if not path.is_file():
        known = ", ".join(p.stem for p in sorted(series_dir.glob("*.toml"))) or "none"
        raise UserError(
            f"unknown series {name!r}",
            hint=f"known series: {known} (see `cocci-series list`)",
        )
    return path


def all_series(series_dir: Path, rules_dir: Path) -> list[Series]:
    return [load(p, rules_dir) for p in sorted(series_dir.glob("*.toml"))]
