"""Table tags: real ReportLab tables drawn on a canvas that carries a structure tree.

A data table split over two pages must stay one Table element whose header row is tagged
once (TH with /Scope /Column), its repetition an artifact; a layout table must hide its grid
and plain cells and leave its flowables to tag themselves.
"""

from __future__ import annotations

import io
import re

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Table, TableStyle

from gjz_brief.render.pdf.table_tags import (
    HEADER_SCOPE,
    LayoutTags,
    TableTags,
    render_callback,
)
from gjz_brief.render.pdf.tagging import Element, StructNode, StructureTree, content

GRID = TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black")])


def tagged_canvas() -> tuple[Canvas, StructureTree]:
    canvas = Canvas(io.BytesIO(), pagesize=A4)
    tree = StructureTree()
    canvas.structure = tree  # type: ignore[attr-defined]  # as pages.TaggedCanvas does
    return canvas, tree


def page_code(canvas: Canvas) -> str:
    return "\n".join(canvas._code)  # type: ignore[attr-defined]


def roles(element: Element) -> list[str]:
    return [kid.role for kid in element.kids if isinstance(kid, Element)]


def test_a_data_table_split_over_two_pages_is_one_table_with_one_header() -> None:
    canvas, tree = tagged_canvas()
    node = StructNode("Table")
    rows = [["区域", "数值"]] + [[f"第{i}行", str(i)] for i in range(40)]
    table = Table(rows, repeatRows=1, renderCB=render_callback(TableTags(node)))
    table.setStyle(GRID)
    parts = table.split(400, 300)
    assert len(parts) >= 2
    codes = []
    for part in parts:
        part.wrapOn(canvas, 400, 300)
        part.drawOn(canvas, 50, 400)
        codes.append(page_code(canvas))
        canvas.showPage()

    assert [element.role for element in tree.root.kids if isinstance(element, Element)] == ["Table"]
    table_element = tree.root.kids[0]
    assert isinstance(table_element, Element)
    assert roles(table_element) == ["TR"] * 41  # the header once, then every data row
    header, first = table_element.kids[0], table_element.kids[1]
    assert isinstance(header, Element) and isinstance(first, Element)
    assert roles(header) == ["TH", "TH"]
    assert all(kid.attributes == HEADER_SCOPE for kid in header.kids if isinstance(kid, Element))
    assert roles(first) == ["TD", "TD"]
    # the second page repeats the header as pagination, and grid and background are layout
    second = codes[1]
    assert second.count("/Artifact <</Type /Pagination>> BDC") == 2
    assert "/Artifact <</Type /Layout>> BDC" in second
    assert "/TH <<" not in second
    # every BDC is closed
    for code in codes:
        assert len(re.findall(r"\bBDC\b", code)) == code.count("EMC")


def test_a_layout_table_tags_only_what_its_cells_tag() -> None:
    class Tagged(Flowable):
        def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
            return 40, 12

        def draw(self) -> None:
            with content(self.canv, StructNode("P")):
                self.canv.drawString(0, 0, "tile")

    canvas, tree = tagged_canvas()
    table = Table([[Tagged(), ""]], renderCB=render_callback(LayoutTags()))
    table.setStyle(GRID)
    table.wrapOn(canvas, 400, 300)
    table.drawOn(canvas, 50, 400)
    code = page_code(canvas)

    assert roles(tree.root) == ["P"]  # no Table, TR or TD: the grid is no table to a reader
    assert "/P <</MCID 0>> BDC" in code
    # the background, the plain padding cell and the rules: three artifacts
    assert code.count("/Artifact <</Type /Layout>> BDC") == 3
    assert len(re.findall(r"\bBDC\b", code)) == code.count("EMC")


def test_tags_do_nothing_on_a_plain_canvas() -> None:
    canvas = Canvas(io.BytesIO(), pagesize=A4)
    table = Table(
        [["a", "b"], ["1", "2"]], renderCB=render_callback(TableTags(StructNode("Table")))
    )
    table.wrapOn(canvas, 400, 300)
    table.drawOn(canvas, 50, 400)
    assert "BDC" not in page_code(canvas)
