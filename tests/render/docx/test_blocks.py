"""Block writers: headings in Word's built-in styles, the contents field, the masthead."""

from __future__ import annotations

import io

import docx
import pytest
from docx_sample import (
    W,
    instructions,
    paragraph_text,
    part,
    render,
    sample_document,
    style_id_of,
)
from lxml import etree
from repository import TEMPLATES

from gjz_brief.document.tree import Cover, Document, Paragraph
from gjz_brief.render.docx import DEFAULT_OFFICE_FONTS, render_docx
from gjz_brief.render.docx.geometry import word_geometry
from gjz_brief.render.docx.ooxml import mm_to_twips
from gjz_brief.template.loader import load_theme
from gjz_brief.typeset.cover import TITLE_TOP_MM


def test_headings_use_builtin_styles_with_outline_levels(output: bytes) -> None:
    document = docx.Document(io.BytesIO(output))
    by_text = {p.text: p.style.name for p in document.paragraphs}
    assert by_text["一、总体定位"] == "Heading 1"
    assert by_text["（一）产业基础"] == "Heading 2"
    assert by_text["1.企业数量"] == "Heading 3"
    assert by_text["围绕“新愿景”建设“新枢纽”"] == "Title"
    assert by_text["编者按：现将甘井子区有关情况编发如下。"] == "GJZ Editor Note"
    styles = part(output, "word/styles.xml")
    levels = {
        s.get(f"{W}styleId"): s.find(f"{W}pPr/{W}outlineLvl").get(f"{W}val")
        for s in styles.iter(f"{W}style")
        if s.find(f"{W}pPr/{W}outlineLvl") is not None
    }
    assert levels == {"Heading1": "0", "Heading2": "1", "Heading3": "2"}


def test_table_of_contents_is_a_prefilled_field(output: bytes) -> None:
    body = part(output, "word/document.xml")
    assert 'TOC \\o "1-2" \\h \\z \\u' in instructions(body)
    entries = [p for p in body.iter(f"{W}p") if style_id_of(p) in ("TOC1", "TOC2")]
    assert [paragraph_text(p) for p in entries] == [
        "一、总体定位",
        "（一）产业基础",
        "二、产业布局",
    ]
    anchors = {link.get(f"{W}anchor") for link in body.iter(f"{W}hyperlink")}
    bookmarks = {mark.get(f"{W}name") for mark in body.iter(f"{W}bookmarkStart")}
    assert anchors and anchors <= bookmarks
    # Rendered without a layout: no page numbers are guessed.
    assert not any("PAGEREF" in text for text in instructions(body))
    settings = part(output, "word/settings.xml")
    assert settings.find(f"{W}updateFields") is None  # no update prompt on opening


def test_contents_store_the_layout_page_numbers() -> None:
    """Each entry: text, tab (dot leader of the toc style), PAGEREF field holding the page."""
    output = render(heading_pages=(1, 2, 3, 4))  # the level-3 heading is not listed
    body = part(output, "word/document.xml")
    entries = [p for p in body.iter(f"{W}p") if style_id_of(p) in ("TOC1", "TOC2")]
    assert [paragraph_text(p) for p in entries] == [
        "一、总体定位1",
        "（一）产业基础2",
        "二、产业布局4",
    ]
    for entry, (index, page) in zip(entries, ((1, 1), (2, 2), (4, 4)), strict=True):
        link = entry.find(f"{W}hyperlink")
        assert link.get(f"{W}anchor") == f"_Toc{index:08d}"
        assert link.find(f".//{W}tab") is not None
        assert instructions(link) == [f"PAGEREF _Toc{index:08d} \\h"]
        assert [t.text for t in link.iter(f"{W}t")][-1] == str(page)
    styles = part(output, "word/styles.xml")
    tab = styles.find(f"{W}style[@{W}styleId='TOC1']/{W}pPr/{W}tabs/{W}tab")
    assert (tab.get(f"{W}val"), tab.get(f"{W}leader")) == ("right", "dot")


