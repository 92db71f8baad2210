"""简报 pieces: the red masthead over its rule, the 报尾 at the foot of the last page."""

from __future__ import annotations

import io

import pdf_sample as support
import pdfplumber
import pytest
from pdf_sample import (
    TEXT_BOTTOM,
    TEXT_RIGHT,
    TEXT_TOP,
    THEME,
    distribution_document,
    foot_layout,
)

from gjz_brief.render.pdf import render_pdf
from gjz_brief.template.theme import MM


def test_distribution_sits_at_the_foot_of_the_last_page_below_the_text() -> None:
    document = distribution_document(2)  # 12 lines of text
    pages = foot_layout(render_pdf(document, {}, support.make_fonts(document), THEME))
    assert len(pages) == 1
    lines, rules, number = pages[0]
    copies = next(line for line in lines if "共印50份" in line["text"])
    assert TEXT_BOTTOM - copies["bottom"] < 30  # on the last line of the text block
    assert copies["x1"] > TEXT_RIGHT - 30  # at the right
    labels = [line for line in lines if line["text"].startswith(("报：", "送：", "发："))]
    assert [line["text"][0] for line in labels] == ["报", "送", "发"]
    top_rule = min(rules, key=lambda r: r["top"])
    assert top_rule["top"] < labels[0]["top"]
    assert max(r["top"] for r in rules) > copies["bottom"]  # closing rule under 共印
    body = [line for line in lines if TEXT_TOP < line["top"] < top_rule["top"]]
    assert len(body) == 12  # the two paragraphs, above and clear of the block
    assert all(line["bottom"] < top_rule["top"] for line in body)
    assert number == 1


def test_distribution_without_room_goes_to_the_foot_of_a_numbered_new_page() -> None:
    # GB/T 9704-2012 §7.5: only a 版记 page after a blank page goes unnumbered; here no blank
    # page stands before it, so it is numbered like the DOCX's (— 2 —).
    document = distribution_document(3)  # 18 of 22 lines: the block does not fit below
    pages = foot_layout(render_pdf(document, {}, support.make_fonts(document), THEME))
    assert len(pages) == 2
    assert not any("共印" in line["text"] for line in pages[0][0])
    assert pages[0][2] == 1
    lines, rules, number = pages[1]
    copies = next(line for line in lines if "共印50份" in line["text"])
    assert TEXT_BOTTOM - copies["bottom"] < 30
    assert number == 2


def test_masthead_name_is_red_and_above_a_thick_red_rule(sample: bytes) -> None:
    with pdfplumber.open(io.BytesIO(sample)) as pdf:
        page = pdf.pages[2]
        name = [c for c in page.chars if c["text"] in "甘井子区发展简报" and c["size"] > 30]
        red_rules = [
            r
            for r in page.lines + page.rects
            if r.get("stroking_color")
            and tuple(r["stroking_color"])[:3] == pytest.approx((0.75, 0, 0), abs=0.01)
        ]
    assert len(name) == len("甘井子区发展简报")
    assert all(
        tuple(c["non_stroking_color"]) == pytest.approx((0.75, 0, 0), abs=0.01) for c in name
    )
    rule = next(r for r in red_rules if r["x1"] - r["x0"] > 400)
    assert rule["top"] > max(c["bottom"] for c in name)
    assert rule.get("linewidth", 0) == pytest.approx(MM, abs=0.05)
