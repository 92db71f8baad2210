"""The chart cache key: what decides a chart's bytes, and nothing else."""

from __future__ import annotations

from chart_fixtures import ZENHEI, face, make_font_set

from gjz_brief.charts import chart_cache_key
from gjz_brief.content.model import Plan


def _with_figure_value(plan: Plan, figure_id: str, value: float) -> Plan:
    figures = [
        f.model_copy(update={"value": value}) if f.id == figure_id else f for f in plan.figures
    ]
    return plan.model_copy(update={"figures": figures})


def test_cache_key_is_stable_and_hex(plan: Plan, fonts) -> None:  # noqa: ANN001
    spec = plan.charts[1]
    key = chart_cache_key(spec, plan, fonts)
    assert key == chart_cache_key(spec, plan, fonts)
    assert len(key) == 64 and int(key, 16) >= 0


def test_cache_key_follows_the_drawn_data_only(plan: Plan, fonts) -> None:  # noqa: ANN001
    bar = plan.charts[1]
    key = chart_cache_key(bar, plan, fonts)
    assert chart_cache_key(bar, _with_figure_value(plan, "industrial", 289), fonts) != key
    # A figure the chart does not draw leaves its key alone.
    assert chart_cache_key(bar, _with_figure_value(plan, "loans", 43), fonts) == key
    assert chart_cache_key(bar.model_copy(update={"title": "另一标题"}), plan, fonts) != key


def test_cache_key_follows_milestones_frameworks_and_fonts(plan: Plan, fonts) -> None:  # noqa: ANN001
    timeline, structure = plan.charts[0], plan.charts[3]
    shorter = plan.model_copy(update={"milestones": plan.milestones[:3]})
    assert chart_cache_key(timeline, shorter, fonts) != chart_cache_key(timeline, plan, fonts)
    renamed = [
        f.model_copy(update={"name": "四大集群"}) if f.id == "four_clusters" else f
        for f in plan.industry
    ]
    changed = plan.model_copy(update={"industry": renamed})
    assert chart_cache_key(structure, changed, fonts) != chart_cache_key(structure, plan, fonts)
    # The timeline draws no figures: changing one leaves its key alone.
    assert chart_cache_key(timeline, _with_figure_value(plan, "listed", 18), fonts) == (
        chart_cache_key(timeline, plan, fonts)
    )
    other_fonts = make_font_set(body=face(ZENHEI))
    assert chart_cache_key(timeline, plan, other_fonts) != chart_cache_key(timeline, plan, fonts)
