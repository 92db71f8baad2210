"""Atomic writes: every file complete or untouched; the output folder checked first."""

from __future__ import annotations

import pytest

from gjz_brief.errors import OutputError
from gjz_brief.output.atomic import (
    TEMP_PREFIX,
    check_output_folder,
    check_own_entries,
    ensure_folder,
    remove_stale_temps,
    write_files_atomically,
)


def test_files_and_the_last_one_are_written_whole(tmp_path):
    write_files_atomically(tmp_path, {"a/b.txt": b"one", "c.txt": b"two"}, {"m.json": b"{}"})
    assert (tmp_path / "a" / "b.txt").read_bytes() == b"one"
    assert (tmp_path / "m.json").read_bytes() == b"{}"
    assert not list(tmp_path.rglob(f"{TEMP_PREFIX}*"))


def test_a_file_where_the_folder_should_be_is_refused(tmp_path):
    (tmp_path / "out").write_text("x", encoding="utf-8")
    for check in (check_output_folder, ensure_folder):
        with pytest.raises(OutputError, match="file"):
            check(tmp_path / "out")
    ensure_folder(tmp_path / "new" / "out")
    assert (tmp_path / "new" / "out").is_dir()


def test_a_link_planted_where_we_keep_our_folders_is_refused(tmp_path):
    (tmp_path / ".cache").symlink_to(tmp_path)
    with pytest.raises(OutputError, match="symbolic link"):
        check_own_entries(tmp_path)


def test_temporary_files_of_a_killed_build_are_removed(tmp_path):
    stale = tmp_path / f"{TEMP_PREFIX}abc-briefing.pdf"
    stale.write_bytes(b"half")
    kept = tmp_path / "briefing.pdf"
    kept.write_bytes(b"whole")
    remove_stale_temps(tmp_path)
    assert not stale.exists() and kept.exists()
