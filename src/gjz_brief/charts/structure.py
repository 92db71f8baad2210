"""structure: industry frameworks as boxes, one column per group with its fields below.

An inferred framework or group is drawn with dashed outlines and labelled （推断）; a
framework whose parts the article does not list is drawn as one dashed box saying so.
"""

from __future__ import annotations

from gjz_brief.charts.data import chart_frameworks
from gjz_brief.charts.layout import body_top, finish, inner_width, truncate
from gjz_brief.charts.sketch import Box, Sketch
from gjz_brief.charts.style import (
    ACCENT,
    INFERRED_MARK,
    INK,
    LABEL_PT,
    LABEL_ROLE,
    MARGIN_MM,
    MUTED_INK,
    NOTE_PT,
    PRIMARY,
    PRIMARY_LIGHT,
    RULE,
    SMALL_PT,
    SMALL_ROLE,
    WHITE,
)
from gjz_brief.charts.text import wrap
from gjz_brief.content.model import ChartSpec, IndustryFramework, IndustryGroup, Plan

HEADER_PT = 10.0
GROUP_PT = 9.5
COLUMN_GAP_MM = 4.0
FIELD_GAP_MM = 1.8
FRAMEWORK_GAP_MM = 7.0
MAX_COLUMNS = 5
PARTS_NOT_LISTED = "来源未列出组成部分"


def group_label(group: IndustryGroup) -> str:
    return group.name + (INFERRED_MARK if group.inferred else "")


def framework_label(framework: IndustryFramework) -> str:
    return framework.name + (INFERRED_MARK if framework.inferred else "")


def draw_structure(spec: ChartSpec, plan: Plan, sketch: Sketch) -> Sketch:
    where = f"charts.{spec.id}"
    y = body_top(sketch)
    for number, framework in enumerate(chart_frameworks(spec, plan)):
        if number:
            y += FRAMEWORK_GAP_MM
        y = _draw_framework(sketch, framework, y, where)
    return finish(sketch, y)


def _draw_framework(sketch: Sketch, framework: IndustryFramework, top: float, where: str) -> float:
    fonts, width = sketch.fonts, inner_width(sketch)
    marker = 0.7 * HEADER_PT * 25.4 / 72
    header = wrap(framework_label(framework), width - marker - 2.0, fonts, LABEL_ROLE, HEADER_PT)
    sketch.add(Box(MARGIN_MM, top + 0.1 * marker, marker, marker, ACCENT))
    y = (
        sketch.text_block(
            header, MARGIN_MM + marker + 2.0, top, LABEL_ROLE, HEADER_PT, "left", INK, where
        )
        + 3.0
    )
    if not framework.groups:
        text = framework.note or PARTS_NOT_LISTED
        lines = wrap(text, width - 8.0, fonts, SMALL_ROLE, SMALL_PT)
        height = sketch.block_height(len(lines), SMALL_PT) + 6.0
        sketch.add(Box(MARGIN_MM, y, width, height, None, RULE, 0.8, dashed=True))
        sketch.middle_block(
            lines,
            MARGIN_MM + width / 2,
            y + height / 2,
            SMALL_ROLE,
            SMALL_PT,
            "center",
            MUTED_INK,
            where,
        )
        return y + height
    groups = list(framework.groups)
    columns = min(len(groups), MAX_COLUMNS)
    for start in range(0, len(groups), columns):
        if start:
            y += COLUMN_GAP_MM
        row = groups[start : start + columns]
        y = _draw_group_row(sketch, row, columns, framework, y, where)
    if framework.note:
        note = wrap("注：" + framework.note, width, fonts, SMALL_ROLE, NOTE_PT, balanced=False)
        note = truncate(note, 3, width, fonts, SMALL_ROLE, NOTE_PT)
        y = sketch.text_block(
            note, MARGIN_MM, y + 2.0, SMALL_ROLE, NOTE_PT, "left", MUTED_INK, where
        )
    return y


def _draw_group_row(
    sketch: Sketch,
    groups: list[IndustryGroup],
    columns: int,
    framework: IndustryFramework,
    top: float,
    where: str,
) -> float:
    """One row of group columns; a short last row keeps the column width and is centred."""
    fonts = sketch.fonts
    column = (inner_width(sketch) - (columns - 1) * COLUMN_GAP_MM) / columns
    offset = (columns - len(groups)) * (column + COLUMN_GAP_MM) / 2
    text_width = column - 4.0
    names = [wrap(group_label(g), text_width, fonts, LABEL_ROLE, GROUP_PT) for g in groups]
    name_height = max(sketch.block_height(len(lines), GROUP_PT) for lines in names) + 5.0
    bottom = top + name_height
    for number, (group, name) in enumerate(zip(groups, names, strict=True)):
        x = MARGIN_MM + offset + number * (column + COLUMN_GAP_MM)
        inferred = group.inferred or framework.inferred
        fill, ink = (WHITE, PRIMARY) if inferred else (PRIMARY, WHITE)
        sketch.add(Box(x, top, column, name_height, fill, PRIMARY, 1.0, dashed=inferred))
        sketch.middle_block(
            name, x + column / 2, top + name_height / 2, LABEL_ROLE, GROUP_PT, "center", ink, where
        )
        y = top + name_height
        for field in group.fields:
            lines = wrap(field, text_width, fonts, LABEL_ROLE, LABEL_PT)
            height = sketch.block_height(len(lines), LABEL_PT) + 3.6
            y += FIELD_GAP_MM
            edge = PRIMARY if inferred else None
            sketch.add(Box(x, y, column, height, PRIMARY_LIGHT, edge, 0.6, dashed=inferred))
            sketch.middle_block(
                lines,
                x + column / 2,
                y + height / 2,
                LABEL_ROLE,
                LABEL_PT,
                "center",
                INK if not inferred else MUTED_INK,
                where,
            )
            y += height
        bottom = max(bottom, y)
    return bottom
