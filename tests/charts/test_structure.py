"""Industry structure charts: frameworks, groups, inferences and missing parts."""

from __future__ import annotations

from gjz_brief.charts import sketch_chart
from gjz_brief.charts.sketch import Box
from gjz_brief.charts.structure import PARTS_NOT_LISTED
from gjz_brief.content.model import Plan


def _spec(plan: Plan, kind: str):  # noqa: ANN202
    return next(spec for spec in plan.charts if spec.kind == kind)


def test_structure_marks_inferences_and_missing_parts(plan: Plan, fonts) -> None:  # noqa: ANN001
    sketch = sketch_chart(_spec(plan, "structure"), plan, fonts)
    texts = sketch.texts
    assert "“3+3”现代产业发展格局（推断）" in texts
    assert "先进制造业（推断）" in texts and "现代服务业（推断）" in texts
    assert "四大产业集群" in texts  # stated in the article: no mark
    for field in ("高端装备", "人工智能", "生物医药", "科技服务", "商贸物流", "文化旅游"):
        assert field in texts
    for cluster in ("先进制造", "高新技术"):
        assert cluster in texts
    assert PARTS_NOT_LISTED in texts  # "2213" has no parts in the content
    dashed = [s for s in sketch.shapes if isinstance(s, Box) and s.dashed]
    assert len(dashed) == 2 + 6 + 1  # inferred groups and fields, and the empty framework
