"""The layout of a template: which blocks of the content, in what order."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field


class LayoutBlock(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CoverBlock(LayoutBlock):
    kind: Literal["cover"]


class MastheadBlock(LayoutBlock):
    kind: Literal["masthead"]
    classification: str = Field("", description="密级或“内部资料 注意保存” / classification")


class TitleBlock(LayoutBlock):
    kind: Literal["title"]


class EditorNoteBlock(LayoutBlock):
    kind: Literal["editor_note"]


class TocBlock(LayoutBlock):
    kind: Literal["toc"]
    title: str = "目　录"


class SectionsBlock(LayoutBlock):
    kind: Literal["sections"]
    only: list[str] | None = Field(None, description="只含这些节 / only these section ids")
    charts: bool = Field(True, description="放入各节图表 / include the sections' charts")
    tables: bool = Field(True, description="放入各节表格 / include the sections' tables")


class ChartBlock(LayoutBlock):
    kind: Literal["chart"]
    id: str
    width_mm: float | None = Field(None, gt=0, le=300)


class KeyFiguresBlock(LayoutBlock):
    kind: Literal["key_figures"]
    figures: list[str] = Field(description="指标 id / figure ids")
    columns: int = Field(3, ge=1, le=6)


class KeyMessagesBlock(LayoutBlock):
    kind: Literal["key_messages"]
    title: str = "要点"
    limit: int = Field(3, ge=1, le=20)


class HeadingBlock(LayoutBlock):
    kind: Literal["heading"]
    text: str
    level: int = Field(1, ge=1, le=3)


class AppendixBlock(LayoutBlock):
    kind: Literal[
        "figure_table", "corrections", "sources", "milestones", "industry", "measures", "projects"
    ]
    title: str | None = None


class ChangesBlock(LayoutBlock):
    """本期变化: figures changed since the previous build (only with build --changes)."""

    kind: Literal["changes"]
    title: str = "本期变化"


class DistributionBlock(LayoutBlock):
    kind: Literal["distribution"]


class PageBreakBlock(LayoutBlock):
    kind: Literal["page_break"]


AnyBlock = Annotated[
    CoverBlock
    | MastheadBlock
    | TitleBlock
    | EditorNoteBlock
    | TocBlock
    | SectionsBlock
    | ChartBlock
    | KeyFiguresBlock
    | KeyMessagesBlock
    | HeadingBlock
    | AppendixBlock
    | ChangesBlock
    | DistributionBlock
    | PageBreakBlock,
    Field(discriminator="kind"),
]


class Layout(BaseModel):
    """版式 / the layout of a template."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    description: str = Field(description="一句话说明 / one-line description")
    blocks: list[AnyBlock] = Field(min_length=1, max_length=200)
    number_headings: bool = Field(True, description="一级标题编号“一、” / number headings")
    max_pages: int | None = Field(None, ge=1, le=500, description="页数上限 / page limit")
    chart_width_mm: float = Field(150.0, gt=0, le=300)
