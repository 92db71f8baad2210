"""matplotlib side of the charts: font registration, fixed settings, drawing and saving.

matplotlib is imported here, inside functions, so importing gjz_brief stays cheap. Figures
are made with ``matplotlib.figure.Figure`` and an Agg canvas, never through pyplot, so no
figure outlives a render and nothing is registered globally except the font aliases.
"""

from __future__ import annotations

import hashlib
import io
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from gjz_brief.charts.pdf_operators import ROLE_ATTRIBUTE
from gjz_brief.charts.sketch import Box, Dot, Sketch, Stroke, TextLine
from gjz_brief.charts.style import PNG_DPI, RC_PARAMS
from gjz_brief.fonts.model import FontFace

if TYPE_CHECKING:
    from matplotlib.figure import Figure

MM_PER_INCH = 25.4
SETTINGS_VARIABLE = "MPLCONFIGDIR"
_DASHES = (0, (3.0, 2.0))
# alias family name → the face's own family name, for the SVG's font-family (register_faces)
_FAMILY_OF_ALIAS: dict[str, str] = {}


def _matplotlib() -> None:
    import matplotlib

    # Only choose the backend when pyplot is not in use: switching it under a running pyplot
    # would close the caller's figures. Rendering below always uses an Agg canvas anyway.
    if "matplotlib.pyplot" not in sys.modules:
        matplotlib.use("Agg")


def prepare(settings_folder: Path | None = None) -> None:
    """Import what drawing a chart needs (about 0.3 s), e.g. in a worker waiting for work.

    ``settings_folder`` (environment.matplotlib_settings_folder) is where matplotlib keeps
    its settings and font list when its own folders cannot be written. matplotlib takes it
    from MPLCONFIGDIR once, while it is imported (matplotlib.get_configdir/get_cachedir are
    cached): the variable is set for the import only and then put back as it was.
    """
    with _settings_folder(None if "matplotlib" in sys.modules else settings_folder):
        _matplotlib()
        import matplotlib.backends.backend_agg
        import matplotlib.backends.backend_svg
        import matplotlib.figure
        import matplotlib.font_manager
        import matplotlib.patches  # noqa: F401


@contextmanager
def _settings_folder(folder: Path | None) -> Iterator[None]:
    if folder is None:
        yield
        return
    previous = os.environ.get(SETTINGS_VARIABLE)
    os.environ[SETTINGS_VARIABLE] = str(folder)
    try:
        yield
    finally:
        if previous is None:
            del os.environ[SETTINGS_VARIABLE]
        else:
            os.environ[SETTINGS_VARIABLE] = previous


def font_alias(face: FontFace) -> str:
    """A private family name that maps to exactly this file and face index.

    Family names are ambiguous (two files may both call themselves "WenQuanYi Zen Hei"), so
    each face the FontSet chose is registered under its own alias with a plain weight.
    """
    digest = hashlib.sha256(f"{face.path}\0{face.index}".encode()).hexdigest()[:16]
    return f"gjz-brief-{digest}"


def register_faces(faces: tuple[FontFace, ...]) -> list[str]:
    """Make the faces known to matplotlib (idempotent) and return their alias family names."""
    from matplotlib import font_manager

    manager = font_manager.fontManager
    known = {entry.name for entry in manager.ttflist}
    aliases: list[str] = []
    for face in faces:
        alias = font_alias(face)
        if alias not in known:
            manager.ttflist.append(
                font_manager.FontEntry(
                    fname=str(face.path),
                    index=face.index,
                    name=alias,
                    style="normal",
                    variant="normal",
                    weight=400,
                    stretch="normal",
                    size="scalable",
                )
            )
            known.add(alias)
        _FAMILY_OF_ALIAS[alias] = face.family
        aliases.append(alias)
    return aliases


@contextmanager
def chart_settings() -> Iterator[None]:
    """matplotlib defaults plus the fixed chart settings, restored afterwards."""
    _matplotlib()
    import matplotlib

    with matplotlib.rc_context():
        matplotlib.rcdefaults()
        matplotlib.rcParams.update(RC_PARAMS)
        yield


