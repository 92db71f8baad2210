"""Chinese wrapping rules, glyph coverage and font fallback for chart text."""

from __future__ import annotations

from pathlib import Path

import pytest
from chart_fixtures import UMING, WENKAI, ZENHEI, face, make_font_set
from fontTools.ttLib import TTFont
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gjz_brief.charts import render_chart, sketch_chart
from gjz_brief.charts.text import NO_LINE_END, NO_LINE_START, ChartFonts, split_units, wrap
from gjz_brief.content.model import Plan
from gjz_brief.errors import RenderError


@pytest.fixture(scope="module")
def chart_fonts(fonts) -> ChartFonts:  # noqa: ANN001
    return ChartFonts(fonts, ("heading", "body"))


def _cmap(path: str) -> set[int]:
    font = TTFont(path, fontNumber=0, lazy=True)
    try:
        return set(font.getBestCmap())
    finally:
        font.close()


def test_numbers_and_percentages_stay_whole() -> None:
    units = split_units("完成全年任务的38.86%，5G与“3+3”格局")
    assert "38.86%，" in units  # the comma may not start a line: it sticks to the number
    assert "5G" in units
    assert "“3+3”" in units  # opening quote joins the next unit, closing one the previous


@pytest.mark.parametrize("width", [10.0, 18.0, 25.0, 40.0])
def test_wrapped_lines_respect_width_and_line_rules(width: float, chart_fonts) -> None:  # noqa: ANN001
    text = "把甘井子区建设成为发展质量效益更高、民主法治更健全、生态环境更优美、人民群众更富裕、社会更加文明和谐的现代化新城区。"
    lines = wrap(text, width, chart_fonts, "body", 9.0)
    assert "".join(lines) == text
    for line in lines:
        assert line[0] not in NO_LINE_START
        assert line[-1] not in NO_LINE_END
        assert chart_fonts.width_mm(line, "body", 9.0) <= width + 1e-6
    assert len(lines[-1]) > 1  # no single orphan character on the last line


def test_balanced_wrap_evens_out_lines(chart_fonts) -> None:  # noqa: ANN001
    text = "振兴发展各项目标全面实现"
    greedy = wrap(text, 35.0, chart_fonts, "heading", 9.0, balanced=False)
    balanced = wrap(text, 35.0, chart_fonts, "heading", 9.0)
    assert len(greedy) == len(balanced) == 2
    assert abs(len(balanced[0]) - len(balanced[1])) <= 1 < abs(len(greedy[0]) - len(greedy[1]))


