"""Block writers: headings in Word's built-in styles, the contents field, the masthead."""

from __future__ import annotations

import io

import docx
from docx_sample import (
    W,
    instructions,
    paragraph_text,
    part,
    render,
    style_id_of,
)


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
