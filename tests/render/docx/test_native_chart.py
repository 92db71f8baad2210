"""Native Word charts: the chart part's XML and its embedded workbook (issue #13)."""

from __future__ import annotations

import io

import openpyxl
import pytest
from lxml import etree

from gjz_brief.document.tree import ChartPoint, NumericChart
from gjz_brief.render.docx.native_chart import A, C, R, chart_inline, chart_xml, workbook_bytes

FONTS = {"heading": "黑体", "body": "仿宋_GB2312"}
BAR = NumericChart(
    "bar",
    "企业基础",
    "数值（家）",
    (
        ChartPoint("规模以上工业企业", 288, "288家", '0"家"'),
        ChartPoint("世界500强企业", 50, "50余家", '0"余家"'),
        ChartPoint("两万多人", 20000, "两万多人", ""),
    ),
)
PROGRESS = NumericChart(
    "progress",
    "目标进度",
    "完成比例（%）",
    (
        ChartPoint("高新技术企业总数", 177, "177家（目标：力争突破200家）", "", 200, 88.5),
        ChartPoint("复工率", 98.3, "98.3%", "", None, 98.3),
    ),
)


def _xml(chart: NumericChart) -> etree._Element:
    return etree.fromstring(chart_xml(chart, FONTS, "rId7"))


def test_bar_labels_carry_each_points_number_format_or_its_text():
    space = _xml(BAR)
    labels = space.findall(f".//{{{C}}}dLbl")
    assert [label.find(f"{{{C}}}idx").get("val") for label in labels] == ["0", "1", "2"]
    formats = [label.find(f"{{{C}}}numFmt") for label in labels]
    assert [f.get("formatCode") for f in formats[:2]] == ['0"家"', '0"余家"']
    # Written in words: no format prints it, so the label is the printed text.
    assert formats[2] is None
    assert "两万多人" in "".join(labels[2].itertext())
    cached = {float(v.text) for v in space.iter(f"{{{C}}}numCache") for v in v.iter(f"{{{C}}}v")}
    assert cached == {288, 50, 20000}


def test_progress_is_a_stacked_bar_labelled_with_the_status_text():
    space = _xml(PROGRESS)
    assert space.find(f".//{{{C}}}grouping").get("val") == "stacked"
    assert space.find(f".//{{{C}}}max").get("val") == "100.0"
    texts = ["".join(label.itertext()) for label in space.iter(f"{{{C}}}dLbl")]
    assert any("177家（目标：力争突破200家）" in text for text in texts)


@pytest.mark.parametrize("chart", [BAR, PROGRESS], ids=["bar", "progress"])
def test_a_native_chart_has_no_title_of_its_own(chart):
    """One title per figure: the caption under it (issue #19). No c:title, and the automatic
    title (the series name) deleted, so no office suite puts one up."""
    space = _xml(chart)
    assert space.find(f".//{{{C}}}title") is None
    (deleted,) = space.iter(f"{{{C}}}autoTitleDeleted")
    assert deleted.get("val") == "1"
    assert chart.title not in "".join(space.itertext())


def test_chart_part_is_styled_for_chinese_and_linked_to_its_workbook():
    space = _xml(BAR)
    assert {node.get("typeface") for node in space.iter(f"{{{A}}}ea")} == {"黑体"}
    assert all(int(node.get("val")) > 0 for node in space.iter(f"{{{C}}}axId"))
    external = space.find(f"{{{C}}}externalData")
    assert external.get(f"{{{R}}}id") == "rId7"
    assert external.getprevious().tag in (f"{{{C}}}txPr", f"{{{C}}}spPr")
    label_bodies = [
        body for labels in space.iter(f"{{{C}}}dLbl") for body in labels.iter(f"{{{A}}}bodyPr")
    ]
    assert label_bodies and all(body.get("wrap") == "none" for body in label_bodies)


def test_bar_workbook_holds_the_values_with_their_formats():
    book = openpyxl.load_workbook(io.BytesIO(workbook_bytes(BAR)))
    sheet = book["Sheet1"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [row[:3] for row in rows] == [
        ("规模以上工业企业", 288, "288家"),
        ("世界500强企业", 50, "50余家"),
        ("两万多人", 20000, "两万多人"),
    ]
    assert sheet["B3"].number_format == '0"余家"'


def test_progress_workbook_plots_formulas_over_value_and_target():
    book = openpyxl.load_workbook(io.BytesIO(workbook_bytes(PROGRESS)))
    sheet = book["Sheet1"]
    assert sheet["B2"].value == "=MIN(100,ROUND(D2/E2*100,2))"
    assert sheet["C2"].value == "=100-B2"
    assert (sheet["D2"].value, sheet["E2"].value) == (177, 200)
    assert sheet["B3"].value == "=MIN(100,D3)"  # a share is its own progress
    assert sheet["E3"].value is None


@pytest.mark.parametrize("chart", [BAR, PROGRESS])
def test_same_chart_same_bytes(chart):
    assert workbook_bytes(chart) == workbook_bytes(chart)
    assert chart_xml(chart, FONTS, "rId1") == chart_xml(chart, FONTS, "rId1")


def test_inline_carries_caption_and_alt_text():
    inline = chart_inline("rId3", 1000, 500, 4, "图题", "替代文字")
    wp = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
    properties = inline.find(f"{wp}docPr")
    assert (properties.get("title"), properties.get("descr")) == ("图题", "替代文字")
    assert inline.find(f"{wp}extent").attrib == {"cx": "1000", "cy": "500"}
    assert inline.find(f".//{{{C}}}chart").get(f"{{{R}}}id") == "rId3"
