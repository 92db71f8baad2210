"""Figures: the chart's vector drawing, centred, caption below, kept together on one page."""

from __future__ import annotations

from collections.abc import Mapping

from reportlab.platypus import Flowable, KeepTogether, Spacer

from gjz_brief.charts.vector import svg_to_drawing
from gjz_brief.document import tree
from gjz_brief.errors import Location, RenderError
from gjz_brief.render.pdf.styles import Typesetter
from gjz_brief.render.pdf.tables import caption_paragraph
from gjz_brief.template.theme import MM

CAPTION_GAP = 4.0
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
    return [KeepTogether([drawing, Spacer(1, CAPTION_GAP), caption])]
