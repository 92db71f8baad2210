"""The content a chart draws, looked up from its specification with clear errors."""

from __future__ import annotations

from typing import Any

from gjz_brief.content.chart_rules import chart_issues
from gjz_brief.content.model import ChartSpec, Figure, IndustryFramework, Milestone, Plan
from gjz_brief.errors import ContentError, Location, Problem


def _where(spec: ChartSpec, *path: str | int) -> Location:
    field = f"charts.{spec.id}" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path)
    return Location(field=field)


def check_chart(spec: ChartSpec, plan: Plan) -> None:
    """Raise ContentError (exit 2) if the content cannot give ``spec`` what it draws: the
    same rules (content.chart_rules) validation applies, for content that skipped it."""
    problems = [
        Problem(issue.message, _where(spec, *issue.path), issue.hint)
        for issue in chart_issues(spec, plan)
    ]
    if problems:
        raise ContentError(problems)


def chart_figures(spec: ChartSpec, plan: Plan) -> list[Figure]:
    """The spec's figures in the spec's order; an unknown id is an error."""
    by_id = plan.figures_by_id()
    missing = [figure_id for figure_id in spec.figures if figure_id not in by_id]
    if missing:
        raise ContentError(
            [
                Problem(
                    f"chart {spec.id!r} draws figure {missing[0]!r}, which the content does "
                    "not define",
                    _where(spec, "figures"),
                    "add the figure to `figures` or remove the id from the chart",
                )
            ]
        )
    return [by_id[figure_id] for figure_id in spec.figures]


def chart_frameworks(spec: ChartSpec, plan: Plan) -> list[IndustryFramework]:
    by_id = {framework.id: framework for framework in plan.industry}
    missing = [framework_id for framework_id in spec.frameworks if framework_id not in by_id]
    if missing:
        raise ContentError(
            [
                Problem(
                    f"chart {spec.id!r} draws industry framework {missing[0]!r}, which the "
                    "content does not define",
                    _where(spec, "frameworks"),
                    "add it to `industry` or remove the id from the chart",
                )
            ]
        )
    return [by_id[framework_id] for framework_id in spec.frameworks]


def chart_milestones(spec: ChartSpec, plan: Plan) -> list[Milestone]:
    return sorted(plan.milestones, key=lambda milestone: (milestone.year, milestone.id))


def chart_data(spec: ChartSpec, plan: Plan) -> dict[str, Any]:
    """Everything of the content a chart of this spec may draw, as JSON-ready data."""
    data: dict[str, Any] = {"spec": spec.model_dump(mode="json")}
    if spec.kind == "timeline":
        data["milestones"] = [m.model_dump(mode="json") for m in chart_milestones(spec, plan)]
    if spec.kind == "structure":
        data["frameworks"] = [f.model_dump(mode="json") for f in chart_frameworks(spec, plan)]
    if spec.figures:
        data["figures"] = [f.model_dump(mode="json") for f in chart_figures(spec, plan)]
    return data
