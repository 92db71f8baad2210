"""Bar charts: labels as printed, lengths, negative values, one unit."""

from __future__ import annotations

import pytest
from chart_layout_checks import sketch_problems

from gjz_brief.charts import chart_figure, sketch_chart
from gjz_brief.charts.bar import bar_labels
from gjz_brief.charts.data import chart_figures
from gjz_brief.charts.sketch import Box, Stroke, TextLine
from gjz_brief.content.model import Plan
from gjz_brief.errors import ContentError


def _spec(plan: Plan, kind: str):  # noqa: ANN202
    return next(spec for spec in plan.charts if spec.kind == kind)


def test_bar_labels_keep_the_qualifier(plan: Plan) -> None:
    figures = chart_figures(_spec(plan, "bar"), plan)
    assert bar_labels(figures) == ["288家", "188家", "250家", "17家", "50余家"]


def test_bar_figure_texts_show_the_printed_values(plan: Plan, fonts) -> None:  # noqa: ANN001
    figure = chart_figure(_spec(plan, "bar"), plan, fonts)
    texts = [text.get_text() for text in figure.findobj(lambda a: hasattr(a, "get_text"))]
    assert "50余家" in texts and "288家" in texts
    assert "50家" not in texts and "50" not in texts
    assert "甘井子区企业基础" not in texts  # one title: the numbered caption (issue #19)


def test_bar_lengths_follow_the_values(plan: Plan, fonts) -> None:  # noqa: ANN001
    sketch = sketch_chart(_spec(plan, "bar"), plan, fonts)
    bars = [box for box in sketch.shapes if isinstance(box, Box)]
    assert len(bars) == 5
    assert bars[0].width / bars[1].width == pytest.approx(288 / 188)
    assert bars[3].width / bars[0].width == pytest.approx(17 / 288)


def test_bar_chart_refuses_mixed_units(plan: Plan, fonts) -> None:  # noqa: ANN001
    # An input error (exit 2), with validation's words: content.chart_rules says it for both.
    spec = _spec(plan, "bar").model_copy(update={"figures": ["industrial", "loans"]})
    with pytest.raises(ContentError, match="mixes units"):
        sketch_chart(spec, plan, fonts)


def test_negative_bars_are_drawn_left_of_the_axis(plan: Plan, fonts) -> None:  # noqa: ANN001
    figures = [
        f.model_copy(update={"value": value, "kind": "other", "unit": "%"})
        for f, value in zip(plan.figures[:3], (12.5, -4.0, 0.0), strict=True)
    ]
    changed = plan.model_copy(update={"figures": figures + plan.figures[3:]})
    spec = _spec(plan, "bar").model_copy(update={"figures": [f.id for f in figures]})
    sketch = sketch_chart(spec, changed, fonts)
    bars = [box for box in sketch.shapes if isinstance(box, Box)]
    (axis,) = [s for s in sketch.shapes if isinstance(s, Stroke)]
    zero = axis.points[0][0]
    up, down, flat = bars
    assert up.x == pytest.approx(zero) and up.width > 0
    assert down.x + down.width == pytest.approx(zero) and down.width > 0
    assert down.width / up.width == pytest.approx(4.0 / 12.5)
    assert flat.width == pytest.approx(0.0)
    labels = {t.text: t for t in sketch.shapes if isinstance(t, TextLine)}
    assert labels["-4%"].x < down.x  # the label sits at the bar's end, left of it
    assert labels["12.5%"].x > up.x + up.width
    assert sketch_problems(sketch) == []
