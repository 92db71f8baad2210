"""Edits of a built DOCX as a clerk makes them, for the absorb tests.

Text edits go through python-docx (runs, cells, paragraphs); tracked changes and comments
are written as Word writes them: ``w:ins``/``w:del`` with author and date around runs, a
``word/comments.xml`` part with ``w:comment`` and ``commentRangeStart``/``End`` and a
``commentReference`` run in the body.
"""

from __future__ import annotations

import copy
import re
import shutil
import subprocess
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from prerequisites import require_tool

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f'xmlns:w="{W_NS}"'
COMMENTS_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"


def copy_workspace(source: Path, target: Path) -> Path:
    """A built workspace copied whole (out/'s links are relative, so they stay ours)."""
    shutil.copytree(source, target, symlinks=True)
    return target


def open_docx(path: Path) -> DocxDocument:
    return docx.Document(str(path))


def all_paragraphs(document: DocxDocument) -> list[Paragraph]:
    """Body paragraphs and the paragraphs of every table cell, in document order."""
    body = document.element.body
    return [Paragraph(p, document._body) for p in body.iter(qn("w:p"))]


def paragraph_starting(document: DocxDocument, start: str) -> Paragraph:
    found = [p for p in all_paragraphs(document) if p.text.startswith(start)]
    assert found, f"no paragraph starts with {start!r}"
    return found[0]


def set_text(paragraph: Paragraph, text: str) -> None:
    """The paragraph's text replaced as Word does when one retypes it: the first run keeps
    its properties and gets the text, the other runs go; bookmarks stay where they are."""
    runs = paragraph.runs
    assert runs, "a paragraph with no run"
    runs[0].text = text
    for run in runs[1:]:
        run._r.getparent().remove(run._r)


def replace_in(document: DocxDocument, start: str, old: str, new: str) -> str:
    """Replace ``old`` by ``new`` in the paragraph starting with ``start``; its new text."""
    paragraph = paragraph_starting(document, start)
    text = paragraph.text
    assert old in text, f"{old!r} not in {text!r}"
    set_text(paragraph, text.replace(old, new, 1))
    return paragraph.text


def edit_cell(document: DocxDocument, old: str, new: str, occurrence: int = 0) -> None:
    cells = [
        cell
        for table in document.tables
        for row in table.rows
        for cell in row.cells
        if cell.text == old
    ]
    assert len(cells) > occurrence, f"no table cell says {old!r}"
    set_text(cells[occurrence].paragraphs[0], new)


def insert_after(paragraph: Paragraph, text: str) -> Paragraph:
    """A new paragraph after ``paragraph``, as pressing Enter at its end and typing makes
    it: the same paragraph properties, no bookmark."""
    element = copy.deepcopy(paragraph._p)
    for node in list(element):
        if node.tag != qn("w:pPr"):
            element.remove(node)
    paragraph._p.addnext(element)
    added = Paragraph(element, paragraph._parent)
    added.add_run(text)
    return added


def delete_paragraph(paragraph: Paragraph) -> None:
    paragraph._p.getparent().remove(paragraph._p)


def _revision_attributes(revision_id: int, author: str, date: str) -> str:
    return f'w:id="{revision_id}" w:author="{author}" w:date="{date}"'


def track_replace(
    paragraph: Paragraph, old: str, new: str, author: str, date: str, revision_id: int = 900
) -> None:
    """``old`` → ``new`` as Word records it with 修订 on: the old text in a ``w:del`` run
    (``w:delText``), the new in a ``w:ins`` run, the rest in plain runs around them."""
    text = paragraph.text
    start = text.index(old)
    before, after = text[:start], text[start + len(old) :]
    properties = paragraph.runs[0]._r.rPr
    rpr = "" if properties is None else properties.xml
    for run in paragraph.runs:
        run._r.getparent().remove(run._r)
    attributes = _revision_attributes

    def run(content: str, tag: str = "w:t") -> str:
        return f'<w:r {W}>{rpr}<{tag} xml:space="preserve">{content}</{tag}></w:r>'

    nodes = []
    if before:
        nodes.append(parse_xml(run(before)))
    if old:
        nodes.append(
            parse_xml(
                f"<w:del {W} {attributes(revision_id, author, date)}>"
                f"{run(old, 'w:delText')}</w:del>"
            )
        )
    if new:
        nodes.append(
            parse_xml(f"<w:ins {W} {attributes(revision_id + 1, author, date)}>{run(new)}</w:ins>")
        )
    if after:
        nodes.append(parse_xml(run(after)))
    anchor = paragraph._p.find(qn("w:bookmarkEnd"))
    for node in nodes:
        if anchor is not None:
            anchor.addprevious(node)
        else:
            paragraph._p.append(node)


