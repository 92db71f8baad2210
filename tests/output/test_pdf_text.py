"""Our reader of our PDFs' text (the figure audit reads every PDF back with it)."""

from __future__ import annotations

import pytest

from gjz_brief.output.pdf_text import PdfTextError, pdf_pages_text


def test_the_text_of_a_built_pdf_page_by_page(built):
    pages = pdf_pages_text((built / "briefing.pdf").read_bytes())
    assert len(pages) > 5
    text = "".join(pages)
    assert "甘井子区" in pages[0] and "50余家" in text.replace(" ", "")
    assert "规模以上工业企业" in text  # chart labels too: the reader enters form XObjects


def test_what_is_not_a_pdf_is_a_pdf_text_error():
    with pytest.raises(PdfTextError):
        pdf_pages_text(b"%PDF-1.7 not really")
