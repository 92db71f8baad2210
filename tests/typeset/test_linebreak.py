"""break_lines() and justify_gaps() over crafted strings (widths in em, see conftest)."""

from __future__ import annotations

from itertools import pairwise

import pytest
from typeset_support import em_width

from gjz_brief.typeset.linebreak import (
    CANNOT_END,
    CANNOT_START,
    Line,
    Unit,
    break_lines,
    justify_gaps,
    segment,
)

MEASURE = 10.0  # ten full-width characters
FILL = "甲乙丙丁戊己庚辛壬癸"  # exactly one line


def lines_of(text: str, measure: float = MEASURE, indent: float = 0.0, **options) -> list[Line]:
    return break_lines(segment(text), em_width, measure, indent, **options)


def line_texts(text: str, measure: float = MEASURE, **options) -> list[str]:
    return [line.text for line in lines_of(text, measure, **options)]


def assert_kinsoku(lines: list[Line]) -> None:
    for line, following in pairwise(lines):
        if not line.is_last:
            assert not line.units[-1].cannot_end, line.text
            assert not following.units[0].cannot_start, following.text


# ASCII marks are half-width in em_width; full-width ones take a whole em.
@pytest.mark.parametrize("mark", sorted(CANNOT_START - CANNOT_END))
def test_a_closing_mark_never_starts_a_line(mark: str) -> None:
    text = FILL + mark + "子丑寅"
    lines = lines_of(text)
    assert_kinsoku(lines)
    assert lines[0].text == FILL[:-1]  # 癸 goes down with the mark: nothing hangs outside
    assert lines[1].text.startswith("癸" + mark)
    assert lines[0].pushed == 1


@pytest.mark.parametrize("mark", sorted(CANNOT_END - CANNOT_START))
def test_an_opening_mark_never_ends_a_line(mark: str) -> None:
    text = FILL[:-1] + mark + "子丑寅"
    lines = lines_of(text)
    assert_kinsoku(lines)
    assert lines[0].text == FILL[:-1]
    assert lines[1].text.startswith(mark + "子")


def test_marks_in_both_lists_stay_inside_lines() -> None:
    for mark in sorted(CANNOT_START & CANNOT_END):  # ·, ．: neither start nor end a line
        lines = lines_of(FILL[:-1] + mark + "子丑寅")
        assert_kinsoku(lines)
        assert lines[1].text.startswith(FILL[-2] + mark)


def test_several_closing_marks_push_several_units() -> None:
    lines = lines_of(FILL + "”。子丑")  # both marks would start line 2
    assert [line.text for line in lines] == [FILL[:-1], "癸”。子丑"]
    assert lines[0].pushed == 1


def test_dash_and_ellipsis_are_never_split() -> None:
    assert line_texts(FILL[:-1] + "——子丑") == [FILL[:-1], "——子丑"]
    # …… may not start a line either: the character before it comes down with it.
    assert line_texts(FILL + "……子") == [FILL[:-1], "癸……子"]


def test_percentages_units_and_quoted_numbers_stay_whole() -> None:
    for token, expected_first in [
        ("38.86%", FILL[:-1]),  # 3 em wide: it moves down whole
        ("5G", FILL[:-1]),
        ("“2213”", FILL[:-1]),
    ]:
        lines = lines_of(FILL[:-1] + token + "，子丑寅")
        assert all(token not in line.text for line in lines[:1])
        assert any(token in line.text for line in lines), token
        assert lines[0].text == expected_first
        assert_kinsoku(lines)
    lines = lines_of(FILL[:-2] + "500强企业")
    assert lines[0].text == FILL[:-2] + "500"  # the number stays whole, 强 may move on


def test_orphan_character_is_avoided() -> None:
    for tail in ("字", "字。", "字”。"):
        lines = lines_of(FILL + tail)
        assert [line.text for line in lines] == [FILL[:-1], "癸" + tail], tail
        assert lines[0].pulled == 1
    # Off when asked, and never when two characters are left.
    assert line_texts(FILL + "字", avoid_orphan_char=False) == [FILL, "字"]
    assert line_texts(FILL + "文字") == [FILL, "文字"]


def test_orphan_pull_respects_kinsoku() -> None:
    # The only break before 癸 is forbidden (“ may not end a line): pull “癸 together.
    lines = lines_of(FILL[:-2] + "“癸" + "字")
    assert [line.text for line in lines] == [FILL[:-2], "“癸字"]
    assert lines[0].pulled == 2


def test_overwide_unit_is_cut_by_characters_as_a_last_resort() -> None:
    word = "a" * 50  # 25 em in a 10 em line
    lines = lines_of("甲" + word + "乙")
    assert "".join(line.text for line in lines) == "甲" + word + "乙"
    assert all(line.natural_width <= MEASURE + 1e-9 for line in lines)
    assert lines[0].text == "甲"  # the word starts on a fresh line
    fragments = [unit for line in lines for unit in line.units if unit.fragment]
    assert "".join(unit.text for unit in fragments) == word
    assert len(fragments) >= 3


def test_forced_breaks_end_lines_flush_and_only_the_first_line_is_indented() -> None:
    lines = lines_of("甲乙丙\n丁戊\n\n己", indent=2.0)
    assert [line.text for line in lines] == ["甲乙丙", "丁戊", "", "己"]
    assert all(line.is_last for line in lines)
    assert [line.indent for line in lines] == [2.0, 0.0, 0.0, 0.0]
    assert line_texts("甲乙\n") == ["甲乙"]  # a trailing newline adds no empty line
    assert line_texts("甲\n  \n乙") == ["甲", "", "乙"]  # a line of spaces is a blank line
    assert lines_of("") == []


