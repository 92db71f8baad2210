"""Charts in the PDF: inside the text block, one form for a chart placed twice, drawn late."""

from __future__ import annotations

import dataclasses
import io
import zlib

import pdf_sample as support
import pdfplumber
import pypdf
import pytest
from pdf_sample import (
    TEXT_LEFT,
    TEXT_RIGHT,
    TEXT_TOP,
    THEME,
    _LateCharts,
    compact,
)

from gjz_brief.document import tree
from gjz_brief.errors import RenderError
from gjz_brief.render.pdf import render_pdf


def test_figure_is_inside_the_text_block_with_caption_below(sample: bytes) -> None:
    with pdfplumber.open(io.BytesIO(sample)) as pdf:
        page = next(p for p in pdf.pages if "图1" in (p.extract_text() or ""))
        shapes = [s for s in page.curves + page.rects if s["fill"]]
        caption = next(line for line in page.extract_text_lines() if "图1" in line["text"])
    assert shapes, "the chart should be vector shapes"
    assert min(s["x0"] for s in shapes) >= TEXT_LEFT - 0.5
    assert max(s["x1"] for s in shapes) <= TEXT_RIGHT + 0.5
    assert min(s["top"] for s in shapes) >= TEXT_TOP - 0.5
    assert max(s["bottom"] for s in shapes) <= caption["top"]
    assert compact(caption["text"]) == "图1甘井子区企业数量"


def test_a_chart_placed_twice_is_one_form_holding_its_stream_as_drawn() -> None:
    chart = support.make_chart()
    document = support.sample_document()
    figures = [b for b in document.blocks if isinstance(b, tree.FigureBlock)]
    twice = dataclasses.replace(document, blocks=(*document.blocks, figures[0]))
    data = render_pdf(twice, {"investment": chart}, support.make_fonts(twice), THEME)
    reader = pypdf.PdfReader(io.BytesIO(data))
    forms = {}
    for page in reader.pages:
        for xobject in (page["/Resources"].get("/XObject") or {}).values():
            xobject = xobject.get_object()
            if xobject.get("/Subtype") == "/Form" and xobject.get_data() == zlib.decompress(
                chart.pdf_stream
            ):
                forms[xobject.indirect_reference.idnum] = xobject
    assert len(forms) == 1  # stored once
    (form,) = forms.values()
    names = [
        name
        for page in reader.pages
        for name, xobject in (page["/Resources"].get("/XObject") or {}).items()
        if xobject.idnum == form.indirect_reference.idnum
    ]
    drawn = sum(
        page.get_contents().get_data().count(f"{names[0]} Do".encode()) for page in reader.pages
    )
    assert drawn == 2  # placed twice
    assert form["/Filter"] == "/FlateDecode"
    assert form._data == chart.pdf_stream  # embedded exactly as the chart stage compressed it


def test_pages_are_laid_out_before_the_chart_drawing_is_needed() -> None:
    chart = support.make_chart()
    document = support.sample_document()
    late = _LateCharts(chart)
    data = render_pdf(document, late, support.make_fonts(document), THEME)
    assert late.calls.count("image") == 1 and late.calls[-2:] == ["image", "text"]  # when saved
    assert data == render_pdf(document, {"investment": chart}, support.make_fonts(document), THEME)


def test_a_chart_that_never_arrives_is_a_render_error() -> None:
    document = support.sample_document()
    with pytest.raises(RenderError, match="investment"):
        render_pdf(document, _LateCharts(None), support.make_fonts(document), THEME)


def test_missing_chart_is_a_render_error() -> None:
    document = tree.Document(
        support.sample_document().meta, (tree.FigureBlock(1, "absent", "无图", "无"),)
    )
    with pytest.raises(RenderError, match="absent"):
        render_pdf(document, {}, support.make_fonts(document), THEME)
