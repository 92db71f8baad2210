"""Text hostile to the renderers: markup characters and ReportLab tags print literally in both
the PDF and the DOCX; very long words and numbers build without running off the page."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pdfplumber
import pytest
from docx import Document
from errors_support import edit, line_of, make_workspace, run_cli
from pypdf import PdfReader

from gjz_brief.content.punctuation import normalize_punctuation

MARKUP = (
    'AT&T <b>粗体</b> <font color="red">红</font> <i>斜</i> x<y>z &amp; &lt; <br/> <para> '
    "it's 'single' \"double\""
)
HEADING = "定位 <b>&</b> <font size=40>大</font>"
TITLE = "甘井子区发展规划简报 <u>&</u>"
FIGURE_NAME = "规模以上<i>工业</i>企业&"
LONG_WORD = "Ganjingzi" * 33 + "abc"  # 300 Latin letters, no break opportunity
LONG_NUMBER = "1234567890" * 6  # 60 digits


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_workspace(tmp_path_factory.mktemp("hostile") / "ws")
    content = root / "content"
    edit(
        content / "narrative.yaml",
        "      - 近日，大连市",
        f"      - '{MARKUP.replace(chr(39), chr(39) * 2)}'\n"
        f"      - 超长单词{LONG_WORD}结束，超长数字{LONG_NUMBER}结束。\n"
        "      - 近日，大连市",
    )
    edit(content / "narrative.yaml", "    title: 总体定位", f"    title: '{HEADING}'")
    edit(content / "meta.yaml", "  title: 甘井子区发展规划简报", f"  title: '{TITLE}'")
    edit(content / "figures.yaml", "    name: 规模以上工业企业\n", f"    name: '{FIGURE_NAME}'\n")
    out = root / "out"
    result = run_cli("build", "--workspace", str(root), "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pdf_text(out: Path) -> str:
    return squeeze(
        "".join(page.extract_text() or "" for page in PdfReader(out / "briefing.pdf").pages)
    )


def docx_text(out: Path) -> str:
    document = Document(str(out / "briefing.docx"))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return squeeze("".join(parts))


@pytest.mark.parametrize(
    "text",
    [MARKUP, HEADING, TITLE, FIGURE_NAME],
    ids=["paragraph", "heading", "title", "table-cell"],
)
def test_markup_prints_literally_in_the_pdf(hostile_build, text):
    # The loader's punctuation normalisation (curly quotes between Chinese) applies as for any
    # text; what matters here is that nothing is interpreted as markup or an entity.
    assert squeeze(normalize_punctuation(text)) in pdf_text(hostile_build)


@pytest.mark.parametrize(
    "text",
    [MARKUP, HEADING, TITLE, FIGURE_NAME],
    ids=["paragraph", "heading", "title", "table-cell"],
)
def test_markup_prints_literally_in_the_docx(hostile_build, text):
    assert squeeze(normalize_punctuation(text)) in docx_text(hostile_build)


def test_docx_xml_is_escaped_not_injected(hostile_build):
    with zipfile.ZipFile(hostile_build / "briefing.docx") as package:
        body = package.read("word/document.xml").decode("utf-8")
    assert "<b>" not in body and "<font" not in body  # only as &lt;b&gt; text
    assert "&lt;font color=" in body and "AT&amp;T" in body


def test_pdf_metadata_title_is_literal(hostile_build):
    assert PdfReader(hostile_build / "briefing.pdf").metadata.title == normalize_punctuation(TITLE)


def test_long_word_and_number_are_printed_whole(hostile_build):
    text = pdf_text(hostile_build)
    assert LONG_WORD in text and LONG_NUMBER in text
    assert LONG_WORD in docx_text(hostile_build) and LONG_NUMBER in docx_text(hostile_build)


def test_long_word_and_number_stay_inside_the_text_column(hostile_build):
    with pdfplumber.open(hostile_build / "briefing.pdf") as pdf:
        for page in pdf.pages:
            text = squeeze(page.extract_text() or "")
            if "GanjingziGanjingzi" not in text and "1234567890123" not in text:
                continue
            chars = page.chars
            body = [c for c in chars if "\u4e00" <= c["text"] <= "\u9fff"]
            long_ones = [c for c in chars if c["text"] in "Ganjiz1234567890abc"]
            right_edge = max(c["x1"] for c in body)  # the Chinese text's column edge
            left_edge = min(c["x0"] for c in body)
            assert long_ones
            assert max(c["x1"] for c in long_ones) <= right_edge + 1.0
            assert min(c["x0"] for c in long_ones) >= left_edge - 1.0
            assert all(c["x0"] >= 0 and c["x1"] <= page.width for c in chars)
            return
    raise AssertionError("the long word was not found on any page")


def test_a_table_row_taller_than_a_page_names_the_table_row_and_cell(workspace, out, kept):
    """A table row is never split across pages; one that cannot fit on any page is an input
    error pointing at the table (exit 2, previous outputs kept), not a layout failure."""
    content = workspace / "content"
    charts = content / "charts.yaml"
    edit(charts, "    columns: [name, value]", "    columns: [name, source]")
    figures = (content / "figures.yaml").read_text(encoding="utf-8")
    start = figures.index("    source: ", figures.index("  - id: industrial_enterprises"))
    end = figures.index("\n", start)
    long_source = "甘井子区是大连的重大产业承载区。" * 180
    figures = figures[:start] + f"    source: {long_source}" + figures[end:]
    (content / "figures.yaml").write_text(figures, encoding="utf-8")
    result = run_cli("build", "--workspace", str(workspace), "--out", str(out))
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    table_line = line_of(charts, "  - id: enterprise_base_table")
    first = result.stderr.splitlines()[0]
    assert f"content/charts.yaml:{table_line}:" in first
    assert "表1「甘井子区企业基础」" in first and "规模以上工业企业" in first
    assert f"出处 cell has {len(long_source)} characters" in first
    assert "hint: shorten that text" in result.stderr
    kept()
