"""Styles as data, written as w:style in the schema's order."""

from __future__ import annotations

from docx.oxml.ns import qn
from lxml import etree

from gjz_brief.render.docx.stylespec import Border, StyleSpec, TabStop, style_element

FONTS = {"body": "仿宋_GB2312", "heading": "黑体"}


def test_a_paragraph_style_in_schema_order_with_both_indent_units():
    spec = StyleSpec(
        "GJZ Quote", "GJZQuote", font="body", size_pt=16, bold=True, colour="#C00000",
        align="justify", first_line_chars=2, left_chars=2, before=579, after=0, line=579,
        keep_next=True, tabs=(TabStop(8844, "right", "dot"),),
        borders=(Border("bottom", 8, "#C00000", 4),),
    )  # fmt: skip
    style = style_element(spec, FONTS)
    properties = style.find(qn("w:pPr"))
    order = [etree.QName(node).localname for node in properties]
    assert order == [
        "keepNext",
        "pBdr",
        "tabs",
        # east_asian_line_properties, stated in every style (LibreOffice's inverted import)
        "overflowPunct",
        "autoSpaceDE",
        "autoSpaceDN",
        "spacing",
        "ind",
        "jc",
    ]
    indent = properties.find(qn("w:ind"))
    assert (indent.get(qn("w:firstLineChars")), indent.get(qn("w:firstLine"))) == ("200", "640")
    assert indent.get(qn("w:leftChars")) == "200"
    run = style.find(qn("w:rPr"))
    assert run.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert run.find(qn("w:sz")).get(qn("w:val")) == "32"
    assert style.find(qn("w:basedOn")).get(qn("w:val")) == "Normal"


def test_a_hidden_default_character_style():
    spec = StyleSpec("Default Paragraph Font", "DefaultParagraphFont", kind="character",
                     based_on=None, default=True, hidden=True)  # fmt: skip
    style = style_element(spec, FONTS)
    assert style.get(qn("w:default")) == "1" and style.find(qn("w:semiHidden")) is not None
    assert style.find(qn("w:pPr")) is None and style.find(qn("w:basedOn")) is None
