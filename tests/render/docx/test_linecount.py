"""Counting the lines a text takes in an office suite's table cell, on the wide side."""

from __future__ import annotations

from gjz_brief.render.docx.linecount import count_lines

EM = 7.5 * 20  # twips of one em at 7.5 pt


def test_ideographs_fill_whole_ems() -> None:
    assert count_lines("", int(14 * EM), 7.5) == 1
    assert count_lines("甘" * 14, int(14 * EM), 7.5) == 1
    assert count_lines("甘" * 15, int(14 * EM), 7.5) == 2
    # The default timeline's long goal: 69 characters, 14 to a line → 5 lines (as LibreOffice).
    goal = "把甘井子区建设成为发展质量效益更高、民主法治更健全、生态环境更优美、人民群众更富裕、社会更加文明和谐的现代化新城区"
    assert count_lines(goal, 2211, 7.5) == 5


def test_closing_marks_do_not_start_a_line() -> None:
    # 13 ideographs and a comma fit 14 em; one ideograph more moves with the comma.
    assert count_lines("甘" * 13 + "，", int(14 * EM), 7.5) == 1
    assert count_lines("甘" * 14 + "，", int(14 * EM), 7.5) == 2


def test_latin_is_counted_wide_with_the_space_libreoffice_adds() -> None:
    # 大连2049城: 2 + 4 × 0.65 + 2 × 0.25 + 1 = 6.1 em: two lines in 6 em, one in 6.2.
    assert count_lines("大连2049城", int(6 * EM), 7.5) == 2
    assert count_lines("大连2049城", int(6.2 * EM), 7.5) == 1
    # No space between a mark and a digit: 38.86% is 6 × 0.65 = 3.9 em.
    assert count_lines("38.86%", int(3.9 * EM) + 1, 7.5) == 1
