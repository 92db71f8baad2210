"""Limits on what a zip package (reference.docx, a figures .xlsx) holds once inflated.

A file's size on disk says little about its content: a 100 KB docx can inflate to 60 MB of
XML, a 1.3 MB xlsx to 1.28 GB of strings. Before any part is inflated, the central
directory's sizes are checked; a part is then read with ``read_part``, which stops at the
declared size (zipfile checks the CRC there, so a part that lies about its size is an
error, never more memory). Checking costs no inflation: well under a millisecond.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO


@dataclass(frozen=True)
class ZipLimits:
    parts: int  # entries in the package
    part_bytes: int  # one part, inflated
    total_bytes: int  # all parts, inflated
    ratio: int = 1_000  # inflated / compressed size of one part (a zip bomb's signature)


class ZipLimitError(Exception):
    """The package is over a limit or is not a readable zip; ``part`` names the entry."""

    def __init__(self, message: str, part: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.part = part


def check_zip(archive: zipfile.ZipFile, limits: ZipLimits) -> list[zipfile.ZipInfo]:
    """The entries of ``archive`` after checking their inflated sizes against ``limits``.

    Raises ZipLimitError with the first entry over a limit. Inflates nothing.
    """
    entries = archive.infolist()
    if len(entries) > limits.parts:
        raise ZipLimitError(
            f"the package holds {len(entries)} parts, more than the limit of {limits.parts}"
        )
    total = 0
    for info in entries:
        if info.file_size > limits.part_bytes:
            raise ZipLimitError(
                f"{info.filename} inflates to {info.file_size} bytes, more than the limit of "
                f"{limits.part_bytes} bytes for one part",
                info.filename,
            )
        if info.compress_size and info.file_size > limits.ratio * info.compress_size:
            raise ZipLimitError(
                f"{info.filename} inflates {info.file_size // info.compress_size} times "
                f"(from {info.compress_size} to {info.file_size} bytes), more than "
                f"{limits.ratio} times: not a file an office program writes",
                info.filename,
            )
        total += info.file_size
    if total > limits.total_bytes:
        raise ZipLimitError(
            f"the package inflates to {total} bytes, more than the limit of "
            f"{limits.total_bytes} bytes"
        )
    for info in entries:
        if info.filename.endswith((".xml", ".rels")) and b"<!DOCTYPE" in _prologue(archive, info):
            # Office never writes a DTD; one here can only define entities to expand.
            raise ZipLimitError(
                f"{info.filename} declares a DTD (<!DOCTYPE>), which office files never hold",
                info.filename,
            )
    return entries


def _prologue(archive: zipfile.ZipFile, info: zipfile.ZipInfo, size: int = 1024) -> bytes:
    """The first bytes of an entry, where an XML declaration and a DTD would be."""
    try:
        with archive.open(info) as stream:
            return stream.read(size)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as error:
        raise ZipLimitError(f"{info.filename} cannot be read ({error})", info.filename) from None


def check_zip_file(path: Path | IO[bytes], limits: ZipLimits) -> None:
    """``check_zip`` on a file (a path or a binary stream); a bad zip is a ZipLimitError."""
    try:
        with zipfile.ZipFile(path) as archive:
            check_zip(archive, limits)
    except zipfile.BadZipFile as error:
        raise ZipLimitError(f"not a readable zip package ({error})") from None


def read_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """The inflated bytes of one checked entry: never more than its declared size."""
    try:
        with archive.open(info) as stream:
            data = stream.read(info.file_size + 1)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as error:
        raise ZipLimitError(f"{info.filename} cannot be read ({error})", info.filename) from None
    if len(data) != info.file_size:
        raise ZipLimitError(
            f"{info.filename} does not inflate to the size its package declares",
            info.filename,
        )
    return data
