"""Tags for ReportLab tables, through the ``renderCB`` hook ReportLab calls while it draws a
table (startTable, startBG/endBG, startRow, startCell/endCell, startLines/endLines, …).

A data table becomes Table → TR → TH/TD (the header row's cells TH with /Scope /Column,
ISO 32000-1 §14.8.5.7); a table split over pages stays one Table element, and its header
row repeated on the next pages is an artifact, not a second header. Backgrounds and rules
are artifacts. A layout table (key figure tiles, the 简报 masthead and 报尾) is no table
to a reader: its cells' paragraphs are tagged as themselves and only its grid is hidden.
"""

from __future__ import annotations

import contextlib
from typing import Any, cast

from reportlab.platypus.tables import TableRenderCB

from gjz_brief.render.pdf.tagging import StructNode, structure_of

HEADER_SCOPE = {"O": "Table", "Scope": "Column"}


class TableTags:
    """A ``renderCB`` for a data table with ``header_rows`` header rows (repeated on each
    page it continues on)."""

    def __init__(self, table: StructNode, header_rows: int = 1) -> None:
        self.table = table
        self.header_rows = header_rows
        self.parts_drawn = 0
        self.row: StructNode | None = None
        self.row_is_header = False
        self._open: list[contextlib.AbstractContextManager[Any]] = []

    def _enter(self, manager: contextlib.AbstractContextManager[Any]) -> None:
        manager.__enter__()
        self._open.append(manager)

    def _exit(self) -> None:
        if self._open:
            self._open.pop().__exit__(None, None, None)

    def __call__(self, table: Any, event: str, *args: Any) -> None:
        canvas = table.canv
        tree = structure_of(canvas)
        if tree is None:
            return
        if event == "startTable":
            self.parts_drawn += 1
        elif event in ("startBG", "startLines"):
            self._enter(tree.artifact(canvas, "Layout"))
        elif event in ("endBG", "endLines", "endCell"):
            self._exit()
        elif event == "startRow":
            row_number = args[0]
            header = row_number < self.header_rows
            repeated = header and self.parts_drawn > 1
            self.row = None if repeated else StructNode("TR", self.table)
            self.row_is_header = header
        elif event == "startCell":
            if self.row is None:  # a header repeated on a later page
                self._enter(tree.artifact(canvas, "Pagination"))
            elif self.row_is_header:
                self._enter(tree.content(canvas, StructNode("TH", self.row, None, HEADER_SCOPE)))
            else:
                self._enter(tree.content(canvas, StructNode("TD", self.row)))


class LayoutTags:
    """A ``renderCB`` for a layout table: grid and backgrounds are artifacts; cells holding
    flowables tag themselves, cells holding plain strings (padding) are artifacts."""

    def __init__(self) -> None:
        self._open: list[contextlib.AbstractContextManager[Any] | None] = []

    def __call__(self, table: Any, event: str, *args: Any) -> None:
        canvas = table.canv
        tree = structure_of(canvas)
        if tree is None:
            return
        if event in ("startBG", "startLines", "startCell"):
            plain_cell = event == "startCell" and isinstance(args[2], str)
            manager: contextlib.AbstractContextManager[Any] | None = (
                tree.artifact(canvas, "Layout") if event != "startCell" or plain_cell else None
            )
            if manager is not None:
                manager.__enter__()
            self._open.append(manager)
        elif event in ("endBG", "endLines", "endCell") and self._open:
            opened = self._open.pop()
            if opened is not None:
                opened.__exit__(None, None, None)


def render_callback(tags: TableTags | LayoutTags) -> TableRenderCB:
    """``tags`` as Table's ``renderCB``. ReportLab only calls it (``renderCB(table, event,
    *args)``), which both do; its stubs ask for a subclass of TableRenderCB, whose abstract
    per-event methods these need not have."""
    return cast(TableRenderCB, tags)
