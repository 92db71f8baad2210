"""Small ReportLab flowables the renderer needs beyond CJKParagraph and Table."""

from __future__ import annotations

from collections.abc import Callable

from reportlab.lib.colors import Color
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from gjz_brief.render.pdf.state import BuildState
from gjz_brief.render.pdf.tagging import artifact

_EPSILON = 0.01  # points; below this a remainder counts as "on the grid"


class GridSnap(Flowable):
    """Vertical space up to the next grid line, so text after a table or figure is on the grid.

    ``wrap`` receives the height left in the frame; the frame's used height follows from it.
    """

    layout_role = "space"

    def __init__(self, pitch: float, frame_height: float) -> None:
        super().__init__()
        self.pitch = pitch
        self.frame_height = frame_height
        self.height = 0.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        used = max(0.0, self.frame_height - availHeight)
        remainder = used % self.pitch
        if remainder < _EPSILON or self.pitch - remainder < _EPSILON:
            self.height = 0.0
        else:
            self.height = min(self.pitch - remainder, availHeight)
        return availWidth, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        return []  # never worth a page break: the next page starts on the grid anyway

    def draw(self) -> None:
        pass


def plain_text(flowable: Flowable) -> str:
    """The text of a flowable that has some: ReportLab's paragraphs and ours say it through
    ``getPlainText``, which the base Flowable lacks."""
    method = getattr(flowable, "getPlainText", None)
    return str(method()) if callable(method) else ""


class _Wrapper(Flowable):
    """A flowable around ``self.inner`` that keeps the inner one's spacing and text."""

    inner: Flowable

    def getSpaceBefore(self) -> float:  # noqa: N802 - ReportLab API
        return self.inner.getSpaceBefore()

    def getSpaceAfter(self) -> float:  # noqa: N802 - ReportLab API
        return self.inner.getSpaceAfter()

    def getPlainText(self, identify: object = None) -> str:  # noqa: N802 - ReportLab API
        # ReportLab passes identify= when it names a flowable in a LayoutError.
        return plain_text(self.inner)


class Pagination(_Wrapper):
    """Wraps a label that only pagination adds (续表N): drawn as a Pagination artifact, as
    the header row repeated under it is (table_tags), and kept with what follows it."""

    layout_role = "label"

    def __init__(self, inner: Flowable) -> None:
        super().__init__()
        self.inner = inner
        self.keepWithNext = bool(getattr(inner, "keepWithNext", False))

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width, self.height = self.inner.wrap(availWidth, availHeight)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        return []  # one line: it moves whole

    def draw(self) -> None:
        with artifact(self.canv, "Pagination"):
            self.inner.drawOn(self.canv, 0, 0)


class Anchored(_Wrapper):
    """Wraps a heading: bookmarks its position, adds the outline entry, records its page."""

    layout_role = "heading"

    def __init__(
        self, inner: Flowable, *, key: str, title: str, level: int, state: BuildState
    ) -> None:
        super().__init__()
        self.inner = inner
        self.key = key
        self.title = title
        self.level = level
        self.state = state
        self.keepWithNext = bool(getattr(inner, "keepWithNext", False))

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width, self.height = self.inner.wrap(availWidth, availHeight)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        parts = self.inner.split(availWidth, availHeight)
        if not parts:
            return []
        first = Anchored(
            parts[0], key=self.key, title=self.title, level=self.level, state=self.state
        )
        return [first, *parts[1:]]

    def draw(self) -> None:
        canvas = self.canv
        canvas.bookmarkHorizontal(self.key, 0, self.height)
        canvas.addOutlineEntry(
            self.title, self.key, self.state.outline_level_for(self.level), closed=False
        )
        label = self.state.page_label(canvas.getPageNumber())
        if label is not None:
            self.state.heading_pages.setdefault(self.key, label)
        self.inner.drawOn(canvas, 0, 0)


