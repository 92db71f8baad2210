"""The neutral document tree: block texts, and charts as a source for the renderers."""

from __future__ import annotations

import datetime as dt

from gjz_brief.document import tree

META = tree.DocumentMeta("题", "单位", "主题", (), dt.date(2020, 4, 30))


def test_every_text_a_reader_sees_in_order():
    blocks = (
        tree.Cover("封面", "副题", "单位", "日期"),
        tree.Heading(1, "总体", "一、"),
        tree.Table(1, "表题", ("指标", "数值"), (("甲", "1家"),)),
        tree.FigureBlock(1, "c", "图题", "说明"),
        tree.KeyFigures((tree.KeyFigureTile("标签", "5家", "注"),)),
        tree.Distribution((("报", "市委"),), "共印5份"),
        tree.PageBreak(),
    )
    document = tree.Document(META, blocks)
    assert document.text_blocks() == [
        "封面", "副题", "单位", "日期", "一、总体", "表题", "指标", "数值", "甲", "1家",
        "图题", "说明", "标签", "5家", "注", "报", "市委", "共印5份",
    ]  # fmt: skip
    assert document.headings() == [blocks[1]] and document.figures() == [blocks[3]]


def test_drawn_charts_are_a_chart_source():
    image = tree.ChartImage("c", b"<svg/>", b"png", 150, 80, pdf_stream=b"s", pdf_text=b"t")
    source = tree.chart_source({"c": image})
    assert source.size_mm("c") == (150, 80)
    assert (source.pdf_stream("c"), source.pdf_text("c"), source.png("c")) == (b"s", b"t", b"png")
    assert source.size_mm("x") is None and source.png("x") is None
    assert tree.chart_source(source) is source  # a ChartSource stays itself
