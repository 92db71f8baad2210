"""Shared material for the PDF renderer tests: a sample document, fonts, a chart.

Run as a script (``python tests/support/pdf_sample.py OUT.pdf``) it writes the sample.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
import sys
import zlib
from pathlib import Path

import pdfplumber
import pypdf
import pytest

from gjz_brief.charts.pdf_operators import save_pdf_drawing
from gjz_brief.document import tree
from gjz_brief.fonts.model import FontFace, FontSet, ResolvedFont
from gjz_brief.fonts.pdf import PdfFonts, register_pdf_fonts
from gjz_brief.render.pdf import RENDERER_TEXT, render_pdf
from gjz_brief.template.theme import MM, Theme

FONT_FILES = {
    "song": ("/usr/share/fonts/truetype/arphic/uming.ttc", 0),
    "hei": ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    "kai": ("/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf", 0),
}
ROLE_FACES = {"title": "song", "body": "song", "heading": "hei", "kai": "kai", "song": "song"}
HOSTILE = "<b>粗体</b> & <font>"


# --- fonts ---------------------------------------------------------------------------------
def make_fonts(document: tree.Document) -> PdfFonts:
    """The PDF fonts of the tests: 宋 (UMing) for body and title, 黑 (ZenHei), 楷 (WenKai)."""

    faces = {
        key: FontFace(Path(path), index, key, "truetype")
        for key, (path, index) in FONT_FILES.items()
    }
    roles = {
        role: ResolvedFont(role, faces[face], "test", face) for role, face in ROLE_FACES.items()
    }
    text = "".join(document.text_blocks()) + RENDERER_TEXT
    return register_pdf_fonts(FontSet(roles, tuple(faces.values())), text)


# --- a chart -------------------------------------------------------------------------------
def make_chart(chart_id: str = "investment") -> tree.ChartImage:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import font_manager
    from matplotlib import pyplot as plt

    font_manager.fontManager.addfont(FONT_FILES["hei"][0])
    family = font_manager.FontProperties(fname=FONT_FILES["hei"][0]).get_name()
    with matplotlib.rc_context(
        {"svg.fonttype": "path", "svg.hashsalt": "gjz", "font.family": family}
    ):
        figure, axes = plt.subplots(figsize=(6.0, 3.4))
        axes.bar(
            ["规上工业", "规上服务业", "资质建筑业", "上市企业"],
            [288, 188, 250, 17],
            color="#C00000",
        )
        axes.set_ylabel("企业数（家）")
        axes.set_title("甘井子区企业数量")
        figure.tight_layout()
        buffer = io.BytesIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None})
        operators = save_pdf_drawing(figure, text_as_runs=False)[0]
        plt.close(figure)
    return tree.ChartImage(
        chart_id, buffer.getvalue(), b"", 152.4, 86.36, pdf_stream=zlib.compress(operators)
    )


# --- the sample document -------------------------------------------------------------------
BODY = (
    "甘井子区是大连的重大产业承载区，现有规模以上工业企业288家，规模以上服务业企业188家，"
    "资质以上建筑业企业250家，上市企业17家，世界500强企业中有50余家在此设立营业机构或投资项目。"
    "大连湾临海装备制造业集聚区获评“国家新型工业化产业示范基地”，中华路商务区获评"
    "“辽宁省现代服务业集聚区”。"
)
BODY_2 = (
    "作为大连市主城区中投资空间较大、开发建设较活跃的地带，甘井子区坚持规划引领，加大产业规划"
    "布局力度，选择重点产业领域展开全产业链研究和行业发展趋势分析，确定适宜甘井子未来发展的"
    "“2213”产业体系，“一轴两带双核三片区”产业布局。"
)
HEADINGS = [
    tree.Heading(1, "区位与定位", "一、", "h-location"),
    tree.Heading(2, "枢纽新城", "（一）", "h-hub"),
    tree.Heading(1, "产业基础", "二、", "h-industry"),
    tree.Heading(2, "规模以上企业", "（一）", "h-firms"),
    tree.Heading(3, "工业企业", "1．", "h-industrial"),
    tree.Heading(1, "营商环境", "三、", "h-business"),
]


def sample_document() -> tree.Document:
    h = HEADINGS
    rows = tuple((f"指标{n}", f"{n * 11}", "2020年") for n in range(1, 31))
    blocks: list[tree.Block] = [
        tree.Cover(
            "甘井子区发展规划简报",
            "围绕“新愿景”建设“新枢纽”",
            "大连甘井子区委宣传部",
            "2020年4月13日",
        ),
        tree.TableOfContents(),
        tree.PageBreak(),
        tree.Masthead(
            "甘井子区发展简报", "第5期", "甘井子区委宣传部", "2020年4月13日", "内部资料　注意保存"
        ),
        tree.Title("大连甘井子区——围绕“新愿景”建设“新枢纽”"),
        tree.Paragraph(
            "编者按：本期介绍甘井子区在《大连2049城市愿景规划》中的功能定位。", "editor_note"
        ),
        h[0],
        tree.Paragraph(BODY),
        tree.Paragraph(BODY_2),
        h[1],
        *(tree.Paragraph(BODY if n % 2 else BODY_2) for n in range(6)),
        tree.Paragraph(f"特殊字符测试：{HOSTILE}。"),
        h[2],
        tree.KeyFigures(
            (
                tree.KeyFigureTile("规模以上工业企业", "288家"),
                tree.KeyFigureTile("世界500强企业", "50余家", "设立营业机构或投资项目"),
                tree.KeyFigureTile("上市企业", "17家"),
                tree.KeyFigureTile("规模以上服务业企业", "188家"),
            )
        ),
        tree.FigureBlock(1, "investment", "甘井子区企业数量", "柱状图：各类企业数量", 150.0),
        h[3],
        *(tree.Paragraph(BODY_2 if n % 2 else BODY) for n in range(5)),
        tree.Table(1, "主要指标（长表跨页）", ("指标", "数值", "时期"), rows, (1,)),
        h[4],
        tree.Paragraph(BODY),
        tree.BulletList(("推进华为工业互联网中心等项目。", "提档升级服务业。")),
        h[5],
        tree.Paragraph(BODY_2),
        tree.Paragraph("注：本表数据来源于区统计部门。", "note"),
        tree.Paragraph("数据来源：大连甘井子区委宣传部", "source"),
        tree.Distribution(
            (("报", "市委、市政府"), ("送", "区人大、区政协"), ("发", "各街道、区直各部门")),
            "共印50份",
        ),
    ]
    meta = tree.DocumentMeta(
        "甘井子区发展规划简报",
        "大连甘井子区委宣传部",
        "甘井子区发展规划",
        ("甘井子区", "大连2049"),
        dt.date(2020, 4, 13),
        header="甘井子区发展简报",
    )
    return tree.Document(meta, tuple(blocks))


def render_sample() -> bytes:
    document = sample_document()
    return render_pdf(document, {"investment": make_chart()}, make_fonts(document), Theme())


# --- reading the sample back ----------------------------------------------------------------
THEME = Theme()
GEOMETRY = THEME.geometry
PAGE_HEIGHT = GEOMETRY.page_height_mm * MM
TEXT_LEFT = GEOMETRY.left_mm * MM
TEXT_RIGHT = TEXT_LEFT + GEOMETRY.text_width_mm * MM
TEXT_TOP = GEOMETRY.top_mm * MM  # from the top of the page, as pdfplumber measures
TEXT_BOTTOM = TEXT_TOP + GEOMETRY.text_height_mm * MM
PAGE_NUMBER = re.compile(r"^— (\d+) —$")


def outline_entries(reader: pypdf.PdfReader) -> list[tuple[int, str, int]]:
    """(depth, title, page index) for every outline entry, in order."""
    out: list[tuple[int, str, int]] = []

    def walk(items: list, depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                out.append((depth, item.title, reader.get_destination_page_number(item)))

    walk(reader.outline, 0)
    return out


def compact(text: str) -> str:
    return "".join(text.split())


def baselines_of_first_page(blocks: tuple[tree.Block, ...], size: float = 16) -> list[float]:
    meta = dataclasses.replace(sample_document().meta, header="")
    document = tree.Document(meta, blocks)
    data = render_pdf(document, {}, make_fonts(document), THEME)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        return sorted(
            {
                round(page.height - c["matrix"][5], 2)
                for c in page.chars
                if c["size"] == pytest.approx(size)
            }
        )


def distribution_document(paragraphs: int) -> tree.Document:
    blocks = (
        *(tree.Paragraph(BODY) for _ in range(paragraphs)),
        sample_document().blocks[-1],
    )
    assert isinstance(blocks[-1], tree.Distribution)
    return tree.Document(sample_document().meta, blocks)


def foot_layout(data: bytes) -> list[tuple[list[dict], list[dict], int | None]]:
    """Per page: text lines, full-width rules, printed page number."""
    out = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            lines = page.extract_text_lines()
            rules = [
                r
                for r in page.lines + page.rects
                if r["width"] > 400 and TEXT_TOP < r["top"] < TEXT_BOTTOM + 1
            ]
            numbers = [
                int(m.group(1)) for line in lines if (m := PAGE_NUMBER.match(line["text"].strip()))
            ]
            out.append((lines, rules, numbers[0] if numbers else None))
    return out


class _LateCharts:
    """A ChartSource that records when the renderer asks for sizes and for drawings."""

    def __init__(self, image: tree.ChartImage | None) -> None:
        self.chart = image
        self.calls: list[str] = []

    def size_mm(self, chart_id: str) -> tuple[float, float] | None:
        self.calls.append("size")
        return (152.4, 86.36) if chart_id == "investment" else None

    def pdf_stream(self, chart_id: str) -> bytes | None:
        self.calls.append("image")
        return None if self.chart is None else self.chart.pdf_stream

    def pdf_text(self, chart_id: str) -> bytes | None:
        self.calls.append("text")
        return None if self.chart is None else self.chart.pdf_text

    def png(self, chart_id: str) -> bytes | None:
        raise AssertionError("the PDF never needs a chart's PNG")


if __name__ == "__main__":
    data = render_sample()
    if len(sys.argv) > 1:
        Path(sys.argv[1]).write_bytes(data)
    else:
        import hashlib

        print(hashlib.sha256(data).hexdigest())
