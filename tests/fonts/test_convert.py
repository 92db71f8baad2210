from __future__ import annotations

import io

import pytest
from fonts_support import NOTO_SERIF, UMING, needs_installed_fonts
from fontTools.ttLib import TTFont as FontToolsFont
from reportlab.pdfbase.ttfonts import TTFont

from gjz_brief.fonts import convert
from gjz_brief.fonts.convert import build_truetype_subset, cache_key, truetype_subset
from gjz_brief.fonts.model import FontFace

pytestmark = needs_installed_fonts

NOTO_SC = FontFace(NOTO_SERIF, 2, "Noto Serif CJK SC", "cff")
TEXT = "甘井子区发展简报\U00020bb7，2020年"


@pytest.fixture(scope="module")
def converted() -> bytes:
    return build_truetype_subset(NOTO_SC, TEXT)


def test_cff_face_becomes_a_truetype_subset(converted):
    assert converted[:4] == b"\x00\x01\x00\x00"
    font = FontToolsFont(io.BytesIO(converted))
    assert "glyf" in font and "CFF " not in font
    assert set(font.getBestCmap()) == {ord(character) for character in TEXT}
    assert font["maxp"].numGlyphs == len(set(TEXT)) + 1  # plus .notdef
    assert font["post"].formatType == 3.0


def test_converted_outlines_keep_shape_and_metrics(converted):
    original = FontToolsFont(str(NOTO_SERIF), fontNumber=2, lazy=True)
    font = FontToolsFont(io.BytesIO(converted))
    for character in "甘简":
        new_name = font.getBestCmap()[ord(character)]
        old_name = original.getBestCmap()[ord(character)]
        assert font["hmtx"][new_name][0] == original["hmtx"][old_name][0]
        glyph = font["glyf"][new_name]
        glyph.recalcBounds(font["glyf"])
        assert glyph.numberOfContours > 0
        assert 0 < glyph.xMin < glyph.xMax < 1000


def test_reportlab_accepts_the_result(converted):
    font = TTFont("gjz-test-converted", io.BytesIO(converted))
    assert font.face.charToGlyph[0x20BB7] != 0
    assert font.stringWidth("甘井", 10) == pytest.approx(20, abs=0.5)


def test_output_is_deterministic(converted):
    font = FontToolsFont(io.BytesIO(converted))
    assert font["head"].created == font["head"].modified == convert._FIXED_TIMESTAMP
    assert build_truetype_subset(NOTO_SC, "".join(reversed(TEXT))) == converted


def test_truetype_face_is_subset_without_conversion():
    data = build_truetype_subset(FontFace(UMING, 0, "AR PL UMing CN", "truetype"), "甘井")
    font = FontToolsFont(io.BytesIO(data))
    assert set(font.getBestCmap()) == {ord("甘"), ord("井")}


def test_cache_file_is_written_then_reused(tmp_path, monkeypatch):
    convert._memory_cache.clear()
    characters = "甘井子"
    first = truetype_subset(NOTO_SC, characters, tmp_path)
    cache_file = tmp_path / f"{cache_key(NOTO_SC, characters)}.ttf"
    assert cache_file.read_bytes() == first
    modified = cache_file.stat().st_mtime_ns

    def must_not_build(face, characters):
        raise AssertionError("the cached subset should have been reused")

    convert._memory_cache.clear()  # force the file to be read, not the in-memory copy
    monkeypatch.setattr(convert, "build_truetype_subset", must_not_build)
    assert truetype_subset(NOTO_SC, "子井甘", tmp_path) == first  # same set, other order
    assert cache_file.stat().st_mtime_ns == modified
    assert [path.name for path in tmp_path.iterdir()] == [cache_file.name]


def test_cache_key_depends_on_face_and_characters():
    other_face = FontFace(NOTO_SERIF, 3, "Noto Serif CJK TC", "cff")
    assert cache_key(NOTO_SC, "甘井") == cache_key(NOTO_SC, "井甘井")
    assert cache_key(NOTO_SC, "甘井") != cache_key(NOTO_SC, "甘子")
    assert cache_key(NOTO_SC, "甘井") != cache_key(other_face, "甘井")
