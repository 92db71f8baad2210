"""Reading a cache file never through a link."""

from __future__ import annotations

import errno

import pytest

from gjz_brief.paths import read_no_follow


def test_a_regular_file_is_read_and_a_link_is_refused(tmp_path):
    target = tmp_path / "file"
    target.write_bytes(b"data")
    assert read_no_follow(target) == b"data"
    (tmp_path / "link").symlink_to(target)
    with pytest.raises(OSError) as raised:
        read_no_follow(tmp_path / "link")
    assert raised.value.errno == errno.ELOOP
    with pytest.raises(OSError):
        read_no_follow(tmp_path)  # a folder is no file
