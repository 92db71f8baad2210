"""Chart content rules, shared by validation and the charts: what each kind needs."""

from __future__ import annotations

from gjz_brief.content.chart_rules import chart_issues, progress_fraction, progress_issue


def _spec(plan, chart_id):
    return next(spec for spec in plan.charts if spec.id == chart_id)


def test_the_small_plan_has_no_issue(plan):
    assert all(chart_issues(spec, plan) == [] for spec in plan.charts)


def test_progress_is_value_over_target_or_a_share(plan):
    figures = plan.figures_by_id()
    high_tech = figures["high_tech"]  # 177 of a target of 200
    assert progress_fraction(high_tech) == high_tech.value / high_tech.target.value
    share = figures["q1_share"]  # a percentage share
    assert progress_fraction(share) == share.value / 100
    assert progress_fraction(figures["industrial"]) is None  # a count without target


def test_a_figure_without_target_or_share_cannot_be_a_progress_bar(plan):
    spec = _spec(plan, "progress")
    issue = progress_issue(spec, 2, plan.figures_by_id()["industrial"])
    assert issue is not None and issue.path == ("figures", 2)
    assert "neither a target nor a percentage share" in issue.message


def test_mixed_units_empty_lists_and_missing_parts_are_issues(plan):
    bar = _spec(plan, "enterprises").model_copy(update={"figures": ["industrial", "q1_share"]})
    assert "mixes units" in chart_issues(bar, plan)[0].message
    empty = bar.model_copy(update={"figures": []})
    assert "needs at least 1 figure" in chart_issues(empty, plan)[0].message
    structure = _spec(plan, "structure").model_copy(update={"frameworks": []})
    assert chart_issues(structure, plan)[0].path == ("frameworks",)
    timeline = _spec(plan, "timeline")
    assert chart_issues(timeline, plan.model_copy(update={"milestones": []}))[0].path == ("kind",)
