"""A chart's PDF operators: self-contained graphics, the chart's text as runs set in the
PDF's fonts, and together the same picture as matplotlib's own PNG."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zlib

import numpy as np
import pdfplumber
import pytest
from PIL import Image
from reportlab.pdfgen.canvas import Canvas

from gjz_brief.charts import chart_figure, render_chart, sketch_chart
from gjz_brief.charts.backend import chart_settings
from gjz_brief.charts.pdf_operators import decode_texts, save_pdf_drawing
from gjz_brief.charts.sketch import TextLine
from gjz_brief.charts.style import PNG_DPI
from gjz_brief.content.model import Plan
from gjz_brief.document.tree import ChartImage
from gjz_brief.errors import RenderError
from gjz_brief.fonts.model import FontSet
from gjz_brief.fonts.pdf import register_pdf_fonts
from gjz_brief.render.pdf.figures import draw_chart_text

MM = 72 / 25.4
# Everything a path-only content stream may contain: numbers, m l c h re, W n, q Q, colours,
# line width, cap, join, dash arrays and the painting operators.
ALLOWED = re.compile(rb"(-?[0-9.]+|[mlchnfSBWqQJjdw]|re|rg|RG|\[|\]|\s)+")


def _outlines(figure) -> bytes:  # noqa: ANN001
    """The figure's operators with every text as outlines (no text runs)."""
    return save_pdf_drawing(figure, text_as_runs=False)[0]


def _pdf_of(image: ChartImage, fonts: FontSet | None = None) -> bytes:
    """The operators on a page of the chart's size, as the PDF renderer places them, and
    with ``fonts`` the text runs over them as the renderer sets them."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(image.width_mm * MM, image.height_mm * MM), invariant=1)
    canvas.beginForm("chart", 0, 0, image.width_mm * MM, image.height_mm * MM)
    canvas.addLiteral(
        zlib.decompress(image.pdf_stream).decode("ascii")
    )  # uncompressed by ChartImage
    if fonts is not None:
        runs = decode_texts(image.pdf_text)
        pdf_fonts = register_pdf_fonts(fonts, "".join(run.text for run in runs))
        for run in runs:
            draw_chart_text(canvas, run, pdf_fonts)
    canvas.endForm()
    canvas.doForm("chart")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


@pytest.fixture(scope="module")
def images(plan: Plan, fonts) -> list[ChartImage]:  # noqa: ANN001
    return [render_chart(spec, plan, fonts) for spec in plan.charts]


def test_operators_draw_paths_only(images: list[ChartImage]) -> None:
    assert len(images) == 5  # one of each chart kind
    for image in images:
        operators = zlib.decompress(image.pdf_stream)
        assert operators.count(b"q") == operators.count(b"Q") > 3
        # No font, image, form or graphics-state resource: the stream can go into any PDF.
        assert ALLOWED.fullmatch(operators), image.chart_id


def test_text_comes_as_runs_not_outlines(plan: Plan, fonts, images: list[ChartImage]) -> None:  # noqa: ANN001
    """Every text line of the chart's sketch is a run (its characters, its role), so the
    operators carry no glyph outlines: a chart drawn without its text is all that's left."""
    for spec, image in zip(plan.charts, images, strict=True):
        runs = decode_texts(image.pdf_text)
        lines = [s for s in sketch_chart(spec, plan, fonts).shapes if isinstance(s, TextLine)]
        assert sorted("".join(r.text for r in runs)) == sorted("".join(t.text for t in lines))
        assert {r.role for r in runs} == {t.role for t in lines}
        assert all(r.size > 0 and re.fullmatch(r"#[0-9a-f]{6}", r.colour) for r in runs)
        outlines_only = chart_figure(spec, plan, fonts)
        with chart_settings():
            as_outlines = _outlines(outlines_only)
        assert len(zlib.decompress(image.pdf_stream)) < len(as_outlines) / 2, spec.id


