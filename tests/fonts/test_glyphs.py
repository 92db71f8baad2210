"""The glyph check: a character no font has is named, with its place in the content."""

from __future__ import annotations

import pytest
from fonts_support import make_font

from gjz_brief.content.loader import load_content
from gjz_brief.errors import MissingGlyphError
from gjz_brief.fonts.glyphs import check_glyphs
from gjz_brief.fonts.model import FontFace, FontSet, ResolvedFont


def _fonts(path) -> FontSet:
    face = FontFace(path, 0, "Test", "truetype")
    roles = {role: ResolvedFont(role, face, "test", "宋体") for role in
             ("title", "body", "heading", "kai", "song")}  # fmt: skip
    return FontSet(roles, ())


def test_a_character_no_font_has_is_located_in_the_yaml(write_content, tmp_path):
    folder = write_content()
    content = load_content(folder)
    covered = "".join(sorted({c for text in content.plan.model_dump_json() for c in text}))
    fonts = _fonts(make_font(tmp_path / "f.ttf", "Test", covered.replace("枢", "")))
    with pytest.raises(MissingGlyphError) as raised:
        check_glyphs(fonts, content)
    assert "'枢' (U+67A2" in raised.value.message
    assert raised.value.location.file.endswith("vision.yaml")


def test_a_character_from_a_sheet_cell_is_located_at_the_cell(write_content, tmp_path):
    folder = write_content()
    sheet = tmp_path / "figures.csv"
    sheet.write_text("编号,出处\nindustrial_enterprises,现有企业𓀀\n", encoding="utf-8")
    content = load_content(folder, sheet=sheet)
    covered = "".join(sorted({c for text in content.plan.model_dump_json() for c in text}))
    fonts = _fonts(make_font(tmp_path / "f.ttf", "Test", covered.replace("𓀀", "")))
    with pytest.raises(MissingGlyphError) as raised:
        check_glyphs(fonts, content)
    where = raised.value.location
    assert (where.file, where.line, where.column) == (str(sheet), 2, 2)
    assert "cell B2 (source)" in (where.field or "")
