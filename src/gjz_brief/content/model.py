"""The typed content model of a development plan (a district's, a city's, a sector's).

The model is plain data: pydantic validates types, ranges and unknown fields; cross-references
(figure ids in text, charts and tables) are checked in ``validate.py``. Field descriptions are
given in Chinese and English because they feed the JSON Schema that editors show.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

from gjz_brief.content.limits import (
    MAX_CHARTS,
    MAX_LIST_ITEMS,
    MAX_SHORT_TEXT_CHARS,
    MAX_TEXT_CHARS,
)

Identifier = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", min_length=1, max_length=64),
    Field(
        description="标识符：小写字母开头，只含小写字母、数字和下划线 / identifier: [a-z][a-z0-9_]*"
    ),
]


def _not_blank(value: str) -> str:
    # A title of spaces prints as nothing: treat it as the empty text it looks like.
    if value and not value.strip():
        raise ValueError("must not be empty (it holds only spaces)")
    return value


Text = Annotated[
    str, StringConstraints(min_length=1, max_length=MAX_TEXT_CHARS), AfterValidator(_not_blank)
]
ShortText = Annotated[
    str,
    StringConstraints(min_length=1, max_length=MAX_SHORT_TEXT_CHARS),
    AfterValidator(_not_blank),
]
Year = Annotated[int, Field(ge=1900, le=2100, description="年份 / year (1900–2100)")]
# Word keeps the title, subject and keywords in the file's document properties (docProps/
# core.xml), which Word and python-docx limit to 255 characters each.
WORD_PROPERTY_CHARS = 255


def _word_property(value: str | None) -> str | None:
    if value is not None and len(value) > WORD_PROPERTY_CHARS:
        raise ValueError(
            f"text is {len(value)} characters long, more than the {WORD_PROPERTY_CHARS} that "
            "Word's document properties (title, subject, keywords) hold"
        )
    return value


PropertyText = Annotated[Text, AfterValidator(_word_property)]
# The largest value a figure of each kind may have: beyond it a number is a typing or unit
# error (1e308 家), and digits past 15 are not kept by a float or by Excel.
KIND_LIMITS = {
    "count": 10**12,
    "money": 10**15,
    "share": 100,
    "rate": 10**6,
    "year": 2100,
    "other": 10**15,
}

# Qualifiers exactly as the article prints them. Prefixes stand before the number, suffixes after.
PREFIX_QUALIFIERS = ("超", "近", "约", "突破", "达", "逾")
SUFFIX_QUALIFIERS = ("余", "多", "以上")
Qualifier = Literal["", "超", "近", "约", "突破", "达", "逾", "余", "多", "以上"]
TableColumn = Literal["name", "value", "period", "target", "source"]
DEFAULT_TABLE_COLUMNS: tuple[TableColumn, ...] = ("name", "value", "period")


def _list(description: str, max_items: int = MAX_LIST_ITEMS) -> Any:
    # Any: what pydantic's Field gives a field's default (its own annotation).
    return Field(default_factory=list, max_length=max_items, description=description)


class ContentModel(BaseModel):
    """Base: unknown fields are errors, values are immutable once loaded."""

    # .inf and .nan are valid YAML floats but no figure can be printed or drawn from them.
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class Distribution(ContentModel):
    """简报报尾的发送范围 / the distribution block of a bulletin."""

    report_to: list[ShortText] = _list("报：上级机关 / superiors")
    send_to: list[ShortText] = _list("送：平级机关 / peers")
    issue_to: list[ShortText] = _list("发：下级单位 / subordinates")
    copies: int | None = Field(None, ge=1, le=100000, description="共印N份 / printed copies")


class Meta(ContentModel):
    """文档信息 / document information."""

    title: PropertyText = Field(description="标题（至多255字，Word文档属性的上限）/ document title")
    subtitle: Text | None = Field(None, description="副标题 / subtitle")
    issuer: ShortText = Field(description="编印单位（PDF作者）/ issuing unit (PDF author)")
    source: ShortText | None = Field(
        None, description="数据来源（可省）/ source of the data, as printed (optional)"
    )
    source_title: Text | None = Field(
        None, description="来源文献标题（可省）/ title of the source document (optional)"
    )
    as_of: dt.date = Field(
        description="内容截止日期（无SOURCE_DATE_EPOCH时作成文日期）/ as-of date"
    )
    subject: PropertyText | None = Field(None, description="主题 / subject (PDF metadata)")
    keywords: list[ShortText] = _list("关键词 / keywords", 50)
    header: ShortText | None = Field(
        None, description="页眉文字，缺省用标题 / running header (default: the title)"
    )
    bulletin_name: ShortText | None = Field(
        None,
        description="简报名称（报头、期刊名），缺省用标题 / bulletin name (default: the title)",
    )
    issue_number: int | None = Field(
        None,
        ge=1,
        le=9999,
        description="首期期号（未发布任何一期时用）/ issue number before any issue is published",
    )
    editor_note: Text | None = Field(None, description="编者按 / editor's note")
    key_messages: list[Text] = _list("要点（一页纸），可引用指标 {{id}} / key messages", 20)
    distribution: Distribution | None = Field(None, description="报送范围 / distribution")

    @field_validator("keywords")
    @classmethod
    def _keywords_fit_word(cls, keywords: list[str]) -> list[str]:
        joined = "；".join(keywords)  # as the DOCX writes them
        if len(joined) > WORD_PROPERTY_CHARS:
            raise ValueError(
                f"the keywords take {len(joined)} characters together, more than the "
                f"{WORD_PROPERTY_CHARS} that Word's keywords property holds"
            )
        return keywords


class Vision(ContentModel):
    """愿景与定位（各项可省）/ vision and positioning (every field optional)."""

    plan_name: ShortText | None = Field(None, description="规划名称 / plan name")
    horizon_year: Year | None = Field(None, description="规划远景年 / the plan's horizon year")
    positioning: ShortText | None = Field(None, description="功能定位 / positioning")
    location: Text | None = Field(None, description="区位 / location")
    hubs: list[ShortText] = _list("交通枢纽 / transport hubs")
    transport_system: ShortText | None = Field(None, description="交通体系 / transport system")
    statements: list[Text] = _list("愿景表述，可引用指标 {{id}} / statements, may cite {{id}}")


class Milestone(ContentModel):
    """阶段目标 / a milestone."""

    id: Identifier
    year: Year
    label: ShortText = Field(description="时间节点，如“到2030年” / label")
    goal: Text = Field(description="目标表述（按来源）/ the goal as stated")
    intent: Literal["", "力争"] = Field("", description="“力争”等措辞 / intent wording")
    scope: Literal["district", "city"] = Field(
        "district", description="本级目标或上级远景 / this plan's goal or a wider horizon"
    )
    source: Text | None = Field(None, description="出处（可省）/ source sentence (optional)")


class IndustryGroup(ContentModel):
    """产业体系中的一组 / one group of an industry framework."""

    name: ShortText = Field(description="组名，如“先进制造业” / group name")
    fields: list[ShortText] = _list("组成领域 / fields of the group")
    inferred: bool = Field(False, description="是否为推断 / whether this is an inference")
    note: Text | None = Field(None, description="说明 / note")


class IndustryFramework(ContentModel):
    """产业体系、布局或格局 / an industry system, layout or pattern."""

    id: Identifier
    name: ShortText = Field(description="名称，如“2213”产业体系 / name")
    kind: Literal["system", "layout", "pattern", "clusters", "link"] = Field(
        description="system 产业体系, layout 产业布局, pattern 发展格局, clusters 产业集群, "
        "link 对接（如对接“四个中心”）/ kind of framework"
    )
    parts_stated: bool | None = Field(
        None, description="来源是否列出组成部分（可省）/ does the source list the parts (optional)"
    )
    groups: list[IndustryGroup] = _list("组成部分（来源未列出时留空）/ parts (empty if not stated)")
    inferred: bool = Field(False, description="组成部分是否为推断 / are the parts an inference")
    note: Text | None = Field(None, description="说明 / note")
    source: Text | None = Field(None, description="出处（可省）/ source sentence (optional)")


_DECIMALS = (
    "小数位数：印几位小数（缺省按书写：6.0 印 6.0，512.30 印 512.30；表格按单元格所示）/ "
    "decimal places printed (default: as written, 6.0 → 6.0; a sheet: as the cell shows)"
)
Decimals = Annotated[int | None, Field(ge=0, le=10)]


def check_decimals(value: float, decimals: int | None) -> None:
    """``decimals`` may add zeros to ``value`` (6 → 6.0) but never cut its digits (6.25 to
    one place would print 6.3, a number the content does not say)."""
    if decimals is None:
        return
    exact = Decimal(format(value, ".15g"))
    if exact != exact.quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP):
        raise ValueError(
            f"decimals {decimals} would print {value:g} rounded; a figure prints its digits "
            "as they are"
        )


class Target(ContentModel):
    """指标的目标值 / the stated target of a figure."""

    value: float = Field(ge=0, le=10**15, description="目标值 / target value")
    decimals: Decimals = Field(None, description=_DECIMALS)
    qualifier: Qualifier = Field("", description="限定词 / qualifier, e.g. 突破")
    intent: Literal["", "力争", "确保"] = Field("", description="措辞 / wording, e.g. 力争")
    year: Year | None = Field(None, description="目标年份 / target year")
    source: Text | None = Field(None, description="出处（可省）/ source sentence (optional)")

    @field_validator("decimals")
    @classmethod
    def _check_decimals(cls, decimals: int | None, info: ValidationInfo) -> int | None:
        value = info.data.get("value")
        if isinstance(value, (int, float)):
            check_decimals(value, decimals)
        return decimals


class Figure(ContentModel):
    """指标：规划或来源中的一个数字 / a figure: one number of the plan or its source."""

    id: Identifier
    name: ShortText = Field(description="指标名称 / name")
    # kind comes before value: pydantic validates in this order and value's check needs kind.
    kind: Literal["count", "money", "share", "rate", "year", "other"] = Field(
        description="类型：count 计数, money 金额, share 占比(≤100%), rate 比率, year 年份"
    )
    value: float = Field(description="数值 / value")
    unit: Annotated[str, StringConstraints(max_length=20)] = Field("", description="单位 / unit")
    qualifier: Qualifier = Field("", description="限定词，按来源 / qualifier as printed")
    status: Literal["actual", "target", "plan"] = Field(
        "actual", description="实际/目标/计划 / actual, target or plan"
    )
    printed: ShortText | None = Field(
        None, description="来源以汉字书写时的印刷形式，如“两万多” / printed form in words"
    )
    # after value: its check needs the value
    decimals: Decimals = Field(None, description=_DECIMALS)
    period: ShortText | None = Field(None, description="时期，如“2020年一季度” / period")
    as_of: dt.date | None = Field(None, description="截至日期 / as-of date")
    base_year: Year | None = Field(None, description="基准年 / base year")
    target: Target | None = Field(None, description="目标值（如有）/ the stated target, if any")
    group: ShortText | None = Field(None, description="分组 / group, e.g. 企业基础")
    roles: list[Identifier] = _list(
        "角色：版式按角色取指标，如 headline（关键指标卡片）/ roles the layouts ask for, "
        "e.g. headline (the key-figure tiles)",
        10,
    )
    source: Text = Field(
        description="出处（可用顶层 default_source 统一给出）/ source sentence (or default_source)"
    )
    inferred: bool = Field(False, description="是否为推断 / whether this is an inference")
    note: Text | None = Field(None, description="说明 / note")

    @field_validator("value")
    @classmethod
    def _check_value(cls, value: float, info: ValidationInfo) -> float:
        kind = str(info.data.get("kind"))
        if kind == "count" and (value < 0 or value != int(value)):
            raise ValueError("a count must be a whole number ≥ 0")
        if kind == "money" and value < 0:
            raise ValueError("an amount of money must be ≥ 0")
        if kind == "share" and not 0 <= value <= 100:
            raise ValueError("a share is a percentage between 0 and 100")
        if kind == "year" and not 1900 <= value <= 2100:
            raise ValueError("a year must lie between 1900 and 2100")
        limit = KIND_LIMITS.get(kind, 10**15)
        if abs(value) > limit:
            shown = f"{value:g}" if isinstance(value, float) else str(value)
            raise ValueError(
                f"{shown} lies beyond the sane range of a {kind or 'figure'} "
                f"(at most {limit:,}); check the digits and the unit"
            )
        return value

    @field_validator("decimals")
    @classmethod
    def _check_decimals(cls, decimals: int | None, info: ValidationInfo) -> int | None:
        value = info.data.get("value")
        if isinstance(value, (int, float)):
            check_decimals(value, decimals)
        return decimals

    @field_validator("target")
    @classmethod
    def _check_target(cls, target: Target | None, info: ValidationInfo) -> Target | None:
        base_year = info.data.get("base_year")
        if target and target.year and base_year and target.year < base_year:
            raise ValueError(f"the target year {target.year} lies before the base year {base_year}")
        return target


class Section(ContentModel):
    """正文一节 / a section of the narrative."""

    id: Identifier
    title: ShortText = Field(description="节标题（编号自动加）/ section title (numbered for you)")
    paragraphs: list[Text] = _list("段落，可引用指标 {{id}} / paragraphs, may cite {{id}}")
    charts: list[Identifier] = _list("本节图表 / charts placed in this section")
    tables: list[Identifier] = _list("本节表格 / tables placed in this section")


ChartKind = Literal["timeline", "bar", "progress", "structure", "key_figures"]


class ChartSpec(ContentModel):
    """图表规格 / a chart specification."""

    id: Identifier
    kind: ChartKind = Field(
        description="timeline 时间轴, bar 柱状, progress 目标进度, structure 产业结构, key_figures 指标面板"
    )
    title: ShortText = Field(description="图表标题 / chart title")
    figures: list[Identifier] = _list("绘制的指标 / figures drawn")
    frameworks: list[Identifier] = _list("绘制的产业体系（structure）/ frameworks drawn")
    caption: ShortText | None = Field(None, description="图题（缺省用 title）/ caption")
    alt: Text | None = Field(None, description="替代文字 / alt text")
    roles: list[Identifier] = _list(
        "角色：版式按角色取图表，如 milestone_line（目标时间轴）、industry_structure（产业结构）"
        " / roles the layouts ask for, e.g. milestone_line, industry_structure",
        10,
    )


class TableSpec(ContentModel):
    """表格规格 / a table of figures."""

    id: Identifier
    title: ShortText = Field(description="表题（“表N”自动加）/ table title (表N added for you)")
    figures: list[Identifier] = _list("列出的指标 / figures listed")
    columns: list[TableColumn] = Field(
        default_factory=lambda: list(DEFAULT_TABLE_COLUMNS),
        description="列（各列至多一次）/ columns, each at most once",
    )

    @field_validator("columns")
    @classmethod
    def _columns_once(cls, columns: list[str]) -> list[str]:
        repeated = sorted({column for column in columns if columns.count(column) > 1})
        if repeated:
            raise ValueError(
                f"the column {'、'.join(repeated)} is listed more than once; a table shows "
                "each of name, value, period, target and source at most once"
            )
        return columns


class Project(ContentModel):
    """项目 / a project named in the article."""

    name: ShortText = Field(description="项目名称 / project name")
    category: ShortText | None = Field(None, description="类别 / category")
    description: Text | None = Field(None, description="说明 / description")
    source: Text | None = Field(None, description="出处（可省）/ source sentence (optional)")


class Honour(ContentModel):
    """荣誉 / an honour or designation."""

    name: ShortText = Field(description="荣誉名称 / name of the honour")
    holder: ShortText = Field(description="获得者 / holder")
    year: Year | None = Field(None, description="年份 / year")
    source: Text | None = Field(None, description="出处（可省）/ source sentence (optional)")


class Measure(ContentModel):
    """举措 / a policy measure."""

    id: Identifier
    name: ShortText = Field(description="举措名称，如“三专三送” / name of the measure")
    description: Text | None = Field(None, description="说明 / description")
    items: list[Text] = _list("要点 / points")
    source: Text | None = Field(None, description="出处（可省）/ source sentence (optional)")


class Correction(ContentModel):
    """对原文排印错误的更正 / a correction of a copy error in the source."""

    printed: Text = Field(description="原文印刷形式 / as printed")
    used: Text = Field(description="本文采用形式 / as used here")
    reason: Text = Field(description="理由 / why")
    status: Literal["corrected", "flagged"] = Field(
        description="corrected 已更正；flagged 存疑，保留原文 / corrected, or flagged and kept"
    )


class Plan(ContentModel):
    """发展规划内容 / the content of a development plan."""

    meta: Meta = Field(description="文档信息：标题、编印单位、日期等 / document information")
    vision: Vision | None = Field(None, description="愿景与定位（可省）/ vision and positioning")
    milestones: list[Milestone] = _list("阶段目标 / milestones")
    industry: list[IndustryFramework] = _list("产业体系 / industry frameworks")
    figures: list[Figure] = _list("指标 / figures")
    sections: list[Section] = _list("正文各节 / sections")
    charts: list[ChartSpec] = _list("图表 / charts", MAX_CHARTS)
    tables: list[TableSpec] = _list("表格 / tables")
    projects: list[Project] = _list("项目 / projects")
    honours: list[Honour] = _list("荣誉 / honours")
    measures: list[Measure] = _list("举措 / measures")
    corrections: list[Correction] = _list("来源更正（可省）/ corrections of the source")
    default_source: Text | None = Field(
        None,
        description="指标的缺省出处：未写 source 的指标用它（如内部统计）/ the source of every "
        "figure that gives none, e.g. 区统计局内部统计",
    )

    @model_validator(mode="before")
    @classmethod
    def _default_source(cls, data: Any) -> Any:
        # A figure without its own source takes the default; one without either is still an
        # error at the figure (figures[N].source: Field required).
        if not isinstance(data, dict) or not isinstance(data.get("default_source"), str):
            return data
        figures = data.get("figures")
        if not isinstance(figures, list):
            return data
        default = data["default_source"]
        filled = [
            {**figure, "source": default}
            if isinstance(figure, dict) and "source" not in figure
            else figure
            for figure in figures
        ]
        return {**data, "figures": filled}

    def figure(self, figure_id: str) -> Figure:
        for item in self.figures:
            if item.id == figure_id:
                return item
        raise KeyError(figure_id)

    def figures_by_id(self) -> dict[str, Figure]:
        return {item.id: item for item in self.figures}
