"""The figure audit: figures printed in the PDF and the DOCX, read back from the files with
independent readers (pypdf, python-docx), equal the manifest's figures — for every template
and for issue #12's cases; and the build's own audit (output/audit.py) catches a file that
does not print them."""

from __future__ import annotations

import io
import json
import re
import shutil
import zipfile
from pathlib import Path

import docx
import openpyxl
import pypdf
import pytest
from cli_support import run_cli

from gjz_brief.content.loader import BUILTIN_CONTENT
from gjz_brief.content.numerals import read_wording, wording_value
from gjz_brief.output.audit import (
    Printed,
    audit_outputs,
    audit_text,
    docx_chart_labels,
    docx_text,
    manifest_problems,
    printed_figures,
)
from gjz_brief.output.pdf_text import pdf_pages_text


def compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


def read_pdf(path: Path) -> str:
    """pypdf's text of every page, without page numbers and running header (which may fall
    inside a figure broken over a page)."""
    reader = pypdf.PdfReader(path)
    pages = [re.sub(r"—\s*\d+\s*—", "", page.extract_text()) for page in reader.pages]
    return compact("".join(pages).replace("甘井子区发展简报", ""))


def read_docx(path: Path) -> str:
    document = docx.Document(str(path))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        texts += [cell.text for row in table.rows for cell in row.cells]
    return compact("\n".join(texts))


def check_build(out: Path) -> dict:
    """Every printed figure of the manifest is in both files as often as in the content's
    paragraphs and tables, and each manifest text says its own value."""
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    figures = manifest["figures"]
    assert figures
    for figure_id, record in figures.items():
        unit = record["unit"]
        assert record["text"].endswith(unit), record
        wording = read_wording(record["text"][: len(record["text"]) - len(unit)])
        assert wording is not None, (figure_id, record)
        assert wording.value == wording_value(record["value"]), (figure_id, record)
        assert wording.qualifier == record["qualifier"], (figure_id, record)
    pdf, word = read_pdf(out / "briefing.pdf"), read_docx(out / "briefing.docx")
    printed_somewhere = 0
    for figure_id, record in figures.items():
        text = compact(record["text"])
        in_docx = word.count(text)
        printed_somewhere += bool(in_docx)
        assert pdf.count(text) >= in_docx, (figure_id, text, pdf.count(text), in_docx)
    assert printed_somewhere >= 1
    return manifest


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("audit")
    shutil.copytree(BUILTIN_CONTENT, root / "content")
    (root / "gjz-brief.yaml").write_text("template: full\n", encoding="utf-8")
    return root


@pytest.mark.slow
@pytest.mark.parametrize("template", ["full", "onepage", "jianbao"])
def test_every_template_prints_the_manifest_figures(workspace: Path, template: str) -> None:
    out = workspace / f"out-{template}"
    result = run_cli("build", "--workspace", str(workspace), "-t", template, "--out", str(out))
    assert result.returncode == 0, result.stderr
    manifest = check_build(out)
    pdf, word = read_pdf(out / "briefing.pdf"), read_docx(out / "briefing.docx")
    # The onepage key figures and every template's text print these as written.
    for text in ("288家", "50余家"):
        assert text in pdf and text in word, (template, text)
    if template == "full":
        assert "两万多名" in pdf and "两万多名" in word  # the fixed wording, still true
        assert "超800亿元" in pdf and "力争突破200家" in pdf
    assert manifest["figures"]["industrial_enterprises"]["text"] == "288家"