CHINESE = st.sampled_from(
    list("甘井子区发展规划枢纽新城先进制造业现代服务")
    + list("，。、；：（）“”《》")
    + ["38.86%", "5G", "2049"]
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(parts=st.lists(CHINESE, min_size=1, max_size=40), width=st.floats(8.0, 60.0))
def test_wrap_keeps_every_character(parts: list[str], width: float, chart_fonts) -> None:  # noqa: ANN001
    text = "".join(parts)
    lines = wrap(text, width, chart_fonts, "body", 8.0)
    assert "".join(lines) == text
    for line in lines:
        fits = chart_fonts.width_mm(line, "body", 8.0) <= width + 1e-6
        assert fits or len(split_units(line)) == 1  # only a single over-wide unit may overflow


def _bar_labelled(plan: Plan, name: str):  # noqa: ANN202
    """The bar chart and a plan whose first bar is labelled ``name`` (the chart draws its
    figures' names, not its title)."""
    spec = plan.charts[1]
    assert spec.kind == "bar"
    first = spec.figures[0]
    figures = [
        figure.model_copy(update={"name": name}) if figure.id == first else figure
        for figure in plan.figures
    ]
    return spec, plan.model_copy(update={"figures": figures})


def test_missing_glyph_is_named(plan: Plan, fonts) -> None:  # noqa: ANN001
    missing = "\U0001f600"
    for path in (ZENHEI, UMING, WENKAI):
        assert ord(missing) not in _cmap(path)  # precondition: no test font has it
    spec, named = _bar_labelled(plan, f"企业基础{missing}")
    with pytest.raises(RenderError, match="U\\+1F600"):
        render_chart(spec, named, fonts)


def test_fallback_face_supplies_a_missing_character(plan: Plan) -> None:
    # AR PL UMing CN lacks some ideographs WenQuanYi Zen Hei has (such as 刏 U+520F)
    in_fallback = _cmap(ZENHEI) - _cmap(UMING)
    char = next(chr(c) for c in sorted(in_fallback) if 0x4E00 <= c <= 0x9FFF)
    spec, named = _bar_labelled(plan, f"企业基础{char}")
    narrow = face(UMING, 0, "AR PL UMing CN")
    without = make_font_set(body=narrow, heading=narrow)
    with pytest.raises(RenderError, match=f"U\\+{ord(char):04X}"):
        sketch_chart(spec, named, without)
    zenhei = face(ZENHEI, 0, "WenQuanYi Zen Hei")
    with_fallback = make_font_set(body=narrow, heading=narrow, fallbacks=(zenhei,))
    image = render_chart(spec, named, with_fallback)
    # The SVG names the fallback face for the bar's label, which holds the character.
    assert b"WenQuanYi" in image.svg and char.encode() in image.svg


def test_missing_role_is_an_error(plan: Plan, fonts) -> None:  # noqa: ANN001
    roles = {role: font for role, font in fonts.roles.items() if role != "heading"}
    broken = type(fonts)(roles=roles, fallbacks=fonts.fallbacks)
    with pytest.raises(RenderError, match="heading"):
        render_chart(plan.charts[1], plan, broken)


def test_unreadable_font_file_is_an_error(plan: Plan, tmp_path) -> None:  # noqa: ANN001
    bad = tmp_path / "broken.ttf"
    bad.write_bytes(b"not a font")
    with pytest.raises(RenderError, match="broken.ttf"):
        render_chart(plan.charts[1], plan, make_font_set(body=face(str(bad))))


def test_quotation_marks_come_full_width_from_a_face_that_draws_them_so(plan: Plan) -> None:
    """WenQuanYi Zen Hei draws “” a third of an em wide; Chinese text sets them full-width
    (GB/T 15834), so a chart takes them from the body face, else the first fallback that
    draws them full-width (here both are UMing)."""
    zenhei = face(ZENHEI, 0, "WenQuanYi Zen Hei")
    uming = face(UMING, 0, "AR PL UMing CN")
    fonts = make_font_set(heading=zenhei, fallbacks=(uming,))
    chart_fonts = ChartFonts(fonts, ("heading",))
    text = "“3+3”现代产业"
    assert chart_fonts.runs(text, "heading") == ["“", "3+3", "”", "现代产业"]
    assert chart_fonts.faces_for("“", "heading") == (uming,)
    assert chart_fonts.faces_for("现代产业", "heading") == (zenhei,)
    em = 10 * 25.4 / 72  # 10 pt in mm
    narrow = chart_fonts.width_mm("3+3现代产业", "heading", 10)
    assert chart_fonts.width_mm(text, "heading", 10) == pytest.approx(narrow + 2 * em)
    # Without a face that has full-width quotes, the role's own narrow ones are used.
    alone = ChartFonts(make_font_set(body=zenhei, heading=zenhei), ("heading",))
    assert alone.runs(text, "heading") == [text]
    spec, named = _bar_labelled(plan, "企业“基础”")
    image = render_chart(spec, named, fonts)
    assert b"UMing" in image.svg and b"WenQuanYi" in image.svg  # glyphs of both faces


NOTO_SANS = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"


@pytest.mark.skipif(not Path(NOTO_SANS).is_file(), reason="fonts-noto-cjk not installed")
def test_narrow_quotes_come_from_the_body_face_first_as_in_the_pdf() -> None:
    """A fallback before the body face draws “” full-width too; the chart still takes the
    body face's, as the PDF's own text does, so the PDF sets chart text in the chart's faces."""
    from gjz_brief.fonts.pdf import register_pdf_fonts

    zenhei = face(ZENHEI, 0, "WenQuanYi Zen Hei")
    uming = face(UMING, 0, "AR PL UMing CN")
    noto = face(NOTO_SANS, 2, "Noto Sans CJK SC", "cff")
    fonts = make_font_set(body=uming, heading=zenhei, fallbacks=(noto, uming))
    chart_fonts = ChartFonts(fonts, ("heading",))
    assert chart_fonts.faces_for("“", "heading") == (uming,)
    assert chart_fonts.faces_for("“现代”", "heading") == (zenhei, uming)
    pdf_fonts = register_pdf_fonts(fonts, "“现代产业”")
    assert pdf_fonts.font_for("heading", "“") == pdf_fonts.name("body")
