"""The PDF renderer, checked on the rendered bytes with pypdf, pdfplumber, poppler and qpdf."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import io
import os
import re
import subprocess
import sys
import zlib
from pathlib import Path

import pdfplumber
import pypdf
import pytest
from prerequisites import require_file, require_tool

from gjz_brief.document import tree
from gjz_brief.errors import RenderError
from gjz_brief.template.theme import MM, Theme

sys.path.insert(0, str(Path(__file__).parent))
import test_pdf_support as support  # noqa: E402

from gjz_brief.render.pdf import render_pdf  # noqa: E402

THEME = Theme()
GEOMETRY = THEME.geometry
PAGE_HEIGHT = GEOMETRY.page_height_mm * MM
TEXT_LEFT = GEOMETRY.left_mm * MM
TEXT_RIGHT = TEXT_LEFT + GEOMETRY.text_width_mm * MM
TEXT_TOP = GEOMETRY.top_mm * MM  # from the top of the page, as pdfplumber measures
TEXT_BOTTOM = TEXT_TOP + GEOMETRY.text_height_mm * MM
PAGE_NUMBER = re.compile(r"^— (\d+) —$")


@pytest.fixture(scope="module")
def sample() -> bytes:
    for path, _index in support.FONT_FILES.values():
        require_file(Path(path))
    return support.render_sample()


@pytest.fixture(scope="module")
def pages(sample: bytes) -> list[dict]:
    """Per page: its text and the printed page number with its horizontal centre."""
    out = []
    with pdfplumber.open(io.BytesIO(sample)) as pdf:
        for page in pdf.pages:
            text = page.extract_text() or ""
            number = centre = None
            for line in page.extract_text_lines():
                match = PAGE_NUMBER.match(line["text"].strip())
                if match and line["top"] > TEXT_BOTTOM:
                    number, centre = int(match.group(1)), (line["x0"] + line["x1"]) / 2
            out.append(
                {
                    "text": text,
                    "number": number,
                    "centre": centre,
                    "lines": page.extract_text_lines(),
                }
            )
    return out


def outline_entries(reader: pypdf.PdfReader) -> list[tuple[int, str, int]]:
    """(depth, title, page index) for every outline entry, in order."""
    out: list[tuple[int, str, int]] = []

    def walk(items: list, depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                out.append((depth, item.title, reader.get_destination_page_number(item)))

    walk(reader.outline, 0)
    return out


def compact(text: str) -> str:
    return "".join(text.split())


# --- structure ----------------------------------------------------------------------------
def test_outline_titles_and_nesting_follow_the_headings(sample: bytes) -> None:
    reader = pypdf.PdfReader(io.BytesIO(sample))
    entries = outline_entries(reader)
    assert [title for _, title, _ in entries] == [h.full_text for h in support.HEADINGS]
    assert [depth for depth, _, _ in entries] == [h.level - 1 for h in support.HEADINGS]
    assert reader.trailer["/Root"]["/PageMode"] == "/UseOutlines"
    assert reader.trailer["/Root"]["/Lang"] == "zh-CN"


def test_bookmarks_point_at_the_pages_showing_the_headings(sample: bytes, pages) -> None:
    reader = pypdf.PdfReader(io.BytesIO(sample))
    for _, title, page_index in outline_entries(reader):
        assert title in compact(pages[page_index]["text"]), title


def test_toc_lists_each_heading_with_the_page_it_is_printed_on(pages) -> None:
    toc_page = next(p for p in pages if "目录" in compact(p["text"]))
    toc_lines = {}
    for line in toc_page["lines"]:
        match = re.match(r"^(.*?)\s*(\d+)$", line["text"].strip())
        if match:
            toc_lines[compact(match.group(1))] = int(match.group(2))
    listed = [h for h in support.HEADINGS if h.level <= 2]
    assert set(toc_lines) == {h.full_text for h in listed}
    body = [p for p in pages if p["number"] is not None]
    for heading in listed:
        printed_on = next(p["number"] for p in body if heading.full_text in compact(p["text"]))
        assert toc_lines[heading.full_text] == printed_on, heading.full_text


def test_page_numbers_outer_side_from_first_body_page_and_none_on_cover_or_toc(pages) -> None:
    assert "甘井子区发展规划简报" in compact(pages[0]["text"])
    assert pages[0]["number"] is None  # cover
    assert pages[1]["number"] is None  # table of contents
    numbered = [p for p in pages[2:] if "共印50份" not in p["text"]]
    assert [p["number"] for p in numbered] == list(range(1, len(numbered) + 1))
    assert all(p["number"] is None for p in pages[2:] if p not in numbered)  # 报尾 only
    middle = (TEXT_LEFT + TEXT_RIGHT) / 2
    for page in numbered:
        if page["number"] % 2:
            assert page["centre"] > middle + 100
        else:
            assert page["centre"] < middle - 100


def test_running_header_on_body_pages_but_not_on_the_masthead_page(pages) -> None:
    def header_on(page: dict) -> bool:
        return any(
            line["text"] == "甘井子区发展简报" and line["bottom"] < TEXT_TOP
            for line in page["lines"]
        )

    assert not header_on(pages[0]) and not header_on(pages[1])
    assert "第5期" in pages[2]["text"] and not header_on(pages[2])
    assert all(header_on(page) for page in pages[3:])


def test_metadata(sample: bytes) -> None:
    reader = pypdf.PdfReader(io.BytesIO(sample))
    info = reader.metadata
    assert info.title == "甘井子区发展规划简报"
    assert info.author == "大连甘井子区委宣传部"
    assert info.subject == "甘井子区发展规划"
    assert info["/Keywords"] == "甘井子区, 大连2049"
    assert info.creator == "gjz-brief"
    assert info["/CreationDate"].startswith("D:20200413")


# --- text ---------------------------------------------------------------------------------
def test_hostile_text_prints_literally(pages) -> None:
    assert any(support.HOSTILE in page["text"] for page in pages)


def test_paragraph_extracts_in_reading_order(sample: bytes, tmp_path: Path) -> None:
    reader = pypdf.PdfReader(io.BytesIO(sample))
    whole = "".join(compact(page.extract_text()) for page in reader.pages)
    assert compact(support.BODY) in whole
    path = tmp_path / "sample.pdf"
    path.write_bytes(sample)
    layout = subprocess.run(
        [require_tool("pdftotext"), "-layout", str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert compact(support.BODY_2) in compact(layout)
    # no spurious spaces inside a line of Chinese text
    assert "甘井子区是大连的重大产业承载区" in layout


def baselines_of_first_page(blocks: tuple[tree.Block, ...], size: float = 16) -> list[float]:
    meta = dataclasses.replace(support.sample_document().meta, header="")
    document = tree.Document(meta, blocks)
    data = render_pdf(document, {}, support.make_fonts(document), THEME)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        return sorted(
            {
                round(page.height - c["matrix"][5], 2)
                for c in page.chars
                if c["size"] == pytest.approx(size)
            }
        )


def test_full_page_of_body_text_has_22_lines_on_the_grid() -> None:
    baselines = baselines_of_first_page(tuple(tree.Paragraph(support.BODY) for _ in range(6)))
    assert len(baselines) == GEOMETRY.lines_per_page
    gaps = [b - a for a, b in zip(baselines, baselines[1:], strict=False)]
    assert gaps == pytest.approx([GEOMETRY.line_pitch_pt] * len(gaps), abs=0.02)
    assert TEXT_TOP < baselines[0] < TEXT_TOP + GEOMETRY.line_pitch_pt
    assert TEXT_BOTTOM - GEOMETRY.line_pitch_pt < baselines[-1] < TEXT_BOTTOM


def test_title_and_headings_take_whole_grid_lines() -> None:
    first = baselines_of_first_page((tree.Paragraph(support.BODY),))[0]
    h = support.HEADINGS
    blocks = (
        tree.Title("甘井子区发展规划"),
        h[0],
        tree.Paragraph(support.BODY),
        h[1],
        tree.Paragraph(support.BODY_2),
        h[4],
        *(tree.Paragraph(support.BODY) for _ in range(6)),
    )
    baselines = baselines_of_first_page(blocks)
    steps = [(b - first) / GEOMETRY.line_pitch_pt for b in baselines]
    assert steps == pytest.approx([round(step) for step in steps], abs=0.01)
    # the title takes line 1 and one blank line (theme: space after 1 line); the page is full
    assert round(steps[0]) == 2
    assert round(steps[-1]) == GEOMETRY.lines_per_page - 1
    assert len(baselines) == GEOMETRY.lines_per_page - 2
    title = baselines_of_first_page(blocks, size=22)
    assert len(title) == 1 and first - 1 < title[0] < first + GEOMETRY.line_pitch_pt


# --- blocks -------------------------------------------------------------------------------
def test_numeric_table_column_is_right_aligned(sample: bytes) -> None:
    right_edges = []
    with pdfplumber.open(io.BytesIO(sample)) as pdf:
        for page in pdf.pages:
            for word in page.extract_words():
                if (
                    re.fullmatch(r"\d+", word["text"])
                    and abs(word["bottom"] - word["top"] - 12) < 0.5
                ):
                    right_edges.append(word["x1"])
    assert len(right_edges) == 30
    assert max(right_edges) - min(right_edges) < 0.5


def test_key_figure_values_are_big_accent_text(sample: bytes) -> None:
    with pdfplumber.open(io.BytesIO(sample)) as pdf:
        chars = [c for page in pdf.pages for c in page.chars if c["size"] == pytest.approx(20)]
    text = "".join(c["text"] for c in chars)
    for value in ("288家", "50余家", "17家", "188家"):
        assert value in text
    assert all(
        tuple(c["non_stroking_color"]) == pytest.approx((0.75, 0, 0), abs=0.01) for c in chars
    )


def test_long_table_repeats_its_header_and_has_its_caption_above(pages) -> None:
    spanned = [p for p in pages if re.search(r"指标\d+", p["text"])]
    assert len(spanned) >= 2
    for page in spanned:  # no lone row at a page foot or head
        assert len(re.findall(r"指标\d+", page["text"])) >= 2
    for page in spanned:
        assert any(compact(line["text"]) == "指标数值时期" for line in page["lines"])
    first = spanned[0]["lines"]
    caption = next(i for i, line in enumerate(first) if "表1" in line["text"])
    header = next(i for i, line in enumerate(first) if compact(line["text"]) == "指标数值时期")
    assert caption < header
    assert compact(first[caption]["text"]) == "表1主要指标（长表跨页）"


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


def distribution_document(paragraphs: int) -> tree.Document:
    blocks = (
        *(tree.Paragraph(support.BODY) for _ in range(paragraphs)),
        support.sample_document().blocks[-1],
    )
    assert isinstance(blocks[-1], tree.Distribution)
    return tree.Document(support.sample_document().meta, blocks)


def foot_layout(data: bytes) -> list[tuple[list[dict], list[dict], int | None]]:
    """Per page: text lines, full-width rules, printed page number."""
    out = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            lines = page.extract_text_lines()
            rules = [
                r
                for r in page.lines + page.rects
                if r["width"] > 400 and TEXT_TOP < r["top"] < TEXT_BOTTOM + 1
            ]
            numbers = [
                int(m.group(1)) for line in lines if (m := PAGE_NUMBER.match(line["text"].strip()))
            ]
            out.append((lines, rules, numbers[0] if numbers else None))
    return out


def test_distribution_sits_at_the_foot_of_the_last_page_below_the_text() -> None:
    document = distribution_document(2)  # 12 lines of text
    pages = foot_layout(render_pdf(document, {}, support.make_fonts(document), THEME))
    assert len(pages) == 1
    lines, rules, number = pages[0]
    copies = next(line for line in lines if "共印50份" in line["text"])
    assert TEXT_BOTTOM - copies["bottom"] < 30  # on the last line of the text block
    assert copies["x1"] > TEXT_RIGHT - 30  # at the right
    labels = [line for line in lines if line["text"].startswith(("报：", "送：", "发："))]
    assert [line["text"][0] for line in labels] == ["报", "送", "发"]
    top_rule = min(rules, key=lambda r: r["top"])
    assert top_rule["top"] < labels[0]["top"]
    assert max(r["top"] for r in rules) > copies["bottom"]  # closing rule under 共印
    body = [line for line in lines if TEXT_TOP < line["top"] < top_rule["top"]]
    assert len(body) == 12  # the two paragraphs, above and clear of the block
    assert all(line["bottom"] < top_rule["top"] for line in body)
    assert number == 1


def test_distribution_without_room_goes_to_the_foot_of_an_unnumbered_new_page() -> None:
    document = distribution_document(3)  # 18 of 22 lines: the block does not fit below
    pages = foot_layout(render_pdf(document, {}, support.make_fonts(document), THEME))
    assert len(pages) == 2
    assert not any("共印" in line["text"] for line in pages[0][0])
    assert pages[0][2] == 1
    lines, rules, number = pages[1]
    copies = next(line for line in lines if "共印50份" in line["text"])
    assert TEXT_BOTTOM - copies["bottom"] < 30
    assert number is None


def test_masthead_name_is_red_and_above_a_thick_red_rule(sample: bytes) -> None:
    with pdfplumber.open(io.BytesIO(sample)) as pdf:
        page = pdf.pages[2]
        name = [c for c in page.chars if c["text"] in "甘井子区发展简报" and c["size"] > 30]
        red_rules = [
            r
            for r in page.lines + page.rects
            if r.get("stroking_color")
            and tuple(r["stroking_color"])[:3] == pytest.approx((0.75, 0, 0), abs=0.01)
        ]
    assert len(name) == len("甘井子区发展简报")
    assert all(
        tuple(c["non_stroking_color"]) == pytest.approx((0.75, 0, 0), abs=0.01) for c in name
    )
    rule = next(r for r in red_rules if r["x1"] - r["x0"] > 400)
    assert rule["top"] > max(c["bottom"] for c in name)
    assert rule.get("linewidth", 0) == pytest.approx(MM, abs=0.05)


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


class _LateCharts:
    """A ChartSource that records when the renderer asks for sizes and for drawings."""

    def __init__(self, image: tree.ChartImage | None) -> None:
        self.chart = image
        self.calls: list[str] = []

    def size_mm(self, chart_id: str) -> tuple[float, float] | None:
        self.calls.append("size")
        return (152.4, 86.36) if chart_id == "investment" else None

    def pdf_stream(self, chart_id: str) -> bytes | None:
        self.calls.append("image")
        return None if self.chart is None else self.chart.pdf_stream

    def pdf_text(self, chart_id: str) -> bytes | None:
        self.calls.append("text")
        return None if self.chart is None else self.chart.pdf_text

    def png(self, chart_id: str) -> bytes | None:
        raise AssertionError("the PDF never needs a chart's PNG")


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


# --- files --------------------------------------------------------------------------------
@pytest.mark.usefixtures("poppler")
def test_every_font_is_embedded(sample: bytes, tmp_path: Path) -> None:
    path = tmp_path / "sample.pdf"
    path.write_bytes(sample)
    output = subprocess.run(
        ["pdffonts", str(path)], check=True, capture_output=True, text=True
    ).stdout.splitlines()[2:]
    assert output
    for line in output:
        name, *_, emb, sub, uni, _object, _generation = line.split()
        assert (emb, sub, uni) == ("yes", "yes", "yes"), name


def test_qpdf_check_passes(sample: bytes, tmp_path: Path) -> None:
    require_tool("qpdf")
    path = tmp_path / "sample.pdf"
    path.write_bytes(sample)
    result = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors" in result.stdout


def test_same_input_gives_identical_bytes(sample: bytes) -> None:
    assert support.render_sample() == sample


def test_identical_bytes_across_processes(sample: bytes) -> None:
    script = Path(support.__file__)
    environment = {
        **os.environ,
        "PYTHONPATH": str(Path(__file__).parents[2] / "src"),
        "PYTHONHASHSEED": "random",
        "SOURCE_DATE_EPOCH": "1600000000",
    }
    digests = {
        subprocess.run(
            [sys.executable, str(script)],
            check=True,
            capture_output=True,
            text=True,
            env=environment,
        ).stdout.strip()
        for _ in range(2)
    }
    assert digests == {hashlib.sha256(sample).hexdigest()}


def test_document_date_is_the_creation_date() -> None:
    document = support.sample_document()
    later = dataclasses.replace(
        document, meta=dataclasses.replace(document.meta, date=dt.date(2021, 1, 2))
    )
    data = render_pdf(later, {"investment": support.make_chart()}, support.make_fonts(later), THEME)
    assert pypdf.PdfReader(io.BytesIO(data)).metadata["/CreationDate"].startswith("D:20210102")


# --- column widths ------------------------------------------------------------------------
def test_column_widths_keep_short_columns_whole_and_fill_the_width() -> None:
    from gjz_brief.render.pdf.tables import column_widths

    widths = column_widths([300, 50, 80, 90], [45, 50, 45, 45], 442)
    assert widths[1:] == [50, 80, 90]  # a date like "截至2019年底" does not wrap
    assert sum(widths) == pytest.approx(442)
    assert column_widths([100, 50], [45, 50], 450) == pytest.approx([300, 150])
    assert column_widths([400, 400, 400], [200, 200, 200], 450) == pytest.approx([150] * 3)
