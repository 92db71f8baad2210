"""Roles: what a layout asks of the content, whatever the content's ids.

A layout names roles ("the headline figures", "the milestone line"), never one plan's ids,
so any plan builds in any template. The content gives roles in the ``roles`` list of a figure
or a chart; a plan that names none gets the defaults below, and a role that nothing fills
is left out of the document (no block, no heading, no boilerplate).
"""

from __future__ import annotations

from gjz_brief.content.model import ChartKind, ChartSpec, Figure, Plan

HEADLINE = "headline"
# A chart role the content leaves unnamed falls back to the first chart of this kind.
DEFAULT_CHART_KINDS: dict[str, ChartKind] = {
    "milestone_line": "timeline",
    "industry_structure": "structure",
    "headline_panel": "key_figures",
    "progress": "progress",
}


def chart_for_role(plan: Plan, role: str) -> ChartSpec | None:
    """The first chart whose ``roles`` name ``role``; else the first chart of the role's
    default kind (DEFAULT_CHART_KINDS); else None (the layout leaves the block out)."""
    for chart in plan.charts:
        if role in chart.roles:
            return chart
    kind = DEFAULT_CHART_KINDS.get(role)
    if kind is None:
        return None
    return next((chart for chart in plan.charts if chart.kind == kind), None)


def figures_for_role(plan: Plan, role: str) -> list[Figure]:
    """The figures whose ``roles`` name ``role``, in content order. The headline figures
    default to the figures of the headline panel (the first key_figures chart)."""
    named = [figure for figure in plan.figures if role in figure.roles]
    if named or role != HEADLINE:
        return named
    panel = chart_for_role(plan, "headline_panel")
    if panel is None:
        return []
    figures = plan.figures_by_id()
    return [figures[figure_id] for figure_id in panel.figures if figure_id in figures]
