"""The font scan: which folders, which files, which faces, and the folders' fingerprint."""

from __future__ import annotations

import os

from fonts_support import make_font

from gjz_brief.fonts.scan import (
    default_font_dirs,
    folders_fingerprint,
    font_dirs,
    font_files,
    normalise_name,
    scan_file,
)


def test_names_compare_loosely():
    assert normalise_name("仿宋_GB2312") == normalise_name("仿宋 GB2312") == "仿宋gb2312"


def test_folders_come_from_the_caller_the_variable_or_the_system(tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    assert font_dirs([one], {"GJZ_BRIEF_FONT_DIRS": str(two)}) == [one]
    assert font_dirs(None, {"GJZ_BRIEF_FONT_DIRS": f"{one}{os.pathsep}{two}"}) == [one, two]
    system = default_font_dirs({"HOME": str(tmp_path), "XDG_DATA_DIRS": str(two)})
    assert tmp_path / ".local" / "share" / "fonts" in system and two / "fonts" in system


def test_each_font_file_once_in_a_stable_order(tmp_path):
    fonts = tmp_path / "fonts"
    make_font(fonts / "b.ttf", "B", "甲")
    make_font(fonts / "sub" / "a.otf", "A", "甲")
    (fonts / "notes.txt").write_text("x", encoding="utf-8")
    (tmp_path / "link").symlink_to(fonts)
    found = [path.name for path in font_files([fonts, tmp_path / "link", tmp_path / "none"])]
    assert found == ["b.ttf", "a.otf"]


def test_a_scanned_face_knows_its_names_and_chinese(tmp_path):
    path = make_font(tmp_path / "k.ttf", "Kai Test", "甲乙", chinese_family="测试楷体")
    (face,) = scan_file(path)
    assert face.face.family == "Kai Test" and normalise_name("测试楷体") in face.names
    assert face.embeddable


def test_the_fingerprint_changes_when_a_font_is_added(tmp_path):
    before = folders_fingerprint([tmp_path])
    assert folders_fingerprint([tmp_path]) == before
    make_font(tmp_path / "new" / "n.ttf", "N", "甲")
    assert folders_fingerprint([tmp_path]) != before
