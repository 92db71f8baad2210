"""Which files of a content folder are content."""

from __future__ import annotations

import pytest

from gjz_brief.content.files import BUILTIN_CONTENT, content_files
from gjz_brief.errors import ContentError


def test_yaml_files_in_name_order_and_nothing_else(tmp_path):
    for name in ("b.yaml", "a.yml", "notes.txt", "c.yaml.bak"):
        (tmp_path / name).write_text("x: 1\n", encoding="utf-8")
    (tmp_path / "sub.yaml").mkdir()
    (tmp_path / "sub.yaml" / "d.yaml").write_text("x: 1\n", encoding="utf-8")
    assert [path.name for path in content_files(tmp_path)] == ["a.yml", "b.yaml"]


def test_a_missing_or_empty_folder_is_a_located_content_error(tmp_path):
    for folder, words in ((tmp_path / "none", "not found"), (tmp_path, "no .yaml files")):
        with pytest.raises(ContentError) as raised:
            content_files(folder)
        assert words in str(raised.value) and str(folder) in str(raised.value)


def test_the_built_in_content_is_found():
    assert {path.name for path in content_files(BUILTIN_CONTENT)} >= {"figures.yaml", "meta.yaml"}
