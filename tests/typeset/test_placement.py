"""Glyph placement and run grouping, pure: a stand-in metrics of fixed widths."""

from __future__ import annotations

import pytest

from gjz_brief.typeset.linebreak import Line, break_lines, segment
from gjz_brief.typeset.placement import (
    PlacedGlyph,
    TextRun,
    group_runs,
    ink_width,
    place_line,
)

SIZE = 10.0


class GridMetrics:
    """Full-width characters 10 pt wide advancing 9 pt (a grid tighter than the glyphs),
    Latin letters 5 pt; CJK in font "song", Latin in "latin"."""

    size = SIZE

    def font(self, ch: str) -> str:
        return "latin" if ch.isascii() else "song"

    def glyph_width(self, ch: str) -> float:
        return 5.0 if ch.isascii() else 10.0

    def advance(self, ch: str) -> float:
        return 5.0 if ch.isascii() else 9.0


METRICS = GridMetrics()


def lines_of(text: str, measure: float, indent: float = 0.0) -> list[Line]:
    width_of = lambda chunk: sum(METRICS.advance(ch) for ch in chunk)  # noqa: E731
    return break_lines(segment(text), width_of, measure, indent)


def test_ink_width_counts_the_last_glyph_whole() -> None:
    [line] = lines_of("甘井子", 100)
    assert line.natural_width == 27
    assert ink_width(line, METRICS) == 28  # 9 + 9 + 10: the last glyph sticks out by 1
    assert ink_width(Line((), (), 0.0, 100.0, True), METRICS) == 0.0


@pytest.mark.parametrize(("align", "first_x"), [("left", 0.0), ("right", 72.0), ("center", 36.0)])
def test_a_last_line_is_aligned_at_natural_spacing(align: str, first_x: float) -> None:
    [line] = lines_of("甘井子", 100)
    glyphs = place_line(line, METRICS, align)  # type: ignore[arg-type]
    assert [glyph.x for glyph in glyphs] == [first_x, first_x + 9, first_x + 18]
    assert [glyph.width for glyph in glyphs] == [10.0] * 3


def test_a_justified_line_ends_with_its_ink_at_the_right_edge() -> None:
    first, last = lines_of("甘井子区是大连的重大产业承载区", 95, indent=18)[:2]
    assert not first.is_last
    glyphs = place_line(first, METRICS, "justify")
    assert glyphs[0].x == 18  # the first-line indent
    assert glyphs[-1].x + glyphs[-1].width == pytest.approx(95)
    steps = {round(b.x - a.x, 6) for a, b in zip(glyphs, glyphs[1:], strict=False)}
    assert len(steps) == 1  # spread evenly
    # the last line stays at natural spacing
    tail = place_line(last, METRICS, "justify")
    assert [b.x - a.x for a, b in zip(tail, tail[1:], strict=False)] == [9.0] * (len(tail) - 1)


def test_an_overfull_last_line_is_justified_back_inside() -> None:
    # ten characters advance 90 pt but their ink is 91 pt wide: the last glyph would cross 90
    line = Line(tuple(segment("一二三四五六七八九十")), (9.0,) * 10, 0.0, 90.0, True)
    glyphs = place_line(line, METRICS, "justify")
    assert glyphs[-1].x + glyphs[-1].width == pytest.approx(90)


def test_runs_merge_one_font_at_one_spacing() -> None:
    glyphs = [
        PlacedGlyph("甘", "song", 0, 10),
        PlacedGlyph("井", "song", 9, 10),  # Tc −1
        PlacedGlyph("子", "song", 18, 10),
        PlacedGlyph("A", "latin", 30, 5),  # another font: a new run
        PlacedGlyph("B", "latin", 35, 5),
        PlacedGlyph("区", "song", 45, 10),
        PlacedGlyph("是", "song", 57, 10),  # spacing 2 …
        PlacedGlyph("大", "song", 68, 10),  # … then 1: a new run
    ]
    assert group_runs(glyphs) == [
        TextRun("甘井子", "song", 0, -1.0),
        TextRun("AB", "latin", 30, 0.0),
        TextRun("区是", "song", 45, 2.0),
        TextRun("大", "song", 68, 0.0),
    ]
    assert group_runs([]) == []


def test_placed_runs_put_every_glyph_back_where_it_was_placed() -> None:
    line = lines_of("甘井子区GDP增长5.2%，全区", 200)[0]
    glyphs = place_line(line, METRICS, "justify")
    rebuilt = []
    for run in group_runs(glyphs):
        x = run.x
        for ch in run.text:
            rebuilt.append((ch, run.font, round(x, 6)))
            x += METRICS.glyph_width(ch) + run.char_space
    assert rebuilt == [(g.text, g.font, round(g.x, 6)) for g in glyphs]
