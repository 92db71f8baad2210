"""Source identity in the DOCX, for ``gjz-brief absorb``: a hidden bookmark around each
paragraph that holds a content text, and the baseline (absorb/baseline.py) as a custom XML
part. Both survive a save in Word and a LibreOffice re-save (tests/absorb/test_libreoffice.py).

The writer of each kind of block knows nothing of this: after a block is written, its
paragraphs are matched in order to the texts the baseline expects of it, so a block writer
that changes (a chart drawn as a table) needs no change here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from docx.document import Document as DocxDocument
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml.ns import qn
from lxml import etree

from gjz_brief.render.docx.ooxml import bookmark

CUSTOM_XML_RELATIONSHIP = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml"
)
CUSTOM_XML_PROPS_RELATIONSHIP = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps"
)
CUSTOM_XML_PROPS_TYPE = "application/vnd.openxmlformats-officedocument.customXmlProperties+xml"
# The data store item's id: fixed, so the same build gives the same bytes.
BASELINE_ITEM_ID = "{6A1F3C52-7E1B-4C1D-9B0E-5A4D2C3B1E0F}"
_ITEM_PROPS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<ds:datastoreItem ds:itemID="' + BASELINE_ITEM_ID + '" '
    'xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml">'
    '<ds:schemaRefs><ds:schemaRef ds:uri="urn:gjz-brief:baseline"/></ds:schemaRefs>'
    "</ds:datastoreItem>"
).encode()


@dataclass(frozen=True)
class Mark:
    """A bookmark ``name`` for the paragraph of block ``block`` whose text is ``text``."""

    block: int
    name: str
    text: str


def paragraph_text(paragraph: etree._Element) -> str:
    """The text a paragraph shows as written by us: w:t, tabs, breaks; field results (the
    SEQ number of a caption) count, field codes do not."""
    parts: list[str] = []
    in_code = False
    for node in paragraph.iter(qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:fldChar")):
        if node.tag == qn("w:fldChar"):
            kind = node.get(qn("w:fldCharType"))
            in_code = kind == "begin"
        elif node.tag == qn("w:t"):
            parts.append(node.text or "")
        elif node.tag == qn("w:tab"):
            parts.append("\t")
        elif not in_code:
            parts.append("\n")
    return "".join(parts)


def mark_block(
    elements: Iterable[etree._Element], marks: Sequence[Mark], next_id: int
) -> tuple[int, list[Mark]]:
    """Bookmark the paragraphs of one block's ``elements`` for ``marks``: each mark the
    first paragraph after the previous mark's that shows its text, else the first such
    paragraph not marked yet (a writer may order a block's cells otherwise).

    Returns the next free bookmark id and the marks whose text no paragraph showed.
    """
    paragraphs = [
        paragraph
        for node in elements
        for paragraph in ([node] if node.tag == qn("w:p") else node.iter(qn("w:p")))
    ]
    # Line breaks do not count: a title is set in balanced lines with w:br between words.
    texts = [paragraph_text(paragraph).replace("\n", "") for paragraph in paragraphs]
    missed: list[Mark] = []
    used: set[int] = set()
    position = 0
    for mark in marks:
        order = [*range(position, len(paragraphs)), *range(position)]
        wanted = mark.text.replace("\n", "")
        found = next((i for i in order if i not in used and texts[i] == wanted), None)
        if found is None:
            missed.append(mark)
            continue
        used.add(found)
        bookmark(paragraphs[found], next_id, mark.name)
        next_id += 1
        position = found + 1
    return next_id, missed


def add_baseline_part(document: DocxDocument, xml: bytes) -> None:
    """The baseline as a custom XML part of the main document, with its data store item
    properties, as Word stores its own (LibreOffice keeps a custom XML part on re-save only
    when it has them)."""
    package = document.part.package
    name = package.next_partname("/customXml/item%d.xml")
    part = Part(PackURI(name), "application/xml", xml, package)
    number = name.removeprefix("/customXml/item").removesuffix(".xml")
    properties = Part(
        PackURI(f"/customXml/itemProps{number}.xml"), CUSTOM_XML_PROPS_TYPE, _ITEM_PROPS, package
    )
    part.relate_to(properties, CUSTOM_XML_PROPS_RELATIONSHIP)
    document.part.relate_to(part, CUSTOM_XML_RELATIONSHIP)
