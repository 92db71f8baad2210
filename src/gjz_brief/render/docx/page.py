"""Sections: GB/T 9704 page geometry, the line grid, running header and page-number footers."""

from __future__ import annotations

import copy

from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.section import Section
from lxml import etree

from gjz_brief.render.docx.geometry import GRID_TYPE, WordGeometry
from gjz_brief.render.docx.ooxml import element, field_runs, text_run
from gjz_brief.render.docx.styles import StyleResolver

_REFERENCES = ("headerReference", "footerReference")
PAGE_NUMBER_DASH = "—"


def write_page_setup(
    section_properties: etree._Element,
    geometry: WordGeometry,
    *,
    restart_numbering: bool = False,
    title_page: bool = False,
) -> None:
    """Rewrite everything in a w:sectPr except header/footer references, in schema order."""
    for child in list(section_properties):
        if etree.QName(child).localname not in _REFERENCES:
            section_properties.remove(child)
    g = geometry
    section_properties.append(element("w:pgSz", {"w": str(g.page_width), "h": str(g.page_height)}))
    section_properties.append(
        element(
            "w:pgMar",
            {
                "top": str(g.top),
                "right": str(g.right),
                "bottom": str(g.bottom),
                "left": str(g.left),
                "header": str(g.header_distance),
                "footer": str(g.footer_distance),
                "gutter": "0",
            },
        )  # fmt: skip
    )
    numbering = {"fmt": "decimal"}
    if restart_numbering:
        numbering["start"] = "1"
    section_properties.append(element("w:pgNumType", numbering))
    section_properties.append(element("w:cols", {"space": "425"}))
    if title_page:
        section_properties.append(element("w:titlePg"))
    section_properties.append(
        element("w:docGrid", {"type": GRID_TYPE, "linePitch": str(g.line_pitch)})
    )


def remove_headers_and_footers(section_properties: etree._Element) -> None:
    for child in list(section_properties):
        if etree.QName(child).localname in _REFERENCES:
            section_properties.remove(child)


def split_cover_section(
    document: DocxDocument, last_cover_paragraph: etree._Element, geometry: WordGeometry
) -> None:
    """End the cover's section at its last paragraph; the body restarts at page 1.

    The cover section has no header or footer references, so it shows no page number.
    """
    body_properties = document.element.body.sectPr
    cover_properties = copy.deepcopy(body_properties)
    remove_headers_and_footers(cover_properties)
    write_page_setup(cover_properties, geometry)
    cover_properties.insert(0, element("w:type", {"val": "nextPage"}))
    paragraph_properties = last_cover_paragraph.find(qn("w:pPr"))
    if paragraph_properties is None:
        paragraph_properties = element("w:pPr")
        last_cover_paragraph.insert(0, paragraph_properties)
    paragraph_properties.append(cover_properties)
    write_page_setup(body_properties, geometry, restart_numbering=True)


def add_running_parts(
    section: Section, header_text: str, styles: StyleResolver, geometry: WordGeometry
) -> None:
    """Odd/even page-number footers (and headers when there is header text)."""
    indent = str(round(styles.page_number_size_pt * 20))  # one character in from the edge
    for footer, align, side in (
        (section.footer, "right", "right"),
        (section.even_page_footer, "left", "left"),
    ):
        footer.is_linked_to_previous = False
        _clear(footer._element)
        paragraph = styles.paragraph("footer", align=align, indent={side: indent})
        paragraph.append(text_run(f"{PAGE_NUMBER_DASH} "))
        paragraph.extend(field_runs("PAGE", "1"))
        paragraph.append(text_run(f" {PAGE_NUMBER_DASH}"))
        footer._element.append(paragraph)
    if not header_text:
        return
    for header in (section.header, section.even_page_header):
        header.is_linked_to_previous = False
        _clear(header._element)
        paragraph = styles.paragraph("header")
        paragraph.append(text_run(header_text))
        header._element.append(paragraph)


def _clear(part_root: etree._Element) -> None:
    for child in list(part_root):
        part_root.remove(child)
