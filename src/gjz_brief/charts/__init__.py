"""Charts drawn from the content's chart specifications (matplotlib, imported lazily)."""

from gjz_brief.charts.render import (
    CHART_KINDS,
    chart_cache_key,
    chart_figure,
    render_chart,
    render_charts,
    sketch_chart,
)
from gjz_brief.charts.style import CHART_STYLE_VERSION

__all__ = [
    "CHART_KINDS",
    "CHART_STYLE_VERSION",
    "chart_cache_key",
    "chart_figure",
    "render_chart",
    "render_charts",
    "sketch_chart",
]
