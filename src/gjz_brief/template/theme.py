"""The PDF theme: page geometry, fonts by role, sizes and colours.

Defaults follow GB/T 9704-2012 (see the fact sheet): A4, top 37 mm, left 28 mm, text block
156 × 225 mm, 22 lines × 28 characters of 3号 (16 pt) 仿宋.

A ``theme.yaml`` need only name what it changes: a style given in part (``body: {size_pt:
15}``) keeps the default's other settings. Every field carries a Chinese and English
description for the JSON Schema that ``gjz-brief schema`` writes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

FontRole = Literal["title", "body", "heading", "kai", "song"]
FONT_ROLES: tuple[str, ...] = ("title", "body", "heading", "kai", "song")

MM = 72.0 / 25.4  # points per millimetre

# The real limits of a theme that builds (issue #17): smaller pages, text blocks or sizes
# end in layouts no renderer can make. A style must also fit two characters on a line and
# a line in a third of the text block (checked in Theme).
MIN_PAGE_MM = 50.0  # smaller than A8
MIN_TEXT_BLOCK_MM = 30.0
MIN_SIZE_PT = 4.0  # 八号 is 5 pt

# The styles a theme sets, each with its description (for the JSON Schema). The second
# group derives from the style named in STYLE_DERIVATION until the theme sets it.
STYLE_DESCRIPTIONS: dict[str, str] = {
    "title": "标题 / title",
    "subtitle": "副标题、标题下日期行 / subtitle, dateline",
    "heading1": "一级标题（一、）/ level-1 heading",
    "heading2": "二级标题（（一））/ level-2 heading",
    "heading3": "三级标题（1.）/ level-3 heading",
    "body": "正文 / body text",
    "editor_note": "编者按 / editor's note",
    "note": "注释 / notes",
    "caption": "图表题注 / captions",
    "table": "表格文字（数字列居右、表头居中）/ table text (numbers right, header centred)",
    "page_number": "页码（位置见 geometry）/ page numbers (placed by the geometry)",
    "header": "页眉 / running header",
    "lead": "导语（默认同正文）/ lead paragraph (default: body)",
    "quote": "引文（默认同编者按）/ quotation (default: editor_note)",
    "source": "资料来源（默认同注释）/ sources (default: note)",
    "bullet": "要点列表（默认同正文）/ list items (default: body)",
    "cover_title": "封面标题（默认同标题，30磅）/ cover title (default: title at 30 pt)",
    "toc_title": "目录标题（默认同标题，段后一行）/ contents heading (default: title)",
    "masthead": "报头名称（默认同标题，42磅，过长时缩小至一行）/ masthead name (default: "
    "title at 42 pt, made smaller to fit one line)",
    "key_value": "指标卡片数值（默认同一级标题，20磅居中）/ key-figure value (default: "
    "heading1 at 20 pt, centred)",
    "key_label": "指标卡片说明（默认同表格，居中）/ key-figure label (default: table, centred)",
    "key_note": "指标卡片注释（默认同注释，9磅居中）/ key-figure note (default: note at 9 pt, "
    "centred)",
    "distribution": "报尾（默认同正文，14磅）/ distribution block (default: body at 14 pt)",
}
# A derived style: its base and what differs from it (the values the renderers print).
STYLE_DERIVATION: dict[str, tuple[str, dict[str, Any]]] = {
    "lead": ("body", {}),
    "quote": ("editor_note", {}),
    "source": ("note", {}),
    "bullet": ("body", {}),
    "cover_title": ("title", {"size_pt": 30, "space_before_lines": 0, "space_after_lines": 0}),
    "toc_title": ("title", {"align": "center", "space_before_lines": 0, "space_after_lines": 1}),
    "masthead": (
        "title",
        {"size_pt": 42, "align": "center", "space_before_lines": 0.5, "space_after_lines": 0.2},
    ),
    "key_value": ("heading1", {"size_pt": 20, "align": "center", "space_before_lines": 0}),
    "key_label": ("table", {"align": "center"}),
    "key_note": ("note", {"size_pt": 9, "align": "center"}),
    "distribution": (
        "body",
        {"size_pt": 14, "first_line_indent_chars": 0, "space_before_lines": 0,
         "space_after_lines": 0},
    ),
}  # fmt: skip
StyleName = Literal[
    "title", "subtitle", "heading1", "heading2", "heading3", "body", "editor_note", "note",
    "caption", "table", "page_number", "header", "lead", "quote", "source", "bullet",
    "cover_title", "toc_title", "masthead", "key_value", "key_label", "key_note", "distribution",
]  # fmt: skip


def _check_colour(value: str) -> str:
    text = value.strip()
    digits = text[1:] if text.startswith("#") else ""
    if len(digits) != 6 or any(c not in "0123456789abcdefABCDEF" for c in digits):
        raise ValueError(f"{value!r} is not a colour; write it as #RRGGBB, e.g. #C00000")
    return text.upper()


class ThemeModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PageGeometry(ThemeModel):
    """版面 / page geometry, in millimetres."""

    page_width_mm: float = Field(
        210.0, ge=MIN_PAGE_MM, le=1000, description="纸宽（50–1000）/ page width"
    )
    page_height_mm: float = Field(
        297.0, ge=MIN_PAGE_MM, le=1000, description="纸高（50–1000）/ page height"
    )
    top_mm: float = Field(37.0, ge=0, le=200, description="天头 / top margin")
    left_mm: float = Field(28.0, ge=0, le=200, description="订口 / left (binding) margin")
    text_width_mm: float = Field(
        156.0, ge=MIN_TEXT_BLOCK_MM, le=1000, description="版心宽（30–1000）/ text block width"
    )
    text_height_mm: float = Field(
        225.0, ge=MIN_TEXT_BLOCK_MM, le=1000, description="版心高（30–1000）/ text block height"
    )
    lines_per_page: int = Field(22, ge=3, le=100, description="每页行数（3–100）/ lines per page")
    chars_per_line: int = Field(28, ge=1, le=100, description="每行字数 / characters per line")
    page_number_gap_mm: float = Field(
        7.0, ge=0, le=50, description="页码距版心 / gap to page number"
    )
    page_number_outside: bool = Field(True, description="单页码居右、双页码居左 / outer side")

    @model_validator(mode="after")
    def _inside_the_page(self) -> PageGeometry:
        # Right and bottom margins follow from the others; neither may come out negative.
        if self.right_mm < 0:
            raise ValueError(
                f"left_mm + text_width_mm = {self.left_mm + self.text_width_mm:g} mm is wider "
                f"than page_width_mm = {self.page_width_mm:g} mm (the right margin would be "
                "negative)"
            )
        if self.bottom_mm < 0:
            raise ValueError(
                f"top_mm + text_height_mm = {self.top_mm + self.text_height_mm:g} mm is taller "
                f"than page_height_mm = {self.page_height_mm:g} mm (the bottom margin would be "
                "negative)"
            )
        return self

    @property
    def bottom_mm(self) -> float:
        return self.page_height_mm - self.top_mm - self.text_height_mm

    @property
    def right_mm(self) -> float:
        return self.page_width_mm - self.left_mm - self.text_width_mm

    @property
    def line_pitch_pt(self) -> float:
        return self.text_height_mm * MM / self.lines_per_page

    @property
    def char_pitch_pt(self) -> float:
        return self.text_width_mm * MM / self.chars_per_line


class Colours(ThemeModel):
    """颜色，写作 #RRGGBB / colours, written #RRGGBB."""

    text: str = Field("#000000", description="正文颜色 / text colour")
    accent: str = Field(
        "#C00000", description="红色报头、分隔线、指标数值 / masthead red, rules, key figures"
    )
    heading: str = Field("#000000", description="标题颜色 / heading colour")
    muted: str = Field("#555555", description="注释、日期行等浅色文字 / muted text")
    table_header_fill: str = Field("#EDEDED", description="表头底色 / table header fill")

    @field_validator("*")
    @classmethod
    def _colour(cls, value: str) -> str:
        return _check_colour(value)


