"""The Word file in real office software: LibreOffice's own contents update, every character
kept by LibreOffice's rendering, and openxml-audit's ISO 29500 / Word rules (issue #13)."""

from __future__ import annotations

import collections
import json
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from cli_support import run_cli
from lxml import etree
from prerequisites import SYSTEM_PYTHON, UNO, require_file, require_tool
from repository import SUPPORT

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEMPLATES = ("full", "onepage", "jianbao")
TOC_SCRIPT = SUPPORT / "libreoffice_toc.py"


@pytest.fixture(scope="module")
def template_builds(builds) -> dict[str, Path]:
    """Each built-in template's build (shared with the session: tests/conftest.py)."""
    return {template: builds.get("--template", template) for template in TEMPLATES}


def document_text(docx: Path) -> str:
    """Every character of word/document.xml's text nodes (what the reader should see)."""
    with zipfile.ZipFile(docx) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    return "".join(node.text or "" for node in root.iter(f"{W}t"))


def libreoffice_pdf(docx: Path, out_dir: Path, profile: Path) -> Path:
    result = subprocess.run(
        [require_tool("soffice"), f"-env:UserInstallation=file://{profile}", "--headless",
         "--convert-to", "pdf", "--outdir", str(out_dir), str(docx)],
        capture_output=True, text=True, timeout=240, check=False,
    )  # fmt: skip
    converted = out_dir / (docx.stem + ".pdf")
    assert converted.exists(), result.stdout + result.stderr
    return converted


def visible_characters(text: str) -> collections.Counter[str]:
    return collections.Counter(char for char in text if not char.isspace())


