"""The contents page lists each heading with the page it is printed on."""

from __future__ import annotations

import re

import pdf_sample as support
from pdf_sample import (
    compact,
)


def test_toc_lists_each_heading_with_the_page_it_is_printed_on(pages) -> None:
    toc_page = next(p for p in pages if "目录" in compact(p["text"]))
    toc_lines = {}
    for line in toc_page["lines"]:
        match = re.match(r"^(.*?)\s*(\d+)$", line["text"].strip())
        if match:
            toc_lines[compact(match.group(1))] = int(match.group(2))
    listed = [h for h in support.HEADINGS if h.level <= 2]
    assert set(toc_lines) == {h.full_text for h in listed}
    body = [p for p in pages if p["number"] is not None]
    for heading in listed:
        printed_on = next(p["number"] for p in body if heading.full_text in compact(p["text"]))
        assert toc_lines[heading.full_text] == printed_on, heading.full_text
