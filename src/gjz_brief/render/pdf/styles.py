"""Theme styles turned into CJKParagraph flowables, plus text measuring and drawing helpers.

Every piece of Chinese text in the PDF goes through ``Typesetter.paragraph`` (a CJKParagraph),
so line breaking, justification and the GB/T 9704 grid are handled in one place. Short
single-line strings drawn straight on the canvas (page numbers, running header) use
``draw_text`` which switches fonts per character like the paragraphs do.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, Protocol

from reportlab.lib.colors import Color, HexColor
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from gjz_brief.render.pdf import tagging
from gjz_brief.render.pdf.tagging import StructNode
from gjz_brief.template.theme import MM, HeaderStyle, TextStyle, Theme
from gjz_brief.typeset.flowable import FAKE_BOLD_STROKE_EM, CJKParagraph
from gjz_brief.typeset.metrics import FontMetrics
from gjz_brief.typeset.title_breaks import balanced_lines

if TYPE_CHECKING:
    from gjz_brief.fonts.pdf import PdfFonts

Align = Literal["left", "center", "justify", "right"]

# Text at or above 4号 sits on the line grid (one or more whole line pitches per line);
# smaller text (tables, notes, captions) gets a natural 1.5 leading and the grid is
# picked up again after it (see GridSnap).
GRID_MIN_SIZE_PT = 14.0
SMALL_TEXT_LEADING = 1.5
TITLE_SLACK = 0.97  # a title's lines are chosen a little narrower than the measure


class TaggedParagraph(CJKParagraph):
    """A CJKParagraph that is one structure element of the tagged PDF (``struct``, a P by
    default): its lines are marked content of that element, on every page it is drawn on
    (a split paragraph's parts share the node, so it stays one paragraph)."""

    struct: StructNode

    def draw(self) -> None:
        with tagging.content(self.canv, self.struct):
            super().draw()


class FontLookup(Protocol):
    """What the renderer needs from ``gjz_brief.fonts.pdf.PdfFonts``."""

    def name(self, role: str) -> str: ...

    def font_for(self, role: str, char: str) -> str: ...


@dataclass(frozen=True)
class Typesetter:
    """Theme + fonts: makes paragraphs in the theme's styles and measures text."""

    theme: Theme
    fonts: PdfFonts | FontLookup

    # --- geometry ----------------------------------------------------------------------
    @property
    def line_pitch(self) -> float:
        return self.theme.geometry.line_pitch_pt

    @property
    def char_pitch(self) -> float:
        return self.theme.geometry.char_pitch_pt

    @property
    def text_width(self) -> float:
        return self.theme.geometry.text_width_mm * MM

    @property
    def text_height(self) -> float:
        return self.theme.geometry.text_height_mm * MM

    def colour(self, name: str) -> Color:
        return HexColor(getattr(self.theme.colours, name))

    # --- styles ------------------------------------------------------------------------
    def style(self, name: str) -> TextStyle:
        return self.theme.style(name)

    def space(self, style: TextStyle, side: Literal["before", "after"]) -> float:
        """A style's space before or after, in points."""
        lines = style.space_before_lines if side == "before" else style.space_after_lines
        return lines * self.line_pitch

    def on_grid(self, size: float) -> bool:
        return self.theme.snap_to_grid and size >= GRID_MIN_SIZE_PT

    def leading_for(self, size: float) -> float:
        """Whole line pitches for grid text, 1.5 × size for small text."""
        if not self.on_grid(size):
            return round(size * SMALL_TEXT_LEADING, 3)
        pitch = self.line_pitch
        return pitch * max(1, math.ceil(size * 1.15 / pitch))

    def char_pitch_for(self, size: float) -> float | None:
        """The GB/T character grid applies to text at the body size only."""
        body_size = self.style("body").size_pt
        if self.theme.snap_to_grid and abs(size - body_size) < 0.01:
            return self.char_pitch
        return None

    def line(self, style: HeaderStyle, text: str, *, leading: float, colour: Color) -> Flowable:
        """A paragraph of a placed line's style (the running header): its font, size, bold
        and alignment; no indent, spacing or character grid."""
        paragraph = TaggedParagraph(
            text,
            font_for=self.font_for(style.font),
            size=style.size_pt,
            leading=leading,
            first_line_indent=0,
            align=style.align,
            color=colour,
            bold=style.bold,
            char_pitch=None,
        )
        paragraph.struct = StructNode("P")
        return paragraph

    def paragraph(
        self,
        style_name: str,
        text: str,
        *,
        size: float | None = None,
        role: str | None = None,
        align: Align | None = None,
        colour: Color | None = None,
        bold: bool | None = None,
        leading: float | None = None,
        first_line_indent: float | None = None,
        keep_with_next: bool = False,
        char_grid: bool = True,
        space_before: float | None = None,
        space_after: float | None = None,
        struct: StructNode | None = None,
    ) -> Flowable:
        """A paragraph in the theme's style; ``struct`` is its structure element (a P of
        the document if not given)."""
        style = self.style(style_name)
        font_role = role or style.font
        font_size = size or style.size_pt
        pitch = self.line_pitch
        indent_unit = self.char_pitch_for(font_size) or font_size
        paragraph = TaggedParagraph(
            text,
            font_for=self.font_for(font_role),
            size=font_size,
            leading=leading or self.leading_for(font_size),
            first_line_indent=(
                first_line_indent
                if first_line_indent is not None
                else style.first_line_indent_chars * indent_unit
            ),
            align=align or style.align,
            color=colour or self.colour("text"),
            bold=style.bold if bold is None else bold,
            char_pitch=self.char_pitch_for(font_size) if char_grid else None,
            keep_with_next=keep_with_next,
            space_before=(
                space_before if space_before is not None else style.space_before_lines * pitch
            ),
            space_after=space_after if space_after is not None else style.space_after_lines * pitch,
            compress_punctuation=self.theme.punctuation == "compressed",
        )
        paragraph.struct = struct or StructNode("P")
        return paragraph

    def table_font(self) -> tuple:
        """A TableStyle command naming an embedded font: ReportLab sets every cell's font
        (Helvetica by default) even when cells hold flowables, which lists an unembedded
        Helvetica in the PDF."""
        size = self.style("table").size_pt
        return ("FONT", (0, 0), (-1, -1), self.fonts.name("body"), size, size * 1.2)

    # --- measuring and drawing short strings -------------------------------------------
    def font_for(self, role: str):  # noqa: ANN201 - a Callable[[str], str]
        fonts = self.fonts

        def lookup(char: str) -> str:
            return fonts.font_for(role, char)

        return lookup

    def runs(self, role: str, text: str) -> list[tuple[str, str]]:
        """Split text into (font name, text) runs of characters served by the same font."""
        out: list[tuple[str, str]] = []
        for char in text:
            font = self.fonts.font_for(role, char)
            if out and out[-1][0] == font:
                out[-1] = (font, out[-1][1] + char)
            else:
                out.append((font, char))
        return out

    def title_text(self, style_name: str, text: str, width: float, size: float = 0.0) -> str:
        """``text`` with line breaks between words in balanced lines when it does not fit
        ``width`` on one line (typeset/title_breaks.py, GB/T 9704 §7.3.3)."""
        style = self.style(style_name)
        size = size or style.size_pt
        lines = balanced_lines(
            text,
            width * TITLE_SLACK,
            lambda line: self.measure(style.font, line, size),
            size,
        )
        return "\n".join(lines)

    def heading_text(self, style_name: str, text: str) -> str:
        """A heading that does not fit on one line, with line breaks between words in
        balanced lines, as a title's (GB/T 9704-2012 §7.3.3 asks 词意完整 of a title that
        wraps; a heading is read the same way). Measured as the paragraph sets it: on the
        character grid when the heading is at the body size, after its first-line indent.
        A heading that fits, or has no break between words that fits, is left as it is."""
        style = self.style(style_name)
        pitch = self.char_pitch_for(style.size_pt)
        metrics = FontMetrics(self.font_for(style.font), style.size_pt, pitch)
        width = self.text_width - style.first_line_indent_chars * (pitch or style.size_pt)
        if metrics.width_of(text) <= width:
            return text  # jieba is imported only for a heading that wraps
        return "\n".join(balanced_lines(text, width, metrics.width_of, style.size_pt))

    def measure(self, role: str, text: str, size: float) -> float:
        return sum(stringWidth(run, font, size) for font, run in self.runs(role, text))

    def draw_text(
        self,
        canvas: Canvas,
        x: float,
        y: float,
        text: str,
        *,
        role: str,
        size: float,
        anchor: Literal["left", "center", "right"] = "left",
        colour: Color | None = None,
        bold: bool = False,
    ) -> None:
        """Draw one line at baseline y; x is the left edge, centre or right edge."""
        width = self.measure(role, text, size)
        if anchor == "center":
            x -= width / 2
        elif anchor == "right":
            x -= width
        canvas.saveState()
        text_object = canvas.beginText(x, y)
        text_object.setFillColor(colour or self.colour("text"))
        if bold:  # the paragraphs' fake bold (typeset.flowable)
            canvas.setStrokeColor(colour or self.colour("text"))
            canvas.setLineWidth(size * FAKE_BOLD_STROKE_EM)
            canvas.setLineJoin(1)
            text_object.setTextRenderMode(2)
        for font, run in self.runs(role, text):
            text_object.setFont(font, size)
            text_object.textOut(run)
        canvas.drawText(text_object)
        canvas.restoreState()
