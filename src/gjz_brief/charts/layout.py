"""Layout pieces shared by the chart kinds: where a chart's body starts, line truncation.

A chart draws no title of its own: a Chinese report gives a figure one title, its numbered
caption under it (图1　…, set by the PDF and the DOCX from the chart's caption, or its title
when it has none). A title inside the picture as well would say it twice (issue #19).
"""

from __future__ import annotations

from gjz_brief.charts.sketch import Sketch
from gjz_brief.charts.style import MARGIN_MM
from gjz_brief.charts.text import ChartFonts

ELLIPSIS = "……"


def inner_width(sketch: Sketch) -> float:
    return sketch.width - 2 * MARGIN_MM


def body_top(sketch: Sketch) -> float:
    """Where the chart's body starts: its top margin (no title is drawn, see above)."""
    return MARGIN_MM


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
