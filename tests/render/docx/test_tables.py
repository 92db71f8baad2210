"""Tables: a repeated header row, numbers right-aligned, kept with their caption and heading."""

from __future__ import annotations

import io

import docx
from docx_sample import (
    W,
    keeps_next,
    part,
    render,
    sample_document,
)

from gjz_brief.document.tree import Document, Heading, Table


def test_table_repeats_its_header_and_right_aligns_numbers(output: bytes) -> None:
    document = docx.Document(io.BytesIO(output))
    table = next(t for t in document.tables if t.style is not None and t.style.name == "GJZ Table")
    rows = table._tbl.findall(f"{W}tr")
    assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None
    assert rows[1].find(f"{W}trPr/{W}tblHeader") is None
    assert table.cell(1, 1).text == "288"
    assert table.cell(1, 1).paragraphs[0].alignment == 2  # RIGHT
    assert table.cell(0, 0).paragraphs[0].style.name == "GJZ Table Header"


def test_a_heading_keeps_with_a_table_caption_header_and_first_two_rows() -> None:
    """A heading or caption never ends a page above its table (issue #19); Word's 续表 is
    the repeated header row (render/docx/tables.py: write_table)."""
    rows = tuple((f"指标{n}", str(n)) for n in range(40))
    document = Document(
        meta=sample_document().meta,
        blocks=(
            Heading(1, "主要指标一览", "七、"),
            Table(1, "主要指标", ("指标", "数值"), rows, (1,)),
        ),
    )
    data = render(document)
    body = part(data, "word/document.xml").find(f"{W}body")
    styles = part(data, "word/styles.xml")
    heading, caption, table = list(body)[:3]
    assert keeps_next(heading, styles) and keeps_next(caption, styles)
    table_rows = table.findall(f"{W}tr")
    kept = [all(keeps_next(p, styles) for p in row.iter(f"{W}p")) for row in table_rows]
    # Header and first body row keep with the next row: caption + header + two rows stay
    # together; the last two rows stay together (no row carried over alone); the table may
    # break anywhere else between rows, as the PDF's does (with 续表 there).
    assert kept[:2] == [True, True] and not any(kept[2:-2]) and kept[-2:] == [True, False]
    assert table_rows[0].find(f"{W}trPr/{W}tblHeader") is not None  # repeated on each page
    assert all(row.find(f"{W}trPr/{W}cantSplit") is not None for row in table_rows)
    assert "续表" not in "".join(node.text or "" for node in body.iter(f"{W}t"))


def test_rows_are_as_tall_as_the_pdfs() -> None:
    """Each row at least as tall as the PDF's row of the same text (3 pt above and below,
    12 pt text at 1.5 leading: 24 pt a line), so the table breaks pages where the PDF's
    does; a cell of two lines makes its row 42 pt."""
    long_name = "实际使用内资占全年任务比例" * 3  # two lines in the first column
    document = Document(
        meta=sample_document().meta,
        blocks=(
            Table(1, "主要指标", ("指标", "数值"), (("复工率", "98.3%"), (long_name, "1")), (1,)),
        ),
    )
    body = part(render(document), "word/document.xml").find(f"{W}body")
    table = next(body.iter(f"{W}tbl"))
    heights = [
        (
            row.find(f"{W}trPr/{W}trHeight").get(f"{W}val"),
            row.find(f"{W}trPr/{W}trHeight").get(f"{W}hRule"),
        )
        for row in table.findall(f"{W}tr")
    ]
    assert heights[:2] == [("480", "atLeast"), ("480", "atLeast")]
    assert int(heights[2][0]) >= 840