def test_first_line_indent_reduces_the_first_line_only() -> None:
    lines = lines_of(FILL * 2, indent=2.0)
    assert [len(line.text) for line in lines] == [8, 10, 2]
    assert lines[0].available == 8.0 and lines[1].available == 10.0


def test_spaces_at_a_break_are_dropped() -> None:
    lines = lines_of("Hello world again", measure=6.0)  # 0.5 em per letter
    assert [line.text for line in lines] == ["Hello world", "again"]


def test_squeeze_keeps_a_closing_mark_on_the_line_within_the_limit() -> None:
    text = "甲乙丙丁戊己庚辛壬" + "5G" + "、子丑"  # 5G is 1 em; 、 needs 0.25 em more
    narrow = 10.75
    assert line_texts(text, narrow)[0] == "甲乙丙丁戊己庚辛壬"
    squeezed = lines_of(text, narrow, max_squeeze=0.3)
    assert squeezed[0].text == "甲乙丙丁戊己庚辛壬5G、"
    assert squeezed[0].squeezed and squeezed[0].spare == pytest.approx(-0.25)
    assert lines_of(text, narrow, max_squeeze=0.2)[0].text == "甲乙丙丁戊己庚辛壬"


def test_impossible_kinsoku_is_flagged_not_looped() -> None:
    lines = lines_of("。" * 25)
    assert [len(line.text) for line in lines] == [10, 10, 5]
    assert lines[0].forced and lines[1].forced


def test_justify_gaps_sum_to_the_spare_and_favour_latin_within_a_quarter_em() -> None:
    units = segment("大连2049城市规划")
    gaps = justify_gaps(units, 1.0, em=1.0)
    assert sum(gaps) == pytest.approx(1.0)
    latin_gaps = [gaps[1], gaps[2]]  # 连|2049 and 2049|城
    plain = [gap for index, gap in enumerate(gaps) if index not in (1, 2)]
    assert all(gap <= 0.25 + 1e-12 for gap in latin_gaps)
    assert latin_gaps[0] == pytest.approx(2 * plain[0])
    capped = justify_gaps(units, 1.4, em=1.0)  # 2× would exceed ¼ em
    assert capped[1] == pytest.approx(0.25) and sum(capped) == pytest.approx(1.4)
    assert capped[0] == pytest.approx(0.225)
    loose = justify_gaps(units, 3.0, em=1.0)  # Latin gaps never end up tighter than hanzi
    assert loose == pytest.approx([0.5] * 6)
    squeezed = justify_gaps(units, -0.6, em=1.0)
    assert squeezed == pytest.approx([-0.1] * 6)
    assert justify_gaps([Unit("甲", "char")], 5.0, em=1.0) == []


# --- long Latin tokens and the widest gap (issue #19) ----------------------------------------
def widest_placed_gap(line: Line) -> float:
    """The widest gap (in em) justification opens on ``line`` (a non-final line)."""
    gaps = justify_gaps(line.units, line.spare, 1.0)
    return max(gaps, default=0.0)


def test_a_url_breaks_after_a_slash_and_the_line_before_it_stays_tight() -> None:
    # The example: 详见区政府网站 then a long URL. Before, the URL went whole to the
    # next line and 详　见　区　政　府　网　站　https　:　/　/ was spread over the measure.
    text = "详见区政府网站https://www.dlgjz.gov.cn/zwgk/tzgg/202004/t20200413_123456.html?id=5"
    lines = lines_of(text, 20.0, em=1.0)
    assert [line.text for line in lines] == [
        "详见区政府网站https://www.dlgjz.gov.cn/",  # 19.5 em: 0.5 em spread over 8 gaps
        "zwgk/tzgg/202004/t20200413_123456.html?",
        "id=5",
    ]
    for line in lines[:-1]:
        assert widest_placed_gap(line) <= 0.5
        assert line.text[-1] in "/.-_?&"  # a natural break point ends the line
    # Inside the URL no gap opens: the pieces join up.
    first = lines[0]
    gaps = justify_gaps(first.units, first.spare, 1.0)
    joined = [gap for gap, unit in zip(gaps, first.units[1:], strict=True) if unit.joined]
    assert joined and all(gap == 0.0 for gap in joined)


def test_an_id_with_no_break_point_is_cut_rather_than_the_line_spread() -> None:
    long_id = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"  # 18 em, no natural point
    lines = lines_of(f"查询编号{long_id}的备案", 20.0, em=1.0)
    assert lines[0].text == "查询编号" + long_id[:32]  # 4 + 16 em: the line is full
    assert lines[0].spare == pytest.approx(0.0)
    assert lines[1].units[0].joined  # the rest continues the ID without a gap
    assert "".join(line.text for line in lines) == f"查询编号{long_id}的备案"
    # Without the gap limit (no em given) the ID went whole to the next line.
    assert lines_of(f"查询编号{long_id}的备案", 20.0)[0].text == "查询编号"


def test_no_gap_opens_wider_than_half_an_em() -> None:
    units = segment("甲乙丙丁")
    assert justify_gaps(units, 6.0, 1.0) == [0.5, 0.5, 0.5]  # 1.5 em left at the end
    assert justify_gaps(units, 1.2, 1.0) == pytest.approx([0.4, 0.4, 0.4])
    assert sum(justify_gaps(units, -0.3, 1.0)) == pytest.approx(-0.3)  # squeezing unchanged
    pieces = segment("见https://a.cn/b")
    gaps = justify_gaps(pieces, 0.9, 1.0)
    assert gaps[0] == pytest.approx(0.5)  # 见|https:// (capped), then nothing inside the URL
    assert gaps[1:] == [0.0, 0.0, 0.0]
