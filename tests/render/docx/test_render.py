"""render_docx: a DOCX that reopens, the same bytes every time, literal text, errors."""

from __future__ import annotations

import hashlib
import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from docx_sample import (
    GRID_TEXT,
    W,
    instructions,
    paragraph_text,
    part,
    part_names,
    render,
    sample_document,
    style_id_of,
)
from repository import SRC, SUPPORT

from gjz_brief.document.tree import (
    Document,
    Heading,
    KeyFigures,
    KeyFigureTile,
    Masthead,
    PageBreak,
    Paragraph,
    TableOfContents,
)
from gjz_brief.errors import RenderError, TemplateError


def test_reopens_with_python_docx_and_keeps_text(output: bytes) -> None:
    document = docx.Document(io.BytesIO(output))
    texts = [p.text for p in document.paragraphs]
    assert "一、总体定位" in texts  # the Chinese number stays in the heading text
    assert GRID_TEXT + "。" in texts
    assert "（1）推动先进制造业迈向高端；" in texts
    assert document.core_properties.title == "甘井子区发展简报"


def test_two_renders_are_byte_identical(output: bytes) -> None:
    assert render() == output
    with zipfile.ZipFile(io.BytesIO(output)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert archive.namelist()[0] == "[Content_Types].xml"


def test_renders_are_byte_identical_across_processes(output: bytes) -> None:
    script = (
        "import hashlib, sys; sys.path[:0] = sys.argv[1:]; "
        "import docx_sample as t; print(hashlib.sha256(t.render()).hexdigest())"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    result = subprocess.run(
        [sys.executable, "-c", script, str(SRC), str(SUPPORT)],
        capture_output=True, text=True, env=env, timeout=120, check=True,
    )  # fmt: skip
    assert result.stdout.strip() == hashlib.sha256(output).hexdigest()


def test_bad_reference_document_is_a_template_error() -> None:
    with pytest.raises(TemplateError):
        render(reference_docx=b"not a zip file")


def test_text_is_literal_and_illegal_characters_raise_render_error() -> None:
    literal = Document(sample_document().meta, (Paragraph("<w:b/> & 甘井子"),))
    assert "<w:b/> & 甘井子" in [
        p.text for p in docx.Document(io.BytesIO(render(literal))).paragraphs
    ]
    broken = Document(sample_document().meta, (Paragraph("控制字符\x01"),))
    with pytest.raises(RenderError):
        render(broken)


def test_libreoffice_converts_it_with_28_characters_a_line(output: bytes, tmp_path: Path) -> None:
    import pdfplumber
    from prerequisites import require_tool  # here: other processes import this module alone

    require_tool("soffice")
    source = tmp_path / "brief.docx"
    source.write_bytes(output)
    profile = tmp_path / "lo-profile"
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        capture_output=True, timeout=120, check=True,
    )  # fmt: skip
    pdf_path = tmp_path / "brief.pdf"
    assert pdf_path.exists()
    with pdfplumber.open(pdf_path) as pdf:
        assert len(pdf.pages) >= 3
        cover_text = pdf.pages[0].extract_text()
        assert "— 1 —" not in cover_text and "— 2 —" not in cover_text
        lines: dict[int, str] = {}
        for page in pdf.pages:
            for char in page.chars:
                lines[round(page.page_number * 10000 + char["top"])] = (
                    lines.get(round(page.page_number * 10000 + char["top"]), "") + char["text"]
                )
    # The grid paragraph: its first line has the two-character indent, then 26 characters;
    # the second line holds a full 28.
    assert GRID_TEXT[:26] in lines.values()
    assert GRID_TEXT[26:54] in lines.values()


def test_document_without_cover_or_header_is_one_numbered_section() -> None:
    meta = sample_document(header="").meta
    blocks = (
        PageBreak(),  # nothing before it: no blank first page
        Masthead("甘井子区发展简报", "第5期", "甘井子区人民政府办公室", "2020年4月13日"),
        TableOfContents(),
        Heading(4, "层级过深的标题", "（1）"),
        Paragraph("正文。"),
        PageBreak(),
        KeyFigures((KeyFigureTile("上市企业", "17家"),)),
        PageBreak(),
    )
    data = render(Document(meta, blocks))
    body = part(data, "word/document.xml")
    # One numbered section after the contents' own (unnumbered) section.
    assert len(list(body.iter(f"{W}sectPr"))) == 2
    assert not [n for n in part_names(data) if n.startswith("word/header")]
    assert len([n for n in part_names(data) if n.startswith("word/footer")]) == 2
    paragraphs = list(body.iter(f"{W}p"))
    assert paragraphs[0].find(f"{W}pPr/{W}pageBreakBefore") is None
    # The TOC lists only levels 1-2, so it is an empty field with a hint to update it.
    assert "TOC" in " ".join(instructions(body))
    heading = next(p for p in paragraphs if paragraph_text(p) == "（1）层级过深的标题")
    assert style_id_of(heading) == "Heading3"
    # A page break before a table becomes a paragraph holding a page break.
    breaks = [br for br in body.iter(f"{W}br") if br.get(f"{W}type") == "page"]
    assert len(breaks) == 1
