"""Page setup: GB/T 9704 geometry and grid, sections, page numbers outside."""

from __future__ import annotations

import pytest
from docx_sample import (
    W,
    instructions,
    paragraph_text,
    part,
    part_names,
    render,
    sample_document,
    style_id_of,
)

from gjz_brief.document.tree import (
    Cover,
    Document,
    PageBreak,
    Paragraph,
)


def test_footers_number_pages_outside_on_odd_and_even_pages(output: bytes) -> None:
    settings = part(output, "word/settings.xml")
    assert settings.find(f"{W}evenAndOddHeaders") is not None
    body = part(output, "word/document.xml")
    final = body.find(f"{W}body/{W}sectPr")
    kinds = {ref.get(f"{W}type") for ref in final.findall(f"{W}footerReference")}
    assert kinds == {"default", "even"}
    alignments = set()
    for name in part_names(output):
        if name.startswith("word/footer"):
            footer = part(output, name)
            assert "PAGE" in instructions(footer)
            assert paragraph_text(footer.find(f"{W}p")) == "— 1 —"
            alignments.add(footer.find(f"{W}p/{W}pPr/{W}jc").get(f"{W}val"))
    assert alignments == {"left", "right"}
    headers = [n for n in part_names(output) if n.startswith("word/header")]
    assert headers and all(paragraph_text(part(output, n)) == "甘井子区发展简报" for n in headers)


def test_cover_and_contents_are_sections_without_page_number(output: bytes) -> None:
    body = part(output, "word/document.xml")
    sections = list(body.iter(f"{W}sectPr"))
    assert len(sections) == 3
    cover, contents, main = sections
    assert cover.find(f"{W}footerReference") is None
    assert contents.find(f"{W}footerReference") is None  # and none inherited from the cover
    assert contents.find(f"{W}headerReference") is None
    assert main.find(f"{W}pgNumType").get(f"{W}start") == "1"
    assert paragraph_text(cover.getparent().getparent()) == "2020年4月13日"
    toc_entries = [p for p in body.iter(f"{W}p") if style_id_of(p) in ("TOC1", "TOC2")]
    assert contents.getparent().getparent() is toc_entries[-1]  # ends after the last entry


def test_page_geometry_and_line_grid(output: bytes) -> None:
    section = part(output, "word/document.xml").find(f"{W}body/{W}sectPr")
    size = section.find(f"{W}pgSz")
    assert (size.get(f"{W}w"), size.get(f"{W}h")) == ("11906", "16838")  # A4
    margins = section.find(f"{W}pgMar")
    mm = {side: int(margins.get(f"{W}{side}")) * 25.4 / 1440 for side in
          ("top", "left", "bottom", "right")}  # fmt: skip
    assert mm == pytest.approx({"top": 37, "left": 28, "bottom": 35, "right": 26}, abs=0.05)
    grid = section.find(f"{W}docGrid")
    assert grid.get(f"{W}linePitch") == "579"
    assert grid.get(f"{W}type") == "lines"


def test_page_break_after_cover_adds_no_blank_page() -> None:
    meta = sample_document().meta
    blocks = (Cover("标题", "", "甘井子区", "2020年4月13日"), PageBreak(), Paragraph("正文。"))
    body = part(render(Document(meta, blocks)), "word/document.xml")
    paragraphs = list(body.iter(f"{W}p"))
    assert paragraph_text(paragraphs[-1]) == "正文。"
    assert paragraphs[-1].find(f"{W}pPr/{W}pageBreakBefore") is None
