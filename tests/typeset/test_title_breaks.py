"""Titles that wrap break between words, in balanced lines (GB/T 9704 §7.3.3)."""

from __future__ import annotations

import itertools

import pytest

from gjz_brief.typeset.title_breaks import (
    _enclosed_positions,
    balanced_lines,
    break_positions,
    estimated_ems,
    segment_words,
    two_balanced_lines,
)

TITLES = [
    "西湖区数字经济三年行动计划简报",
    "青禾区数字经济三年行动计划（2024—2026年）实施情况简报",
    "甘井子区发展规划简报",
    "大连甘井子区——围绕“新愿景”建设“新枢纽”",
    "关于进一步优化营商环境促进民营经济高质量发展的实施意见",
]


@pytest.fixture(scope="module")
def full_jieba():
    import jieba

    jieba.setLogLevel(60)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()  # the whole dictionary, as jieba loads it by default
    return tokenizer


@pytest.mark.parametrize("title", TITLES)
def test_the_title_words_are_those_of_the_full_dictionary(full_jieba, title):
    assert segment_words(title) == tuple(full_jieba.lcut(title, HMM=False))


def test_the_issues_example_breaks_between_words():
    # "西湖区数字经济三 / 年行动计划简报" was the complaint: 三年 is one word
    assert balanced_lines(TITLES[0], 14.7, estimated_ems, 1.0) == (
        "西湖区数字经济",
        "三年行动计划简报",
    )


@pytest.mark.parametrize("title", TITLES)
@pytest.mark.parametrize("width", [6, 9, 12, 15, 20])
def test_lines_fit_keep_words_whole_and_are_balanced(title, width):
    lines = balanced_lines(title, width, estimated_ems, 1.0)
    assert "".join(lines) == title
    if len(lines) == 1:
        return
    cuts = list(itertools.accumulate(len(line) for line in lines))[:-1]
    assert set(cuts) <= set(break_positions(title))  # only between words
    widths = [estimated_ems(line) for line in lines]
    assert max(widths) <= width
    # no other choice of as many lines between words, splitting no more brackets, has a
    # shorter longest line (by an em)
    enclosed = _enclosed_positions(title)
    split = sum(cut in enclosed for cut in cuts)
    for other in itertools.combinations(break_positions(title), len(lines) - 1):
        if sum(cut in enclosed for cut in other) > split:
            continue
        bounds = (0, *other, len(title))
        longest = max(estimated_ems(title[a:b]) for a, b in itertools.pairwise(bounds))
        assert round(max(widths)) <= round(longest)


def test_a_title_that_fits_is_left_alone_and_marks_stay_with_their_words():
    assert balanced_lines("甘井子区发展规划简报", 20, estimated_ems, 1.0) == (
        "甘井子区发展规划简报",
    )
    for position in break_positions(TITLES[3]):
        assert TITLES[3][position] not in "”）" and TITLES[3][position - 1] not in "“（"
    for width in (6, 8, 10):
        for line in balanced_lines(TITLES[1], width, estimated_ems, 1.0):
            assert line[0] not in "）”，" and line[-1] not in "（“"
            assert "202" not in line[-3:] or line.endswith("2024") or line.endswith("2026")


def test_a_masthead_takes_two_even_lines():
    lines = two_balanced_lines(TITLES[1], estimated_ems, 1.0)
    assert lines == ("青禾区数字经济三年行动计划", "（2024—2026年）实施情况简报")


def test_estimated_widths():
    assert estimated_ems("简报") == 2 and estimated_ems("2024") == 2 and estimated_ems("—") == 1
    assert estimated_ems("2024年") == 3.25  # with the space Word puts between the scripts


def test_a_bracketed_part_stays_whole_when_it_can():
    lines = balanced_lines(TITLES[1], 14.3, estimated_ems, 1.0)
    assert any("（2024—2026年）" in line for line in lines), lines


def test_a_text_longer_than_the_lines_balanced_is_left_to_the_line_breaker() -> None:
    """A heading of thousands of characters (a hostile layout) is returned whole, before
    any search over its break positions (which grows with their cube: hours for this one;
    tests/errors/test_errors_layout_bound.py runs such a layout through the CLI)."""
    from gjz_brief.typeset.title_breaks import MAX_LINES, balanced_lines

    text = "加快推进数字经济和实体经济深度融合发展" * 200
    searched: list[str] = []

    def measure(line: str) -> float:
        searched.append(line)
        return float(len(line))

    assert balanced_lines(text, 20.0, measure, 1.0) == (text,)
    assert len(searched) <= 2  # the whole text measured, no candidate line
    shorter = text[: 20 * (MAX_LINES - 1)]  # fits in MAX_LINES lines: balanced
    assert len(balanced_lines(shorter, 20.0, len, 1.0)) > 1
