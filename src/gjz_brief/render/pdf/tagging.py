"""Tagged PDF: the structure tree and the marked content that ties the pages to it.

ISO 32000-1 §14.7 (logical structure) and §14.8 (tagged PDF), as PDF/UA-1 (ISO 14289-1 §7)
asks for them: every piece of content drawn on a page is either inside a marked-content
sequence that a structure element owns (``/P <</MCID 3>> BDC … EMC``), or an artifact
(``/Artifact … BDC … EMC``: running headers, page numbers, rules, table grids).

Flowables carry a ``StructNode`` (a role and its parent); the element is created the first
time something of it is drawn, so the tree's order is the order the pages are drawn in,
which for one text column is the reading order. A paragraph split over two pages keeps one
node, so it stays one element (one paragraph to copy or read) with content on both pages.
Marked content never nests: whatever opens first owns what is drawn inside it (a table
cell's paragraphs belong to the cell; a figure's drawing and chart text to the figure).

``StructureTree.write`` turns the tree into PDF objects when the file is saved: the
elements, /StructTreeRoot with its /ParentTree, /StructParents and /Tabs /S on the pages,
/StructParent on the link annotations.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFDictionary,
    PDFName,
    PDFObject,
    PDFObjectReference,
    PDFString,
)

# The root structure type; every type written is a standard one (ISO 32000-1 §14.8.4), so
# no role map is needed.
DOCUMENT = "Document"


@dataclass(eq=False)
class StructNode:
    """A structure element to be: its role, parent node, alternative text and attributes
    (``{"O": "Table", "Scope": "Column"}``). ``element`` is set when it is first drawn."""

    role: str
    parent: StructNode | None = None
    alt: str | None = None
    attributes: dict[str, str] | None = None
    element: Element | None = field(default=None, repr=False)


@dataclass(eq=False)
class MarkedContent:
    page: int  # 0-based page index
    mcid: int


@dataclass(eq=False)
class AnnotationRef:
    page: int
    annotation_name: str  # the canvas's name for it (pdfdoc "Annot.<name>")


class ParentKey(PDFObject):
    """An integer written when the file is saved (an annotation's /StructParent: the keys
    of the pages come first, and the page count is known only then)."""

    value = -1

    def format(self, document: Any) -> bytes:
        return str(self.value).encode("ascii")


@dataclass(eq=False)
class Element:
    role: str
    parent: Element | None
    number: int  # creation order; names the PDF object
    alt: str | None = None
    attributes: dict[str, str] | None = None
    kids: list[Element | MarkedContent | AnnotationRef] = field(default_factory=list)

    @property
    def object_name(self) -> str:
        return f"StructElem{self.number}"


class StructureTree:
    """The structure of one PDF build, and the marked content of its pages."""

    def __init__(self) -> None:
        self.root = Element(DOCUMENT, None, 0)
        self.elements: list[Element] = [self.root]
        self.page_marks: dict[int, list[Element]] = {}  # page index → element of each MCID
        self.annotations: list[tuple[AnnotationRef, Element, ParentKey]] = []
        self._open: list[bool] = []  # one entry per open sequence: True if it wrote BDC
        self.sealed = False  # set when the late forms are drawn: no more marked content

    # --- building ------------------------------------------------------------------------
    def element_of(self, node: StructNode | None) -> Element:
        """The node's element, created (with its parents) on first use."""
        if node is None:
            return self.root
        if node.element is None:
            parent = self.element_of(node.parent)
            element = Element(node.role, parent, len(self.elements), node.alt, node.attributes)
            self.elements.append(element)
            parent.kids.append(element)
            node.element = element
        return node.element

    @contextlib.contextmanager
    def content(self, canvas: Any, node: StructNode | None) -> Iterator[None]:
        """Whatever is drawn inside belongs to ``node``'s element (nothing is written when
        a sequence is already open, or when the canvas is drawing a form)."""
        if self._open or self.sealed or _in_form(canvas):
            self._open.append(False)
        else:
            element = self.element_of(node)
            page = canvas.getPageNumber() - 1
            marks = self.page_marks.setdefault(page, [])
            element.kids.append(MarkedContent(page, len(marks)))
            canvas._code.append(f"/{element.role} <</MCID {len(marks)}>> BDC")
            marks.append(element)
            self._open.append(True)
        try:
            yield
        finally:
            if self._open.pop():
                canvas._code.append("EMC")

    @contextlib.contextmanager
    def artifact(self, canvas: Any, kind: str | None = None, subtype: str | None = None):
        """Whatever is drawn inside is an artifact: ``kind`` Pagination/Layout/Page and, for
        pagination, ``subtype`` Header/Footer (ISO 32000-1 §14.8.2.2)."""
        if self._open or self.sealed or _in_form(canvas):
            self._open.append(False)
        else:
            properties = f"/Type /{kind}" if kind else ""
            if subtype:
                properties += f" /Subtype /{subtype}"
            if properties:
                canvas._code.append(f"/Artifact <<{properties}>> BDC")
            else:
                canvas._code.append("/Artifact BMC")
            self._open.append(True)
        try:
            yield
        finally:
            if self._open.pop():
                canvas._code.append("EMC")

    def annotation(self, canvas: Any, node: StructNode, annotation_name: str) -> ParentKey:
        """Records an annotation as the node element's kid (an /OBJR); returns the value of
        its /StructParent, a ParentTree key after the pages' keys, numbered in ``write``."""
        element = self.element_of(node)
        reference = AnnotationRef(canvas.getPageNumber() - 1, annotation_name)
        element.kids.append(reference)
        key = ParentKey()
        self.annotations.append((reference, element, key))
        return key

    # --- writing -------------------------------------------------------------------------
    def write(self, document: Any, page_count: int) -> PDFObjectReference:
        """Registers every structure object with the ReportLab document; returns the
        reference to /StructTreeRoot. Page ``i`` has /StructParents ``i``; annotation ``j``
        has /StructParent ``page_count + j``."""

        def page_reference(index: int) -> PDFObjectReference:
            return PDFObjectReference(f"Page{index + 1}")

        def reference(element: Element) -> PDFObjectReference:
            return PDFObjectReference(element.object_name)

        root_name = "StructTreeRoot"
        for element in self.elements:
            entries: dict[str, Any] = {
                "Type": PDFName("StructElem"),
                "S": PDFName(element.role),
                "P": PDFObjectReference(root_name)
                if element.parent is None
                else reference(element.parent),
            }
            first_page = next(
                (kid.page for kid in element.kids if not isinstance(kid, Element)), None
            )
            # A grouping element (Table, L, TOC) gets the page its content starts on.
            shown_page = first_page if first_page is not None else _first_page(element)
            if shown_page is not None:
                entries["Pg"] = page_reference(shown_page)
            kids: list[Any] = []
            for kid in element.kids:
                if isinstance(kid, Element):
                    kids.append(reference(kid))
                elif isinstance(kid, MarkedContent):
                    if kid.page == first_page:
                        kids.append(kid.mcid)
                    else:
                        kids.append(
                            PDFDictionary(
                                {
                                    "Type": PDFName("MCR"),
                                    "Pg": page_reference(kid.page),
                                    "MCID": kid.mcid,
                                }
                            )
                        )
                else:
                    kids.append(
                        PDFDictionary(
                            {
                                "Type": PDFName("OBJR"),
                                "Obj": document.refAnnotation(kid.annotation_name),
                                "Pg": page_reference(kid.page),
                            }
                        )
                    )
            if kids:
                entries["K"] = kids[0] if len(kids) == 1 else PDFArray(kids)
            if element.alt:
                entries["Alt"] = PDFString(element.alt)
            if element.attributes:
                entries["A"] = PDFDictionary(
                    {key: PDFName(value) for key, value in element.attributes.items()}
                )
            document.Reference(PDFDictionary(entries), element.object_name)

        numbers: list[Any] = []
        for page in range(page_count):
            numbers += [page, PDFArray([reference(e) for e in self.page_marks.get(page, [])])]
        for index, (_, element, key) in enumerate(self.annotations):
            key.value = page_count + index
            numbers += [key.value, reference(element)]
        parent_tree = PDFDictionary({"Nums": PDFArray(numbers)})
        root = PDFDictionary(
            {
                "Type": PDFName("StructTreeRoot"),
                "K": reference(self.root),
                "ParentTree": document.Reference(parent_tree, "StructParentTree"),
                "ParentTreeNextKey": page_count + len(self.annotations),
            }
        )
        return document.Reference(root, root_name)


def _first_page(element: Element) -> int | None:
    for kid in element.kids:
        page = _first_page(kid) if isinstance(kid, Element) else kid.page
        if page is not None:
            return page
    return None


def _in_form(canvas: Any) -> bool:
    """True while the canvas collects a form XObject (beginForm … endForm)."""
    return bool(getattr(canvas, "_formData", None))


def structure_of(canvas: Any) -> StructureTree | None:
    """The canvas's structure tree (see pages.TaggedCanvas), or None on a plain canvas."""
    return getattr(canvas, "structure", None)


@contextlib.contextmanager
def content(canvas: Any, node: StructNode | None) -> Iterator[None]:
    tree = structure_of(canvas)
    if tree is None:
        yield
        return
    with tree.content(canvas, node):
        yield


@contextlib.contextmanager
def artifact(canvas: Any, kind: str | None = None, subtype: str | None = None) -> Iterator[None]:
    tree = structure_of(canvas)
    if tree is None:
        yield
        return
    with tree.artifact(canvas, kind, subtype):
        yield
