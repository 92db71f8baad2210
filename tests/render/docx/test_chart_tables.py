"""Key figures, timelines and industry structures as Word tables of live text (issue #13)."""

from __future__ import annotations

import dataclasses

import pytest
from docx_sample import W, paragraph_text, part, render, sample_document, style_id_of

from gjz_brief.document.tree import (
    FigureBlock,
    KeyFiguresChart,
    KeyFigureTile,
    StructureChart,
    TimelineChart,
)
from gjz_brief.render.docx.chart_tables import _spans
from gjz_brief.render.docx.ooxml import mm_to_twips

PANEL = KeyFiguresChart(
    "核心指标",
    (
        KeyFigureTile("规模以上工业企业", "288家"),
        KeyFigureTile("世界500强企业", "50余家"),
        KeyFigureTile("实际使用内资", "68亿元", "（2020年一季度）"),
        KeyFigureTile("复工率", "98.3%", "（截至目前）"),
    ),
    columns=3,
)
TIMELINE = TimelineChart(
    "发展目标时间轴",
    (("2020年", "", "全面建成小康社会"), ("2035年", "远景", "现代化新城区")),
)
STRUCTURE = StructureChart(
    "现代产业体系",
    (
        ("“3+3”现代产业发展格局（推断）", (("先进制造业（推断）", ("高端装备", "人工智能")),
                                           ("现代服务业（推断）", ("科技服务",)))),
        ("四大产业集群", (("先进制造", ()), ("高新技术", ()), ("文化旅游", ()))),
    ),
)  # fmt: skip


def _tables(content):
    """Render the sample document with its one figure showing ``content``; the tables of
    the chart (those with a w:tblDescription)."""
    document = sample_document()
    blocks = tuple(
        dataclasses.replace(b, content=content) if isinstance(b, FigureBlock) else b
        for b in document.blocks
    )
    body = part(render(dataclasses.replace(document, blocks=blocks)), "word/document.xml")
    return [t for t in body.iter(f"{W}tbl") if t.find(f"{W}tblPr/{W}tblDescription") is not None]


def _texts(table) -> list[str]:
    return [paragraph_text(p) for p in table.iter(f"{W}p")]


@pytest.mark.parametrize("content", [PANEL, TIMELINE, STRUCTURE])
def test_a_chart_table_is_as_tall_as_the_picture_and_described(content):
    (table,) = _tables(content)
    properties = table.find(f"{W}tblPr")
    assert properties.find(f"{W}tblCaption").get(f"{W}val") == "甘井子区企业数量"
    assert properties.find(f"{W}tblDescription").get(f"{W}val").startswith("柱状图")
    heights = [int(h.get(f"{W}val")) for h in table.iter(f"{W}trHeight")]
    # The sample chart is 150 × 90 mm, placed 150 mm wide: 90 mm of rows (at least).
    assert sum(heights) == mm_to_twips(90)
    assert {h.get(f"{W}hRule") for h in table.iter(f"{W}trHeight")} == {"atLeast"}
    # One title per figure, its caption (issue #19): no title row in the table.
    assert content.title not in _texts(table)
    assert "GJZChartTitle" not in {style_id_of(p) for p in table.iter(f"{W}p")}


def test_key_figure_tiles_hold_one_text_per_paragraph():
    (table,) = _tables(PANEL)
    texts = _texts(table)
    for tile in PANEL.tiles:
        assert tile.value in texts and tile.label in texts
    assert "（2020年一季度）" in texts
    rows = table.findall(f"{W}tr")
    assert [len(r.findall(f"{W}tc")) for r in rows] == [3, 3]  # 3 + 1 tiles, no title row
    values = [p for p in table.iter(f"{W}p") if style_id_of(p) == "GJZChartTileValue"]
    assert [paragraph_text(p) for p in values] == ["288家", "50余家", "68亿元", "98.3%"]


def test_timeline_years_stand_over_a_rule():
    (table,) = _tables(TIMELINE)
    years = table.findall(f"{W}tr")[0]
    assert [paragraph_text(p) for p in years.iter(f"{W}p")] == ["2020年", "2035年"]
    rules = [tc.find(f"{W}tcPr/{W}tcBorders/{W}bottom") for tc in years.findall(f"{W}tc")]
    assert all(rule is not None and rule.get(f"{W}val") == "single" for rule in rules)
    assert "现代化新城区" in _texts(table)


def test_structure_groups_span_the_grid_and_keep_inference_marks():
    (table,) = _tables(STRUCTURE)
    texts = _texts(table)
    assert "“3+3”现代产业发展格局（推断）" in texts and "先进制造业（推断）" in texts
    assert "人工智能" in texts and "文化旅游" in texts
    grid = table.findall(f"{W}tblGrid/{W}gridCol")
    assert len(grid) == 6  # lcm of 2 and 3 groups
    spans = [
        int(tc.find(f"{W}tcPr/{W}gridSpan").get(f"{W}val"))
        for tc in table.findall(f"{W}tr")[1].findall(f"{W}tc")
    ]
    assert spans == [3, 3]


@pytest.mark.parametrize(
    ("grid", "count", "spans"), [(6, 2, [3, 3]), (6, 3, [2, 2, 2]), (7, 3, [2, 2, 3])]
)
def test_spans_fill_the_grid(grid, count, spans):
    assert _spans(grid, count) == spans
