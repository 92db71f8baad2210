"""A proofreader's layout rules, checked on the PDF renderer's placement record (issue #19).

``render_layout`` lays a document tree out with the real renderer (the test fonts of
pdf_sample, stand-in charts of given sizes: no matplotlib) and returns what
``PageFit.placements`` recorded: every piece drawn in the text frame, its page, its place
and its role. ``violations`` names every broken rule:

- widow: a page opens with the last line of a paragraph alone;
- orphan: a page ends with the first line of a paragraph alone;
- stranded heading: a heading is the last thing on a page (and the document goes on);
- stretched gap: a gap on a justified line opens wider than half an em (outside tables);
- blank before a figure: a figure that starts a page leaves more than a quarter of the page
  before it blank while text of its own section follows it (text placed after it, before
  any heading, table or other block: the section did not end there);
- off the grid: a line of 16 pt body text does not sit on one of the 22 grid lines;
- short page: a page whose text flows on to the next ends more than one line short (two
  when the next page starts a new paragraph: a three-line paragraph meeting two free lines).
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass

import pdf_sample as support

from gjz_brief.document import tree
from gjz_brief.render.pdf import render_pdf_with_pages
from gjz_brief.render.pdf.pagefit import Placed
from gjz_brief.template.theme import MM, Theme
from gjz_brief.typeset.flowable import CJKParagraph
from gjz_brief.typeset.placement import place_line

EPSILON = 0.01


@dataclass(frozen=True)
class StandInCharts:
    """A ChartSource of grey boxes of the given sizes (mm), whatever the chart id."""

    sizes: dict[str, tuple[float, float]]
    default: tuple[float, float] = (150.0, 90.0)

    def size_mm(self, chart_id: str) -> tuple[float, float]:
        return self.sizes.get(chart_id, self.default)

    def pdf_stream(self, chart_id: str) -> bytes:
        width, height = (value * MM for value in self.size_mm(chart_id))
        return zlib.compress(f"0.8 g 0 0 {width:.2f} {height:.2f} re f".encode("ascii"))

    def pdf_text(self, chart_id: str) -> bytes | None:
        return None  # a grey box has no text

    def png(self, chart_id: str) -> bytes | None:
        return None  # PDF only


@dataclass
class Layout:
    placements: list[Placed]
    frame_height: float
    line_pitch: float
    body_size: float
    pdf: bytes

    def on_page(self, page: int) -> list[Placed]:
        return [placed for placed in self.placements if placed.page == page]

    @property
    def pages(self) -> list[int]:
        return sorted({placed.page for placed in self.placements})

    def text_of(self, placed: Placed) -> str:
        read = getattr(placed.flowable, "getPlainText", None)
        return read() if read is not None else ""


def render_layout(
    document: tree.Document, charts: StandInCharts | None = None, theme: Theme | None = None
) -> Layout:
    theme = theme or Theme()
    fonts = support.make_fonts(document)
    rendered = render_pdf_with_pages(document, charts or StandInCharts({}), fonts, theme)
    fit = rendered.page_fit
    return Layout(
        fit.placements,
        fit.frame_height,
        theme.geometry.line_pitch_pt,
        theme.style("body").size_pt,
        rendered.data,
    )


def paragraph_of(placed: Placed) -> CJKParagraph | None:
    """The CJKParagraph a placed piece draws (a heading is one inside its Anchored)."""
    flowable = placed.flowable
    flowable = getattr(flowable, "inner", flowable)
    return flowable if isinstance(flowable, CJKParagraph) else None


def widest_gap_em(paragraph: CJKParagraph) -> float:
    """The widest gap (beyond the natural advance) between two glyphs of the paragraph's
    lines as drawn, in em."""
    widest = 0.0
    metrics = paragraph.metrics
    for line in paragraph.lines(paragraph.width):
        glyphs = place_line(line, metrics, paragraph.align, compress=paragraph.compress_punctuation)
        for left, right in zip(glyphs, glyphs[1:], strict=False):
            widest = max(widest, right.x - left.x - metrics.advance(left.text))
    return widest / paragraph.size


def violations(layout: Layout) -> list[str]:
    found: list[str] = []
    pages = layout.pages
    last_page = pages[-1] if pages else 0
    quarter = layout.frame_height / 4
    pitch = layout.line_pitch
    for page in pages:
        placed = layout.on_page(page)
        first, last = placed[0], placed[-1]
        for piece in placed:
            paragraph = paragraph_of(piece)
            if paragraph is None:
                continue
            if widest_gap_em(paragraph) > 0.5 + 1e-6:
                found.append(f"p{page}: stretched gap in “{layout.text_of(piece)[:20]}”")
            if piece.role == "text" and abs(paragraph.size - layout.body_size) < EPSILON:
                row = piece.top / pitch
                if abs(row - round(row)) > 0.01:
                    found.append(f"p{page}: off the grid “{layout.text_of(piece)[:20]}”")
        # Widows and orphans.
        start, end = paragraph_of(first), paragraph_of(last)
        if first.role == "text" and start is not None and _lone_line(start, "end"):
            found.append(f"p{page}: widow “{layout.text_of(first)}”")
        if last.role == "text" and end is not None and _lone_line(end, "start"):
            found.append(f"p{page}: orphan “{layout.text_of(last)}”")
        if page == last_page:
            continue
        if last.role == "heading":
            found.append(f"p{page}: heading at the foot “{layout.text_of(last)}”")
        # Short pages: text flowing on to the next page.
        following = layout.on_page(page + 1)
        blank = layout.frame_height - max(piece.bottom for piece in placed)
        if following and last.role == "text" and following[0].role == "text":
            continued = not paragraph_of(following[0])._starts_paragraph
            allowed = (1 if continued else 2) * pitch + 0.1
            if blank > allowed:
                found.append(f"p{page}: {blank / pitch:.1f} lines short before text")
        # A figure that starts the next page.
        figure_first = bool(following) and following[0].role == "figure"
        if figure_first and blank > quarter and section_goes_on(layout, following[0]):
            found.append(
                f"p{page}: {blank / layout.frame_height:.0%} blank before a figure "
                "whose section goes on"
            )
    return found


def section_goes_on(layout: Layout, figure: Placed) -> bool:
    """Does text of the figure's section come after it (past other figures and spacing,
    before any heading, table or other block)? The figure's caption is part of it."""
    index = layout.placements.index(figure)
    for placed in layout.placements[index + 1 :]:
        if placed.role in ("figure", "space"):
            continue
        return placed.role == "text"
    return False


def _lone_line(part: CJKParagraph, which: str) -> bool:
    """A one-line part of a split paragraph: its last line alone (``end``, a widow at a
    page's head) or its first line alone (``start``, an orphan at a page's foot)."""
    if len(part.lines(part.width)) != 1:
        return False
    if which == "end":
        return not part._starts_paragraph and part._ends_paragraph
    return part._starts_paragraph and not part._ends_paragraph
