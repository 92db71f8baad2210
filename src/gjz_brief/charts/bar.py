"""bar: the listed figures as horizontal bars from a zero axis, labelled with their values as
printed; negative values extend to the left of the axis."""

from __future__ import annotations

from gjz_brief.charts.data import chart_figures
from gjz_brief.charts.layout import body_top, finish, inner_width
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

NAME_MAX_MM = 44.0
BAR_MM = 5.5
ROW_GAP_MM = 3.5
LABEL_GAP_MM = 2.0


def bar_labels(figures: list[Figure]) -> list[str]:
    """The value label of each bar: the figure as printed ("50余家", never a bare 50)."""
    return [format_figure(figure) for figure in figures]


def draw_bar(spec: ChartSpec, plan: Plan, sketch: Sketch) -> Sketch:
    """Bars from a zero axis: a negative value is drawn to the left of the axis (below zero),
    with its label at its end, as a positive one is drawn to the right."""
    figures = chart_figures(spec, plan)
    where = f"charts.{spec.id}"
    fonts = sketch.fonts
    top = body_top(sketch) + 1.0

    names = [wrap(figure.name, NAME_MAX_MM, fonts, LABEL_ROLE, LABEL_PT) for figure in figures]
    name_width = max(
        fonts.width_mm(line, LABEL_ROLE, LABEL_PT) for lines in names for line in lines
    )
    labels = bar_labels(figures)
    widths = [fonts.width_mm(label, LABEL_ROLE, VALUE_PT) for label in labels]
    negative = [w for w, f in zip(widths, figures, strict=True) if f.value < 0]
    positive = [w for w, f in zip(widths, figures, strict=True) if f.value >= 0]
    name_edge = MARGIN_MM + name_width + 3.0
    plot_left = name_edge + (max(negative) + LABEL_GAP_MM if negative else 0.0)
    plot_right = (
        MARGIN_MM + inner_width(sketch) - (max(positive) + LABEL_GAP_MM if positive else 0.0)
    )
    low = min(0.0, *(figure.value for figure in figures))
    high = max(0.0, *(figure.value for figure in figures))
    if high == low:
        high = low + 1.0  # every value is 0: no bar, the axis at the left

    def x_of(value: float) -> float:
        return plot_left + (value - low) / (high - low) * (plot_right - plot_left)

    axis = x_of(0.0)
    y = top
    for figure, name_lines, label in zip(figures, names, labels, strict=True):
        row = max(sketch.block_height(len(name_lines), LABEL_PT), BAR_MM)
        centre = y + row / 2
        sketch.middle_block(
            name_lines, name_edge - 3.0, centre, LABEL_ROLE, LABEL_PT, "right", INK, where
        )
        end = x_of(figure.value)
        sketch.add(Box(min(axis, end), centre - BAR_MM / 2, abs(end - axis), BAR_MM, PRIMARY))
        if figure.value < 0:
            sketch.middle_block(
                [label], end - LABEL_GAP_MM, centre, LABEL_ROLE, VALUE_PT, "right", INK, where
            )
        else:
            sketch.middle_block(
                [label], end + LABEL_GAP_MM, centre, LABEL_ROLE, VALUE_PT, "left", INK, where
            )
        y += row + ROW_GAP_MM
    sketch.add(Stroke(((axis, top - 1.0), (axis, y - ROW_GAP_MM + 1.0)), RULE, 0.8))
    return finish(sketch, y - ROW_GAP_MM)
