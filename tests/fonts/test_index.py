"""The font index: a second resolution reads no font file and gives the same answer."""

from __future__ import annotations

import json
import os

import pytest
from fonts_support import FONTS, needs_installed_fonts

from gjz_brief.fonts import coverage, resolve, scan
from gjz_brief.fonts.index import INDEX_NAME, FaceIndex
from gjz_brief.fonts.resolve import resolve_fonts

ARPHIC = FONTS / "truetype" / "arphic"


def _must_not_read(*args, **kwargs):
    raise AssertionError("a font file was read although the index knows it")


@pytest.fixture
def cold_caches(monkeypatch):
    """No in-process caches: only the index may spare reading the fonts."""
    monkeypatch.setattr(scan, "_scan_cache", {})
    coverage.forget_tables()
    yield
    coverage.forget_tables()


@needs_installed_fonts
def test_second_resolution_reads_no_font(tmp_path, monkeypatch, cold_caches):
    first = resolve_fonts(search_dirs=[ARPHIC], environ={}, cache_dir=tmp_path)
    assert first == resolve_fonts(search_dirs=[ARPHIC], environ={})  # as without an index
    assert (tmp_path / INDEX_NAME).is_file()
    monkeypatch.setattr(scan, "_scan_cache", {})
    coverage.forget_tables()
    monkeypatch.setattr(scan, "_read_faces", _must_not_read)
    monkeypatch.setattr(coverage, "read_code_points", _must_not_read)
    monkeypatch.setattr(resolve, "cmap_counts", _must_not_read)
    again = resolve_fonts(search_dirs=[ARPHIC], environ={}, cache_dir=tmp_path)
    assert again == first


@needs_installed_fonts
def test_a_changed_font_file_is_read_again(tmp_path, cold_caches):
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    copy = fonts / "uming.ttc"
    copy.write_bytes((ARPHIC / "uming.ttc").read_bytes())
    index = FaceIndex(tmp_path)
    faces = scan.scan_folders([fonts], index)
    assert index.faces(copy) == tuple(faces)
    status = copy.stat()
    os.utime(copy, ns=(status.st_atime_ns, status.st_mtime_ns + 1_000_000_000))
    assert index.faces(copy) is None  # stale: the scan reads the file again


def test_an_unreadable_index_is_ignored(tmp_path):
    (tmp_path / INDEX_NAME).write_text("{not json", encoding="utf-8")
    index = FaceIndex(tmp_path)
    assert index.faces(tmp_path / "any.ttf") is None
    (tmp_path / INDEX_NAME).write_text(json.dumps({"version": 0, "files": {}}), encoding="utf-8")
    assert FaceIndex(tmp_path).faces(tmp_path / "any.ttf") is None


@needs_installed_fonts
def test_an_index_that_cannot_be_written_costs_nothing(tmp_path, cold_caches):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    folder = blocker / "fonts"  # a folder inside a file: nothing can be written there
    fonts = resolve_fonts(search_dirs=[ARPHIC], environ={}, cache_dir=folder)
    assert fonts == resolve_fonts(search_dirs=[ARPHIC], environ={})  # the same answer
    assert blocker.read_text(encoding="utf-8") == "x"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["file"]  # no stray files
