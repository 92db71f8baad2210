"""One build at a time per output folder."""

from __future__ import annotations

import fcntl
import os
import time

import pytest

from gjz_brief.errors import LockTimeoutError, OutputError
from gjz_brief.output.lock import LOCK_FILE, output_lock


def test_the_lock_is_held_inside_and_released_after(tmp_path):
    with output_lock(tmp_path, 1):
        handle = os.open(tmp_path / LOCK_FILE, os.O_RDWR)
        with pytest.raises(BlockingIOError):
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        os.close(handle)
    with output_lock(tmp_path, 0):
        pass  # free again


def test_a_held_lock_times_out_with_exit_75(tmp_path):
    handle = os.open(tmp_path / LOCK_FILE, os.O_RDWR | os.O_CREAT)
    fcntl.flock(handle, fcntl.LOCK_EX)
    started = time.monotonic()
    try:
        with pytest.raises(LockTimeoutError) as raised, output_lock(tmp_path, 0.3):
            pass
    finally:
        os.close(handle)
    assert raised.value.exit_code == 75 and time.monotonic() - started >= 0.3


def test_a_lock_file_planted_as_a_link_is_refused(tmp_path):
    (tmp_path / LOCK_FILE).symlink_to(tmp_path / "elsewhere")
    with pytest.raises(OutputError, match="symbolic link"), output_lock(tmp_path, 0):
        pass
    assert not (tmp_path / "elsewhere").exists()
