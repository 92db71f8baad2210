"""Timelines: milestones, their goals and headings, the city horizon."""

from __future__ import annotations

import pytest
from chart_layout_checks import sketch_problems

from gjz_brief.charts import sketch_chart
from gjz_brief.charts.sketch import Dot, Stroke, TextLine
from gjz_brief.charts.timeline import goal_text, heading_text
from gjz_brief.content.model import Plan


def _spec(plan: Plan, kind: str):  # noqa: ANN202
    return next(spec for spec in plan.charts if spec.kind == kind)


def test_timeline_styles_the_city_horizon_differently(plan: Plan, fonts) -> None:  # noqa: ANN001
    sketch = sketch_chart(_spec(plan, "timeline"), plan, fonts)
    years = [t for t in sketch.texts if t.isdigit()]
    assert years == ["2020", "2030", "2035", "2049"]
    dashed = [s for s in sketch.shapes if isinstance(s, Stroke) and s.dashed]
    solid = [s for s in sketch.shapes if isinstance(s, Stroke) and not s.dashed]
    dots = [s for s in sketch.shapes if isinstance(s, Dot)]
    assert len(dashed) == 1 and len(solid) == 1
    # The dashed stretch leads to the 2049 dot, the solid one ends at 2035.
    assert dashed[0].points[0][0] == pytest.approx(dots[2].x)
    assert dashed[0].points[1][0] > dots[3].x
    assert dots[3].fill != dots[0].fill


def test_timeline_wraps_long_goals_inside_their_slot(plan: Plan, fonts) -> None:  # noqa: ANN001
    sketch = sketch_chart(_spec(plan, "timeline"), plan, fonts)
    goal_lines = [s for s in sketch.shapes if isinstance(s, TextLine) and s.role == "body"]
    slot = (sketch.width - 6.0) / 4
    assert len(goal_lines) > 4  # the 2035 goal needs several lines
    for line in goal_lines:
        assert sketch.fonts.width_mm(line.text, line.role, line.size_pt) <= slot - 4.0 + 1e-6
    assert "".join(goal_lines[i].text for i in range(len(goal_lines))).startswith("力争全面建成")
    assert sketch_problems(sketch) == []


def test_goal_and_heading_texts(plan: Plan) -> None:
    by_year = {m.year: m for m in plan.milestones}
    assert goal_text(by_year[2020]).startswith("力争全面建成")
    assert heading_text(by_year[2030]) == ""  # "到2030年" only repeats the year
    colon = by_year[2049].model_copy(update={"goal": "《大连2049城市愿景规划》远景年：说明文字"})
    assert goal_text(colon) == "《大连2049城市愿景规划》远景年"