def _unhinted_png(spec, plan: Plan, fonts) -> Image.Image:  # noqa: ANN001
    """matplotlib's own raster of the chart, with glyphs unhinted like the outlines drawn."""
    import matplotlib

    figure = chart_figure(spec, plan, fonts)
    buffer = io.BytesIO()
    with chart_settings(), matplotlib.rc_context({"text.hinting": "none"}):
        figure.savefig(buffer, format="png", dpi=PNG_DPI)
    return Image.open(buffer).convert("L")


def _blocks(pixels: np.ndarray, size: int = 4) -> np.ndarray:
    """Mean grey of size × size blocks (0.46 mm at 220 dpi): anti-aliasing averages out."""
    height, width = (extent - extent % size for extent in pixels.shape)
    cropped = pixels[:height, :width]
    return cropped.reshape(height // size, size, width // size, size).mean(axis=(1, 3))


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler-utils")
def test_pdf_drawing_matches_matplotlib(plan: Plan, fonts, tmp_path) -> None:  # noqa: ANN001
    """Rasterised by poppler, the operators and the text runs set in the PDF's fonts give
    matplotlib's own picture: same faces, same places.

    Measured when written: at most 1.1 % of inked blocks differ by more than 48 grey levels
    (0.01-0.12 % for all but the key figures' 17 pt values: poppler rasterises the text from
    the embedded fonts, matplotlib draws unhinted outlines); the same picture moved by
    0.46 mm differs on 8-29 %, flipped on far more. Since charts draw no title (issue #19)
    the key figures' share is 2.3 %: the title's well-matching ink no longer dilutes it.
    """
    for spec in plan.charts:
        image = render_chart(spec, plan, fonts)
        expected_image = _unhinted_png(spec, plan, fonts)
        pdf = tmp_path / f"{spec.id}.pdf"
        pdf.write_bytes(_pdf_of(image, fonts))
        width, height = expected_image.size
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-singlefile",
                "-scale-to-x",
                str(width),
                "-scale-to-y",
                str(height),
                str(pdf),
                str(tmp_path / spec.id),
            ],
            check=True,
        )
        actual = _blocks(np.asarray(Image.open(tmp_path / f"{spec.id}.png").convert("L"), float))
        expected = _blocks(np.asarray(expected_image, float))
        ink = expected < 230
        assert ink.sum() > 500, spec.id
        difference = np.abs(expected - actual)
        limit = 0.03 if spec.kind == "key_figures" else 0.02
        assert (difference[ink] > 48).mean() < limit, spec.id
        assert difference.mean() < 2.0, spec.id
        moved = np.abs(expected - np.roll(actual, 1, axis=1))
        assert (moved[ink] > 48).mean() > 0.05, spec.id  # the measure does see a small shift


def test_chart_graphics_in_a_pdf_add_no_text_and_no_font(images: list[ChartImage]) -> None:
    pdf = _pdf_of(images[-1])
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        page = document.pages[0]
        assert (page.extract_text() or "").strip() == ""
        assert not page.chars
        assert len(page.curves) + len(page.rects) > 3  # the chart is there, as vectors
    assert b"/FontFile" not in pdf


def test_what_a_pdf_chart_cannot_draw_is_refused() -> None:
    from matplotlib.figure import Figure

    figure = Figure(figsize=(2, 1))
    axes = figure.add_axes((0, 0, 1, 1))
    axes.bar([0], [1], color=(1, 0, 0, 0.5))
    with pytest.raises(RenderError, match="transparent"):
        _outlines(figure)
    hatched = Figure(figsize=(2, 1))
    hatched.add_axes((0, 0, 1, 1)).bar([0], [1], hatch="//")
    with pytest.raises(RenderError, match="hatching"):
        _outlines(hatched)
    pictured = Figure(figsize=(2, 1))
    pictured.add_axes((0, 0, 1, 1)).imshow(np.zeros((4, 4)))
    with pytest.raises(RenderError, match="image"):
        _outlines(pictured)
