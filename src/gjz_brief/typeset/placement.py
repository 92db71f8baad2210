"""Where each glyph of a line goes, and how to draw the line in few text operations.

Pure Python: a line's glyphs get exact x positions (justified lines end at the right edge),
then consecutive glyphs of one font with one common spacing are merged into a ``TextRun``
drawn by a single Tj with that spacing as the PDF character spacing (Tc). Extractors then see
ordinary text with no positioning jumps between Chinese characters, so they insert no spaces.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

from gjz_brief.fonts.quotes import FULL_WIDTH_MIN_EM
from gjz_brief.typeset.linebreak import Line, justify_gaps

Align = Literal["justify", "left", "center", "right"]

# Adjacent punctuation compression (W3C clreq §3.1.6, "Adjustment of adjacent punctuation"),
# for Simplified Chinese fonts: closing marks draw their ink in the left half of their cell,
# opening marks in the right half, so between a closing mark and the next mark, or an
# opening mark and the one before it, half a cell is blank. Colons, semicolons, ？ and ！
# are centred in some mainland fonts and left alone.
CLOSING_MARKS: frozenset[str] = frozenset("，。、）］｝》〉」』】〕”’")
OPENING_MARKS: frozenset[str] = frozenset("（［｛《〈「『【〔“‘")

# Two spacings closer than this are the same Tc (ReportLab writes about 6 digits).
SPACING_EPSILON = 1e-5


class Metrics(Protocol):
    size: float

    def font(self, ch: str) -> str: ...

    def glyph_width(self, ch: str) -> float: ...

    def advance(self, ch: str) -> float: ...


@dataclass(frozen=True)
class PlacedGlyph:
    text: str  # one code point
    font: str
    x: float  # left edge, from the left edge of the text block
    width: float  # glyph width (the ink box the font declares)


@dataclass(frozen=True)
class TextRun:
    """Glyphs drawn by one text-showing operation."""

    text: str
    font: str
    x: float
    char_space: float  # added after every glyph (PDF Tc)


def ink_width(line: Line, metrics: Metrics) -> float:
    """Width from the first glyph's left edge to the last glyph's right edge.

    On the grid a full-width glyph (16 pt) is wider than its pitch (15.79 pt), so the last
    glyph sticks out past its advance; alignment uses this width so that the glyph box, not
    the advance, meets the right edge.
    """
    if not line.units:
        return 0.0
    last = line.units[-1].text[-1]
    return line.natural_width - metrics.advance(last) + metrics.glyph_width(last)


def compressions(line: Line, metrics: Metrics) -> list[float]:
    """How much closer each character of ``line`` is set to the one before it when adjacent
    punctuation is compressed: half its cell for a mark after a closing mark (。” ”，
    ）。 ，“) and for an opening mark after an opening one (（“), 0 elsewhere. Only
    full-width marks (drawn in a full cell) are compressed."""
    text = line.text
    out = [0.0] * len(text)
    full = FULL_WIDTH_MIN_EM * metrics.size
    for index in range(1, len(text)):
        before, mark = text[index - 1], text[index]
        pair = (before in CLOSING_MARKS and (mark in CLOSING_MARKS or mark in OPENING_MARKS)) or (
            before in OPENING_MARKS and mark in OPENING_MARKS
        )
        if pair and metrics.glyph_width(before) >= full and metrics.glyph_width(mark) >= full:
            out[index] = metrics.advance(before) / 2
    return out


def place_line(
    line: Line, metrics: Metrics, align: Align, *, compress: bool = False
) -> list[PlacedGlyph]:
    """Glyph positions of ``line``; x = 0 is the left edge of the text block.

    With ``compress``, adjacent punctuation is set closer (``compressions``) and a justified
    line spreads what that saves over its gaps, so it still ends at the right edge; the
    line's breaks are those of the grid (every mark counted a full cell), so a page keeps
    its 28 characters a line.
    """
    if not line.units:
        return []
    closer = compressions(line, metrics) if compress else [0.0] * len(line.text)
    spare = line.available - ink_width(line, metrics) + sum(closer)
    gaps = [0.0] * (len(line.units) - 1)
    offset = 0.0
    # A last line is set at natural spacing unless its ink would cross the right edge: on
    # the grid a full line's last glyph is wider than its cell (16 pt in 15.79 pt).
    overfull = spare < 0
    if align == "justify" and (not line.is_last or overfull) and len(line.units) > 1:
        gaps = justify_gaps(line.units, spare, metrics.size)
    elif align == "right":
        offset = spare
    elif align == "center":
        offset = spare / 2
    glyphs: list[PlacedGlyph] = []
    x = line.indent + offset
    position = 0
    for index, unit in enumerate(line.units):
        for ch in unit.text:
            x -= closer[position]
            position += 1
            glyphs.append(PlacedGlyph(ch, metrics.font(ch), x, metrics.glyph_width(ch)))
            x += metrics.advance(ch)
        if index < len(gaps):
            x += gaps[index]
    return glyphs


def group_runs(glyphs: list[PlacedGlyph]) -> list[TextRun]:
    """Merge glyphs into runs of one font and one spacing, preserving reading order."""
    runs: list[TextRun] = []
    start = 0
    while start < len(glyphs):
        end = start + 1
        spacing: float | None = None
        while end < len(glyphs) and glyphs[end].font == glyphs[start].font:
            previous = glyphs[end - 1]
            step = glyphs[end].x - previous.x - previous.width
            if spacing is not None and abs(step - spacing) > SPACING_EPSILON:
                break
            spacing = step
            end += 1
        text = "".join(glyph.text for glyph in glyphs[start:end])
        runs.append(TextRun(text, glyphs[start].font, glyphs[start].x, spacing or 0.0))
        start = end
    return runs
