"""Tables: data tables with a repeating header row, key-figure tiles, the 报尾 distribution."""

from __future__ import annotations

import math
import unicodedata

from lxml import etree

from gjz_brief.document.columns import column_widths as share_width
from gjz_brief.document.tree import Distribution, KeyFigures, KeyFigureTile, Table
from gjz_brief.render.docx.linecount import AUTOSPACE_EM, LATIN_EM, count_lines
from gjz_brief.render.docx.ooxml import (
    border,
    child,
    colour_value,
    element,
    field_runs,
    mm_to_eighths_of_point,
    text_run,
)
from gjz_brief.render.docx.writer import BodyWriter

TABLE_STYLE = "GJZ Table"
# Body rows kept with the caption and header, and rows kept together at the table's end (as
# in the PDF, render/pdf/tables.py: it breaks a table anywhere else, with 续表): a heading or
# caption never ends a page above a table that starts on the next, and no row is carried
# over alone.
MIN_ROWS_WITH_CAPTION = 2
CELL_MARGIN_TWIPS = 108  # left and right cell margins of the GJZ Table style
CELL_SLACK_TWIPS = 60  # room for fonts a little wider than estimated
MIN_TEXT_COLUMN_CHARS = 3  # a text column never gets narrower than this many characters


def write_table(writer: BodyWriter, table: Table) -> None:
    """The caption above, kept with the header row and the first rows; the header row is a
    w:tblHeader row that Word and LibreOffice repeat on every page the table continues on.

    The PDF labels a continued table 续表N over its repeated header. Word has no way to show
    text only on a table's continuation pages (a header row repeats as it is, on the first
    page too), and a 续表 typed in at a page break would be wrong as soon as a clerk's edit
    moves the break, so in the DOCX the repeated header row is the continuation's label.
    """
    caption = writer.paragraph("caption", keep_next=True)  # caption above the table
    if table.number:  # number 0: an unnumbered table (本期变化), outside Word's SEQ count
        caption.append(text_run("表"))
        caption.extend(field_runs("SEQ 表 \\* ARABIC", str(table.number)))
        caption.append(text_run(f"　{table.caption}"))
    else:
        caption.append(text_run(table.caption))
    size = writer.theme.style("table").size_pt
    widths = column_widths(table, writer.geometry.text_width, size)
    node = _table(writer, TABLE_STYLE, widths, first_row=True)
    numeric = set(table.numeric_columns)
    header = _row(header=True)
    for column, text in enumerate(table.columns):
        header.append(
            _cell(writer, widths[column], "GJZ Table Header", text, keep_next=bool(table.rows))
        )
    node.append(header)
    for index, row in enumerate(table.rows):
        row_node = _row(header=False)
        # keep-with-next on a row keeps it on the page of the row after it.
        last = len(table.rows) - 1
        keep_row = index < last and (
            index < MIN_ROWS_WITH_CAPTION - 1 or index >= last - (MIN_ROWS_WITH_CAPTION - 1)
        )
        for column, width in enumerate(widths):
            text = row[column] if column < len(row) else ""
            align = "right" if column in numeric else None
            row_node.append(
                _cell(writer, width, "GJZ Table Text", text, align=align, keep_next=keep_row)
            )
        node.append(row_node)
    _rows_as_tall_as_the_pdfs(node, widths, size)
    writer.table(node)


# The PDF's data-table rows (render/pdf/tables.py, render/pdf/styles.py): 3 pt padding above
# and below the text, small text at 1.5 × its size.
PDF_CELL_PADDING_Y_PT = 3.0
PDF_SMALL_TEXT_LEADING = 1.5


def _rows_as_tall_as_the_pdfs(node: etree._Element, widths: list[int], size_pt: float) -> None:
    """Each row at least as tall as the PDF's row of the same text (w:trHeight atLeast), so the
    table takes the PDF's height in Word and LibreOffice too, whose single-spaced 12 pt text
    is ~17 pt where the PDF's rows are 24 pt: the pages break where the PDF's do (the
    contents store the PDF's heading pages)."""
    leading = size_pt * PDF_SMALL_TEXT_LEADING
    for row in node.iter(_w("tr")):
        lines = max(
            (
                count_lines(
                    "".join(t.text or "" for t in cell.iter(_w("t"))),
                    width - 2 * CELL_MARGIN_TWIPS,
                    size_pt,
                )
                for cell, width in zip(row.iter(_w("tc")), widths, strict=False)
            ),
            default=1,
        )
        height = round((2 * PDF_CELL_PADDING_Y_PT + lines * leading) * 20)
        # w:trHeight comes after w:cantSplit and before w:tblHeader in w:trPr.
        child(child(row, "w:trPr"), "w:cantSplit").addnext(
            element("w:trHeight", {"val": str(height), "hRule": "atLeast"})
        )


