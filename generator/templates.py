"""Commit messages and the cover letter, rendered from strict jinja2 templates."""

from __future__ import annotations

from typing import Any

import jinja2

from .errors import UserError

_ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("generator", "templates"),
    undefined=jinja2.StrictUndefined,
    keep_trailing_newline=True,
    autoescape=False,
)


def render_string(text: str, **context: Any) -> str:
    """Render a template that comes from a series file (a step message, a description)."""
    try:
        return _ENV.from_string(text).render(**context)
    except jinja2.UndefinedError as exc:
        raise UserError(
            f"template error: {exc.message}",
            hint="a step message can use: files, hunks, rules, step",
        ) from exc


def render(name: str, **context: Any) -> str:
    return _ENV.get_template(name).render(**context)
