"""The body writer: blocks in order, page breaks carried by the next block."""

from __future__ import annotations

import datetime as dt

import docx
from docx.oxml.ns import qn

from gjz_brief.document import tree
from gjz_brief.render.docx.geometry import word_geometry
from gjz_brief.render.docx.ooxml import element
from gjz_brief.render.docx.styles import StyleResolver
from gjz_brief.render.docx.writer import BodyWriter, heading_bookmark_name
from gjz_brief.template.theme import Theme


def _writer() -> BodyWriter:
    document = docx.Document()
    theme = Theme()
    meta = tree.DocumentMeta("题", "单位", "主题", (), dt.date(2020, 4, 30))
    styles = StyleResolver(document.styles.element, theme)
    geometry = word_geometry(theme.geometry)
    return BodyWriter(document, tree.Document(meta, ()), styles, geometry, theme, {})


def test_a_page_break_becomes_page_break_before_of_the_next_paragraph():
    writer = _writer()
    writer.request_page_break()  # at the top of the body: no break needed
    first = writer.paragraph("Normal", "一")
    assert first.find(f"{qn('w:pPr')}/{qn('w:pageBreakBefore')}") is None
    writer.request_page_break()
    second = writer.paragraph("Normal", "二")
    assert second.find(f"{qn('w:pPr')}/{qn('w:pageBreakBefore')}") is not None


def test_a_table_after_a_page_break_gets_a_paragraph_that_breaks_the_page():
    writer = _writer()
    writer.paragraph("Normal", "一")
    writer.request_page_break()
    writer.table(element("w:tbl"))
    body = list(writer.body)
    breaker = body[-3]  # before the table and the final section properties
    assert breaker.find(f".//{qn('w:br')}").get(qn("w:type")) == "page"
    assert body[-1].tag == qn("w:sectPr")


def test_bookmark_names_and_ids():
    writer = _writer()
    assert heading_bookmark_name(0) == "_Toc00000001"
    assert [writer.next_bookmark_id() for _ in range(3)] == [1, 2, 3]
