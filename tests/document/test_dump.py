"""The dump of the composed document tree: golden files of the three templates, so a change to
content, layout or composer is a reviewable diff of what the reader will get."""

from __future__ import annotations

import datetime as dt

import pytest
from golden import TEMPLATES, check_golden

from gjz_brief.content.loader import load_content
from gjz_brief.document import tree
from gjz_brief.document.compose import compose_document
from gjz_brief.document.dump import dump_document
from gjz_brief.template.loader import load_template


@pytest.fixture(scope="module")
def content():
    return load_content()


def composed(content, name: str) -> tree.Document:
    template = load_template(name, None)
    plan = content.plan
    return compose_document(plan, template.layout, date=plan.meta.as_of, layout_name=name)


@pytest.mark.parametrize("name", TEMPLATES)
def test_document_tree_of_each_template(content, name):
    check_golden(f"{name}.tree.txt", dump_document(composed(content, name)))


def test_a_changed_tree_fails_with_its_diff(content, tmp_path, monkeypatch):
    monkeypatch.delenv("GJZ_UPDATE_GOLDEN", raising=False)
    text = dump_document(composed(content, "onepage"))
    (tmp_path / "x.txt").write_text(text, encoding="utf-8")
    check_golden("x.txt", text, tmp_path)  # the same: passes
    with pytest.raises(pytest.fail.Exception, match=r"(?s)-.*38\.86%.*\+.*38\.87%"):
        check_golden("x.txt", text.replace("38.86%", "38.87%"), tmp_path)


def test_every_block_kind_is_dumped_with_its_text():
    meta = tree.DocumentMeta("题", "单位", "主题", ("甲", "乙"), dt.date(2020, 4, 30), "页眉")
    blocks = (
        tree.Cover("封面", "副题", "单位", "日期"),
        tree.Masthead("简报", "第1期", "单位", "日期", "密级"),
        tree.TableOfContents(),
        tree.Title("标题", "日期行"),
        tree.Heading(1, "总体", "一、", "h1"),
        tree.Paragraph("正文", "lead"),
        tree.BulletList(("一项", "二项")),
        tree.Table(1, "表题", ("指标", "数值"), (("甲", "1"),), (1,), "t1"),
        tree.FigureBlock(1, "c1", "图题", "说明", 120),
        tree.KeyFigures((tree.KeyFigureTile("标签", "5家", "注"),), 2),
        tree.Distribution((("报", "市委"),), "共印5份"),
        tree.PageBreak(),
    )
    text = dump_document(tree.Document(meta, blocks, "jianbao"))
    for expected in (
        "Document jianbao", "keywords=甲 / 乙", "[0] Cover title=“封面”", "name=“简报”",
        "levels=2", "[3] Title “标题” subtitle=“日期行”", "[4] Heading 1 “一、总体” #h1",
        "[5] Paragraph lead: 正文", "（2）二项", "| 甲 | 1 |", "numeric=(1)",
        "chart=c1 width=120mm", "alt: 说明", "5家 | 标签 | 注", "报：市委", "[11] PageBreak",
    ):  # fmt: skip
        assert expected in text, expected
