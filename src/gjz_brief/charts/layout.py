"""Layout pieces shared by the chart kinds: the title and line truncation."""

from __future__ import annotations

from gjz_brief.charts.sketch import Sketch
from gjz_brief.charts.style import INK, LABEL_ROLE, MARGIN_MM, TITLE_PT
from gjz_brief.charts.text import ChartFonts, wrap

TITLE_GAP_MM = 4.0
ELLIPSIS = "……"


def inner_width(sketch: Sketch) -> float:
    return sketch.width - 2 * MARGIN_MM


def draw_title(sketch: Sketch, title: str, where: str) -> float:
    """The chart title, centred at the top; returns where the chart body may start."""
    lines = wrap(title, inner_width(sketch) - 10.0, sketch.fonts, LABEL_ROLE, TITLE_PT)
    bottom = sketch.text_block(
        lines, sketch.width / 2, MARGIN_MM, LABEL_ROLE, TITLE_PT, "center", INK, where
    )
    return bottom + TITLE_GAP_MM


def truncate(
    lines: list[str], max_lines: int, width_mm: float, fonts: ChartFonts, role: str, size: float
) -> list[str]:
    """At most max_lines lines; a cut is marked with …… at the end of the last line kept."""
    if len(lines) <= max_lines:
        return lines
    kept = lines[:max_lines]
    last = kept[-1]
    while last and fonts.width_mm(last + ELLIPSIS, role, size) > width_mm:
        last = last[:-1]
    kept[-1] = last.rstrip("，、；：。") + ELLIPSIS
    return kept


def finish(sketch: Sketch, bottom: float) -> Sketch:
    sketch.height = round(bottom + MARGIN_MM, 1)
    return sketch
