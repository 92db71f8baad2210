"""Helpers for the font tests: paths of the installed Debian fonts, tiny generated fonts."""

from __future__ import annotations

from pathlib import Path

import pytest
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen
from prerequisites import FONTS, NOTO, NOTO_SERIF, UMING, WENKAI, ZENHEI

__all__ = ["FONTS", "INSTALLED", "NOTO", "NOTO_SERIF", "UMING", "WENKAI", "ZENHEI", "make_font"]

# The fonts scripts/setup installs. A test marked so fails, naming the package, when one is
# missing (the fixture is in tests/conftest.py).
INSTALLED = [NOTO_SERIF, UMING, ZENHEI, WENKAI]
needs_installed_fonts = pytest.mark.usefixtures("installed_fonts")


def make_font(
    path: Path,
    family: str,
    characters: str,
    *,
    chinese_family: str | None = None,
    code_pages: int = 1 << 18,
    fs_type: int = 0,
) -> Path:
    """Write a minimal TrueType font whose glyphs are squares, one per character."""
    glyph_names = [".notdef"] + [f"uni{ord(character):04X}" for character in characters]
    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder(glyph_names)
    builder.setupCharacterMap({ord(c): f"uni{ord(c):04X}" for c in characters})
    glyphs = {}
    for name in glyph_names:
        pen = TTGlyphPen(None)
        pen.moveTo((100, 0))
        pen.lineTo((100, 800))
        pen.lineTo((900, 800))
        pen.lineTo((900, 0))
        pen.closePath()
        glyphs[name] = pen.glyph()
    builder.setupGlyf(glyphs)
    builder.setupHorizontalMetrics({name: (1000, 100) for name in glyph_names})
    builder.setupHorizontalHeader(ascent=880, descent=-120)
    names: dict[str, object] = {"familyName": family, "styleName": "Regular"}
    if chinese_family:
        names["familyName"] = {"en": family, "zh": chinese_family}  # "zh" is 0x0804
    builder.setupNameTable(names)
    builder.setupOS2(ulCodePageRange1=code_pages, fsType=fs_type, usWeightClass=400)
    builder.setupPost()
    path.parent.mkdir(parents=True, exist_ok=True)
    builder.save(str(path))
    return path
