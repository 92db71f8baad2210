"""`gjz-brief init`: an editable workspace, never over an existing one."""

from __future__ import annotations

import json

import pytest

from gjz_brief.errors import ConfigError
from gjz_brief.init import create_workspace
from gjz_brief.workspace import CONFIG_FILE


def test_a_workspace_has_content_templates_schemas_and_editor_settings(tmp_path):
    root = create_workspace(tmp_path / "ws")
    assert (root / CONFIG_FILE).is_file() and (root / "content" / "figures.yaml").is_file()
    first_line = (root / "content" / "figures.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=../schema/content.schema.json"
    assert (root / "templates" / "full" / "reference.docx").is_file()
    assert (
        (root / "templates" / "full" / "layout.yaml")
        .read_text(encoding="utf-8")
        .startswith("# yaml-language-server:")
    )
    settings = json.loads((root / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert "yaml.schemas" in settings and (root / "schema").is_dir()


def test_an_existing_workspace_or_a_file_is_left_alone(tmp_path):
    root = create_workspace(tmp_path / "ws")
    before = (root / "content" / "figures.yaml").read_bytes()
    with pytest.raises(ConfigError, match="already holds a workspace"):
        create_workspace(root)
    assert (root / "content" / "figures.yaml").read_bytes() == before
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(ConfigError, match="a file stands"):
        create_workspace(tmp_path / "file")


def test_the_readme_names_every_content_file_init_writes(tmp_path):
    import re

    from repository import REPO

    from gjz_brief.init import create_workspace

    root = create_workspace(tmp_path / "ws")
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    paragraph = readme[readme.index("The content is plain YAML") :][:1200]
    written = sorted(path.name for path in (root / "content").iterdir())
    named = sorted(set(re.findall(r"`([a-z_]+\.yaml)`", paragraph)))
    assert named == written
