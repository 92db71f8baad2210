"""Progress charts: value against target or share, the target mark."""

from __future__ import annotations

import pytest

from gjz_brief.charts import sketch_chart
from gjz_brief.charts.data import chart_figures
from gjz_brief.charts.progress import progress_of
from gjz_brief.charts.sketch import Stroke
from gjz_brief.content.model import Plan
from gjz_brief.errors import ContentError


def _spec(plan: Plan, kind: str):  # noqa: ANN202
    return next(spec for spec in plan.charts if spec.kind == kind)


def test_progress_uses_target_or_share(plan: Plan) -> None:
    spec = _spec(plan, "progress")
    high_tech, share, rate = (progress_of(spec, f) for f in chart_figures(spec, plan))
    assert high_tech.fraction == pytest.approx(177 / 200)
    assert high_tech.status == "177家（目标：力争突破200家）"
    assert share.fraction == pytest.approx(0.3886) and share.status == "38.86%"
    assert rate.fraction == pytest.approx(0.983) and rate.status == "98.3%"


def test_progress_marks_the_target_in_red(plan: Plan, fonts) -> None:  # noqa: ANN001
    sketch = sketch_chart(_spec(plan, "progress"), plan, fonts)
    ticks = [s for s in sketch.shapes if isinstance(s, Stroke) and s.color == "#C00000"]
    assert len(ticks) == 1  # only the figure with a target has a target tick
    assert "177家（目标：力争突破200家）" in sketch.texts


def test_progress_refuses_a_figure_without_target_or_share(plan: Plan, fonts) -> None:  # noqa: ANN001
    spec = _spec(plan, "progress").model_copy(update={"figures": ["industrial"]})
    with pytest.raises(ContentError, match="neither a target nor"):
        sketch_chart(spec, plan, fonts)
