"""Which document block landed on which page, and how full each page is.

A template may limit its page count (``layout.max_pages``: the 一页纸 must fit on one page).
Rather than letting content spill onto an extra page, the renderer records where each block
of the document tree was placed, so the caller can say *what* overflowed and by how much.

Each flowable made for a block carries the block's index (``tag``). ReportLab hands the doc
template the next flowable to place (``filterFlowables``) before it may split it or group it
with the next one (keep-with-next), and reports each placed piece afterwards
(``afterFlowable``): the first tells which block is being placed, the second on which page
it landed and how far down the frame the text now reaches. No marker flowables are added,
so the layout itself is not changed by the recording.

The same record keeps every placed piece in order (``placements``): its page, its place in
the frame and its role (``layout_role``: text, heading, caption, label, table, figure,
title, space), which is what a proofreader's rules are checked on (widows, stranded headings,
figures leaving blank space; issue #19).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reportlab.platypus import ActionFlowable, Flowable, Spacer

from gjz_brief.document import tree
from gjz_brief.template.theme import MM
from gjz_brief.typeset.reportlab_private import wrapped_height

_LABEL_CHARS = 16  # characters of a block's text quoted in messages
_BLOCK_ATTRIBUTE = "_gjz_block_index"


def tag(flowable: Flowable, index: int) -> None:
    """Mark a flowable as (part of) the document block ``index``."""
    setattr(flowable, _BLOCK_ATTRIBUTE, index)


@dataclass(frozen=True)
class Placed:
    """One piece drawn in the text frame: ``top`` and ``bottom`` of its drawing in points
    below the frame's top; ``flowable`` is the piece itself (a paragraph part
    knows its lines, ``_starts_paragraph`` and ``_ends_paragraph``)."""

    page: int
    block: int | None
    role: str
    top: float
    bottom: float
    flowable: Flowable


def mark_role(flowable: Flowable, role: str) -> None:
    """Give a flowable of a general class (a paragraph) its ``layout_role``; a class of its
    own (figure, table, label) says it as a class attribute."""
    flowable.__dict__["layout_role"] = role


def layout_role(flowable: Flowable) -> str:
    """What a placed piece is to a proofreader (see the module docstring); "other" for the
    rest (key-figure tiles, masthead, distribution, spacers)."""
    return str(getattr(flowable, "layout_role", "other"))


@dataclass
class PageFit:
    """Filled in during one ReportLab build."""

    labels: dict[int, str] = field(default_factory=dict)  # block index → description
    block_pages: dict[int, list[int]] = field(default_factory=dict)  # block → pages it is on
    used_height: dict[int, float] = field(default_factory=dict)  # page → points used
    frame_height: float = 0.0
    page_count: int = 0
    current_block: int | None = None
    placements: list[Placed] = field(default_factory=list)  # every piece drawn, in order

    def before_flowable(self, flowable: Flowable) -> None:
        index = getattr(flowable, _BLOCK_ATTRIBUTE, None)
        if index is not None:
            self.current_block = index

    def after_flowable(self, doc_template: Any, flowable: Flowable) -> None:
        page = doc_template.page
        self.page_count = max(self.page_count, page)
        if isinstance(flowable, (ActionFlowable, Spacer)) or self.current_block is None:
            return
        frame = doc_template.frame
        used = frame._y2 - frame._y  # noqa: SLF001 - ReportLab keeps the frame cursor private
        self.frame_height = frame._y2 - frame._y1  # noqa: SLF001
        if used <= 0:
            return  # took no room (a zero-size marker at the top of a page)
        height = wrapped_height(flowable)
        self.placements.append(
            Placed(page, self.current_block, layout_role(flowable), used - height, used, flowable)
        )
        self.used_height[page] = max(self.used_height.get(page, 0.0), used)
        pages = self.block_pages.setdefault(self.current_block, [])
        if page not in pages:
            pages.append(page)

    def overflow_message(self, max_pages: int) -> str | None:
        """None when the document fits in ``max_pages``; otherwise what overflowed."""
        if self.page_count <= max_pages:
            return None
        spilled = [
            index
            for index, pages in sorted(self.block_pages.items())
            if any(page > max_pages for page in pages)
        ]
        needed = sum(self.used_height.values())
        excess_mm = max(0.0, needed - max_pages * self.frame_height) / MM
        pages_word = "page" if max_pages == 1 else "pages"
        text = (
            f"the template allows {max_pages} {pages_word} but the content needs "
            f"{self.page_count}; it is about {excess_mm:.0f} mm too tall"
        )
        if spilled:
            first = spilled[0]
            starts_before = min(self.block_pages[first]) <= max_pages
            where = "runs over onto" if starts_before else "starts on"
            text += f": {self.labels.get(first, f'block {first}')} {where} page {max_pages + 1}"
            rest = [self.labels.get(i, f"block {i}") for i in spilled[1:]]
            if rest:
                shown = ", ".join(rest[:4]) + (", …" if len(rest) > 4 else "")
                text += f" (then {shown})"
        return text


def block_label(block: tree.Block) -> str:
    """A short description of a block for messages: its kind and the start of its text."""
    if isinstance(block, tree.Heading):
        return f"heading “{_clip(block.full_text)}”"
    if isinstance(block, tree.Title):
        return f"title “{_clip(block.text)}”"
    if isinstance(block, tree.Paragraph):
        return f"paragraph “{_clip(block.text)}”"
    if isinstance(block, tree.FigureBlock):
        return f"figure 图{block.number} “{_clip(block.caption)}”"
    if isinstance(block, tree.Table):
        return f"table 表{block.number} “{_clip(block.caption)}”"
    if isinstance(block, tree.KeyFigures):
        return f"key figures ({len(block.tiles)} tiles)"
    if isinstance(block, tree.BulletList):
        first = block.items[0] if block.items else ""
        return f"list of {len(block.items)} “（1）{_clip(first)}”"
    if isinstance(block, tree.Masthead):
        return f"masthead “{_clip(block.bulletin_name)}”"
    if isinstance(block, tree.Distribution):
        return "distribution block (报/送/发)"
    if isinstance(block, tree.Cover):
        return "cover"
    if isinstance(block, tree.TableOfContents):
        return "table of contents"
    return type(block).__name__


def _clip(text: str) -> str:
    return text if len(text) <= _LABEL_CHARS else text[:_LABEL_CHARS] + "…"
