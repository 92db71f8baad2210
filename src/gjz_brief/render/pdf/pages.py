"""Page templates: the GB/T 9704 text block, page numbers "— N —" and the running header.

Three templates share the same text block:
- ``cover``: no decorations;
- ``front`` (table of contents): no page number;
- ``body``: page numbers from 1 (odd right, even left, one character in from the text block
  edge, 7 mm below it) and the optional running header above the text block.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from hashlib import md5
from typing import Any, Literal

from reportlab.lib.utils import TimeStamp
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import ActionFlowable, BaseDocTemplate, Flowable, Frame, PageTemplate
from reportlab.platypus.doctemplate import NullActionFlowable
from reportlab.platypus.flowables import Spacer

from gjz_brief.document.tree import DocumentMeta
from gjz_brief.render.pdf.archive import PDF_VERSION
from gjz_brief.render.pdf.flowables import GridSnap, plain_text
from gjz_brief.render.pdf.pagefit import PageFit
from gjz_brief.render.pdf.state import BuildState, LateForm
from gjz_brief.render.pdf.styles import Typesetter
from gjz_brief.render.pdf.tagging import StructureTree, artifact
from gjz_brief.template.theme import MM
from gjz_brief.typeset.keep import KeepWithFirstLines, ProgressGuard, release_trailing_chain
from gjz_brief.typeset.reportlab_private import (
    fix_document_identity,
    forget_postponed,
    frame_at_top,
    frame_room,
    hanging_flowables,
    page_operators,
    pdf_document,
)

COVER, FRONT, BODY = "cover", "front", "body"

# The frame is a hair taller than 22 line pitches so rounding never pushes the 22nd line over.
_FRAME_SLACK = 0.05
# Header baseline this far above the text block, with a hairline between.
_HEADER_GAP_MM = 6.0
_HEADER_RULE_GAP_MM = 2.5
# The number's glyphs sit between the baseline and about this fraction of the size above it.
_DIGIT_HEIGHT = 0.72
CHINA_UTC_OFFSET_HOURS = 8


class FloatFlush(NullActionFlowable):
    """Marks the end of the text that may move up past a waiting figure: the figures still
    waiting are placed here (the end of their section), whatever room is left."""


class BriefDocTemplate(BaseDocTemplate):
    """A doc template that shows the outline on open when there is one, keeps headings with
    the start of what follows them (KeepWithFirstLines) and lets figures float.

    Figures float within their section: a figure (``floats``) that does not fit in the room
    left on a page waits for the next page while the text of its section after it (body
    paragraphs and list items, ``layout_role`` text) fills the page; it is then placed at the
    top of the next page, and that text goes on under it. A figure never passes a heading, a
    table or anything else that is not such text: reaching one, the waiting figures are set
    there (the section ends, so the page may stay part empty). Figures keep their order.
    ``grid_snap`` makes the flowable that puts the text after a figure back on the line grid.
    """

    def __init__(
        self,
        target: Any,
        *,
        show_outline: bool,
        page_fit: PageFit | None = None,
        grid_snap: Callable[[], Flowable] | None = None,
        **kwargs: Any,
    ) -> None:
        self.show_outline = show_outline
        self.page_fit = page_fit
        self.grid_snap = grid_snap
        self.waiting: list[list[Flowable]] = []  # floated figures (with their gap), in order
        # A heading (keepWithNext) goes to the next page only if the first lines of the
        # paragraph after it cannot follow it here, not the whole paragraph.
        kwargs.setdefault("keepTogetherClass", KeepWithFirstLines)
        self.progress = ProgressGuard()  # no input makes the layout loop (LayoutStalled)
        super().__init__(target, **kwargs)

    def filterFlowables(self, flowables: list[Any]) -> None:  # noqa: N802 - ReportLab API
        if self.page_fit is not None and flowables:
            self.page_fit.before_flowable(flowables[0])

    def handle_flowable(self, flowables: list[Any]) -> None:
        self.progress.step()
        if (
            flowables is not hanging_flowables(self) and flowables
        ):  # not ReportLab's page-begin list
            self._float_figures(flowables)
        super().handle_flowable(flowables)

    # --- figures floating within their section -------------------------------------------
    def _float_figures(self, flowables: list[Any]) -> None:
        while flowables:
            head = flowables[0]
            if self.waiting:
                if getattr(head, "floats", False):
                    self._wait(flowables)  # a later figure never passes a waiting one
                    continue
                if frame_at_top(self.frame) or not _moves_up(head):
                    # A new page, or the end of the section: the waiting figures go here.
                    # What was put off to this page now comes after them: it may be put
                    # off again.
                    forget_postponed(head)
                    flowables[0:0] = [piece for unit in self.waiting for piece in unit]
                    self.waiting.clear()
                return
            if not self._should_float(flowables):
                return
            self._wait(flowables)

    def _should_float(self, flowables: list[Any]) -> bool:
        """Is the head a figure that does not fit here while text of its section follows?
        Then the end of that text is marked (FloatFlush) and the figure may wait."""
        head = flowables[0]
        if not getattr(head, "floats", False) or getattr(head, "floated", False):
            return False
        if frame_at_top(self.frame):
            return False
        width, room = frame_room(self.frame)
        room -= head.getSpaceBefore()
        _, height = head.wrap(width, room)
        if height <= room + 1e-6:
            return False  # it fits (perhaps a little smaller: FittedFigure)
        end = 1
        while end < len(flowables) and (
            _moves_up(flowables[end]) or getattr(flowables[end], "floats", False)
        ):
            end += 1
        if not any(_is_text(flowable) for flowable in flowables[1:end]):
            return False  # no text of its section after it: it moves on, the section ends
        flowables.insert(end, FloatFlush())
        return True

    def _wait(self, flowables: list[Any]) -> None:
        """Take the figure at the head of ``flowables`` (and the gap after it) out of the
        flow until the next page or the end of its section."""
        figure = flowables.pop(0)
        figure.floated = True
        unit = [figure]
        if flowables and type(flowables[0]) is Spacer:  # the gap after a figure (blocks.py)
            unit.append(flowables.pop(0))
        if self.grid_snap is not None:
            unit.append(self.grid_snap())  # the text under it back on the grid
        self.waiting.append(unit)

    def handle_keepWithNext(self, flowables: list[Any]) -> None:  # noqa: N802 - ReportLab API
        release_trailing_chain(flowables)
        super().handle_keepWithNext(flowables)

    def handle_pageBegin(self) -> None:  # noqa: N802 - ReportLab API
        super().handle_pageBegin()
        self.progress.page(self.page)

    def afterFlowable(self, flowable: Any) -> None:  # noqa: N802 - ReportLab API
        if not isinstance(flowable, ActionFlowable):
            self.progress.placed()
        if self.page_fit is not None:
            self.page_fit.after_flowable(self, flowable)

    def _fIdent(self, f: Any, maxLen: Any = None, frame: Any = None) -> str:  # noqa: N802, N803
        """ReportLab's description of a flowable for its LayoutError: short, and never an
        error of its own (it would quote a whole paragraph, or fail on our flowables)."""
        try:
            text = plain_text(f)
        except Exception:  # noqa: BLE001 - any flowable; its text is only for the message
            text = ""
        text = " ".join(text.split())
        shown = text if len(text) <= 16 else text[:16] + "…"
        self.progress.culprit = f"“{shown}”" if shown else ""
        return type(f).__name__

    def handle_documentBegin(self) -> None:  # noqa: N802 - ReportLab API
        super().handle_documentBegin()
        if self.show_outline:
            self.canv.showOutline()


def _is_text(flowable: Any) -> bool:
    return getattr(flowable, "layout_role", None) == "text"


def _moves_up(flowable: Any) -> bool:
    """Text of a section (and the spacing around it) that may be set before a figure."""
    if _is_text(flowable):
        return not flowable.getKeepWithNext()
    return type(flowable) is Spacer or isinstance(flowable, GridSnap)


class LateFormCanvas(Canvas):
    """A canvas that defines the build's late forms (``BuildState.late_forms``) when saved,
    then finishes the file as tagged PDF/A-2u (``finish``, see renderer.py).

    A page may use a form (``doForm``) that is defined later, so what is only known at the
    end — the page a heading landed on — is drawn once everything is laid out, and the
    document is laid out once instead of once per contents pass.
    """

    late_forms: dict[str, LateForm]
    structure: StructureTree  # the tagged PDF's structure, filled while pages are drawn
    finish: Callable[[Canvas], None] | None = None

    def save(self) -> None:
        self.structure.sealed = True  # forms hold no marked content of their own
        for name, define in self.late_forms.items():
            define(self, name)
        if page_operators(self):
            self.showPage()
        if self.finish is not None:
            self.finish(self)
        super().save()


def dated_canvas_maker(
    meta: DocumentMeta,
    state: BuildState,
    identity: bytes = b"",
    finish: Callable[[Canvas], None] | None = None,
) -> Callable[..., Canvas]:
    """A canvas factory whose CreationDate/ModDate is meta.date and whose file ID is fixed.

    With ``invariant=1`` ReportLab writes 2000-01-01 (or SOURCE_DATE_EPOCH) and seeds the ID
    from that time; here both come from the document date and ``identity`` (a digest of
    the document's content), so output stays repeatable and differs between documents.
    """

    def make(*args: Any, **kwargs: Any) -> Canvas:
        kwargs["pdfVersion"] = PDF_VERSION
        canvas = LateFormCanvas(*args, **kwargs)
        canvas.late_forms = state.late_forms
        canvas.structure = state.structure
        canvas.finish = finish
        stamp = TimeStamp(invariant=1)
        stamp.YMDhms = (meta.date.year, meta.date.month, meta.date.day, 0, 0, 0)
        stamp.dhh, stamp.dmm = CHINA_UTC_OFFSET_HOURS, 0
        midnight = dt.datetime(
            meta.date.year,
            meta.date.month,
            meta.date.day,
            tzinfo=dt.timezone(dt.timedelta(hours=CHINA_UTC_OFFSET_HOURS)),
        )
        stamp.t = midnight.timestamp()
        signature = md5(usedforsecurity=False)
        signature.update(b"gjz-brief " + meta.date.isoformat().encode("ascii") + identity)
        fix_document_identity(pdf_document(canvas), stamp, signature)
        return canvas

    return make


class PageDecorator:
    """Draws page numbers and the running header at the end of each page."""

    def __init__(self, typesetter: Typesetter, state: BuildState, header: str) -> None:
        self.typesetter = typesetter
        self.state = state
        self.header = header
        geometry = typesetter.theme.geometry
        self.left = geometry.left_mm * MM
        self.right = self.left + geometry.text_width_mm * MM
        self.bottom = geometry.bottom_mm * MM
        self.top = self.bottom + geometry.text_height_mm * MM
        self.number_gap = geometry.page_number_gap_mm * MM
        self.outside = geometry.page_number_outside

    def begin_body_page(self, canvas: Canvas, _document: BaseDocTemplate) -> None:
        if self.state.body_start_page is None:
            self.state.body_start_page = canvas.getPageNumber()

    def end_body_page(self, canvas: Canvas, _document: BaseDocTemplate) -> None:
        page = canvas.getPageNumber()
        label = self.state.page_label(page)
        if label is not None:
            self.draw_page_number(canvas, label)
        if self.header and page not in self.state.pages_without_header:
            self.draw_header(canvas)

    def draw_page_number(self, canvas: Canvas, number: int) -> None:
        typesetter = self.typesetter
        style = typesetter.theme.styles.page_number
        size = style.size_pt
        text = f"— {number} —"
        baseline = self.bottom - self.number_gap - size * _DIGIT_HEIGHT
        one_char = size  # "one character in from the edge", in the number's own size
        anchor: Literal["left", "center", "right"]
        if not self.outside:
            x, anchor = (self.left + self.right) / 2, "center"
        elif number % 2:
            x, anchor = self.right - one_char, "right"
        else:
            x, anchor = self.left + one_char, "left"
        canvas.saveState()
        with artifact(canvas, "Pagination", "Footer"):
            typesetter.draw_text(
                canvas,
                x,
                baseline,
                text,
                role=style.font,
                size=size,
                anchor=anchor,
                bold=style.bold,
            )
        canvas.restoreState()

    def draw_header(self, canvas: Canvas) -> None:
        typesetter = self.typesetter
        style = typesetter.theme.styles.header
        header = typesetter.line(
            style,
            self.header,
            leading=round(style.size_pt * 1.2, 3),
            colour=typesetter.colour("muted"),
        )
        width = self.right - self.left
        header.wrap(width, self.top)
        # The paragraph's last line sits on the header baseline; longer headers grow upwards.
        baseline_offset = getattr(header, "baseline_offset", style.size_pt)
        leading = round(style.size_pt * 1.2, 3)
        bottom = self.top + _HEADER_GAP_MM * MM - (leading - baseline_offset)
        canvas.saveState()
        with artifact(canvas, "Pagination", "Header"):
            header.drawOn(canvas, self.left, bottom)
            canvas.setStrokeColor(typesetter.colour("muted"))
            canvas.setLineWidth(0.4)
            rule_y = self.top + _HEADER_RULE_GAP_MM * MM
            canvas.line(self.left, rule_y, self.right, rule_y)
        canvas.restoreState()


def page_templates(
    typesetter: Typesetter, state: BuildState, header: str, first: str
) -> list[PageTemplate]:
    """The cover, front and body templates, ``first`` first (it is used for page 1)."""
    geometry = typesetter.theme.geometry
    decorator = PageDecorator(typesetter, state, header)

    def frame(template_id: str) -> Frame:
        return Frame(
            geometry.left_mm * MM,
            geometry.bottom_mm * MM - _FRAME_SLACK,
            geometry.text_width_mm * MM,
            geometry.text_height_mm * MM + _FRAME_SLACK,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id=f"{template_id}-text",
            showBoundary=0,
        )

    def front_page(kind: str) -> Callable[[Canvas, BaseDocTemplate], None]:
        def record(canvas: Canvas, _document: BaseDocTemplate) -> None:
            state.front_pages[canvas.getPageNumber()] = kind

        return record

    templates = {
        COVER: PageTemplate(id=COVER, frames=[frame(COVER)], onPage=front_page(COVER)),
        FRONT: PageTemplate(id=FRONT, frames=[frame(FRONT)], onPage=front_page(FRONT)),
        BODY: PageTemplate(
            id=BODY,
            frames=[frame(BODY)],
            onPage=decorator.begin_body_page,
            onPageEnd=decorator.end_body_page,
        ),
    }
    return [templates[first], *(t for name, t in templates.items() if name != first)]


def frame_height(typesetter: Typesetter) -> float:
    return typesetter.text_height + _FRAME_SLACK
