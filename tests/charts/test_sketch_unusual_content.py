"""Content unlike the built-in one (long names, many items, few milestones) still lays out."""

from __future__ import annotations

import pytest
from chart_fixtures import small_plan_data
from chart_layout_checks import figure_problems, sketch_problems

from gjz_brief.charts import chart_figure, sketch_chart
from gjz_brief.content.model import Plan

LONG_NAME = "非常长的指标名称用于测试换行效果以及对齐情况"


@pytest.fixture(scope="module")
def unusual_plan() -> Plan:
    data = small_plan_data()
    source = "测试用原文句子。"
    data["figures"] += [
        {
            "id": f"extra{i}",
            "name": LONG_NAME * (i % 3 + 1),
            "value": 10 ** (i % 5) * 1.5,
            "unit": "亿元",
            "qualifier": "近" if i % 2 else "",
            "kind": "money",
            "source": source,
        }
        for i in range(9)
    ]
    data["industry"].append(
        {
            "id": "many_groups",
            "name": "一个很长的产业体系名称，用于测试标题换行是否正确处理并且不会与其他元素重叠",
            "kind": "system",
            "parts_stated": True,
            "source": source,
            "groups": [
                {
                    "name": f"第{i}组产业领域名称较长",
                    "fields": ["非常长的领域名称需要换行", "领域乙"][: i % 3],
                }
                for i in range(7)
            ],
        }
    )
    data["milestones"] = data["milestones"][1:2] + data["milestones"][3:]
    data["charts"] = [
        {"id": "long_title", "kind": "timeline", "title": "很长的标题" * 12},
        {
            "id": "nine_bars",
            "kind": "bar",
            "title": "多项指标",
            "figures": [f"extra{i}" for i in range(9)],
        },
        {"id": "one_tile", "kind": "key_figures", "title": "单项", "figures": ["extra4"]},
        {
            "id": "seven_tiles",
            "kind": "key_figures",
            "title": "七项",
            "figures": [f"extra{i}" for i in range(7)],
        },
        {
            "id": "wide_structure",
            "kind": "structure",
            "title": "结构",
            "frameworks": ["many_groups"],
        },
    ]
    return Plan.model_validate(data)


@pytest.mark.parametrize("index", range(5))
def test_unusual_content_lays_out_cleanly(index: int, unusual_plan: Plan, fonts) -> None:  # noqa: ANN001
    spec = unusual_plan.charts[index]
    sketch = sketch_chart(spec, unusual_plan, fonts)
    assert sketch_problems(sketch) == []
    assert figure_problems(chart_figure(spec, unusual_plan, fonts)) == []
    assert sketch.height > 20.0


def test_long_names_wrap_in_bar_and_tiles(unusual_plan: Plan, fonts) -> None:  # noqa: ANN001
    bars = sketch_chart(unusual_plan.charts[1], unusual_plan, fonts)
    assert LONG_NAME * 3 not in bars.texts  # wrapped, not drawn on one line
    assert "".join(bars.texts).count("非常长的") == sum(i % 3 + 1 for i in range(9))
    assert "近15亿元" in bars.texts and "15000亿元" in bars.texts
