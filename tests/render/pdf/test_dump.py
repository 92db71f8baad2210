"""The dump of typeset lines: golden files of the first paragraphs of each template, so a
change to line breaking (kinsoku, 孤字, the grid) is a reviewable diff."""

from __future__ import annotations

import pytest
from golden import TEMPLATES, check_golden

from gjz_brief.content.loader import load_content
from gjz_brief.document.compose import compose_document
from gjz_brief.fonts.resolve import resolve_fonts
from gjz_brief.render.pdf.dump import dump_lines
from gjz_brief.template.loader import load_template


@pytest.mark.parametrize("name", TEMPLATES)
def test_typeset_lines_of_each_template(name, tmp_path):
    plan = load_content().plan
    template = load_template(name, None)
    document = compose_document(plan, template.layout, date=plan.meta.as_of, layout_name=name)
    lines = dump_lines(document, template.theme, resolve_fonts(), tmp_path)
    check_golden(f"{name}.lines.txt", lines)
    assert "｜ last" in lines  # each paragraph's last line is marked
