"""How many lines a text takes in a table cell of an office suite, counted on the wide side.

The DOCX keeps the PDF's page breaks (its contents store the PDF's heading pages), so table
rows are given the height their text takes: in the chart tables to share out the picture's
height (chart_tables.fit_rows), in data tables to match the PDF's rows (tables.py). The
count cannot know the office suite's fonts, so it counts wide: ideographs and full-width
marks 1 em (every CJK face), a Latin letter or digit 0.65 em (DejaVu Sans' digits, what
LibreOffice finds for 仿宋_GB2312's Latin here, are 0.64 em; Chinese faces' are 0.5 em), and
a quarter em where Chinese meets Latin, the space LibreOffice 7.4 adds there (its DOCX
import ignores w:autoSpaceDE/DN). Counting wide costs a little slack; counting narrow would
make rows grow past the height they were given.
"""

from __future__ import annotations

import unicodedata

from gjz_brief.charts.text import split_units

LATIN_EM = 0.65
AUTOSPACE_EM = 0.25


def count_lines(text: str, width_twips: int, size_pt: float) -> int:
    """Lines ``text`` takes in ``width_twips`` at ``size_pt`` (an empty text takes one):
    greedy filling of the units a line may break between (charts.text.split_units: no closing
    mark starts a line, no opening mark ends one)."""
    room = width_twips / (size_pt * 20)  # in em
    lines, used, previous = 1, 0.0, ""
    for unit in split_units(text):
        width = _width_em(unit, previous)
        if used and used + width > room:
            lines, used = lines + 1, _width_em(unit, "")
        else:
            used += width
        previous = unit[-1]
    return lines


def _width_em(unit: str, before: str) -> float:
    """``unit``'s width in em, with the space LibreOffice puts between it and ``before``."""
    width = 0.0
    for char in unit:
        if {_kind(before), _kind(char)} == {"latin", "cjk"}:
            width += AUTOSPACE_EM
        width += LATIN_EM if char.isascii() else 1.0
        before = char
    return width


def _kind(char: str) -> str:
    """ "latin" (letters, digits), "cjk" (ideographs, kana) or "" (marks, spaces, nothing):
    LibreOffice spaces only between the first two."""
    if char.isascii():
        return "latin" if char.isalnum() else ""
    return "cjk" if unicodedata.category(char) == "Lo" else ""
