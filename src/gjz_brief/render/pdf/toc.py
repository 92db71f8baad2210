"""The table of contents: entries for heading levels 1–2 with dot leaders and page numbers.

The page numbers are not known while the TOC is laid out, so each entry's leader and number
are a form XObject drawn in place and defined when the PDF is saved (``BuildState.late_forms``),
from the pages the headings landed on. The number column has a fixed width, so the TOC's
own length never depends on the numbers and the document is laid out once.

Each entry is a link to its heading (a /Link annotation over the whole entry) and, in the
structure tree, TOC → TOCI → Reference → Link holding the entry's text and the annotation.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.pdfbase.pdfdoc import LinkAnnotation
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Spacer

from gjz_brief.document import tree
from gjz_brief.render.pdf.state import BuildState
from gjz_brief.render.pdf.styles import Typesetter
from gjz_brief.render.pdf.tagging import StructNode, content, structure_of
from gjz_brief.typeset.reportlab_private import absolute_rect, add_annotation, bookmark_reference

NUMBER_COLUMN_CHARS = 3.0  # room for "999"
LEADER_MIN = 24.0  # points of dots at least
LEADER_GAP = 4.0
LEADER_DOT_SPACING = 4.0
LEADER_RISE = 1.0  # dots a little above the baseline


class TaggedLink(LinkAnnotation):
    """A link annotation that may carry /StructParent (ReportLab's permits no such key)."""

    permitted = (*LinkAnnotation.permitted, "StructParent")


class TocEntry(Flowable):
    """One TOC line: title (may wrap), dot leader, right-aligned page number.

    ``key`` is the heading's bookmark key; its page is looked up in ``state.heading_pages``
    when the PDF is saved. No page (the heading was never placed) leaves the number empty.
    """

    def __init__(
        self,
        typesetter: Typesetter,
        *,
        text: str,
        key: str,
        state: BuildState,
        role: str,
        indent: float,
        toc: StructNode | None = None,
    ) -> None:
        super().__init__()
        self.typesetter = typesetter
        self.text = text
        self.key = key
        self.state = state
        self.role = role
        self.indent = indent
        self.size = typesetter.style("body").size_pt
        self.leading = typesetter.leading_for(self.size)
        self.number_width = NUMBER_COLUMN_CHARS * self.size * 0.6 + LEADER_GAP
        self.title = typesetter.paragraph(
            "body",
            text,
            role=role,
            align="left",
            first_line_indent=0,
            space_before=0,
            space_after=0,
        )
        self.title_width = 0.0
        # TOCI holds a Reference (ISO 32000-1 Table 333 lists Lbl, Reference, NonStruct, P
        # and TOC as its kids), which holds the Link with the entry's text and annotation.
        self.item = StructNode("TOCI", toc)
        self.link = StructNode("Link", StructNode("Reference", self.item))

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = availWidth
        self.title_width = availWidth - self.indent - self.number_width - LEADER_MIN
        _, self.height = self.title.wrap(self.title_width, availHeight)
        return availWidth, self.height

    def getPlainText(self) -> str:  # noqa: N802 - ReportLab API
        return f"{self.text} {self.number}"

    @property
    def number(self) -> str:
        page = self.state.heading_pages.get(self.key)
        return "" if page is None else str(page)

    def _last_line_width(self) -> float:
        """Where the title's last line ends (CJKParagraph tells; otherwise estimated)."""
        lines_at = getattr(self.title, "lines", None)
        if callable(lines_at):
            last = lines_at(self.title_width)[-1]
            return min(self.title_width, last.indent + sum(last.widths))
        lines = max(1, round(self.height / self.leading))
        text_width = self.typesetter.measure(self.role, self.text, self.size)
        return min(self.title_width, max(0.0, text_width - (lines - 1) * self.title_width))

    def draw(self) -> None:
        canvas = self.canv
        name = f"TocPage{len(self.state.late_forms)}"
        with content(canvas, self.link):
            self.title.drawOn(canvas, self.indent, 0)
            # The title's last line is measured now: the form is drawn after the layout is gone.
            start = self.indent + self._last_line_width() + LEADER_GAP
            self.state.late_forms[name] = lambda form_canvas, form_name: self.define_number(
                form_canvas, form_name, start
            )
            canvas.doForm(name)
        self.add_link(canvas, name)

    def add_link(self, canvas: Canvas, name: str) -> None:
        """A link annotation over the entry to the heading's bookmark: printable, no border,
        described by the entry's text (ISO 19005-2 §6.3.2, ISO 14289-1 §7.18.5)."""
        tree = structure_of(canvas)
        parent = {} if tree is None else {"StructParent": tree.annotation(canvas, self.link, name)}
        link = TaggedLink(
            absolute_rect(canvas, (self.indent, 0, self.width, self.height)),
            self.text,
            bookmark_reference(canvas, self.key),
            Border="[0 0 0]",
            F=4,  # Print
            **parent,
        )
        add_annotation(canvas, link, name)

    def define_number(self, canvas: Canvas, name: str, start: float) -> None:
        canvas.beginForm(name, 0, 0, self.width, self.height)
        self.draw_number(canvas, start)
        canvas.endForm()

    def draw_number(self, canvas: Canvas, start: float) -> None:
        """Leader and page number, in the entry's own coordinates (drawn into its form)."""
        number = self.number
        if not number:
            return
        paragraph = self.typesetter.paragraph(
            "body",
            number,
            role="body",
            align="right",
            char_grid=False,
            first_line_indent=0,
            space_before=0,
            space_after=0,
        )
        paragraph.wrap(self.number_width, self.height)
        paragraph.drawOn(canvas, self.width - self.number_width, 0)
        number_text_width = self.typesetter.measure("body", number, self.size)
        end = self.width - number_text_width - LEADER_GAP
        if end - start < LEADER_DOT_SPACING:
            return
        baseline_offset = getattr(self.title, "baseline_offset", None)
        if baseline_offset is None:  # a paragraph class without it: centre the em box
            baseline_offset = (self.leading + self.size) / 2 - 0.12 * self.size
        baseline = self.leading - baseline_offset + LEADER_RISE
        canvas.saveState()
        canvas.setStrokeColor(self.typesetter.colour("text"))
        canvas.setLineWidth(1.2)
        canvas.setLineCap(1)  # round caps turn zero-length dashes into dots
        canvas.setDash([0, LEADER_DOT_SPACING])
        canvas.line(start, baseline, end, baseline)
        canvas.restoreState()


def toc_flowables(
    typesetter: Typesetter,
    block: tree.TableOfContents,
    headings: Sequence[tuple[str, tree.Heading]],
    state: BuildState,
) -> list[Flowable]:
    """``headings`` are (bookmark key, heading) pairs; their pages end up in ``state``."""
    # The contents start a page, where platypus drops space before: a spacer instead.
    before = typesetter.space(typesetter.style("toc_title"), "before")
    out: list[Flowable] = [Spacer(1, before)] if before else []
    out.append(
        typesetter.paragraph(
            "toc_title", block.title, space_before=0, struct=StructNode(state.heading_role(1))
        )
    )
    toc = StructNode("TOC")
    indent_unit = typesetter.char_pitch
    for key, heading in headings:
        if heading.level > block.levels:
            continue
        out.append(
            TocEntry(
                typesetter,
                text=heading.full_text,
                key=key,
                state=state,
                role="heading" if heading.level == 1 else "body",
                indent=indent_unit * 2 * (heading.level - 1),
                toc=toc,
            )
        )
    return out
