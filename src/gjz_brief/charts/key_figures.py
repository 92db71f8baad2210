"""key_figures: a panel of tiles, each the printed value large over the figure's name."""

from __future__ import annotations

from gjz_brief.charts.data import chart_figures
from gjz_brief.charts.layout import body_top, finish, inner_width
from gjz_brief.charts.sketch import Box, Sketch
from gjz_brief.charts.style import (
    ACCENT,
    FAINT_INK,
    LABEL_ROLE,
    MARGIN_MM,
    MUTED_INK,
    NOTE_PT,
    SMALL_PT,
    SMALL_ROLE,
    TILE,
    TILE_VALUE_PT,
)
from gjz_brief.charts.text import wrap
from gjz_brief.content.formatting import format_figure
from gjz_brief.content.model import ChartSpec, Plan

TILE_GAP_MM = 3.0
PADDING_MM = 2.5
MIN_VALUE_PT = 11.0


def columns_for(count: int) -> int:
    if count <= 4:
        return count
    return 3 if count in (5, 6, 9) else 4


def draw_key_figures(spec: ChartSpec, plan: Plan, sketch: Sketch) -> Sketch:
    figures = chart_figures(spec, plan)
    where = f"charts.{spec.id}"
    fonts = sketch.fonts
    columns = columns_for(len(figures))
    tile = (inner_width(sketch) - (columns - 1) * TILE_GAP_MM) / columns
    text_width = tile - 2 * PADDING_MM

    values = [format_figure(figure) for figure in figures]
    # One value size for the whole panel: the largest at which every value fits its tile.
    size = TILE_VALUE_PT
    while size > MIN_VALUE_PT and any(
        fonts.width_mm(value, LABEL_ROLE, size) > text_width for value in values
    ):
        size -= 0.5
    value_lines = [wrap(value, text_width, fonts, LABEL_ROLE, size) for value in values]
    name_lines = [wrap(figure.name, text_width, fonts, SMALL_ROLE, SMALL_PT) for figure in figures]
    period_lines = [
        wrap(f"（{figure.period}）", text_width, fonts, SMALL_ROLE, NOTE_PT)
        if figure.period
        else []
        for figure in figures
    ]

    def tile_height(index: int) -> float:
        height = 2 * PADDING_MM + sketch.block_height(len(value_lines[index]), size)
        height += 2.0 + sketch.block_height(len(name_lines[index]), SMALL_PT)
        if period_lines[index]:
            height += 1.0 + sketch.block_height(len(period_lines[index]), NOTE_PT)
        return height

    y = body_top(sketch)
    for start in range(0, len(figures), columns):
        indexes = range(start, min(start + columns, len(figures)))
        height = max(tile_height(index) for index in indexes)
        # A short last row is centred under the full rows.
        offset = (columns - len(indexes)) * (tile + TILE_GAP_MM) / 2
        for slot, index in enumerate(indexes):
            x = MARGIN_MM + offset + slot * (tile + TILE_GAP_MM)
            centre = x + tile / 2
            sketch.add(Box(x, y, tile, height, TILE))
            text_y = sketch.text_block(
                value_lines[index],
                centre,
                y + PADDING_MM,
                LABEL_ROLE,
                size,
                "center",
                ACCENT,
                where,
            )
            text_y = sketch.text_block(
                name_lines[index],
                centre,
                text_y + 2.0,
                SMALL_ROLE,
                SMALL_PT,
                "center",
                MUTED_INK,
                where,
            )
            if period_lines[index]:
                sketch.text_block(
                    period_lines[index],
                    centre,
                    text_y + 1.0,
                    SMALL_ROLE,
                    NOTE_PT,
                    "center",
                    FAINT_INK,
                    where,
                )
        y += height + TILE_GAP_MM
    return finish(sketch, y - TILE_GAP_MM)
