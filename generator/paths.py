"""Where the rules, the series and the demo tree live, installed or in a checkout."""

from __future__ import annotations

from pathlib import Path

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
