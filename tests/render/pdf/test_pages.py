"""Pages: numbers on the outer side from the first body page, the running header, the line grid."""

from __future__ import annotations

import pdf_sample as support
import pytest
from pdf_sample import (
    GEOMETRY,
    TEXT_BOTTOM,
    TEXT_LEFT,
    TEXT_RIGHT,
    TEXT_TOP,
    baselines_of_first_page,
    compact,
)

from gjz_brief.document import tree


def test_page_numbers_outer_side_from_first_body_page_and_none_on_cover_or_toc(pages) -> None:
    assert "甘井子区发展规划简报" in compact(pages[0]["text"])
    assert pages[0]["number"] is None  # cover
    assert pages[1]["number"] is None  # table of contents
    # Every body page, a page holding only the 报尾 too (GB/T 9704-2012 §7.5: unnumbered only
    # after a blank page, which is never inserted).
    numbered = pages[2:]
    assert [p["number"] for p in numbered] == list(range(1, len(numbered) + 1))
    middle = (TEXT_LEFT + TEXT_RIGHT) / 2
    for page in numbered:
        if page["number"] % 2:
            assert page["centre"] > middle + 100
        else:
            assert page["centre"] < middle - 100


def test_running_header_on_body_pages_but_not_on_the_masthead_page(pages) -> None:
    def header_on(page: dict) -> bool:
        return any(
            line["text"] == "甘井子区发展简报" and line["bottom"] < TEXT_TOP
            for line in page["lines"]
        )

    assert not header_on(pages[0]) and not header_on(pages[1])
    assert "第5期" in pages[2]["text"] and not header_on(pages[2])
    assert all(header_on(page) for page in pages[3:])


def test_full_page_of_body_text_has_22_lines_on_the_grid() -> None:
    baselines = baselines_of_first_page(tuple(tree.Paragraph(support.BODY) for _ in range(6)))
    assert len(baselines) == GEOMETRY.lines_per_page
    gaps = [b - a for a, b in zip(baselines, baselines[1:], strict=False)]
    assert gaps == pytest.approx([GEOMETRY.line_pitch_pt] * len(gaps), abs=0.02)
    assert TEXT_TOP < baselines[0] < TEXT_TOP + GEOMETRY.line_pitch_pt
    assert TEXT_BOTTOM - GEOMETRY.line_pitch_pt < baselines[-1] < TEXT_BOTTOM
