"""A chart's PDF operators: self-contained, and the same picture as matplotlib's own PNG."""

from __future__ import annotations

import io
import re
import shutil
import subprocess

import numpy as np
import pdfplumber
import pytest
from PIL import Image
from reportlab.pdfgen.canvas import Canvas

from gjz_brief.charts import chart_figure, render_chart
from gjz_brief.charts.backend import chart_settings
from gjz_brief.charts.pdf_operators import save_pdf_operators
from gjz_brief.charts.style import PNG_DPI
from gjz_brief.content.model import Plan
from gjz_brief.document.tree import ChartImage
from gjz_brief.errors import RenderError

MM = 72 / 25.4
# Everything a path-only content stream may contain: numbers, m l c h re, W n, q Q, colours,
# line width, cap, join, dash arrays and the painting operators.
ALLOWED = re.compile(rb"(-?[0-9.]+|[mlchnfSBWqQJjdw]|re|rg|RG|\[|\]|\s)+")


def _pdf_of(image: ChartImage) -> bytes:
    """The operators alone on a page of the chart's size, as the PDF renderer places them."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(image.width_mm * MM, image.height_mm * MM), invariant=1)
    canvas.beginForm("chart", 0, 0, image.width_mm * MM, image.height_mm * MM)
    canvas.addLiteral(image.pdf_operators.decode("ascii"))  # uncompressed by ChartImage
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
        operators = image.pdf_operators
        assert operators.count(b"q") == operators.count(b"Q") > 10
        # No font, image, form or graphics-state resource: the stream can go into any PDF.
        assert ALLOWED.fullmatch(operators), image.chart_id
        assert b" c\n" in operators  # glyph outlines are there, as curves


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
    """Rasterised by poppler, the operators give matplotlib's own picture.

    Measured when written: at most 0.12 % of inked blocks differ by more than 48 grey
    levels; the same picture moved by 0.46 mm differs on 8-29 %, flipped on far more.
    """
    for spec in plan.charts:
        image = render_chart(spec, plan, fonts)
        expected_image = _unhinted_png(spec, plan, fonts)
        pdf = tmp_path / f"{spec.id}.pdf"
        pdf.write_bytes(_pdf_of(image))
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
        assert (difference[ink] > 48).mean() < 0.005, spec.id
        assert difference.mean() < 2.0, spec.id
        moved = np.abs(expected - np.roll(actual, 1, axis=1))
        assert (moved[ink] > 48).mean() > 0.05, spec.id  # the measure does see a small shift


def test_chart_in_a_pdf_adds_no_text_and_no_font(images: list[ChartImage]) -> None:
    pdf = _pdf_of(images[-1])
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        page = document.pages[0]
        assert (page.extract_text() or "").strip() == ""
        assert not page.chars
        assert len(page.curves) + len(page.rects) > 20  # the chart is there, as vectors
    assert b"/FontFile" not in pdf


def test_what_a_pdf_chart_cannot_draw_is_refused() -> None:
    from matplotlib.figure import Figure

    figure = Figure(figsize=(2, 1))
    axes = figure.add_axes((0, 0, 1, 1))
    axes.bar([0], [1], color=(1, 0, 0, 0.5))
    with pytest.raises(RenderError, match="transparent"):
        save_pdf_operators(figure)
    hatched = Figure(figsize=(2, 1))
    hatched.add_axes((0, 0, 1, 1)).bar([0], [1], hatch="//")
    with pytest.raises(RenderError, match="hatching"):
        save_pdf_operators(hatched)
    pictured = Figure(figsize=(2, 1))
    pictured.add_axes((0, 0, 1, 1)).imshow(np.zeros((4, 4)))
    with pytest.raises(RenderError, match="image"):
        save_pdf_operators(pictured)
