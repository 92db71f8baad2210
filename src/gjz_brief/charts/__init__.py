"""Charts drawn from the content's chart specifications (matplotlib, imported lazily).

A chart kind is a function in its own module (bar.py, timeline.py, …) that lays the chart out
on a Sketch in millimetres; render.py registers the kinds (CHART_KINDS) and turns a sketch
into a figure saved as PDF operators, PNG and SVG. stage.py is the build's chart stage: the
cache, and the worker processes that draw while the build goes on.
"""

from __future__ import annotations

from gjz_brief.charts.render import (
    CHART_KINDS,
    chart_cache_key,
    chart_figure,
    render_chart,
    sketch_chart,
)
from gjz_brief.charts.stage import ChartStage
from gjz_brief.charts.style import CHART_STYLE_VERSION

__all__ = [
    "CHART_KINDS",
    "CHART_STYLE_VERSION",
    "ChartStage",
    "chart_cache_key",
    "chart_figure",
    "render_chart",
    "sketch_chart",
]
