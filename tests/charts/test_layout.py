"""Layout pieces shared by the chart kinds: where the body starts (no title: issue #19),
truncation, the chart's height."""

from __future__ import annotations

from gjz_brief.charts import sketch_chart
from gjz_brief.charts.layout import ELLIPSIS, body_top, finish, inner_width, truncate
from gjz_brief.charts.sketch import Box, Sketch, TextLine
from gjz_brief.charts.style import MARGIN_MM
from gjz_brief.charts.text import ChartFonts
from gjz_brief.content.model import Plan


def test_the_body_starts_at_the_top_margin(fonts):
    sketch = Sketch(ChartFonts(fonts, ("heading", "body")))
    assert body_top(sketch) == MARGIN_MM
    assert not sketch.shapes  # nothing drawn above the body
    assert inner_width(sketch) == sketch.width - 2 * MARGIN_MM
    assert finish(sketch, 50.04).height == round(50.04 + MARGIN_MM, 1)


def test_no_chart_draws_a_title_of_its_own(plan: Plan, fonts) -> None:  # noqa: ANN001
    """A Chinese report gives a figure one title, its caption 图N　… under it; a title drawn
    inside the chart as well (图1 甘井子区核心指标 under a chart titled 核心指标) is a
    proofreader's mark (issue #19). The chart's body starts at its top margin."""
    assert {spec.kind for spec in plan.charts} == {
        "timeline", "bar", "progress", "structure", "key_figures"
    }  # fmt: skip
    for spec in plan.charts:
        titled = spec.model_copy(update={"title": "这是不应画出的图内标题"})
        sketch = sketch_chart(titled, plan, fonts)
        assert "这是不应画出的图内标题" not in "".join(sketch.texts), spec.kind
        assert sketch.texts, spec.kind  # the chart still has its labels
        tops = [
            t.baseline - t.size_pt * 25.4 / 72 for t in sketch.shapes if isinstance(t, TextLine)
        ]
        tops += [b.top for b in sketch.shapes if isinstance(b, Box)]
        assert min(tops) < 8.0, spec.kind  # no room kept for a title (the body began ≥ 12 mm)


def test_a_cut_is_marked_and_fits(fonts):
    chart_fonts = ChartFonts(fonts, ("heading", "body"))
    lines = ["第一行文字很长很长", "第二行", "第三行"]
    assert truncate(lines, 3, 30.0, chart_fonts, "body", 9.0) == lines
    kept = truncate(lines, 1, 20.0, chart_fonts, "body", 9.0)
    assert len(kept) == 1 and kept[0].endswith(ELLIPSIS)
    assert chart_fonts.width_mm(kept[0], "body", 9.0) <= 20.0
