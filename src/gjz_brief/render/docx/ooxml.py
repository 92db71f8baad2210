"""Small WordprocessingML helpers that python-docx has no API for.

Fields (TOC, SEQ, PAGE, PAGEREF), bookmarks, paragraph borders and font slots are written as
raw ``w:`` elements here so the block renderers stay readable.
"""

from __future__ import annotations

from collections.abc import Iterable

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

from gjz_brief.errors import RenderError

TWIPS_PER_MM = 1440 / 25.4
EMU_PER_MM = 36000

# Theme font attributes override explicit font names in Word, so they must never survive.
THEME_FONT_ATTRIBUTES = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")
FONT_SLOTS = ("ascii", "hAnsi", "eastAsia", "cs")


def mm_to_twips(mm: float) -> int:
    return round(mm * TWIPS_PER_MM)


def element(
    tag: str, attributes: dict[str, str] | None = None, *children: etree._Element
) -> etree._Element:
    """Create ``w:tag`` (or any prefixed tag) with ``w:``-qualified attributes and children."""
    node = OxmlElement(tag)
    for name, value in (attributes or {}).items():
        node.set(qn(name) if ":" in name else qn(f"w:{name}"), value)
    for child in children:
        node.append(child)
    return node


def strip_theme_fonts(root: etree._Element) -> None:
    """Remove every theme font attribute below ``root``."""
    for fonts in root.iter(qn("w:rFonts")):
        for name in THEME_FONT_ATTRIBUTES:
            fonts.attrib.pop(qn(f"w:{name}"), None)


def font_element(office_name: str) -> etree._Element:
    """``w:rFonts`` naming the CJK font in every slot, so quotes and dashes stay full-width."""
    attributes = {slot: office_name for slot in FONT_SLOTS}
    attributes["hint"] = "eastAsia"
    return element("w:rFonts", attributes)


def hint_run_properties() -> etree._Element:
    """Run properties that only hint East Asian text; the font itself comes from the style."""
    return element("w:rPr", {}, element("w:rFonts", {"hint": "eastAsia"}))


def text_run(text: str) -> etree._Element:
    """A run carrying ``text`` literally (tabs and line breaks become w:tab / w:br)."""
    run = element("w:r", {}, hint_run_properties())
    for index, line in enumerate(text.split("\n")):
        if index:
            run.append(element("w:br"))
        for part_index, part in enumerate(line.split("\t")):
            if part_index:
                run.append(element("w:tab"))
            if part:
                run.append(_text_node(part))
    return run


def _text_node(text: str) -> etree._Element:
    node = element("w:t", {"xml:space": "preserve"})
    node.text = text  # lxml escapes markup and refuses characters illegal in XML
    return node


def tab_run() -> etree._Element:
    return element("w:r", {}, hint_run_properties(), element("w:tab"))


def field_runs(instruction: str, cached_result: str) -> list[etree._Element]:
    """A complete complex field: begin, instruction, separate, cached result, end."""
    return [*field_start_runs(instruction), text_run(cached_result), field_end_run()]


def field_start_runs(instruction: str) -> list[etree._Element]:
    instruction_node = element("w:instrText", {"xml:space": "preserve"})
    instruction_node.text = f" {instruction} "
    return [
        element("w:r", {}, hint_run_properties(), element("w:fldChar", {"fldCharType": "begin"})),
        element("w:r", {}, hint_run_properties(), instruction_node),
        element(
            "w:r", {}, hint_run_properties(), element("w:fldChar", {"fldCharType": "separate"})
        ),
    ]


def field_end_run() -> etree._Element:
    return element("w:r", {}, hint_run_properties(), element("w:fldChar", {"fldCharType": "end"}))


def bookmark(paragraph: etree._Element, bookmark_id: int, name: str) -> None:
    """Wrap the whole content of ``paragraph`` (after its pPr) in a bookmark."""
    start = element("w:bookmarkStart", {"id": str(bookmark_id), "name": name})
    properties = paragraph.find(qn("w:pPr"))
    index = 0 if properties is None else list(paragraph).index(properties) + 1
    paragraph.insert(index, start)
    paragraph.append(element("w:bookmarkEnd", {"id": str(bookmark_id)}))


def child(parent: etree._Element, tag: str) -> etree._Element:
    """The ``tag`` child (e.g. "w:tcPr") of an element this renderer made with that child."""
    found = parent.find(qn(tag))
    if found is None:
        raise RenderError(f"the Word renderer made a {etree.QName(parent).localname} without {tag}")
    return found


def border(side: str, size_eighths: int, colour: str = "auto", space_pt: int = 0) -> etree._Element:
    return element(
        f"w:{side}",
        {"val": "single", "sz": str(size_eighths), "space": str(space_pt), "color": colour},
    )


def no_borders(container_tag: str, sides: Iterable[str]) -> etree._Element:
    return element(container_tag, {}, *(element(f"w:{side}", {"val": "nil"}) for side in sides))


def colour_value(hex_colour: str) -> str:
    """Theme colours are '#RRGGBB'; OOXML wants 'RRGGBB'."""
    return hex_colour.lstrip("#").upper()


def mm_to_eighths_of_point(mm: float) -> int:
    """Border widths are in eighths of a point; 0.35 mm ≈ 1 pt → 8."""
    return max(2, round(mm * 72 / 25.4 * 8))
