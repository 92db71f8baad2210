"""Figures: the chart's vector drawing (a form XObject), centred, caption below, kept together on one page."""

from __future__ import annotations

import hashlib
import math

from reportlab.lib.colors import HexColor
from reportlab.pdfbase import pdfdoc
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from gjz_brief.charts.pdf_operators import ChartText, decode_texts
from gjz_brief.document import tree
from gjz_brief.errors import Location, RenderError
from gjz_brief.render.pdf.state import BuildState
from gjz_brief.render.pdf.styles import FontLookup, Typesetter
from gjz_brief.render.pdf.tables import caption_paragraph
from gjz_brief.render.pdf.tagging import StructNode, content
from gjz_brief.template.theme import MM
from gjz_brief.typeset.reportlab_private import pdf_document

CAPTION_GAP = 4.0
MIN_FIGURE_SCALE = 0.85  # a figure may shrink this far to stay on the page it starts on
# Room kept free on a page besides drawing + caption, so the group always fits a frame.
PAGE_MARGIN_FOR_FIGURE = 12.0


def figure(
    typesetter: Typesetter,
    block: tree.FigureBlock,
    charts: tree.ChartSource,
    frame_height: float,
    state: BuildState,
) -> list[Flowable]:
    size = charts.size_mm(block.chart_id)
    if size is None or size[0] <= 0 or size[1] <= 0:
        raise RenderError(
            f"chart '{block.chart_id}' of figure {block.number} was not rendered",
            Location(field=f"figures[{block.number}].chart_id"),
            hint="render the charts before the PDF and pass every chart the document uses",
        )
    width_mm, height_mm = size
    caption = caption_paragraph(typesetter, f"图{block.number}", block.caption)
    _, caption_height = caption.wrap(typesetter.text_width, frame_height)
    max_height = frame_height - caption_height - CAPTION_GAP - PAGE_MARGIN_FOR_FIGURE
    width = min(max(block.width_mm, 1.0) * MM, typesetter.text_width)
    width = min(width, max_height * width_mm / height_mm)
    drawing = ChartDrawing(block, charts, state, width, (width_mm, height_mm), typesetter)
    drawing.hAlign = "CENTER"
    return [FittedFigure(drawing, caption)]


class ChartDrawing(Flowable):
    """The chart as a form XObject: stored once per PDF, drawn scaled wherever it is placed.

    The form is defined when the PDF is written (``BuildState.late_forms``), so the pages
    are laid out from the chart's size while the chart itself may still be being drawn.
    The chart's graphics are its compressed stream, embedded as it is (a form of their own);
    its text runs are set over them as real text in the document's fonts, each character in
    the face the role's fallback chain gives it, as for the rest of the document.
    """

    def __init__(
        self,
        block: tree.FigureBlock,
        charts: tree.ChartSource,
        state: BuildState,
        width: float,
        size_mm: tuple[float, float],
        typesetter: Typesetter | None = None,
    ) -> None:
        super().__init__()
        self.typesetter = typesetter
        # The chart, its text included, is one Figure read out as its alternative text; the
        # caption follows it as a Caption of its own (an /Alt hides what is inside its element).
        self.struct = StructNode("Figure", alt=block.alt_text or block.caption or block.chart_id)
        self.block = block
        self.charts = charts
        self.state = state
        self.natural_width = size_mm[0] * MM
        self.natural_height = size_mm[1] * MM
        self.width = width
        self.height = width * size_mm[1] / size_mm[0]
        digest = hashlib.sha256(block.chart_id.encode("utf-8")).hexdigest()[:20]
        self.form_name = f"Chart{digest}"

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return self.width, self.height

    def draw(self) -> None:
        self.state.late_forms.setdefault(self.form_name, self.define_form)
        canvas = self.canv
        canvas.saveState()
        scale = self.width / self.natural_width
        canvas.scale(scale, scale)
        with content(canvas, self.struct):
            canvas.doForm(self.form_name)
        canvas.restoreState()

    def define_form(self, canvas: Canvas, name: str) -> None:
        stream = self.charts.pdf_stream(self.block.chart_id)
        if not stream:
            raise RenderError(
                f"chart '{self.block.chart_id}' of figure {self.block.number} has no PDF drawing",
                Location(field=f"figures[{self.block.number}].chart_id"),
                hint="render the chart with gjz_brief.charts.render_chart",
            )
        # Filter set, so ReportLab does not compress the stream again.
        form = pdfdoc.PDFFormXObject(0, 0, self.natural_width, self.natural_height)
        form.Contents = pdfdoc.PDFStream(
            pdfdoc.PDFDictionary({"Filter": pdfdoc.PDFName("FlateDecode")}), stream
        )
        texts = decode_texts(self.charts.pdf_text(self.block.chart_id) or b"")
        if not texts or self.typesetter is None:
            pdf_document(canvas).addForm(name, form)
            return
        pdf_document(canvas).addForm(f"{name}Graphics", form)
        canvas.beginForm(name, 0, 0, self.natural_width, self.natural_height)
        canvas.doForm(f"{name}Graphics")
        for run in texts:
            self.draw_text(canvas, run)
        canvas.endForm()

    def draw_text(self, canvas: Canvas, run: ChartText) -> None:
        assert self.typesetter is not None
        draw_chart_text(canvas, run, self.typesetter.fonts)


