"""What a chart needs of the content, checked once for ``validate`` and ``build`` alike.

The chart kinds (charts/*.py) call the same functions before drawing, so a chart that
passes validation is never refused later, and one the validation did not see (the library
used without the loader) is refused with the same words.
"""

from __future__ import annotations

from dataclasses import dataclass

from gjz_brief.content.model import ChartSpec, Figure, Plan

# Chart kinds that draw the spec's figures, and how many they need at least.
FIGURE_KINDS = {"bar": 1, "progress": 1, "key_figures": 1}


@dataclass(frozen=True)
class ChartIssue:
    """One reason a chart cannot be drawn; ``path`` is below the chart (("figures", 2))."""

    path: tuple[str | int, ...]
    message: str
    hint: str


def progress_fraction(figure: Figure) -> float | None:
    """How far a progress bar is filled (not capped): value/target when the figure has a
    target above 0, value/100 for a percentage share or rate; None when it has neither."""
    if figure.target is not None and figure.target.value > 0:
        return figure.value / figure.target.value
    if figure.kind in ("share", "rate") and figure.unit == "%" and 0 <= figure.value <= 100:
        return figure.value / 100.0
    return None


def progress_issue(spec: ChartSpec, position: int, figure: Figure) -> ChartIssue | None:
    """Why ``figure`` (the spec's figures[position]) cannot be a progress bar, if it cannot."""
    if progress_fraction(figure) is not None:
        return None
    if figure.target is not None:
        why = f"its target is {figure.target.value:g}; a progress bar needs a target above 0"
    else:
        why = "it has neither a target nor a percentage share (unit %, 0–100)"
    return ChartIssue(
        ("figures", position),
        f"figure '{figure.id}' cannot be drawn in the progress chart '{spec.id}': {why}",
        "give the figure a target above 0, or draw it in a bar chart",
    )


def chart_issues(spec: ChartSpec, plan: Plan) -> list[ChartIssue]:
    """Every reason ``spec`` cannot be drawn from ``plan`` (unknown ids are reported by the
    reference check, and skipped here)."""
    issues: list[ChartIssue] = []
    by_id = plan.figures_by_id()
    figures = [(j, by_id[i]) for j, i in enumerate(spec.figures) if i in by_id]
    minimum = FIGURE_KINDS.get(spec.kind)
    if minimum is not None and len(spec.figures) < minimum:
        issues.append(
            ChartIssue(
                ("figures",),
                f"a {spec.kind} chart needs at least {minimum} figure; '{spec.id}' lists none",
                "list the ids of the figures to draw under 'figures:', or remove the chart",
            )
        )
    if spec.kind == "bar":
        units = sorted({figure.unit for _, figure in figures})
        if len(units) > 1:
            shown = "、".join(f"'{unit}'" if unit else "(no unit)" for unit in units)
            issues.append(
                ChartIssue(
                    ("figures",),
                    f"the bar chart '{spec.id}' mixes units ({shown}) on one scale",
                    "draw figures with the same unit in one bar chart; make one chart per unit",
                )
            )
    if spec.kind == "progress":
        issues += [
            issue for j, figure in figures if (issue := progress_issue(spec, j, figure)) is not None
        ]
    if spec.kind == "structure" and not spec.frameworks:
        issues.append(
            ChartIssue(
                ("frameworks",),
                f"the structure chart '{spec.id}' lists no industry frameworks",
                "list framework ids under 'frameworks:', or remove the chart",
            )
        )
    if spec.kind == "timeline" and not plan.milestones:
        issues.append(
            ChartIssue(
                ("kind",),
                f"the timeline chart '{spec.id}' has no milestones to draw",
                "add milestones to the content, or remove the chart",
            )
        )
    return issues
