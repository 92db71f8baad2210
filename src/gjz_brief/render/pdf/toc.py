"""The table of contents: entries for heading levels 1–2 with dot leaders and page numbers.

Page numbers come from the previous build pass (see renderer.render_pdf); the number column
has a fixed width so the TOC's own length never depends on the numbers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from reportlab.platypus import Flowable

from gjz_brief.document import tree
from gjz_brief.render.pdf.styles import Typesetter

NUMBER_COLUMN_CHARS = 3.0  # room for "999"
LEADER_MIN = 24.0  # points of dots at least
LEADER_GAP = 4.0
LEADER_DOT_SPACING = 4.0
LEADER_RISE = 1.0  # dots a little above the baseline


class TocEntry(Flowable):
    """One TOC line: title (may wrap), dot leader, right-aligned page number."""

    def __init__(
        self,
        typesetter: Typesetter,
        *,
        text: str,
        number: str,
        role: str,
        indent: float,
    ) -> None:
        super().__init__()
        self.typesetter = typesetter
        self.text = text
        self.number = number
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
        self.number_paragraph = (
            typesetter.paragraph(
                "body",
                number,
                role="body",
                align="right",
                char_grid=False,
                first_line_indent=0,
                space_before=0,
                space_after=0,
            )
            if number
            else None
        )
        self.title_width = 0.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = availWidth
        self.title_width = availWidth - self.indent - self.number_width - LEADER_MIN
        _, self.height = self.title.wrap(self.title_width, availHeight)
        if self.number_paragraph is not None:
            self.number_paragraph.wrap(self.number_width, availHeight)
        return availWidth, self.height

    def getPlainText(self) -> str:  # noqa: N802 - ReportLab API
        return f"{self.text} {self.number}"

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
        self.title.drawOn(canvas, self.indent, 0)
        if self.number_paragraph is not None:
            self.number_paragraph.drawOn(canvas, self.width - self.number_width, 0)
        start = self.indent + self._last_line_width() + LEADER_GAP
        number_text_width = self.typesetter.measure("body", self.number, self.size)
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
    pages: Mapping[str, int],
) -> list[Flowable]:
    """``headings`` are (bookmark key, heading) pairs; ``pages`` maps keys to page numbers."""
    out: list[Flowable] = [
        typesetter.paragraph(
            "toc_title",
            block.title,
            align="center",
            first_line_indent=0,
            space_before=0,
            space_after=typesetter.line_pitch,
        )
    ]
    indent_unit = typesetter.char_pitch
    for key, heading in headings:
        if heading.level > block.levels:
            continue
        page = pages.get(key)
        out.append(
            TocEntry(
                typesetter,
                text=heading.full_text,
                number="" if page is None else str(page),
                role="heading" if heading.level == 1 else "body",
                indent=indent_unit * 2 * (heading.level - 1),
            )
        )
    return out
