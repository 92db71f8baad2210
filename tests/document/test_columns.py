"""Sharing a table's width between its columns."""

from __future__ import annotations

import pytest

from gjz_brief.document.columns import column_widths


def test_columns_that_fit_grow_in_proportion():
    assert column_widths([10, 30], [5, 5], 80) == [20, 60]


def test_narrow_columns_keep_their_width_and_wide_ones_share_the_rest():
    widths = column_widths([20, 200, 300], [20, 50, 50], 300)
    assert widths[0] == 20  # a date never wraps
    assert sum(widths) == pytest.approx(300)
    assert widths[2] / widths[1] == pytest.approx(300 / 200)


def test_when_even_the_minimums_do_not_fit_they_are_scaled_down():
    widths = column_widths([100, 100], [80, 40], 60)
    assert widths == pytest.approx([40, 20])


def test_empty_text_shares_the_width_evenly():
    assert column_widths([0, 0, 0], [0, 0, 0], 90) == [30, 30, 30]
