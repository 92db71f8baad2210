"""render_pdf: outline and bookmarks, metadata, embedded fonts, qpdf, the same bytes every time."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import io
import os
import subprocess
import sys
from pathlib import Path

import pdf_sample as support
import pypdf
import pytest
from pdf_sample import (
    THEME,
    compact,
    outline_entries,
)
from prerequisites import require_tool
from repository import SRC

from gjz_brief.render.pdf import render_pdf


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


def test_metadata(sample: bytes) -> None:
    reader = pypdf.PdfReader(io.BytesIO(sample))
    info = reader.metadata
    assert info.title == "甘井子区发展规划简报"
    assert info.author == "大连甘井子区委宣传部"
    assert info.subject == "甘井子区发展规划"
    assert info["/Keywords"] == "甘井子区, 大连2049"
    assert info.creator == "gjz-brief"
    assert info["/CreationDate"].startswith("D:20200413")


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
        "PYTHONPATH": str(SRC),
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
