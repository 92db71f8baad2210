"""The raw cmap/hmtx readers give exactly what fontTools gives, on real and generated fonts."""

from __future__ import annotations

import struct

import pytest
from fonts_support import INSTALLED, NOTO, make_font, needs_installed_fonts
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont

from gjz_brief.fonts.sfnt import (
    SfntError,
    advance_widths,
    cmap_counts,
    read_cmap,
    read_code_points,
    table_directory,
)


def fonttools_cmap(path, index=0):
    font = TTFont(str(path), fontNumber=index, lazy=True)
    try:
        best = font.getBestCmap() or {}
        return {code: font.getGlyphID(name) for code, name in best.items()}
    finally:
        font.close()


def fonttools_advances(path, index=0):
    font = TTFont(str(path), fontNumber=index, lazy=True)
    try:
        units = float(font["head"].unitsPerEm)
        metrics = font["hmtx"].metrics
        return {code: metrics[name][0] / units for code, name in font.getBestCmap().items()}
    finally:
        font.close()


FACES = [(path, 0) for path in INSTALLED] + [
    (NOTO / "NotoSerifCJK-Bold.ttc", 2),
    (NOTO / "NotoSansCJK-Regular.ttc", 2),
]


@needs_installed_fonts
@pytest.mark.parametrize(("path", "index"), FACES, ids=lambda v: getattr(v, "name", str(v)))
def test_installed_faces_match_fonttools(path, index):
    expected = fonttools_cmap(path, index)
    assert len(expected) > 5000  # a CJK face: the comparison means something
    assert read_cmap(path, index) == expected
    assert advance_widths(path, index) == fonttools_advances(path, index)
    ideographs = sum(1 for code in expected if 0x4E00 <= code <= 0x9FFF)
    assert cmap_counts(path, index, (0x4E00, 0x9FFF)) == (len(expected), ideographs)
    assert read_code_points(path, index).tolist() == sorted(expected)


def _font_with_mapping(path, mapping):
    """A TrueType font mapping code → glyph name (fontTools adds format 12 beyond the BMP)."""
    names = [".notdef", *sorted(set(mapping.values()))]
    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder(names)
    builder.setupCharacterMap(mapping)
    pen = TTGlyphPen(None)
    pen.moveTo((0, 0))
    pen.lineTo((0, 500))
    pen.lineTo((500, 0))
    pen.closePath()
    builder.setupGlyf({name: pen.glyph() for name in names})
    builder.setupHorizontalMetrics({name: (300 + 10 * i, 0) for i, name in enumerate(names)})
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupNameTable({"familyName": "Test", "styleName": "Regular"})
    builder.setupOS2()
    builder.setupPost()
    builder.save(str(path))
    return path


def test_format_12_beyond_the_bmp_and_shared_glyphs(tmp_path):
    mapping = {0x41: "a", 0x42: "b", 0x4E00: "yi", 0x4E01: "ding", 0x20BB7: "ji", 0x20BB8: "a"}
    path = _font_with_mapping(tmp_path / "wide.ttf", mapping)
    assert read_cmap(path, 0) == fonttools_cmap(path)
    assert set(read_cmap(path, 0)) == set(mapping)
    assert advance_widths(path, 0) == fonttools_advances(path)
    assert cmap_counts(path, 0, (0x4E00, 0x9FFF)) == (6, 2)
    assert cmap_counts(path, 0, (0x20000, 0x2FFFF)) == (6, 2)
    assert cmap_counts(path, 0, (0x43, 0x4E00)) == (6, 1)  # a range cutting groups
    assert read_code_points(path, 0).tolist() == sorted(mapping)


def test_format_4_with_glyph_index_array(tmp_path):
    # Scattered code points and glyph ids out of code order force idRangeOffset segments.
    codes = [0x20, 0x21, 0x30, 0x35, 0x4E00, 0x4E02, 0x4E03, 0x9FA5]
    mapping = {code: f"g{(position * 5) % len(codes)}" for position, code in enumerate(codes)}
    path = _font_with_mapping(tmp_path / "bmp.ttf", mapping)
    assert read_cmap(path, 0) == fonttools_cmap(path)
    assert set(read_cmap(path, 0)) == set(codes)
    assert cmap_counts(path, 0, (0x4E00, 0x9FFF)) == (8, 4)
    assert read_code_points(path, 0).tolist() == sorted(codes)


