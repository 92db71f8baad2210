"""A chart as PDF content-stream operators, drawn by matplotlib itself, plus its text.

The PDF renderer places these operators in a form XObject. Producing them here, next to the
SVG and PNG, means the PDF build never parses an SVG: converting five chart SVGs with svglib
and drawing the result through ReportLab's graphics layer took about half of a build.

The operators are self-contained: paths, colours, line styles and clipping only, no fonts,
images or named resources, so they can be cached and pasted into any PDF. Anything that
would need a resource (transparency, hatching, images) is refused, not approximated.

Text set by the chart drawing (``backend.draw`` marks each text with its font role) is not
drawn as outlines: it is returned as ``ChartText`` runs — where matplotlib placed each line,
its size, colour and role — and the PDF renderer sets them as real text in the document's
own embedded subset fonts, so chart titles, labels and numbers can be searched, selected
and read aloud. Text without a role (a figure drawn by other code) stays outlines.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from gjz_brief.errors import RenderError

if TYPE_CHECKING:
    from matplotlib.figure import Figure

POINTS_PER_INCH = 72.0
_CAP_STYLES = {"butt": 0, "round": 1, "projecting": 2}
_JOIN_STYLES = {"miter": 0, "round": 1, "bevel": 2}
PRECISION = 2  # decimals of path coordinates, in points
_CODES = [b"m", b"l", b"", b"c", b"h"]  # matplotlib path codes → PDF operators


def _number(value: float) -> bytes:
    """Three decimals are 1/3000 mm, far below what any printer or screen resolves."""
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return (text if text not in ("-0", "") else "0").encode("ascii")


def _colour(rgba: tuple[float, ...], what: str) -> bytes:
    if len(rgba) > 3 and rgba[3] < 1.0:
        raise RenderError(f"a chart {what} colour is transparent; PDF charts draw opaque colours")
    return b" ".join(_number(channel) for channel in rgba[:3])


# The attribute backend.draw sets on each matplotlib Text: the font role that sets it.
ROLE_ATTRIBUTE = "gjz_font_role"


@dataclass(frozen=True)
class ChartText:
    """One line of chart text: baseline start (x, y) in points from the figure's bottom left,
    rotation in degrees, size in points, fill colour "#rrggbb" and the font role."""

    x: float
    y: float
    angle: float
    size: float
    colour: str
    role: str
    text: str


def encode_texts(texts: list[ChartText]) -> bytes:
    """The runs as compact JSON (three decimals), the same bytes in every process."""
    rows = [
        [
            round(t.x, 3),
            round(t.y, 3),
            round(t.angle, 3),
            round(t.size, 3),
            t.colour,
            t.role,
            t.text,
        ]
        for t in texts
    ]
    return json.dumps(rows, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def decode_texts(data: bytes) -> list[ChartText]:
    """``encode_texts`` read back; empty bytes are no text."""
    if not data:
        return []
    return [
        ChartText(float(x), float(y), float(a), float(s), str(c), str(r), str(t))
        for x, y, a, s, c, r, t in json.loads(data.decode("utf-8"))
    ]


def save_pdf_drawing(figure: Figure, text_as_runs: bool = True) -> tuple[bytes, list[ChartText]]:
    """The figure's graphics as operators and, with ``text_as_runs``, the text lines that
    carry a font role (``ROLE_ATTRIBUTE``) as ChartText instead of outlines."""
    from matplotlib.backend_bases import RendererBase

    class Renderer(RendererBase):
        """Paths only: RendererBase draws text through draw_path (TextToPath)."""

        def __init__(self, width: float, height: float) -> None:
            super().__init__()
            self.width, self.height = width, height
            self.operators: list[bytes] = []
            self.texts: list[ChartText] = []

        def flipy(self) -> bool:
            return False  # PDF's y axis points up, as the operators need

        def get_canvas_width_height(self) -> tuple[float, float]:
            return self.width, self.height

        def points_to_pixels(self, points: Any) -> Any:  # matplotlib's: a number or an array
            return points  # one pixel is one point at the 72 dpi drawn here

        def get_text_width_height_descent(self, s: str, prop: Any, ismath: Any) -> Any:
            # The SVG backend measures the same way, so alignment matches the SVG exactly.
            return self._text2path.get_text_width_height_descent(s, prop, ismath)

        def draw_text(
            self,
            gc: Any,
            x: float,
            y: float,
            s: str,
            prop: Any,
            angle: float,
            ismath: Any = False,
            mtext: Any = None,
        ) -> None:
            role = getattr(mtext, ROLE_ATTRIBUTE, None)
            if not text_as_runs or role is None or ismath:
                super().draw_text(gc, x, y, s, prop, angle, ismath, mtext)
                return
            rgba = tuple(gc.get_rgb())
            _colour(rgba, "text")  # refuses transparency, as for paths
            colour = "#" + "".join(f"{round(channel * 255):02x}" for channel in rgba[:3])
            size = float(prop.get_size_in_points())
            self.texts.append(ChartText(x, y, float(angle), size, colour, role, s))

        def draw_image(self, gc: Any, x: float, y: float, im: Any, transform: Any = None) -> None:
            raise RenderError("a chart contains an image; PDF charts are drawn as vectors")

        def draw_path(
            self,
            gc: Any,
            path: Any,
            transform: Any,
            rgbFace: Any = None,  # noqa: N803
        ) -> None:
            if gc.get_hatch() is not None:
                raise RenderError("a chart uses hatching, which PDF charts do not draw")
            stroke_rgba = tuple(gc.get_rgb())
            stroke = gc.get_linewidth() > 0.0 and stroke_rgba[3] > 0.0
            fill_rgba = _fill_colour(gc, rgbFace)
            fill = fill_rgba is not None and fill_rgba[3] > 0.0
            if not stroke and not fill:
                return
            out = [b"q"]
            rectangle = gc.get_clip_rectangle()
            if rectangle is not None:
                numbers = (_number(value) for value in rectangle.bounds)
                out.append(b"%s %s %s %s re W n" % tuple(numbers))
            clip_path, clip_transform = gc.get_clip_path()
            if clip_path is not None:
                out.append(_path_operators(clip_path, clip_transform) + b" W n")
            if stroke:
                cap, join = _CAP_STYLES[gc.get_capstyle()], _JOIN_STYLES[gc.get_joinstyle()]
                out.append(_colour(stroke_rgba, "line") + b" RG")
                out.append(b"%s w %d J %d j" % (_number(gc.get_linewidth()), cap, join))
                offset, dashes = gc.get_dashes()
                if dashes is not None and len(dashes):
                    pattern = b" ".join(_number(length) for length in dashes)
                    out.append(b"[%s] %s d" % (pattern, _number(offset or 0.0)))
            if fill and fill_rgba is not None:
                out.append(_colour(fill_rgba, "fill") + b" rg")
            out.append(_path_operators(path, transform))
            out.append(b"B" if stroke and fill else b"f" if fill else b"S")
            out.append(b"Q")
            self.operators.append(b"\n".join(out))

    width, height = (float(size) * POINTS_PER_INCH for size in figure.get_size_inches())
    renderer = Renderer(width, height)
    dpi = figure.dpi
    figure.set_dpi(POINTS_PER_INCH)
    try:
        figure.draw(renderer)
    finally:
        figure.set_dpi(dpi)
    return b"\n".join(renderer.operators) + b"\n", renderer.texts


def _fill_colour(gc: Any, rgb_face: Any) -> tuple[float, ...] | None:
    if rgb_face is None:
        return None
    rgba = tuple(float(channel) for channel in rgb_face)
    alpha = gc.get_alpha() if gc.get_forced_alpha() else (rgba[3] if len(rgba) > 3 else 1.0)
    return (*rgba[:3], alpha)


def _path_operators(path: Any, transform: Any) -> bytes:
    """m/l/c/h operators of a path, converted in C by matplotlib as its PDF backend does,
    but with two decimals (1/100 pt) instead of six: a third of the bytes."""
    try:
        from matplotlib import _path

        convert = _path.convert_to_string  # type: ignore[attr-defined]  # private, untyped
        return bytes(convert(path, transform, None, False, None, PRECISION, _CODES, True))
    except (ImportError, AttributeError, TypeError):  # the private helper changed: public one
        from matplotlib.backends.backend_pdf import PdfFile

        (operations,) = PdfFile.pathOperations(path, transform)
        return bytes(operations.pdfRepr())
