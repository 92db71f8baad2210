"""A sheet cell's number as Excel shows it, and numbers typed as text."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gjz_brief.content.sheet_values import (
    ValueRefused,
    choose_section,
    parse_section,
    shown_number,
    text_number,
)


def test_a_number_format_decides_the_shown_number():
    assert shown_number(0.4012, "0.00%").value == Decimal("40.12")
    assert shown_number(0.4012, "0.00%").percent
    assert shown_number(288.4, "0").number() == 288
    assert shown_number(50, '0"家"').literal == "家"
    assert shown_number(38.86, "General").number() == 38.86


def test_sections_of_a_format_apply_by_sign():
    assert choose_section("0;(0)", -5) == "(0)"
    assert choose_section("0;(0)", 5) == "0"
    parsed = parse_section("#,##0.00")
    assert (parsed.decimals, parsed.percent, parsed.general) == (2, 0, False)


def test_a_date_format_is_refused():
    with pytest.raises(ValueRefused):
        shown_number(43900, "yyyy-mm-dd")


@pytest.mark.parametrize(("text", "value"), [("288", 288), ("1,234.5", 1234.5), ("38.86%", 38.86)])
def test_text_numbers_read_one_way(text, value):
    assert text_number(text).number() == value


@pytest.mark.parametrize("text", ["1,23", "二百", "超42", "288家"])
def test_text_that_is_not_a_plain_number_is_refused_with_a_hint(text):
    with pytest.raises(ValueRefused) as refused:
        text_number(text)
    assert refused.value.hint


def test_the_places_shown_are_kept():
    assert shown_number(6, "0.0").decimals == 1
    assert shown_number(512.3, "0.00").decimals == 2
    assert shown_number(0, "0.0%").decimals == 1
    assert shown_number(38.86, "General").decimals == 2
    assert shown_number(1312, "#,##0").decimals == 0
    assert text_number("512.30").decimals == 2
    assert text_number("6.0%").decimals == 1
    assert text_number("1,312").decimals == 0
