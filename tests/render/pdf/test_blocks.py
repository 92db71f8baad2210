"""Blocks in the flow: literal text in reading order, titles and headings on whole grid lines."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pdf_sample as support
import pypdf
import pytest
from pdf_sample import (
    GEOMETRY,
    baselines_of_first_page,
    compact,
)
from prerequisites import require_tool

from gjz_brief.document import tree


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


def _heading_lines(heading: tree.Heading) -> list[str]:
    """The printed lines of ``heading``, the first block of a one-page document."""
    import datetime as dt

    import pdfplumber

    from gjz_brief.render.pdf import render_pdf

    meta = tree.DocumentMeta("标题", "单位", "s", ("k",), dt.date(2020, 4, 13))
    document = tree.Document(meta, (heading, tree.Paragraph(support.BODY)))
    data = render_pdf(document, {}, support.make_fonts(document), support.THEME)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        lines = [compact(line["text"]) for line in pdf.pages[0].extract_text_lines()]
    wanted, found = compact(heading.full_text), []
    for line in lines:  # the heading's lines come first, the paragraph after
        if "".join(found) == wanted:
            break
        found.append(line)
    assert "".join(found) == wanted, lines
    return found


def test_a_heading_that_wraps_breaks_between_words_in_balanced_lines() -> None:
    """GB/T 9704-2012 §7.3.3 (词意完整) for headings as for titles: filling the grid
    greedily gives this heading a line of 28 characters and one of 11."""
    from gjz_brief.typeset.title_breaks import break_positions

    text = "加快推进数字经济和实体经济深度融合发展，打造具有国际竞争力的先进制造业集群"
    heading = tree.Heading(1, text, "一、", "h-long")
    lines = _heading_lines(heading)
    assert len(lines) == 2
    cut = len(lines[0])
    assert cut in break_positions(heading.full_text), lines  # between two words
    assert abs(len(lines[0]) - len(lines[1])) <= 2, lines  # balanced, not 28 + 12


def test_a_heading_that_fits_keeps_its_one_line() -> None:
    assert _heading_lines(tree.Heading(1, "加快产业结构优化升级", "三、", "h-short")) == [
        "三、加快产业结构优化升级"
    ]