def test_masthead_and_distribution(output: bytes) -> None:
    styles = part(output, "word/styles.xml")
    name = styles.find(f"{W}style[@{W}styleId='GJZMastheadName']")
    assert name.find(f"{W}rPr/{W}color").get(f"{W}val") == "C00000"
    rule = styles.find(f"{W}style[@{W}styleId='GJZMastheadLine']/{W}pPr")
    assert rule.find(f"{W}pBdr/{W}bottom").get(f"{W}color") == "C00000"
    assert rule.find(f"{W}tabs/{W}tab").get(f"{W}pos") == "8845"  # right edge of the text
    body = part(output, "word/document.xml")
    line = next(p for p in body.iter(f"{W}p") if style_id_of(p) == "GJZMastheadLine")
    assert paragraph_text(line) == "甘井子区人民政府办公室2020年4月13日"
    assert line.find(f".//{W}tab") is not None
    floating = body.find(f".//{W}tblpPr")
    assert floating.get(f"{W}tblpYSpec") == "bottom"
    table = floating.getparent().getparent()
    assert [paragraph_text(p) for p in table.iter(f"{W}p")] == [
        "报：市委、市政府", "送：区委各部门", "发：各街道", "共印50份"
    ]  # fmt: skip


# --- the cover --------------------------------------------------------------------------------
COVER_TITLES = {  # the full template's 30 pt title: lines Word gets (explicit w:br)
    1: "甘井子区发展规划简报",
    2: "青松区发展规划简报（测试数据）",
    3: "大连市甘井子区国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要简报",
}


def effective_spacing(paragraph: etree._Element, styles: etree._Element) -> dict[str, int]:
    """before, after and the exact line height: the paragraph's own w:spacing, else its
    style's, else the styles it is based on."""
    by_id = {style.get(f"{W}styleId"): style for style in styles.iter(f"{W}style")}
    chain = [paragraph.find(f"{W}pPr/{W}spacing")]
    style = by_id.get(style_id_of(paragraph))
    while style is not None:
        chain.append(style.find(f"{W}pPr/{W}spacing"))
        based_on = style.find(f"{W}basedOn")
        style = by_id.get(based_on.get(f"{W}val")) if based_on is not None else None
    found: dict[str, str] = {}
    for spacing in chain:
        for name in ("before", "after", "line", "lineRule"):
            if spacing is not None and spacing.get(f"{W}{name}") is not None:
                found.setdefault(name, spacing.get(f"{W}{name}"))
    assert found.get("lineRule") == "exact", found  # a height Word cannot grow
    return {name: int(found.get(name, "0")) for name in ("before", "after", "line")}


@pytest.mark.parametrize("template", ["full", "onepage", "jianbao"])
@pytest.mark.parametrize("title_lines", [1, 2, 3])
@pytest.mark.parametrize("subtitle", ["绿色发展三年行动", ""])
def test_the_cover_fits_its_page_for_any_title(template, title_lines, subtitle) -> None:
    """Trial F4: a two-line title pushed issuer and date onto page 2 (13 337 of 12 756
    twips). The cover's paragraphs, spacing and lines at their exact heights, fit the text
    block, for every template's theme and reference document."""
    theme = load_theme(TEMPLATES / template)
    meta = sample_document().meta
    cover = Cover(COVER_TITLES[title_lines], subtitle, "青松区发展和改革局（测试数据）",
                  "2025年6月30日")  # fmt: skip
    document = Document(meta, (cover, Paragraph("正文。")))
    reference = (TEMPLATES / template / "reference.docx").read_bytes()
    output = render_docx(document, {}, theme, DEFAULT_OFFICE_FONTS, reference_docx=reference)
    body, styles = part(output, "word/document.xml"), part(output, "word/styles.xml")
    cover_paragraphs = []
    for paragraph in body.iter(f"{W}p"):
        cover_paragraphs.append(paragraph)
        if paragraph.find(f"{W}pPr/{W}sectPr") is not None:  # the cover's section ends
            break
    names = [style_id_of(p) for p in cover_paragraphs]
    assert names[0] == "GJZCoverTitle" and names[-1] == "GJZCoverLine"
    title = cover_paragraphs[0]
    if template == "full":  # the other themes set the cover title at other sizes
        assert len(title.findall(f".//{W}br")) + 1 == title_lines
    total = 0
    for paragraph in cover_paragraphs:
        spacing = effective_spacing(paragraph, styles)
        lines = len(paragraph.findall(f".//{W}br")) + 1
        total += spacing["before"] + spacing["after"] + lines * spacing["line"]
    geometry = word_geometry(theme.geometry, theme.styles.page_number.size_pt)
    assert total <= geometry.text_height
    # The title stands where the PDF puts it: TITLE_TOP_MM from the top of the page.
    title_top = geometry.top + effective_spacing(title, styles)["before"]
    assert title_top == pytest.approx(mm_to_twips(TITLE_TOP_MM), abs=2)
