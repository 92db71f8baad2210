"""absorb as a whole (absorb/run.py): which file, validation of the result as a build does
it, nothing written on a conflict or an invalid result, each file written whole."""

from __future__ import annotations

import os

import pytest
from absorb_support import edit_cell, open_docx, replace_in

from gjz_brief.absorb.run import (
    ABSORBED_FILE,
    find_edited_docx,
    prepare_absorb,
    write_absorbed,
)
from gjz_brief.errors import ConfigError, InputError
from gjz_brief.workspace import find_workspace

INDUSTRY = "甘井子区是大连的重大产业承载区"


def _edited(ws, edit) -> os.PathLike:
    document = open_docx(ws / "out" / "briefing.docx")
    edit(document)
    path = ws / "edited.docx"
    document.save(str(path))
    return path


def test_prepare_writes_nothing_and_write_writes_the_diff(ws):
    path = _edited(ws, lambda d: replace_in(d, INDUSTRY, "重大", "重要"))
    workspace = find_workspace(ws, ws)
    before = {p: p.read_bytes() for p in (ws / "content").iterdir()}
    report = prepare_absorb(workspace, path, ws / "out", dict(os.environ))
    assert report.ok and {p: p.read_bytes() for p in (ws / "content").iterdir()} == before
    diff = report.diff()
    assert diff.count("\n-      - ") == 1 and diff.count("\n+      - ") == 1
    assert "重要产业承载区" in diff and "--- a/content/narrative.yaml" in diff
    write_absorbed(report, ws / "out")
    assert report.written == [ws / "content" / "narrative.yaml"]
    assert "重要产业承载区" in (ws / "content" / "narrative.yaml").read_text("utf-8")
    assert not list((ws / "content").glob(".gjz-absorb-*"))  # no temporary file left


def test_a_result_that_would_not_validate_is_not_written(ws):
    # A count cannot be 288.5: the build's own validation refuses it, located in figures.yaml.
    path = _edited(ws, lambda d: edit_cell(d, "288家", "288.5家"))
    workspace = find_workspace(ws, ws)
    report = prepare_absorb(workspace, path, ws / "out", dict(os.environ))
    assert not report.ok and report.invalid is not None
    assert "whole number" in str(report.invalid) and "figures.yaml" in str(report.invalid)
    with pytest.raises(InputError, match="nothing was written"):
        write_absorbed(report, ws / "out")
    assert "value: 288\n" in (ws / "content" / "figures.yaml").read_text("utf-8")


def test_the_builtin_content_is_not_a_workspace(tmp_path, built):
    workspace = find_workspace(None, tmp_path)
    with pytest.raises(ConfigError, match="not one"):
        prepare_absorb(workspace, built / "briefing.docx", tmp_path, dict(os.environ))


def test_default_file_is_the_edited_briefing_then_the_newest_kept_one(ws):
    out = ws / "out"
    with pytest.raises(InputError, match="no edited briefing.docx"):
        find_edited_docx(out)
    kept_old = out / "briefing.edited-20260101-090000.docx"
    kept_new = out / "briefing.edited-20260102-090000.docx"
    for age, kept in enumerate((kept_new, kept_old)):
        kept.write_bytes((out / "briefing.docx").read_bytes() + bytes([age]))
        os.utime(kept, (1_700_000_000 - age * 1000,) * 2)
    assert find_edited_docx(out) == kept_new
    edited = _edited(ws, lambda d: replace_in(d, INDUSTRY, "重大", "重要"))
    (out / "briefing.docx").unlink()
    (out / "briefing.docx").write_bytes(edited.read_bytes())  # Word replaced our link
    assert find_edited_docx(out) == out / "briefing.docx"


def test_an_absorbed_file_is_not_the_default_again(ws):
    out = ws / "out"
    edited = _edited(ws, lambda d: replace_in(d, INDUSTRY, "重大", "重要"))
    (out / "briefing.docx").unlink()
    (out / "briefing.docx").write_bytes(edited.read_bytes())
    workspace = find_workspace(ws, ws)
    report = prepare_absorb(workspace, out / "briefing.docx", out, dict(os.environ))
    write_absorbed(report, out)
    assert (out / ABSORBED_FILE).is_file()
    with pytest.raises(InputError, match="absorbed already"):
        find_edited_docx(out)
    again = prepare_absorb(workspace, out / "briefing.docx", out, dict(os.environ))
    assert again.ok and not again.new_texts  # absorbing it again changes nothing
