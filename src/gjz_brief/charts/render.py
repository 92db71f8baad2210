"""Chart rendering: a registry of chart kinds, each a small function drawing one spec."""

from __future__ import annotations

import functools
import hashlib
import json
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from typing import TYPE_CHECKING

from gjz_brief.charts import backend
from gjz_brief.charts.bar import draw_bar
from gjz_brief.charts.data import chart_data, check_chart
from gjz_brief.charts.key_figures import draw_key_figures
from gjz_brief.charts.pdf_operators import encode_texts, save_pdf_drawing
from gjz_brief.charts.progress import draw_progress
from gjz_brief.charts.sketch import Sketch
from gjz_brief.charts.structure import draw_structure
from gjz_brief.charts.style import CHART_STYLE_VERSION, LABEL_ROLE, PNG_DPI, SMALL_ROLE
from gjz_brief.charts.text import ChartFonts
from gjz_brief.charts.timeline import draw_timeline
from gjz_brief.content.model import ChartSpec, Plan
from gjz_brief.document.tree import ChartImage
from gjz_brief.errors import BriefError, Location, RenderError
from gjz_brief.fonts.model import FontSet

if TYPE_CHECKING:
    from matplotlib.figure import Figure

DrawFunction = Callable[[ChartSpec, Plan, Sketch], Sketch]

CHART_KINDS: dict[str, DrawFunction] = {
    "timeline": draw_timeline,
    "bar": draw_bar,
    "progress": draw_progress,
    "structure": draw_structure,
    "key_figures": draw_key_figures,
}
CHART_ROLES = (LABEL_ROLE, SMALL_ROLE)


def sketch_chart(spec: ChartSpec, plan: Plan, fonts: FontSet) -> Sketch:
    """Lay the chart out (no matplotlib yet): shapes in millimetres and the texts drawn."""
    draw_function = CHART_KINDS.get(spec.kind)
    if draw_function is None:
        raise RenderError(
            f"unknown chart kind {spec.kind!r}", Location(field=f"charts.{spec.id}.kind")
        )
    check_chart(spec, plan)
    return draw_function(spec, plan, Sketch(ChartFonts(fonts, CHART_ROLES)))


def _families(sketch: Sketch) -> Callable[[str, str], list[str]]:
    """Font families for a text: only the faces its characters need (fewer font lookups)."""

    def families(text: str, role: str) -> list[str]:
        return backend.register_faces(sketch.fonts.faces_for(text, role))

    return families


def chart_figure(spec: ChartSpec, plan: Plan, fonts: FontSet) -> Figure:
    """The matplotlib figure of a chart, for inspection; render_chart saves it."""
    sketch = sketch_chart(spec, plan, fonts)
    with backend.chart_settings():
        return backend.draw(sketch, _families(sketch))


# What a chart is saved as, in the order a build needs them: the PDF's stream and its text
# runs, the DOCX's PNG, the SVG file for users.
PARTS = ("pdf_stream", "pdf_text", "png", "svg")


@dataclass
class DrawnChart:
    """A chart drawn on a matplotlib figure, ready to be saved in each format."""

    spec: ChartSpec
    sketch: Sketch
    figure: Figure
    _pdf: tuple[bytes, bytes] | None = None  # (compressed operators, text runs), drawn once

    def save(self, part: str) -> bytes:
        """One of PARTS; the same bytes whenever and in whichever process it is saved."""
        try:
            with backend.chart_settings():
                if part == "svg":
                    return backend.save_svg(self.figure)
                if part == "png":
                    return backend.save_png(self.figure)
                if self._pdf is None:
                    operators, texts = save_pdf_drawing(self.figure)
                    # Level 1: ~7× faster than the default on these paths, the PDF ~8 % larger.
                    self._pdf = zlib.compress(operators, 1), encode_texts(texts)
                return self._pdf[1] if part == "pdf_text" else self._pdf[0]
        except BriefError:
            raise
        except Exception as error:  # matplotlib/FreeType failures become project errors
            raise _drawing_failed(self.spec, error) from error


def _drawing_failed(spec: ChartSpec, error: Exception) -> RenderError:
    return RenderError(
        f"drawing chart {spec.id!r} failed: {error}", Location(field=f"charts.{spec.id}")
    )


def draw_chart(spec: ChartSpec, plan: Plan, fonts: FontSet) -> DrawnChart:
    """Lay the chart out and draw it on a figure (not saved yet)."""
    sketch = sketch_chart(spec, plan, fonts)
    try:
        with backend.chart_settings():
            return DrawnChart(spec, sketch, backend.draw(sketch, _families(sketch)))
    except BriefError:
        raise
    except Exception as error:  # matplotlib/FreeType failures become project errors
        raise _drawing_failed(spec, error) from error


def chart_image(spec_id: str, size_mm: tuple[float, float], parts: dict[str, bytes]) -> ChartImage:
    """A ChartImage from its saved PARTS (a part not given is empty)."""
    return ChartImage(
        chart_id=spec_id,
        svg=parts.get("svg", b""),
        png=parts.get("png", b""),
        width_mm=size_mm[0],
        height_mm=size_mm[1],
        png_dpi=PNG_DPI,
        pdf_stream=parts.get("pdf_stream", b""),
        pdf_text=parts.get("pdf_text", b""),
    )


def render_chart(spec: ChartSpec, plan: Plan, fonts: FontSet) -> ChartImage:
    """Draw one chart: PDF stream and text runs, SVG (text as text), PNG at 220 dpi."""
    drawn = draw_chart(spec, plan, fonts)
    parts = {part: drawn.save(part) for part in PARTS}
    return chart_image(spec.id, (drawn.sketch.width, drawn.sketch.height), parts)


def _font_record(fonts: FontSet) -> list[dict[str, object]]:
    faces = [
        ("role:" + role, fonts.roles[role].face) for role in CHART_ROLES if role in fonts.roles
    ]
    faces += [("fallback", face) for face in fonts.fallbacks]
    record: list[dict[str, object]] = []
    for use, face in faces:
        try:
            stat = face.path.stat()
            size, mtime = stat.st_size, stat.st_mtime_ns
        except OSError:
            size, mtime = -1, -1
        record.append(
            {"use": use, "path": str(face.path), "index": face.index, "size": size, "mtime": mtime}
        )
    return record


@functools.cache
def _matplotlib_version() -> str:
    """Asked once per process: each ``metadata.version`` call searches the installed
    distributions again (~4 ms)."""
    return metadata.version("matplotlib")


def chart_cache_key(spec: ChartSpec, plan: Plan, fonts: FontSet) -> str:
    """A sha256 over everything that decides a chart's bytes, for the build's chart cache."""
    payload = {
        "style": CHART_STYLE_VERSION,
        "matplotlib": _matplotlib_version(),
        "data": chart_data(spec, plan),
        "fonts": _font_record(fonts),
    }
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
