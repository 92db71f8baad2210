"""Key-figure panels: printed values and names, columns."""

from __future__ import annotations

from gjz_brief.charts import sketch_chart
from gjz_brief.charts.sketch import Box
from gjz_brief.content.model import Plan


def _spec(plan: Plan, kind: str):  # noqa: ANN202
    return next(spec for spec in plan.charts if spec.kind == kind)


def test_key_figures_show_printed_value_and_name(plan: Plan, fonts) -> None:  # noqa: ANN001
    sketch = sketch_chart(_spec(plan, "key_figures"), plan, fonts)
    texts = sketch.texts
    for value in ("288家", "50余家", "68亿元", "超42亿元", "38.86%"):
        assert value in texts
    assert "规模以上工业企业" in texts
    assert "（2020年一季度）" in texts
    tiles = [s for s in sketch.shapes if isinstance(s, Box)]
    assert len(tiles) == 5
    assert len({(tile.width, tile.height) for tile in tiles[:3]}) == 1


def test_columns_balance_the_panel():
    from gjz_brief.charts.key_figures import columns_for

    assert [columns_for(n) for n in (1, 3, 4, 5, 6, 7, 8, 9, 10)] == [1, 3, 4, 3, 3, 4, 4, 3, 4]
