"""Figures: the chart's vector drawing, centred, caption below, kept together on one page."""

from __future__ import annotations

from collections.abc import Mapping

from reportlab.platypus import Flowable

from gjz_brief.charts.vector import svg_to_drawing
from gjz_brief.document import tree
from gjz_brief.errors import Location, RenderError
from gjz_brief.render.pdf.styles import Typesetter
from gjz_brief.render.pdf.tables import caption_paragraph
from gjz_brief.template.theme import MM

CAPTION_GAP = 4.0
MIN_FIGURE_SCALE = 0.85  # a figure may shrink this far to stay on the page it starts on
# Room kept free on a page besides drawing + caption, so the group always fits a frame.
PAGE_MARGIN_FOR_FIGURE = 12.0


def figure(
    typesetter: Typesetter,
    block: tree.FigureBlock,
    charts: Mapping[str, tree.ChartImage],
    frame_height: float,
) -> list[Flowable]:
    chart = charts.get(block.chart_id)
    if chart is None:
        raise RenderError(
            f"chart '{block.chart_id}' of figure {block.number} was not rendered",
            Location(field=f"figures[{block.number}].chart_id"),
            hint="render the charts before the PDF and pass every chart the document uses",
        )
    caption = caption_paragraph(typesetter, f"图{block.number}", block.caption)
    _, caption_height = caption.wrap(typesetter.text_width, frame_height)
    max_height = frame_height - caption_height - CAPTION_GAP - PAGE_MARGIN_FOR_FIGURE
    width = min(max(block.width_mm, 1.0) * MM, typesetter.text_width)
    if chart.width_mm > 0 and chart.height_mm > 0:
        width = min(width, max_height * chart.width_mm / chart.height_mm)
    try:
        drawing = svg_to_drawing(chart.svg, width)
        # The SVG's own aspect ratio rules; shrink again if it is taller than expected.
        if drawing.height > max_height or drawing.width > typesetter.text_width:
            factor = min(max_height / drawing.height, typesetter.text_width / drawing.width)
            drawing = svg_to_drawing(chart.svg, drawing.width * factor * 0.999)
    except RenderError:
        raise
    except Exception as error:  # svglib raises assorted exceptions on bad SVG
        raise RenderError(
            f"chart '{block.chart_id}' could not be converted to PDF vector graphics: {error}",
            Location(field=f"figures[{block.number}].chart_id"),
        ) from error
    drawing.hAlign = "CENTER"
    # renderPDF selects the drawing's initial font even when it draws no text (chart text
    # is paths); the default Helvetica would be listed in the PDF without being embedded.
    drawing.initialFontName = typesetter.fonts.name("body")
    drawing.initialFontSize = typesetter.style("body").size_pt
    return [FittedFigure(drawing, caption)]


class FittedFigure(Flowable):
    """Drawing and caption kept together; the drawing may shrink a little to fit the room left.

    A figure slightly taller than what is left of a page would otherwise move to the next
    page and leave a gap of up to its own height; down to ``MIN_FIGURE_SCALE`` it is set
    smaller instead. Below that it moves on and is drawn at full size.
    """

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
