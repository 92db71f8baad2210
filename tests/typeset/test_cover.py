"""The cover's places (typeset/cover.py): the PDF's fixed places while they fit, and never
outside the text block, whatever the title's line count."""

from __future__ import annotations

import pytest

from gjz_brief.typeset.cover import (
    ISSUER_BOTTOM_MM,
    MM,
    RULE_GAP_MM,
    SUBTITLE_GAP_MM,
    TITLE_TOP_MM,
    CoverPage,
    CoverParts,
    cover_layout,
)

PAGE = CoverPage(page_height=297 * MM, text_top=37 * MM, text_height=225 * MM, line_pitch=28.95)
LINE = 29.0  # a 16 pt line on the grid
TITLE_LINE = 42.0  # 30 pt × 1.4


def parts(title_lines: int, subtitle: bool = True, before: float = 0.0) -> CoverParts:
    return CoverParts(
        title=title_lines * TITLE_LINE,
        title_before=before,
        title_after=0.0,
        rule=1.0,
        subtitle=LINE if subtitle else 0.0,
        issuer=LINE,
        date=LINE,
    )


def test_a_short_cover_stands_at_the_fixed_places() -> None:
    places = cover_layout(PAGE, parts(2, before=10.0))
    assert places.title_top == pytest.approx(TITLE_TOP_MM * MM + 10.0)
    assert places.rule_top == pytest.approx(places.title_top + 2 * TITLE_LINE + RULE_GAP_MM * MM)
    assert places.subtitle_top == pytest.approx(places.rule_top + 1.0 + SUBTITLE_GAP_MM * MM)
    assert places.issuer_top + LINE == pytest.approx(PAGE.page_height - ISSUER_BOTTOM_MM * MM)
    assert places.date_top == pytest.approx(places.issuer_top + LINE)


@pytest.mark.parametrize("title_lines", [1, 2, 3, 4, 6, 9])
@pytest.mark.parametrize("subtitle", [True, False])
def test_every_cover_stays_in_the_text_block_in_reading_order(title_lines, subtitle) -> None:
    places = cover_layout(PAGE, parts(title_lines, subtitle, before=2 * LINE))
    text_bottom = PAGE.text_top + PAGE.text_height
    assert PAGE.text_top <= places.title_top
    subtitle_end = places.subtitle_top + (LINE if subtitle else 0.0)
    assert places.title_top + title_lines * TITLE_LINE < places.rule_top < places.subtitle_top
    assert places.issuer_top - subtitle_end >= PAGE.line_pitch - 1e-6
    assert places.bottom <= text_bottom + 1e-6


def test_a_long_title_moves_the_issuer_down_before_it_moves_the_title_up() -> None:
    fixed = cover_layout(PAGE, parts(1))
    assert cover_layout(PAGE, parts(5)).issuer_top == fixed.issuer_top  # room enough
    long = cover_layout(PAGE, parts(6))
    assert long.issuer_top > fixed.issuer_top
    assert long.title_top == fixed.title_top  # the issuer's move was enough
    longer = cover_layout(PAGE, parts(8))
    assert longer.bottom == pytest.approx(PAGE.text_top + PAGE.text_height)
    assert longer.title_top < fixed.title_top
