"""The default build, read back through real clients: pdftotext/pypdf, pdffonts, qpdf,
python-docx, LibreOffice."""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

from cli_support import run_cli
from prerequisites import require_tool
from pypdf import PdfReader

KEY_FIGURES = [
    "288家",
    "188家",
    "250家",
    "17家",
    "50余家",
    "68亿元",
    "38.86%",
    "98.3%",
    "超42亿元",
    "近7000万元",
    "约60亿元",
    "两万多名",
    "超800亿元",
    "177家",
    "2035年",
    "力争突破200家",
]


def pdf_text(path: Path) -> str:
    text = "".join(page.extract_text() or "" for page in PdfReader(path).pages)
    return re.sub(r"\s+", "", text)


def test_build_says_where(tmp_path):
    out = tmp_path / "输出 folder"
    result = run_cli("build", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "briefing.pdf" in result.stdout and str(out) in result.stdout
    assert (out / "briefing.pdf").stat().st_size > 10_000
    assert (out / "briefing.docx").stat().st_size > 10_000
    assert list((out / "charts").glob("*.svg")) and list((out / "charts").glob("*.png"))


def test_pdf_text_has_the_key_figures_as_printed(built):
    text = pdf_text(built / "briefing.pdf")
    missing = [figure for figure in KEY_FIGURES if figure not in text]
    assert not missing, missing


# A half-width , ; : ? ! ( ) or straight quote touching a Chinese character or mark.
CHINESE = "\u4e00-\u9fff\U00020000-\U0003134f\u3000-\u303f\uff00-\uffef“”‘’"
HALF_WIDTH_BY_CHINESE = re.compile(f"[{CHINESE}][,;:?!()\"']|[,;:?!()\"'][{CHINESE}]")


def docx_text(path: Path) -> str:
    import docx

    document = docx.Document(str(path))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return re.sub(r"\s+", "", "".join([p.text for p in document.paragraphs] + cells))


def test_pdf_has_no_half_width_punctuation_between_chinese(built):
    text = pdf_text(built / "briefing.pdf")
    assert not re.findall(r"[\u4e00-\u9fff][,;:?!()][\u4e00-\u9fff]", text)
    assert not HALF_WIDTH_BY_CHINESE.findall(text)
    assert text.count("，") > 100 and "（" in text and "：" in text  # the full-width forms
    assert not HALF_WIDTH_BY_CHINESE.findall(docx_text(built / "briefing.docx"))


def test_corrected_copy_errors_are_gone_from_the_docx_body_too(built):
    text = docx_text(built / "briefing.docx")
    appendix = text.rfind("原文更正说明")
    assert appendix > 0
    for printed in ("制造制造", "文旅旅游", "率率", "合法权益和权益", "项目建设和带来"):
        assert printed not in text[:appendix], printed
    assert "文化旅游" in text[:appendix]


def test_corrected_copy_errors_are_gone_from_the_body(built):
    text = pdf_text(built / "briefing.pdf")
    # only the corrections appendix (the last section but one) may quote the printed forms
    appendix = text.rfind("原文更正说明")
    assert appendix > 0
    body = text[:appendix]
    for printed in ("制造制造", "文旅旅游", "率率", "合法权益和权益", "项目建设和带来"):
        assert printed not in body, printed
    assert "文旅旅游" in text[appendix:]  # and the appendix does record it


def test_every_pdf_font_is_embedded(built):
    require_tool("pdffonts")
    listing = subprocess.run(
        ["pdffonts", str(built / "briefing.pdf")], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert listing, "no fonts listed"
    for line in listing:
        columns = line.split()
        # name type [type2] encoding emb sub uni object ID: emb is the 5th from the end
        assert columns[-5] == "yes", line
        assert columns[-4] == "yes", line  # subset


def test_pdf_outline_matches_headings(built):
    reader = PdfReader(built / "briefing.pdf")
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert any(title.startswith("一、") for title in titles), titles
    assert len(titles) >= 6


def test_pdf_metadata(built):
    info = PdfReader(built / "briefing.pdf").metadata
    assert "甘井子" in (info.title or "")
    assert info.author == "大连甘井子区委宣传部"
    assert info.subject and info.get("/Keywords")


def test_qpdf_check_passes(built):
    require_tool("qpdf")
    result = subprocess.run(
        ["qpdf", "--check", str(built / "briefing.pdf")], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_docx_structure(built):
    import docx

    document = docx.Document(str(built / "briefing.docx"))
    styles = {p.style.name for p in document.paragraphs}
    assert {"Heading 1", "Caption"} <= styles, styles
    assert document.tables, "no Word tables"
    assert document.inline_shapes, "no images"
    with zipfile.ZipFile(built / "briefing.docx") as archive:
        body = archive.read("word/document.xml").decode()
        styles_xml = archive.read("word/styles.xml").decode()
    assert "TOC \\o" in body
    assert " SEQ " in body
    assert 'w:eastAsia="' in styles_xml
    assert "eastAsiaTheme" not in styles_xml and "asciiTheme" not in styles_xml
    assert 'descr="' in body  # alt text on images


def test_docx_opens_in_libreoffice(built, tmp_path):
    soffice = require_tool("soffice")
    profile = tmp_path / "profile"
    result = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(built / "briefing.docx"),
        ],
        capture_output=True,
        text=True,
        timeout=240,
    )
    converted = tmp_path / "briefing.pdf"
    assert converted.exists(), result.stdout + result.stderr
    assert "288家" in pdf_text(converted)


def test_validate_reports_warnings_and_succeeds():
    result = run_cli("validate")
    assert result.returncode == 0, result.stderr
    assert "content is valid" in result.stdout


def test_bad_argument_exits_2_without_traceback():
    result = run_cli("build", "--format", "odt")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "invalid choice" in result.stderr
