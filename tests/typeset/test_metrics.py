"""FontMetrics: per-character font choice, glyph widths, and the grid's full-width advance."""

from __future__ import annotations

import pytest
from reportlab.pdfbase import pdfmetrics

from gjz_brief.fonts.quotes import FULL_WIDTH_MIN_EM
from gjz_brief.typeset.metrics import FontMetrics

SIZE = 16.0
PITCH = 15.79


def test_off_the_grid_advance_is_the_glyph_width(uming: str) -> None:
    metrics = FontMetrics(lambda ch: uming, SIZE)
    for ch in "甘A1，":
        assert metrics.advance(ch) == metrics.glyph_width(ch)
        assert metrics.glyph_width(ch) == pdfmetrics.stringWidth(ch, uming, SIZE)
    assert metrics.glyph_width("甘") == pytest.approx(SIZE)


def test_on_the_grid_full_width_characters_advance_by_the_pitch(uming: str) -> None:
    metrics = FontMetrics(lambda ch: uming, SIZE, char_pitch=PITCH)
    assert [metrics.advance(ch) for ch in "甘，（"] == [PITCH] * 3
    # narrow characters keep their own width, below the full-width threshold
    for ch in "A1·":
        assert metrics.glyph_width(ch) < FULL_WIDTH_MIN_EM * SIZE
        assert metrics.advance(ch) == metrics.glyph_width(ch)
    assert metrics.width_of("甘井A") == pytest.approx(2 * PITCH + metrics.glyph_width("A"))
    assert metrics.width_of_glyphs("甘井") == pytest.approx(2 * SIZE)


def test_each_character_takes_its_own_font(uming: str, zenhei: str) -> None:
    asked: list[str] = []

    def font_for(ch: str) -> str:
        asked.append(ch)
        return zenhei if ch == "黑" else uming

    metrics = FontMetrics(font_for, SIZE)
    assert [metrics.font(ch) for ch in "宋黑宋黑"] == [uming, zenhei, uming, zenhei]
    assert asked == ["宋", "黑"]  # the choice is made once per character


def test_empty_text_is_zero_wide(uming: str) -> None:
    metrics = FontMetrics(lambda ch: uming, SIZE, char_pitch=PITCH)
    assert metrics.width_of("") == 0.0 == metrics.width_of_glyphs("")
