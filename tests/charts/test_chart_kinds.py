"""What each chart kind draws: printed values, targets, inference marks, the horizon."""

from __future__ import annotations

import pytest
from chart_layout_checks import sketch_problems

from gjz_brief.charts import chart_figure, sketch_chart
from gjz_brief.charts.bar import bar_labels
from gjz_brief.charts.data import chart_figures
from gjz_brief.charts.progress import progress_of
from gjz_brief.charts.sketch import Box, Dot, Sketch, Stroke, TextLine
from gjz_brief.charts.structure import PARTS_NOT_LISTED
from gjz_brief.charts.text import ChartFonts
from gjz_brief.charts.timeline import goal_text, heading_text
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
    assert "甘井子区企业基础" in texts


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


def test_progress_uses_target_or_share(plan: Plan) -> None:
    spec = _spec(plan, "progress")
    high_tech, share, rate = (progress_of(spec, f) for f in chart_figures(spec, plan))
    assert high_tech.fraction == pytest.approx(177 / 200)
    assert high_tech.status == "177家（目标：力争突破200家）"
    assert share.fraction == pytest.approx(0.3886) and share.status == "38.86%"
    assert rate.fraction == pytest.approx(0.983) and rate.status == "98.3%"


def test_progress_marks_the_target_in_red(plan: Plan, fonts) -> None:  # noqa: ANN001
    sketch = sketch_chart(_spec(plan, "progress"), plan, fonts)
    ticks = [s for s in sketch.shapes if isinstance(s, Stroke) and s.color == "#C00000"]
    assert len(ticks) == 1  # only the figure with a target has a target tick
    assert "177家（目标：力争突破200家）" in sketch.texts


def test_progress_refuses_a_figure_without_target_or_share(plan: Plan, fonts) -> None:  # noqa: ANN001
    spec = _spec(plan, "progress").model_copy(update={"figures": ["industrial"]})
    with pytest.raises(ContentError, match="neither a target nor"):
        sketch_chart(spec, plan, fonts)


def test_structure_marks_inferences_and_missing_parts(plan: Plan, fonts) -> None:  # noqa: ANN001
    sketch = sketch_chart(_spec(plan, "structure"), plan, fonts)
    texts = sketch.texts
    assert "“3+3”现代产业发展格局（推断）" in texts
    assert "先进制造业（推断）" in texts and "现代服务业（推断）" in texts
    assert "四大产业集群" in texts  # stated in the article: no mark
    for field in ("高端装备", "人工智能", "生物医药", "科技服务", "商贸物流", "文化旅游"):
        assert field in texts
    for cluster in ("先进制造", "高新技术"):
        assert cluster in texts
    assert PARTS_NOT_LISTED in texts  # "2213" has no parts in the content
    dashed = [s for s in sketch.shapes if isinstance(s, Box) and s.dashed]
    assert len(dashed) == 2 + 6 + 1  # inferred groups and fields, and the empty framework


def test_key_figures_show_printed_value_and_name(plan: Plan, fonts) -> None:  # noqa: ANN001
    sketch = sketch_chart(_spec(plan, "key_figures"), plan, fonts)
    texts = sketch.texts
    for value in ("288家", "50余家", "68亿元", "超42亿元", "38.86%"):
        assert value in texts
    assert "规模以上工业企业" in texts
    assert "（2020年一季度）" in texts
    tiles = [s for s in sketch.shapes if isinstance(s, Box)]
    assert len(tiles) == 5
    assert len({(tile.width, tile.height) for tile in tiles[:3]}) == 1


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


def test_layout_checker_detects_overlap_and_clipping(fonts) -> None:  # noqa: ANN001
    sketch = Sketch(ChartFonts(fonts, ("heading", "body")), height=20.0)
    sketch.add(TextLine(10.0, 10.0, "甘井子区", "heading", 9.0))
    sketch.add(TextLine(12.0, 10.0, "枢纽新城", "heading", 9.0))  # on top of the first
    sketch.add(TextLine(148.0, 19.5, "大连", "heading", 9.0))  # runs off the right edge
    sketch.add(Box(5.0, 8.0, 10.0, 5.0, "#000000"))  # cuts through the first text
    problems = sketch_problems(sketch)
    assert any("overlap" in p for p in problems)
    assert any("outside" in p for p in problems)
    assert any("cuts the edge" in p for p in problems)
