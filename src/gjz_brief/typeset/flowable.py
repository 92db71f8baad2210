"""``CJKParagraph``: a ReportLab Flowable that sets Chinese text properly.

Kinsoku line breaking, justification by character spacing, per-character font fallback,
fake bold, widow/orphan control and the GB/T 9704 line grid. ReportLab's own
``wordWrap='CJK'`` hangs punctuation and cannot justify Chinese (fact sheet §6).

Grid mode: with ``char_pitch`` every full-width character advances exactly ``char_pitch``,
so a full line of Chinese holds ``width / char_pitch`` characters; the paragraph is
``lines × leading`` tall and line k's baseline sits at a fixed offset inside its line box.
A frame ``lines_per_page × leading`` tall with zero padding then holds exactly that many
lines (``Frame(..., leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)``;
ReportLab's default padding is 6 pt).
"""

from __future__ import annotations

import copy
import math
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Literal

from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfdoc import PDFDocument
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus.flowables import Flowable

from gjz_brief.typeset.linebreak import TOLERANCE, Line, Unit, break_lines, segment
from gjz_brief.typeset.metrics import FontMetrics
from gjz_brief.typeset.placement import Align, PlacedGlyph, group_runs, place_line
from gjz_brief.typeset.reportlab_private import pdf_document

# Bottom of the ideographic em box below the baseline, in em (about 120/1000 in CJK fonts).
# The em box is centred in the line box, so the baseline sits at a fixed offset in it.
EMBOX_DESCENT_EM = 0.12
# Stroke width of the fake bold, in em: free CJK fonts have no bold faces.
FAKE_BOLD_STROKE_EM = 1 / 30
# The 破折号 —— is one continuous rule across its two cells, as in print; a font draws two
# dashes with its side bearings between them (issue #19). The text stays in the file,
# invisible (render mode 3), for search and copy; the rule is drawn over its cells at the
# middle of the em box, this thick and this far in from the cells' outer edges.
DASH = "\u2014"
DASH_RULE_EM = 0.04
DASH_INSET_EM = 0.04
# How far a line may be squeezed to keep a closing mark (or the unit before it) on the line
# instead of pushing units down, in em; spread over all its gaps it stays invisible. It is
# far below one full-width character, so a grid line never takes a 29th hanzi.
MAX_SQUEEZE_EM = 0.1
# Fewest lines of a split paragraph left at the foot of a page (no orphan: a first line
# alone) or carried over to the next (no widow: a last line alone), on the grid too: a
# proofreader marks both (issue #19). The page then ends a line short (two when a three-line
# paragraph meets two free lines, as in Word and LibreOffice); the lines it holds stay on
# the 22-line grid.
MIN_LINES_AT_SPLIT = 2
# Fewest lines of the paragraph after a heading that stand below it on its page (no 背题):
# the heading and its first three lines go to the next page together, else the page holds
# them. Three rather than the two a split needs: office suites may set a paragraph a line
# longer than the PDF (LibreOffice 7.4 adds space between Chinese and digits and no DOCX
# setting turns it off), and the DOCX's contents store the PDF's heading pages; a third
# line below the heading keeps the heading on its PDF page in such a layout too.
LINES_UNDER_HEADING = 3


