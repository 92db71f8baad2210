"""Layout pieces shared by the chart kinds: the title, truncation, the chart's height."""

from __future__ import annotations

from gjz_brief.charts.layout import ELLIPSIS, draw_title, finish, inner_width, truncate
from gjz_brief.charts.sketch import Sketch
from gjz_brief.charts.style import MARGIN_MM
from gjz_brief.charts.text import ChartFonts


def test_the_title_is_centred_at_the_top_and_the_body_starts_below(fonts):
    sketch = Sketch(ChartFonts(fonts, ("heading", "body")))
    body = draw_title(sketch, "甘井子区企业基础", "charts.x.title")
    (title,) = sketch.shapes
    assert title.align == "center" and title.x == sketch.width / 2
    assert body > title.baseline > MARGIN_MM
    assert inner_width(sketch) == sketch.width - 2 * MARGIN_MM
    assert finish(sketch, 50.04).height == round(50.04 + MARGIN_MM, 1)


def test_a_cut_is_marked_and_fits(fonts):
    chart_fonts = ChartFonts(fonts, ("heading", "body"))
    lines = ["第一行文字很长很长", "第二行", "第三行"]
    assert truncate(lines, 3, 30.0, chart_fonts, "body", 9.0) == lines
    kept = truncate(lines, 1, 20.0, chart_fonts, "body", 9.0)
    assert len(kept) == 1 and kept[0].endswith(ELLIPSIS)
    assert chart_fonts.width_mm(kept[0], "body", 9.0) <= 20.0
