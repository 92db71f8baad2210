"""Numeric charts (bar, progress) as native Word charts: a chart part with an embedded
workbook holding the figures, so 编辑数据 in Word, WPS or LibreOffice opens the numbers.

The chart XML comes from python-pptx's chart XML writer (``ChartXmlWriter``, the same
DrawingML chart schema Word uses) and is styled through python-pptx's chart object model;
only what that model lacks is set on the XML here: the East Asian font slot (``a:ea``), a
number format per data label, and the link to the embedded workbook. The workbook is
written with XlsxWriter (python-pptx's own workbook writer, without its fixed layout), with
fixed document properties so the same chart gives the same bytes.

Layout of the workbook (the chart's references point into it, as python-pptx lays them out):
column A the categories (figure names) from row 2, column B (and C) the plotted series with
their names in row 1. A bar chart plots the figures' values themselves, each cell carrying the
number format that prints it as the text does (50余家). A progress chart plots 完成比例 and
剩余 as formulas over the figures' values (column D) and targets (column E), so editing a
value or target moves the bar.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
from collections.abc import Mapping

from lxml import etree

from gjz_brief.document.tree import NumericChart

CHART_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
RT_CHART = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart"
RT_PACKAGE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/package"
C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
SHEET = "Sheet1"
FIXED_CREATED = dt.datetime(2000, 1, 1)  # workbook property; the DOCX has the real date

# The PDF charts' look (charts/style.py): one muted blue, grey track, dark grey text.
PRIMARY = "4A6A8A"
TRACK = "E6E6E6"
INK = "262626"
MUTED_INK = "595959"
RULE = "BFBFBF"
LABEL_PT = 9.0


def chart_xml(chart: NumericChart, fonts: Mapping[str, str], workbook_rel_id: str) -> bytes:
    """The chart part's XML (``c:chartSpace``), linked to the workbook by ``workbook_rel_id``.

    ``fonts``: office font names by role; labels use the 黑体 role ("heading") as the PDF
    charts do.
    """
    from pptx.chart.chart import Chart
    from pptx.chart.data import CategoryChartData
    from pptx.chart.xmlwriter import ChartXmlWriter
    from pptx.dml.color import RGBColor
    from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION
    from pptx.oxml import parse_xml
    from pptx.util import Pt

    data = CategoryChartData()
    data.categories = [point.name for point in chart.points]
    if chart.kind == "bar":
        data.add_series(chart.value_title, [point.value for point in chart.points])
        chart_type = XL_CHART_TYPE.BAR_CLUSTERED
    else:
        percents = [point.percent or 0.0 for point in chart.points]
        data.add_series(chart.value_title, percents)
        data.add_series("剩余（%）", [round(100.0 - p, 2) for p in percents])
        chart_type = XL_CHART_TYPE.BAR_STACKED
    space = parse_xml(ChartXmlWriter(chart_type, data).xml.encode("utf-8"))
    native = Chart(space, None)

    native.has_legend = False
    # One title per figure: its numbered caption under the chart (issue #19), as the PDF's
    # charts draw none. No c:title, and c:autoTitleDeleted so Word and LibreOffice do not
    # put the series name up as an automatic title.
    native.has_title = False
    native.font.size = Pt(LABEL_PT)
    native.font.color.rgb = RGBColor.from_string(INK)

    plot = native.plots[0]
    plot.gap_width = 60 if chart.kind == "bar" else 110
    if chart.kind == "progress":
        plot.overlap = 100
    categories = native.category_axis
    categories.reverse_order = True  # the first figure on top, as in the PDF
    categories.has_major_gridlines = False
    categories.format.line.color.rgb = RGBColor.from_string(RULE)
    categories.tick_labels.font.size = Pt(LABEL_PT)
    values = native.value_axis
    values.visible = False
    values.has_major_gridlines = False
    values.minimum_scale = 0
    if chart.kind == "progress":
        values.maximum_scale = 100

    series = plot.series
    series[0].format.fill.solid()
    series[0].format.fill.fore_color.rgb = RGBColor.from_string(PRIMARY)
    if chart.kind == "progress":
        series[1].format.fill.solid()
        series[1].format.fill.fore_color.rgb = RGBColor.from_string(TRACK)

    # A bar is labelled at its end; a progress bar's status (value and target) stands at
    # the right end of its track, as in the PDF.
    labelled = series[0] if chart.kind == "bar" else series[1]
    labels = labelled.data_labels
    labels.show_value = True
    labels.font.size = Pt(LABEL_PT)
    labels.font.color.rgb = RGBColor.from_string(INK if chart.kind == "bar" else MUTED_INK)
    labels.position = (
        XL_LABEL_POSITION.OUTSIDE_END if chart.kind == "bar" else XL_LABEL_POSITION.INSIDE_END
    )
    for index, point in enumerate(chart.points):
        label = labelled.points[index].data_label
        if chart.kind == "bar" and point.number_format:
            _label_number_format(label._get_or_add_dLbl(), point.number_format)
        else:
            # No number format can print it (a target, or a value written in words):
            # the label is the printed text.
            label.text_frame.text = point.label
            label.font.size = Pt(LABEL_PT)
        label.position = labels.position

    _no_chart_border(space)
    _positive_axis_ids(space)
    _unwrapped_labels(space)
    _east_asian_fonts(space, fonts.get("heading") or fonts.get("body") or "")
    _link_workbook(space, workbook_rel_id)
    return etree.tostring(space, xml_declaration=True, encoding="UTF-8", standalone=True)


def _unwrapped_labels(space: etree._Element) -> None:
    """Data labels on one line (``a:bodyPr wrap="none"``): a status such as
    177家（目标：力争突破200家） would otherwise wrap into a narrow box over the bar."""
    for labels in space.iter(f"{{{C}}}dLbls", f"{{{C}}}dLbl"):
        for body in labels.iter(f"{{{A}}}bodyPr"):
            body.set("wrap", "none")


def _no_chart_border(space: etree._Element) -> None:
    """No frame or fill around the chart (c:spPr right after c:chart), as the PDF's."""
    properties = etree.Element(f"{{{C}}}spPr")
    etree.SubElement(properties, f"{{{A}}}noFill")
    line = etree.SubElement(properties, f"{{{A}}}ln")
    etree.SubElement(line, f"{{{A}}}noFill")
    chart = space.find(f"{{{C}}}chart")
    if chart is not None:  # python-pptx's chartSpace always has one
        chart.addnext(properties)


