"""Figures: the chart PNG placed inline, centred, with alt text and a SEQ-numbered caption."""

from __future__ import annotations

import io

from docx.image.image import Image
from docx.oxml.ns import qn
from docx.shared import Emu

from gjz_brief.charts.style import PNG_DPI
from gjz_brief.document.tree import FigureBlock
from gjz_brief.errors import RenderError
from gjz_brief.render.docx.ooxml import EMU_PER_MM, child, element, field_runs, text_run
from gjz_brief.render.docx.writer import BodyWriter

MIN_PRINT_DPI = 200


def write_figure(writer: BodyWriter, figure: FigureBlock) -> None:
    png = writer.charts.png(figure.chart_id)
    if not png:
        raise RenderError(
            f"figure {figure.number} refers to chart {figure.chart_id!r}, which was not rendered",
            hint="every FigureBlock.chart_id needs an entry in the charts mapping",
        )
    image = Image.from_blob(png)
    text_width_mm = writer.geometry.text_width / 1440 * 25.4
    width_mm = min(figure.width_mm, text_width_mm)
    placed_dpi = image.px_width / (width_mm / 25.4)
    if placed_dpi < MIN_PRINT_DPI:
        raise RenderError(
            f"chart {figure.chart_id!r} is {image.px_width} px wide: {placed_dpi:.0f} dpi at "
            f"{width_mm:.0f} mm, below the {MIN_PRINT_DPI} dpi needed for print",
            hint=f"render the PNG at {PNG_DPI} dpi for {width_mm:.0f} mm or more",
        )
    width = Emu(round(width_mm * EMU_PER_MM))
    height = Emu(round(width * image.px_height / image.px_width))
    part = writer.docx_document.part
    inline = part.new_pic_inline(io.BytesIO(png), width, height)
    description = child(inline, "wp:docPr")
    description.set("descr", figure.alt_text)
    description.set("title", figure.caption)
    # The picture's own non-visual properties carry the alt text too (read by some tools).
    for picture_properties in inline.iter(qn("pic:cNvPr")):
        picture_properties.set("descr", figure.alt_text)
    paragraph = writer.paragraph("GJZ Figure")
    paragraph.append(element("w:r", {}, element("w:drawing", {}, inline)))
    caption = writer.paragraph("caption")
    caption.append(text_run("图"))
    caption.extend(field_runs("SEQ 图 \\* ARABIC", str(figure.number)))
    caption.append(text_run(f"　{figure.caption}"))