@pytest.mark.slow
def test_the_sheet_cases_print_what_the_sheet_shows(workspace: Path, tmp_path: Path) -> None:
    root = tmp_path / "ws"
    shutil.copytree(workspace / "content", root / "content")
    (root / "gjz-brief.yaml").write_text("figures_sheet: figures.xlsx\n", encoding="utf-8")
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in (
        ["id", "value", "unit", "printed"],
        ["q1_investment_share", 0.4012, None, None],
        ["signed_contract_value", 1.2, "万亿元", None],
        ["completed_investment", 0.6, None, None],
        ["online_viewers", 35000, None, "三万五千多"],
    ):
        sheet.append(row)
    sheet["B2"].number_format = "0.00%"
    sheet.merge_cells("C3:C4")
    workbook.save(root / "figures.xlsx")
    out = tmp_path / "out"
    result = run_cli("build", "--workspace", str(root), "--out", str(out))
    assert result.returncode == 0, result.stderr
    manifest = check_build(out)
    pdf, word = read_pdf(out / "briefing.pdf"), read_docx(out / "briefing.docx")
    for expected in ("40.12%", "超1.2万亿元", "约0.6万亿元", "三万五千多名"):
        assert expected in pdf and expected in word, expected
    for stale in ("0.4012%", "两万多名", "约0.6亿元"):
        assert stale not in pdf and stale not in word, stale
    assert manifest["figures"]["online_viewers"]["value"] == 35000


@pytest.mark.slow
def test_trailing_zeros_print_as_the_sheet_shows_and_the_yaml_writes(
    workspace: Path, tmp_path: Path
) -> None:
    # 增长6.0% printed as 增长6%, 512.30 as 512.3, 0.0% as 0% (new-user trial F5); the
    # figure audit reads the outputs back and must agree with the longer texts.
    root = tmp_path / "ws"
    shutil.copytree(workspace / "content", root / "content")
    figures = root / "content" / "figures.yaml"
    text = figures.read_text(encoding="utf-8")
    assert "    value: 38.86\n" in text
    figures.write_text(text.replace("    value: 38.86\n", "    value: 38.80\n", 1), "utf-8")
    (root / "gjz-brief.yaml").write_text("figures_sheet: figures.xlsx\n", encoding="utf-8")
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in (
        ["id", "value"],
        ["resumption_rate", 98],
        ["q1_domestic_investment", 68.4],
        ["second_resumption_rate", 0],
    ):
        sheet.append(row)
    sheet["B2"].number_format = "0.0"
    sheet["B3"].number_format = "0.00"
    sheet["B4"].number_format = "0.0%"
    workbook.save(root / "figures.xlsx")
    out = tmp_path / "out"
    result = run_cli("build", "--workspace", str(root), "--out", str(out))
    assert result.returncode == 0, result.stderr
    manifest = check_build(out)
    pdf, word = read_pdf(out / "briefing.pdf"), read_docx(out / "briefing.docx")
    for expected in ("98.0%", "68.40亿元", "38.80%"):
        assert expected in pdf and expected in word, expected
    records = manifest["figures"]
    assert records["resumption_rate"]["text"] == "98.0%"
    assert records["q1_domestic_investment"]["text"] == "68.40亿元"
    assert records["q1_investment_share"]["text"] == "38.80%"
    assert records["second_resumption_rate"]["text"] == "0.0%"


@pytest.mark.slow
def test_our_pdf_reader_agrees_with_pypdf(workspace: Path) -> None:
    out = workspace / "out-reader"
    result = run_cli("build", "--workspace", str(workspace), "--out", str(out))
    assert result.returncode == 0, result.stderr
    data = (out / "briefing.pdf").read_bytes()
    ours = pdf_pages_text(data)
    theirs = pypdf.PdfReader(io.BytesIO(data)).pages
    assert len(ours) == len(theirs)
    differing = [
        i for i, page in enumerate(theirs) if compact(page.extract_text()) != compact(ours[i])
    ]
    # Form XObjects included (the charts' labels, the contents' page numbers): every page.
    assert differing == [], differing


# --- the build's own audit catches what it must ---------------------------------------------


def test_audit_text_counts_each_printed_form() -> None:
    printed = [Printed("a", "288家", 2), Printed("b", "超42亿元", 1)]
    assert audit_text("现有288家，\n共 288家；超42\n亿元", printed, "x.pdf") == []
    (finding,) = audit_text("现有288家，共289家；超42亿元", printed, "x.pdf")
    assert (finding.figure_id, finding.expected, finding.found) == ("a", 2, 1)
    assert "x.pdf: figure 'a' is printed 2 time(s) as “288家”" in str(finding)


