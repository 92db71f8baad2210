"""The output folder of one build: locked, its previous manifest read once, published."""

from __future__ import annotations

import fcntl
import os

import pytest

from gjz_brief.output import manifest as mf
from gjz_brief.output.lock import LOCK_FILE
from gjz_brief.output.publish import OutputFolder, figure_changes


def _manifest(text: str) -> bytes:
    return mf.make_manifest(
        inputs={}, options={}, versions={}, outputs={"briefing.pdf": text.encode()},
        figures={"a": {"name": "甲", "text": text}}, build_date="2020-04-30",
    )  # fmt: skip


def test_changes_compare_with_what_the_previous_build_printed():
    previous = {"figures": {"a": {"text": "1家"}, "b": {"text": "2家"}}}
    now = {"a": {"name": "甲", "text": "3家"}, "b": {"name": "乙", "text": "2家"},
           "c": {"name": "丙", "text": "4家"}}  # fmt: skip
    assert figure_changes(previous, now) == [("甲", "1家", "3家"), ("丙", "新增", "4家")]
    assert figure_changes(None, now) == []


def test_the_folder_is_locked_while_held_and_publishes_its_result(tmp_path):
    out = tmp_path / "out"
    with OutputFolder(out, lock_timeout=5) as folder:
        assert folder.previous is None and folder.cache == out / ".cache"
        handle = os.open(out / LOCK_FILE, os.O_RDWR)
        with pytest.raises(BlockingIOError):
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        os.close(handle)
        published = folder.publish({"briefing.pdf": b"1"}, _manifest("1"), False)
    assert published.written == [out / "briefing.pdf", out / mf.MANIFEST_FILE]
    assert (out / "briefing.pdf").read_bytes() == b"1"
    with OutputFolder(out, lock_timeout=5) as folder:
        assert folder.previous is not None and folder.previous["figures"]["a"]["text"] == "1"


def test_a_dry_run_neither_locks_nor_publishes(tmp_path):
    with OutputFolder(tmp_path, lock_timeout=0, dry_run=True) as folder:
        assert not (tmp_path / LOCK_FILE).exists() and folder.previous is None
        with pytest.raises(RuntimeError):
            folder.publish({}, b"{}", False)


def test_a_failed_build_removes_the_folders_it_created(tmp_path):
    out = tmp_path / "new" / "out"
    with pytest.raises(ValueError), OutputFolder(out, lock_timeout=5) as folder:
        folder.cache.mkdir()  # charts and fonts are cached before the failure
        raise ValueError("the build failed (e.g. the one-page layout overflowed)")
    assert not (tmp_path / "new").exists()
    existing = tmp_path / "existing"
    existing.mkdir()
    with pytest.raises(ValueError), OutputFolder(existing, lock_timeout=5) as folder:
        raise ValueError("failed")
    assert existing.is_dir()  # a folder the user had stays


def test_a_folder_that_received_a_set_stays_even_if_the_build_fails_later(tmp_path):
    out = tmp_path / "out"
    with pytest.raises(ValueError), OutputFolder(out, lock_timeout=5) as folder:
        folder.publish({"briefing.pdf": b"1"}, _manifest("1"), False)
        raise ValueError("failed after publishing")
    assert (out / "briefing.pdf").read_bytes() == b"1"
