"""The neutral document tree that both renderers consume.

It knows nothing of python-docx, ReportLab or matplotlib. All text is plain Unicode (figure
references already resolved, punctuation normalised); renderers must escape it, never
interpret it as markup.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal, Protocol

# Where a text of the document came from in the content: a field path such as
# ("sections", 2, "paragraphs", 0) or ("figures", 5, "value"); () for the template's own text.
# The DOCX carries it, so `gjz-brief absorb` can write a clerk's edits back (absorb/).
Origin = tuple[str | int, ...]


@dataclass(frozen=True)
class DocumentMeta:
    title: str
    author: str  # the issuing unit
    subject: str
    keywords: tuple[str, ...]
    date: dt.date  # 成文日期, from SOURCE_DATE_EPOCH or the content
    header: str = ""  # running header text
    language: str = "zh-CN"


@dataclass(frozen=True)
class Cover:
    """Title page of the full briefing."""

    title: str
    subtitle: str
    issuer: str
    date_text: str  # "2020年4月13日"


@dataclass(frozen=True)
class Masthead:
    """简报报头: bulletin name, 第N期, 编印单位 left and date right, then a red rule."""

    bulletin_name: str
    issue_text: str  # "第5期"
    issuer: str
    date_text: str
    classification: str = ""  # e.g. "内部资料 注意保存"


@dataclass(frozen=True)
class TableOfContents:
    title: str = "目  录"
    levels: int = 2


@dataclass(frozen=True)
class Title:
    """The document title set in the body (2号小标宋, centred)."""

    text: str
    subtitle: str = ""  # a line under the title, e.g. issuer and date on the 一页纸
    origin: Origin = ()


@dataclass(frozen=True)
class Heading:
    """A heading; ``number`` is the Chinese list label ("一、", "（一）", "1.") or ""."""

    level: int  # 1..3
    text: str
    number: str = ""
    anchor: str = ""  # stable id for bookmarks/TOC
    origin: Origin = ()

    @property
    def full_text(self) -> str:
        return f"{self.number}{self.text}"


ParagraphStyle = Literal["body", "lead", "note", "editor_note", "source", "quote"]


@dataclass(frozen=True)
class Paragraph:
    text: str
    style: ParagraphStyle = "body"
    origin: Origin = ()
    prefix: str = ""  # generated text before the content's (编者按：), part of ``text``


@dataclass(frozen=True)
class Table:
    number: int
    caption: str  # without the "表1" label
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric_columns: tuple[int, ...] = ()  # right-aligned columns
    anchor: str = ""
    caption_origin: Origin = ()
    cell_origins: tuple[tuple[Origin, ...], ...] = ()  # per row and column, as ``rows``


@dataclass(frozen=True)
class KeyFigureTile:
    label: str
    value: str  # e.g. "50余家", "38.86%"
    note: str = ""
    figure_index: int | None = None  # the figure's place in Plan.figures


@dataclass(frozen=True)
class KeyFigures:
    tiles: tuple[KeyFigureTile, ...]
    columns: int = 3


@dataclass(frozen=True)
class ChartPoint:
    """One bar of a numeric chart: a figure of the content and how it is printed."""

    name: str  # the category: the figure's name
    value: float  # the figure's value, as in the content
    label: str  # the data label as printed: "50余家", "177家（目标：力争突破200家）"
    number_format: str  # Excel number format printing ``value`` as in ``label`` where it
    # can ("0\"余家\""), so an edited value keeps its qualifier and unit; "" where it cannot
    target: float | None = None  # progress: the target value, if the figure has one
    percent: float | None = None  # progress: the length drawn, in % of the target (≤ 100)


@dataclass(frozen=True)
class NumericChart:
    """A bar or progress chart by its data, for renderers that draw charts natively."""

    kind: Literal["bar", "progress"]
    title: str
    value_title: str  # the series' name: "数值（家）", "完成比例（%）"
    points: tuple[ChartPoint, ...]


@dataclass(frozen=True)
class TimelineChart:
    """Milestones in year order: (year, label or "", goal) as the chart prints them."""

    title: str
    milestones: tuple[tuple[str, str, str], ...]


@dataclass(frozen=True)
class StructureChart:
    """Industry frameworks: each (name, ((group name, (field, …)), …)), labels as printed
    (（推断） marks included)."""

    title: str
    frameworks: tuple[tuple[str, tuple[tuple[str, tuple[str, ...]], ...]], ...]


@dataclass(frozen=True)
class KeyFiguresChart:
    """A key-figure panel drawn as a chart: its title and tiles."""

    title: str
    tiles: tuple[KeyFigureTile, ...]
    columns: int = 3


ChartContent = NumericChart | TimelineChart | StructureChart | KeyFiguresChart


@dataclass(frozen=True)
class FigureBlock:
    """A chart placed in the flow. ``chart_id`` keys the rendered chart images; ``content``
    is what the chart shows, for renderers that build it as live content (DOCX)."""

    number: int
    chart_id: str
    caption: str  # without the "图1" label
    alt_text: str
    width_mm: float = 150.0
    content: ChartContent | None = None
    caption_origin: Origin = ()


@dataclass(frozen=True)
class BulletList:
    """Items without markers; renderers number them in the text as 公文 do: （1）（2）…"""

    items: tuple[str, ...]
    origins: tuple[Origin, ...] = ()  # per item, when the items come from the content


@dataclass(frozen=True)
class Distribution:
    """简报报尾: 报/送/发 lines and 共印N份, at the foot of the last page."""

    lines: tuple[tuple[str, str], ...]  # (label, text): ("报", "市委、市政府")
    copies_text: str = ""  # "共印50份"


@dataclass(frozen=True)
class PageBreak:
    pass


Block = (
    Cover
    | Masthead
    | TableOfContents
    | Title
    | Heading
    | Paragraph
    | Table
    | FigureBlock
    | KeyFigures
    | BulletList
    | Distribution
    | PageBreak
)


@dataclass(frozen=True)
class Document:
    meta: DocumentMeta
    blocks: tuple[Block, ...]
    template: str = "full"

    def headings(self) -> list[Heading]:
        return [b for b in self.blocks if isinstance(b, Heading)]

    def figures(self) -> list[FigureBlock]:
        return [b for b in self.blocks if isinstance(b, FigureBlock)]

    def text_blocks(self) -> list[str]:
        """Every piece of text the reader sees, in order (for glyph checks and tests)."""
        out: list[str] = []
        for block in self.blocks:
            out.extend(block_texts(block))
        return out


def block_texts(block: Block) -> list[str]:
    if isinstance(block, Cover):
        return [block.title, block.subtitle, block.issuer, block.date_text]
    if isinstance(block, Masthead):
        return [
            block.bulletin_name,
            block.issue_text,
            block.issuer,
            block.date_text,
            block.classification,
        ]
    if isinstance(block, TableOfContents):
        return [block.title]
    if isinstance(block, Title):
        return [block.text, block.subtitle]
    if isinstance(block, Paragraph):
        return [block.text]
    if isinstance(block, Heading):
        return [block.full_text]
    if isinstance(block, Table):
        return [block.caption, *block.columns, *(cell for row in block.rows for cell in row)]
    if isinstance(block, FigureBlock):
        return [block.caption, block.alt_text]
    if isinstance(block, KeyFigures):
        return [t for tile in block.tiles for t in (tile.label, tile.value, tile.note)]
    if isinstance(block, BulletList):
        return list(block.items)
    if isinstance(block, Distribution):
        return [t for pair in block.lines for t in pair] + [block.copies_text]
    return []


@dataclass(frozen=True)
class ChartImage:
    """One rendered chart: PDF operators for the PDF, PNG for the DOCX, SVG for users.

    ``pdf_stream`` is a self-contained content stream of the chart's graphics (points, origin
    at the bottom left, ``width_mm`` × ``height_mm``; see charts/pdf_operators.py),
    Flate-compressed once when drawn, so the PDF embeds it as it is, build after build.
    ``pdf_text`` holds the chart's text lines (charts.pdf_operators.encode_texts), which the
    PDF sets as real text over the graphics.
    """

    chart_id: str
    svg: bytes
    png: bytes
    width_mm: float
    height_mm: float
    png_dpi: int = 220
    pdf_stream: bytes = b""
    extra: dict[str, str] = field(default_factory=dict)
    pdf_text: bytes = b""


class ChartSource(Protocol):
    """The charts a renderer places, each part asked for only when it is needed.

    The PDF needs a chart's size while laying out pages and its drawing only when the file
    is written, so the build lays the PDF out while the charts are still being drawn
    (charts.stage.ChartStage); each method waits for its part only. None: no such chart.
    """

    def size_mm(self, chart_id: str) -> tuple[float, float] | None:
        """Width and height in millimetres."""

    def pdf_stream(self, chart_id: str) -> bytes | None:
        """ChartImage.pdf_stream: the drawing as a compressed PDF content stream."""

    def pdf_text(self, chart_id: str) -> bytes | None:
        """ChartImage.pdf_text: the chart's text runs, set as real text in the PDF."""

    def png(self, chart_id: str) -> bytes | None:
        """ChartImage.png, for the DOCX."""


@dataclass(frozen=True)
class ReadyCharts:
    """A ChartSource of charts already drawn."""

    images: Mapping[str, ChartImage]

    def size_mm(self, chart_id: str) -> tuple[float, float] | None:
        image = self.images.get(chart_id)
        return None if image is None else (image.width_mm, image.height_mm)

    def pdf_stream(self, chart_id: str) -> bytes | None:
        image = self.images.get(chart_id)
        return None if image is None else image.pdf_stream

    def pdf_text(self, chart_id: str) -> bytes | None:
        image = self.images.get(chart_id)
        return None if image is None else image.pdf_text

    def png(self, chart_id: str) -> bytes | None:
        image = self.images.get(chart_id)
        return None if image is None else image.png


def chart_source(charts: Mapping[str, ChartImage] | ChartSource) -> ChartSource:
    """Drawn charts (a mapping) or a ChartSource, as a ChartSource."""
    return ReadyCharts(charts) if isinstance(charts, Mapping) else charts
