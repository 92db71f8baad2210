"""Helpers shared by the typesetting tests (a module name unique across the test tree)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from prerequisites import UMING, ZENHEI, require_file

from gjz_brief.typeset.linebreak import Line

__all__ = ["UMING", "ZENHEI", "em_width", "has_latin", "register_font"]


def em_width(text: str) -> float:
    """Widths in em for pure tests: full-width (and ambiguous) characters 1, others ½."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in ("W", "F", "A") else 0.5 for ch in text)


def register_font(name: str, path: Path) -> str:
    """Register face 0 of ``path`` with ReportLab as ``name`` (fail, naming the package, if
    the font is missing)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    require_file(path)
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, str(path), subfontIndex=0))
    return name


def has_latin(line: Line) -> bool:
    """Whether a line holds a Latin run (a word, a number)."""
    return any(unit.kind == "latin" for unit in line.units)
