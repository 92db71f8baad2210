"""SVG charts as ReportLab drawings, so the PDF holds them as vector graphics."""

from __future__ import annotations

import copy
import functools
import io
import logging
from typing import TYPE_CHECKING

from gjz_brief.errors import RenderError

if TYPE_CHECKING:
    from reportlab.graphics.shapes import Drawing


def svg_to_drawing(svg: bytes, width_pt: float) -> Drawing:
    """Parse a chart SVG with svglib and scale it uniformly to ``width_pt`` points wide.

    The parse is remembered: the PDF renderer lays the document out more than once (for the
    contents' page numbers) and would otherwise parse each chart again every time.
    """
    if width_pt <= 0:
        raise RenderError(f"a chart needs a positive width, not {width_pt} pt")
    # A shallow copy: its own size and transform, the parsed shapes shared (never modified).
    drawing = copy.copy(_parse(svg))
    scale = width_pt / float(drawing.width)
    drawing.scale(scale, scale)
    drawing.width = width_pt
    drawing.height = float(drawing.height) * scale
    return drawing


@functools.lru_cache(maxsize=32)
def _parse(svg: bytes) -> Drawing:
    from svglib.svglib import svg2rlg

    # svglib logs every SVG feature it skips; chart SVGs use none that matter.
    svglib_log = logging.getLogger("svglib.svglib")
    level = svglib_log.level
    svglib_log.setLevel(logging.ERROR)
    try:
        drawing = svg2rlg(io.BytesIO(svg))
    except Exception as error:  # lxml and svglib raise many kinds for broken input
        raise RenderError(f"cannot convert the chart SVG: {error}") from error
    finally:
        svglib_log.setLevel(level)
    if drawing is None or not drawing.width:
        raise RenderError("cannot convert the chart SVG: svglib returned no drawing")
    return drawing
