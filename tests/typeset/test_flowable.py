"""CJKParagraph: wrap, split (widows/orphans), placement, runs, fonts and fake bold."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from types import SimpleNamespace

import pdfplumber
import pypdf
import pytest
from pdf_lines import extract_lines
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from typeset_support import has_latin

from gjz_brief.typeset.flowable import CJKParagraph
from gjz_brief.typeset.linebreak import break_lines, segment
from gjz_brief.typeset.metrics import FontMetrics
from gjz_brief.typeset.placement import compressions, group_runs, ink_width, place_line

WIDTH = 156 * mm
PITCH, LEADING = WIDTH / 28, 225 * mm / 22
TEXT = "甘井子区是大连的重大产业承载区，现有规模以上工业企业288家，规模以上服务业企业188家。" * 4


def paragraph(font: str, text: str = TEXT, **options) -> CJKParagraph:
    settings = {"size": 16, "leading": LEADING, "first_line_indent": 2 * PITCH}
    settings["char_pitch"] = PITCH
    settings.update(options)
    return CJKParagraph(text, font_for=lambda ch: font, **settings)


def lines_count(flowable: CJKParagraph) -> int:
    return len(flowable.lines(WIDTH))


def at(flowable: CJKParagraph, *, top: bool) -> CJKParagraph:
    flowable._frame = SimpleNamespace(_atTop=top)  # what Frame.split sets before splitting
    return flowable


def test_wrap_is_lines_times_leading(uming: str) -> None:
    flowable = paragraph(uming)
    width, height = flowable.wrap(WIDTH, 1000)
    assert width == WIDTH
    assert height == pytest.approx(lines_count(flowable) * LEADING)
    assert lines_count(flowable) == 7
    assert paragraph(uming, "").wrap(WIDTH, 1000)[1] == pytest.approx(LEADING)  # a blank line


def test_split_between_lines_keeps_two_lines_on_each_side(uming: str) -> None:
    flowable = paragraph(
        uming, space_before=3, space_after=5, keep_with_next=True, min_lines_at_split=2
    )
    total = lines_count(flowable)  # 7
    head, tail = at(flowable, top=False).split(WIDTH, 4.5 * LEADING)
    assert (lines_count(head), lines_count(tail)) == (4, total - 4)
    head, tail = flowable.split(WIDTH, 6 * LEADING)  # would leave 1 line: a widow
    assert (lines_count(head), lines_count(tail)) == (total - 2, 2)
    assert flowable.split(WIDTH, 1.9 * LEADING) == []  # one line alone: an orphan
    assert flowable.split(WIDTH, 100 * LEADING) == [flowable]
    # The parts behave as one paragraph.
    assert head.getPlainText() + tail.getPlainText() == TEXT
    assert head.lines(WIDTH)[0].indent == pytest.approx(2 * PITCH)
    assert tail.lines(WIDTH)[0].indent == 0
    assert not head.lines(WIDTH)[-1].is_last  # justified: the paragraph goes on
    assert tail.lines(WIDTH)[-1].is_last
    assert (head.spaceBefore, head.spaceAfter, head.keepWithNext) == (3, 0, False)
    assert (tail.spaceBefore, tail.spaceAfter, tail.keepWithNext) == (0, 5, True)
    # Re-breaking a part at another width keeps its role in the paragraph.
    assert tail.lines(WIDTH / 2)[0].indent == 0 and tail.lines(WIDTH / 2)[-1].is_last
    assert not head.lines(WIDTH / 2)[-1].is_last


def test_on_the_grid_too_a_split_keeps_two_lines_on_each_side(uming: str) -> None:
    """Issue #19: no widow (a page opening with a paragraph's last line alone) and no orphan
    (a page ending with its first line alone), on the GB/T 9704 grid as off it: the page
    ends a line short instead."""
    flowable = paragraph(uming)
    total = lines_count(flowable)  # 7
    head, tail = at(flowable, top=False).split(WIDTH, 6 * LEADING)  # 6 + 1 would be a widow
    assert (lines_count(head), lines_count(tail)) == (5, 2)
    assert at(flowable, top=False).split(WIDTH, 1.5 * LEADING) == []  # 1 + 6: an orphan
    head, tail = at(flowable, top=False).split(WIDTH, 2 * LEADING)
    assert (lines_count(head), lines_count(tail)) == (2, total - 2)
    assert head.getPlainText() + tail.getPlainText() == TEXT
    off_grid = paragraph(uming, char_pitch=None)
    assert flowable.min_lines_at_split == off_grid.min_lines_at_split == 2
    # What a heading keeping with this paragraph must find room for: its first three lines
    # (LINES_UNDER_HEADING); all of a three- or four-line paragraph, which cannot split
    # into three and two.
    assert flowable.height_free_to_follow(WIDTH) == pytest.approx((total - 3) * LEADING)
    three = paragraph(uming, TEXT[:65])
    assert lines_count(three) == 3 and three.height_free_to_follow(WIDTH) == 0
    four = paragraph(uming, TEXT[:90])
    assert lines_count(four) == 4 and four.height_free_to_follow(WIDTH) == 0
    # Asked for explicitly, 1 fills every line (the old 公文 default).
    filling = paragraph(uming, min_lines_at_split=1)
    head, tail = at(filling, top=False).split(WIDTH, 6 * LEADING)
    assert (lines_count(head), lines_count(tail)) == (6, 1)


def test_short_paragraph_moves_whole_unless_the_frame_is_empty(uming: str) -> None:
    three = paragraph(uming, TEXT[:65], min_lines_at_split=2)
    assert lines_count(three) == 3
    assert at(three, top=False).split(WIDTH, 2 * LEADING) == []
    head, tail = at(three, top=True).split(WIDTH, 2 * LEADING)  # nothing else would fit
    assert (lines_count(head), lines_count(tail)) == (2, 1)


def test_justified_lines_end_at_the_edge_and_draw_in_one_run(uming: str) -> None:
    metrics = FontMetrics(lambda ch: uming, 16, PITCH)
    lines = break_lines(segment(TEXT), metrics.width_of, WIDTH, 2 * PITCH)
    first = place_line(lines[0], metrics, "justify")
    assert first[0].x == pytest.approx(2 * PITCH)
    assert first[-1].x + first[-1].width == pytest.approx(WIDTH, abs=1e-9)
    assert len(group_runs(first)) == 1  # pure Chinese: one Tj with one Tc
    mixed = next(line for line in lines if has_latin(line) and not line.is_last)
    glyphs = place_line(mixed, metrics, "justify")
    assert glyphs[-1].x + glyphs[-1].width == pytest.approx(WIDTH, abs=1e-9)
    runs = group_runs(glyphs)
    assert "".join(run.text for run in runs) == mixed.text
    assert any(run.text.isdigit() and run.char_space == 0 for run in runs)  # digits untracked
    last = place_line(lines[-1], metrics, "justify")
    assert last[1].x - last[0].x == pytest.approx(PITCH)  # last line: natural grid pitch
    right = place_line(lines[-1], metrics, "right")
    assert right[-1].x + right[-1].width == pytest.approx(WIDTH)
    center = place_line(lines[-1], metrics, "center")
    assert center[0].x == pytest.approx((WIDTH - ink_width(lines[-1], metrics)) / 2)


def test_a_last_line_as_long_as_the_measure_stays_inside_it(uming: str) -> None:
    metrics = FontMetrics(lambda ch: uming, 16, PITCH)
    lines = break_lines(segment("甘" * 28 + "井" * 4), metrics.width_of, WIDTH)
    full_last = replace(lines[0], is_last=True)
    glyphs = place_line(full_last, metrics, "justify")
    assert glyphs[-1].x + glyphs[-1].width == pytest.approx(WIDTH, abs=1e-9)  # not 0.21 pt out
    short = place_line(lines[-1], metrics, "justify")
    assert short[1].x - short[0].x == pytest.approx(PITCH)  # a short one keeps the grid pitch


def test_grid_metrics_snap_full_width_characters_only(uming: str) -> None:
    metrics = FontMetrics(lambda ch: uming, 16, PITCH)
    assert metrics.advance("甘") == PITCH and metrics.advance("，") == PITCH
    assert metrics.advance("2") == pytest.approx(8.0)  # half-width digits keep their width
    assert FontMetrics(lambda ch: uming, 16).advance("甘") == pytest.approx(16.0)


def draw_one(flowable: CJKParagraph) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(210 * mm, 297 * mm), invariant=1, pageCompression=0)
    flowable.wrap(WIDTH, 1000)
    flowable.drawOn(canvas, 28 * mm, 100 * mm)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def page_content(pdf: bytes) -> str:
    page = pypdf.PdfReader(io.BytesIO(pdf)).pages[0]
    return page.get_contents().get_data().decode("latin-1")


def test_fake_bold_strokes_the_glyphs(uming: str) -> None:
    bold = page_content(draw_one(paragraph(uming, "加快产业结构优化升级", bold=True)))
    plain = page_content(draw_one(paragraph(uming, "加快产业结构优化升级")))
    assert "2 Tr" in bold and "2 Tr" not in plain
    assert re.search(r"\s\.53333\d* w\s", bold)  # stroke width = size / 30
    assert "1 0 0 RG" in page_content(draw_one(paragraph(uming, "红", color="#FF0000", bold=True)))


def test_each_character_is_drawn_with_the_font_that_has_it(uming: str, zenhei: str) -> None:
    text = "2020年一季度，实际使用内资68亿元，完成全年任务的38.86%。"
    flowable = CJKParagraph(
        text,
        font_for=lambda ch: zenhei if ch.isascii() else uming,
        size=16,
        leading=LEADING,
    )
    pdf = draw_one(flowable)
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        fonts = {char["text"]: char["fontname"] for char in document.pages[0].chars}
    assert "ZenHei" in fonts["2"] and "UMing" in fonts["年"]
    lines = extract_lines(pdf, 0)
    assert "".join(line.text for line in lines) == text


def test_newlines_force_breaks_and_compressed_content_is_compact(uming: str) -> None:
    flowable = paragraph(uming, "第一行\n第二行", first_line_indent=0)
    pdf = draw_one(flowable)
    assert [line.text for line in extract_lines(pdf, 0)] == ["第一行", "第二行"]
    content = page_content(pdf)
    assert content.count(" Tj") == 2  # one text operation per line of one font


def test_the_dash_pair_is_one_continuous_rule_over_its_two_cells(uming: str) -> None:
    """破折号 (issue #19): the font's two dashes leave a gap between them; the pair is drawn
    as one rule over both cells, and its text stays in the file (invisible) for copying."""
    text = "甘井子区——大连的重大产业承载区"
    flowable = paragraph(uming, text, first_line_indent=0, align="left")
    pdf = draw_one(flowable)
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        page = document.pages[0]
        dashes = [char for char in page.chars if char["text"] == "—"]
        rules = page.lines
        height = float(page.height)
    assert "".join(line.text for line in extract_lines(pdf, 0)) == text  # copies as ——
    assert len(dashes) == 2 and len(rules) == 1
    (rule,) = rules
    left = 28 * mm + 4 * PITCH  # the dash's first cell: after 甘井子区
    assert rule["x0"] == pytest.approx(left + 0.04 * 16, abs=0.01)
    assert rule["x1"] == pytest.approx(dashes[1]["x1"] - 0.04 * 16, abs=0.01)
    assert rule["x1"] - rule["x0"] > 2 * PITCH - 0.1 * 16  # one rule across both cells
    assert rule["linewidth"] == pytest.approx(0.04 * 16)
    baseline = float(dashes[0]["matrix"][5])  # PDF coordinates, up from the page's foot
    assert height - rule["top"] == pytest.approx(baseline + 0.38 * 16, abs=0.01)  # em box middle
    content = page_content(pdf)
    assert content.count("3 Tr") == 1 and content.count("0 Tr") == 1  # the dashes only
    # A lone dash and text without dashes are left to the font.
    assert "3 Tr" not in page_content(draw_one(paragraph(uming, "甲—乙")))
    with pdfplumber.open(io.BytesIO(draw_one(paragraph(uming, "甲—乙")))) as document:
        assert not document.pages[0].lines


def test_compressed_punctuation_closes_up_pairs_and_the_line_stays_flush(uming: str) -> None:
    """The theme's ``punctuation: compressed`` (issue #19, W3C clreq): in 。” ”， （“ the
    blank half cell between the marks goes; a justified line spreads what is saved over its
    gaps and still ends at the right edge; the line breaks stay those of the grid."""
    metrics = FontMetrics(lambda ch: uming, 16, PITCH)
    text = "他说：“推动‘两手抓’。”随后，（“三专三送”）工作组入户走访，确保服务到位并且及时"
    (first, *_rest) = break_lines(segment(text), metrics.width_of, WIDTH, 0)
    grid = place_line(first, metrics, "justify")
    tight = place_line(first, metrics, "justify", compress=True)
    assert [g.text for g in grid] == [g.text for g in tight]
    assert len(first.text) == 28  # the grid's break: every mark counted a full cell

    def step(glyphs: list, pair: str) -> float:
        index = "".join(g.text for g in glyphs).index(pair)
        return glyphs[index + 1].x - glyphs[index].x

    half = PITCH / 2
    saved = compressions(first, metrics)
    assert [first.text[i - 1 : i + 1] for i, c in enumerate(saved) if c] == [
        "’。", "。”", "，（", "（“", "”）",
    ]  # fmt: skip
    assert all(c == pytest.approx(half) for c in saved if c)
    spread = sum(saved) / (len(first.units) - 1)  # what each gap gets back
    for pair in ("’。", "。”", "，（", "（“", "”）"):
        assert step(grid, pair) - step(tight, pair) == pytest.approx(half - spread), pair
    assert step(tight, "说：") - step(grid, "说：") == pytest.approx(spread)  # no pair there
    for glyphs in (grid, tight):
        assert glyphs[-1].x + glyphs[-1].width == pytest.approx(WIDTH, abs=1e-6)  # flush
    # The default keeps every mark its full cell.
    paragraph_default = paragraph(uming, text)
    assert paragraph_default.compress_punctuation is False
