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


def render_string(text: str, where: str, **context: Any) -> str:
    """Render a template that comes from a series file (a step message, a description);
    WHERE (file, step) names it in every error."""
    try:
        return _ENV.from_string(text).render(**context)
    except jinja2.TemplateSyntaxError as exc:  # an unknown filter or test too
        raise UserError(f"{where}: bad template: {exc.message} (line {exc.lineno})") from exc
    except jinja2.UndefinedError as exc:
        raise UserError(
            f"{where}: template error: {exc.message}",
            hint=f"the template can use: {', '.join(sorted(context))}",
        ) from exc
    except Exception as exc:  # what the template's own code raised, e.g. ZeroDivisionError
        raise UserError(f"{where}: template error: {type(exc).__name__}: {exc}") from exc


def render(name: str, **context: Any) -> str:
    return _ENV.get_template(name).render(**context)
