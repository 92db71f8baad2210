"""Key-figure panels, timelines and industry structures as Word tables of live text.

What the chart pictures draw as boxes and labels becomes cells a clerk can edit and search:

- key figures: tiles (value large in the accent colour, name, period);
- timeline: the years over a rule (the time axis), the labels, the goals;
- structure: per framework its name across the table, its groups as shaded cells and each
  group's fields below it.

No title row: a figure has one title, its numbered caption (issue #19), as the PDF's chart
pictures draw none.

Each cell holds plain paragraphs of one text each, so an edit maps back to one field of the
content. The table is as tall as the chart picture in the PDF (rows at least that high
together), so the pages break where the PDF's do. The figure's alt text and caption go into
the table's own description (w:tblCaption, w:tblDescription).
"""

from __future__ import annotations

import math

from lxml import etree

from gjz_brief.document.tree import FigureBlock, KeyFiguresChart, StructureChart, TimelineChart
from gjz_brief.render.docx.ooxml import (
    border,
    child,
    colour_value,
    element,
    mm_to_twips,
    no_borders,
)
from gjz_brief.render.docx.tables import _cell, _paragraph, _row, _set_table_borders, _table
from gjz_brief.render.docx.writer import BodyWriter

PRIMARY = "4A6A8A"  # charts/style.py
PRIMARY_LIGHT = "DCE4EC"
TILE = "F3F3F3"
RULE = "BFBFBF"
_ALL_SIDES = ("top", "left", "bottom", "right", "insideH", "insideV")
MAX_GRID = 60  # grid columns of a structure table (the lcm of its group counts, capped)


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
    _fill_height(rows, mm_to_twips(height_mm))
    properties = child(node, "w:tblPr")
    properties.append(element("w:tblCaption", {"val": figure.caption[:255]}))
    properties.append(element("w:tblDescription", {"val": figure.alt_text}))
    writer.table(node)


def _fill_height(rows: list[etree._Element], total: int) -> None:
    """Rows at least ``total`` twips high together, evenly (the last takes the remainder)."""
    if not rows or total <= 0:
        return
    each = total // len(rows)
    for index, row in enumerate(rows):
        height = total - each * (len(rows) - 1) if index == len(rows) - 1 else each
        child(row, "w:trPr").append(element("w:trHeight", {"val": str(height), "hRule": "atLeast"}))


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
            if start + column < len(tiles):
                tile = tiles[start + column]
                _shade(cell, TILE)
                cell.append(_paragraph(writer, "GJZ Chart Tile Value", tile.value))
                cell.append(_paragraph(writer, "GJZ Chart Label", tile.label))
                if tile.note:
                    cell.append(_paragraph(writer, "GJZ Chart Note", tile.note))
            else:
                cell.append(_paragraph(writer, "GJZ Chart Label", ""))
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
    rows = [years, labels, goals]
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
