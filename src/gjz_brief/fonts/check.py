"""A font is checked when it is loaded, not when a chart or the PDF first draws with it.

A configured font (``fonts:`` in gjz-brief.yaml) must parse (its character map and the
outlines of a sample of glyphs) and, as every role sets Chinese text, map Chinese
characters: a Latin-only font for the body would otherwise be silently replaced, character
by character, by fallback faces. A damaged file is refused naming it (FontConfigError,
exit 2) instead of failing later inside a chart or the PDF writer (issue #17).
"""

from __future__ import annotations

from pathlib import Path

from gjz_brief.errors import FontConfigError, Location
from gjz_brief.fonts.model import FontFace
from gjz_brief.fonts.sfnt import read_cmap

MIN_IDEOGRAPHS = 1000  # CJK Unified Ideographs a face must map to count as Chinese
# Characters every briefing prints: their outlines are read to find a damaged glyph table.
SAMPLE = "甘井子区发展规划简报一二三〇年月日0123456789%，。、（）"


def _short(error: Exception) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    return text if len(text) <= 80 else text[:80] + "…"


def check_configured_face(face: FontFace, role: str, setting: str) -> None:
    """Raise FontConfigError unless ``face`` has a readable cmap, Chinese coverage and
    readable outlines for SAMPLE. ``setting`` is the value written under fonts.<role>."""
    location = Location(str(face.path), field=f"fonts.{role}")
    try:
        codes = read_cmap(face.path, face.index)
    except Exception as error:  # noqa: BLE001 - a damaged file raises any kind
        raise FontConfigError(
            f"the character map (cmap) of {face.path} cannot be read: {_short(error)}",
            location,
            f"the file is damaged: reinstall or replace it, or remove fonts.{role}",
        ) from None
    ideographs = sum(1 for code in codes if 0x4E00 <= code <= 0x9FFF)
    if ideographs < MIN_IDEOGRAPHS:
        raise FontConfigError(
            f"{face.path} maps {ideographs} Chinese characters: the {role} role sets Chinese "
            "text, and other fonts would silently draw every character this one lacks",
            location,
            f"set fonts.{role} to a Chinese font (仿宋, 黑体, 楷体, 宋体 …), or remove it to "
            f"use an installed one (configured: {setting[:80]})",
        )
    try:
        outline_sample(face.path, face.index, codes)
    except Exception as error:  # noqa: BLE001 - a damaged glyph table raises any kind
        raise FontConfigError(
            f"the glyph outlines of {face.path} cannot be read: {_short(error)}",
            location,
            f"the file is damaged: reinstall or replace it, or remove fonts.{role}",
        ) from None


def outline_sample(path: Path, index: int, codes: dict[int, int]) -> int:
    """Draw the outlines of the SAMPLE characters the face maps; returns how many."""
    from fontTools.pens.boundsPen import BoundsPen
    from fontTools.ttLib import TTFont

    font = TTFont(str(path), fontNumber=index, lazy=True)
    try:
        order = font.getGlyphOrder()
        glyph_set = font.getGlyphSet()
        drawn = 0
        for character in SAMPLE:
            glyph = codes.get(ord(character))
            if glyph is None:
                continue
            pen = BoundsPen(glyph_set)
            glyph_set[order[glyph]].draw(pen)
            drawn += 1
        return drawn
    finally:
        font.close()
