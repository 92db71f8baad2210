"""How figures are printed: value, qualifier, unit, target; {{id}} references."""

from __future__ import annotations

import pytest

from gjz_brief.content.formatting import (
    figure_records,
    format_figure,
    format_number,
    format_reference,
    format_target,
    format_value,
    resolve_references,
)


def test_numbers_as_the_article_writes_them():
    assert format_number(288.0) == "288" and format_number(38.86) == "38.86"
    assert format_number(7000) == "7000"  # no thousands separators


def test_qualifiers_stand_before_or_after_the_number(plan):
    figures = plan.figures_by_id()
    world = figures["world_500"]  # 50余家
    assert format_value(world) == "50余" and format_figure(world) == "50余家"
    high_tech = figures["high_tech"]
    assert format_target(high_tech).startswith(high_tech.target.intent)
    assert format_target(figures["industrial"]) == ""


def test_references_name_a_part_of_the_figure(plan):
    figures = plan.figures_by_id()
    assert resolve_references("共{{industrial}}，其中{{ world_500 : number }}", figures) == (
        "共288家，其中50"
    )
    industrial = figures["industrial"]
    assert format_reference(industrial, "name") == "规模以上工业企业"
    with pytest.raises(ValueError, match="unknown reference part"):
        format_reference(industrial, "colour")


def test_figure_records_are_what_the_manifest_keeps(plan):
    record = figure_records(plan)["world_500"]
    assert record == {"name": record["name"], "value": 50, "unit": "家", "qualifier": "余",
                      "text": "50余家"}  # fmt: skip


def test_a_number_keeps_the_places_it_was_written_or_shown_with():
    from gjz_brief.content.formatting import format_number

    assert format_number(6.0, 1) == "6.0"
    assert format_number(512.3, 2) == "512.30"
    assert format_number(0.0, 1) == "0.0" and format_number(-0.0, 1) == "0.0"
    assert format_number(-1.5, 2) == "-1.50"
    assert format_number(7, 0) == "7" and format_number(6.0) == "6"
