"""The output set, step by step in this process (tests/output/test_sets_killed.py kills a
publishing process at every step)."""

from __future__ import annotations

import os

import pytest

from gjz_brief.errors import OutputError
from gjz_brief.output import manifest as mf
from gjz_brief.output.sets import (
    CURRENT,
    SETS_DIR,
    current_set,
    edited_name,
    is_our_link,
    link_target,
    own_folder,
    publish_set,
)


def _manifest(outputs: dict[str, bytes]) -> bytes:
    return mf.make_manifest(
        inputs={}, options={}, versions={}, outputs=outputs, figures={}, build_date="2020-04-30"
    )


def _publish(out, text: str, force: bool = False):
    outputs = {"briefing.pdf": text.encode(), "briefing.docx": b"PK " + text.encode()}
    return publish_set(out, outputs, _manifest(outputs), force=force)


def test_the_outputs_are_links_into_the_current_set(tmp_path):
    published = _publish(tmp_path, "one")
    assert is_our_link(tmp_path / "briefing.pdf", "briefing.pdf")
    assert os.readlink(tmp_path / "briefing.pdf") == link_target("briefing.pdf")
    first = current_set(tmp_path)
    assert first is not None and (first / "briefing.pdf").read_bytes() == b"one"
    assert tmp_path / "briefing.pdf" in published.written
    _publish(tmp_path, "two")
    assert current_set(tmp_path) != first and (tmp_path / "briefing.pdf").read_bytes() == b"two"
    assert os.readlink(tmp_path / SETS_DIR / CURRENT).startswith("set-")


def test_an_edited_file_is_kept_under_a_second_name(tmp_path):
    _publish(tmp_path, "one")
    (tmp_path / "briefing.docx").unlink()
    (tmp_path / "briefing.docx").write_bytes(b"edited in Word")  # Word replaces the link
    published = _publish(tmp_path, "two")
    (kept,) = published.kept_edits
    assert kept.name.startswith("briefing.edited-") and kept.read_bytes() == b"edited in Word"
    assert (tmp_path / "briefing.docx").read_bytes() == b"PK two"
    (tmp_path / "briefing.docx").unlink()
    (tmp_path / "briefing.docx").write_bytes(b"edited again")
    assert _publish(tmp_path, "three", force=True).kept_edits == []


def test_edited_names_never_overwrite_each_other(tmp_path):
    source = tmp_path / "briefing.docx"
    source.write_bytes(b"x")
    first = edited_name(tmp_path, "briefing.docx", source)
    first.write_bytes(b"y")
    second = edited_name(tmp_path, "briefing.docx", source)
    assert first != second and second.suffix == ".docx"


def test_our_folders_are_never_links(tmp_path):
    assert own_folder(tmp_path / "new").is_dir()
    (tmp_path / "linked").symlink_to(tmp_path / "new")
    with pytest.raises(OutputError, match="symbolic link"):
        own_folder(tmp_path / "linked")
