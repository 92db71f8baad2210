"""Converted faces get only their roles' text; a character the estimate missed is reported."""

from __future__ import annotations

import pytest
from fonts_support import NOTO, needs_installed_fonts

from gjz_brief.content.loader import BUILTIN_CONTENT, load_content
from gjz_brief.document.compose import compose_document
from gjz_brief.fonts.model import FontFace, FontSet, ResolvedFont
from gjz_brief.fonts.pdf import register_pdf_fonts
from gjz_brief.fonts.pdf_text import pdf_role_texts
from gjz_brief.template.loader import load_template

NOTO_BOLD = FontFace(NOTO / "NotoSerifCJK-Bold.ttc", 2, "Noto Serif CJK SC", "cff")
NOTO_REGULAR = FontFace(NOTO / "NotoSerifCJK-Regular.ttc", 2, "Noto Serif CJK SC", "cff")


def _fontset(title: FontFace, other: FontFace) -> FontSet:
    roles = {
        role: ResolvedFont(role, title if role == "title" else other, "test", "宋体")
        for role in ("title", "body", "heading", "kai", "song")
    }
    return FontSet(roles, (other, title))


@needs_installed_fonts
def test_the_title_face_gets_only_the_title_text(tmp_path):
    fonts = register_pdf_fonts(
        _fontset(NOTO_BOLD, NOTO_REGULAR),
        "",
        tmp_path,
        {"title": "甘井子区", "body": "甘井子区枢纽新城", "kai": "", "heading": "", "song": ""},
    )
    title = fonts.name("title")
    assert {ord(c) for c in "甘井子区"} <= fonts.drawable[title]
    assert ord("枢") not in fonts.drawable[title]  # body text only
    assert ord("枢") in fonts.drawable[fonts.name("body")]
    assert fonts.subset_misses == set()


@needs_installed_fonts
def test_a_character_missing_only_from_the_subset_is_recorded(tmp_path):
    fonts = register_pdf_fonts(
        _fontset(NOTO_BOLD, NOTO_REGULAR), "", tmp_path, {"title": "甘井", "body": "枢纽"}
    )
    # The title face has 枢, its subset does not: drawn from the body face, and recorded.
    assert fonts.font_for("title", "枢") == fonts.name("body")
    assert fonts.subset_misses == {("title", "枢")}
    # 子 is in no subset at all: still a miss (it would be drawn as a box).
    assert fonts.font_for("title", "子") == fonts.name("title")
    assert ("title", "子") in fonts.subset_misses
    fonts.subset_misses.discard(("title", "子"))
    # A character no face has is no subset miss (the glyph check reports it).
    fonts.font_for("title", "\U000f0000")
    assert fonts.subset_misses == {("title", "枢")}


@needs_installed_fonts
def test_without_role_texts_every_role_gets_the_text(tmp_path):
    fonts = register_pdf_fonts(_fontset(NOTO_BOLD, NOTO_REGULAR), "甘井子区枢纽", tmp_path)
    assert ord("枢") in fonts.drawable[fonts.name("title")]


@pytest.mark.parametrize("template_name", ["full", "onepage", "jianbao"])
def test_role_texts_of_the_builtin_content(template_name):
    plan = load_content(BUILTIN_CONTENT).plan
    template = load_template(template_name, None)
    document = compose_document(
        plan, template.layout, date=plan.meta.as_of, layout_name=template.name, issue_number=1
    )
    texts = pdf_role_texts(document)
    everything = set("".join(document.text_blocks()))
    assert set(texts["body"]) >= everything
    assert set(texts["title"]) <= set(texts["heading"]) <= set(texts["body"])
    assert 0 < len(set(texts["title"])) < len(everything) / 3  # the point of the estimate


@needs_installed_fonts
@pytest.mark.slow
@pytest.mark.parametrize("template_name", ["full", "onepage", "jianbao"])
def test_the_renderer_draws_nothing_the_estimate_missed(template_name, default_fonts, tmp_path):
    """If this fails, pdf_role_texts misses text the renderer sets in a converted face: the
    build still comes out right (it renders twice) but slower; extend the estimate."""
    from gjz_brief.render.pdf import RENDERER_TEXT, render_pdf

    plan = load_content(BUILTIN_CONTENT).plan
    template = load_template(template_name, None)
    document = compose_document(
        plan, template.layout, date=plan.meta.as_of, layout_name=template.name, issue_number=1
    )
    assert any(r.face.outlines == "cff" for r in default_fonts.roles.values())
    charts = _charts(plan, document, default_fonts)
    texts = pdf_role_texts(document, _chart_texts(charts))
    fonts = register_pdf_fonts(default_fonts, RENDERER_TEXT, tmp_path, texts)
    render_pdf(document, charts, fonts, template.theme)
    assert fonts.subset_misses == set()


def _chart_texts(charts):
    """Role → the charts' text, as the build gives it (from their text runs)."""
    from gjz_brief.charts.pdf_operators import decode_texts

    texts: dict[str, str] = {}
    for image in charts.values():
        for run in decode_texts(image.pdf_text):
            texts[run.role] = texts.get(run.role, "") + run.text
    return texts


def _charts(plan, document, fonts):
    from gjz_brief.charts import render_chart

    specs = {spec.id: spec for spec in plan.charts}
    return {f.chart_id: render_chart(specs[f.chart_id], plan, fonts) for f in document.figures()}


@needs_installed_fonts
@pytest.mark.slow
def test_the_build_renders_again_with_whole_subsets_after_a_miss(
    default_fonts, tmp_path, monkeypatch
):
    from gjz_brief.fonts import pdf, pdf_text
    from gjz_brief.render import typeset_pdf

    registered = []
    original = pdf.register_pdf_fonts

    def recording(*args, **kwargs):
        registered.append(original(*args, **kwargs))
        return registered[-1]

    monkeypatch.setattr(pdf, "register_pdf_fonts", recording)
    # estimates nothing
    monkeypatch.setattr(pdf_text, "pdf_role_texts", lambda document, charts=None: {})
    plan = load_content(BUILTIN_CONTENT).plan
    template = load_template("onepage", None)
    document = compose_document(
        plan, template.layout, date=plan.meta.as_of, layout_name=template.name
    )
    charts = _charts(plan, document, default_fonts)
    rendered = typeset_pdf(document, charts, default_fonts, template.theme, tmp_path, {})
    assert rendered.data.startswith(b"%PDF")
    assert len(registered) == 2
    assert registered[0].subset_misses  # the title's characters were missing at first
    assert registered[1].subset_misses == set()
    title = registered[1].name("title")
    assert {ord(c) for c in plan.meta.title if not c.isspace()} <= registered[1].drawable[title]
