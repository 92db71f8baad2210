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
