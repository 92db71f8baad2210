"""Sketches: shapes in millimetres, text blocks, and the layout checks of the tests."""

from __future__ import annotations

from chart_layout_checks import sketch_problems

from gjz_brief.charts.sketch import Box, Sketch, TextLine
from gjz_brief.charts.text import ChartFonts
from gjz_brief.content.model import Plan


def _spec(plan: Plan, kind: str):  # noqa: ANN202
    return next(spec for spec in plan.charts if spec.kind == kind)


def test_layout_checker_detects_overlap_and_clipping(fonts) -> None:  # noqa: ANN001
    sketch = Sketch(ChartFonts(fonts, ("heading", "body")), height=20.0)
    sketch.add(TextLine(10.0, 10.0, "甘井子区", "heading", 9.0))
    sketch.add(TextLine(12.0, 10.0, "枢纽新城", "heading", 9.0))  # on top of the first
    sketch.add(TextLine(148.0, 19.5, "大连", "heading", 9.0))  # runs off the right edge
    sketch.add(Box(5.0, 8.0, 10.0, 5.0, "#000000"))  # cuts through the first text
    problems = sketch_problems(sketch)
    assert any("overlap" in p for p in problems)
    assert any("outside" in p for p in problems)
    assert any("cuts the edge" in p for p in problems)


def test_text_blocks_stack_lines_and_say_where_they_end(fonts) -> None:  # noqa: ANN001
    sketch = Sketch(ChartFonts(fonts, ("heading", "body")))
    bottom = sketch.text_block(["甘井子", "枢纽"], 10.0, 5.0, "heading", 9.0, "center")
    lines = [shape for shape in sketch.shapes if isinstance(shape, TextLine)]
    assert [line.text for line in lines] == sketch.texts == ["甘井子", "枢纽"]
    assert lines[1].baseline > lines[0].baseline and bottom == 5.0 + sketch.block_height(2, 9.0)
    assert sketch.block_height(0, 9.0) == 0.0
    sketch.middle_block(["中"], 50.0, 40.0, "body", 9.0)
    middle = [shape for shape in sketch.shapes if isinstance(shape, TextLine)][-1]
    assert middle.align == "center" and 40.0 - 9.0 * 25.4 / 72 < middle.baseline < 40.0 + 5
