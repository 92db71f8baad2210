"""The content a chart draws, looked up from its specification with clear errors."""

from __future__ import annotations

from typing import Any

from gjz_brief.content.model import ChartSpec, Figure, IndustryFramework, Milestone, Plan
from gjz_brief.errors import Location, RenderError


def _where(spec: ChartSpec, field: str) -> Location:
    return Location(field=f"charts.{spec.id}.{field}")


def chart_figures(spec: ChartSpec, plan: Plan, minimum: int = 1) -> list[Figure]:
    """The spec's figures in the spec's order; an unknown id is an error."""
    by_id = plan.figures_by_id()
    missing = [figure_id for figure_id in spec.figures if figure_id not in by_id]
    if missing:
        raise RenderError(
            f"chart {spec.id!r} draws figure {missing[0]!r}, which the content does not define",
            _where(spec, "figures"),
            hint="add the figure to `figures` or remove the id from the chart",
        )
    if len(spec.figures) < minimum:
        raise RenderError(
            f"a {spec.kind} chart needs at least {minimum} figure(s); {spec.id!r} lists "
            f"{len(spec.figures)}",
            _where(spec, "figures"),
        )
    return [by_id[figure_id] for figure_id in spec.figures]


def chart_frameworks(spec: ChartSpec, plan: Plan) -> list[IndustryFramework]:
    by_id = {framework.id: framework for framework in plan.industry}
    missing = [framework_id for framework_id in spec.frameworks if framework_id not in by_id]
    if missing:
        raise RenderError(
            f"chart {spec.id!r} draws industry framework {missing[0]!r}, which the content "
            "does not define",
            _where(spec, "frameworks"),
            hint="add it to `industry` or remove the id from the chart",
        )
    if not spec.frameworks:
        raise RenderError(
            f"the structure chart {spec.id!r} lists no frameworks", _where(spec, "frameworks")
        )
    return [by_id[framework_id] for framework_id in spec.frameworks]


def chart_milestones(spec: ChartSpec, plan: Plan) -> list[Milestone]:
    if not plan.milestones:
        raise RenderError(
            f"the timeline chart {spec.id!r} has no milestones to draw",
            Location(field="milestones"),
        )
    return sorted(plan.milestones, key=lambda milestone: (milestone.year, milestone.id))


def chart_data(spec: ChartSpec, plan: Plan) -> dict[str, Any]:
    """Everything of the content a chart of this spec may draw, as JSON-ready data."""
    data: dict[str, Any] = {"spec": spec.model_dump(mode="json")}
    if spec.kind == "timeline":
        data["milestones"] = [m.model_dump(mode="json") for m in chart_milestones(spec, plan)]
    if spec.kind == "structure":
        data["frameworks"] = [f.model_dump(mode="json") for f in chart_frameworks(spec, plan)]
    if spec.figures:
        data["figures"] = [f.model_dump(mode="json") for f in chart_figures(spec, plan, 0)]
    return data
