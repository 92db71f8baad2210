"""Key-figure panels, timelines and industry structures as Word tables of live text.

What the chart pictures draw as boxes and labels becomes cells a clerk can edit and search:

- key figures: tiles (value large in the accent colour, name, period);
- timeline: the years over a rule (the time axis), the labels, the goals;
- structure: per framework its name across the table, its groups as shaded cells and each
  group's fields below it.

No title row: a figure has one title, its numbered caption (issue #19), as the PDF's chart
pictures draw none.

Each cell holds plain paragraphs of one text each, so an edit maps back to one field of the
content. The table is as tall as the chart picture in the PDF, so the pages break where the
PDF's do (the contents' page numbers come from the PDF layout): every row gets the height its
text needs (``fit_rows``) and the rest of the picture's height is shared out evenly. The text
is set at an exact leading, so its height does not depend on the font an office suite finds
for 仿宋_GB2312/黑体 (LibreOffice's stand-in Noto Sans CJK is 1.45 em tall at "single"
spacing). When the text needs more than the picture's height at the charts' leading
(``LEADINGS[0]``), the leading is tightened step by step; text is never cut: if it still does
not fit, the rows are as tall as the text needs (``hRule="atLeast"``) and the table is taller
than the picture — said in ``FittedRows.fits``. The figure's alt text and caption go into the
table's own description (w:tblCaption, w:tblDescription).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from lxml import etree

from gjz_brief.charts.style import LEADING
from gjz_brief.document.tree import FigureBlock, KeyFiguresChart, StructureChart, TimelineChart
from gjz_brief.render.docx.linecount import count_lines
from gjz_brief.render.docx.ooxml import (
    border,
    child,
    colour_value,
    element,
    mm_to_twips,
    no_borders,
)
from gjz_brief.render.docx.tables import (
    _cell,
    _paragraph,
    _row,
    _set_table_borders,
    _table,
    tile_paragraphs,
)
from gjz_brief.render.docx.writer import BodyWriter

PRIMARY = "4A6A8A"  # charts/style.py
PRIMARY_LIGHT = "DCE4EC"
TILE = "F3F3F3"
RULE = "BFBFBF"
_ALL_SIDES = ("top", "left", "bottom", "right", "insideH", "insideV")
MAX_GRID = 60  # grid columns of a structure table (the lcm of its group counts, capped)

# Type sizes of the chart styles in points (render/docx/stylesheet.py, from charts/style.py).
STYLE_SIZES_PT = {
    "GJZ Chart Value": 12.0,
    "GJZ Chart Tile Value": 15.0,
    "GJZ Chart Label": 9.0,
    "GJZ Chart Note": 7.5,
}
# Line pitch as a multiple of the type size: the charts' own, then tighter ones for text that
# needs more than the picture's height; 1.1 em still clears an ideograph's 1 em body.
LEADINGS = (LEADING, 1.2, 1.1)


def write_chart_table(
    writer: BodyWriter,
    figure: FigureBlock,
    content: KeyFiguresChart | TimelineChart | StructureChart,
    height_mm: float,
) -> None:
    if isinstance(content, KeyFiguresChart):
        node, rows = _key_figures(writer, content)
    elif isinstance(content, TimelineChart):
        node, rows = _timeline(writer, content)
    else:
        node, rows = _structure(writer, content)
    sizes = {writer.styles.style_id(name): size for name, size in STYLE_SIZES_PT.items()}
    fit_rows(rows, mm_to_twips(height_mm), sizes)
    properties = child(node, "w:tblPr")
    properties.append(element("w:tblCaption", {"val": figure.caption[:255]}))
    properties.append(element("w:tblDescription", {"val": figure.alt_text}))
    writer.table(node)


@dataclass(frozen=True)
class FittedRows:
    """How a chart table's rows were fitted to the picture's height (twips)."""

    heights: tuple[int, ...]  # each row's w:trHeight (hRule atLeast)
    needed: tuple[int, ...]  # the height each row's text needs at ``leading``
    leading: float  # line pitch as a multiple of the type size
    fits: bool  # the text fits in the picture's height: the table is exactly that tall


def fit_rows(rows: list[etree._Element], total: int, sizes: Mapping[str, float]) -> FittedRows:
    """Give ``rows`` heights that add up to ``total`` twips, each at least what its text
    needs, and set every paragraph's exact leading (the first of ``LEADINGS`` at which the
    text fits; the last one if none does, the rows then as tall as their text). ``sizes``:
    type size in points by paragraph style id."""
    needed: tuple[int, ...] = ()
    leading = LEADINGS[0]
    for leading in LEADINGS:
        needed = tuple(_row_height(row, leading, sizes) for row in rows)
        if sum(needed) <= total:
            break
    for paragraph in (p for row in rows for p in row.iter(_w("p"))):
        _set_leading(paragraph, _size_pt(paragraph, sizes) * leading)
        _keep_with_next(paragraph)
    fits = sum(needed) <= total
    heights = list(needed)
    if fits and rows:
        slack = total - sum(needed)
        share = slack // len(rows)
        heights = [height + share for height in needed]
        heights[-1] += slack - share * len(rows)
    for row, height in zip(rows, heights, strict=True):
        child(row, "w:trPr").append(element("w:trHeight", {"val": str(height), "hRule": "atLeast"}))
    return FittedRows(tuple(heights), needed, leading, fits)


def _row_height(row: etree._Element, leading: float, sizes: Mapping[str, float]) -> int:
    """Twips the tallest cell of ``row`` needs: its paragraphs' lines at ``leading``, and the
    cell's top and bottom borders (they take room inside the row in Word and LibreOffice)."""
    tallest = 0
    for cell in row.iter(_w("tc")):
        width = int(child(child(cell, "w:tcPr"), "w:tcW").get(_w("w"), "0"))
        height = 0
        for paragraph in cell.iter(_w("p")):
            size = _size_pt(paragraph, sizes)
            height += count_lines(_text(paragraph), width, size) * round(size * leading * 20)
        tallest = max(tallest, height + _border_twips(cell))
    return tallest


