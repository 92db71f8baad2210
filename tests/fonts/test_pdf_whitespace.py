"""Spaces need an entry in the embedded font too, or they are drawn as a missing glyph."""

from __future__ import annotations

from prerequisites import NOTO_SERIF, UMING, require_file

from gjz_brief.fonts.model import FontFace, FontSet, ResolvedFont
from gjz_brief.fonts.pdf import register_pdf_fonts


def test_ideographic_space_is_in_a_converted_subset(tmp_path):
    face = FontFace(require_file(NOTO_SERIF), 2, "Noto Serif CJK SC", "cff")
    roles = {
        role: ResolvedFont(role, face, "test", "宋体")
        for role in ("title", "body", "heading", "kai", "song")
    }
    fonts = register_pdf_fonts(FontSet(roles, (face,)), "目\u3000录", tmp_path)
    name = fonts.name("body")
    assert fonts.font_for("body", "\u3000") == name
    assert 0x3000 in fonts.drawable[name]


def test_two_subsets_of_one_face_in_one_process_each_draw_their_own_glyphs(tmp_path):
    """ReportLab maps a font to an earlier one with the same face name; ours must not."""
    from reportlab.pdfbase import pdfmetrics

    face = FontFace(require_file(UMING), 0, "AR PL UMing CN", "truetype")
    roles = {
        role: ResolvedFont(role, face, "test", "宋体")
        for role in ("title", "body", "heading", "kai", "song")
    }
    first = register_pdf_fonts(FontSet(roles, ()), "甘井子", tmp_path)
    second = register_pdf_fonts(FontSet(roles, ()), "季度实际", tmp_path)
    assert first.name("body") != second.name("body")
    font = pdfmetrics.getFont(second.name("body"))
    assert ord("季") in font.face.charToGlyph
