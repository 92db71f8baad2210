"""Which characters a face can draw, and which characters of a text no face can draw."""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable

from gjz_brief.errors import Location, Problem
from gjz_brief.fonts.codepoints import CodePoints
from gjz_brief.fonts.model import FontFace, FontSet
from gjz_brief.fonts.sfnt import read_cmap

# Never drawn, so never missing: controls, format characters (ZWSP, BOM, soft hyphen),
# separators (spaces, line/paragraph separators) and variation selectors.
_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp"})

COVERAGE_HINT = (
    "replace the character, or install a font that has it "
    "(fonts-noto-cjk and fonts-lxgw-wenkai cover rare ideographs such as 𠮷)"
)


@functools.lru_cache(maxsize=64)
def cmap_of(face: FontFace) -> CodePoints:
    """The code points the face maps to a glyph (its best Unicode cmap, as fontTools picks it).

    A compact set (see CodePoints): ten CJK faces as frozensets took ~30 MB.
    """
    return CodePoints(read_cmap(face.path, face.index))


def is_drawn(character: str) -> bool:
    """False for whitespace, controls and other characters that never need a glyph."""
    code_point = ord(character)
    if 0xFE00 <= code_point <= 0xFE0F or 0xE0100 <= code_point <= 0xE01EF:
        return False  # variation selectors modify the previous glyph
    return unicodedata.category(character) not in _INVISIBLE_CATEGORIES


def code_point_label(character: str) -> str:
    """ "U+20BB7" style label."""
    return f"U+{ord(character):04X}"


def face_for(fonts: FontSet, role: str, code_point: int) -> FontFace | None:
    """The role's face if it has the character, else the first fallback that does."""
    face = fonts.face(role)
    if code_point in cmap_of(face):
        return face
    for fallback in fonts.fallbacks:
        if code_point in cmap_of(fallback):
            return fallback
    return None


def check_coverage(
    fonts: FontSet, texts: Iterable[tuple[str, str, Location | None]]
) -> list[Problem]:
    """A Problem for each character (per text) that neither the role's face nor a fallback has.

    A character only a fallback covers is fine: the PDF draws it in the fallback face.
    """
    problems: list[Problem] = []
    for role, text, location in texts:
        reported: set[str] = set()
        for character in text:
            if character in reported or not is_drawn(character):
                continue
            if face_for(fonts, role, ord(character)) is None:
                reported.add(character)
                name = unicodedata.name(character, "unnamed character")
                problems.append(
                    Problem(
                        message=(
                            f"character {character!r} ({code_point_label(character)} {name}) "
                            f"is in no installed font for the {role} text"
                        ),
                        location=location or Location(),
                        hint=COVERAGE_HINT,
                    )
                )
    return problems