def draw(sketch: Sketch, families: Callable[[str, str], list[str]]) -> Figure:
    """Draw the sketch on a new figure exactly sketch.width × sketch.height mm in size."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties
    from matplotlib.patches import Circle, Rectangle

    figure = Figure(figsize=(sketch.width / MM_PER_INCH, sketch.height / MM_PER_INCH))
    FigureCanvasAgg(figure)
    axes = figure.add_axes((0.0, 0.0, 1.0, 1.0))
    axes.set_axis_off()
    # y grows downwards in the sketch: flip the axis instead of every coordinate.
    axes.set_xlim(0.0, sketch.width)
    axes.set_ylim(sketch.height, 0.0)
    for shape in sketch.shapes:
        if isinstance(shape, TextLine):
            for x, text, align in _placed_runs(sketch, shape):
                artist = axes.text(
                    x,
                    shape.baseline,
                    text,
                    fontproperties=FontProperties(
                        family=families(text, shape.role), size=shape.size_pt
                    ),
                    color=shape.color,
                    ha=align,
                    va="baseline",
                    parse_math=False,
                    usetex=False,
                )
                # The PDF sets this text as real text in the role's embedded fonts.
                setattr(artist, ROLE_ATTRIBUTE, shape.role)
        elif isinstance(shape, Box):
            axes.add_patch(
                Rectangle(
                    (shape.x, shape.top),
                    shape.width,
                    shape.height,
                    facecolor=shape.fill or "none",
                    edgecolor=shape.edge or "none",
                    linewidth=shape.line_pt if shape.edge else 0.0,
                    linestyle=_DASHES if shape.dashed else "solid",
                )
            )
        elif isinstance(shape, Stroke):
            xs, ys = zip(*shape.points, strict=True)
            axes.plot(
                xs,
                ys,
                color=shape.color,
                linewidth=shape.line_pt,
                linestyle=_DASHES if shape.dashed else "solid",
                solid_capstyle="butt",
                dash_capstyle="butt",
            )
        elif isinstance(shape, Dot):
            axes.add_patch(
                Circle(
                    (shape.x, shape.y),
                    shape.radius,
                    facecolor=shape.fill or "white",
                    edgecolor=shape.edge,
                    linewidth=shape.line_pt,
                    zorder=3,
                )
            )
    # plot() may have widened the limits; the sketch's millimetres must stay exact.
    axes.set_xlim(0.0, sketch.width)
    axes.set_ylim(sketch.height, 0.0)
    return figure


def _placed_runs(sketch: Sketch, line: TextLine) -> list[tuple[float, str, str]]:
    """(x, text, alignment) of each run of the line (see ChartFonts.runs): the line itself,
    or its runs placed one after the other from our own advance widths."""
    runs = sketch.fonts.runs(line.text, line.role)
    if len(runs) == 1:
        return [(line.x, line.text, line.align)]
    widths = [sketch.fonts.width_mm(run, line.role, line.size_pt) for run in runs]
    shift = {"left": 0.0, "center": 0.5, "right": 1.0}[line.align] * sum(widths)
    placed = []
    x = line.x - shift
    for run, width in zip(runs, widths, strict=True):
        placed.append((x, run, "left"))
        x += width
    return placed


def save_svg(figure: Figure) -> bytes:
    """The SVG with text as <text> (svg.fonttype "none"), naming the faces' own families.

    matplotlib names the private aliases of register_faces; each is replaced by the face's
    family name, so a viewer with the font shows the same face, and others a close one.
    """
    buffer = io.BytesIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None})
    svg = buffer.getvalue().decode("utf-8")
    for alias, family in _FAMILY_OF_ALIAS.items():
        if alias in svg:
            svg = svg.replace(f"'{alias}'", _css_family(family)).replace(alias, _css_family(family))
    return svg.encode("utf-8")


def _css_family(family: str) -> str:
    """A family name as a quoted CSS font-family value inside a style attribute (single
    quotes: matplotlib writes the attribute in double quotes)."""
    cleaned = "".join(ch for ch in family if ch not in "'\"\\<>&;{}")
    return f"'{cleaned}'" if cleaned else "sans-serif"


def save_png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    # zlib level 3: faster than the default 6 and, for these flat-colour charts, smaller.
    figure.savefig(
        buffer,
        format="png",
        dpi=PNG_DPI,
        metadata={"Software": None},
        pil_kwargs={"compress_level": 3},
    )
    return buffer.getvalue()
