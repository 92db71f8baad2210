"""Zip packages (workbooks, reference documents) are checked before anything is inflated."""

from __future__ import annotations

import io
import zipfile

import pytest

from gjz_brief.ziplimits import ZipLimitError, ZipLimits, check_zip, check_zip_file, read_part

LIMITS = ZipLimits(parts=3, part_bytes=1000, total_bytes=1500)


def _package(parts: dict[str, bytes]) -> io.BytesIO:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    buffer.seek(0)
    return buffer


def test_a_package_within_the_limits_is_read_part_by_part():
    with zipfile.ZipFile(_package({"a.xml": b"<a/>"})) as archive:
        (info,) = check_zip(archive, LIMITS)
        assert read_part(archive, info) == b"<a/>"


@pytest.mark.parametrize(
    ("parts", "words"),
    [
        ({f"{n}.xml": b"<a/>" for n in range(4)}, "4 parts"),
        ({"big.xml": b" " * 2000}, "big.xml inflates to 2000 bytes"),
        ({"a.xml": b" " * 900, "b.xml": b" " * 900}, "inflates to 1800 bytes"),
        ({"d.xml": b"<?xml version='1.0'?><!DOCTYPE x []><x/>"}, "declares a DTD"),
    ],
)
def test_a_package_over_a_limit_names_what(parts, words):
    with pytest.raises(ZipLimitError, match=words):
        check_zip_file(_package(parts), LIMITS)


def test_what_is_no_zip_says_so():
    with pytest.raises(ZipLimitError, match="not a readable zip"):
        check_zip_file(io.BytesIO(b"no zip"), LIMITS)
