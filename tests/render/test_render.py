"""The renderers' entry points: PDF and DOCX bytes, libraries imported only when called."""

from __future__ import annotations

import subprocess
import sys

from repository import SRC

from gjz_brief.content.loader import load_content
from gjz_brief.document.compose import compose_document
from gjz_brief.fonts.resolve import resolve_fonts
from gjz_brief.render import typeset_pdf, write_docx
from gjz_brief.template.loader import load_template


def test_a_document_without_charts_becomes_a_pdf_and_a_docx(write_content, tmp_path):
    plan = load_content(write_content()).plan
    template = load_template("jianbao", None)
    document = compose_document(plan, template.layout, date=plan.meta.as_of)
    fonts = resolve_fonts()
    rendered = typeset_pdf(document, {}, fonts, template.theme, tmp_path, {})
    assert rendered.data.startswith(b"%PDF-") and rendered.page_fit.page_count >= 1
    assert write_docx(document, {}, fonts, template).startswith(b"PK")


def test_importing_the_entry_points_loads_neither_library():
    script = (
        "import sys, gjz_brief.render; "
        "print(sorted(m for m in ('reportlab', 'docx') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], env={"PYTHONPATH": str(SRC)}, capture_output=True,
        text=True, check=True, timeout=60,
    )  # fmt: skip
    assert result.stdout.strip() == "[]"
