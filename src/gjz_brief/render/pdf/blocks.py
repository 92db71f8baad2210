"""Document blocks → ReportLab flowables, with page-template switches and grid snapping."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from reportlab.platypus import Flowable, NextPageTemplate, PageBreak, Spacer

from gjz_brief.document import tree
from gjz_brief.render.pdf.bulletin import distribution, masthead
from gjz_brief.render.pdf.cover import cover_page
from gjz_brief.render.pdf.figures import figure
from gjz_brief.render.pdf.flowables import Anchored, Balanced, GridSnap
from gjz_brief.render.pdf.pagefit import block_label, mark_role, tag
from gjz_brief.render.pdf.pages import BODY, COVER, FRONT
from gjz_brief.render.pdf.state import BuildState
from gjz_brief.render.pdf.styles import Typesetter
from gjz_brief.render.pdf.tables import data_table, key_figures
from gjz_brief.render.pdf.tagging import StructNode
from gjz_brief.render.pdf.toc import toc_flowables

# Characters the renderer draws besides the document's text (labels, bullet, page numbers):
# font registration must cover them too (see RENDERER_TEXT in the package).
RENDERER_TEXT = "续表图\u3000•：—0123456789"
GAP_AFTER_OBJECT = 6.0  # points between a table/figure and the text after it

# The paragraph styles of the document tree → theme style names.
PARAGRAPH_STYLES = {
    "body": "body",
    "lead": "lead",
    "note": "note",
    "editor_note": "editor_note",
    "source": "source",
    "quote": "quote",
}
MUTED_PARAGRAPHS = {"note", "source"}


def heading_keys(blocks: Sequence[tree.Block]) -> list[tuple[str, tree.Heading]]:
    """Unique bookmark keys for the headings, from their anchors where they have one."""
    out: list[tuple[str, tree.Heading]] = []
    seen: set[str] = set()
    for index, block in enumerate(blocks):
        if not isinstance(block, tree.Heading):
            continue
        # Bookmark names go into the PDF as names: keep them to safe ASCII.
        key = re.sub(r"[^A-Za-z0-9_.-]", "_", block.anchor) if block.anchor else ""
        key = key or f"heading-{index}"
        while key in seen:
            key = f"{key}-{index}"
        seen.add(key)
        out.append((key, block))
    return out


def first_template(blocks: Sequence[tree.Block]) -> str:
    first = next((b for b in blocks if not isinstance(b, tree.PageBreak)), None)
    if isinstance(first, tree.Cover):
        return COVER
    if isinstance(first, tree.TableOfContents):
        return FRONT
    return BODY


@dataclass
class FlowBuilder:
    typesetter: Typesetter
    charts: tree.ChartSource
    state: BuildState
    frame_height: float
    flowables: list[Flowable] = field(default_factory=list)
    at_page_start: bool = True
    off_grid: bool = False  # the last thing added did not end on a grid line

    def build(self, blocks: Sequence[tree.Block]) -> list[Flowable]:
        keys = heading_keys(blocks)
        key_of = {id(heading): key for key, heading in keys}
        for index, block in enumerate(blocks):
            first = len(self.flowables)
            if isinstance(block, tree.Cover):
                self.cover(block, blocks[index + 1 :])
            elif isinstance(block, tree.TableOfContents):
                self.new_page(FRONT)
                self.add(toc_flowables(self.typesetter, block, keys, self.state))
                self.new_page(BODY, force=True)
            elif isinstance(block, tree.PageBreak):
                self.new_page()
            elif isinstance(block, tree.Heading):
                self.heading(block, key_of[id(block)])
            else:
                self.block(block)
            self.state.page_fit.labels[index] = block_label(block)
            for flowable in self.flowables[first:]:
                tag(flowable, index)
        if not self.flowables:
            self.flowables.append(Spacer(1, 1))  # ReportLab needs something to make a page
        return self.flowables

    # --- helpers ------------------------------------------------------------------------
    def grid_snap(self) -> Flowable:
        """What puts the text after a table or figure back on the line grid."""
        if not self.typesetter.theme.snap_to_grid:
            return Spacer(1, 0)
        return GridSnap(self.typesetter.line_pitch, self.frame_height)

    def add(self, flowables: Sequence[Flowable], *, on_grid: bool = True) -> None:
        if not flowables:
            return
        if on_grid and self.off_grid and self.typesetter.theme.snap_to_grid:
            self.flowables.append(GridSnap(self.typesetter.line_pitch, self.frame_height))
        self.flowables.extend(flowables)
        self.at_page_start = False
        self.off_grid = not on_grid

    def new_page(self, template: str | None = None, *, force: bool = False) -> None:
        if template is not None:
            self.flowables.append(NextPageTemplate(template))
        if force or not self.at_page_start:
            self.flowables.append(PageBreak())
        self.at_page_start = True
        self.off_grid = False

    def cover(self, block: tree.Cover, rest: Sequence[tree.Block]) -> None:
        self.new_page(COVER)
        self.flowables.append(cover_page(self.typesetter, block, self.state))
        after = next((b for b in rest if not isinstance(b, tree.PageBreak)), None)
        self.new_page(FRONT if isinstance(after, tree.TableOfContents) else BODY, force=True)

    def heading(self, block: tree.Heading, key: str) -> None:
        level = min(max(block.level, 1), 3)
        paragraph = self.typesetter.paragraph(
            f"heading{level}",
            self.typesetter.heading_text(f"heading{level}", block.full_text),
            colour=self.typesetter.colour("heading"),
            keep_with_next=True,
            struct=StructNode(self.state.heading_role(level)),
        )
        anchored = Anchored(
            paragraph, key=key, title=block.full_text, level=level - 1, state=self.state
        )
        anchored.keepWithNext = True
        self.add(
            [anchored],
            on_grid=self.typesetter.on_grid(self.typesetter.style(f"heading{level}").size_pt),
        )

    def paragraph(self, block: tree.Paragraph) -> None:
        style_name = PARAGRAPH_STYLES.get(block.style, "body")
        style = self.typesetter.style(style_name)
        colour = self.typesetter.colour("muted") if block.style in MUTED_PARAGRAPHS else None
        paragraph = self.typesetter.paragraph(style_name, block.text, colour=colour)
        mark_role(paragraph, "text")  # text of its section: may move up past a figure
        self.add([paragraph], on_grid=self.typesetter.on_grid(style.size_pt))

    def block(self, block: tree.Block) -> None:
        typesetter = self.typesetter
        if isinstance(block, tree.Paragraph):
            self.paragraph(block)
        elif isinstance(block, tree.Title):
            title = typesetter.paragraph(
                "title",
                typesetter.title_text("title", block.text, typesetter.text_width),
                keep_with_next=True,
                struct=StructNode(self.state.heading_role(1)),
            )
            parts: list[Flowable] = [
                Balanced(title, centred=typesetter.style("title").align == "center")
            ]
            if block.subtitle:
                muted = typesetter.colour("muted")
                parts.append(typesetter.paragraph("subtitle", block.subtitle, colour=muted))
            self.add(parts, on_grid=typesetter.on_grid(typesetter.style("title").size_pt))
        elif isinstance(block, tree.BulletList):
            # A list (L) of items (LI), each item's text its body (LBody).
            items = StructNode("L")
            # 公文 lists are numbered in the text itself, as in the DOCX: （1）（2）…
            entries = [
                typesetter.paragraph(
                    "bullet",
                    f"（{number}）{item}",
                    struct=StructNode("LBody", StructNode("LI", items)),
                )
                for number, item in enumerate(block.items, start=1)
            ]
            for entry in entries:
                mark_role(entry, "text")
            self.add(entries, on_grid=typesetter.on_grid(typesetter.style("bullet").size_pt))
        elif isinstance(block, tree.Masthead):
            self.add(masthead(typesetter, block, self.state), on_grid=False)
        elif isinstance(block, tree.Table):
            self.add([*data_table(typesetter, block), Spacer(1, GAP_AFTER_OBJECT)], on_grid=False)
        elif isinstance(block, tree.FigureBlock):
            flowables = figure(typesetter, block, self.charts, self.frame_height, self.state)
            self.add([*flowables, Spacer(1, GAP_AFTER_OBJECT)], on_grid=False)
        elif isinstance(block, tree.KeyFigures):
            self.add([*key_figures(typesetter, block), Spacer(1, GAP_AFTER_OBJECT)], on_grid=False)
        elif isinstance(block, tree.Distribution):
            self.add(distribution(typesetter, block), on_grid=False)
