"""The PDF theme: page geometry, fonts by role, sizes and colours.

Defaults follow GB/T 9704-2012 (see the fact sheet): A4, top 37 mm, left 28 mm, text block
156 × 225 mm, 22 lines × 28 characters of 3号 (16 pt) 仿宋.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

FontRole = Literal["title", "body", "heading", "kai", "song"]
FONT_ROLES: tuple[str, ...] = ("title", "body", "heading", "kai", "song")

MM = 72.0 / 25.4  # points per millimetre


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

    page_width_mm: float = Field(210.0, gt=0, le=1000)
    page_height_mm: float = Field(297.0, gt=0, le=1000)
    top_mm: float = Field(37.0, ge=0, le=200, description="天头 / top margin")
    left_mm: float = Field(28.0, ge=0, le=200, description="订口 / left (binding) margin")
    text_width_mm: float = Field(156.0, gt=0, le=1000, description="版心宽 / text block width")
    text_height_mm: float = Field(225.0, gt=0, le=1000, description="版心高 / text block height")
    lines_per_page: int = Field(22, ge=1, le=100, description="每页行数 / lines per page")
    chars_per_line: int = Field(28, ge=1, le=100, description="每行字数 / characters per line")
    page_number_gap_mm: float = Field(
        7.0, ge=0, le=50, description="页码距版心 / gap to page number"
    )
    page_number_outside: bool = Field(True, description="单页码居右、双页码居左 / outer side")

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
    text: str = "#000000"
    accent: str = Field("#C00000", description="红色报头、分隔线 / masthead red")
    heading: str = "#000000"
    muted: str = "#555555"
    table_header_fill: str = "#EDEDED"

    @field_validator("*")
    @classmethod
    def _colour(cls, value: str) -> str:
        return _check_colour(value)


class TextStyle(ThemeModel):
    font: FontRole
    size_pt: float = Field(gt=0, le=100)
    bold: bool = False
    align: Literal["left", "center", "justify", "right"] = "justify"
    first_line_indent_chars: float = Field(0, ge=0, le=10)
    space_before_lines: float = Field(0, ge=0, le=10)
    space_after_lines: float = Field(0, ge=0, le=10)


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


class Theme(ThemeModel):
    """PDF 主题 / the PDF theme of a template."""

    geometry: PageGeometry = Field(default_factory=PageGeometry)
    colours: Colours = Field(default_factory=Colours)
    styles: dict[str, TextStyle] = Field(default_factory=_styles)
    snap_to_grid: bool = Field(True, description="正文按22行×28字网格排版 / keep the line grid")

    def style(self, name: str) -> TextStyle:
        return self.styles.get(name) or _styles()[name]
