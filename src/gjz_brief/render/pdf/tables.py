"""Data tables (表N, caption above) and key-figure tiles, as ReportLab Tables of CJKParagraphs."""

from __future__ import annotations

import math
from collections.abc import Callable

from reportlab.platypus import Flowable, Table, TableStyle

from gjz_brief.document import tree
from gjz_brief.document.columns import column_widths
from gjz_brief.errors import Location, OversizedContentError
from gjz_brief.render.pdf.flowables import Pagination
from gjz_brief.render.pdf.pagefit import mark_role
from gjz_brief.render.pdf.styles import Typesetter
from gjz_brief.render.pdf.table_tags import LayoutTags, TableTags, render_callback
from gjz_brief.render.pdf.tagging import StructNode
from gjz_brief.typeset.reportlab_private import table_cell_values, table_row_heights

IDEOGRAPHIC_SPACE = "\u3000"
CELL_PADDING_X = 4.0
CELL_PADDING_Y = 3.0
RULE_WIDTH = 0.5
CAPTION_GAP = 4.0
VALUE_GAP = 2.0  # between a key figure's value and its label
TILE_PADDING = 8.0
MIN_TEXT_COLUMN_CHARS = 3  # a text column never gets narrower than this many characters
MIN_ROWS_WITH_CAPTION = 2  # body rows that must follow the caption on its page


class DataTable(Table):
    """A Table that never carries a lone row (fewer than MIN_ROWS_WITH_CAPTION body rows)
    over to the next page, and whose continuation on the next page is labelled 续表N above
    its repeated header row (``continued``, a factory of that label)."""

    continued: Callable[[], Flowable] | None = None
    layout_role = "table"

    def height_free_to_follow(self, width: float) -> float:
        """What may go on to the next page when the table starts here: the rows after its
        header and first MIN_ROWS_WITH_CAPTION rows (typeset.keep; a caption or heading
        before it keeps them on its page)."""
        self.wrap(width, 0x7FFFFFFF)
        header_rows = self.repeatRows if isinstance(self.repeatRows, int) else 0
        return sum(table_row_heights(self)[header_rows + MIN_ROWS_WITH_CAPTION :])

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        parts = self._split_rows(availWidth, availHeight)
        if len(parts) == 2 and self.continued is not None:
            tail = parts[1]
            if isinstance(tail, DataTable):  # Table.split makes parts of its own class
                tail.continued = self.continued  # labelled again if it splits again
            return [parts[0], self.continued(), tail]
        return parts

    def _split_rows(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        parts = super().split(availWidth, availHeight)
        if len(parts) != 2:
            return parts
        header_rows = self.repeatRows if isinstance(self.repeatRows, int) else 0
        head_total = len(table_cell_values(parts[0]))
        tail_body = len(table_cell_values(parts[1])) - header_rows
        missing = MIN_ROWS_WITH_CAPTION - tail_body
        if missing <= 0 or head_total - header_rows - missing < MIN_ROWS_WITH_CAPTION:
            return parts
        moved = sum(table_row_heights(self)[head_total - missing : head_total])
        return super().split(availWidth, availHeight - moved - 0.01) or parts


def caption_paragraph(
    typesetter: Typesetter,
    label: str,
    caption: str,
    struct: StructNode | None = None,
    *,
    keep_with_next: bool = False,
) -> Flowable:
    """ "表1　caption" / "图1　caption" in the caption style, tagged as a Caption."""
    text = f"{label}{IDEOGRAPHIC_SPACE}{caption}" if caption and label else caption or label
    style = typesetter.style("caption")
    paragraph = typesetter.paragraph(
        "caption",
        text,
        space_after=CAPTION_GAP + style.space_after_lines * typesetter.line_pitch,
        keep_with_next=keep_with_next,
        struct=struct or StructNode("Caption"),
    )
    mark_role(paragraph, "caption")
    return paragraph


def continued_label(typesetter: Typesetter, block: tree.Table) -> Flowable:
    """续表N: set where the caption stands, over the repeated header of a table continued
    on the next page (a pagination artifact to a reader, as the repeated header is), and
    kept with the rows that follow it."""
    style = typesetter.style("caption")
    label = typesetter.paragraph(
        "caption",
        # an unnumbered table (本期变化, number 0) continues as 续表 with no number
        f"续表{block.number}" if block.number else "续表",
        space_after=CAPTION_GAP + style.space_after_lines * typesetter.line_pitch,
        keep_with_next=True,
    )
    return Pagination(label)


def data_table(typesetter: Typesetter, block: tree.Table) -> list[Flowable]:
    style = typesetter.style("table")
    space = typesetter.space
    size = style.size_pt
    column_count = len(block.columns)
    numeric = set(block.numeric_columns)
    rows = [tuple(row) + ("",) * (column_count - len(row)) for row in block.rows]

    def cell(text: str, column: int, header: bool) -> Flowable:
        if header:
            return typesetter.paragraph("table", text, role="heading", align="center")
        # Numbers stand right, whatever the style says of text.
        return typesetter.paragraph("table", text, align="right" if column in numeric else None)

    natural: list[float] = []
    minimum: list[float] = []
    for column in range(column_count):
        texts = [block.columns[column], *(row[column] for row in rows)]
        widths = [typesetter.measure(style.font, text, size) for text in texts]
        padding = 2 * CELL_PADDING_X + 1.0
        natural.append(max(widths, default=0.0) + padding)
        if column in numeric:
            # numbers are never broken; the header may wrap
            minimum.append(max(widths[1:], default=size) + padding)
        else:
            minimum.append(MIN_TEXT_COLUMN_CHARS * size + padding)
    widths = column_widths(natural, minimum, typesetter.text_width)

    data = [[cell(text, column, True) for column, text in enumerate(block.columns)]]
    data += [[cell(text, column, False) for column, text in enumerate(row)] for row in rows]
    # One Table element: its caption first, then the rows (the same on every page).
    node = StructNode("Table")
    table = DataTable(
        data,
        colWidths=widths,
        repeatRows=1,
        hAlign="CENTER",
        renderCB=render_callback(TableTags(node)),
    )
    table.setStyle(
        TableStyle(
            [
                typesetter.table_font(),
                ("GRID", (0, 0), (-1, -1), RULE_WIDTH, typesetter.colour("text")),
                ("BACKGROUND", (0, 0), (-1, 0), typesetter.colour("table_header_fill")),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING_X),
                ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING_X),
                # A cell's space before and after (ReportLab drops a cell's first space
                # before and last space after) is its padding.
                ("TOPPADDING", (0, 0), (-1, -1), CELL_PADDING_Y + space(style, "before")),
                ("BOTTOMPADDING", (0, 0), (-1, -1), CELL_PADDING_Y + space(style, "after")),
            ]
        )
    )
    table.continued = lambda: continued_label(typesetter, block)
    # The caption, the header and the first rows start on the same page (the caption keeps
    # with them, typeset.keep; so does a heading before the caption); the rest may follow on
    # the next pages under a repeated header and a 续表 label.
    # Number 0: an unnumbered table (本期变化), its caption without a 表N label.
    caption = caption_paragraph(
        typesetter,
        f"表{block.number}" if block.number else "",
        block.caption,
        StructNode("Caption", node),
        keep_with_next=True,
    )
    table.wrap(typesetter.text_width, typesetter.text_height)
    _check_rows_fit(block, table_row_heights(table), widths, typesetter.text_height)
    return [caption, table]


