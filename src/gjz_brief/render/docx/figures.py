"""Figures: each chart as live Word content, centred, with alt text and a SEQ-numbered caption.

- bar and progress charts: native Word charts with an embedded workbook (native_chart.py);
- key-figure panels, timelines and industry structures: tables of text (chart_tables.py);
- any other chart (no ``FigureBlock.content``): its PNG, as before.

Each takes the height of the chart as the PDF draws it (``ChartSource.size_mm``: no waiting
for a drawing), so the DOCX keeps the PDF's page grid: the contents' page numbers come from
the PDF layout.
"""

from __future__ import annotations

import io

from docx.image.image import Image
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml.ns import qn
from docx.shared import Emu

from gjz_brief.charts.style import PNG_DPI
from gjz_brief.document.tree import (
    FigureBlock,
    KeyFiguresChart,
    NumericChart,
    StructureChart,
    TimelineChart,
)
from gjz_brief.errors import RenderError
from gjz_brief.render.docx import chart_tables, native_chart
from gjz_brief.render.docx.ooxml import EMU_PER_MM, child, element, field_runs, text_run
from gjz_brief.render.docx.writer import BodyWriter

MIN_PRINT_DPI = 200


def write_figure(writer: BodyWriter, figure: FigureBlock) -> None:
    size = writer.charts.size_mm(figure.chart_id)
    if size is None:
        raise RenderError(
            f"figure {figure.number} refers to chart {figure.chart_id!r}, which was not rendered",
            hint="every FigureBlock.chart_id needs an entry in the charts mapping",
        )
    text_width_mm = writer.geometry.text_width / 1440 * 25.4
    width_mm = min(figure.width_mm, text_width_mm)
    height_mm = width_mm * size[1] / size[0] if size[0] else 0.0
    content = figure.content
    if isinstance(content, NumericChart):
        _write_native_chart(writer, figure, content, width_mm, height_mm)
    elif isinstance(content, KeyFiguresChart | TimelineChart | StructureChart):
        chart_tables.write_chart_table(writer, figure, content, height_mm)
    else:
        _write_picture(writer, figure, width_mm)
    caption = writer.paragraph("caption")
    caption.append(text_run("图"))
    caption.extend(field_runs("SEQ 图 \\* ARABIC", str(figure.number)))
    caption.append(text_run(f"　{figure.caption}"))


def _write_native_chart(
    writer: BodyWriter, figure: FigureBlock, chart: NumericChart, width_mm: float, height_mm: float
) -> None:
    document_part = writer.docx_document.part
    package = document_part.package
    number = writer.next_chart_number()
    workbook = Part(
        PackURI(f"/word/embeddings/Microsoft_Excel_Worksheet{number}.xlsx"),
        CT.SML_SHEET,
        native_chart.workbook_bytes(chart),
        package,
    )
    chart_part = Part(
        PackURI(f"/word/charts/chart{number}.xml"), native_chart.CHART_CONTENT_TYPE, b"", package
    )
    workbook_rel = chart_part.relate_to(workbook, native_chart.RT_PACKAGE)
    chart_part._blob = native_chart.chart_xml(chart, writer.office_fonts, workbook_rel)
    rel_id = document_part.relate_to(chart_part, native_chart.RT_CHART)
    inline = native_chart.chart_inline(
        rel_id,
        round(width_mm * EMU_PER_MM),
        round(height_mm * EMU_PER_MM),
        document_part.next_id,
        figure.caption,
        figure.alt_text,
    )
    paragraph = writer.paragraph("GJZ Figure")
    paragraph.append(element("w:r", {}, element("w:drawing", {}, inline)))


def _write_picture(writer: BodyWriter, figure: FigureBlock, width_mm: float) -> None:
    # Only a chart without a live form waits for its drawing (ChartSource.png).
    png = writer.charts.png(figure.chart_id)
    if not png:
        raise RenderError(
            f"figure {figure.number} refers to chart {figure.chart_id!r}, which was not rendered",
            hint="every FigureBlock.chart_id needs an entry in the charts mapping",
        )
    image = Image.from_blob(png)
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
