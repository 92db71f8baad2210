"""The figure audit: the files print the manifest's figures as often as the document does."""

from __future__ import annotations

import datetime as dt
import io

import docx
import pytest

from gjz_brief.document import tree
from gjz_brief.errors import RenderError
from gjz_brief.output.audit import (
    audit_outputs,
    check_printed_figures,
    docx_text,
    manifest_problems,
    printed_figures,
)

FIGURES = {"a": {"name": "甲", "value": 50, "unit": "家", "qualifier": "余", "text": "50余家"}}
DOCUMENT = tree.Document(
    tree.DocumentMeta("题", "单位", "主题", (), dt.date(2020, 4, 30)),
    (
        tree.Paragraph("现有50余家，其中"),
        tree.Table(1, "表", ("指标", "数值"), (("甲", "50余家"),)),
    ),
)


def _docx(*paragraphs: str) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_the_document_prints_each_figure_a_counted_number_of_times():
    (printed,) = printed_figures(DOCUMENT, FIGURES, {})
    assert (printed.figure_id, printed.text, printed.count) == ("a", "50余家", 2)


def test_a_file_that_prints_the_figure_fewer_times_is_a_finding():
    good = _docx("现有50余家，其中", "50余家")
    assert audit_outputs(DOCUMENT, FIGURES, {}, {"briefing.docx": good}) == []
    bad = _docx("现有50家，其中", "50余家")
    (finding,) = audit_outputs(DOCUMENT, FIGURES, {}, {"briefing.docx": bad})
    assert "printed 2 time(s)" in finding and "holds it 1 time(s)" in finding
    assert "50余家" in docx_text(good)


def test_a_manifest_text_must_say_its_value_and_unit():
    assert manifest_problems(FIGURES) == []
    wrong = {"a": {**FIGURES["a"], "text": "60余家"}}
    assert "does not say the value" in manifest_problems(wrong)[0]
    unitless = {"a": {**FIGURES["a"], "text": "50余"}}
    assert "lacks its unit" in manifest_problems(unitless)[0]


def test_the_build_stops_with_a_render_error(plan):
    with pytest.raises(RenderError, match="figure audit"):
        check_printed_figures(DOCUMENT, plan, {"x": FIGURES["a"]}, {"briefing.docx": _docx("无")})