class CJKParagraph(Flowable):
    """A paragraph of Chinese (and mixed Latin) text.

    ``font_for(ch)`` names the registered ReportLab font that draws ``ch``; consecutive
    characters of one font are drawn by one text operation. ``char_pitch`` switches on the
    character grid. ``text`` is plain text: newlines are forced line breaks.
    ``min_lines_at_split`` is the widow/orphan rule applied when a page break falls inside
    the paragraph: 2 by default (no line alone on either side of the break).
    ``compress_punctuation`` sets adjacent punctuation half a cell closer (the theme's
    ``punctuation: compressed``; typeset.placement).
    """

    def __init__(
        self,
        text: str,
        *,
        font_for: Callable[[str], str],
        size: float,
        leading: float,
        first_line_indent: float = 0.0,
        align: Align = "justify",
        color: colors.Color | str = colors.black,
        bold: bool = False,
        char_pitch: float | None = None,
        keep_with_next: bool = False,
        space_before: float = 0.0,
        space_after: float = 0.0,
        min_lines_at_split: int | None = None,
        compress_punctuation: bool = False,
    ) -> None:
        super().__init__()
        if align not in ("justify", "left", "center", "right"):
            raise ValueError(f"align must be justify, left, center or right, not {align!r}")
        if size <= 0 or leading <= 0:
            raise ValueError("size and leading must be positive")
        self.text = text
        self.metrics = FontMetrics(font_for, size, char_pitch)
        self.size = size
        self.leading = leading
        self.first_line_indent = first_line_indent
        self.align: Align = align
        self.color = colors.HexColor(color) if isinstance(color, str) else color
        self.bold = bold
        self.char_pitch = char_pitch
        self.keepWithNext = keep_with_next
        self.spaceBefore = space_before
        self.spaceAfter = space_after
        # 2 = widow/orphan control; 1 = fill every page to the last line whatever is split.
        if min_lines_at_split is None:
            min_lines_at_split = MIN_LINES_AT_SPLIT
        self.min_lines_at_split = max(1, min_lines_at_split)
        self.compress_punctuation = compress_punctuation  # placement.compressions
        # Tabs and other breaking spaces are drawn as plain spaces, which every font has.
        self._units: list[Unit] = [
            Unit(" " * len(unit.text), "space") if unit.kind == "space" else unit
            for unit in segment(text)
        ]
        self._starts_paragraph = True  # the first line gets the indent
        self._ends_paragraph = True  # the last line is flush left and 孤字 is avoided
        self._lines: list[Line] = []
        self._layout_width: float | None = None

    # -- layout ---------------------------------------------------------------------------

    @property
    def baseline_offset(self) -> float:
        """Distance from the top of a line box down to its baseline."""
        return (self.leading - self.size) / 2 + (1 - EMBOX_DESCENT_EM) * self.size

    def lines(self, width: float) -> list[Line]:
        """The lines at ``width`` (computed once per width)."""
        if self._layout_width is None or abs(self._layout_width - width) > TOLERANCE:
            self._lines = self._break(width)
            self._layout_width = width
        return self._lines

    def _break(self, width: float) -> list[Line]:
        indent = self.first_line_indent if self._starts_paragraph else 0.0
        lines = break_lines(
            self._units,
            self.metrics.width_of,
            width,
            indent,
            max_squeeze=MAX_SQUEEZE_EM * self.size,
            avoid_orphan_char=self._ends_paragraph,
            em=self.size,
        )
        if not lines:  # empty text: one blank line, so that it keeps its place on the grid
            lines = [Line((), (), 0.0, width, True)]
        if not self._ends_paragraph and lines[-1].is_last:
            lines[-1] = replace(lines[-1], is_last=False)  # a page break, not a paragraph end
        return lines

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = availWidth
        self.height = len(self.lines(availWidth)) * self.leading
        return self.width, self.height

    def height_free_to_follow(self, width: float) -> float:
        """The height of the lines that may go on to the next page when the paragraph starts
        on this one after a heading (typeset.keep): all but the first
        ``max(LINES_UNDER_HEADING, min_lines_at_split)``, if ``min_lines_at_split`` are left
        to carry over; none for a paragraph too short for that (four lines)."""
        count = len(self.lines(width))
        keep = self.min_lines_at_split
        below = max(LINES_UNDER_HEADING, keep)
        first = below if count >= below + keep else count
        return (count - first) * self.leading

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        lines = self.lines(availWidth)
        count = len(lines)
        fit = math.floor((availHeight + TOLERANCE) / self.leading)
        if fit >= count:
            return [self]
        keep = self.min_lines_at_split
        head = min(fit, count - keep)
        if head < keep:
            frame = getattr(self, "_frame", None)
            if not getattr(frame, "_atTop", False) or fit < 1:
                return []  # move the paragraph whole to the next frame
            head = fit  # an empty frame cannot take more: break the rule rather than loop
        return [self._part(lines[:head], first=True), self._part(lines[head:], first=False)]

    def _part(self, lines: Sequence[Line], *, first: bool) -> CJKParagraph:
        part = copy.copy(self)
        for state in ("_postponed", "_frame", "canv"):  # ReportLab's marks on the whole
            part.__dict__.pop(state, None)
        part._lines = list(lines)
        part._units = _units_of(lines)
        part.text = "".join(unit.text for unit in part._units)
        if first:
            part._ends_paragraph = lines[-1].is_last
            part.spaceAfter = 0.0
            part.keepWithNext = False
        else:
            part._starts_paragraph = False
            part.spaceBefore = 0.0
        return part

    def getPlainText(self, identify: object = None) -> str:  # noqa: N802 (ReportLab's name)
        """The text, for outlines, TOC entries and ReportLab's error messages."""
        return self.text

    # -- drawing --------------------------------------------------------------------------

    def draw(self) -> None:
        canvas = self.canv
        lines = self.lines(self.width)
        canvas.saveState()
        text = canvas.beginText()
        text.setFillColor(self.color)
        if self.bold:
            canvas.setStrokeColor(self.color)
            canvas.setLineWidth(self.size * FAKE_BOLD_STROKE_EM)
            canvas.setLineJoin(1)  # round joins: no spikes at sharp corners
            text.setTextRenderMode(2)
        visible_mode: Literal[0, 2] = 2 if self.bold else 0
        font: str | None = None
        char_space = 0.0
        rules: list[tuple[float, float, float]] = []  # (x0, x1, baseline) of —— rules
        for number, line in enumerate(lines):
            baseline = self.height - number * self.leading - self.baseline_offset
            glyphs = place_line(line, self.metrics, self.align, compress=self.compress_punctuation)
            rules.extend((x0, x1, baseline) for x0, x1 in dash_rules(glyphs, self.size))
            for run in group_runs(glyphs):
                if run.font != font:
                    font = run.font
                    text.setFont(font, self.size, self.leading)
                if len(run.text) > 1 and run.char_space != char_space:
                    char_space = run.char_space
                    text.setCharSpace(char_space)
                x = run.x
                for part in _subset_parts(run.font, run.text, pdf_document(canvas)):
                    for piece in _dash_pieces(part):
                        # Each Tj starts at its own exact origin: pdfminer (pdfplumber)
                        # drops the Tc after a string's last glyph, and would shift the
                        # next string.
                        text.setTextOrigin(x, baseline)
                        ruled = piece[:2] == DASH * 2  # dash_rules draws it
                        if ruled:
                            text.setTextRenderMode(3)  # invisible: the rule is drawn instead
                        text.textOut(piece)
                        if ruled:
                            text.setTextRenderMode(visible_mode)
                        x += self.metrics.width_of_glyphs(piece) + len(piece) * run.char_space
        canvas.drawText(text)
        if rules:
            canvas.setStrokeColor(self.color)
            thickness = DASH_RULE_EM + (FAKE_BOLD_STROKE_EM if self.bold else 0.0)
            canvas.setLineWidth(self.size * thickness)
            canvas.setLineCap(0)
            middle = (0.5 - EMBOX_DESCENT_EM) * self.size  # the em box's middle
            for x0, x1, baseline in rules:
                canvas.line(x0, baseline + middle, x1, baseline + middle)
        canvas.restoreState()


