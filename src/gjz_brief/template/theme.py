"""The PDF theme: page geometry, fonts by role, sizes and colours.

Defaults follow GB/T 9704-2012 (see the fact sheet): A4, top 37 mm, left 28 mm, text block
156 × 225 mm, 22 lines × 28 characters of 3号 (16 pt) 仿宋.

A ``theme.yaml`` need only name what it changes: a style given in part (``body: {size_pt:
15}``) keeps the default's other settings. Every field carries a Chinese and English
description for the JSON Schema that ``gjz-brief schema`` writes.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

FontRole = Literal["title", "body", "heading", "kai", "song"]
FONT_ROLES: tuple[str, ...] = ("title", "body", "heading", "kai", "song")

MM = 72.0 / 25.4  # points per millimetre

# The real limits of a theme that builds (issue #17): smaller pages, text blocks or sizes
# end in layouts no renderer can make. A style must also fit two characters on a line and
# a line in a third of the text block (checked in Theme).
MIN_PAGE_MM = 50.0  # smaller than A8
MIN_TEXT_BLOCK_MM = 30.0
MIN_SIZE_PT = 4.0  # 八号 is 5 pt

# Style names a theme may set. The first group has defaults of its own (``_styles``); the
# second falls back to the style named beside it until the theme sets it.
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
    "table": "表格文字 / table text",
    "page_number": "页码 / page numbers",
    "header": "页眉 / running header",
    "lead": "导语（默认同正文）/ lead paragraph (default: body)",
    "quote": "引文（默认同编者按）/ quotation (default: editor_note)",
    "source": "资料来源（默认同注释）/ sources (default: note)",
    "bullet": "要点列表（默认同正文）/ list items (default: body)",
    "cover_title": "封面标题（默认同标题）/ cover title (default: title)",
    "toc_title": "目录标题（默认同标题）/ contents heading (default: title)",
    "masthead": "报头名称字体（默认同标题）/ masthead name (default: title)",
    "key_value": "指标卡片数值字体（默认同一级标题）/ key-figure value (default: heading1)",
    "key_label": "指标卡片说明（默认同表格）/ key-figure label (default: table)",
    "distribution": "报尾（默认同正文）/ distribution block (default: body)",
}
STYLE_FALLBACKS: dict[str, str] = {
    "lead": "body",
    "quote": "editor_note",
    "source": "note",
    "bullet": "body",
    "cover_title": "title",
    "toc_title": "title",
    "masthead": "title",
    "key_value": "heading1",
    "key_label": "table",
    "distribution": "body",
}
StyleName = Literal[
    "title", "subtitle", "heading1", "heading2", "heading3", "body", "editor_note", "note",
    "caption", "table", "page_number", "header", "lead", "quote", "source", "bullet",
    "cover_title", "toc_title", "masthead", "key_value", "key_label", "distribution",
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


class TextStyle(ThemeModel):
    """一种文字样式 / one text style."""

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
    align: Literal["left", "center", "justify", "right"] = Field(
        "justify", description="对齐：left 左, center 居中, justify 两端, right 右 / alignment"
    )
    first_line_indent_chars: float = Field(
        0, ge=0, le=10, description="首行缩进字数 / first-line indent in characters"
    )
    space_before_lines: float = Field(0, ge=0, le=10, description="段前（行）/ space before")
    space_after_lines: float = Field(0, ge=0, le=10, description="段后（行）/ space after")


def _styles() -> dict[str, TextStyle]:
    return {
        "title": TextStyle(font="title", size_pt=22, align="center", space_after_lines=1),
        "subtitle": TextStyle(font="kai", size_pt=16, align="center"),
        "heading1": TextStyle(font="heading", size_pt=16, align="left"),
        "heading2": TextStyle(font="kai", size_pt=16, align="left"),
        "heading3": TextStyle(font="body", size_pt=16, bold=True, align="left"),
        "body": TextStyle(font="body", size_pt=16, first_line_indent_chars=2),
        "editor_note": TextStyle(font="kai", size_pt=16, first_line_indent_chars=2),
        "note": TextStyle(font="body", size_pt=12, align="left"),
        "caption": TextStyle(font="heading", size_pt=12, align="center"),
        "table": TextStyle(font="body", size_pt=12, align="left"),
        "page_number": TextStyle(font="song", size_pt=14, align="center"),
        "header": TextStyle(font="body", size_pt=10.5, align="center"),
    }


def default_style(name: str) -> TextStyle | None:
    """The style ``name`` has when a theme does not set it (None for an unknown name)."""
    defaults = _styles()
    while name not in defaults and name in STYLE_FALLBACKS:
        name = STYLE_FALLBACKS[name]
    return defaults.get(name)


class Theme(ThemeModel):
    """PDF 主题 / the PDF theme of a template (Word styles live in reference.docx)."""

    geometry: PageGeometry = Field(default_factory=PageGeometry, description="版面 / page")
    colours: Colours = Field(default_factory=Colours, description="颜色 / colours")
    styles: dict[StyleName, TextStyle] = Field(
        default_factory=_styles,
        description="文字样式，只写要改的项，如 body: {size_pt: 15} / text styles; give only "
        "what changes. Names: " + ", ".join(STYLE_DESCRIPTIONS),
    )
    snap_to_grid: bool = Field(True, description="正文按22行×28字网格排版 / keep the line grid")

    @field_validator("styles", mode="before")
    @classmethod
    def _complete_partial_styles(cls, value: Any) -> Any:
        """A style given in part takes the rest from its default."""
        if not isinstance(value, dict):
            return value
        completed = dict(value)
        for name, given in value.items():
            base = default_style(name) if isinstance(name, str) else None
            if base is not None and isinstance(given, dict):
                completed[name] = {**base.model_dump(), **given}
        return completed

    @field_validator("styles", mode="after")
    @classmethod
    def _styles_fit_the_text_block(
        cls, styles: dict[str, TextStyle], info: ValidationInfo
    ) -> dict[str, TextStyle]:
        """Each style must fit the text block: two characters on a line, a line (with its
        space before and after) in a third of its height. Beyond that no layout exists."""
        geometry = info.data.get("geometry")
        if not isinstance(geometry, PageGeometry):
            return styles  # reported there
        width = geometry.text_width_mm * MM
        height = geometry.text_height_mm * MM
        pitch = geometry.line_pitch_pt
        for name, style in sorted(styles.items()):
            if 2 * style.size_pt > width:
                raise ValueError(
                    f"{name}.size_pt = {style.size_pt:g} pt does not fit two characters on a "
                    f"line of the text block ({width:.0f} pt wide)"
                )
            line = max(style.size_pt * 1.2, pitch)
            spaces = (style.space_before_lines + style.space_after_lines) * pitch
            if 3 * (line + spaces) > height:
                raise ValueError(
                    f"{name}: a line of {style.size_pt:g} pt with its space before and after "
                    f"takes more than a third of the text block ({height:.0f} pt tall)"
                )
        return styles

    def style(self, name: str) -> TextStyle:
        return self.styles.get(name) or _styles()[name]  # type: ignore[call-overload]
