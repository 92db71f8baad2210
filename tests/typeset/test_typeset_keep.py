"""KeepWithFirstLines: a heading keeps the first line(s) of its paragraph, not the whole."""

from __future__ import annotations

import io

from pdf_lines import extract_all_lines
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Frame, KeepTogether, PageTemplate, Spacer

from gjz_brief.typeset.flowable import CJKParagraph
from gjz_brief.typeset.keep import KeepWithFirstLines

WIDTH, HEIGHT = 156 * mm, 225 * mm
PITCH, LEADING = WIDTH / 28, HEIGHT / 22
HEADING = "一、加快产业结构优化升级"
BODY = "甘井子区是大连的重大产业承载区，现有规模以上工业企业288家，规模以上服务业企业188家。" * 12


def build(font: str, free_lines: int, keep_class: type, **body_options) -> list[list[str]]:
    """A page filled but for ``free_lines`` grid lines, then a heading and a long paragraph;
    returns the lines' texts per page."""
    buffer = io.BytesIO()
    document = BaseDocTemplate(
        buffer, pagesize=(210 * mm, 297 * mm), invariant=1, keepTogetherClass=keep_class
    )
    frame = Frame(28 * mm, 35 * mm, WIDTH, HEIGHT, leftPadding=0, rightPadding=0,
                  topPadding=0, bottomPadding=0)  # fmt: skip
    document.addPageTemplates([PageTemplate(frames=[frame])])

    def paragraph(text: str, **options) -> CJKParagraph:
        settings = {"size": 16, "leading": LEADING, "char_pitch": PITCH}
        return CJKParagraph(text, font_for=lambda ch: font, **{**settings, **options})

    heading = paragraph(HEADING, align="left", keep_with_next=True)
    body = paragraph(BODY, first_line_indent=2 * PITCH, **body_options)
    document.build([Spacer(1, (22 - free_lines) * LEADING), heading, body])
    return [[line.text for line in page] for page in extract_all_lines(buffer.getvalue())]


def test_heading_stays_at_the_foot_with_the_first_line_of_its_paragraph(uming: str) -> None:
    pages = build(uming, 2, KeepWithFirstLines)
    assert pages[0][-2:] == [HEADING, pages[0][-1]]
    assert BODY.startswith(pages[0][-1])
    assert len(pages[1]) >= 5  # the rest of the paragraph goes on


def test_heading_alone_at_the_foot_moves_to_the_next_page(uming: str) -> None:
    pages = build(uming, 1, KeepWithFirstLines)
    assert pages[0] == []  # nothing but the spacer: no 背题
    assert pages[1][0] == HEADING


def test_with_widow_control_the_heading_needs_room_for_two_lines(uming: str) -> None:
    assert build(uming, 2, KeepWithFirstLines, min_lines_at_split=2)[1][0] == HEADING
    pages = build(uming, 3, KeepWithFirstLines, min_lines_at_split=2)
    assert pages[0][0] == HEADING and len(pages[0]) == 3


def test_reportlab_keep_together_would_move_the_whole_chain(uming: str) -> None:
    """The behaviour KeepWithFirstLines replaces: ten free lines left empty."""
    pages = build(uming, 10, KeepTogether)
    assert pages[0] == [] and pages[1][0] == HEADING
    assert build(uming, 10, KeepWithFirstLines)[0][0] == HEADING
