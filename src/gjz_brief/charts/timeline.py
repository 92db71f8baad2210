"""timeline: the plan's milestones on one axis; the city's horizon dashed and grey."""

from __future__ import annotations

import re

from gjz_brief.charts.data import chart_milestones
from gjz_brief.charts.layout import body_top, finish, inner_width, truncate
from gjz_brief.charts.sketch import Dot, Sketch, Stroke
from gjz_brief.charts.style import (
    ACCENT,
    FAINT_INK,
    INK,
    LABEL_ROLE,
    MARGIN_MM,
    MUTED_INK,
    PT_MM,
    SMALL_PT,
    SMALL_ROLE,
    YEAR_PT,
)
from gjz_brief.charts.text import fit, wrap
from gjz_brief.content.model import ChartSpec, Milestone, Plan

SLOT_GAP_MM = 4.0
GOAL_SIZES = (8.5, 8.0, 7.5)
GOAL_MAX_LINES = 8
CITY_TAG = "城市远景"


def goal_text(milestone: Milestone) -> str:
    """The label drawn under a milestone: its goal, led by its intent wording (力争).

    A goal written as "主题：说明" is labelled with the part before the colon only.
    """
    goal = milestone.goal.strip().rstrip("。；;")
    head, colon, _ = goal.partition("：")
    if colon and len(head) >= 4:
        goal = head
    if milestone.intent and not goal.startswith(milestone.intent):
        return milestone.intent + goal
    return goal


def heading_text(milestone: Milestone) -> str:
    """The milestone's label when it adds something to the year ("到2030年" does not)."""
    label = milestone.label.strip()
    if re.fullmatch(rf"(到|至|于)?{milestone.year}年?", label):
        return ""
    return label


def draw_timeline(spec: ChartSpec, plan: Plan, sketch: Sketch) -> Sketch:
    milestones = chart_milestones(spec, plan)
    where = f"charts.{spec.id}"
    top = body_top(sketch)
    slot = inner_width(sketch) / len(milestones)
    centres = [MARGIN_MM + slot * (number + 0.5) for number in range(len(milestones))]
    text_width = slot - SLOT_GAP_MM

    axis_y = top + sketch.block_height(1, YEAR_PT) + 4.0
    label_top = axis_y + 4.5
    bottom = label_top
    for milestone, centre in zip(milestones, centres, strict=True):
        city = milestone.scope == "city"
        sketch.text_block(
            [str(milestone.year)],
            centre,
            top,
            LABEL_ROLE,
            YEAR_PT,
            "center",
            FAINT_INK if city else INK,
            where,
        )
        y = label_top
        heading = heading_text(milestone)
        tag = CITY_TAG if city else ""
        for text, color in ((heading, MUTED_INK), (tag, FAINT_INK)):
            if text:
                lines = wrap(text, text_width, sketch.fonts, LABEL_ROLE, SMALL_PT)
                y = sketch.text_block(
                    lines, centre, y, LABEL_ROLE, SMALL_PT, "center", color, where
                )
                y += 1.2
        lines, size = fit(goal_text(milestone), text_width, sketch.fonts, SMALL_ROLE, GOAL_SIZES, 6)
        lines = truncate(lines, GOAL_MAX_LINES, text_width, sketch.fonts, SMALL_ROLE, size)
        y = sketch.text_block(
            lines, centre, y, SMALL_ROLE, size, "center", MUTED_INK if city else INK, where
        )
        bottom = max(bottom, y)

    _draw_axis(sketch, milestones, centres, axis_y, slot)
    return finish(sketch, bottom)


def _draw_axis(
    sketch: Sketch, milestones: list[Milestone], centres: list[float], axis_y: float, slot: float
) -> None:
    start = MARGIN_MM + 1.0
    end = centres[-1] + min(slot / 2 - 1.0, 12.0)
    district = [c for m, c in zip(milestones, centres, strict=True) if m.scope != "city"]
    solid_end = district[-1] if district else start
    if district:
        sketch.add(Stroke(((start, axis_y), (solid_end, axis_y)), MUTED_INK, 1.4))
    if solid_end < end and any(m.scope == "city" for m in milestones):
        sketch.add(Stroke(((solid_end, axis_y), (end, axis_y)), FAINT_INK, 1.2, dashed=True))
    elif solid_end < end:
        sketch.add(Stroke(((solid_end, axis_y), (end, axis_y)), MUTED_INK, 1.4))
    radius = 0.75 * YEAR_PT * PT_MM / 2
    for milestone, centre in zip(milestones, centres, strict=True):
        if milestone.scope == "city":
            sketch.add(Dot(centre, axis_y, radius, "#FFFFFF", FAINT_INK, 1.2))
        else:
            sketch.add(Dot(centre, axis_y, radius, ACCENT, ACCENT, 1.0))
