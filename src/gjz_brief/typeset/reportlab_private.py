"""The private parts of ReportLab this project relies on, typed in one place.

ReportLab's stubs (types-reportlab) describe its public API. The tagged PDF, the contents'
late page numbers and the table splitting need a few of its internals; they have been stable
through ReportLab 4 (pinned in pyproject.toml) and each is exercised by the tests
(tests/render, tests/typeset). A ReportLab upgrade that changes one fails here first.
"""

from __future__ import annotations

from typing import Any

from reportlab.pdfbase.pdfdoc import PDFDocument, PDFObject
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, Table


def pdf_document(canvas: Canvas) -> PDFDocument:
    """The document a canvas writes into (Canvas._doc)."""
    document: PDFDocument = canvas._doc  # type: ignore[attr-defined]
    return document


def page_operators(canvas: Canvas) -> list[str]:
    """The current page's content stream so far, one operator string each (Canvas._code)."""
    code: list[str] = canvas._code  # type: ignore[attr-defined]
    return code


def absolute_rect(canvas: Canvas, rect: tuple[float, float, float, float]) -> Any:
    """``rect`` (relative to the canvas's current transformation) in page coordinates, as
    ReportLab writes an annotation's /Rect (Canvas._absRect)."""
    return canvas._absRect(rect, 1)  # type: ignore[attr-defined]


def bookmark_reference(canvas: Canvas, key: str) -> PDFObject:
    """A reference to the destination of bookmark ``key`` (Canvas._bookmarkReference)."""
    reference: PDFObject = canvas._bookmarkReference(key)  # type: ignore[attr-defined]
    return reference


def add_annotation(canvas: Canvas, annotation: PDFObject, name: str) -> None:
    """Add ``annotation`` to the current page under ``name`` (Canvas._addAnnotation)."""
    canvas._addAnnotation(annotation, name)  # type: ignore[attr-defined]


def keep_together_allowed(flowable: Flowable) -> bool:
    """Whether platypus keeps ``flowable`` with the next (doctemplate._ktAllow)."""
    from reportlab.platypus.doctemplate import _ktAllow  # type: ignore[attr-defined]

    return bool(_ktAllow(flowable))


def frame_at_top(frame: Frame) -> bool:
    """Whether nothing has been placed in ``frame`` yet on this page (Frame._atTop)."""
    return bool(frame._atTop)  # type: ignore[attr-defined]


def frame_room(frame: Frame) -> tuple[float, float]:
    """The width and the height left in ``frame`` for the next flowable, before its space
    before (Frame._getAvailableWidth(), Frame._y - Frame._y1p)."""
    width = float(frame._getAvailableWidth())  # type: ignore[attr-defined]
    height = float(frame._y - frame._y1p)  # type: ignore[attr-defined]
    return width, height


def hanging_flowables(document: BaseDocTemplate) -> list[Flowable]:
    """The flowables platypus puts at the top of the next page (BaseDocTemplate._hanging),
    which it hands to ``handle_flowable`` apart from the document's own list."""
    hanging: list[Flowable] = document._hanging  # type: ignore[attr-defined]
    return hanging


def forget_postponed(flowable: Flowable) -> None:
    """Clear platypus's mark that ``flowable`` was already put off to a new page once
    (Flowable._postponed), so it may be put off again."""
    flowable.__dict__.pop("_postponed", None)


def wrapped_height(flowable: Flowable) -> float:
    """A flowable's height after ``wrap``: ``height``, or a Table's ``_height``."""
    return float(getattr(flowable, "height", 0.0) or getattr(flowable, "_height", 0.0))


def table_cell_values(table: Flowable) -> list[list[Any]]:
    """The cells of a (split) Table, row by row (Table._cellvalues)."""
    values: list[list[Any]] = table._cellvalues  # type: ignore[attr-defined]
    return values


def table_row_heights(table: Table) -> list[float]:
    """Row heights of a Table after ``wrap`` (Table._rowHeights)."""
    heights: list[float] = table._rowHeights  # type: ignore[attr-defined]
    return heights


def fix_document_identity(document: PDFDocument, stamp: Any, signature: Any) -> None:
    """Give the document its creation time (a pdfdoc.TimeStamp) and the digest its file
    identifier is made from (PDFDocument._timeStamp and .signature), instead of the clock's."""
    document._timeStamp = stamp  # type: ignore[attr-defined]
    document.signature = signature  # type: ignore[attr-defined]


def document_pages(document: PDFDocument) -> list[Any]:
    """The document's page objects, in order (PDFDocument.Pages.pages)."""
    pages: list[Any] = document.Pages.pages  # type: ignore[attr-defined]
    return pages


def document_catalog(document: PDFDocument) -> Any:
    """The document's catalog (PDFDocument.Catalog)."""
    return document.Catalog  # type: ignore[attr-defined]
