"""A font a user configures is checked when it is loaded: readable, Chinese, with outlines."""

from __future__ import annotations

import struct

import pytest
from fonts_support import UMING, make_font, needs_installed_fonts

from gjz_brief.errors import FontConfigError
from gjz_brief.fonts.check import check_configured_face, outline_sample
from gjz_brief.fonts.model import FontFace
from gjz_brief.fonts.sfnt import read_cmap, table_directory


def test_a_latin_font_is_refused_for_a_chinese_role(tmp_path):
    path = make_font(tmp_path / "latin.ttf", "Latin", "ABCDEFG")
    with pytest.raises(FontConfigError) as raised:
        check_configured_face(FontFace(path, 0, "Latin", "truetype"), "body", str(path))
    assert "maps 0 Chinese characters" in raised.value.message
    assert raised.value.location.field == "fonts.body"


@needs_installed_fonts
def test_a_sound_chinese_face_passes_and_its_outlines_are_drawn():
    face = FontFace(UMING, 0, "AR PL UMing CN", "truetype")
    check_configured_face(face, "body", str(UMING))
    assert outline_sample(UMING, 0, read_cmap(UMING, 0)) > 0


def test_a_damaged_character_map_is_named(tmp_path):
    path = make_font(tmp_path / "broken.ttf", "Broken", "甘井子")
    data = bytearray(path.read_bytes())
    with open(path, "rb") as stream:
        offset, _ = table_directory(stream, 0)["cmap"]
    struct.pack_into(">H", data, offset + 2, 0xFFFF)  # claims 65535 subtables
    path.write_bytes(bytes(data))
    with pytest.raises(FontConfigError, match="character map"):
        check_configured_face(FontFace(path, 0, "x", "truetype"), "kai", str(path))