def add_comment(
    document: DocxDocument,
    paragraph: Paragraph,
    anchored: str,
    author: str,
    text: str,
    date: str = "2026-01-05T09:30:00Z",
    comment_id: int = 0,
) -> None:
    """A comment (批注) on ``anchored`` (a part of the paragraph's text), as Word writes it."""
    whole = paragraph.text
    start = whole.index(anchored)
    before, after = whole[:start], whole[start + len(anchored) :]
    set_text(paragraph, before)
    first = paragraph.runs[0]._r
    rpr = "" if first.rPr is None else first.rPr.xml
    begin = parse_xml(f'<w:commentRangeStart {W} w:id="{comment_id}"/>')
    middle = parse_xml(f'<w:r {W}>{rpr}<w:t xml:space="preserve">{anchored}</w:t></w:r>')
    end = parse_xml(f'<w:commentRangeEnd {W} w:id="{comment_id}"/>')
    reference = parse_xml(
        f'<w:r {W}><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr>'
        f'<w:commentReference w:id="{comment_id}"/></w:r>'
    )
    tail = parse_xml(f'<w:r {W}>{rpr}<w:t xml:space="preserve">{after}</w:t></w:r>')
    node = first
    for added in (begin, middle, end, reference, tail):
        node.addnext(added)
        node = added
    if not before:
        first.getparent().remove(first)
    part = _comments_part(document)
    comments = parse_xml(part.blob)
    comments.append(
        parse_xml(
            f'<w:comment {W} w:id="{comment_id}" w:author="{author}" w:date="{date}" '
            f'w:initials="{author[:1]}"><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:comment>'
        )
    )
    from lxml import etree

    part._blob = etree.tostring(comments, xml_declaration=True, encoding="UTF-8", standalone=True)


def _comments_part(document: DocxDocument) -> Part:
    for rel in document.part.rels.values():
        if rel.reltype == RT.COMMENTS:
            return rel.target_part
    part = Part(
        PackURI("/word/comments.xml"),
        COMMENTS_TYPE,
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:comments {W}/>'.encode(),
        document.part.package,
    )
    document.part.relate_to(part, RT.COMMENTS)
    return part


def libreoffice_resave(source: Path, out_dir: Path, profile: Path) -> Path:
    """``soffice --headless --convert-to docx``: the file as LibreOffice saves it."""
    soffice = require_tool("soffice")
    out_dir.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        [soffice, f"-env:UserInstallation=file://{profile}", "--headless",
         "--convert-to", "docx", "--outdir", str(out_dir), str(source)],
        capture_output=True, text=True, timeout=240, check=False,
    )  # fmt: skip
    converted = out_dir / source.name
    assert converted.exists(), result.stdout + result.stderr
    return converted


def pdf_text(pdf: Path) -> str:
    """The PDF's text without any white space (Chinese lines break anywhere)."""
    pdftotext = require_tool("pdftotext")
    result = subprocess.run(
        [pdftotext, "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True
    )
    return re.sub(r"\s+", "", result.stdout.decode("utf-8"))


def changed_lines(before: str, after: str) -> list[int]:
    """1-based numbers of the lines of ``before`` that ``after`` changes or removes."""
    import difflib

    numbers = []
    for tag, i1, i2, _, _ in difflib.SequenceMatcher(
        None, before.splitlines(), after.splitlines(), autojunk=False
    ).get_opcodes():
        if tag in ("replace", "delete"):
            numbers.extend(range(i1 + 1, i2 + 1))
        elif tag == "insert":
            numbers.append(i1)  # the line the new ones follow
    return numbers


def edit_chart_value(document: DocxDocument, old: float, new: float) -> None:
    """A value of a native chart's data changed, as Word's 编辑数据 leaves the chart part:
    the cached value in the chart XML (Word also rewrites the embedded workbook, which
    absorb does not read)."""
    from lxml import etree

    c = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
    for part in document.part.package.iter_parts():
        if not str(part.partname).startswith("/word/charts/chart"):
            continue
        root = etree.fromstring(part.blob)
        for value in root.findall(f".//{c}ser/{c}val//{c}numCache/{c}pt/{c}v"):
            if float(value.text or "nan") == old:
                value.text = repr(float(new))
                part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
                return
    raise AssertionError(f"no native chart has the value {old}")
