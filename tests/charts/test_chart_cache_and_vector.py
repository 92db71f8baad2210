"""The chart cache key and the SVG → ReportLab drawing conversion."""

from __future__ import annotations

import io

import pdfplumber
import pytest
from chart_fixtures import SUNGTI, face, make_font_set
from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing

from gjz_brief.charts import chart_cache_key, render_chart
from gjz_brief.charts.vector import svg_to_drawing
from gjz_brief.content.model import Plan
from gjz_brief.errors import RenderError


def _with_figure_value(plan: Plan, figure_id: str, value: float) -> Plan:
    figures = [
        f.model_copy(update={"value": value}) if f.id == figure_id else f for f in plan.figures
    ]
    return plan.model_copy(update={"figures": figures})


def test_cache_key_is_stable_and_hex(plan: Plan, fonts) -> None:  # noqa: ANN001
    spec = plan.charts[1]
    key = chart_cache_key(spec, plan, fonts)
    assert key == chart_cache_key(spec, plan, fonts)
    assert len(key) == 64 and int(key, 16) >= 0


def test_cache_key_follows_the_drawn_data_only(plan: Plan, fonts) -> None:  # noqa: ANN001
    bar = plan.charts[1]
    key = chart_cache_key(bar, plan, fonts)
    assert chart_cache_key(bar, _with_figure_value(plan, "industrial", 289), fonts) != key
    # A figure the chart does not draw leaves its key alone.
    assert chart_cache_key(bar, _with_figure_value(plan, "loans", 43), fonts) == key
    assert chart_cache_key(bar.model_copy(update={"title": "另一标题"}), plan, fonts) != key


def test_cache_key_follows_milestones_frameworks_and_fonts(plan: Plan, fonts) -> None:  # noqa: ANN001
    timeline, structure = plan.charts[0], plan.charts[3]
    shorter = plan.model_copy(update={"milestones": plan.milestones[:3]})
    assert chart_cache_key(timeline, shorter, fonts) != chart_cache_key(timeline, plan, fonts)
    renamed = [
        f.model_copy(update={"name": "四大集群"}) if f.id == "four_clusters" else f
        for f in plan.industry
    ]
    changed = plan.model_copy(update={"industry": renamed})
    assert chart_cache_key(structure, changed, fonts) != chart_cache_key(structure, plan, fonts)
    # The timeline draws no figures: changing one leaves its key alone.
    assert chart_cache_key(timeline, _with_figure_value(plan, "listed", 18), fonts) == (
        chart_cache_key(timeline, plan, fonts)
    )
    other_fonts = make_font_set(body=face(SUNGTI))
    assert chart_cache_key(timeline, plan, other_fonts) != chart_cache_key(timeline, plan, fonts)


def test_svg_becomes_a_scaled_vector_drawing(plan: Plan, fonts) -> None:  # noqa: ANN001
    image = render_chart(plan.charts[1], plan, fonts)
    width_pt = image.width_mm / 25.4 * 72
    drawing = svg_to_drawing(image.svg, width_pt)
    assert isinstance(drawing, Drawing)
    assert drawing.width == pytest.approx(width_pt)
    assert drawing.height == pytest.approx(image.height_mm / 25.4 * 72, rel=1e-3)
    half = svg_to_drawing(image.svg, width_pt / 2)
    assert half.height == pytest.approx(drawing.height / 2, rel=1e-6)


def test_chart_in_a_pdf_adds_no_text_and_no_font(plan: Plan, fonts) -> None:  # noqa: ANN001
    image = render_chart(plan.charts[4], plan, fonts)
    pdf = renderPDF.drawToString(svg_to_drawing(image.svg, 400.0))
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        page = document.pages[0]
        assert (page.extract_text() or "").strip() == ""
        assert not page.chars
        assert len(page.curves) + len(page.rects) > 20  # the chart is there, as vectors
    assert b"/FontFile" not in pdf


def test_broken_svg_is_a_render_error() -> None:
    with pytest.raises(RenderError):
        svg_to_drawing(b"<svg", 100.0)
    with pytest.raises(RenderError):
        svg_to_drawing(b"<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'/>", 0)