def test_the_manifest_text_must_say_its_value() -> None:
    good = {"a": {"text": "两万多名", "value": 20000, "qualifier": "多", "unit": "名"}}
    assert manifest_problems(good) == []
    stale = {"a": {"text": "两万多名", "value": 35000, "qualifier": "多", "unit": "名"}}
    percent = {"b": {"text": "0.4012%", "value": 40.12, "qualifier": "", "unit": "%"}}
    assert manifest_problems(stale) and manifest_problems(percent)


@pytest.mark.slow
def test_a_docx_that_prints_another_number_fails_the_audit(workspace: Path) -> None:
    from gjz_brief.content.formatting import format_target
    from gjz_brief.content.loader import load_content
    from gjz_brief.document.compose import compose_document
    from gjz_brief.template.loader import load_template

    out = workspace / "out-tamper"
    result = run_cli("build", "--workspace", str(workspace), "--out", str(out))
    assert result.returncode == 0, result.stderr
    loaded = load_content(workspace / "content")
    plan = loaded.plan
    document = compose_document(plan, load_template("full", None).layout, date=plan.meta.as_of)
    figures = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["figures"]
    targets = {f.id: format_target(f) for f in plan.figures if f.target is not None}
    outputs = {name: (out / name).read_bytes() for name in ("briefing.pdf", "briefing.docx")}
    assert audit_outputs(document, figures, targets, outputs) == []
    assert printed_figures(document, figures, targets)
    tampered = _replace_in_docx(outputs["briefing.docx"], "288家", "289家")
    problems = audit_outputs(document, figures, targets, {"briefing.docx": tampered})
    assert any("'industrial_enterprises'" in p and "“288家”" in p for p in problems), problems
    assert "289家" in docx_text(tampered)
    # A PDF that lost a figure's text (here: the whole body of a page) fails too.
    problems = audit_outputs(
        document, figures, targets, {"briefing.pdf": _drop_page_text(outputs["briefing.pdf"])}
    )
    assert problems
    # A native chart whose label format drops the qualifier (50余家 → 50家) fails too.
    assert ["288家", "188家", "250家", "17家", "50余家"] in docx_chart_labels(
        outputs["briefing.docx"]
    )
    tampered = _replace_in_docx(
        outputs["briefing.docx"], "0&quot;余家&quot;", "0&quot;家&quot;", part="chart"
    )
    problems = audit_outputs(document, figures, targets, {"briefing.docx": tampered})
    assert any("native chart prints" in p and "50家" in p for p in problems), problems


def _replace_in_docx(data: bytes, old: str, new: str, part: str = "document") -> bytes:
    """``old`` → ``new`` in word/document.xml, or (part="chart") in every chart part."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            chart = re.fullmatch(r"word/charts/chart\d+\.xml", item.filename)
            if part == "chart" and chart and old in content.decode("utf-8"):
                content = content.decode("utf-8").replace(old, new).encode("utf-8")
            elif part == "document" and item.filename == "word/document.xml":
                xml = content.decode("utf-8")
                assert old in xml
                content = xml.replace(old, new).encode("utf-8")
            target.writestr(item, content)
    return buffer.getvalue()


def _drop_page_text(data: bytes) -> bytes:
    """The PDF with every show-text operator of its pages removed (streams re-encoded)."""
    import zlib

    def strip(match: re.Match[bytes]) -> bytes:
        head, body = match.group(1), match.group(2)
        try:
            content = zlib.decompress(body)
        except zlib.error:
            return match.group(0)
        if b" Tj" not in content:
            return match.group(0)
        content = re.sub(rb"\((?:\\.|[^\\)])*\)\s*Tj", b"", content)
        packed = zlib.compress(content)
        head = re.sub(rb"/Length \d+", b"/Length %d" % len(packed), head)
        return head + b"stream\r\n" + packed + b"\r\nendstream"

    return re.sub(
        rb"(<<[^>]*?/Length \d+[^>]*?>>\s*)stream\r?\n(.*?)\r?\n?endstream", strip, data, flags=re.S
    )
