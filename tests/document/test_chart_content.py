"""What a chart shows, as document-tree data for renderers that build it as live content."""

from __future__ import annotations

import pytest

from gjz_brief.content.formatting import format_figure
from gjz_brief.content.model import ChartSpec, Figure
from gjz_brief.document import tree
from gjz_brief.document.chart_content import chart_content, number_format


def _figure(value: float, unit: str = "", qualifier: str = "", **extra) -> Figure:
    return Figure.model_validate(
        {"id": "f", "name": "指标", "kind": "count", "value": value, "unit": unit,
         "qualifier": qualifier, "source": "原文。", **extra}
    )  # fmt: skip


@pytest.mark.parametrize(
    ("figure", "code"),
    [
        (_figure(50, "家", "余"), '0"余家"'),
        (_figure(42, "亿元", "超"), '"超"0"亿元"'),
        (_figure(288, "家"), '0"家"'),
        (_figure(38.86, "%", kind="share"), '0.00"%"'),
        (_figure(5), "0"),
        (_figure(20000, "人", "多", printed="两万多人"), ""),  # words: no format prints it
    ],
)
def test_number_format_prints_the_value_as_the_text_does(figure, code):
    assert number_format(figure) == code


def _specs(plan):
    return {spec.kind: spec for spec in plan.charts}


def test_bar_points_carry_the_printed_labels(builtin_plan):
    spec = _specs(builtin_plan)["bar"]
    content = chart_content(spec, builtin_plan)
    assert isinstance(content, tree.NumericChart) and content.kind == "bar"
    figures = {f.id: f for f in builtin_plan.figures}
    drawn = [figures[i] for i in spec.figures]
    assert [p.name for p in content.points] == [f.name for f in drawn]
    assert [p.value for p in content.points] == [f.value for f in drawn]
    assert [p.label for p in content.points] == [format_figure(f) for f in drawn]
    assert "50余家" in [p.label for p in content.points]
    assert content.value_title == "数值（家）"  # one unit for every bar


def test_progress_points_measure_against_the_target(builtin_plan):
    content = chart_content(_specs(builtin_plan)["progress"], builtin_plan)
    assert isinstance(content, tree.NumericChart) and content.kind == "progress"
    by_name = {p.name: p for p in content.points}
    enterprises = by_name["高新技术企业总数"]
    assert (enterprises.value, enterprises.target, enterprises.percent) == (177, 200, 88.5)
    assert enterprises.label == "177家（目标：力争突破200家）"
    assert enterprises.number_format == ""  # a label with its target is text
    assert all(p.percent is not None and 0 <= p.percent <= 100 for p in content.points)


def test_timeline_structure_and_key_figures(builtin_plan):
    specs = _specs(builtin_plan)
    timeline = chart_content(specs["timeline"], builtin_plan)
    assert isinstance(timeline, tree.TimelineChart)
    years = [year for year, _, _ in timeline.milestones]
    assert years == sorted(years) and "2035年" in years
    structure = chart_content(specs["structure"], builtin_plan)
    assert isinstance(structure, tree.StructureChart)
    names = [name for name, _ in structure.frameworks]
    assert any("（推断）" in name for name in names)  # inferences stay marked
    panel = chart_content(specs["key_figures"], builtin_plan)
    assert isinstance(panel, tree.KeyFiguresChart)
    assert "超800亿元" in [tile.value for tile in panel.tiles]
    assert panel.columns == 3


def test_a_kind_without_a_content_form_gives_none(builtin_plan):
    spec = ChartSpec.model_construct(id="x", kind="unknown", title="标题", figures=[])
    assert chart_content(spec, builtin_plan) is None
