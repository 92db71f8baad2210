"""Figures: the chart PNG inline with its alt text, numbered captions, print resolution."""

from __future__ import annotations

import pytest
from docx_sample import (
    WP,
    W,
    chart_png,
    instructions,
    keeps_next,
    paragraph_text,
    part,
    part_names,
    sample_charts,
    sample_document,
    style_id_of,
)

from gjz_brief.errors import RenderError
from gjz_brief.render.docx import DEFAULT_OFFICE_FONTS, render_docx
from gjz_brief.template.theme import Theme


def test_figure_is_inline_png_with_alt_text_at_print_resolution(output: bytes) -> None:
    body = part(output, "word/document.xml")
    (properties,) = list(body.iter(f"{WP}docPr"))
    assert properties.get("descr") == "柱状图：规模以上工业企业288家。"
    assert properties.get("title") == "甘井子区企业数量"
    extent = next(body.iter(f"{WP}extent"))
    assert int(extent.get("cx")) == 150 * 36000
    assert int(extent.get("cy")) == round(150 * 36000 * 780 / 1300)
    assert any(name.startswith("word/media/") for name in part_names(output))


def test_low_resolution_or_missing_chart_raises_render_error() -> None:
    document = sample_document()
    with pytest.raises(RenderError, match="dpi"):
        render_docx(document, sample_charts(chart_png(600, 360)), Theme(), DEFAULT_OFFICE_FONTS)
    with pytest.raises(RenderError, match="enterprises"):
        render_docx(document, {}, Theme(), DEFAULT_OFFICE_FONTS)


def test_captions_carry_seq_fields_with_cached_numbers(output: bytes) -> None:
    body = part(output, "word/document.xml")
    captions = [p for p in body.iter(f"{W}p") if style_id_of(p) == "Caption"]
    assert [paragraph_text(p) for p in captions] == [
        "表1　甘井子区企业数量",
        "图1　甘井子区企业数量",
    ]
    found = instructions(body)
    assert "SEQ 表 \\* ARABIC" in found and "SEQ 图 \\* ARABIC" in found


def test_a_figure_has_one_caption_kept_with_its_picture(output: bytes) -> None:
    """One title per chart: the caption (the chart draws none, tests/charts/test_layout.py),
    kept with the picture (issue #19)."""
    body = part(output, "word/document.xml").find(f"{W}body")
    styles = part(output, "word/styles.xml")
    paragraphs = list(body.iter(f"{W}p"))
    (picture,) = [p for p in paragraphs if p.find(f".//{W}drawing") is not None]
    following = picture.getnext()
    assert style_id_of(following) == "Caption" and paragraph_text(following).endswith(
        "甘井子区企业数量"
    )
    assert keeps_next(picture, styles)
    captions = [p for p in paragraphs if paragraph_text(p).startswith("图")]
    assert len(captions) == 1