def _positive_axis_ids(space: etree._Element) -> None:
    """python-pptx numbers axes with negative ids; the schema wants an unsignedInt."""
    renumbered: dict[str, str] = {}
    for tag in ("axId", "crossAx"):
        for node in space.iter(f"{{{C}}}{tag}"):
            value = node.get("val", "")
            node.set("val", renumbered.setdefault(value, str(50000001 + len(renumbered))))


def _label_number_format(dlbl: etree._Element, code: str) -> None:
    """A per-point label number format (``c:dLbl/c:numFmt``), placed in schema order."""
    number_format = etree.Element(f"{{{C}}}numFmt", formatCode=code, sourceLinked="0")
    successors = {f"{{{C}}}{name}" for name in ("spPr", "txPr", "dLblPos", "showLegendKey")}
    for child in dlbl:
        if child.tag in successors:
            child.addprevious(number_format)
            return
    dlbl.append(number_format)


def _east_asian_fonts(space: etree._Element, name: str) -> None:
    """Every run property names the Chinese font in the East Asian slot (and Latin too, so
    digits in labels match the PDF's single face)."""
    if not name:
        return
    for tag in ("defRPr", "rPr", "endParaRPr"):
        for properties in space.iter(f"{{{A}}}{tag}"):
            parent = properties.getparent()
            if tag != "endParaRPr" or (parent is not None and parent.tag == f"{{{A}}}pPr"):
                _set_fonts(properties, name)
    # Text properties python-pptx left without a run-property default get one.
    for body in space.iter(f"{{{C}}}txPr"):
        for paragraph_properties in body.iter(f"{{{A}}}pPr"):
            if paragraph_properties.find(f"{{{A}}}defRPr") is None:
                default = etree.SubElement(paragraph_properties, f"{{{A}}}defRPr")
                _set_fonts(default, name)


