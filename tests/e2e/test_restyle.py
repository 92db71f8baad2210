"""Restyling without code: Word styles from the workspace's reference.docx, PDF styles from its
theme.yaml; a wrong theme value is an error naming the file, line and key."""

from __future__ import annotations

import docx
import pdfplumber
import pytest
import yaml
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from template_support import run_cli

HEADING_COLOUR = RGBColor(0x12, 0x34, 0x56)


def test_styles_changed_in_the_workspace_reference_docx_reach_the_built_docx(own_workspace):
    reference_path = own_workspace / "templates" / "jianbao" / "reference.docx"
    reference = docx.Document(str(reference_path))  # as a user would in Word:
    reference.styles["Heading 1"].font.color.rgb = HEADING_COLOUR  # heading colour
    normal = reference.styles["Normal"]
    normal.element.rPr.find(qn("w:rFonts")).set(qn("w:eastAsia"), "楷体")  # body font
    normal.paragraph_format.space_after = Pt(6)  # spacing
    reference.save(str(reference_path))

    out = own_workspace / "out"
    result = run_cli("build", "-w", str(own_workspace), "--template", "jianbao", "-f", "docx")
    assert result.returncode == 0, result.stderr
    built = docx.Document(str(out / "briefing.docx"))
    assert built.styles["Heading 1"].font.color.rgb == HEADING_COLOUR
    fonts = built.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == "楷体"
    assert built.styles["Normal"].paragraph_format.space_after == Pt(6)
    headings = [p for p in built.paragraphs if p.style.name == "Heading 1"]
    assert headings and headings[0].text == "一、总体定位"
    # The sample text of the reference document is not carried into the briefing.
    assert not any("样式" in p.text for p in built.paragraphs)


def test_theme_yaml_changes_reach_the_pdf(own_workspace):
    theme = own_workspace / "templates" / "jianbao" / "theme.yaml"
    data = yaml.safe_load(theme.read_text(encoding="utf-8"))
    data["colours"]["accent"] = "#0055AA"
    data.setdefault("styles", {})["body"] = {"size_pt": 15}  # only the size: the rest stays
    theme.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")

    result = run_cli("build", "-w", str(own_workspace), "--template", "jianbao", "-f", "pdf")
    assert result.returncode == 0, result.stderr
    with pdfplumber.open(own_workspace / "out" / "briefing.pdf") as pdf:
        first, second = pdf.pages[0], pdf.pages[1]
        masthead = [c for c in first.chars if c["size"] >= 30]
        assert masthead
        for char in masthead:
            assert tuple(char["non_stroking_color"]) == pytest.approx((0, 0x55 / 255, 0xAA / 255))
        rules = [line for line in first.lines if line["width"] > 400]
        assert tuple(rules[0]["stroking_color"]) == pytest.approx((0, 0x55 / 255, 0xAA / 255))
        sizes = {round(c["size"], 1) for c in second.chars if c["top"] < second.height - 80}
    assert 15.0 in sizes and 16.0 in sizes  # body at 15 pt; headings keep their 16 pt
    body_line = [c for c in second.chars if round(c["size"], 1) == 15.0]
    assert len(body_line) > 100


THEME_ERRORS = [
    # (theme.yaml text, line, key, words of the message)
    ("styles:\n  heading1:\n    font: bold\n", 3, "styles.heading1.font", "'bold' is not allowed"),
    ("colours:\n  text: '#000000'\n  accent: red\n", 3, "colours.accent", "is not a colour"),
    ("geometry:\n  top_mm: 30\n  left_mm: -5\n", 3, "geometry.left_mm", "-5"),
    ("geometry:\n  text_width_mm: 200\n", 2, "geometry", "right margin would be negative"),
    ("styles:\n  titel: {size_pt: 20}\n", 2, "styles.titel", "'title'"),
    ("colours:\n  acent: '#C00000'\n", 2, "colours.acent", "did you mean 'accent'"),
]


@pytest.mark.parametrize(("text", "line", "key", "words"), THEME_ERRORS)
def test_invalid_theme_value_names_file_line_and_key(own_workspace, text, line, key, words):
    theme = own_workspace / "templates" / "full" / "theme.yaml"
    theme.write_text(text, encoding="utf-8")
    result = run_cli("build", "-w", str(own_workspace), "--template", "full", "-f", "pdf")
    assert result.returncode == 2, result.stderr
    message = result.stderr
    assert f"{theme}:{line}:" in message
    assert f"{key}:" in message or f"{key}." in message
    assert words in message
    assert "Traceback" not in message
    assert not (own_workspace / "out").exists()