def _check_rows_fit(
    block: tree.Table, heights: list[float], widths: list[float], text_height: float
) -> None:
    """A row never splits across pages: one taller (with the repeated header) than a page's
    text block cannot be placed. Say which table, row and cell, instead of failing later."""
    header = heights[0]
    for row, height in zip(block.rows, heights[1:], strict=False):
        if header + height <= text_height:
            continue
        longest = max(range(len(row)), key=lambda column: len(row[column]))
        table_id = block.anchor.removeprefix("table_")
        raise OversizedContentError(
            f"表{block.number}「{block.caption}」: the row 「{row[0][:20]}」 is "
            f"{header + height:.0f} pt tall with the header, more than a page's text block "
            f"({text_height:.0f} pt); its {block.columns[longest]} cell has "
            f"{len(row[longest])} characters in a column {widths[longest]:.0f} pt wide",
            Location(field=f"tables.{table_id}"),
            "shorten that text, or leave its column out of the table's columns",
            content_path=("tables", table_id),
        )


def key_figures(typesetter: Typesetter, block: tree.KeyFigures) -> list[Flowable]:
    """Tiles: a big value in the accent colour over a small label (and an optional note)."""
    count = len(block.tiles)
    if not count:
        return []
    # Balance the grid: 4 tiles in 3 columns become 2 × 2 rather than 3 + 1.
    columns = max(1, min(block.columns, count))
    columns = math.ceil(count / math.ceil(count / columns))
    accent = typesetter.colour("accent")
    muted = typesetter.colour("muted")
    value = typesetter.style("key_value")
    value_gap = VALUE_GAP + value.space_after_lines * typesetter.line_pitch

    def tile(item: tree.KeyFigureTile) -> list[Flowable]:
        # Exact leadings: values set in different faces (98.3% and 177家) share a baseline.
        parts = [
            typesetter.paragraph(
                "key_value",
                item.value,
                leading=round(value.size_pt * 1.3, 3),
                colour=accent,
                space_after=value_gap,
            ),
            typesetter.paragraph("key_label", item.label),
        ]
        if item.note:
            parts.append(typesetter.paragraph("key_note", item.note, colour=muted))
        return parts

    cells: list[list[object]] = []
    for start in range(0, len(block.tiles), columns):
        cells_of_row: list[object] = [tile(item) for item in block.tiles[start : start + columns]]
        cells_of_row += [""] * (columns - len(cells_of_row))
        cells.append(cells_of_row)
    width = typesetter.text_width / columns
    table = Table(
        cells, colWidths=[width] * columns, hAlign="CENTER", renderCB=render_callback(LayoutTags())
    )
    commands: list[tuple] = [
        typesetter.table_font(),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),  # the values of a row on one line
        ("LEFTPADDING", (0, 0), (-1, -1), 6),
        ("RIGHTPADDING", (0, 0), (-1, -1), 6),
        # A tile's first space before and last space after are its padding (ReportLab
        # drops them inside a cell).
        ("TOPPADDING", (0, 0), (-1, -1), TILE_PADDING + typesetter.space(value, "before")),
        ("BOX", (0, 0), (-1, -1), 0.75, accent),
        ("INNERGRID", (0, 0), (-1, -1), 0.5, muted),
    ]
    for index, item in enumerate(block.tiles):
        last = typesetter.style("key_note" if item.note else "key_label")
        row, column = divmod(index, columns)
        bottom = TILE_PADDING + typesetter.space(last, "after")
        commands.append(("BOTTOMPADDING", (column, row), (column, row), bottom))
    table.setStyle(TableStyle(commands))
    return [table]