def column_widths(table: Table, total: int, size_pt: float) -> list[int]:
    """Twips per column: short columns (numbers, dates) keep their text on one line.

    Word and LibreOffice measure with fonts we cannot see here, so text is estimated: a CJK
    character is one em, anything else about 0.65 em (digits are 0.5 em in most CJK fonts'
    Latin part, 0.64 em in DejaVu Sans, LibreOffice's usual fallback), plus the automatic
    space between CJK and Latin. Numbers are never broken; text columns wrap when they must.
    """
    count = max(1, len(table.columns))
    padding = 2 * CELL_MARGIN_TWIPS + CELL_SLACK_TWIPS
    numeric = set(table.numeric_columns)
    natural: list[float] = []
    minimum: list[float] = []
    for column in range(count):
        body = [row[column] for row in table.rows if column < len(row)]
        widths = [_text_twips(text, size_pt) for text in [table.columns[column], *body]]
        natural.append(max(widths) + padding)
        if column in numeric:
            minimum.append(max(widths[1:], default=size_pt * 20) + padding)
        else:
            minimum.append(MIN_TEXT_COLUMN_CHARS * size_pt * 20 + padding)
    shares = share_width(natural, minimum, float(total))
    twips = [int(width) for width in shares]
    twips[-1] += total - sum(twips)
    return twips


def _text_twips(text: str, size_pt: float) -> float:
    wide = [unicodedata.east_asian_width(c) in "WF" for c in text]
    ems = sum(1.0 if is_wide else LATIN_EM for is_wide in wide)
    # Word and LibreOffice add about a quarter em where CJK meets Latin letters or digits
    # (w:autoSpaceDE / w:autoSpaceDN, on by default): "突破200家" is set "突破 200 家".
    ems += AUTOSPACE_EM * sum(1 for a, b in zip(wide, wide[1:], strict=False) if a != b)
    return ems * size_pt * 20


def write_key_figures(writer: BodyWriter, figures: KeyFigures) -> None:
    """A table of tiles: big value, small label, optional note; framed as in the PDF (an
    accent box of 0.75 pt, muted 0.5 pt rules between tiles, 6 × 8 pt cell padding), the
    columns balanced the same way (4 tiles in 3 columns become 2 × 2)."""
    if not figures.tiles:
        return
    count = len(figures.tiles)
    columns = max(1, min(figures.columns, count))
    columns = math.ceil(count / math.ceil(count / columns))
    width = writer.geometry.text_width // columns
    widths = [width] * columns
    widths[-1] += writer.geometry.text_width - sum(widths)
    node = _table(writer, None, widths, first_row=False)
    accent = colour_value(writer.theme.colours.accent)
    muted = colour_value(writer.theme.colours.muted)
    _set_table_borders(
        node,
        element(
            "w:tblBorders",
            {},
            *(border(side, 6, accent) for side in ("top", "left", "bottom", "right")),
            *(border(side, 4, muted) for side in ("insideH", "insideV")),
        ),
    )
    margins = child(child(node, "w:tblPr"), "w:tblCellMar")
    for margin in list(margins):
        margins.remove(margin)
    for side, twips in (("top", 160), ("left", 120), ("bottom", 160), ("right", 120)):
        margins.append(element(f"w:{side}", {"w": str(twips), "type": "dxa"}))
    tiles = list(figures.tiles)
    for start in range(0, len(tiles), columns):
        row = _row(header=False)
        for column in range(columns):
            cell = _cell(writer, widths[column], None, None)
            # Top-aligned, so the values of a row stand on one line whatever the labels' length.
            child(child(cell, "w:tcPr"), "w:vAlign").set(_w("val"), "top")
            tile = tiles[start + column] if start + column < len(tiles) else None
            cell.extend(
                tile_paragraphs(writer, tile, "GJZ Key Value", "GJZ Key Label", "GJZ Key Note")
            )
            row.append(cell)
        node.append(row)
    writer.table(node)