def draw_chart_text(canvas: Canvas, run: ChartText, fonts: FontLookup) -> None:
    """One chart text line at matplotlib's baseline origin (chart points), set in the PDF's
    registered fonts: each character in the font ``fonts.font_for`` gives it for the run's
    role (the role's face, else a fallback that has it), as for all other text."""
    role = run.role if run.role in getattr(fonts, "role_fonts", {run.role: None}) else "body"
    text = canvas.beginText()
    if run.angle:
        radians = math.radians(run.angle)
        cos, sin = math.cos(radians), math.sin(radians)
        text.setTextTransform(cos, sin, -sin, cos, run.x, run.y)
    else:
        text.setTextOrigin(run.x, run.y)
    text.setFillColor(HexColor(run.colour))
    pieces: list[tuple[str, str]] = []
    for character in run.text:
        font = fonts.font_for(role, character)
        if pieces and pieces[-1][0] == font:
            pieces[-1] = (font, pieces[-1][1] + character)
        else:
            pieces.append((font, character))
    for font, piece in pieces:
        text.setFont(font, run.size)
        text.textOut(piece)
    canvas.drawText(text)


class FittedFigure(Flowable):
    """Drawing and caption kept together; the drawing may shrink a little to fit the room left.

    A figure slightly taller than what is left of a page would otherwise move to the next
    page and leave a gap of up to its own height; down to ``MIN_FIGURE_SCALE`` it is set
    smaller instead. Below that it moves on and is drawn at full size, and the text of its
    section after it fills the page first (``floats``; pages.BriefDocTemplate).
    """

    layout_role = "figure"
    floats = True  # may wait for the next page while the text after it moves up

    def __init__(self, drawing: Flowable, caption: Flowable) -> None:
        super().__init__()
        self.drawing = drawing
        self.caption = caption
        self.scale = 1.0
        self.caption_height = 0.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        _, self.caption_height = self.caption.wrap(availWidth, availHeight)
        fixed = self.caption_height + CAPTION_GAP
        room = (availHeight - fixed) / self.drawing.height if self.drawing.height else 1.0
        self.scale = 1.0 if room >= 1.0 or room < MIN_FIGURE_SCALE else room
        self.width = availWidth
        self.height = self.drawing.height * self.scale + fixed
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        return []  # never split: it moves whole to the next page

    def draw(self) -> None:
        canvas = self.canv
        width = self.drawing.width * self.scale
        canvas.saveState()
        canvas.translate((self.width - width) / 2, self.caption_height + CAPTION_GAP)
        canvas.scale(self.scale, self.scale)
        self.drawing.drawOn(canvas, 0, 0)
        canvas.restoreState()
        self.caption.drawOn(canvas, 0, 0)
