"""What a reader of the PDF finds besides the page: page labels matching the printed page
numbers, contents entries that link to their headings, chart text that can be searched."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import pikepdf
import pypdf
import pytest
from pdf_reading import TEMPLATES, Reader

from gjz_brief.charts.pdf_operators import decode_texts

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module", params=TEMPLATES)
def out(request, template_builds) -> Path:  # noqa: ANN001
    return template_builds[request.param]


def _printed_numbers(path: Path) -> list[int | None]:
    """The "— N —" each page prints, None where it prints none."""
    numbers: list[int | None] = []
    for page in Reader(path).pages:
        found = [re.fullmatch(r"— (\d+) —", s.text) for s in page.shown]
        match = next((m for m in found if m), None)
        numbers.append(int(match.group(1)) if match else None)
    return numbers


def test_page_labels_are_the_printed_numbers(out: Path) -> None:
    path = out / "briefing.pdf"
    labels = pypdf.PdfReader(path).page_labels
    printed = _printed_numbers(path)
    assert len(labels) == len(printed)
    for label, number in zip(labels, printed, strict=True):
        if number is not None:
            assert label == str(number)
    # Pages before the body are named; the body counts from 1 on.
    first_body = next((i for i, label in enumerate(labels) if label == "1"), None)
    assert first_body is not None
    assert all(not label.isdigit() for label in labels[:first_body])
    assert labels[first_body:] == [str(n) for n in range(1, len(labels) - first_body + 1)]
    if out.name == "full":
        assert labels[:first_body] == ["封面", "目录"]


def test_contents_entries_link_to_their_headings(template_builds) -> None:  # noqa: ANN001
    """Each contents entry is a Link element holding its text and a link annotation whose
    destination is the page its heading is on; the entry prints that page's label."""
    path = template_builds["full"] / "briefing.pdf"
    labels = pypdf.PdfReader(path).page_labels
    reader = Reader(path)
    with pikepdf.open(path) as pdf:
        pages = {page.objgen: index for index, page in enumerate(pdf.pages)}
        annotations = [a for page in pdf.pages for a in page.obj.get("/Annots", [])]
        assert len(annotations) == 9  # one per contents entry of the built-in content
        entries = [text for role, text in reader.element_texts() if role == "Link"]
        assert len(entries) == len(annotations)
        heading_on = {
            text: page
            for role, text, page in reader.element_entries()
            if re.fullmatch(r"H[1-6]", role)
        }
        for annotation, entry in zip(annotations, entries, strict=True):
            assert annotation.Subtype == "/Link" and "/StructParent" in annotation
            title = str(annotation.Contents)
            target = pages[annotation.Dest[0].objgen]
            assert heading_on[title] == target  # the heading is on that page
            assert entry == title + labels[target]  # and the entry prints its label


def test_pdftotext_finds_the_chart_text(template_builds) -> None:  # noqa: ANN001
    out = template_builds["full"]
    text = subprocess.run(
        ["pdftotext", "-raw", str(out / "briefing.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    flat = re.sub(r"\s+", "", text)
    assert "实际使用内资占全年任务比例" in flat and "2035" in flat  # chart labels
    assert "目标与完成进度" not in flat  # the chart's title is not drawn: its caption is
    runs = [
        run for part in sorted((out / ".cache" / "charts").glob("*.pdftext"))
        for run in decode_texts(part.read_bytes())
    ]  # fmt: skip
    assert len(runs) > 40
    for run in runs:
        assert re.sub(r"\s+", "", run.text) in flat, run.text


def test_chart_text_is_set_in_the_embedded_fonts(template_builds) -> None:  # noqa: ANN001
    """Every chart text run is drawn with the PDF's own subset fonts (no outlines)."""
    out = template_builds["full"]
    reader = Reader(out / "briefing.pdf")
    figure_text = "".join(text for role, text in reader.element_texts() if role == "Figure")
    for part in (out / ".cache" / "charts").glob("*.pdftext"):
        for run in decode_texts(part.read_bytes()):
            assert run.text.replace(" ", "") in figure_text.replace(" ", "")


def test_svg_keeps_text_as_text_with_the_font_named(template_builds) -> None:  # noqa: ANN001
    charts = template_builds["full"] / "charts"
    svgs = sorted(charts.glob("*.svg"))
    assert len(svgs) == 5
    for svg in svgs:
        root = ElementTree.fromstring(svg.read_bytes())
        texts = list(root.iter(f"{SVG}text"))
        assert texts, svg.name
        for element in texts:
            style = element.get("style", "")
            family = re.search(r"font-family: ([^;]+)", style)
            assert family, style
            assert "gjz-brief-" not in family.group(1)  # the face's own name, not an alias
            assert re.search(r"'[A-Za-z][^']+'", family.group(1)), family.group(1)
    progress = ElementTree.fromstring((charts / "target_progress.svg").read_bytes())
    texts = "".join("".join(t.itertext()) for t in progress.iter(f"{SVG}text"))
    assert "高新技术企业总数" in texts  # a label; the title (目标与完成进度) is not drawn
    assert "目标与完成进度" not in texts
