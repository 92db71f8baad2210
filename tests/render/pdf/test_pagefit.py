"""Which block landed on which page, and what overflowed a page limit."""

from __future__ import annotations

from gjz_brief.render.pdf.pagefit import PageFit
from gjz_brief.template.theme import MM


class FakeFrame:
    def __init__(self, used: float, height: float = 700.0) -> None:
        self._y1, self._y2 = 50.0, 50.0 + height
        self._y = self._y2 - used


class FakeDoc:
    def __init__(self) -> None:
        self.page = 1
        self.frame = FakeFrame(0)


class Piece:
    """Stands in for a flowable: ReportLab is not needed for the record's logic."""


def place(fit: PageFit, doc: FakeDoc, block: int | None, page: int, used: float) -> None:
    piece = Piece()
    if block is not None:
        piece._gjz_block_index = block  # what pagefit.tag sets
    fit.before_flowable(piece)
    doc.page, doc.frame = page, FakeFrame(used)
    fit.after_flowable(doc, piece)


def test_overflow_message_names_the_first_block_past_the_limit():
    fit, doc = PageFit(labels={0: "title “A”", 1: "figure 图1", 2: "list of 3"}), FakeDoc()
    place(fit, doc, 0, 1, 100)
    place(fit, doc, 1, 1, 640)  # the page is full to 640 of 700 points
    place(fit, doc, 2, 2, 90)  # the list moved over: 90 points on page 2
    message = fit.overflow_message(1)
    assert message is not None
    assert "allows 1 page but the content needs 2" in message
    assert "list of 3 starts on page 2" in message
    assert f"about {round((640 + 90 - 700) / MM)} mm too tall" in message
    assert fit.overflow_message(2) is None


def test_a_block_split_over_the_limit_runs_over_and_later_blocks_are_listed():
    fit, doc = PageFit(labels={0: "paragraph “X”", 1: "heading “Y”"}), FakeDoc()
    place(fit, doc, 0, 1, 700)
    place(fit, doc, None, 2, 30)  # the second part of the split paragraph carries no tag
    place(fit, doc, 1, 2, 60)
    message = fit.overflow_message(1)
    assert "paragraph “X” runs over onto page 2 (then heading “Y”)" in message
