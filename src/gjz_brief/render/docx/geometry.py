"""GB/T 9704 page geometry in Word units (twips), computed from ``theme.geometry``.

The line grid follows Word's own arithmetic: the pitch is the text block height in twips divided
by the lines per page, rounded down (225 mm / 22 → 579 twips ≈ 28.95 pt), so 22 lines always
fit.

Characters per line: Word's canonical 公文 grid is ``linesAndChars`` with
``charSpace = (character pitch − 16 pt) × 4096`` (−849 for 28 characters of 3号). LibreOffice
7.4 snaps every 16 pt character of such a grid into two 15.79 pt cells and sets 14 characters
a line. We therefore write a line-only grid and tighten the body styles by a whole number of
twips of letter spacing (−0.25 pt), which gives 28 characters a line in Word, WPS and
LibreOffice alike.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from gjz_brief.render.docx.ooxml import mm_to_twips
from gjz_brief.template.theme import PageGeometry

GRID_TYPE = "lines"


@dataclass(frozen=True)
class WordGeometry:
    page_width: int
    page_height: int
    top: int
    bottom: int
    left: int
    right: int
    header_distance: int
    footer_distance: int
    line_pitch: int  # twips per grid line
    text_width: int
    text_height: int
    chars_per_line: int


def word_geometry(geometry: PageGeometry, page_number_size_pt: float = 14.0) -> WordGeometry:
    page_width = mm_to_twips(geometry.page_width_mm)
    page_height = mm_to_twips(geometry.page_height_mm)
    top = mm_to_twips(geometry.top_mm)
    left = mm_to_twips(geometry.left_mm)
    bottom = max(0, mm_to_twips(geometry.bottom_mm))
    right = max(0, mm_to_twips(geometry.right_mm))
    text_width = page_width - left - right
    text_height = page_height - top - bottom
    # The page number's baseline box sits page_number_gap_mm below the text block.
    number_height = round(page_number_size_pt * 20 * 1.3)
    footer_distance = max(0, bottom - mm_to_twips(geometry.page_number_gap_mm) - number_height)
    return WordGeometry(
        page_width=page_width,
        page_height=page_height,
        top=top,
        bottom=bottom,
        left=left,
        right=right,
        header_distance=max(0, top - mm_to_twips(12)),
        footer_distance=footer_distance,
        line_pitch=max(1, text_height // geometry.lines_per_page),
        text_width=text_width,
        text_height=text_height,
        chars_per_line=geometry.chars_per_line,
    )


def tracking_twips(geometry: WordGeometry, font_size_pt: float) -> int:
    """Letter spacing (twips, i.e. 1/20 pt) so ``chars_per_line`` characters fill a line."""
    pitch = geometry.text_width / geometry.chars_per_line
    return math.floor(pitch - font_size_pt * 20)
