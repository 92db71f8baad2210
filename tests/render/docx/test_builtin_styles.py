"""The styles Word expects whatever the theme, and the document defaults."""

from __future__ import annotations

from docx.oxml.ns import qn

from gjz_brief.render.docx.builtin_styles import doc_defaults, fixed_specs
from gjz_brief.render.docx.stylesheet import DEFAULT_OFFICE_FONTS
from gjz_brief.template.theme import Theme


def test_the_table_style_takes_the_table_size_and_header_fill():
    theme = Theme.model_validate({"styles": {"table": {"size_pt": 11}},
                                  "colours": {"table_header_fill": "#ABCDEF"}})  # fmt: skip
    specs = {spec.style_id: spec for spec in fixed_specs(theme, 8)}
    assert {"DefaultParagraphFont", "TableNormal", "NoList", "TableGrid"} <= set(specs)
    table = specs["GJZTable"]
    assert table.size_pt == 11
    (header_row,) = table.extra
    assert header_row.find(f".//{qn('w:shd')}").get(qn("w:fill")) == "ABCDEF"


def test_the_document_defaults_are_the_body_style():
    theme = Theme.model_validate({"styles": {"body": {"size_pt": 15, "font": "kai"}}})
    defaults = doc_defaults(theme, DEFAULT_OFFICE_FONTS)
    run = defaults.find(f".//{qn('w:rPr')}")
    assert run.find(qn("w:sz")).get(qn("w:val")) == "30"
    assert run.find(qn("w:rFonts")).get(qn("w:eastAsia")) == DEFAULT_OFFICE_FONTS["kai"]
    assert run.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN"
