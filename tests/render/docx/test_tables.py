"""Tables: a repeated header row, numbers right-aligned."""

from __future__ import annotations

import io

import docx
from docx_sample import (
    W,
)


def test_table_repeats_its_header_and_right_aligns_numbers(output: bytes) -> None:
    document = docx.Document(io.BytesIO(output))
    table = next(t for t in document.tables if t.style is not None and t.style.name == "GJZ Table")
    rows = table._tbl.findall(f"{W}tr")
    assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None
    assert rows[1].find(f"{W}trPr/{W}tblHeader") is None
    assert table.cell(1, 1).text == "288"
    assert table.cell(1, 1).paragraphs[0].alignment == 2  # RIGHT
    assert table.cell(0, 0).paragraphs[0].style.name == "GJZ Table Header"
