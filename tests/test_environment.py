"""The user folders a build may touch, and libraries kept from failing on them."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from gjz_brief import environment
from gjz_brief.environment import (
    home_folder,
    matplotlib_folders,
    matplotlib_settings_folder,
    writable_folder,
)


def test_home_and_matplotlibs_folders_follow_the_environment(tmp_path):
    assert home_folder({"HOME": str(tmp_path)}) == tmp_path
    assert matplotlib_folders({"MPLCONFIGDIR": "/x"}) == [Path("/x")]
    folders = matplotlib_folders({"HOME": "/h", "XDG_CACHE_HOME": "/c"})
    assert folders == [Path("/h/.config/matplotlib"), Path("/c/matplotlib")]


def test_a_folder_that_cannot_be_written_is_told_apart(tmp_path):
    assert writable_folder(tmp_path / "new" / "deeper") and (tmp_path / "new").is_dir()
    (tmp_path / "file").write_text("x", encoding="utf-8")
    assert not writable_folder(tmp_path / "file" / "sub")


def test_matplotlib_gets_a_folder_of_the_cache_only_when_its_own_cannot_be_written(tmp_path):
    usable = {"MPLCONFIGDIR": str(tmp_path / "mpl")}
    assert matplotlib_settings_folder(usable, tmp_path / "cache") is None
    (tmp_path / "file").write_text("x", encoding="utf-8")
    unusable = {"MPLCONFIGDIR": str(tmp_path / "file" / "mpl")}
    folder = matplotlib_settings_folder(unusable, tmp_path / "cache")
    assert folder == tmp_path / "cache" / environment.MATPLOTLIB_FOLDER and folder.is_dir()
    nowhere = matplotlib_settings_folder(unusable, tmp_path / "file" / "cache")
    assert nowhere is not None and nowhere.is_dir() and "gjz-brief-matplotlib-" in nowhere.name


def test_reportlab_gets_a_stand_in_when_home_is_a_file(tmp_path, monkeypatch):
    monkeypatch.delitem(sys.modules, "reportlab", raising=False)
    monkeypatch.delitem(sys.modules, "reportlab_mods", raising=False)
    (tmp_path / "home").write_text("x", encoding="utf-8")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    environment.prepare_reportlab()
    assert "reportlab_mods" in sys.modules
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delitem(sys.modules, "reportlab_mods")
    environment.prepare_reportlab()  # a usable HOME: ReportLab handles it itself
    assert "reportlab_mods" not in sys.modules
    assert os.environ["HOME"] == str(tmp_path)
