"""The content model: what a figure, table, meta and plan may hold."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from gjz_brief.content.model import DEFAULT_TABLE_COLUMNS, Figure, Meta, Plan, TableSpec


def _figure(**changes):
    data = {"id": "a", "name": "甲", "value": 3, "unit": "家", "kind": "count", "source": "原文。"}
    return Figure.model_validate({**data, **changes})


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"value": 2.5}, "whole number"),
        ({"kind": "share", "unit": "%", "value": 120}, "between 0 and 100"),
        ({"kind": "money", "unit": "亿元", "value": -1}, "≥ 0"),
        ({"kind": "year", "unit": "年", "value": 1800}, "between 1900 and 2100"),
        ({"name": "   "}, "only spaces"),
        ({"colour": "red"}, "Extra inputs"),
    ],
)
def test_values_that_cannot_be_meant_are_refused(changes, words):
    with pytest.raises(ValidationError, match=words):
        _figure(**changes)


def test_a_target_before_the_base_year_is_refused():
    with pytest.raises(ValidationError, match="before the base year"):
        _figure(base_year=2020, target={"value": 5, "year": 2019, "intent": "力争"})


def test_a_table_shows_each_column_once_and_has_defaults():
    assert TableSpec(id="t", title="表").columns == list(DEFAULT_TABLE_COLUMNS)
    with pytest.raises(ValidationError, match="more than once"):
        TableSpec(id="t", title="表", columns=["name", "name"])


def test_keywords_must_fit_words_property(plan):
    meta = plan.meta.model_dump()
    with pytest.raises(ValidationError, match="keywords property"):
        Meta.model_validate({**meta, "keywords": ["词" * 100] * 3})


def test_a_plan_finds_figures_by_id_and_is_immutable(plan):
    assert plan.figure("industrial").value == 288
    assert set(plan.figures_by_id()) == {figure.id for figure in plan.figures}
    with pytest.raises(KeyError):
        plan.figure("nothing")
    with pytest.raises(ValidationError):
        plan.figures[0].value = 1  # type: ignore[misc]
    assert isinstance(plan, Plan)


def test_a_default_source_serves_every_figure_that_gives_none():
    import pytest
    from chart_fixtures import small_plan_data
    from pydantic import ValidationError

    from gjz_brief.content.model import Plan

    data = small_plan_data()
    data["figures"][0] = {k: v for k, v in data["figures"][0].items() if k != "source"}
    with pytest.raises(ValidationError, match=r"figures\.0\.source"):
        Plan.model_validate(data)
    plan = Plan.model_validate({**data, "default_source": "区统计局内部统计"})
    assert plan.figures[0].source == "区统计局内部统计"
    assert plan.figures[1].source == data["figures"][1]["source"]  # its own stays
