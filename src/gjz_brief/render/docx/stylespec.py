"""Style definitions as plain data, and their WordprocessingML form.

A ``StyleSpec`` says what a style looks like; ``style_element`` turns it into a ``w:style``.
Font roles (title/body/heading/kai/song) are resolved to office font names at that point.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from lxml import etree

from gjz_brief.render.docx.ooxml import border, colour_value, element, font_element

StyleKind = Literal["paragraph", "character", "table", "numbering"]
LineRule = Literal["exact", "auto", "atLeast"]

ALIGNMENTS = {"left": "left", "center": "center", "justify": "both", "right": "right"}


@dataclass(frozen=True)
class Border:
    side: str  # top | bottom | left | right | between
    size_eighths: int
    colour: str = "auto"
    space_pt: int = 0


@dataclass(frozen=True)
class TabStop:
    position: int  # twips from the left indent
    kind: str = "right"
    leader: str = "none"


@dataclass(frozen=True)
class StyleSpec:
    name: str  # w:name as Word stores it ("heading 1", "caption", "GJZ Note")
    style_id: str
    kind: StyleKind = "paragraph"
    based_on: str | None = "Normal"
    next_style: str | None = None
    default: bool = False
    ui_priority: int | None = None
    hidden: bool = False
    font: str | None = None  # font role
    size_pt: float | None = None
    bold: bool | None = None
    colour: str | None = None  # "#RRGGBB"
    tracking: int | None = None  # letter spacing in twips
    align: str | None = None  # left | center | justify | right
    first_line_chars: float | None = None
    left_chars: float | None = None
    right_chars: float | None = None
    hanging_twips: int | None = None
    left_twips: int | None = None  # an absolute indent (not in characters)
    right_twips: int | None = None
    before: int | None = None  # twips
    after: int | None = None
    line: int | None = None  # twips (exact/atLeast) or 240ths (auto)
    line_rule: LineRule = "exact"
    keep_next: bool = False
    keep_lines: bool = False
    outline_level: int | None = None
    snap_to_grid: bool | None = None
    widow_control: bool | None = None
    tabs: tuple[TabStop, ...] = ()
    borders: tuple[Border, ...] = ()
    table_properties: tuple[etree._Element, ...] = field(default=(), compare=False)
    extra: tuple[etree._Element, ...] = field(default=(), compare=False)  # e.g. w:tblStylePr


def style_element(spec: StyleSpec, office_fonts: Mapping[str, str]) -> etree._Element:
    attributes = {"type": spec.kind, "styleId": spec.style_id}
    if spec.default:
        attributes["default"] = "1"
    style = element("w:style", attributes, element("w:name", {"val": spec.name}))
    if spec.based_on:
        style.append(element("w:basedOn", {"val": spec.based_on}))
    if spec.next_style:
        style.append(element("w:next", {"val": spec.next_style}))
    if spec.ui_priority is not None:
        style.append(element("w:uiPriority", {"val": str(spec.ui_priority)}))
    if spec.hidden:
        style.append(element("w:semiHidden"))
        style.append(element("w:unhideWhenUsed"))
    else:
        style.append(element("w:qFormat"))
    if spec.kind in ("paragraph", "table"):
        paragraph = paragraph_properties(spec)
        if len(paragraph):
            style.append(paragraph)
    if spec.kind != "numbering":
        run = run_properties(spec, office_fonts)
        if len(run):
            style.append(run)
    if spec.table_properties:
        style.append(element("w:tblPr", {}, *spec.table_properties))
    for extra in spec.extra:
        style.append(extra)
    return style


def paragraph_properties(spec: StyleSpec) -> etree._Element:
    """Children in the schema's order (Word rejects out-of-order pPr children)."""
    properties = element("w:pPr")
    if spec.keep_next:
        properties.append(element("w:keepNext"))
    if spec.keep_lines:
        properties.append(element("w:keepLines"))
    if spec.widow_control is not None:
        properties.append(element("w:widowControl", {"val": _on_off(spec.widow_control)}))
    if spec.borders:
        order = ("top", "left", "bottom", "right", "between")
        sides = sorted(spec.borders, key=lambda item: order.index(item.side))
        properties.append(
            element(
                "w:pBdr",
                {},
                *(
                    border(b.side, b.size_eighths, colour_value(b.colour), b.space_pt)
                    for b in sides
                ),
            )
        )
    if spec.tabs:
        tabs = element("w:tabs")
        for tab in spec.tabs:
            tabs.append(
                element("w:tab", {"val": tab.kind, "leader": tab.leader, "pos": str(tab.position)})
            )
        properties.append(tabs)
    if spec.kind == "paragraph":
        properties.extend(east_asian_line_properties())
    if spec.snap_to_grid is not None:
        properties.append(element("w:snapToGrid", {"val": _on_off(spec.snap_to_grid)}))
    spacing: dict[str, str] = {}
    if spec.before is not None:
        spacing["before"] = str(spec.before)
    if spec.after is not None:
        spacing["after"] = str(spec.after)
    if spec.line is not None:
        spacing["line"] = str(spec.line)
        spacing["lineRule"] = spec.line_rule
    if spacing:
        properties.append(element("w:spacing", spacing))
    indent = _indent(spec)
    if indent is not None:
        properties.append(indent)
    if spec.align is not None:
        properties.append(element("w:jc", {"val": ALIGNMENTS[spec.align]}))
    if spec.outline_level is not None:
        properties.append(element("w:outlineLvl", {"val": str(spec.outline_level)}))
    return properties


