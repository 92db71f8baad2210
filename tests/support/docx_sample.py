"""Sample material of the Word renderer tests: a document with every block, a chart PNG,
helpers to read the DOCX's parts."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from lxml import etree
from PIL import Image, ImageDraw

from gjz_brief.document.tree import (
    BulletList,
    ChartImage,
    Cover,
    Distribution,
    Document,
    DocumentMeta,
    FigureBlock,
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
from gjz_brief.render.docx import DEFAULT_OFFICE_FONTS, render_docx
from gjz_brief.template.theme import Theme

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"


# 56 distinct-width CJK characters with no punctuation: two full lines of 28 on the grid.
GRID_TEXT = "甘井子区坚持规划引领加大产业规划布局力度选择重点产业领域展开全产业链研究和行业发展趋势分析确定适宜甘井子未来发"


def chart_png(width_px: int = 1300, height_px: int = 780) -> bytes:
    image = Image.new("RGB", (width_px, height_px), "white")
    draw = ImageDraw.Draw(image)
    for index, height in enumerate((288, 188, 250, 17)):
        left = 100 + index * 280
        draw.rectangle([left, height_px - 60 - height * 2, left + 180, height_px - 60], fill="red")
    buffer = io.BytesIO()
    image.save(buffer, "PNG", dpi=(220, 220))
    return buffer.getvalue()


def sample_document(header: str = "甘井子区发展简报") -> Document:
    meta = DocumentMeta(
        title="甘井子区发展简报",
        author="中共大连市甘井子区委宣传部",
        subject="大连2049城市愿景规划",
        keywords=("甘井子", "枢纽新城"),
        date=dt.date(2020, 4, 13),
        header=header,
    )
    blocks = (
        Cover("围绕“新愿景”建设“新枢纽”", "甘井子区发展规划简报", "中共大连市甘井子区委宣传部",
              "2020年4月13日"),
        TableOfContents(),
        PageBreak(),
        Masthead("甘井子区发展简报", "第5期", "甘井子区人民政府办公室", "2020年4月13日",
                 "内部资料 注意保存"),
        Title("围绕“新愿景”建设“新枢纽”"),
        Paragraph("编者按：现将甘井子区有关情况编发如下。", "editor_note"),
        Heading(1, "总体定位", "一、"),
        Paragraph(GRID_TEXT + "。"),
        Paragraph("甘井子区是大连的重大产业承载区。", "lead"),
        Heading(2, "产业基础", "（一）"),
        KeyFigures((KeyFigureTile("规模以上工业企业", "288家"),
                    KeyFigureTile("世界500强企业", "50余家", "设立营业机构或投资项目"),
                    KeyFigureTile("上市企业", "17家"))),
        Heading(3, "企业数量", "1."),
        BulletList(("推动先进制造业迈向高端；", "现代服务业茁壮成长。")),
        Table(1, "甘井子区企业数量", ("类别", "数量（家）"),
              (("规模以上工业企业", "288"), ("上市企业", "17")), numeric_columns=(1,)),
        Paragraph("数据来源：大连甘井子区委宣传部。", "source"),
        FigureBlock(1, "enterprises", "甘井子区企业数量", "柱状图：规模以上工业企业288家。", 150),
        Paragraph("“引号”与——破折号", "quote"),
        Paragraph("注：数据均来自公开报道。", "note"),
        Heading(1, "产业布局", "二、"),
        Paragraph("对接大连“四个中心”核心功能区建设。"),
        Distribution((("报", "市委、市政府"), ("送", "区委各部门"), ("发", "各街道")), "共印50份"),
    )  # fmt: skip
    return Document(meta=meta, blocks=blocks)


def sample_charts(png: bytes | None = None) -> dict[str, ChartImage]:
    return {"enterprises": ChartImage("enterprises", b"<svg/>", png or chart_png(), 150, 90)}


def render(document: Document | None = None, **kwargs) -> bytes:
    return render_docx(
        document or sample_document(), sample_charts(), Theme(), DEFAULT_OFFICE_FONTS, **kwargs
    )


def part(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read(name))


def part_names(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.namelist()


def style_id_of(paragraph: etree._Element) -> str | None:
    style = paragraph.find(f"{W}pPr/{W}pStyle")
    return None if style is None else style.get(f"{W}val")


def paragraph_text(paragraph: etree._Element) -> str:
    return "".join(node.text or "" for node in paragraph.iter(f"{W}t"))


def instructions(root: etree._Element) -> list[str]:
    return [node.text.strip() for node in root.iter(f"{W}instrText")]


def keeps_next(paragraph: etree._Element, styles: etree._Element) -> bool:
    """w:keepNext on the paragraph, else on its style (Normal-based styles inherit none)."""
    if paragraph.find(f"{W}pPr/{W}keepNext") is not None:
        return True
    style = styles.find(f"{W}style[@{W}styleId='{style_id_of(paragraph)}']")
    return style is not None and style.find(f"{W}pPr/{W}keepNext") is not None