def _text(paragraph: etree._Element) -> str:
    return "".join(t.text or "" for t in paragraph.iter(_w("t")))


def _size_pt(paragraph: etree._Element, sizes: Mapping[str, float]) -> float:
    """The paragraph's type size (the largest chart size for a style not in ``sizes``)."""
    style = paragraph.find(f"{_w('pPr')}/{_w('pStyle')}")
    style_id = style.get(_w("val"), "") if style is not None else ""
    return sizes.get(style_id, max(STYLE_SIZES_PT.values()))


def _border_twips(cell: etree._Element) -> int:
    borders = child(cell, "w:tcPr").find(_w("tcBorders"))
    if borders is None:
        return 0
    eighths = sum(
        int(side.get(_w("sz"), "0"))
        for side in borders
        if side.tag in (_w("top"), _w("bottom")) and side.get(_w("val")) not in ("nil", "none")
    )
    return math.ceil(eighths * 20 / 8)


def _keep_with_next(paragraph: etree._Element) -> None:
    """The table stays whole and with its caption, as the PDF's picture: Word and LibreOffice
    keep a table on one page when all its paragraphs keep with the next (w:keepNext comes
    right after w:pStyle)."""
    properties = child(paragraph, "w:pPr")
    if properties.find(_w("keepNext")) is None:
        child(properties, "w:pStyle").addnext(element("w:keepNext"))


def _set_leading(paragraph: etree._Element, pitch_pt: float) -> None:
    """An exact line pitch on the paragraph (w:spacing goes before w:ind and w:jc in w:pPr)."""
    properties = child(paragraph, "w:pPr")
    spacing = element("w:spacing", {"line": str(round(pitch_pt * 20)), "lineRule": "exact"})
    later = [node for node in properties if node.tag in (_w("ind"), _w("jc"))]
    if later:
        later[0].addprevious(spacing)
    else:
        properties.append(spacing)


def _shade(cell: etree._Element, fill: str) -> None:
    """w:shd comes after tcBorders and before vAlign in w:tcPr."""
    child(child(cell, "w:tcPr"), "w:vAlign").addprevious(
        element("w:shd", {"val": "clear", "color": "auto", "fill": fill})
    )


def _cell_borders(cell: etree._Element, *borders: etree._Element) -> None:
    """w:tcBorders comes right after w:tcW (and w:gridSpan) in w:tcPr."""
    properties = child(cell, "w:tcPr")
    anchor = properties.find(_w("gridSpan"))
    if anchor is None:
        anchor = child(properties, "w:tcW")
    anchor.addnext(element("w:tcBorders", {}, *borders))


