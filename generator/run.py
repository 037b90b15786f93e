"""The ``run`` verb: a series straight from one .cocci file, kernel-shipped ones as they are.

The rule (``rules.load_file``: header optional, ``// Options:`` honoured, patch mode) is
the one step of a series made on the fly; its change is split (by subsystem, maintainer,
directory or file) into one patch per group, each with its subsystem's subject prefix.
The commit message is the rule's ``///`` description, as ``scripts/coccicheck`` prints
it, and cites the rule by its path when the tree ships it (``scripts/coccinelle/...``),
or quotes it when the tree does not.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from . import rules as rules_mod
from . import series as series_mod
from . import split as split_mod
from .errors import UserError

# A first /// line too long for a subject loses its closing clause: "Use memdup_user
# rather than duplicating its implementation" -> "use memdup_user".
_CLAUSE = re.compile(r" (?:instead of|rather than|when|if|because|since|as) ")
SUBJECT_ROOM = 60  # columns a default subject text may take, leaving room for a prefix


def _step_id(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "rule"


def default_subject(rule: rules_mod.Rule) -> str:
    """The subject text from the rule's first ``///`` line: imperative, no final period."""
    if not rule.description or not rule.description[0].strip():
        raise UserError(
            f"{rule.path}: the rule has no /// description to make a subject of",
            hint="pass --subject 'imperative summary' (the text after the prefix)",
        )
    text = rule.description[0].strip().rstrip(".").strip()
    first, _, rest = text.partition(" ")
    if first[:1].isupper() and first[1:].islower():  # "Use", not "NULL" or "ARRAY_SIZE"
        text = first.lower() + (" " + rest if rest else "")
    if len(text) > SUBJECT_ROOM and (m := _CLAUSE.search(text)):
        text = text[: m.start()]
    return text


def series_for(
    rule_path: Path,
    *,
    split: split_mod.Split,
    subject: str | None = None,
    title: str | None = None,
    prefix_from: str | None = None,
    prefixes: Mapping[str, str] = {},
) -> series_mod.Series:
    """The one-step series that applies the rule at RULE_PATH."""
    if rule_path.suffix != ".cocci" or not rule_path.is_file():
        raise UserError(
            f"{rule_path}: no such .cocci file",
            hint="pass the path of a semantic patch, e.g. scripts/coccinelle/misc/array_size.cocci",
        )
    rule = rules_mod.load_file(rule_path)
    text = subject or default_subject(rule)
    if problem := series_mod.subject_problem(f"prefix: {text}"):
        raise UserError(f"subject {text!r} {problem}", hint=series_mod.SUBJECT_HINT)
    description = "\n".join(rule.description).strip("\n") or text
    per = {"none": "", "file": " per file", "directory": " per directory",
           "subsystem": " per subsystem", "maintainer": " per maintainer"}[split.kind]  # fmt: skip
    step = series_mod.Step(
        id=_step_id(rule.name),
        subject=text,
        rules=(rule,),
        # The description is the rule's text, not a template of ours; a step message is
        # rendered paragraph by paragraph (generate._commit_message), so each is raw.
        message="\n\n".join(
            "{% raw %}" + paragraph + "{% endraw %}" for paragraph in description.split("\n\n")
        )
        + "\n",
        split=split,
        prefix_from=prefix_from,
        prefixes=tuple(sorted(prefixes.items())),
    )
    return series_mod.Series(
        name=_step_id(rule.name),
        path=rule_path,
        title=title or text,
        description="{% raw %}" + description + "{% endraw %}\n\n"
        f"One patch{per}, made by the semantic patch named in each.\n",
        steps=(step,),
    )
