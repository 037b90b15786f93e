"""Cover-letter reports: the analyses a series asks for, and only those.

A series lists them as ``[[report]]`` tables, checked when it is loaded; ``generate``
runs them on the tree the series leaves and puts their text into the cover letter.
A series without reports gets none and spends no time on them.  Kinds:

- ``census``: every use left of some struct fields, found by a report rule and a token
  scan (``census.py``); with ``must_be_empty``, a use left fails the run (exit 3),
  naming each one, unless ``generate --allow-leftovers``::

      [[report]]
      kind = "census"
      rule = "msghdr_iov_census"         # semantic_patches/<rule>: Kind: report, with
      fields = ["msg_iov", "msg_iovlen"] # the selections typed, untyped and other
      struct = "msghdr"
      must_be_empty = true               # optional (default false)

- ``plugin``: a report written in Python for one series: ``generator/<module>.py`` with
  a ``cover_report(*, jobs)`` that returns the hook ``(tree, run) -> [section, ...]``
  (the msghdr-iov-iter series' kvec caller audit is ``module = "audit"``), and, if it
  greps the tree for words (``git.grep_files``), those words as ``GREP_WORDS``::

      [[report]]
      kind = "plugin"
      module = "audit"
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, cast, runtime_checkable

from . import census as census_mod
from . import rules as rules_mod
from .errors import UserError

if TYPE_CHECKING:
    from .generate import Run

Section = Callable[[Path, "Run"], list[str]]


@runtime_checkable
class Early(Protocol):
    """A report hook with work on the base that needs no step: generate calls ``start``
    before the steps run (the hook then takes its result when called)."""

    def start(self, clone: Path, run: Run) -> None: ...

    def __call__(self, clone: Path, run: Run) -> list[str]: ...


KEYS = {
    "census": {"kind", "rule", "fields", "struct", "must_be_empty"},
    "plugin": {"kind", "module"},
}
_MODULE = re.compile(r"^[a-z_][a-z0-9_]*$")


@dataclass(frozen=True)
class Report:
    kind: str  # census | plugin
    census: census_mod.Spec | None = None
    must_be_empty: bool = False  # census: a use left fails the run
    module: str = ""

    def words(self) -> tuple[str, ...]:
        """The words this report greps the tree for (``greps.expect()``)."""
        if self.census is not None:
            return self.census.fields
        return tuple(getattr(_plugin(self.module), "GREP_WORDS", ()))

    def hook(self, *, jobs: int, allow_leftovers: bool = False) -> Section:
        """The function that writes this report's cover-letter sections."""
        if self.census is not None:
            spec, strict = self.census, self.must_be_empty and not allow_leftovers

            def census(clone: Path, run: Run) -> list[str]:
                found = census_mod.take(run.spatch, clone, jobs=jobs, spec=spec)
                if strict and (error := census_mod.leftovers_error(found)):
                    raise error
                return [census_mod.markdown(found)]

            return census
        return cast(Section, _plugin(self.module).cover_report(jobs=jobs))


def _plugin(module: str) -> Any:
    return importlib.import_module(f"{__package__}.{module}")


def _string(where: str, raw: dict[str, object], key: str) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        raise UserError(f"{where}: '{key}' must be a non-empty string")
    return value


def parse(where: str, raw: object, rules_dir: Path) -> Report:
    """One ``[[report]]`` table, checked: its kind, its keys, the rule or module it names."""
    if not isinstance(raw, dict):
        raise UserError(f"{where}: must be a table ([[report]])")
    kind = raw.get("kind")
    if kind not in KEYS:
        raise UserError(f"{where}: 'kind' must be one of {', '.join(sorted(KEYS))}")
    unknown = sorted(set(raw) - KEYS[kind])
    if unknown:
        raise UserError(
            f"{where}: unknown key {unknown[0]!r} for a {kind} report",
            hint=f"a {kind} report has the keys {', '.join(sorted(KEYS[kind]))}",
        )
    if kind == "plugin":
        module = _string(where, raw, "module")
        try:
            hook = getattr(_plugin(module), "cover_report", None) if _MODULE.match(module) else None
        except ImportError:
            hook = None
        if not callable(hook):
            raise UserError(
                f"{where}: no report plug-in {module!r}",
                hint=f"a plug-in is generator/{module}.py with a cover_report() function",
            )
        return Report(kind, module=module)
    rule_name = _string(where, raw, "rule")
    fields = raw.get("fields")
    if not isinstance(fields, list) or not fields or not all(isinstance(f, str) for f in fields):
        raise UserError(f"{where}: 'fields' must be a non-empty list of strings")
    try:
        rule = rules_mod.load(rules_dir, rule_name)
    except UserError as exc:
        raise UserError(f"{where}: {exc.message}", exc.hint) from exc
    missing = [s for s in census_mod.SELECTIONS if s not in rule.virtuals]
    if rule.kind != "report" or missing:
        raise UserError(
            f"{where}: {rule.path} is no census rule",
            hint="a census rule is '// Kind: report' with the virtual rules "
            + ", ".join(census_mod.SELECTIONS),
        )
    strict = raw.get("must_be_empty", False)
    if not isinstance(strict, bool):
        raise UserError(f"{where}: 'must_be_empty' must be true or false")
    spec = census_mod.Spec(rule_name, tuple(fields), _string(where, raw, "struct"))
    return Report(kind, census=spec, must_be_empty=strict)