def _even_widths(total: int, count: int) -> list[int]:
    widths = [total // count] * count
    widths[-1] += total - sum(widths)
    return widths


def _key_figures(
    writer: BodyWriter, panel: KeyFiguresChart
) -> tuple[etree._Element, list[etree._Element]]:
    """Tiles on a light grey ground, white gaps between them, as the chart draws them."""
    total = writer.geometry.text_width
    columns = max(1, min(panel.columns, len(panel.tiles)))
    widths = _even_widths(total, columns)
    node = _table(writer, None, widths, first_row=False)
    white = colour_value("#FFFFFF")
    _set_table_borders(
        node,
        element(
            "w:tblBorders",
            {},
            *(border(side, 24, white) for side in _ALL_SIDES),  # 3 pt gaps between tiles
        ),
    )
    rows: list[etree._Element] = []
    tiles = list(panel.tiles)
    for start in range(0, len(tiles), columns):
        row = _row(header=False)
        for column in range(columns):
            cell = _cell(writer, widths[column], None, None)
            tile = tiles[start + column] if start + column < len(tiles) else None
            if tile is not None:
                _shade(cell, TILE)
            cell.extend(
                tile_paragraphs(
                    writer, tile, "GJZ Chart Tile Value", "GJZ Chart Label", "GJZ Chart Note"
                )
            )
            row.append(cell)
        rows.append(row)
    for row in rows:
        node.append(row)
    return node, rows


def _timeline(
    writer: BodyWriter, timeline: TimelineChart
) -> tuple[etree._Element, list[etree._Element]]:
    """One column per milestone: the year over the time axis (a rule), label, goal."""
    total = writer.geometry.text_width
    count = max(1, len(timeline.milestones))
    widths = _even_widths(total, count)
    node = _table(writer, None, widths, first_row=False)
    _set_table_borders(node, no_borders("w:tblBorders", _ALL_SIDES))
    years, labels, goals = _row(header=False), _row(header=False), _row(header=False)
    for width, (year, label, goal) in zip(widths, timeline.milestones, strict=False):
        year_cell = _cell(writer, width, "GJZ Chart Value", year, keep_next=True)
        _cell_borders(year_cell, border("bottom", 12, PRIMARY))  # the time axis, 1.5 pt
        years.append(year_cell)
        labels.append(_cell(writer, width, "GJZ Chart Label", label, keep_next=True))
        goals.append(_cell(writer, width, "GJZ Chart Note", goal))
    # A row of labels none of the milestones has would only take height from the goals.
    rows = (
        [years, labels, goals]
        if any(label for _, label, _ in timeline.milestones)
        else [
            years,
            goals,
        ]
    )
    for row in rows:
        node.append(row)
    return node, rows


def _structure(
    writer: BodyWriter, structure: StructureChart
) -> tuple[etree._Element, list[etree._Element]]:
    """Per framework: its name across the table, its groups shaded, their fields below."""
    total = writer.geometry.text_width
    counts = [max(1, len(groups)) for _, groups in structure.frameworks] or [1]
    grid = 1
    for count in counts:
        grid = grid * count // math.gcd(grid, count)
    if grid > MAX_GRID:
        grid = max(counts)
    widths = _even_widths(total, grid)
    node = _table(writer, None, widths, first_row=False)
    white = colour_value("#FFFFFF")
    _set_table_borders(
        node, element("w:tblBorders", {}, *(border(s, 16, white) for s in _ALL_SIDES))
    )
    rows: list[etree._Element] = []
    for name, groups in structure.frameworks:
        name_row = _row(header=False)
        name_cell = _cell(writer, total, "GJZ Chart Label", name, keep_next=True)
        child(child(name_cell, "w:tcPr"), "w:tcW").addnext(
            element("w:gridSpan", {"val": str(grid)})
        )
        _shade(name_cell, PRIMARY_LIGHT)
        name_row.append(name_cell)
        rows.append(name_row)
        if not groups:
            continue
        group_row, field_row = _row(header=False), _row(header=False)
        spans = _spans(grid, len(groups))
        for (group, fields), span in zip(groups, spans, strict=True):
            width = sum(widths[:span])
            group_cell = _cell(writer, width, "GJZ Chart Label", group, keep_next=True)
            field_cell = _cell(writer, width, None, None)
            for field in fields or ("",):
                field_cell.append(_paragraph(writer, "GJZ Chart Note", field))
            for cell in (group_cell, field_cell):
                if span > 1:
                    child(child(cell, "w:tcPr"), "w:tcW").addnext(
                        element("w:gridSpan", {"val": str(span)})
                    )
            _shade(group_cell, PRIMARY_LIGHT)
            _shade(field_cell, TILE)
            group_row.append(group_cell)
            field_row.append(field_cell)
        rows += [group_row, field_row]
    for row in rows:
        node.append(row)
    return node, rows


def _spans(grid: int, count: int) -> list[int]:
    """Grid columns per group: even where the grid divides, the remainder to the last."""
    base = grid // count
    spans = [base] * count
    spans[-1] += grid - base * count
    return spans


def _w(tag: str) -> str:
    return f"{{http://schemas.openxmlformats.org/wordprocessingml/2006/main}}{tag}"