def test_generated_font_of_the_suite(tmp_path):
    path = make_font(tmp_path / "x.ttf", "X", "甘井子区ABC１")
    assert read_cmap(path, 0) == fonttools_cmap(path)
    assert advance_widths(path, 0) == {ord(c): 1.0 for c in "甘井子区ABC１"}


def test_a_face_index_a_single_font_lacks_is_refused(tmp_path):
    path = make_font(tmp_path / "x.ttf", "X", "甘")
    with open(path, "rb") as stream, pytest.raises(SfntError):
        table_directory(stream, 1)


def test_a_broken_cmap_falls_back_to_fonttools_and_its_error(tmp_path):
    path = make_font(tmp_path / "x.ttf", "X", "甘")
    data = bytearray(path.read_bytes())
    with open(path, "rb") as stream:
        offset, _ = table_directory(stream, 0)["cmap"]
    struct.pack_into(">H", data, offset + 2, 0xFFFF)  # claims 65535 subtables
    path.write_bytes(bytes(data))
    for read in (lambda: read_cmap(path, 0), lambda: cmap_counts(path, 0, (0, 0x10FFFF))):
        with pytest.raises(Exception) as raised:  # noqa: PT011 - fontTools' own error type
            read()
        assert not isinstance(raised.value, SfntError)


def test_a_missing_file_raises_os_error(tmp_path):
    with pytest.raises(OSError):
        read_cmap(tmp_path / "absent.ttf", 0)


def test_code_points_behave_like_a_frozenset():
    from gjz_brief.fonts.codepoints import CodePoints

    values = {0x41, 0x4E00, 0x20BB7, 0x10FFFF}
    points = CodePoints(values)
    assert points == frozenset(values) and len(points) == 4
    assert list(points) == sorted(values)
    assert 0x4E00 in points and 0x4E01 not in points and -1 not in points and "A" not in points
    assert 0x110000 not in points
    assert frozenset({0x41, 0x42}) & points == {0x41}
    assert {0x41, 0x42} - points == {0x42}
    assert {0x41} <= points and not points <= {0x41}
    assert (points | {0x42}) == values | {0x42}
    assert hash(CodePoints(values)) == hash(points)


def test_advance_table_matches_the_plain_mapping(tmp_path):
    path = make_font(tmp_path / "x.ttf", "X", "甘井")
    table = advance_widths(path, 0)
    assert dict(table) == {ord("甘"): 1.0, ord("井"): 1.0}
    assert ord("甘") in table and ord("子") not in table and "甘" not in table
    with pytest.raises(KeyError):
        table[ord("子")]


def _format_12_subtable(groups):
    data = b"".join(struct.pack(">LLL", *group) for group in groups)
    return struct.pack(">HHLLL", 12, 0, 16 + len(data), 0, len(groups)) + data


def test_format_12_groups_off_the_plain_path_are_read_group_by_group():
    from gjz_brief.fonts.sfnt import _format_12, _plain_format_12

    plain = _format_12_subtable([(0x41, 0x43, 1), (0x4E00, 0x4E01, 4)])
    firsts, lasts, gids = _plain_format_12(plain)
    assert (firsts.tolist(), lasts.tolist(), gids.tolist()) == (
        [0x41, 0x4E00],
        [0x43, 0x4E01],
        [1, 4],
    )
    assert _format_12(plain) == {0x41: 1, 0x42: 2, 0x43: 3, 0x4E00: 4, 0x4E01: 5}
    for odd in (
        [(0x41, 0x43, 0), (0x50, 0x50, 7)],  # starts at glyph 0: 0x41 maps nothing
        [(0x41, 0x45, 1), (0x44, 0x46, 9)],  # overlapping: the second group is skipped
        [(0x45, 0x41, 1)],  # inverted
    ):
        assert _plain_format_12(_format_12_subtable(odd)) is None
    assert _format_12(_format_12_subtable([(0x41, 0x43, 0), (0x50, 0x50, 7)])) == {
        0x42: 1,
        0x43: 2,
        0x50: 7,
    }
    assert set(_format_12(_format_12_subtable([(0x41, 0x45, 1), (0x44, 0x46, 9)]))) == set(
        range(0x41, 0x46)
    )
