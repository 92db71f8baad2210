"""Each ReportLab internal the project relies on, checked against the installed ReportLab.

A ReportLab upgrade that renames or changes one of them fails here, by name, before it
fails somewhere deep in a PDF build.
"""

from __future__ import annotations

import io
from hashlib import md5

from reportlab.lib.utils import TimeStamp
from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFDocument, PDFName
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Frame, PageBreak, Paragraph, Spacer, Table
from reportlab.platypus.doctemplate import (
    ActionFlowable,
    BaseDocTemplate,
    PageTemplate,
    SimpleDocTemplate,
)

from gjz_brief.typeset import reportlab_private as private


def canvas() -> Canvas:
    return Canvas(io.BytesIO(), pagesize=(400, 400))


def test_the_document_and_page_operators_of_a_canvas() -> None:
    page = canvas()
    assert isinstance(private.pdf_document(page), PDFDocument)
    page.drawString(10, 10, "x")
    operators = private.page_operators(page)
    assert isinstance(operators, list) and any("Tj" in op for op in operators)
    operators.append("% ours")  # the list is the page's stream, not a copy
    assert private.page_operators(page)[-1] == "% ours"


def test_absolute_rect_follows_the_transformation() -> None:
    page = canvas()
    page.translate(100, 50)
    assert list(private.absolute_rect(page, (0, 0, 10, 20))) == [100, 50, 110, 70]


def test_bookmark_reference_and_annotations() -> None:
    page = canvas()
    page.bookmarkHorizontal("h-1", 0, 300)
    reference = private.bookmark_reference(page, "h-1")
    annotation = PDFDictionary(
        {"Type": PDFName("Annot"), "Subtype": PDFName("Link"), "Dest": reference}
    )
    private.add_annotation(page, annotation, "link-1")
    page.showPage()
    page.save()
    data = page.getpdfdata()
    assert b"/Subtype /Link" in data and b"/Annots" in data


def test_keep_together_allowed_for_a_flowable() -> None:
    paragraph = Paragraph("x")
    assert private.keep_together_allowed(paragraph) is True
    mover = Spacer(1, 1)
    mover.locChanger = True  # type: ignore[attr-defined]  # as Indenter, NextPageTemplate
    assert private.keep_together_allowed(mover) is False


def test_table_cells_and_row_heights() -> None:
    table = Table([["a", "b"], ["c", "d"]], rowHeights=[12, 20])
    table.wrap(300, 300)
    assert private.table_cell_values(table) == [["a", "b"], ["c", "d"]]
    assert private.table_row_heights(table) == [12, 20]
    first, second = Table([["h"]] + [[str(n)] for n in range(30)], repeatRows=1).split(100, 120)
    assert private.table_cell_values(second)[0] == ["h"]  # the repeated header row


def test_fixed_identity_gives_byte_identical_files() -> None:
    def build(seed: bytes) -> bytes:
        out = io.BytesIO()
        page = Canvas(out, pagesize=(200, 200))
        stamp = TimeStamp(invariant=1)
        stamp.YMDhms = (2020, 4, 13, 0, 0, 0)
        stamp.dhh, stamp.dmm = 8, 0
        signature = md5(usedforsecurity=False)
        signature.update(seed)
        private.fix_document_identity(private.pdf_document(page), stamp, signature)
        page.drawString(10, 10, "x")
        page.save()
        return out.getvalue()

    first = build(b"one")
    assert first == build(b"one")
    assert b"D:20200413000000+08'00'" in first
    identifier = first[first.index(b"/ID") :].split(b"]")[0]
    other = build(b"two")
    assert identifier not in other  # the file identifier comes from the given digest


def test_the_pages_and_catalog_of_a_document() -> None:
    out = io.BytesIO()
    document = SimpleDocTemplate(out, pagesize=(200, 200))
    seen = []

    def on_page(page: Canvas, _doc: object) -> None:
        seen.append(private.pdf_document(page))

    document.build(
        [Paragraph("one"), PageBreak(), Paragraph("two")],
        onFirstPage=on_page,
        onLaterPages=on_page,
    )
    pdf = seen[0]
    assert len(private.document_pages(pdf)) == 2
    assert private.document_catalog(pdf).__class__.__name__ == "PDFCatalog"


def test_the_frame_cursor_and_room() -> None:
    frame = Frame(0, 0, 200, 300, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    page = canvas()
    assert private.frame_at_top(frame) is True
    assert private.frame_room(frame) == (200, 300)
    assert frame.add(Spacer(10, 120), page) == 1
    assert private.frame_at_top(frame) is False
    width, height = private.frame_room(frame)
    assert width == 200 and height == 180


def test_the_hanging_list_and_the_postponed_mark() -> None:
    document = BaseDocTemplate(
        io.BytesIO(), pageTemplates=[PageTemplate("page", [Frame(0, 0, 200, 300)])]
    )
    document.handle_documentBegin()  # as build() does: the first page begins hanging
    hanging = private.hanging_flowables(document)
    assert len(hanging) == 1 and isinstance(hanging[0], ActionFlowable)  # PageBegin
    assert private.hanging_flowables(document) is hanging  # the document's own list
    paragraph = Paragraph("x")
    paragraph._postponed = 1  # type: ignore[attr-defined]  # as handle_flowable marks it
    private.forget_postponed(paragraph)
    assert not hasattr(paragraph, "_postponed")
    private.forget_postponed(paragraph)  # nothing to forget: no error


def test_wrapped_height_of_a_paragraph_and_a_table() -> None:
    spacer = Spacer(10, 25)
    assert private.wrapped_height(spacer) == 25
    table = Table([["a"], ["b"]], rowHeights=[12, 18])
    table.wrap(100, 100)
    assert private.wrapped_height(table) == 30
