"""A workspace: its folders, configuration, and paths kept inside it."""

from __future__ import annotations

from pathlib import Path

import pytest

from gjz_brief.content.files import BUILTIN_CONTENT
from gjz_brief.errors import ConfigError
from gjz_brief.workspace import CONFIG_FILE, find_workspace, load_config


def test_the_built_in_content_when_no_workspace_is_found(tmp_path):
    workspace = find_workspace(None, tmp_path)
    assert workspace.root is None and workspace.content_dir == BUILTIN_CONTENT
    assert workspace.default_out == Path("out") and workspace.figures_sheet is None


def test_a_workspace_is_found_in_the_current_folder_and_configured(tmp_path):
    (tmp_path / CONFIG_FILE).write_text("template: jianbao\nfigures_sheet: s.csv\n", "utf-8")
    workspace = find_workspace(None, tmp_path)
    assert workspace.root == tmp_path and workspace.config.template == "jianbao"
    assert workspace.figures_sheet == (tmp_path / "s.csv").resolve()


def test_paths_outside_the_workspace_and_bad_settings_are_refused(tmp_path):
    (tmp_path / CONFIG_FILE).write_text("content: ../elsewhere\n", "utf-8")
    with pytest.raises(ConfigError, match="outside the workspace"):
        _ = find_workspace(tmp_path, Path("/")).content_dir
    (tmp_path / CONFIG_FILE).write_text("lock_timeout_seconds: -1\n", "utf-8")
    with pytest.raises(ConfigError) as raised:
        load_config(tmp_path)
    assert raised.value.location.line == 1
    with pytest.raises(ConfigError, match="not found"):
        find_workspace(tmp_path / "none", tmp_path)
