"""Styles found by name in a user's reference document, whose styles win."""

from __future__ import annotations

import io

import docx
from docx.shared import RGBColor
from docx_sample import (
    W,
    paragraph_text,
    part,
    render,
    style_id_of,
)

from gjz_brief.render.docx import DEFAULT_OFFICE_FONTS, build_reference_docx
from gjz_brief.template.theme import Theme


def test_reference_document_styles_win() -> None:
    reference = docx.Document(io.BytesIO(build_reference_docx(Theme(), DEFAULT_OFFICE_FONTS)))
    reference.styles["Heading 1"].font.color.rgb = RGBColor(0x12, 0x34, 0x56)
    note = reference.styles["GJZ Note"].element
    note.getparent().remove(note)  # a missing style must be added back
    buffer = io.BytesIO()
    reference.save(buffer)
    result = docx.Document(io.BytesIO(render(reference_docx=buffer.getvalue())))
    assert result.styles["Heading 1"].font.color.rgb == RGBColor(0x12, 0x34, 0x56)
    assert result.styles["GJZ Note"] is not None
    texts = [p.text for p in result.paragraphs]
    assert "GJZ Note" not in " ".join(texts)  # the reference's sample body is gone
    assert "一、总体定位" in texts
    assert len(result.sections) == 3  # cover, contents, body


def test_reference_with_localized_style_ids_is_found_by_name() -> None:
    reference = docx.Document(io.BytesIO(build_reference_docx(Theme(), DEFAULT_OFFICE_FONTS)))
    heading = reference.styles["Heading 1"]
    heading.element.set(f"{W}styleId", "1")  # what a Chinese Word writes
    buffer = io.BytesIO()
    reference.save(buffer)
    body = part(render(reference_docx=buffer.getvalue()), "word/document.xml")
    headings = [p for p in body.iter(f"{W}p") if p.find(f"{W}bookmarkStart") is not None]
    assert paragraph_text(headings[0]) == "一、总体定位"
    assert style_id_of(headings[0]) == "1"