def _set_fonts(properties: etree._Element, name: str) -> None:
    # a:rPr children in schema order: ln, fill, effect, highlight, uLnTx…, latin, ea, cs, sym…
    for tag in ("latin", "ea", "cs"):
        for old in properties.findall(f"{{{A}}}{tag}"):
            properties.remove(old)
    successors = {f"{{{A}}}{tag}" for tag in ("sym", "hlinkClick", "hlinkMouseOver", "rtl")}
    anchor = next((child for child in properties if child.tag in successors), None)
    for tag in ("latin", "ea", "cs"):
        node = etree.Element(f"{{{A}}}{tag}", typeface=name)
        if anchor is None:
            properties.append(node)
        else:
            anchor.addprevious(node)


def _link_workbook(space: etree._Element, rel_id: str) -> None:
    """``c:externalData`` after c:txPr (schema order), auto-update off as Word writes it."""
    external = etree.Element(f"{{{C}}}externalData", nsmap={"r": R})
    external.set(f"{{{R}}}id", rel_id)
    etree.SubElement(external, f"{{{C}}}autoUpdate", val="0")
    successors = {f"{{{C}}}{name}" for name in ("printSettings", "userShapes", "extLst")}
    for child in space:
        if child.tag in successors:
            child.addprevious(external)
            return
    space.append(external)


def workbook_bytes(chart: NumericChart) -> bytes:
    """The embedded workbook: the chart's figures, laid out where the chart refers to them."""
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    book.set_properties({"created": FIXED_CREATED, "author": "gjz-brief"})
    sheet = book.add_worksheet(SHEET)
    header = book.add_format({"bold": True})
    sheet.set_column(0, 0, 36)
    sheet.set_column(1, 5, 14)
    sheet.write_string(0, 0, "名称", header)
    if chart.kind == "bar":
        sheet.write_string(0, 1, chart.value_title, header)
        sheet.write_string(0, 2, "印刷形式", header)
        formats: dict[str, object] = {}
        for row, point in enumerate(chart.points, start=1):
            sheet.write_string(row, 0, point.name)
            code = point.number_format
            cell_format = formats.setdefault(code, book.add_format({"num_format": code}))
            sheet.write_number(row, 1, point.value, cell_format if code else None)
            sheet.write_string(row, 2, point.label)
    else:
        for column, title in enumerate(("完成比例（%）", "剩余（%）", "数值", "目标")):
            sheet.write_string(0, column + 1, title, header)
        sheet.write_string(0, 5, "印刷形式", header)
        for row, point in enumerate(chart.points, start=1):
            excel_row = row + 1
            sheet.write_string(row, 0, point.name)
            percent = point.percent or 0.0
            if point.target:
                formula = f"=MIN(100,ROUND(D{excel_row}/E{excel_row}*100,2))"
            else:
                formula = f"=MIN(100,D{excel_row})"  # a percentage share is its own progress
            sheet.write_formula(row, 1, formula, None, percent)
            sheet.write_formula(row, 2, f"=100-B{excel_row}", None, round(100.0 - percent, 2))
            sheet.write_number(row, 3, point.value)
            if point.target is not None:
                sheet.write_number(row, 4, point.target)
            sheet.write_string(row, 5, point.label)
    book.close()
    return buffer.getvalue()


def chart_inline(
    rel_id: str, width_emu: int, height_emu: int, shape_id: int, title: str, alt_text: str
) -> etree._Element:
    """The ``wp:inline`` drawing that shows the chart part in the text flow."""
    from docx.oxml import parse_xml

    xml = (
        '<wp:inline distT="0" distB="0" distL="0" distR="0" '
        'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
        f'xmlns:a="{A}" xmlns:c="{C}" xmlns:r="{R}">'
        f'<wp:extent cx="{width_emu}" cy="{height_emu}"/>'
        '<wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:docPr id="{shape_id}" name="图表 {shape_id}"/>'
        "<wp:cNvGraphicFramePr/>"
        f'<a:graphic><a:graphicData uri="{C}">'
        f'<c:chart r:id="{rel_id}"/>'
        "</a:graphicData></a:graphic></wp:inline>"
    )
    inline = parse_xml(xml)
    properties = inline.find(
        "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
    )
    assert properties is not None  # in the XML above
    properties.set("descr", alt_text)
    properties.set("title", title)
    return copy.deepcopy(inline)