def write_distribution(writer: BodyWriter, distribution: Distribution) -> None:
    """报尾 as a one-column table floated to the bottom of the text block on the last page.

    Outer rules 0.35 mm, the rule above 共印N份 0.25 mm (GB/T 9704 版记 proportions).
    A floating table needs a paragraph to anchor to, so a 1 pt paragraph follows it.
    """
    if not distribution.lines and not distribution.copies_text:
        return
    total = writer.geometry.text_width
    node = _table(writer, None, [total], first_row=False, floating=True)
    outer = mm_to_eighths_of_point(0.35)
    inner = mm_to_eighths_of_point(0.25)
    _set_table_borders(
        node,
        element(
            "w:tblBorders",
            {},
            border("top", outer),
            element("w:left", {"val": "nil"}),
            border("bottom", outer),
            element("w:right", {"val": "nil"}),
            border("insideH", inner),  # a thin rule between the lines, as in the PDF
            element("w:insideV", {"val": "nil"}),
        ),
    )
    for label, text in distribution.lines:
        row = _row(header=False)
        row.append(_cell(writer, total, "GJZ Distribution", f"{label}：{text}"))
        node.append(row)
    if distribution.copies_text:
        row = _row(header=False)
        cell = _cell(writer, total, "GJZ Distribution Copies", distribution.copies_text)
        row.append(cell)
        node.append(row)
    writer.table(node)
    writer.paragraph("GJZ Anchor")


def _table(
    writer: BodyWriter,
    style: str | None,
    widths: list[int],
    *,
    first_row: bool,
    floating: bool = False,
) -> etree._Element:
    properties = element("w:tblPr")
    if style:
        properties.append(element("w:tblStyle", {"val": writer.styles.style_id(style)}))
    if floating:
        properties.append(
            element(
                "w:tblpPr",
                {
                    "leftFromText": "0",
                    "rightFromText": "0",
                    "topFromText": "0",
                    "bottomFromText": "0",
                    "vertAnchor": "margin",
                    "horzAnchor": "page",
                    "tblpX": str(writer.geometry.left),
                    "tblpYSpec": "bottom",
                },
            )  # fmt: skip
        )
        properties.append(element("w:tblOverlap", {"val": "never"}))
    properties.append(element("w:tblW", {"w": str(sum(widths)), "type": "dxa"}))
    if not floating:
        properties.append(element("w:jc", {"val": "center"}))
    properties.append(element("w:tblLayout", {"type": "fixed"}))
    if style is None:
        properties.append(
            element(
                "w:tblCellMar",
                {},
                element("w:left", {"w": "0", "type": "dxa"}),
                element("w:right", {"w": "0", "type": "dxa"}),
            )
        )
    properties.append(
        element(
            "w:tblLook",
            {
                "val": "0420" if first_row else "0000",
                "firstRow": "1" if first_row else "0",
                "lastRow": "0",
                "firstColumn": "0",
                "lastColumn": "0",
                "noHBand": "1",
                "noVBand": "1",
            },
        )  # fmt: skip
    )
    grid = element("w:tblGrid", {}, *(element("w:gridCol", {"w": str(w)}) for w in widths))
    return element("w:tbl", {}, properties, grid)


def _set_table_borders(table: etree._Element, borders: etree._Element) -> None:
    """tblBorders must precede tblLayout in w:tblPr (schema order)."""
    child(child(table, "w:tblPr"), "w:tblLayout").addprevious(borders)


def _row(*, header: bool) -> etree._Element:
    properties = element("w:trPr", {}, element("w:cantSplit"))
    if header:
        properties.append(element("w:tblHeader"))
    return element("w:tr", {}, properties)


def _cell(
    writer: BodyWriter,
    width: int,
    style: str | None,
    text: str | None,
    align: str | None = None,
    keep_next: bool = False,
) -> etree._Element:
    properties = element(
        "w:tcPr",
        {},
        element("w:tcW", {"w": str(width), "type": "dxa"}),
        element("w:vAlign", {"val": "center"}),
    )
    cell = element("w:tc", {}, properties)
    if style is not None:
        cell.append(_paragraph(writer, style, text or "", align=align, keep_next=keep_next))
    return cell


def tile_paragraphs(
    writer: BodyWriter,
    tile: KeyFigureTile | None,
    value_style: str,
    label_style: str,
    note_style: str,
) -> list[etree._Element]:
    """A key-figure tile's cell content: its value, label and note (if any), one paragraph
    each in the given styles; an empty label paragraph where a row has no tile left (a
    Word cell must hold a paragraph)."""
    if tile is None:
        return [_paragraph(writer, label_style, "")]
    paragraphs = [
        _paragraph(writer, value_style, tile.value),
        _paragraph(writer, label_style, tile.label),
    ]
    if tile.note:
        paragraphs.append(_paragraph(writer, note_style, tile.note))
    return paragraphs


def _paragraph(
    writer: BodyWriter, style: str, text: str, align: str | None = None, keep_next: bool = False
) -> etree._Element:
    paragraph = writer.styles.paragraph(style, align=align, keep_next=keep_next)
    if text:
        paragraph.append(text_run(text))
    return paragraph


def _w(tag: str) -> str:
    return f"{{http://schemas.openxmlformats.org/wordprocessingml/2006/main}}{tag}"
