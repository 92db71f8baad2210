"""Where templates are: the workspace's own first, the built-in ones, and only inside."""

from __future__ import annotations

import pytest

from gjz_brief.errors import TemplateError
from gjz_brief.template.folders import (
    available_templates,
    builtin_templates_dir,
    check_template_paths,
    template_dirs,
    template_input_files,
)


def test_the_workspace_templates_come_first(tmp_path):
    (tmp_path / "templates" / "weekly").mkdir(parents=True)
    (tmp_path / "templates" / "weekly" / "layout.yaml").write_text("x: 1\n", "utf-8")
    assert template_dirs(tmp_path)[0] == tmp_path / "templates"
    found = available_templates(tmp_path)
    assert found["weekly"] == tmp_path / "templates" / "weekly"
    assert found["full"] == builtin_templates_dir() / "full"


def test_the_input_files_of_a_template_are_its_three_files():
    names = [path.name for path in template_input_files(builtin_templates_dir() / "jianbao")]
    assert sorted(names) == ["layout.yaml", "reference.docx", "theme.yaml"]


def test_a_template_file_linking_outside_the_workspace_is_refused(tmp_path):
    folder = tmp_path / "ws" / "templates" / "full"
    folder.mkdir(parents=True)
    outside = tmp_path / "secret.yaml"
    outside.write_text("x: 1\n", "utf-8")
    (folder / "layout.yaml").symlink_to(outside)
    with pytest.raises(TemplateError, match="outside"):
        check_template_paths(folder, tmp_path / "ws")
