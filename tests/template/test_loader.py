"""Loading templates: the built-in ones, a workspace's own, the page limit."""

from __future__ import annotations

import pytest

from gjz_brief.errors import PageLimitError, TemplateError
from gjz_brief.render.pdf.pagefit import PageFit
from gjz_brief.template.layout import Layout
from gjz_brief.template.loader import (
    available_templates,
    builtin_templates_dir,
    load_template,
    load_template_folder,
)


@pytest.mark.parametrize("name", ["full", "onepage", "jianbao"])
def test_built_in_templates_load(name):
    template = load_template_folder(builtin_templates_dir() / name)
    assert isinstance(template.layout, Layout)
    assert template.reference_docx is not None and template.reference_docx[:2] == b"PK"
    geometry = template.theme.geometry
    assert geometry.right_mm >= 0 and geometry.bottom_mm >= 0
    if name == "onepage":
        assert template.layout.max_pages == 1 and not template.layout.running_header
    else:
        assert (geometry.top_mm, geometry.left_mm) == (37, 28)  # GB/T 9704
        assert (geometry.text_width_mm, geometry.text_height_mm) == (156, 225)


def test_an_unknown_template_names_the_ones_there_are():
    with pytest.raises(TemplateError) as raised:
        load_template("weekly", None)
    assert "available templates: full, jianbao, onepage" in str(raised.value)
    assert list(available_templates(None)) == ["full", "jianbao", "onepage"]


def test_a_workspace_template_shadows_the_built_in_one(tmp_path):
    folder = tmp_path / "templates" / "full"
    folder.mkdir(parents=True)
    (folder / "layout.yaml").write_text(
        "description: 我的\nblocks:\n  - kind: page_break\n", "utf-8"
    )
    template = load_template("full", tmp_path)
    assert template.folder == folder and template.layout.description == "我的"
    assert template.reference_docx is None and template.theme.style("body").size_pt == 16


def test_the_page_limit_is_checked_on_the_typeset_pdf():
    template = load_template("onepage", None)
    fit = PageFit(labels={0: "title “A”"})
    fit.block_pages = {0: [1, 2]}
    fit.used_height = {1: 700.0, 2: 50.0}
    fit.page_count = 2
    with pytest.raises(PageLimitError) as raised:
        template.check_page_count(fit)
    assert raised.value.location.field == "max_pages"
    assert str(raised.value.location.file).endswith("layout.yaml")