class PageDrawing(Flowable):
    """Takes no room; draws in page coordinates (the cover is laid out on the whole page)."""

    def __init__(self, painter: Callable[[Canvas], None]) -> None:
        super().__init__()
        self.painter = painter

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return availWidth, 0.0

    def draw(self) -> None:
        canvas = self.canv
        origin_x, origin_y = canvas.absolutePosition(0, 0)
        canvas.saveState()
        canvas.translate(-origin_x, -origin_y)
        self.painter(canvas)
        canvas.restoreState()


class PageMark(Flowable):
    """Takes no room; tells the page decorations something about this page (no header)."""

    def __init__(self, state: BuildState) -> None:
        super().__init__()
        self.state = state

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return availWidth, 0.0

    def draw(self) -> None:
        self.state.pages_without_header.add(self.canv.getPageNumber())


class Rule(Flowable):
    """A horizontal rule across the available width, centred in ``height``."""

    def __init__(self, thickness: float, colour: Color, height: float) -> None:
        super().__init__()
        self.thickness = thickness
        self.colour = colour
        self.height = max(height, thickness)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = availWidth
        return availWidth, self.height

    def draw(self) -> None:
        canvas = self.canv
        with artifact(canvas, "Layout"):
            canvas.setStrokeColor(self.colour)
            canvas.setLineWidth(self.thickness)
            canvas.line(0, self.height / 2, self.width, self.height / 2)


class FootBlock(Flowable):
    """Content set at the foot of the page (简报报尾): takes all the room left on the page.

    If the content does not fit in the room left, it moves to the foot of a new page. That
    page keeps its page number: GB/T 9704-2012 §7.5 leaves the number off a 版记 page only
    when a blank page stands before it, and no blank page is ever inserted here.
    """

    def __init__(self, content: Flowable, min_gap: float = 0.0) -> None:
        super().__init__()
        self.content = content
        self.min_gap = min_gap  # free space kept between the text above and the block
        self.content_height = 0.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width, self.content_height = self.content.wrap(availWidth, availHeight)
        needed = self.content_height + self.min_gap
        # Taller than the room left means "no room": the frame then moves us on.
        self.height = availHeight if needed <= availHeight else needed
        return availWidth, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        return []  # never split: the whole block goes to the next page

    def draw(self) -> None:
        self.content.drawOn(self.canv, 0, 0)


class Balanced(_Wrapper):
    """A centred multi-line title set as narrow as its line count allows.

    GB/T 9704 wants a wrapped title to keep a trapezoid or diamond shape rather than a full
    line over a one-character line; the narrowest width with the same number of lines gives
    lines of nearly equal length, the longer ones first. A title the theme aligns otherwise
    is set at the full width.
    """

    SEARCH_STEPS = 12
    layout_role = "title"

    def __init__(self, inner: Flowable, centred: bool = True) -> None:
        super().__init__()
        self.inner = inner
        self.centred = centred
        self.keepWithNext = bool(getattr(inner, "keepWithNext", False))
        self.inner_width = 0.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        _, full_height = self.inner.wrap(availWidth, availHeight)
        if not self.centred:
            self.inner_width, self.width, self.height = availWidth, availWidth, full_height
            return availWidth, full_height
        narrow, wide = availWidth / 2, availWidth
        if self.inner.wrap(narrow, availHeight)[1] <= full_height + _EPSILON:
            wide = narrow
        else:
            for _ in range(self.SEARCH_STEPS):
                middle = (narrow + wide) / 2
                if self.inner.wrap(middle, availHeight)[1] <= full_height + _EPSILON:
                    wide = middle
                else:
                    narrow = middle
        self.inner_width = wide if full_height > 0 else availWidth
        _, self.height = self.inner.wrap(self.inner_width, availHeight)
        self.width = availWidth
        return availWidth, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        return []  # a title moves whole

    def draw(self) -> None:
        self.inner.drawOn(self.canv, (self.width - self.inner_width) / 2, 0)