class LineStyle(ThemeModel):
    """一行文字（页码）/ one line of text placed by the page geometry (page numbers)."""

    font: FontRole = Field(
        description="字体角色：title 小标宋, body 仿宋, heading 黑体, kai 楷体, song 宋体 / "
        "font role"
    )
    size_pt: float = Field(
        ge=MIN_SIZE_PT,
        le=100,
        description="字号（磅，4–100，且一行至少容两字）：三号16，四号14，小四12 / size",
    )
    bold: bool = Field(False, description="加粗 / bold")


class HeaderStyle(LineStyle):
    """页眉 / the running header."""

    align: Literal["left", "center", "right"] = Field(
        "center", description="对齐：left 左, center 居中, right 右 / alignment"
    )


class TextStyle(LineStyle):
    """一种文字样式 / one text style."""

    align: Literal["left", "center", "justify", "right"] = Field(
        "justify", description="对齐：left 左, center 居中, justify 两端, right 右 / alignment"
    )
    first_line_indent_chars: float = Field(
        0, ge=0, le=10, description="首行缩进字数 / first-line indent in characters"
    )
    space_before_lines: float = Field(0, ge=0, le=10, description="段前（行）/ space before")
    space_after_lines: float = Field(0, ge=0, le=10, description="段后（行）/ space after")


