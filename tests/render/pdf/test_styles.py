"""Every key the theme offers takes effect in the PDF: set it, typeset, find it.

Two small documents hold every styled element, each with its own marker text (the cover
title, the contents heading, the masthead, the key figures, …). Each test changes one kind of
key in every style at once (size, font, bold, alignment, indent) and finds each marker in
the PDF as it was and as it is now; spacing is changed one style at a time, since a style's
space moves everything after it. Colours and the page geometry are checked the same way.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pytest
from pdf_reading import Reader

from gjz_brief.document import tree
from gjz_brief.fonts.resolve import resolve_fonts
from gjz_brief.render import typeset_pdf
from gjz_brief.template.theme import MM, STYLE_DESCRIPTIONS, TextStyle, Theme

NUMERALS = "一二三四五六七八九十"


def marker(number: int) -> str:
    """A text of its own for each style: 甲一号样, 甲二号样, …, 甲十三号样."""
    tens, ones = divmod(number, 10)
    name = (
        ("" if tens < 2 else NUMERALS[tens - 1])
        + ("十" if tens else "")
        + (NUMERALS[ones - 1] if ones else "")
    )
    return f"甲{name}号样"


MARK = {name: marker(number) for number, name in enumerate(STYLE_DESCRIPTIONS, start=1)}
FILLER = "这是一段用来隔开各个样式的普通正文。"
PITCH = "乙行距样"  # a body paragraph of several lines
LONG = "，后面还有几行文字，让这一段分成好几行，行距就能量出来。" * 3
PUNCTUATION = "丙标点样“甲”，“乙”。"  # adjacent marks: ”， and ”。
META = tree.DocumentMeta("样式", "单位", "主题", (), dt.date(2020, 4, 30), header=MARK["header"])


def briefing() -> tree.Document:
    """Cover, contents, title, headings, every paragraph style, list, table, key figures."""
    blocks: list[tree.Block] = [
        tree.Cover(MARK["cover_title"], "封面副题", "编印单位", "2020年4月30日"),
        tree.TableOfContents(MARK["toc_title"]),
        tree.PageBreak(),
        tree.Paragraph(FILLER),
        tree.Title(MARK["title"], MARK["subtitle"]),
    ]
    flow: list[tree.Block] = [
        tree.Heading(1, MARK["heading1"]),
        tree.Paragraph(MARK["body"]),
        tree.Paragraph(PITCH + LONG),
        tree.Paragraph(MARK["lead"], "lead"),
        tree.Heading(2, MARK["heading2"]),
        tree.Paragraph(MARK["editor_note"], "editor_note"),
        tree.Heading(3, MARK["heading3"]),
        tree.Paragraph(MARK["quote"], "quote"),
        tree.Paragraph(MARK["note"], "note"),
        tree.Paragraph(MARK["source"], "source"),
        tree.BulletList((MARK["bullet"],)),
        tree.Table(1, MARK["caption"], ("项目", "数值"), ((MARK["table"], "1"),), (1,)),
        tree.KeyFigures(
            (tree.KeyFigureTile(MARK["key_label"], MARK["key_value"], MARK["key_note"]),), 1
        ),
    ]
    for number, block in enumerate(flow):
        # A plain paragraph before each (something for its space to push), and a new page
        # every three, so that no measured space falls at a page's foot.
        blocks += [tree.Paragraph(FILLER), block]
        if number % 3 == 2:
            blocks += [tree.Paragraph(FILLER), tree.PageBreak()]
    blocks += [tree.Paragraph(FILLER), tree.Paragraph(PUNCTUATION)]
    return tree.Document(META, (*blocks, tree.Paragraph(FILLER)), "full")


def bulletin() -> tree.Document:
    """A 简报: masthead and 报尾."""
    blocks = (
        tree.Masthead(MARK["masthead"], "第1期", "编印单位", "2020年4月30日"),
        tree.Paragraph(FILLER),
        tree.Distribution((("报", MARK["distribution"]),), "共印5份"),
    )
    return tree.Document(META, blocks, "jianbao")


@pytest.fixture(scope="module")
def fonts():
    return resolve_fonts()


def face_name(fontname: str) -> str:
    """The face a PDF font subset comes from: ABCDEF+LXGWWenKai-Regular-1a2b3c4d →
    LXGWWenKai-Regular (the prefix and our subset digest differ from subset to subset)."""
    name = fontname.split("+", 1)[-1]
    return re.sub(r"-[0-9a-f]{8}$", "", name)


@dataclass
class Found:
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    fontname: str
    colour: tuple[float, ...]
    page: int


class Typeset:
    """Both documents typeset with one theme; markers found by their text."""

    def __init__(self, fonts, theme: Theme, folder: Path) -> None:
        self.pages: list = []
        self.data: list[bytes] = []
        for document in (briefing(), bulletin()):
            data = typeset_pdf(document, {}, fonts, theme, folder, {}).data
            self.data.append(data)
            with pdfplumber.open(io.BytesIO(data)) as pdf:
                self.pages += [(page.width, page.height, page.chars, page.rects, page.lines)
                               for page in pdf.pages]  # fmt: skip

    def find(self, text: str) -> Found:
        """The last place ``text`` is printed (a heading's own, after its contents entry)."""
        for number in reversed(range(len(self.pages))):
            chars = self.pages[number][2]
            glyphs = [c for c in chars if c["text"].strip()]
            line = "".join(c["text"] for c in glyphs)
            start = line.rfind(text)
            if start >= 0:
                hit = glyphs[start : start + len(text)]
                return Found(
                    min(c["x0"] for c in hit),
                    max(c["x1"] for c in hit),
                    min(c["top"] for c in hit),
                    max(c["bottom"] for c in hit),
                    round(hit[0]["size"], 2),
                    face_name(hit[1]["fontname"]),
                    tuple(round(v, 3) for v in hit[1]["non_stroking_color"] or ()),
                    number,
                )
        raise AssertionError(f"{text!r} is not in the PDF")

    def page_number(self, page: int, text_bottom_mm: float = 37 + 225) -> list[dict]:
        """The page number's glyphs: below the text block, left to right."""
        chars = self.pages[page][2]
        number = [c for c in chars if c["top"] > text_bottom_mm * MM and c["text"].strip()]
        return sorted(number, key=lambda c: c["x0"])


def themed(styles: dict | None = None, **rest) -> Theme:
    return Theme.model_validate({"styles": styles or {}, **rest})


@pytest.fixture(scope="module")
def default(fonts, tmp_path_factory) -> Typeset:
    return Typeset(fonts, Theme(), tmp_path_factory.mktemp("fonts"))


@pytest.fixture(scope="module")
def font_cache(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fonts")


TEXT_STYLES = [name for name in STYLE_DESCRIPTIONS if name not in ("header", "page_number")]


def test_every_style_is_found_in_the_default_pdf(default):
    for name in TEXT_STYLES + ["header"]:
        found = default.find(MARK[name])
        assert found.size == pytest.approx(_style_size(Theme(), name), abs=0.05) or name in (
            "masthead",  # made smaller to fit one line
        ), name


def _style_size(theme: Theme, name: str) -> float:
    return theme.styles.get(name).size_pt


def test_size(fonts, default, font_cache):
    sizes = {name: 9.5 + 0.5 * number for number, name in enumerate(STYLE_DESCRIPTIONS)}
    pdf = Typeset(
        fonts, themed({name: {"size_pt": size} for name, size in sizes.items()}), font_cache
    )
    for name in TEXT_STYLES + ["header"]:
        assert pdf.find(MARK[name]).size == pytest.approx(sizes[name], abs=0.05), name
    numbers = pdf.page_number(2)
    assert numbers and {round(c["size"], 2) for c in numbers} == {sizes["page_number"]}
    assert {round(c["size"], 2) for c in default.page_number(2)} == {14.0}


def test_font(fonts, default, font_cache):
    # the face of each role, as the default PDF uses it
    face = {
        "kai": default.find(MARK["editor_note"]).fontname,
        "heading": default.find(MARK["heading1"]).fontname,
    }
    assert face["kai"] != face["heading"]
    wanted = {
        name: "heading" if Theme().styles.get(name).font == "kai" else "kai"
        for name in STYLE_DESCRIPTIONS
    }
    pdf = Typeset(
        fonts, themed({name: {"font": role} for name, role in wanted.items()}), font_cache
    )
    for name in TEXT_STYLES + ["header"]:
        assert pdf.find(MARK[name]).fontname == face[wanted[name]], name
        assert default.find(MARK[name]).fontname != face[wanted[name]], name
    assert {face_name(c["fontname"]) for c in pdf.page_number(2)} == {face["kai"]}


def _render_modes(typeset: Typeset, tmp_path: Path) -> dict[str, set[int]]:
    """Marker → the text render modes its glyphs are shown with."""
    modes: dict[str, set[int]] = {}
    for index, data in enumerate(typeset.data):
        path = tmp_path / f"{index}.pdf"
        path.write_bytes(data)
        shown = [s for page in Reader(path).pages for s in page.shown]
        text = "".join(s.text for s in shown)
        for name, mark in MARK.items():
            start = text.find(mark)
            if start < 0:
                continue
            position = 0
            for s in shown:
                if position + len(s.text) > start and position < start + len(mark):
                    modes.setdefault(name, set()).add(s.render_mode)
                position += len(s.text)
    return modes


def test_bold(fonts, default, font_cache, tmp_path):
    flipped = {name: not Theme().styles.get(name).bold for name in STYLE_DESCRIPTIONS}
    pdf = Typeset(
        fonts, themed({name: {"bold": bold} for name, bold in flipped.items()}), font_cache
    )
    before, after = _render_modes(default, tmp_path), _render_modes(pdf, tmp_path)
    for name in TEXT_STYLES + ["header"]:
        assert after[name] == ({2} if flipped[name] else {0}), name
        assert before[name] == ({0} if flipped[name] else {2}), name


def test_alignment(fonts, default, font_cache):
    pdf = Typeset(
        fonts, themed({name: {"align": "right"} for name in TEXT_STYLES + ["header"]}), font_cache
    )
    right = (28 + 156) * MM  # the text block's right edge
    for name in TEXT_STYLES + ["header"]:
        was, now = default.find(MARK[name]), pdf.find(MARK[name])
        assert now.x1 > was.x1 + 3, name  # moved right
        if name in ("body", "lead", "title", "heading1", "cover_title", "toc_title", "header"):
            assert now.x1 == pytest.approx(right, abs=1.5), name


def test_first_line_indent(fonts, default, font_cache):
    indented = {name: {"first_line_indent_chars": 4, "align": "left"} for name in TEXT_STYLES}
    left = {name: {"first_line_indent_chars": 0, "align": "left"} for name in TEXT_STYLES}
    pdf, flush = (Typeset(fonts, themed(styles), font_cache) for styles in (indented, left))
    for name in TEXT_STYLES:
        size = Theme().style(name).size_pt
        shift = pdf.find(MARK[name]).x0 - flush.find(MARK[name]).x0
        assert shift == pytest.approx(4 * size, rel=0.15), name


# Where a style's space shows: the gap to the text before it, or after it.
NEIGHBOURS = {
    "cover_title": (None, "封面副题"),  # placed on the cover: space moves the title down
    "title": (None, MARK["subtitle"]),
    "subtitle": (MARK["title"], FILLER),
    "masthead": ("", "第1期"),
    "toc_title": (None, MARK["heading1"]),
    "key_value": (None, MARK["key_label"]),
    "key_label": (MARK["key_value"], MARK["key_note"]),
    "distribution": (None, None),
}


@pytest.mark.parametrize("name", TEXT_STYLES)
@pytest.mark.parametrize("side", ["before", "after"])
def test_space(fonts, default, font_cache, name, side):
    pdf = Typeset(fonts, themed({name: {f"space_{side}_lines": 2}}), font_cache)
    was, now = default.find(MARK[name]), pdf.find(MARK[name])
    line = 225 * MM / 22
    if name == "distribution":  # the 报尾 stands at the page foot: it grows upwards
        assert was.top - now.top > line * 0.9, side
        return
    if side == "before":
        assert now.top - was.top > line * 0.9, name  # the marker moves down
        return
    after = NEIGHBOURS.get(name, (None, FILLER))[1]
    gap_was = _next_top(default, was, after) - was.bottom
    gap_now = _next_top(pdf, now, after) - now.bottom
    assert gap_now - gap_was > line * 0.9, (name, gap_was, gap_now)


def _next_top(typeset: Typeset, found: Found, text: str) -> float:
    """Top of the first ``text`` below ``found`` on its page (or the next page, past its foot)."""
    for number in range(found.page, len(typeset.pages)):
        _, height, chars, _, _ = typeset.pages[number]
        glyphs = [c for c in chars if c["text"].strip()]
        line = "".join(c["text"] for c in glyphs)
        start = 0
        while (start := line.find(text, start)) >= 0:
            top = glyphs[start]["top"]
            if number > found.page or top > found.bottom - 1:
                return top + (number - found.page) * height
            start += 1
    raise AssertionError(f"{text!r} does not follow")


def test_colours(fonts, default, font_cache):
    colours = {
        "text": "#102030",
        "heading": "#203040",
        "accent": "#304050",
        "muted": "#405060",
        "table_header_fill": "#506070",
    }
    pdf = Typeset(fonts, themed(colours=colours), font_cache)

    def rgb(hex_colour: str) -> tuple[float, ...]:
        return tuple(round(int(hex_colour[i : i + 2], 16) / 255, 3) for i in (1, 3, 5))

    assert pdf.find(MARK["body"]).colour == rgb(colours["text"])
    for level in (1, 2, 3):
        assert pdf.find(MARK[f"heading{level}"]).colour == rgb(colours["heading"])
    assert pdf.find(MARK["masthead"]).colour == rgb(colours["accent"])
    assert pdf.find(MARK["key_value"]).colour == rgb(colours["accent"])
    for name in ("note", "source", "key_note", "subtitle", "header"):
        assert pdf.find(MARK[name]).colour == rgb(colours["muted"]), name
    fills = {
        tuple(round(v, 3) for v in rect["non_stroking_color"] or ())
        for _, _, _, rects, _ in pdf.pages
        for rect in rects
        if rect["fill"]
    }
    assert rgb(colours["table_header_fill"]) in fills
    assert default.find(MARK["heading1"]).colour == (0.0, 0.0, 0.0)


def test_geometry(fonts, default, font_cache):
    geometry = {
        "page_width_mm": 200,
        "page_height_mm": 280,
        "top_mm": 30,
        "left_mm": 25,
        "text_width_mm": 150,
        "text_height_mm": 220,
        "lines_per_page": 20,
        "chars_per_line": 25,
        "page_number_gap_mm": 12,
        "page_number_outside": False,
    }
    pdf = Typeset(fonts, themed(geometry=geometry), font_cache)
    width, height, *_ = pdf.pages[0]
    assert (width, height) == pytest.approx((200 * MM, 280 * MM))
    body = pdf.find(MARK["body"])
    assert body.x0 == pytest.approx((25 + 2 * 150 / 25) * MM, abs=1)  # left + 2-char indent
    filler_tops = sorted({round(c["top"], 1) for c in pdf.pages[2][2] if c["text"] == "这"})
    pitch = 220 * MM / 20
    assert any(
        abs((b - a) - pitch) < 0.5 for a, b in zip(filler_tops, filler_tops[1:], strict=False)
    )
    numbers = pdf.page_number(2, 30 + 220)
    centre = (numbers[0]["x0"] + numbers[-1]["x1"]) / 2
    assert centre == pytest.approx((25 + 75) * MM, abs=2)  # not outside: centred
    outside = default.page_number(2)  # page 1 of the body: odd, at the right
    assert outside[-1]["x1"] == pytest.approx((28 + 156) * MM - 14, abs=2)
    assert numbers[0]["top"] - (30 + 220) * MM > default.page_number(2)[0]["top"] - (37 + 225) * MM


def _line_pitch(typeset: Typeset, text: str) -> float:
    """Distance between the first two lines of the paragraph that starts with ``text``."""
    found = typeset.find(text)
    _, _, chars, _, _ = typeset.pages[found.page]
    tops = sorted({round(c["top"], 2) for c in chars if c["top"] >= found.top - 0.5})
    return tops[1] - tops[0]


def test_snap_to_grid(fonts, default, font_cache):
    pdf = Typeset(fonts, themed(snap_to_grid=False), font_cache)
    assert _line_pitch(default, PITCH) == pytest.approx(225 * MM / 22, abs=0.05)
    assert _line_pitch(pdf, PITCH) == pytest.approx(16 * 1.5, abs=0.05)


def test_a_theme_style_without_effect_is_not_offered():
    with pytest.raises(ValueError, match="align"):
        Theme.model_validate({"styles": {"page_number": {"align": "left"}}})
    assert "first_line_indent_chars" not in Theme().styles.header.model_dump()
    assert isinstance(Theme().style("body"), TextStyle)


def _advance_after(typeset: Typeset, text: str, mark: str) -> float:
    """How far the glyph after ``mark`` starts from ``mark``'s own start, in the line of the
    paragraph ``text``."""
    found = typeset.find(text)
    chars = typeset.pages[found.page][2]
    line = sorted(
        (c for c in chars if abs(c["top"] - found.top) < 2 and c["text"].strip()),
        key=lambda c: c["x0"],
    )
    glyphs = "".join(c["text"] for c in line)
    index = glyphs.index(mark, glyphs.index(text))
    return line[index + 1]["x0"] - line[index]["x0"]


def test_punctuation(fonts, default, font_cache):
    """``punctuation: compressed`` closes up adjacent marks by half a cell (W3C clreq);
    the default keeps every mark its full grid cell (issue #19)."""
    pdf = Typeset(fonts, themed(punctuation="compressed"), font_cache)
    cell = Theme().geometry.char_pitch_pt
    for pair in ("”，", "”。"):
        assert _advance_after(default, PUNCTUATION, pair) == pytest.approx(cell, abs=0.05)
        assert _advance_after(pdf, PUNCTUATION, pair) == pytest.approx(cell / 2, abs=0.05)
    # The rest of the line keeps the grid: the marker's own characters are a cell apart.
    assert _advance_after(pdf, PUNCTUATION, "丙") == pytest.approx(cell, abs=0.05)
