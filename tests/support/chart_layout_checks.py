"""Checks that a chart's texts neither overlap, nor leave the picture, nor cut boxes."""

from __future__ import annotations

from itertools import combinations

from gjz_brief.charts.sketch import ASCENT_EM, DESCENT_EM, Box, Sketch, TextLine
from gjz_brief.charts.style import PT_MM

Extent = tuple[float, float, float, float]  # left, top, right, bottom


def _overlap(a: Extent, b: Extent, tolerance: float = 0.0) -> bool:
    return (
        a[0] < b[2] - tolerance
        and b[0] < a[2] - tolerance
        and a[1] < b[3] - tolerance
        and b[1] < a[3] - tolerance
    )


def _inside(inner: Extent, outer: Extent, tolerance: float = 0.05) -> bool:
    return (
        inner[0] >= outer[0] - tolerance
        and inner[1] >= outer[1] - tolerance
        and inner[2] <= outer[2] + tolerance
        and inner[3] <= outer[3] + tolerance
    )


def text_extent(sketch: Sketch, line: TextLine) -> Extent:
    """(left, top, right, bottom) of a drawn line in mm, from the font metrics."""
    width = sketch.fonts.width_mm(line.text, line.role, line.size_pt)
    left = {"left": line.x, "center": line.x - width / 2, "right": line.x - width}[line.align]
    em = line.size_pt * PT_MM
    return left, line.baseline - ASCENT_EM * em, left + width, line.baseline + DESCENT_EM * em


def sketch_problems(sketch: Sketch) -> list[str]:
    """Problems found from the font metrics: text outside the page, text on text, text
    cutting a box's edge (a text is either wholly inside a box or clear of it)."""
    problems: list[str] = []
    page: Extent = (0.0, 0.0, sketch.width, sketch.height)
    lines = [shape for shape in sketch.shapes if isinstance(shape, TextLine)]
    extents = {id(line): text_extent(sketch, line) for line in lines}
    for line in lines:
        if not _inside(extents[id(line)], page):
            problems.append(f"text outside the chart: {line.text!r} {extents[id(line)]}")
    for first, second in combinations(lines, 2):
        if _overlap(extents[id(first)], extents[id(second)]):
            problems.append(f"texts overlap: {first.text!r} and {second.text!r}")
    for box in (shape for shape in sketch.shapes if isinstance(shape, Box)):
        box_extent: Extent = (box.x, box.top, box.x + box.width, box.top + box.height)
        if not _inside(box_extent, page):
            problems.append(f"box outside the chart: {box_extent}")
        for line in lines:
            text = extents[id(line)]
            if _overlap(text, box_extent) and not _inside(text, box_extent):
                problems.append(f"text {line.text!r} cuts the edge of box {box_extent}")
    return problems


def figure_problems(figure) -> list[str]:  # noqa: ANN001 - a matplotlib Figure
    """The same text checks on what matplotlib actually lays out (pixels)."""
    renderer = figure.canvas.get_renderer()
    page = figure.bbox
    texts = [t for t in figure.findobj(lambda a: hasattr(a, "get_text")) if t.get_text()]
    boxes = {id(t): t.get_window_extent(renderer) for t in texts}
    problems: list[str] = []
    for text in texts:
        box = boxes[id(text)]
        if (
            box.x0 < page.x0 - 0.5
            or box.x1 > page.x1 + 0.5
            or box.y0 < page.y0 - 0.5
            or (box.y1 > page.y1 + 0.5)
        ):
            problems.append(f"text clipped by the picture edge: {text.get_text()!r}")
    for first, second in combinations(texts, 2):
        a, b = boxes[id(first)], boxes[id(second)]
        if a.x0 < b.x1 - 0.5 and b.x0 < a.x1 - 0.5 and a.y0 < b.y1 - 0.5 and b.y0 < a.y1 - 0.5:
            problems.append(f"texts overlap: {first.get_text()!r} and {second.get_text()!r}")
    return problems
