"""A chart as a list of simple shapes laid out in millimetres, before matplotlib draws it.

Drawing functions lay out top to bottom (y grows downwards from the top edge) and only then
know the height, so they record shapes here; ``backend.draw`` turns the sketch into a figure.
Every text is one line at a known baseline, which keeps measured and drawn extents equal.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from gjz_brief.charts.style import INK, LEADING, PT_MM, WIDTH_MM
from gjz_brief.charts.text import ChartFonts

HorizontalAlign = Literal["left", "center", "right"]
ASCENT_EM = 0.88  # CJK ideographs fill the em box: ~0.88 above the baseline, ~0.12 below
DESCENT_EM = 0.12


@dataclass(frozen=True)
class TextLine:
    x: float
    baseline: float
    text: str
    role: str
    size_pt: float
    align: HorizontalAlign = "left"
    color: str = INK


@dataclass(frozen=True)
class Box:
    x: float
    top: float
    width: float
    height: float
    fill: str | None
    edge: str | None = None
    line_pt: float = 0.6
    dashed: bool = False


@dataclass(frozen=True)
class Stroke:
    points: tuple[tuple[float, float], ...]
    color: str
    line_pt: float = 1.0
    dashed: bool = False


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    radius: float
    fill: str | None
    edge: str
    line_pt: float = 1.0


Shape = TextLine | Box | Stroke | Dot


@dataclass
class Sketch:
    fonts: ChartFonts
    width: float = WIDTH_MM
    height: float = 0.0
    shapes: list[Shape] = field(default_factory=list)

    @property
    def texts(self) -> list[str]:
        """The text lines drawn, in drawing order."""
        return [shape.text for shape in self.shapes if isinstance(shape, TextLine)]

    def add(self, shape: Shape) -> None:
        self.shapes.append(shape)

    def block_height(self, line_count: int, size_pt: float) -> float:
        if line_count == 0:
            return 0.0
        em = size_pt * PT_MM
        return (line_count - 1) * LEADING * em + em

    def text_block(
        self,
        lines: list[str],
        x: float,
        top: float,
        role: str,
        size_pt: float,
        align: HorizontalAlign = "left",
        color: str = INK,
        where: str = "",
    ) -> float:
        """Draw lines whose first line's em box starts at ``top``; return the block's bottom."""
        em = size_pt * PT_MM
        for number, line in enumerate(lines):
            self.fonts.check(line, role, where)
            baseline = top + ASCENT_EM * em + number * LEADING * em
            self.add(TextLine(x, baseline, line, role, size_pt, align, color))
        return top + self.block_height(len(lines), size_pt)

    def middle_block(
        self,
        lines: list[str],
        x: float,
        middle: float,
        role: str,
        size_pt: float,
        align: HorizontalAlign = "center",
        color: str = INK,
        where: str = "",
    ) -> None:
        """Draw lines vertically centred on ``middle``."""
        top = middle - self.block_height(len(lines), size_pt) / 2
        self.text_block(lines, x, top, role, size_pt, align, color, where)