AnyStyle = TextStyle | HeaderStyle | LineStyle
# The model of each style that is not a TextStyle.
_STYLE_MODELS: dict[str, type[LineStyle]] = {"page_number": LineStyle, "header": HeaderStyle}

# The built-in theme: GB/T 9704-2012 sizes (三号 16 pt body), as the PDF prints them and the
# DOCX's built-in styles are made (render/docx/stylesheet.py).
_BASE_STYLES: dict[str, dict[str, Any]] = {
    "title": {"font": "title", "size_pt": 22, "align": "center", "space_after_lines": 1},
    "subtitle": {"font": "kai", "size_pt": 16, "align": "center"},
    "heading1": {"font": "heading", "size_pt": 16, "align": "left"},
    "heading2": {"font": "kai", "size_pt": 16, "align": "left"},
    "heading3": {"font": "body", "size_pt": 16, "bold": True, "align": "left"},
    "body": {"font": "body", "size_pt": 16, "first_line_indent_chars": 2},
    "editor_note": {"font": "kai", "size_pt": 16, "first_line_indent_chars": 2},
    "note": {"font": "body", "size_pt": 12, "align": "left"},
    "caption": {"font": "heading", "size_pt": 12, "align": "center"},
    "table": {"font": "body", "size_pt": 12, "align": "left"},
    "page_number": {"font": "song", "size_pt": 14},
    "header": {"font": "body", "size_pt": 10.5, "align": "center"},
}


def complete_styles(given: Mapping[str, Any]) -> dict[str, Any]:
    """Every style, as plain values: each given style (in whole or in part) over its
    default, a derived style over its base as given (STYLE_DERIVATION)."""
    complete: dict[str, Any] = {}
    for name in STYLE_DESCRIPTIONS:
        if name in STYLE_DERIVATION:
            base_name, changes = STYLE_DERIVATION[name]
            default = {**complete[base_name], **changes}
        else:
            default = dict(_BASE_STYLES[name])
        own = given.get(name)
        model = _STYLE_MODELS.get(name, TextStyle)
        default = {key: value for key, value in default.items() if key in model.model_fields}
        complete[name] = {**default, **own} if isinstance(own, dict) else own or default
    return complete


def _style_field(name: str) -> Any:
    return Field(
        default_factory=lambda: _STYLE_MODELS.get(name, TextStyle).model_validate(
            complete_styles({})[name]
        ),
        description=STYLE_DESCRIPTIONS[name],
    )


