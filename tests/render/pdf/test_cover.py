"""The cover page: where title, rule, subtitle, issuer and date stand, and how they are tagged."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from pathlib import Path

import pdfplumber
import pikepdf
import pytest
from pdf_sample import FONT_FILES, THEME, make_fonts
from prerequisites import require_file

from gjz_brief.document import tree
from gjz_brief.render.pdf import render_pdf
from gjz_brief.template.theme import MM
from gjz_brief.typeset.cover import ISSUER_BOTTOM_MM, RULE_GAP_MM, TITLE_TOP_MM

TITLE = "甘井子区发展规划简报"
SUBTITLE = "围绕新愿景建设新枢纽"
ISSUER = "大连甘井子区委宣传部"
DATE = "2020年4月13日"


def cover_pdf(cover: tree.Cover) -> bytes:
    for path, _index in FONT_FILES.values():
        require_file(Path(path))
    meta = tree.DocumentMeta(TITLE, ISSUER, "s", ("k",), dt.date(2020, 4, 13))
    document = tree.Document(meta, (cover, tree.Paragraph("正文。")))
    return render_pdf(document, {}, make_fonts(document), THEME)


@pytest.fixture(scope="module")
def cover_page() -> dict:
    data = cover_pdf(tree.Cover(TITLE, SUBTITLE, ISSUER, DATE))
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        lines = {line["text"]: line for line in page.extract_text_lines()}
        rules = [line for line in page.lines if abs(line["top"] - line["bottom"]) < 0.1]
        return {
            "lines": lines,
            "rules": rules,
            "width": page.width,
            "height": page.height,
            "data": data,
        }


def centre(line: dict) -> float:
    return (line["x0"] + line["x1"]) / 2


def test_every_part_is_centred_on_the_text_column(cover_page: dict) -> None:
    lines = cover_page["lines"]
    assert set(lines) >= {TITLE, SUBTITLE, ISSUER, DATE}
    geometry = THEME.geometry
    middle = (geometry.left_mm + geometry.text_width_mm / 2) * MM
    for text in (TITLE, SUBTITLE, ISSUER, DATE):
        assert centre(lines[text]) == pytest.approx(middle, abs=1.0), text


def test_title_rule_subtitle_from_the_top_issuer_and_date_from_the_bottom(cover_page: dict) -> None:
    lines, height = cover_page["lines"], cover_page["height"]
    style = THEME.style("cover_title")
    title = lines[TITLE]
    # the title starts its space-before below TITLE_TOP_MM (within its line's leading)
    assert TITLE_TOP_MM * MM <= title["top"] <= TITLE_TOP_MM * MM + style.size_pt * 1.4 + 30
    [rule] = cover_page["rules"]
    assert rule["top"] - title["bottom"] >= RULE_GAP_MM * MM - 1
    width = THEME.geometry.text_width_mm * MM
    assert rule["x1"] - rule["x0"] == pytest.approx(width * 0.6, abs=0.5)
    assert lines[SUBTITLE]["top"] > rule["top"]
    # the issuer's baseline region at ISSUER_BOTTOM_MM, the date under it
    assert height - lines[ISSUER]["bottom"] == pytest.approx(ISSUER_BOTTOM_MM * MM, abs=6)
    assert lines[DATE]["top"] >= lines[ISSUER]["bottom"] - 0.5


def test_title_is_the_first_heading_and_the_rule_an_artifact(cover_page: dict) -> None:
    with pikepdf.open(io.BytesIO(cover_page["data"])) as pdf:
        root = pdf.Root.StructTreeRoot.K
        document = root[0] if isinstance(root, pikepdf.Array) else root
        first = document.K[0]
        assert first.S == "/H1"
        content = pdf.pages[0].Contents.read_bytes().decode("latin-1")
    # the rule (the only path on the page) is drawn inside a layout artifact
    artifact = content.index("/Artifact <</Type /Layout>> BDC")
    assert artifact < content.index(" l S", artifact) < content.index("EMC", artifact)


def test_a_cover_without_subtitle_issuer_or_date_has_only_title_and_rule() -> None:
    data = cover_pdf(tree.Cover(TITLE, "", "", ""))
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        texts = [line["text"] for line in page.extract_text_lines()]
    assert texts == [TITLE]


def test_a_long_title_is_balanced_over_its_lines() -> None:
    long_title = "大连市甘井子区关于推进新时代高质量发展的若干重点工作情况的专题汇报材料"
    data = cover_pdf(dataclasses.replace(tree.Cover(TITLE, "", "", ""), title=long_title))
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        texts = [line["text"] for line in pdf.pages[0].extract_text_lines()]
    assert "".join(texts) == long_title and len(texts) == 3
    # balanced: the lines differ by at most two characters (greedy filling would leave a
    # short last line)
    lengths = [len(text) for text in texts]
    assert max(lengths) - min(lengths) <= 2, lengths