def east_asian_line_properties() -> list[etree._Element]:
    """Punctuation and spacing rules every paragraph style states explicitly.

    ``w:overflowPunct="1"`` is Word's default (closing punctuation may hang past the text
    edge), written out because LibreOffice's DOCX import (writerfilter, up to at least 7.4)
    maps it inverted: it sets ParaIsHangingPunctuation to ``val == 0``, and when the element is
    absent keeps its own default, hanging. A hanging mark at the end of a justified line of
    exactly 28 characters is then dropped from drawing and text layer alike (lost "，" and
    "；"). Written as "1", LibreOffice does not hang: it carries the last character over with
    the mark, which keeps every character while the 28-character grid holds.

    ``w:autoSpaceDE``/``w:autoSpaceDN`` off: no automatic space between Chinese and Latin
    letters or digits (大连2049城市), as in the PDF. Word and WPS read them; LibreOffice 7.4's
    import ignores them (its default, ideograph-alpha autospace, stays).
    """
    return [
        element("w:overflowPunct", {"val": "1"}),
        element("w:autoSpaceDE", {"val": "0"}),
        element("w:autoSpaceDN", {"val": "0"}),
    ]


def _indent(spec: StyleSpec) -> etree._Element | None:
    size_twips = round((spec.size_pt or 16) * 20)
    attributes: dict[str, str] = {}
    # Word reads the *Chars attributes; LibreOffice 7.x reads only the twips ones: write both.
    if spec.left_chars is not None:
        attributes["leftChars"] = str(round(spec.left_chars * 100))
        attributes["left"] = str(round(spec.left_chars * size_twips))
    if spec.right_chars is not None:
        attributes["rightChars"] = str(round(spec.right_chars * 100))
        attributes["right"] = str(round(spec.right_chars * size_twips))
    if spec.left_twips is not None:
        attributes["left"] = str(spec.left_twips)
    if spec.right_twips is not None:
        attributes["right"] = str(spec.right_twips)
    if spec.hanging_twips is not None:
        attributes["hanging"] = str(spec.hanging_twips)
    elif spec.first_line_chars is not None:
        attributes["firstLineChars"] = str(round(spec.first_line_chars * 100))
        attributes["firstLine"] = str(round(spec.first_line_chars * size_twips))
    return element("w:ind", attributes) if attributes else None


def run_properties(spec: StyleSpec, office_fonts: Mapping[str, str]) -> etree._Element:
    properties = element("w:rPr")
    if spec.font is not None:
        properties.append(font_element(office_fonts[spec.font]))
    if spec.bold is not None:
        properties.append(element("w:b", {"val": _on_off(spec.bold)}))
        properties.append(element("w:bCs", {"val": _on_off(spec.bold)}))
    if spec.colour is not None:
        properties.append(element("w:color", {"val": colour_value(spec.colour)}))
    if spec.tracking is not None:
        properties.append(element("w:spacing", {"val": str(spec.tracking)}))
    if spec.size_pt is not None:
        half_points = str(round(spec.size_pt * 2))
        properties.append(element("w:sz", {"val": half_points}))
        properties.append(element("w:szCs", {"val": half_points}))
    return properties


def _on_off(value: bool) -> str:
    return "1" if value else "0"
