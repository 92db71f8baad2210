"""The layout of a template: which blocks of the content, in what order.

Every field carries a description in Chinese and English: ``gjz-brief schema`` turns them into
the JSON Schema that editors show while a user edits ``templates/<name>/layout.yaml``.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator


class LayoutBlock(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CoverBlock(LayoutBlock):
    """封面：标题、副标题、编印单位、日期 / cover page: title, subtitle, issuer, date."""

    kind: Literal["cover"] = Field(description="封面 / cover page")


class MastheadBlock(LayoutBlock):
    """简报红色报头：简报名称、第N期、编印单位与日期、红色分隔线 / red masthead of a bulletin."""

    kind: Literal["masthead"] = Field(description="简报报头 / bulletin masthead")
    classification: str = Field(
        "", description="左上角密级或“内部资料 注意保存”，空则不印 / classification, top left"
    )


class TitleBlock(LayoutBlock):
    """正文标题（meta.title）/ the document title (meta.title) in the body."""

    kind: Literal["title"] = Field(description="正文标题 / document title")
    dateline: bool = Field(
        False,
        description="标题下加一行“编印单位　日期” / add a line with issuer and date under the title",
    )


class EditorNoteBlock(LayoutBlock):
    """编者按（meta.editor_note，楷体）/ the editor's note (meta.editor_note), in 楷体."""

    kind: Literal["editor_note"] = Field(description="编者按 / editor's note")


class TocBlock(LayoutBlock):
    """目录，含页码 / table of contents with page numbers."""

    kind: Literal["toc"] = Field(description="目录 / table of contents")
    title: str = Field("目　录", description="目录标题 / heading of the table of contents")


class SectionsBlock(LayoutBlock):
    """正文各节（sections）/ the body sections."""

    kind: Literal["sections"] = Field(description="正文各节 / body sections")
    only: list[str] | None = Field(
        None, description="只含这些节（节 id），空则全部 / only these section ids (default: all)"
    )
    charts: bool = Field(True, description="放入各节图表 / include the sections' charts")
    tables: bool = Field(True, description="放入各节表格 / include the sections' tables")


class ChartBlock(LayoutBlock):
    """一幅图表，按角色（role）或 id 指定 / one chart, named by its role or by its id.

    A role (``milestone_line``, ``industry_structure``, ``headline_panel`` or any name) is the
    chart whose ``roles`` list it; when no chart does, the first chart of the role's kind
    (timeline, structure, key_figures); when there is none, the block is left out. An ``id``
    names one chart of one content and fails on any other: the built-in templates use roles.
    """

    kind: Literal["chart"] = Field(description="图表 / chart")
    role: str | None = Field(
        None,
        description="图表角色，如 milestone_line 目标时间轴、industry_structure 产业结构；"
        "内容未标注时取该类的第一幅图，没有则略去 / the chart's role",
    )
    id: str | None = Field(
        None, description="图表 id（只适用于一份内容；宜用 role）/ chart id (prefer role)"
    )
    width_mm: float | None = Field(
        None,
        gt=0,
        le=300,
        description="图宽（毫米），空则用 chart_width_mm / width in mm (default: chart_width_mm)",
    )

    @model_validator(mode="after")
    def _role_or_id(self) -> ChartBlock:
        if (self.role is None) == (self.id is None):
            raise ValueError("a chart block names either a role or an id (one of the two)")
        return self


class KeyFiguresBlock(LayoutBlock):
    """关键指标卡片：大号数值加说明 / key-figure tiles: a big value over its label."""

    kind: Literal["key_figures"] = Field(description="关键指标卡片 / key-figure tiles")
    role: str = Field(
        "headline",
        description="指标角色：roles 含此名的指标；内容未标注时取 key_figures 图表的指标，"
        "没有则略去 / the figures whose roles name it (default: the key-figure chart's)",
    )
    figures: list[str] | None = Field(
        None, description="指标 id（只适用于一份内容；宜用 role）/ figure ids (prefer role)"
    )
    limit: int = Field(
        12,
        ge=1,
        le=60,
        description="最多几张卡片，按角色取到更多则报错 / at most this many tiles (more is an error)",
    )
    columns: int = Field(3, ge=1, le=6, description="每行卡片数 / tiles per row")


class KeyMessagesBlock(LayoutBlock):
    """要点（meta.key_messages）/ the key messages (meta.key_messages)."""

    kind: Literal["key_messages"] = Field(description="要点 / key messages")
    title: str = Field(
        "要点",
        description="小标题；{count} 印为实际条数（三、两）/ heading above the messages; "
        "{count} prints their number in Chinese numerals",
    )
    limit: int = Field(
        3,
        ge=1,
        le=20,
        description="最多几条，内容更多则报错 / at most this many messages (more is an error)",
    )


class HeadingBlock(LayoutBlock):
    """自定义小标题 / a heading with fixed text."""

    kind: Literal["heading"] = Field(description="小标题 / heading")
    text: str = Field(description="标题文字 / heading text")
    level: int = Field(1, ge=1, le=3, description="级别：1 一级，2 二级，3 三级 / heading level")


class AppendixBlock(LayoutBlock):
    """由内容生成的附录块 / a block generated from the content.

    figure_table 指标一览表, corrections 原文更正说明, sources 资料来源, milestones 发展目标,
    industry 产业体系, measures 主要举措, projects 重点项目.
    """

    kind: Literal[
        "figure_table", "corrections", "sources", "milestones", "industry", "measures", "projects"
    ] = Field(
        description="figure_table 指标一览 / corrections 更正说明 / sources 资料来源 / "
        "milestones 发展目标 / industry 产业体系 / measures 主要举措 / projects 重点项目"
    )
    title: str | None = Field(None, description="小标题，空则用默认 / heading (default per kind)")


class ChangesBlock(LayoutBlock):
    """本期变化：与上一期（已发布的最近一期）相比变化的指标（仅 build --changes）；不编号，
    不占“一、二、”和“表N”的序号 / figures changed since the last published issue (only with
    build --changes); unnumbered, so the sections and tables keep their numbers."""

    kind: Literal["changes"] = Field(description="本期变化 / changes since the last issue")
    title: str = Field("本期变化", description="小标题 / heading")


class DistributionBlock(LayoutBlock):
    """报尾：报/送/发与共印N份，置于末页下端 / 报/送/发 and 共印N份 at the foot of the last page."""

    kind: Literal["distribution"] = Field(description="报尾 / distribution block")


class PageBreakBlock(LayoutBlock):
    """另起一页 / start a new page."""

    kind: Literal["page_break"] = Field(description="分页 / page break")


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
    """版式：排哪些内容、按什么顺序 / the layout of a template: which blocks, in what order."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    description: str = Field(
        description="一句话说明，显示在 gjz-brief templates 中 / one-line description"
    )
    blocks: list[AnyBlock] = Field(
        min_length=1,
        max_length=200,
        description="按顺序排版的块，kind 决定种类 / the blocks, in order; kind says which",
    )
    number_headings: bool = Field(
        True, description="一级标题编号“一、二、” / number level-1 headings 一、二、"
    )
    running_header: bool = Field(
        True, description="页眉印 meta.header / print meta.header as a running header"
    )
    max_pages: int | None = Field(
        None,
        ge=1,
        le=500,
        description="页数上限，超出则构建失败并说明哪部分超出 / page limit: the build fails "
        "and says what overflowed",
    )
    chart_width_mm: float = Field(
        150.0, gt=0, le=300, description="图表默认宽度（毫米）/ default chart width in mm"
    )
