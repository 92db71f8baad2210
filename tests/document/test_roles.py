"""Roles: layouts ask for "the headline figures" or "the milestone line", not for ids."""

from __future__ import annotations

import datetime as dt

from chart_fixtures import small_plan_data

from gjz_brief.content.model import Plan
from gjz_brief.document import tree
from gjz_brief.document.compose import compose_document
from gjz_brief.document.roles import chart_for_role, figures_for_role
from gjz_brief.template.layout import Layout

DATE = dt.date(2020, 4, 30)
ONEPAGE_LIKE = [
    {"kind": "key_figures", "role": "headline", "columns": 3},
    {"kind": "chart", "role": "milestone_line"},
    {"kind": "chart", "role": "industry_structure"},
]


def _plan(**changes) -> Plan:
    data = small_plan_data()
    data.update(changes)
    return Plan.model_validate(data)


def _layout(blocks) -> Layout:
    return Layout.model_validate({"description": "测试", "blocks": blocks})


def test_without_roles_the_defaults_are_the_first_chart_of_each_kind(plan):
    assert chart_for_role(plan, "milestone_line").id == "timeline"
    assert chart_for_role(plan, "industry_structure").id == "structure"
    panel = next(chart for chart in plan.charts if chart.kind == "key_figures")
    assert [f.id for f in figures_for_role(plan, "headline")] == panel.figures
    assert chart_for_role(plan, "something_else") is None
    assert figures_for_role(plan, "something_else") == []


def test_roles_named_in_the_content_win_over_the_defaults():
    data = small_plan_data()
    data["charts"][1] = {**data["charts"][1], "roles": ["milestone_line"]}
    data["figures"][3] = {**data["figures"][3], "roles": ["headline"]}
    data["figures"][0] = {**data["figures"][0], "roles": ["headline", "extra"]}
    plan = Plan.model_validate(data)
    assert chart_for_role(plan, "milestone_line").id == data["charts"][1]["id"]
    assert [f.id for f in figures_for_role(plan, "headline")] == ["industrial", "listed"]
    assert [f.id for f in figures_for_role(plan, "extra")] == ["industrial"]


def test_a_layout_of_roles_builds_any_ids(plan):
    document = compose_document(plan, _layout(ONEPAGE_LIKE), date=DATE)
    kinds = [type(block).__name__ for block in document.blocks]
    assert kinds == ["KeyFigures", "FigureBlock", "FigureBlock"]
    assert [b.chart_id for b in document.blocks[1:]] == ["timeline", "structure"]


def test_a_role_nobody_fills_is_left_out():
    plan = _plan(charts=[], sections=[], tables=[])
    document = compose_document(plan, _layout(ONEPAGE_LIKE), date=DATE)
    assert document.blocks == ()


def test_empty_parts_are_left_out_with_no_boilerplate():
    data = small_plan_data()
    data["meta"] = {
        key: value for key, value in data["meta"].items() if key not in ("source", "source_title")
    }
    for key in ("corrections", "projects", "honours", "measures", "industry"):
        data[key] = []
    data["charts"] = [c for c in data["charts"] if c["kind"] != "structure"]
    data.pop("vision")
    for figure in data["figures"]:
        figure["inferred"] = False
    plan = Plan.model_validate(data)
    blocks = [
        {"kind": kind} for kind in ("corrections", "projects", "measures", "industry", "sources")
    ]
    document = compose_document(plan, _layout(blocks), date=DATE)
    assert document.blocks == ()
    full = compose_document(plan, _layout([{"kind": "figure_table"}]), date=DATE)
    assert isinstance(full.blocks[0], tree.Heading)  # a part with content stays


def test_derived_names_follow_the_title():
    data = small_plan_data()
    data["meta"] = {**data["meta"], "title": "测试区发展简报"}
    plan = Plan.model_validate(data)
    layout = _layout([{"kind": "masthead"}, {"kind": "title"}])
    document = compose_document(plan, layout, date=DATE)
    assert document.meta.header == "测试区发展简报"
    assert document.meta.title == "测试区发展简报"
    assert document.blocks[0].bulletin_name == "测试区发展简报"
    data["meta"] = {**data["meta"], "header": "页眉", "bulletin_name": "某某简报"}
    document = compose_document(Plan.model_validate(data), layout, date=DATE)
    assert (document.meta.header, document.blocks[0].bulletin_name) == ("页眉", "某某简报")
