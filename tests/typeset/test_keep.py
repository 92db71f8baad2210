"""KeepWithFirstLines: a heading keeps the first line(s) of its paragraph, not the whole."""

from __future__ import annotations

import contextlib
import io
import signal
from collections.abc import Iterator

import pytest
from pdf_lines import extract_all_lines
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, KeepTogether, PageTemplate, Spacer
from reportlab.platypus.doctemplate import NullActionFlowable

from gjz_brief.render.pdf.pages import BriefDocTemplate
from gjz_brief.typeset.flowable import CJKParagraph
from gjz_brief.typeset.keep import (
    KeepWithFirstLines,
    LayoutStalled,
    ProgressGuard,
    release_trailing_chain,
)

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


def test_heading_stays_at_the_foot_with_the_first_three_lines_of_its_paragraph(uming: str) -> None:
    pages = build(uming, 4, KeepWithFirstLines)
    assert pages[0][0] == HEADING and len(pages[0]) == 4
    assert BODY.startswith("".join(pages[0][1:4]))
    assert len(pages[1]) >= 5  # the rest of the paragraph goes on


def test_heading_moves_when_three_lines_of_its_paragraph_cannot_follow(uming: str) -> None:
    # One free line: the heading alone, 背题; two: heading + one line, an orphan; three:
    # heading + two lines, which a suite setting a line longer would turn into 背题
    # (typeset.flowable.LINES_UNDER_HEADING).
    for free in (1, 2, 3):
        pages = build(uming, free, KeepWithFirstLines)
        assert pages[0] == []  # nothing but the spacer
        assert pages[1][0] == HEADING


def test_without_widow_control_the_heading_still_needs_three_lines(uming: str) -> None:
    pages = build(uming, 4, KeepWithFirstLines, min_lines_at_split=1)
    assert pages[0][0] == HEADING and len(pages[0]) == 4
    assert build(uming, 3, KeepWithFirstLines, min_lines_at_split=1)[0] == []


def test_reportlab_keep_together_would_move_the_whole_chain(uming: str) -> None:
    """The behaviour KeepWithFirstLines replaces: ten free lines left empty."""
    pages = build(uming, 10, KeepTogether)
    assert pages[0] == [] and pages[1][0] == HEADING
    assert build(uming, 10, KeepWithFirstLines)[0][0] == HEADING


# --- the hard bound on the layout loop (issue #17) -------------------------------------------


@contextlib.contextmanager
def watchdog(seconds: int) -> Iterator[None]:
    """Fail the test instead of hanging it when the code under test loops."""

    def expire(signum: int, frame: object) -> None:
        raise TimeoutError(f"still laying out after {seconds} s: the layout loops")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def brief_build(flowables: list) -> list[list[str]]:
    """The renderer's own doc template (keep logic and progress guard) on one text block."""
    buffer = io.BytesIO()
    document = BriefDocTemplate(buffer, show_outline=False, pagesize=(210 * mm, 297 * mm))
    frame = Frame(28 * mm, 35 * mm, WIDTH, HEIGHT, leftPadding=0, rightPadding=0,
                  topPadding=0, bottomPadding=0)  # fmt: skip
    document.addPageTemplates([PageTemplate(frames=[frame])])
    document.build(flowables)
    return [[line.text for line in page] for page in extract_all_lines(buffer.getvalue())]


def test_a_last_heading_taller_than_a_page_is_split_not_looped(uming: str) -> None:
    """keepWithNext on the document's last flowable: ReportLab wraps it forever."""
    tall = "长" * 1000  # 36 lines of 28 characters: more than the 22 lines of a page
    heading = CJKParagraph(
        tall, font_for=lambda ch: uming, size=16, leading=LEADING, char_pitch=PITCH,
        align="left", keep_with_next=True,
    )  # fmt: skip
    with watchdog(30):
        pages = brief_build([heading])
    assert "".join("".join(page) for page in pages) == tall
    assert len(pages) == 2


def test_the_fix_is_needed_reportlab_alone_loops(uming: str) -> None:
    """The same input in ReportLab's own doc template never ends (the watchdog stops it)."""
    heading = CJKParagraph(
        "长" * 1000, font_for=lambda ch: uming, size=16, leading=LEADING, char_pitch=PITCH,
        align="left", keep_with_next=True,
    )  # fmt: skip
    document = BaseDocTemplate(io.BytesIO(), pagesize=(210 * mm, 297 * mm))
    frame = Frame(28 * mm, 35 * mm, WIDTH, HEIGHT)
    document.addPageTemplates([PageTemplate(frames=[frame])])
    with pytest.raises(TimeoutError), watchdog(3):
        document.build([heading])


def test_release_trailing_chain_clears_only_a_chain_that_reaches_the_end(uming: str) -> None:
    def paragraph(keep: bool) -> CJKParagraph:
        return CJKParagraph("标题", font_for=lambda ch: uming, size=16, leading=LEADING,
                            char_pitch=PITCH, keep_with_next=keep)  # fmt: skip

    followed = [paragraph(True), paragraph(False)]
    release_trailing_chain(followed)
    assert followed[0].getKeepWithNext()
    trailing = [paragraph(True), paragraph(True)]
    release_trailing_chain(trailing)
    assert trailing[0].getKeepWithNext() and not trailing[1].getKeepWithNext()


class Sisyphus(Flowable):
    """Never fits and, split, puts itself back: a layout that cannot converge."""

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return availWidth, 0xFFFFFF

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        return [NullActionFlowable(), self]


def test_a_layout_that_cannot_converge_stops_with_layout_stalled() -> None:
    with watchdog(30), pytest.raises(LayoutStalled) as stopped:
        brief_build([Spacer(1, 10), Sisyphus()])
    assert "no progress" in stopped.value.reason


def test_pages_that_place_nothing_are_bounded() -> None:
    guard = ProgressGuard()
    for number in range(1, ProgressGuard.MAX_PAGES_WITHOUT_PROGRESS + 1):
        guard.page(number)
    with pytest.raises(LayoutStalled, match="pages in a row were left empty"):
        guard.page(ProgressGuard.MAX_PAGES_WITHOUT_PROGRESS + 1)
    guard.placed()
    with pytest.raises(LayoutStalled, match="more than 5000 pages"):
        guard.page(ProgressGuard.MAX_PAGES + 1)
