"""What of the content a chart draws (its cache key is made of it), and the errors of a
spec the content cannot serve."""

from __future__ import annotations

import pytest

from gjz_brief.charts.data import chart_data, chart_figures, chart_milestones, check_chart
from gjz_brief.errors import ContentError


def _spec(plan, chart_id):
    return next(spec for spec in plan.charts if spec.id == chart_id)


def test_a_chart_takes_its_figures_in_its_own_order(plan):
    spec = _spec(plan, "enterprises").model_copy(update={"figures": ["listed", "industrial"]})
    assert [figure.id for figure in chart_figures(spec, plan)] == ["listed", "industrial"]
    data = chart_data(spec, plan)
    assert [figure["id"] for figure in data["figures"]] == ["listed", "industrial"]
    assert data["spec"]["id"] == "enterprises" and "milestones" not in data


def test_a_timeline_draws_the_milestones_by_year(plan):
    years = [milestone.year for milestone in chart_milestones(_spec(plan, "timeline"), plan)]
    assert years == sorted(years)
    assert "milestones" in chart_data(_spec(plan, "timeline"), plan)


def test_unknown_ids_and_broken_rules_are_content_errors_at_the_chart(plan):
    spec = _spec(plan, "enterprises").model_copy(update={"figures": ["nothing"]})
    with pytest.raises(ContentError) as raised:
        chart_figures(spec, plan)
    assert raised.value.location.field == "charts.enterprises.figures"
    mixed = spec.model_copy(update={"figures": ["industrial", "q1_share"]})
    with pytest.raises(ContentError, match="mixes units"):
        check_chart(mixed, plan)
