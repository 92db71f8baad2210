"""The 简报: red masthead with 第N期, red rule, 编者按 in 楷体, GB/T 9704 body, 报尾, page numbers."""

from __future__ import annotations

import docx
import pdfplumber
import pytest
from template_support import MM, is_red

TEXT_WIDTH = 156 * MM
LEFT = 28 * MM


@pytest.fixture(scope="module")
def jianbao(builds, workspace):
    return builds.get("--template", "jianbao", "--issue", "7", workspace=workspace)


@pytest.fixture(scope="module")
def pdf(jianbao):
    with pdfplumber.open(jianbao / "briefing.pdf") as document:
        yield document


def test_first_page_carries_the_red_masthead_and_issue_number(pdf):
    page = pdf.pages[0]
    big_red = "".join(c["text"] for c in page.chars if c["size"] >= 30)
    assert big_red == "甘井子区发展简报"
    assert all(is_red(c["non_stroking_color"]) for c in page.chars if c["size"] >= 30)
    text = page.extract_text()
    assert "第7期" in text and "第1期" not in text
    assert "大连甘井子区委宣传部" in text and "2020年4月30日" in text
    assert "内部资料" in text


def test_red_rule_spans_the_text_block_under_the_masthead(pdf):
    page = pdf.pages[0]
    name_bottom = max(c["bottom"] for c in page.chars if c["size"] >= 30)
    dateline_bottom = next(c["bottom"] for c in page.chars if c["text"] == "日")  # the date
    rules = [
        item
        for item in [*page.lines, *page.rects]
        if (is_red(item.get("stroking_color")) or is_red(item.get("non_stroking_color")))
        and item["width"] >= TEXT_WIDTH - 2
    ]
    assert rules, "no red rule as wide as the text block on page 1"
    rule = rules[0]
    assert name_bottom < dateline_bottom < rule["top"] < page.height / 3
    assert rule["x0"] == pytest.approx(LEFT, abs=1.5)
    assert max(rule.get("linewidth") or 0, rule["height"]) >= 0.8 * MM  # a thick rule


def test_editor_note_is_set_in_kai_and_the_body_in_another_face(pdf):
    page = pdf.pages[0]
    lines: dict[int, list[dict]] = {}
    for char in page.chars:
        lines.setdefault(round(char["top"]), []).append(char)
    note = next(
        chars for chars in lines.values() if "".join(c["text"] for c in chars)[:3] == "编者按"
    )
    body = next(
        chars for chars in lines.values() if "".join(c["text"] for c in chars).startswith("近日")
    )
    note_font = {c["fontname"] for c in note if "\u4e00" <= c["text"] <= "\u9fff"}
    body_font = {c["fontname"] for c in body if "\u4e00" <= c["text"] <= "\u9fff"}
    assert len(note_font) == 1 and "kai" in next(iter(note_font)).lower()
    assert note_font.isdisjoint(body_font)


def test_body_follows_the_gb_t_9704_text_block(pdf):
    page = pdf.pages[1]
    body = [c for c in page.chars if abs(c["size"] - 16) < 0.1 and c["top"] < page.height - 60]
    assert min(c["x0"] for c in body) == pytest.approx(LEFT, abs=1.0)
    assert max(c["x1"] for c in body) == pytest.approx(LEFT + TEXT_WIDTH, abs=1.5)
    assert min(c["top"] for c in body) == pytest.approx(37 * MM, abs=8)


def test_page_numbers_sit_outside_on_odd_and_even_pages(pdf):
    for page in pdf.pages:
        number = [c for c in page.chars if c["top"] > page.height - 35 * MM]
        if not number:
            continue  # a page holding only the 报尾 has none
        text = "".join(c["text"] for c in number).replace(" ", "")
        assert text == f"—{page.page_number}—"
        middle = page.width / 2
        if page.page_number % 2:
            assert min(c["x0"] for c in number) > middle
        else:
            assert max(c["x1"] for c in number) < middle


def test_last_page_foot_has_the_distribution_block(pdf):
    page = pdf.pages[-1]
    text = page.extract_text()
    for label in ("报：", "送：", "发：", "共印"):
        assert label in text
    labels = [c for c in page.chars if c["text"] in "报送发共印" and c["size"] == pytest.approx(14)]
    assert labels and min(c["top"] for c in labels) > page.height * 0.6
    for other in pdf.pages[:-1]:
        assert "共印" not in (other.extract_text() or "")


def test_no_running_header_in_the_bulletin(pdf):
    for page in pdf.pages[1:]:
        top_text = "".join(c["text"] for c in page.chars if c["bottom"] < 30 * MM)
        assert top_text == ""


def test_docx_has_masthead_issue_and_distribution(jianbao):
    document = docx.Document(str(jianbao / "briefing.docx"))
    styles = {p.style.name: p.text for p in document.paragraphs if p.text}
    assert styles["GJZ Masthead Name"] == "甘井子区发展简报"
    assert styles["GJZ Masthead Issue"] == "第7期"
    assert document.styles["GJZ Masthead Name"].font.color.rgb is not None
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert any(text.startswith("报：") for text in cells)
    assert any("共印" in text for text in cells)
    footer = document.sections[-1].footer._element.xml
    assert "PAGE" in footer and "—" in footer
