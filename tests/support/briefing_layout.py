"""Read a built briefing PDF back as a proofreader would: glyphs, lines, pages, paragraphs.

Lines come from pdfplumber's characters (text, position, font, size): characters on one
baseline form a row, and a row is cut into segments where a gap wider than ``GAP_EM`` opens
(the cells of a table row, a TOC title and its page number). Body paragraphs are located
by matching the composed document's paragraph texts against consecutive lines of the
text block, so "the last line of a paragraph" is known, not guessed from the geometry.

The character classes are the fact sheet's §4 lists, copied here rather than imported, so
the check does not depend on the typesetter it checks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pdfplumber

MM = 72.0 / 25.4
GAP_EM = 0.6  # a wider gap between two glyphs of one row starts a new segment
FULL_WIDTH_EM = 0.75  # glyphs at least this wide (in em) fill one character cell
BASELINE_TOLERANCE = 0.5

# Fact sheet §4: the clreq / GB/T 15834 lists, then OOXML's zh-CN lists.
CANNOT_START = frozenset(
    "，。、；：？！）］｝》〉」』】〕”’％‰℃·…"
    "!%),.:;>?]}¢¨°·ˇˉ―‖’”…‰′″›℃∶、。〃〉》」』】〕〗〞︶︺︾﹀﹄﹚﹜﹞！＂％＇），．：；？］｀｜｝～￠"
)
CANNOT_END = frozenset("（［｛《〈「『【〔“‘$([{£¥·‘“〈《「『【〔〖〝﹙﹛﹝＄（．［｛￡￥")
# A number or Latin word with its joiners and signs: 38.86%, 5G, 3+3, 2049.
LATIN_RUN = re.compile(r"[0-9A-Za-z]+(?:[.+\-/:,][0-9A-Za-z]+)*[%‰℃％]?")
LATINISH = re.compile(r"[0-9A-Za-z.+\-/%‰℃％]")
UNIT = re.compile(r"——|……|[0-9A-Za-z]+(?:[.+\-/:,][0-9A-Za-z]+)*[%‰℃％]?|\s+|.", re.DOTALL)


@dataclass(frozen=True)
class Glyph:
    text: str
    x0: float
    x1: float
    font: str  # the PDF font name without the subset tag
    size: float

    @property
    def full_width(self) -> bool:
        return self.x1 - self.x0 >= FULL_WIDTH_EM * self.size


@dataclass(frozen=True)
class Segment:
    """A run of glyphs on one baseline with no wide gap: one line of one text element."""

    page: int  # 0-based
    baseline: float  # points from the top of the page
    glyphs: tuple[Glyph, ...]

    @property
    def text(self) -> str:
        return "".join(glyph.text for glyph in self.glyphs)

    @property
    def inked(self) -> tuple[Glyph, ...]:
        return tuple(glyph for glyph in self.glyphs if not glyph.text.isspace()) or self.glyphs

    @property
    def x0(self) -> float:
        return self.inked[0].x0

    @property
    def x1(self) -> float:
        return self.inked[-1].x1

    @property
    def size(self) -> float:
        return max(glyph.size for glyph in self.glyphs)

    @property
    def all_full_width(self) -> bool:
        return all(glyph.full_width for glyph in self.glyphs)


@dataclass
class Page:
    index: int
    segments: list[Segment]
    graphics: list[tuple[float, float]]  # (top, bottom) of rules, boxes, paths, images


@dataclass(frozen=True)
class Geometry:
    """The text block (版心) in points, from the top-left corner of the page."""

    left: float
    top: float
    width: float
    height: float
    line_pitch: float
    char_pitch: float
    body_size: float

    @property
    def right(self) -> float:
        return self.left + self.width

    @property
    def bottom(self) -> float:
        return self.top + self.height

    def inside(self, baseline: float) -> bool:
        return self.top - 1 <= baseline <= self.bottom + 1


def read_pages(pdf: Path) -> list[Page]:
    pages: list[Page] = []
    with pdfplumber.open(pdf) as document:
        for index, page in enumerate(document.pages):
            height = float(page.height)
            rows: list[list[tuple[float, Glyph]]] = []
            chars = sorted(
                page.chars, key=lambda c: (height - float(c["matrix"][5]), float(c["x0"]))
            )
            for char in chars:
                baseline = height - float(char["matrix"][5])
                glyph = Glyph(
                    char["text"],
                    float(char["x0"]),
                    float(char["x1"]),
                    str(char["fontname"]).split("+")[-1],
                    float(char["size"]),
                )
                if rows and abs(rows[-1][0][0] - baseline) <= BASELINE_TOLERANCE:
                    rows[-1].append((baseline, glyph))
                else:
                    rows.append([(baseline, glyph)])
            segments = [segment for row in rows for segment in _cut_row(index, row[0][0], row)]
            graphics = [
                (float(item["top"]), float(item["bottom"]))
                for item in (*page.rects, *page.lines, *page.curves, *page.images)
            ]
            pages.append(Page(index, segments, graphics))
    return pages


def _cut_row(page: int, baseline: float, row: list[tuple[float, Glyph]]) -> list[Segment]:
    glyphs = sorted((glyph for _, glyph in row), key=lambda glyph: glyph.x0)
    pieces: list[list[Glyph]] = [[glyphs[0]]]
    for glyph in glyphs[1:]:
        previous = pieces[-1][-1]
        if glyph.x0 - previous.x1 > GAP_EM * max(glyph.size, previous.size):
            pieces.append([glyph])
        else:
            pieces[-1].append(glyph)
    return [Segment(page, baseline, tuple(piece)) for piece in pieces]


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@dataclass
class ParagraphLines:
    text: str
    lines: list[Segment] = field(default_factory=list)


def locate_paragraphs(
    pages: Sequence[Page], texts: Iterable[str], geometry: Geometry
) -> list[ParagraphLines]:
    """Each paragraph text → the consecutive body-size lines of the text block that set it.

    Raises AssertionError naming a paragraph that cannot be found whole, in order.
    """
    flow = [
        segment
        for page in pages
        for segment in page.segments
        if geometry.inside(segment.baseline) and abs(segment.size - geometry.body_size) < 0.01
    ]
    found: list[ParagraphLines] = []
    position = 0
    for text in texts:
        wanted = squash(text)
        match = None
        for start in range(position, len(flow)):
            lines, taken = _take(flow, start, wanted)
            if lines:
                match, position = lines, start + taken
                break
        assert match, f"paragraph not found whole and in order in the PDF: {text[:40]}…"
        found.append(ParagraphLines(text, match))
    return found


def _take(flow: Sequence[Segment], start: int, wanted: str) -> tuple[list[Segment], int]:
    collected = ""
    lines: list[Segment] = []
    for segment in flow[start:]:
        candidate = collected + squash(segment.text)
        if not wanted.startswith(candidate):
            return [], 0
        lines.append(segment)
        collected = candidate
        if collected == wanted:
            return lines, len(lines)
    return [], 0


def advance(glyph: Glyph, geometry: Geometry) -> float:
    """How far a glyph moves the pen at natural spacing: a grid cell, or its own width."""
    return geometry.char_pitch if glyph.full_width else glyph.x1 - glyph.x0


def natural_width(glyphs: Iterable[Glyph], geometry: Geometry) -> float:
    return sum(advance(glyph, geometry) for glyph in glyphs)


def units_of(glyphs: Sequence[Glyph]) -> list[list[Glyph]]:
    """Glyphs grouped into unbreakable units (numbers and Latin words, —— and ……)."""
    text = "".join(glyph.text for glyph in glyphs)
    units: list[list[Glyph]] = []
    position = 0
    for match in UNIT.finditer(text):
        units.append(list(glyphs[position : position + len(match.group(0))]))
        position += len(match.group(0))
    return units


def break_allowed(before: str, after: str) -> bool:
    return before[-1] not in CANNOT_END and after[0] not in CANNOT_START


def core_count(glyphs: Iterable[Glyph]) -> int:
    """Characters of a paragraph's last line that count against 孤字 (closing marks do not)."""
    return sum(1 for glyph in glyphs if glyph.text not in CANNOT_START and not glyph.text.isspace())


def longer_line_possible(
    line: Segment, following: Segment, following_is_last: bool, measure: float, geometry: Geometry
) -> str | None:
    """A longer allowed line the greedy breaker should have taken, or None.

    Pulling units of ``following`` up is a valid alternative when they fit the measure, the
    break after them is allowed, and (for a paragraph's last line) what remains is not a
    lone character.
    """
    width = natural_width(line.glyphs, geometry)
    units = units_of(following.glyphs)
    for count in range(1, len(units) + 1):
        width += natural_width(units[count - 1], geometry)
        if width > measure + 0.01:
            return None
        taken = "".join(g.text for unit in units[:count] for g in unit)
        rest = [glyph for unit in units[count:] for glyph in unit]
        if not rest:
            return taken  # the whole next line fits on this one
        if not break_allowed(taken, "".join(glyph.text for glyph in rest)):
            continue
        if following_is_last and core_count(rest) <= 1:
            continue
        return taken
    return None