@pytest.mark.slow
@pytest.mark.parametrize("template", TEMPLATES)
def test_libreoffice_loses_no_character(template_builds, template, tmp_path) -> None:
    """Lines of exactly 28 characters before a closing mark used to lose the mark (issue #13:
    LibreOffice hung it and dropped it in justified lines); every character must be drawn."""
    docx = template_builds[template] / "briefing.docx"
    pdf = libreoffice_pdf(docx, tmp_path, tmp_path / "profile")
    rendered = subprocess.run(
        [require_tool("pdftotext"), "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    expected = visible_characters(document_text(docx))
    missing = expected - visible_characters(rendered)
    assert sum(expected.values()) > 100
    assert not missing, f"LibreOffice dropped {dict(missing)} in the {template} DOCX"


def _contents(docx: Path, profile: Path) -> dict[str, list[str]]:
    require_tool("soffice")
    require_file(UNO)
    result = subprocess.run(
        [str(require_file(SYSTEM_PYTHON)), str(TOC_SCRIPT), str(docx), str(profile)],
        capture_output=True, text=True, timeout=240, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _with_document_xml(docx: Path, target: Path, change) -> Path:
    with zipfile.ZipFile(docx) as source, zipfile.ZipFile(target, "w") as copy:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                data = change(data.decode("utf-8")).encode("utf-8")
            copy.writestr(info, data, zipfile.ZIP_DEFLATED)
    return target


@pytest.mark.slow
def test_contents_page_numbers_equal_libreoffice_update(built, tmp_path) -> None:
    """The stored contents (from the PDF layout) are what LibreOffice's own index update
    computes from its layout of the DOCX, entry by entry, page numbers included."""
    docx = built / "briefing.docx"
    contents = _contents(docx, tmp_path / "profile")
    stored, updated = contents["stored"], contents["updated"]
    assert len(stored) >= 5
    for line in stored:
        assert re.fullmatch(r"\S.*\t\d+", line), line  # text, tab (dot leader), page number
    assert stored == updated

    # The check can fail: a wrong stored number is corrected by LibreOffice's update.
    wrong = _with_document_xml(
        docx,
        tmp_path / "wrong.docx",
        lambda xml: re.sub(
            r"(PAGEREF _Toc00000001 \\h </w:instrText>.*?<w:t xml:space=\"preserve\">)\d+",
            r"\g<1>99",
            xml,
            count=1,
        ),
    )
    tampered = _contents(wrong, tmp_path / "profile")
    assert tampered["stored"][0].endswith("\t99")
    assert tampered["updated"] == updated


# Fills no chart table uses, one per table: the test's copy shades every cell of table i
# with MARKS[i] (magenta, 1 − i/16 blue), so a table broken over pages is still one table.
MARKS = tuple(f"FF00{255 - 16 * index:02X}" for index in range(8))
HEIGHT_TOLERANCE_PT = 1.5  # rounding of twips and LibreOffice's border placement


def _chart_heights_pt(out: Path) -> dict[str, float]:
    """Figure caption → the chart picture's height in the PDF (points): the SVG the PDF
    draws, scaled to its placed width (the figure's width, at most the text block's)."""
    from gjz_brief.content.loader import load_content
    from gjz_brief.document.compose import compose_document
    from gjz_brief.document.tree import FigureBlock
    from gjz_brief.template.loader import load_template

    plan = load_content().plan
    document = compose_document(
        plan, load_template("full", None).layout, date=plan.meta.as_of, layout_name="full"
    )
    heights = {}
    for block in document.blocks:
        if isinstance(block, FigureBlock):
            svg = etree.parse(str(out / "charts" / f"{block.chart_id}.svg")).getroot()
            width, height = (float(svg.get(k).removesuffix("pt")) for k in ("width", "height"))
            placed = min(block.width_mm, 156.0) / 25.4 * 72
            heights[block.caption] = height * placed / width
    return heights


def _shade_chart_tables(xml: str) -> str:
    """Every cell of every chart table (those with a w:tblCaption) filled with MARK: the fill
    changes no layout, and LibreOffice draws it as a rectangle the PDF reader finds."""
    root = etree.fromstring(xml.encode("utf-8"))
    tables = [t for t in root.iter(f"{W}tbl") if t.find(f"{W}tblPr/{W}tblCaption") is not None]
    for table, mark in zip(tables, MARKS, strict=False):
        for properties in table.iter(f"{W}tcPr"):
            shading = properties.find(f"{W}shd")
            if shading is None:
                shading = etree.Element(f"{W}shd")
                properties.find(f"{W}vAlign").addprevious(shading)
            shading.attrib.update({f"{W}val": "clear", f"{W}color": "auto", f"{W}fill": mark})
    return etree.tostring(root, encoding="unicode")


@pytest.mark.slow
def test_chart_tables_are_no_taller_than_the_pdf_charts(built, tmp_path) -> None:
    """The key-figure, timeline and structure tables, as LibreOffice lays them out, are no
    taller than the chart pictures the PDF draws in their place: the pages break where the
    PDF's do (the contents' numbers come from the PDF layout)."""
    import pdfplumber

    docx = _with_document_xml(
        built / "briefing.docx", tmp_path / "shaded.docx", _shade_chart_tables
    )
    with zipfile.ZipFile(docx) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    captions = [caption.get(f"{W}val") for caption in root.iter(f"{W}tblCaption")]
    assert len(captions) == 3  # key figures, timeline, structure
    expected = _chart_heights_pt(built)
    rendered = libreoffice_pdf(docx, tmp_path, tmp_path / "profile")
    colours = {(1, 0, round(int(mark[4:], 16) / 255, 2)): index for index, mark in enumerate(MARKS)}
    measured = [0.0] * len(captions)  # a table broken over pages: its parts' heights added
    with pdfplumber.open(rendered) as pdf:
        for page in pdf.pages:
            parts: dict[int, list[dict]] = {}
            for rect in page.rects:
                colour = tuple(round(c, 2) for c in rect.get("non_stroking_color") or ())
                if colour in colours:
                    parts.setdefault(colours[colour], []).append(rect)
            for index, rects in parts.items():
                measured[index] += max(r["bottom"] for r in rects) - min(r["top"] for r in rects)
    for caption, height in zip(captions, measured, strict=True):
        assert height <= expected[caption] + HEIGHT_TOLERANCE_PT, (caption, height, expected)
        # ... and not much shorter either: the rows share out the picture's height.
        assert height >= expected[caption] - 3 * HEIGHT_TOLERANCE_PT, (caption, height)


def test_openxml_audit_finds_no_error(template_builds) -> None:
    """Every part of every template's DOCX passes openxml-audit (ISO 29500 schemas and Word's
    semantic rules) with 0 errors."""
    from openxml_audit import OpenXmlValidator

    validator = OpenXmlValidator()
    for template, out in template_builds.items():
        result = validator.validate(str(out / "briefing.docx"))
        messages = [str(error) for error in result.errors[:10]]
        assert result.error_count == 0 and result.is_valid, (template, messages)


def test_no_update_fields_prompt(template_builds) -> None:
    for template, out in template_builds.items():
        with zipfile.ZipFile(out / "briefing.docx") as archive:
            settings = archive.read("word/settings.xml")
        assert b"updateFields" not in settings, template


@pytest.mark.slow
def test_a_two_line_cover_title_keeps_the_cover_on_one_page(own_workspace, libreoffice) -> None:
    """Trial F4: with a title the cover breaks into two lines, LibreOffice put the issuer
    and the date alone on page 2. Page 1 of its rendering holds the whole cover."""
    meta = own_workspace / "content" / "meta.yaml"
    text = meta.read_text(encoding="utf-8")
    assert "  title: 甘井子区发展规划简报\n" in text
    meta.write_text(
        text.replace(
            "  title: 甘井子区发展规划简报\n", "  title: 青松区发展规划简报（测试数据）\n"
        ),
        encoding="utf-8",
    )
    out = own_workspace / "out"
    result = run_cli("build", "-w", str(own_workspace), "--out", str(out), "-f", "docx")
    assert result.returncode == 0, result.stderr
    pdf = libreoffice(out / "briefing.docx")

    def page_text(number: int) -> str:
        return subprocess.run(
            [require_tool("pdftotext"), "-enc", "UTF-8", "-f", str(number), "-l", str(number),
             str(pdf), "-"],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip

    first = re.sub(r"\s", "", page_text(1))
    assert "青松区发展规划" in first and "简报（测试数据）" in first  # two lines
    assert "大连甘井子区委宣传部" in first  # the issuer
    assert re.search(r"\d{4}年\d{1,2}月\d{1,2}日", first), first  # the date
    assert "目录" in re.sub(r"\s", "", page_text(2))  # page 2 is the contents, nothing else
