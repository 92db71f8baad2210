"""Styles every document needs whatever the theme: defaults Word expects and the table style,
plus the document defaults (w:docDefaults)."""

from __future__ import annotations

from collections.abc import Mapping

from lxml import etree

from gjz_brief.render.docx.ooxml import border, colour_value, element, font_element
from gjz_brief.render.docx.stylespec import StyleSpec, east_asian_line_properties
from gjz_brief.template.theme import Theme


def fixed_specs(theme: Theme, outer_rule: int) -> list[StyleSpec]:
    """Defaults Word expects, and the table style."""
    cell_margins = element(
        "w:tblCellMar",
        {},
        element("w:top", {"w": "0", "type": "dxa"}),
        element("w:left", {"w": "108", "type": "dxa"}),
        element("w:bottom", {"w": "0", "type": "dxa"}),
        element("w:right", {"w": "108", "type": "dxa"}),
    )
    grid_borders = element(
        "w:tblBorders",
        {},
        *(border(side, 4) for side in ("top", "left", "bottom", "right", "insideH", "insideV")),
    )
    gjz_borders = element(
        "w:tblBorders",
        {},
        border("top", outer_rule),
        border("left", 4),
        border("bottom", outer_rule),
        border("right", 4),
        border("insideH", 4),
        border("insideV", 4),
    )
    header_row = element(
        "w:tblStylePr",
        {"type": "firstRow"},
        element("w:rPr", {}, element("w:b"), element("w:bCs")),
        element("w:tblPr"),
        element(
            "w:tcPr",
            {},
            element(
                "w:shd",
                {
                    "val": "clear",
                    "color": "auto",
                    "fill": colour_value(theme.colours.table_header_fill),
                },
            ),  # fmt: skip
        ),
    )
    return [
        StyleSpec("Default Paragraph Font", "DefaultParagraphFont", kind="character",
                  based_on=None, default=True, ui_priority=1, hidden=True),
        StyleSpec("Normal Table", "TableNormal", kind="table", based_on=None, default=True,
                  ui_priority=99, hidden=True,
                  table_properties=(element("w:tblInd", {"w": "0", "type": "dxa"}),
                                    cell_margins)),
        StyleSpec("No List", "NoList", kind="numbering", based_on=None, default=True,
                  ui_priority=99, hidden=True),
        StyleSpec("Table Grid", "TableGrid", kind="table", based_on="TableNormal",
                  ui_priority=59, table_properties=(grid_borders,)),
        StyleSpec("GJZ Table", "GJZTable", kind="table", based_on="TableGrid",
                  font="body", size_pt=theme.style("table").size_pt, tracking=0,
                  table_properties=(gjz_borders,), extra=(header_row,)),
    ]  # fmt: skip


def doc_defaults(theme: Theme, office_fonts: Mapping[str, str]) -> etree._Element:
    body = theme.style("body")
    half_points = str(round(body.size_pt * 2))
    run = element(
        "w:rPr",
        {},
        font_element(office_fonts[body.font]),
        element("w:kern", {"val": "2"}),
        element("w:sz", {"val": half_points}),
        element("w:szCs", {"val": half_points}),
        element("w:lang", {"val": "en-US", "eastAsia": "zh-CN", "bidi": "ar-SA"}),
    )
    paragraph = element(
        "w:pPr",
        {},
        *east_asian_line_properties(),
        element("w:spacing", {"after": "0", "line": "240", "lineRule": "auto"}),
    )
    return element(
        "w:docDefaults",
        {},
        element("w:rPrDefault", {}, run),
        element("w:pPrDefault", {}, paragraph),
    )
