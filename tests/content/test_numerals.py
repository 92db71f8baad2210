"""Numbers in words, as the article writes them, read back for the figure audit."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gjz_brief.content.numerals import read_wording, wording_value


@pytest.mark.parametrize(
    ("text", "value", "qualifier"),
    [
        ("两万多", 20000, "多"),
        ("超42", 42, "超"),
        ("1.2万", 12000, ""),
        ("三千五百余", 3500, "余"),
        ("三万五", 35000, ""),
        ("一亿五", 150000000, ""),
        ("二百八十八", 288, ""),
        ("近7000", 7000, "近"),
    ],
)
def test_wordings_say_their_number_and_qualifier(text, value, qualifier):
    wording = read_wording(text)
    assert wording is not None
    assert (wording.value, wording.qualifier) == (Decimal(value), qualifier)


@pytest.mark.parametrize("text", ["一二", "百千", "很多", "", "万"])
def test_what_is_no_number_reads_as_none(text):
    assert read_wording(text) is None


def test_values_compare_at_fifteen_digits():
    assert wording_value(38.86) == Decimal("38.86")
    assert wording_value(0.1 + 0.2) == Decimal("0.3")
