"""Tables and key figures: numbers right-aligned, a repeated header, column widths, big values."""

from __future__ import annotations

import io
import re

import pdfplumber
import pytest
from pdf_sample import (
    compact,
)


def test_numeric_table_column_is_right_aligned(sample: bytes) -> None:
    right_edges = []
    with pdfplumber.open(io.BytesIO(sample)) as pdf:
        for page in pdf.pages:
            for word in page.extract_words():
                if (
                    re.fullmatch(r"\d+", word["text"])
                    and abs(word["bottom"] - word["top"] - 12) < 0.5
                ):
                    right_edges.append(word["x1"])
    assert len(right_edges) == 30
    assert max(right_edges) - min(right_edges) < 0.5


def test_key_figure_values_are_big_accent_text(sample: bytes) -> None:
    with pdfplumber.open(io.BytesIO(sample)) as pdf:
        chars = [c for page in pdf.pages for c in page.chars if c["size"] == pytest.approx(20)]
    text = "".join(c["text"] for c in chars)
    for value in ("288家", "50余家", "17家", "188家"):
        assert value in text
    assert all(
        tuple(c["non_stroking_color"]) == pytest.approx((0.75, 0, 0), abs=0.01) for c in chars
    )


def test_long_table_repeats_its_header_and_has_its_caption_above(pages) -> None:
    spanned = [p for p in pages if re.search(r"指标\d+", p["text"])]
    assert len(spanned) >= 2
    for page in spanned:  # no lone row at a page foot or head
        assert len(re.findall(r"指标\d+", page["text"])) >= 2
    for page in spanned:
        assert any(compact(line["text"]) == "指标数值时期" for line in page["lines"])
    first = spanned[0]["lines"]
    caption = next(i for i, line in enumerate(first) if "表1" in line["text"])
    header = next(i for i, line in enumerate(first) if compact(line["text"]) == "指标数值时期")
    assert caption < header
    assert compact(first[caption]["text"]) == "表1主要指标（长表跨页）"


def test_column_widths_keep_short_columns_whole_and_fill_the_width() -> None:
    from gjz_brief.render.pdf.tables import column_widths

    widths = column_widths([300, 50, 80, 90], [45, 50, 45, 45], 442)
    assert widths[1:] == [50, 80, 90]  # a date like "截至2019年底" does not wrap
    assert sum(widths) == pytest.approx(442)
    assert column_widths([100, 50], [45, 50], 450) == pytest.approx([300, 150])
    assert column_widths([400, 400, 400], [200, 200, 200], 450) == pytest.approx([150] * 3)
