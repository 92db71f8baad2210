"""Every chart of the default briefing is editable in the DOCX (issue #13): the bar and
progress charts are native Word charts whose embedded workbooks hold the manifest's figures,
the key figures, timeline and industry structure are tables of text; none is a picture."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PR = "{http://schemas.openxmlformats.org/package/2006/relationships}"


class Docx:
    def __init__(self, path: Path) -> None:
        self.archive = zipfile.ZipFile(path)
        self.names = self.archive.namelist()

    def xml(self, name: str) -> etree._Element:
        return etree.fromstring(self.archive.read(name))

    def rels(self, name: str) -> dict[str, str]:
        folder, _, base = name.rpartition("/")
        root = self.xml(f"{folder}/_rels/{base}.rels")
        return {rel.get("Id"): rel.get("Target") for rel in root.iter(f"{PR}Relationship")}


@pytest.fixture(scope="module")
def package(built: Path) -> Docx:
    return Docx(built / "briefing.docx")


@pytest.fixture(scope="module")
def manifest_figures(built: Path) -> dict[str, dict]:
    return json.loads((built / "manifest.json").read_text("utf-8"))["figures"]


def native_charts(package: Docx) -> list[tuple[etree._Element, etree._Element, bytes]]:
    """(wp:inline, chart XML, embedded workbook) of each chart in the body, in order."""
    body = package.xml("word/document.xml")
    document_rels = package.rels("word/document.xml")
    out = []
    for inline in body.iter(f"{WP}inline"):
        reference = inline.find(f".//{C}chart")
        if reference is None:
            continue
        chart_name = "word/" + document_rels[reference.get(f"{R}id")]
        chart = package.xml(chart_name)
        external = chart.find(f"{C}externalData")
        target = package.rels(chart_name)[external.get(f"{R}id")]
        workbook = package.archive.read(
            str(Path(chart_name).parent.joinpath(target)).replace("word/charts/../", "word/")
        )
        out.append((inline, chart, workbook))
    return out


def chart_of(package: Docx, grouping: str) -> tuple[etree._Element, etree._Element, bytes]:
    """The native chart whose bars are ``clustered`` (bar) or ``stacked`` (progress)."""
    return next(
        chart
        for chart in native_charts(package)
        if chart[1].find(f".//{C}barChart/{C}grouping").get("val") == grouping
    )


def apply_number_format(code: str, value: float) -> str:
    """The label Word and LibreOffice print for ``value`` under our formats ("超"0"亿元")."""
    match = re.fullmatch(r'(?:"([^"]*)")?(0(?:\.0+)?)(?:"([^"]*)")?', code)
    assert match, f"unexpected number format {code!r}"
    prefix, number, suffix = match.groups()
    decimals = len(number.partition(".")[2])
    return f"{prefix or ''}{value:.{decimals}f}{suffix or ''}"


def test_no_chart_is_a_picture(package: Docx) -> None:
    body = package.xml("word/document.xml")
    assert not [name for name in package.names if name.startswith("word/media/")]
    assert body.find(".//{http://schemas.openxmlformats.org/drawingml/2006/picture}pic") is None
    captions = [p for p in body.iter(f"{W}p") if "SEQ 图" in "".join(body_text(p, "instrText"))]
    assert len(captions) == 5


def body_text(node: etree._Element, tag: str = "t") -> list[str]:
    return [n.text or "" for n in node.iter(f"{W}{tag}")]


def test_two_native_charts_with_the_manifest_figures(package, manifest_figures) -> None:
    charts = native_charts(package)
    assert len(charts) == 2
    by_name = {record["name"]: record for record in manifest_figures.values()}
    kinds = []
    for inline, chart, workbook in charts:
        sheet = openpyxl.load_workbook(io.BytesIO(workbook)).active
        rows = list(sheet.iter_rows(min_row=2, values_only=True))
        assert rows
        grouping = chart.find(f".//{C}barChart/{C}grouping").get("val")
        kinds.append(grouping)
        values_column = 1 if grouping == "clustered" else 3  # bar: B; progress: D (B = formula)
        for row in rows:
            record = by_name[row[0]]
            assert row[values_column] == pytest.approx(record["value"], abs=0)
        # The chart's own cache shows the same categories as the workbook.
        categories = [pt.findtext(f"{C}v") for pt in chart.find(f".//{C}cat").iter(f"{C}pt")]
        assert categories == [row[0] for row in rows]
        # Alt text and title on the drawing.
        properties = inline.find(f"{WP}docPr")
        assert properties.get("descr") and properties.get("title")
    assert sorted(kinds) == ["clustered", "stacked"]


def test_bar_labels_print_qualifier_and_unit(package, manifest_figures) -> None:
    """Each bar's label is a number format over the cell's value: 50余家, never a bare 50."""
    inline, chart, workbook = chart_of(package, "clustered")
    by_name = {record["name"]: record for record in manifest_figures.values()}
    sheet = openpyxl.load_workbook(io.BytesIO(workbook)).active
    names = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    labels = chart.findall(f".//{C}ser/{C}dLbls/{C}dLbl")
    assert len(labels) == len(names)
    printed = []
    for label in labels:
        index = int(label.find(f"{C}idx").get("val"))
        record = by_name[names[index]]
        code = label.find(f"{C}numFmt").get("formatCode")
        printed.append(apply_number_format(code, record["value"]))
        assert printed[-1] == record["text"]
        # The workbook cell carries the same format, so Excel shows 50余家 too.
        assert sheet.cell(row=index + 2, column=2).number_format == code
    assert "50余家" in printed


def test_progress_labels_and_formulas(package, manifest_figures) -> None:
    inline, chart, workbook = chart_of(package, "stacked")
    sheet = openpyxl.load_workbook(io.BytesIO(workbook)).active
    by_name = {record["name"]: record for record in manifest_figures.values()}
    labels = [
        "".join(t.text or "" for t in label.iter(f"{A}t"))
        for label in chart.findall(f".//{C}ser/{C}dLbls/{C}dLbl")
    ]
    for row, label in zip(sheet.iter_rows(min_row=2), labels, strict=True):
        record = by_name[row[0].value]
        assert label.startswith(record["text"])  # printed value first, then the target
        assert str(row[1].value).startswith("=")  # the plotted share is a formula
        assert str(row[2].value) == f"=100-B{row[0].row}"


def test_charts_use_the_chinese_font_in_the_east_asian_slot(package) -> None:
    for _, chart, _ in native_charts(package):
        slots = [node.get("typeface") for node in chart.iter(f"{A}ea")]
        assert slots and set(slots) == {"黑体"}
        colours = {node.get("val") for node in chart.iter(f"{A}srgbClr")}
        assert "4A6A8A" in colours  # the PDF charts' bar colour


def test_live_tables_hold_the_chart_texts(package, manifest_figures) -> None:
    body = package.xml("word/document.xml")
    tables = {
        table.find(f"{W}tblPr/{W}tblCaption").get(f"{W}val"): table
        for table in body.iter(f"{W}tbl")
        if table.find(f"{W}tblPr/{W}tblCaption") is not None
    }
    assert len(tables) == 3
    key_figures = next(t for caption, t in tables.items() if "核心指标" in caption)
    texts = body_text(key_figures)
    for record in manifest_figures.values():
        if record["name"] in texts:
            assert record["text"] in texts  # the value as printed, in its own paragraph
    assert "50余家" in texts
    timeline = next(t for caption, t in tables.items() if "阶段" in caption)
    assert {"2020年", "2030年", "2035年"} <= set(body_text(timeline))
    structure = next(t for caption, t in tables.items() if "产业" in caption)
    assert "先进制造业（推断）" in body_text(structure)
    for table in tables.values():
        assert table.find(f"{W}tblPr/{W}tblDescription").get(f"{W}val")
