"""Every template builds, from the built-in content and from a fresh `init` workspace."""

from __future__ import annotations

import docx
import pdfplumber
import pytest
from template_support import TEMPLATES, page_texts, run_cli


@pytest.mark.parametrize("template", TEMPLATES)
@pytest.mark.parametrize("source", ["builtin", "workspace"])
def test_template_builds_pdf_and_docx(builds, workspace, template, source):
    out = builds.get("--template", template, workspace=workspace if source == "workspace" else None)
    texts = page_texts(out / "briefing.pdf")
    assert texts and "甘井子区" in texts[0]
    document = docx.Document(str(out / "briefing.docx"))
    body = "\n".join(p.text for p in document.paragraphs)
    assert "甘井子区" in body
    # Both formats hold the same headline figures.
    assert "288" in "".join(texts) and "288" in body + "".join(
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    )


def test_templates_command_lists_the_built_in_templates(workspace):
    result = run_cli("templates", "--workspace", str(workspace))
    assert result.returncode == 0, result.stderr
    names = [line.split()[0] for line in result.stdout.splitlines() if line.strip()]
    assert names == sorted(TEMPLATES)


def test_full_has_cover_contents_sections_charts_tables_and_sources(builds):
    out = builds.get("--template", "full")
    texts = page_texts(out / "briefing.pdf")
    assert "甘井子区发展规划简报" in texts[0] and "2020年4月30日" in texts[0]  # cover
    assert "目" in texts[1] and "一、总体定位" in texts[1]  # contents with the headings
    body = "\n".join(texts[2:])
    assert "一、总体定位" in body and "二、发展目标" in body
    assert "图1" in body and "表1" in body
    # The key-figure panel ends section one on the first body page (a figure a little too
    # tall for the room left is set slightly smaller rather than leaving half a page empty).
    assert "图1" in texts[2]
    assert "资料来源" in texts[-1] or "资料来源" in texts[-2]
    with pdfplumber.open(out / "briefing.pdf") as pdf:
        drawn = sum(len(page.curves) + len(page.rects) for page in pdf.pages[2:])
    assert drawn > 20  # the charts are vector drawings, not just captions


def test_jianbao_issue_number_comes_from_the_content_without_issue(builds):
    out = builds.get("--template", "jianbao")
    assert "第1期" in page_texts(out / "briefing.pdf")[0]
