"""Tagged PDF (PDF/UA-1, ISO 14289-1) on all three templates, read back from the CLI's PDFs.

``outloud`` (PyPI) is the PDF/UA checker; the other tests read the structure tree and the
marked content themselves (pdf_reading.py): what is tagged, in which order, as what.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from functools import cache
from pathlib import Path

import pikepdf
import pytest
from pdf_reading import TEMPLATES, Reader

from gjz_brief.content.loader import BUILTIN_CONTENT, load_content
from gjz_brief.document import tree
from gjz_brief.document.compose import compose_document
from gjz_brief.template.loader import load_template


@pytest.fixture(scope="module", params=TEMPLATES)
def template(request) -> str:  # noqa: ANN001
    return request.param


@pytest.fixture(scope="module")
def pdf_path(template: str, template_builds) -> Path:  # noqa: ANN001
    return template_builds[template] / "briefing.pdf"


@pytest.fixture(scope="module")
def reader(pdf_path: Path) -> Reader:
    return Reader(pdf_path)


@cache
def document_of(template: str) -> tree.Document:
    """The document the CLI built (built-in content, the content's as-of date)."""
    plan = load_content(BUILTIN_CONTENT).plan
    layout = load_template(template, None)
    return compose_document(plan, layout.layout, date=plan.meta.as_of, layout_name=layout.name)


def _outloud(path: Path) -> dict:
    """outloud's JSON report, from the outloud package installed in this interpreter (a
    test extra from PyPI; its console script is ``outloud``)."""
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from outloud.cli import main; sys.exit(main())",
            "--json",
            "-",
            "--fail-on",
            "never",
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _findings(report: dict) -> list[dict]:
    (result,) = report["results"]
    assert result["error"] is None, result["error"]
    return result["findings"]


def test_outloud_finds_no_pdf_ua_error(pdf_path: Path) -> None:
    findings = _findings(_outloud(pdf_path))
    errors = [f for f in findings if f["severity"] == "error"]
    assert errors == [], errors
    # What it still warns about is known and listed in the note: a table going on
    # over a page (its element's page is its first one) and the key figure tiles' grid.
    warned = {f["rule"] for f in findings if f["severity"] == "warning"}
    assert warned <= {"TBL-014"}, warned


def test_outloud_sees_the_tagging_it_checks(tmp_path: Path, pdf_path: Path) -> None:
    """The checker is not blind: with the structure tree taken out it reports errors."""
    with pikepdf.open(pdf_path) as pdf:
        del pdf.Root["/StructTreeRoot"]
        del pdf.Root["/MarkInfo"]
        pdf.save(tmp_path / "untagged.pdf")
    findings = _findings(_outloud(tmp_path / "untagged.pdf"))
    assert {"DOC-001", "DOC-002"} <= {f["rule"] for f in findings if f["severity"] == "error"}


def test_everything_painted_is_tagged_or_an_artifact(reader: Reader) -> None:
    for number, page in enumerate(reader.pages, start=1):
        assert page.untagged_painting == [], f"page {number}"


def test_catalog_declares_a_tagged_document_in_chinese(pdf_path: Path) -> None:
    with pikepdf.open(pdf_path) as pdf:
        root = pdf.Root
        assert root.MarkInfo.Marked is True
        assert str(root.Lang) == "zh-CN"
        assert root.ViewerPreferences.DisplayDocTitle is True
        assert root.StructTreeRoot.K.S == "/Document"
        for page in pdf.pages:
            assert page.obj.Tabs == "/S" and "/StructParents" in page.obj


def test_running_header_and_page_numbers_are_artifacts(reader: Reader, template: str) -> None:
    document = document_of(template)
    decorations = 0
    for page in reader.pages:
        for shown in page.shown:
            if re.fullmatch(r"— \d+ —", shown.text) or (
                document.meta.header and shown.text == document.meta.header
            ):
                assert shown.artifact and shown.mcid is None, shown.text
                decorations += 1
    assert decorations >= len(reader.pages) - 2 or template == "onepage"


def test_every_paragraph_is_one_element_with_its_whole_text(reader: Reader, template: str) -> None:
    """A paragraph is one P (a heading one H1–H3): its text, read from the structure, is
    the paragraph's text in one piece — what a tagged-PDF reader copies or speaks —
    even when it is set on two pages."""
    document = document_of(template)
    elements = reader.element_texts()
    paragraphs = {text for role, text in elements if role in ("P", "LBody")}
    headings = {text for role, text in elements if re.fullmatch(r"H[1-6]", role)}
    for block in document.blocks:
        if isinstance(block, tree.Paragraph):
            assert block.text in paragraphs, block.text[:20]
        elif isinstance(block, tree.Heading):
            assert block.full_text in headings
    if template == "full":  # its body has a paragraph that goes on over a page break
        split = [e for e in reader.elements() if e.S == "/P" and _mark_pages(e) > 1]
        assert split


def _mark_pages(element: pikepdf.Dictionary) -> int:
    kids = element.get("/K")
    kids = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
    pages = {element.Pg.objgen} if "/Pg" in element else set()
    pages |= {k.Pg.objgen for k in kids if isinstance(k, pikepdf.Dictionary) and "/Pg" in k}
    return len(pages)


def test_reading_order_follows_the_document(reader: Reader, template: str) -> None:
    """The structure tree reads the blocks in the document's order."""
    document = document_of(template)
    wanted = [
        b.text if isinstance(b, tree.Paragraph) else b.full_text
        for b in document.blocks
        if isinstance(b, tree.Paragraph | tree.Heading)
    ]
    order = [text for _, text in reader.element_texts()]
    positions = [order.index(text) for text in wanted]
    assert positions == sorted(positions)


def test_structure_types(reader: Reader, template: str) -> None:
    document = document_of(template)
    roles = [str(e.S)[1:] for e in reader.elements()]
    headings = [r for r in roles if re.fullmatch(r"H\d", r)]
    assert headings and headings[0] == "H1"
    assert all(int(b[1]) <= int(a[1]) + 1 for a, b in zip(headings, headings[1:], strict=False))
    kinds = {type(b) for b in document.blocks}
    if tree.Table in kinds:
        tables = [e for e in reader.elements() if e.S == "/Table"]
        assert len(tables) == sum(isinstance(b, tree.Table) for b in document.blocks)
        for table in tables:
            kids = [k for k in table.K if isinstance(k, pikepdf.Dictionary)]
            assert kids[0].S == "/Caption" and all(k.S == "/TR" for k in kids[1:])
            header = [c for c in kids[1].K]
            assert all(c.S == "/TH" and c.A.Scope == "/Column" for c in header)
            assert all(c.S == "/TD" for row in kids[2:] for c in row.K)
    if tree.BulletList in kinds:
        lists = [e for e in reader.elements() if e.S == "/L"]
        assert lists and all(k.S == "/LI" and k.K.S == "/LBody" for e in lists for k in e.K)
    if tree.TableOfContents in kinds:
        (toc,) = [e for e in reader.elements() if e.S == "/TOC"]
        assert all(k.S == "/TOCI" and k.K.S == "/Reference" for k in toc.K)
        assert all(k.K.K.S == "/Link" for k in toc.K)


def test_figures_carry_the_chart_alt_text_and_their_caption_follows(
    reader: Reader, template: str
) -> None:
    document = document_of(template)
    figures = [b for b in document.blocks if isinstance(b, tree.FigureBlock)]
    elements = reader.elements()
    found = [e for e in elements if e.S == "/Figure"]
    assert [str(e.Alt) for e in found] == [f.alt_text for f in figures]
    for element in found:
        siblings = list(element.P.K)
        after = siblings[[s.objgen for s in siblings].index(element.objgen) + 1]
        assert after.S == "/Caption"
    captions = [text for role, text in reader.element_texts() if role == "Caption"]
    for figure in figures:
        assert any(text.endswith(figure.caption) for text in captions), figure.caption


def test_chart_text_is_tagged_inside_its_figure(reader: Reader, template: str) -> None:
    """The chart's own words (its title, labels, numbers) are text of its Figure."""
    figure_texts = [text for r, text in reader.element_texts() if r == "Figure"]
    document = document_of(template)
    assert len(figure_texts) == len([b for b in document.blocks if isinstance(b, tree.FigureBlock)])
    for text in figure_texts:
        assert len(text) > 5 and re.search(r"\d", text), text
