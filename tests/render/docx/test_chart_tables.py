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


def _row_heights(table) -> list[tuple[int, str]]:
    return [(int(h.get(f"{W}val")), h.get(f"{W}hRule")) for h in table.iter(f"{W}trHeight")]


def _pitches(table) -> set[str]:
    return {(s.get(f"{W}line"), s.get(f"{W}lineRule")) for s in table.iter(f"{W}spacing")}


def test_rows_get_the_height_their_text_needs_and_share_the_rest():
    """The timeline's goals row holds its lines; the rows together are the picture's height
    (90 mm in the sample); text at the charts' exact leading (1.3 × size)."""
    (table,) = _tables(TIMELINE)
    heights = _row_heights(table)
    assert sum(h for h, _ in heights) == mm_to_twips(90)
    assert len(heights) == 3  # years, labels (one milestone has one: 远景), goals
    assert _pitches(table) == {("312", "exact"), ("234", "exact"), ("195", "exact")}
    # Every paragraph keeps with the next: the table stays whole, as the PDF's picture.
    assert all(p.find(f"{W}pPr/{W}keepNext") is not None for p in table.iter(f"{W}p"))


def test_a_timeline_without_labels_has_no_empty_row():
    no_labels = TimelineChart("时间轴", (("2020年", "", "小康社会"), ("2035年", "", "新城区")))
    (table,) = _tables(no_labels)
    assert len(table.findall(f"{W}tr")) == 2


def test_text_taller_than_the_picture_tightens_the_leading_and_is_never_cut():
    """Goals too long for the picture's height at 1.3 leading: 1.2 or 1.1; too long even at
    1.1: the rows as tall as the text (atLeast, never exact), the table taller than the
    picture, every character kept."""
    from lxml import etree

    from gjz_brief.render.docx.chart_tables import LEADINGS, fit_rows

    def table_with(lines: int):
        cell = (
            '<w:tc xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            '<w:tcPr><w:tcW w:w="1500" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>'
            '<w:p><w:pPr><w:pStyle w:val="N"/><w:jc w:val="center"/></w:pPr>'
            f"<w:r><w:t>{'甘' * 10 * lines}</w:t></w:r></w:p></w:tc>"
        )
        row = (
            '<w:tr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            f"<w:trPr><w:cantSplit/></w:trPr>{cell}</w:tr>"
        )
        return [etree.fromstring(row)]

    sizes = {"N": 7.5}  # 10 ideographs a line in 1500 twips
    total = 2000  # twips: 10 lines at 1.3 (195 each), 11 at 1.2 (180), 12 at 1.1 (165)
    for lines, leading in ((10, LEADINGS[0]), (11, 1.2), (12, 1.1)):
        rows = table_with(lines)
        fitted = fit_rows(rows, total, sizes)
        assert fitted.fits and fitted.leading == leading and sum(fitted.heights) == total
        rows = table_with(13)
    fitted = fit_rows(rows, total, sizes)
    assert not fitted.fits and fitted.leading == LEADINGS[-1]
    assert fitted.heights == fitted.needed == (13 * 165,) and sum(fitted.heights) > total
    assert {h.get(f"{W}hRule") for h in rows[0].iter(f"{W}trHeight")} == {"atLeast"}
    assert "".join(t.text for t in rows[0].iter(f"{W}t")) == "甘" * 130
