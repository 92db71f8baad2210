"""The reference document, like pandoc's reference.docx.

It holds every style the renderer uses plus one sample paragraph per style, so a user
can open it in Word, change a style (Heading 1's colour, the body font…) and save; the next
build starts from it and keeps those changes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from gjz_brief.document.tree import (
    BulletList,
    Cover,
    Distribution,
    Document,
    DocumentMeta,
    Heading,
    KeyFigures,
    KeyFigureTile,
    Masthead,
    PageBreak,
    Paragraph,
    Table,
    TableOfContents,
    Title,
)
from gjz_brief.render.docx.geometry import word_geometry
from gjz_brief.render.docx.package import reproducible_bytes
from gjz_brief.render.docx.render import new_base_document, resolve_office_fonts, write_document
from gjz_brief.template.theme import Theme

VARIANTS = ("full", "onepage", "jianbao")
_SAMPLE_DATE = dt.date(2020, 1, 1)


def _style_samples() -> list:
    return [
        Title("标题样式（Title）：2号小标宋，居中"),
        Paragraph("正文样式（Normal）：3号仿宋，首行缩进2字符，两端对齐，每行28字，每页22行。"),
        Heading(1, "一级标题样式（Heading 1）：3号黑体", "一、"),
        Paragraph("导语样式（GJZ Lead）。", "lead"),
        Heading(2, "二级标题样式（Heading 2）：3号楷体", "（一）"),
        Paragraph("编者按样式（GJZ Editor Note）：3号楷体。", "editor_note"),
        Heading(3, "三级标题样式（Heading 3）：3号仿宋加粗", "1."),
        Paragraph("引文样式（GJZ Quote）。", "quote"),
        BulletList(("列表样式（GJZ List Item），编号写在文字中。",)),
        Paragraph("注释样式（GJZ Note）。", "note"),
        Paragraph("数据来源样式（GJZ Source）：某某区统计局。", "source"),
        Table(1, "表格样式（GJZ Table）与题注样式（Caption）", ("项目", "数值"),
              (("表格正文（GJZ Table Text）", "1"),), numeric_columns=(1,)),
        KeyFigures((KeyFigureTile("指标标签（GJZ Key Label）", "数值", "注释（GJZ Key Note）"),
                    KeyFigureTile("指标标签", "数值"), KeyFigureTile("指标标签", "数值"))),
    ]  # fmt: skip


def sample_document(variant: str = "full") -> Document:
    """A small document that shows every style of ``variant``."""
    meta = DocumentMeta(
        title="gjz-brief 参考样式文档",
        author="gjz-brief",
        subject="Word 样式模板",
        keywords=("reference.docx",),
        date=_SAMPLE_DATE,
        header="页眉样式（Header）",
    )
    blocks: list = []
    if variant == "full":
        blocks += [
            Cover("封面标题（GJZ Cover Title）", "封面副标题（GJZ Cover Subtitle）",
                  "编印单位（GJZ Cover Issuer）", "日期（GJZ Cover Line）"),
            TableOfContents("目  录（TOC Heading）"),
            PageBreak(),
        ]  # fmt: skip
    if variant == "jianbao":
        blocks.append(
            Masthead("简报名称（GJZ Masthead Name）", "第1期（GJZ Masthead Issue）",
                     "编印单位（GJZ Masthead Line）", "日期", "密级（GJZ Masthead Classification）")
        )  # fmt: skip
    blocks += _style_samples()
    if variant != "full":
        blocks.append(
            Distribution((("报", "报尾样式（GJZ Distribution）"), ("送", "……")),
                         "共印N份（GJZ Distribution Copies）")
        )  # fmt: skip
    return Document(meta=meta, blocks=tuple(blocks), template=variant)


def build_reference_docx(
    theme: Theme, office_fonts: Mapping[str, str], variant: str = "full"
) -> bytes:
    """The reference document: all styles, GB/T 9704 page setup, one sample per style."""
    fonts = resolve_office_fonts(office_fonts)
    geometry = word_geometry(theme.geometry, theme.styles.page_number.size_pt)
    docx_document = new_base_document(theme, fonts, geometry)
    write_document(docx_document, sample_document(variant), {}, theme, geometry)
    return reproducible_bytes(docx_document)