class Styles(ThemeModel):
    """文字样式，只写要改的项，如 body: {size_pt: 15}；派生样式随其基样式 / text styles:
    give only what changes; a derived style follows its base until set."""

    title: TextStyle = _style_field("title")
    subtitle: TextStyle = _style_field("subtitle")
    heading1: TextStyle = _style_field("heading1")
    heading2: TextStyle = _style_field("heading2")
    heading3: TextStyle = _style_field("heading3")
    body: TextStyle = _style_field("body")
    editor_note: TextStyle = _style_field("editor_note")
    note: TextStyle = _style_field("note")
    caption: TextStyle = _style_field("caption")
    table: TextStyle = _style_field("table")
    page_number: LineStyle = _style_field("page_number")
    header: HeaderStyle = _style_field("header")
    lead: TextStyle = _style_field("lead")
    quote: TextStyle = _style_field("quote")
    source: TextStyle = _style_field("source")
    bullet: TextStyle = _style_field("bullet")
    cover_title: TextStyle = _style_field("cover_title")
    toc_title: TextStyle = _style_field("toc_title")
    masthead: TextStyle = _style_field("masthead")
    key_value: TextStyle = _style_field("key_value")
    key_label: TextStyle = _style_field("key_label")
    key_note: TextStyle = _style_field("key_note")
    distribution: TextStyle = _style_field("distribution")

    @model_validator(mode="before")
    @classmethod
    def _complete(cls, value: Any) -> Any:
        """A style given in part takes the rest from its default, or from its base."""
        if not isinstance(value, dict) or not all(isinstance(key, str) for key in value):
            return value
        complete = complete_styles(value)
        return {**value, **{name: complete[name] for name in STYLE_DESCRIPTIONS}}

    def get(self, name: str) -> AnyStyle:
        """The style called ``name`` (one of STYLE_DESCRIPTIONS); KeyError for another."""
        if name not in STYLE_DESCRIPTIONS:
            raise KeyError(name)
        style: AnyStyle = getattr(self, name)
        return style

    def items(self) -> list[tuple[str, AnyStyle]]:
        return [(name, self.get(name)) for name in STYLE_DESCRIPTIONS]


class Theme(ThemeModel):
    """PDF 主题 / the PDF theme of a template (Word styles live in reference.docx)."""

    geometry: PageGeometry = Field(default_factory=PageGeometry, description="版面 / page")
    colours: Colours = Field(default_factory=Colours, description="颜色 / colours")
    styles: Styles = Field(default_factory=Styles, description=Styles.__doc__ or "")
    snap_to_grid: bool = Field(True, description="正文按22行×28字网格排版 / keep the line grid")
    punctuation: Literal["grid", "compressed"] = Field(
        "grid",
        description="相邻标点：grid 每个标点占满一格（默认，合 GB/T 9704 网格）；compressed "
        "相邻标点（如 ”， 。” （“）挤压半格，省出的空间匀入本行，行尾仍对齐（W3C clreq）。"
        "Word 文档同此设置（字符间距控制：只压缩标点）/ adjacent punctuation: grid keeps "
        "every mark its full cell (default, the GB/T 9704 grid); compressed sets pairs such "
        "as ”， and 。” half a cell closer and spreads the saved space over the line, which "
        "stays flush (W3C clreq); the DOCX gets Word's 'compress punctuation only'",
    )

    @model_validator(mode="after")
    def _styles_fit_the_text_block(self) -> Theme:
        """Each style must fit the text block: two characters on a line, a line (with its
        space before and after) in a third of its height. Beyond that no layout exists."""
        geometry = self.geometry
        width = geometry.text_width_mm * MM
        height = geometry.text_height_mm * MM
        pitch = geometry.line_pitch_pt
        for name, style in sorted(self.styles.items()):
            if 2 * style.size_pt > width:
                raise ValueError(
                    f"styles.{name}.size_pt = {style.size_pt:g} pt does not fit two characters "
                    f"on a line of the text block ({width:.0f} pt wide)"
                )
            line = max(style.size_pt * 1.2, pitch)
            lines = (
                style.space_before_lines + style.space_after_lines
                if isinstance(style, TextStyle)
                else 0
            )
            if 3 * (line + lines * pitch) > height:
                raise ValueError(
                    f"styles.{name}: a line of {style.size_pt:g} pt with its space before and "
                    f"after takes more than a third of the text block ({height:.0f} pt tall)"
                )
        return self

    def style(self, name: str) -> TextStyle:
        """The text style ``name`` (page_number and header: ``styles.page_number``, …)."""
        style = self.styles.get(name)
        if not isinstance(style, TextStyle):
            raise KeyError(f"{name} is not a style of flowing text")
        return style
