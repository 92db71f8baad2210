"""Compact tables of code points and advance widths."""

from __future__ import annotations

from array import array

import pytest

from gjz_brief.fonts.codepoints import AdvanceTable, CodePoints


def test_code_points_behave_like_a_set_and_store_compactly():
    table = CodePoints([0x4E00, 0x41, 0x4E00, 0x20BB7])
    assert len(table) == 3 and list(table) == [0x41, 0x4E00, 0x20BB7]
    assert 0x41 in table and 0x42 not in table and "A" not in table and -1 not in table
    assert table & {0x41, 0x42} == {0x41}
    assert CodePoints.from_bytes(table.to_bytes()) == table
    with pytest.raises(ValueError):
        CodePoints.from_bytes(b"short")


def test_a_sorted_array_is_taken_as_it_is():
    codes = array("I", [1, 5, 9])
    assert CodePoints(codes)._sorted is codes  # no copy, no sort
    assert list(CodePoints(array("I", [9, 1, 1]))) == [1, 9]


def test_advances_are_in_em_per_code_point():
    table = AdvanceTable({0x41: 1, 0x4E00: 2}, array("H", [0, 500, 1000]), 1000)
    assert table[0x41] == 0.5 and table[0x4E00] == 1.0
    assert 0x42 not in table and list(table) == [0x41, 0x4E00] and len(table) == 2
    with pytest.raises(KeyError):
        table[0x42]
