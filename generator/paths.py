"""Where the rules, the series and the demo tree live, installed or in a checkout."""

from __future__ import annotations

import os
from pathlib import Path

from .errors import UserError

PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """``semantic_patches`` or ``series``: inside a wheel, or at the top of a checkout."""
    installed = PACKAGE / "_data" / name
    return installed if installed.is_dir() else PACKAGE.parent / name


def rules_dir() -> Path:
    return data_dir("semantic_patches")


def series_dir() -> Path:
    return data_dir("series")


def demo_dir() -> Path:
    return PACKAGE / "demo"


def check_output(path: Path) -> None:
    """Refuse, before any work, a report file (--json) that could not be written."""
    if path.is_dir():
        raise UserError(f"{path}: is a directory", hint="pass --json a file name")
    if not path.parent.is_dir():
        raise UserError(f"{path.parent}: no such directory", hint="pass --json in an existing one")
    if not os.access(path.parent, os.W_OK):  # read-only filesystem or directory
        raise UserError(f"{path.parent}: cannot be written", hint="pass --json somewhere else")


def write_output(path: Path, text: str) -> None:
    """Write TEXT to PATH atomically: a partial file is never left behind."""
    check_output(path)
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise UserError(f"{path}: cannot be written: {exc.strerror}") from exc