def dash_rules(glyphs: Sequence[PlacedGlyph], size: float) -> list[tuple[float, float]]:
    """Left and right ends of the rule that draws each run of 破折号 (—— and longer runs
    of U+2014 pairs): from its first cell's left edge to its last glyph's right edge,
    ``DASH_INSET_EM`` in from both. A lone — is left to its font."""
    rules: list[tuple[float, float]] = []
    index = 0
    while index < len(glyphs):
        end = index
        while end < len(glyphs) and glyphs[end].text == DASH:
            end += 1
        if end - index >= 2:
            first, last = glyphs[index], glyphs[end - 1]
            inset = DASH_INSET_EM * size
            rules.append((first.x + inset, last.x + last.width - inset))
        index = max(end, index + 1)
    return rules


def _dash_pieces(text: str) -> list[str]:
    """``text`` cut where runs of U+2014 begin and end (they are drawn invisible)."""
    pieces: list[str] = []
    for ch in text:
        if pieces and (pieces[-1][0] == DASH) == (ch == DASH):
            pieces[-1] += ch
        else:
            pieces.append(ch)
    return pieces


def _subset_parts(font_name: str, text: str, document: PDFDocument) -> list[str]:
    """Cut ``text`` where ReportLab switches TrueType subsets (256 glyphs each), each switch
    being a new Tf + Tj."""
    font = pdfmetrics.getFont(font_name)
    if not isinstance(font, TTFont):  # TrueType fonts are the subsetted ("dynamic") ones
        return [text]
    parts: list[str] = []
    start = 0
    for _subset, codes in font.splitString(text, document):
        parts.append(text[start : start + len(codes)])
        start += len(codes)
    return parts


def _units_of(lines: Sequence[Line]) -> list[Unit]:
    """The units of ``lines``, with the forced breaks between them put back."""
    units: list[Unit] = []
    for number, line in enumerate(lines):
        units.extend(line.units)
        if line.is_last and number < len(lines) - 1:
            units.append(Unit("\n", "newline"))
    return units
