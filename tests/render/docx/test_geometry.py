"""GB/T 9704 geometry in Word's units."""

from __future__ import annotations

from gjz_brief.render.docx.geometry import tracking_twips, word_geometry
from gjz_brief.template.theme import PageGeometry


def test_the_default_page_in_twips():
    geometry = word_geometry(PageGeometry())
    assert (geometry.page_width, geometry.page_height) == (11906, 16838)
    assert (geometry.top, geometry.left) == (2098, 1587)
    assert geometry.line_pitch == 579  # 225 mm / 22, rounded down: 22 lines always fit
    assert geometry.text_width == 8845 and geometry.chars_per_line == 28  # 156 mm
    assert 0 < geometry.footer_distance < geometry.bottom


def test_the_tracking_that_sets_28_characters_a_line():
    geometry = word_geometry(PageGeometry())
    tracking = tracking_twips(geometry, 16)
    assert tracking == -5  # −0.25 pt: 28 characters of 3号 a line
    assert 28 * (16 * 20 + tracking) <= geometry.text_width < 29 * (16 * 20 + tracking)
    wider = word_geometry(PageGeometry(chars_per_line=25))
    assert tracking_twips(wider, 16) > 0
