"""bar: the listed figures as horizontal bars, labelled with their values as printed."""

from __future__ import annotations

from gjz_brief.charts.data import chart_figures
from gjz_brief.charts.layout import draw_title, finish, inner_width
from gjz_brief.charts.sketch import Box, Sketch, Stroke
from gjz_brief.charts.style import (
    INK,
    LABEL_PT,
    LABEL_ROLE,
    MARGIN_MM,
    PRIMARY,
    RULE,
    VALUE_PT,
)
from gjz_brief.charts.text import wrap
from gjz_brief.content.formatting import format_figure
from gjz_brief.content.model import ChartSpec, Figure, Plan
from gjz_brief.errors import Location, RenderError

NAME_MAX_MM = 44.0
BAR_MM = 5.5
ROW_GAP_MM = 3.5
LABEL_GAP_MM = 2.0


def bar_labels(figures: list[Figure]) -> list[str]:
    """The value label of each bar: the figure as printed ("50余家", never a bare 50)."""
    return [format_figure(figure) for figure in figures]


def _check(spec: ChartSpec, figures: list[Figure]) -> None:
    where = Location(field=f"charts.{spec.id}.figures")
    units = sorted({figure.unit for figure in figures})
    if len(units) > 1:
        raise RenderError(
            f"the bar chart {spec.id!r} mixes units ({'、'.join(units)}) on one scale",
            where,
            hint="draw figures with the same unit in one bar chart",
        )
    negative = [figure.id for figure in figures if figure.value < 0]
    if negative:
        raise RenderError(f"the bar chart {spec.id!r} cannot draw negative {negative[0]!r}", where)


def draw_bar(spec: ChartSpec, plan: Plan, sketch: Sketch) -> Sketch:
    figures = chart_figures(spec, plan)
    _check(spec, figures)
    where = f"charts.{spec.id}"
    fonts = sketch.fonts
    top = draw_title(sketch, spec.title, where) + 1.0

    names = [wrap(figure.name, NAME_MAX_MM, fonts, LABEL_ROLE, LABEL_PT) for figure in figures]
    name_width = max(
        fonts.width_mm(line, LABEL_ROLE, LABEL_PT) for lines in names for line in lines
    )
    labels = bar_labels(figures)
    label_width = max(fonts.width_mm(label, LABEL_ROLE, VALUE_PT) for label in labels)
    bar_left = MARGIN_MM + name_width + 3.0
    bar_span = MARGIN_MM + inner_width(sketch) - label_width - LABEL_GAP_MM - bar_left
    largest = max(figure.value for figure in figures) or 1.0

    y = top
    for figure, name_lines, label in zip(figures, names, labels, strict=True):
        row = max(sketch.block_height(len(name_lines), LABEL_PT), BAR_MM)
        centre = y + row / 2
        sketch.middle_block(
            name_lines, bar_left - 3.0, centre, LABEL_ROLE, LABEL_PT, "right", INK, where
        )
        length = bar_span * figure.value / largest
        sketch.add(Box(bar_left, centre - BAR_MM / 2, length, BAR_MM, PRIMARY))
        label_x = bar_left + length + LABEL_GAP_MM
        sketch.middle_block([label], label_x, centre, LABEL_ROLE, VALUE_PT, "left", INK, where)
        y += row + ROW_GAP_MM
    sketch.add(Stroke(((bar_left, top - 1.0), (bar_left, y - ROW_GAP_MM + 1.0)), RULE, 0.8))
    return finish(sketch, y - ROW_GAP_MM)
