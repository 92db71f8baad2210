"""progress: how far each figure has come towards its target, or its share of 100 %."""

from __future__ import annotations

from dataclasses import dataclass

from gjz_brief.charts.data import chart_figures
from gjz_brief.charts.layout import body_top, finish, inner_width
from gjz_brief.charts.sketch import Box, Sketch, Stroke
from gjz_brief.charts.style import (
    ACCENT,
    INK,
    LABEL_PT,
    LABEL_ROLE,
    MARGIN_MM,
    MUTED_INK,
    PRIMARY,
    TRACK,
)
from gjz_brief.charts.text import wrap
from gjz_brief.content.chart_rules import progress_fraction, progress_issue
from gjz_brief.content.formatting import format_figure, format_target
from gjz_brief.content.model import ChartSpec, Figure, Plan
from gjz_brief.errors import ContentError, Location, Problem

TRACK_MM = 4.0
TEXT_GAP_MM = 2.0
ROW_GAP_MM = 5.5
STATUS_MAX_SHARE = 0.6  # of the width, for the printed value and target at the right


@dataclass(frozen=True)
class Progress:
    figure: Figure
    fraction: float  # of the track, capped at 1
    status: str  # printed value, and target when there is one
    has_target: bool


def progress_of(spec: ChartSpec, figure: Figure) -> Progress:
    """value/target for a figure with a target; value/100 for a percentage share
    (content.chart_rules.progress_fraction, which validation checks first)."""
    printed = format_figure(figure)
    fraction = progress_fraction(figure)
    if fraction is None:  # only for a plan that skipped validation: its words, exit 2
        position = spec.figures.index(figure.id) if figure.id in spec.figures else 0
        issue = progress_issue(spec, position, figure)
        assert issue is not None
        raise ContentError(
            [Problem(issue.message, Location(field=f"charts.{spec.id}.figures"), issue.hint)]
        )
    has_target = figure.target is not None and figure.target.value > 0
    status = f"{printed}（目标：{format_target(figure)}）" if has_target else printed
    # Filled from 0 to 1: a value beyond its target fills the bar, a negative one leaves it
    # empty; the printed value says which.
    return Progress(figure, min(max(fraction, 0.0), 1.0), status, has_target)


def draw_progress(spec: ChartSpec, plan: Plan, sketch: Sketch) -> Sketch:
    rows = [progress_of(spec, figure) for figure in chart_figures(spec, plan)]
    where = f"charts.{spec.id}"
    fonts = sketch.fonts
    width = inner_width(sketch)
    left, right = MARGIN_MM, MARGIN_MM + width
    y = body_top(sketch) + 1.0
    for row in rows:
        status = wrap(row.status, width * STATUS_MAX_SHARE, fonts, LABEL_ROLE, LABEL_PT)
        status_width = max(fonts.width_mm(line, LABEL_ROLE, LABEL_PT) for line in status)
        name_width = width - status_width - 4.0
        name = wrap(row.figure.name, name_width, fonts, LABEL_ROLE, LABEL_PT)
        name_bottom = sketch.text_block(name, left, y, LABEL_ROLE, LABEL_PT, "left", INK, where)
        status_bottom = sketch.text_block(
            status, right, y, LABEL_ROLE, LABEL_PT, "right", MUTED_INK, where
        )
        track_top = max(name_bottom, status_bottom) + TEXT_GAP_MM
        sketch.add(Box(left, track_top, width, TRACK_MM, TRACK))
        sketch.add(Box(left, track_top, width * row.fraction, TRACK_MM, PRIMARY))
        if row.has_target:
            # The target sits at the end of the track: a red tick marks it.
            tick = ((right, track_top - 1.2), (right, track_top + TRACK_MM + 1.2))
            sketch.add(Stroke(tick, ACCENT, 1.6))
        y = track_top + TRACK_MM + ROW_GAP_MM
    return finish(sketch, y - ROW_GAP_MM + 1.2)
