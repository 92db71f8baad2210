"""The renderer's small flowables, each on its own: grid snapping, anchored headings, the
page-wide drawing of the cover, page marks, rules, the 报尾 foot block, balanced titles."""

from __future__ import annotations

import io
import math

import pytest
from reportlab.lib.colors import red
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from gjz_brief.render.pdf.flowables import (
    Anchored,
    Balanced,
    FootBlock,
    GridSnap,
    PageDrawing,
    PageMark,
    Rule,
    plain_text,
)
from gjz_brief.render.pdf.state import BuildState
from gjz_brief.render.pdf.tagging import StructureTree

PITCH = 28.0


class Text(Flowable):
    """A stand-in paragraph: ``count`` characters of 10 pt on 12 pt lines, split by line."""

    def __init__(self, count: int, space_before: float = 3.0, space_after: float = 5.0) -> None:
        super().__init__()
        self.count = count
        self.spaceBefore, self.spaceAfter = space_before, space_after
        self.drawn_at: list[tuple[float, float]] = []

    def lines(self, width: float) -> int:
        per_line = max(1, int(width // 10))
        return math.ceil(self.count / per_line)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = availWidth
        self.height = 12.0 * self.lines(availWidth)
        return availWidth, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        fits = int(availHeight // 12) * max(1, int(availWidth // 10))
        if fits <= 0 or fits >= self.count:
            return []
        return [Text(fits), Text(self.count - fits)]

    def getPlainText(self, identify: object = None) -> str:  # noqa: N802
        return "字" * self.count

    def draw(self) -> None:
        self.drawn_at.append(self.canv.absolutePosition(0, 0))


def canvas() -> Canvas:
    return Canvas(io.BytesIO(), pagesize=A4)


# --- GridSnap ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("used", "height"),
    [(0.0, 0.0), (28.0, 0.0), (30.0, 26.0), (55.995, 0.0), (56.005, 0.0), (70.0, 14.0)],
)
def test_grid_snap_fills_to_the_next_grid_line(used: float, height: float) -> None:
    frame = 700.0
    snap = GridSnap(PITCH, frame)
    assert snap.wrap(400, frame - used) == (400, pytest.approx(height))
    assert snap.split(400, 10) == []


def test_grid_snap_never_asks_for_more_than_is_left() -> None:
    snap = GridSnap(PITCH, 100.0)
    assert snap.wrap(400, 5.0)[1] == 5.0  # 95 used: 17 to the grid line, only 5 left


# --- plain text and wrappers -------------------------------------------------------------------
def test_plain_text_of_flowables_with_and_without_text() -> None:
    assert plain_text(Text(3)) == "字字字"
    assert plain_text(Flowable()) == ""
    assert plain_text(Balanced(Text(2))) == "字字"  # a wrapper says its inner text


def test_wrappers_keep_the_inner_spacing() -> None:
    inner = Text(4, space_before=7, space_after=9)
    for wrapper in (
        Balanced(inner),
        Anchored(inner, key="k", title="t", level=0, state=BuildState()),
    ):
        assert (wrapper.getSpaceBefore(), wrapper.getSpaceAfter()) == (7, 9)


# --- Anchored ---------------------------------------------------------------------------------
def test_an_anchored_heading_records_its_printed_page_and_outline_entry() -> None:
    state = BuildState(body_start_page=1)
    page = canvas()
    heading = Anchored(Text(5), key="h-1", title="一、总体情况", level=0, state=state)
    heading.wrapOn(page, 400, 500)
    heading.drawOn(page, 50, 600)
    assert state.heading_pages == {"h-1": 1}
    assert state.outline_level == 0
    assert heading.inner.drawn_at == [(50, 600)]  # type: ignore[attr-defined]


def test_a_split_heading_anchors_only_its_first_part() -> None:
    state = BuildState()
    parts = Anchored(Text(100), key="h", title="t", level=0, state=state).split(400, 24)
    assert len(parts) == 2
    assert isinstance(parts[0], Anchored) and parts[0].key == "h"
    assert not isinstance(parts[1], Anchored)
    assert Anchored(Text(1), key="h", title="t", level=0, state=state).split(400, 24) == []


def test_a_heading_before_the_first_body_page_has_no_page_number() -> None:
    state = BuildState(body_start_page=3)
    heading = Anchored(Text(5), key="toc", title="目录", level=0, state=state)
    heading.wrapOn(page := canvas(), 400, 500)
    heading.drawOn(page, 50, 600)
    assert state.heading_pages == {}


# --- PageDrawing, PageMark, Rule ----------------------------------------------------------------
def test_page_drawing_takes_no_room_and_draws_in_page_coordinates() -> None:
    seen: list[tuple[float, float]] = []
    drawing = PageDrawing(lambda c: seen.append(c.absolutePosition(0, 0)))
    page = canvas()
    assert drawing.wrapOn(page, 400, 500) == (400, 0.0)
    drawing.drawOn(page, 72, 300)
    assert seen == [(0, 0)]


def test_page_mark_names_the_page_it_lands_on() -> None:
    state = BuildState()
    page = canvas()
    page.showPage()  # on page 2
    mark = PageMark(state)
    assert mark.wrapOn(page, 400, 500) == (400, 0.0)
    mark.drawOn(page, 0, 0)
    assert state.pages_without_header == {2}


def test_a_rule_spans_the_width_and_is_a_layout_artifact() -> None:
    page = canvas()
    page.structure = StructureTree()  # type: ignore[attr-defined]
    rule = Rule(2.0, red, 1.0)
    assert rule.wrapOn(page, 300, 500) == (300, 2.0)  # never thinner than its line
    rule.drawOn(page, 10, 10)
    code = "\n".join(page._code)  # type: ignore[attr-defined]
    assert "/Artifact <</Type /Layout>> BDC" in code
    assert "0 1 m 300 1 l S" in code  # across the width, at half its height


# --- FootBlock --------------------------------------------------------------------------------
def test_a_foot_block_takes_the_room_left_or_moves_on() -> None:
    foot = FootBlock(Text(40), min_gap=20)  # 40 chars: 1 line at 400
    assert foot.wrap(400, 300) == (400, 300)  # fits: the rest of the page
    assert foot.wrap(400, 25) == (400, 32)  # 12 + 20 do not fit in 25: "no room"
    assert foot.split(400, 300) == []


# --- Balanced ---------------------------------------------------------------------------------
def test_a_balanced_title_is_as_narrow_as_its_line_count_allows() -> None:
    title = Text(45)  # 400 pt wide: 40 + 5 characters
    balanced = Balanced(title)
    width, height = balanced.wrap(400, 500)
    assert (width, height) == (400, 24)  # still two lines
    assert title.lines(balanced.inner_width) == 2
    assert 230 <= balanced.inner_width < 240  # 23 characters a line: 23 + 22
    page = canvas()
    balanced.drawOn(page, 0, 0)
    assert title.drawn_at == [((400 - balanced.inner_width) / 2, 0)]


def test_a_one_line_title_is_set_at_half_the_width_or_less() -> None:
    balanced = Balanced(Text(10))
    balanced.wrap(400, 500)
    assert balanced.inner_width == 200 and balanced.height == 12


def test_a_title_not_centred_keeps_the_full_width() -> None:
    title = Text(45)
    balanced = Balanced(title, centred=False)
    assert balanced.wrap(400, 500) == (400, 24)
    assert balanced.inner_width == 400
    assert balanced.split(400, 12) == []
