"""What the font scan found, kept between builds in the build's cache (``fonts/faces.json``).

A build scans ~50 font files (name and OS/2 tables, through fontTools) and reads the character
maps of the ~10 Chinese faces only to rank them by coverage: ~0.2 s every build for the same
answer. The index keeps, per file (path, size, modification time), the scanned faces and the
coverage counts; a file that changed is read again. A missing or unreadable index only costs
the scan.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from gjz_brief.fonts.model import FontFace
from gjz_brief.fonts.scan import ScannedFace
from gjz_brief.paths import read_no_follow

INDEX_VERSION = 1
INDEX_NAME = "faces.json"


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_size, status.st_mtime_ns


def _face_record(scanned: ScannedFace) -> dict[str, Any]:
    return {
        "index": scanned.face.index,
        "family": scanned.face.family,
        "outlines": scanned.face.outlines,
        "names": sorted(scanned.names),
        "subfamily": scanned.subfamily,
        "weight": scanned.weight,
        "cjk": scanned.cjk,
        "simplified": scanned.simplified,
        "embeddable": scanned.embeddable,
    }


def _scanned(path: Path, record: dict[str, Any]) -> ScannedFace:
    return ScannedFace(
        face=FontFace(path, int(record["index"]), str(record["family"]), str(record["outlines"])),
        names=frozenset(str(name) for name in record["names"]),
        subfamily=str(record["subfamily"]),
        weight=int(record["weight"]),
        cjk=bool(record["cjk"]),
        simplified=bool(record["simplified"]),
        embeddable=bool(record["embeddable"]),
    )


class FaceIndex:
    """Scanned faces and coverage counts per font file, valid while the file is unchanged."""

    def __init__(self, folder: Path | None) -> None:
        self.file = folder / INDEX_NAME if folder is not None else None
        self._files: dict[str, dict[str, Any]] = {}
        self._dirty = False
        if self.file is not None:
            with contextlib.suppress(OSError, ValueError, TypeError, AttributeError):
                data = json.loads(read_no_follow(self.file).decode("utf-8"))
                if data.get("version") == INDEX_VERSION and isinstance(data.get("files"), dict):
                    self._files = data["files"]

    def _entry(self, path: Path) -> dict[str, Any] | None:
        entry = self._files.get(str(path))
        identity = _identity(path)
        if (
            entry is None
            or identity is None
            or [entry.get("size"), entry.get("mtime_ns")] != [*identity]
        ):
            return None
        return entry

    def faces(self, path: Path) -> tuple[ScannedFace, ...] | None:
        entry = self._entry(path)
        if entry is None:
            return None
        try:
            return tuple(_scanned(path, record) for record in entry["faces"])
        except (KeyError, TypeError, ValueError):
            return None

    def remember_faces(self, path: Path, faces: tuple[ScannedFace, ...]) -> None:
        identity = _identity(path)
        if identity is None:
            return
        self._files[str(path)] = {
            "size": identity[0],
            "mtime_ns": identity[1],
            "faces": [_face_record(scanned) for scanned in faces],
            "counts": {},
        }
        self._dirty = True

    def counts(self, face: FontFace) -> tuple[int, int] | None:
        """(characters mapped, CJK Unified Ideographs mapped) if known for this file."""
        entry = self._entry(face.path)
        value = entry.get("counts", {}).get(str(face.index)) if entry is not None else None
        if not (isinstance(value, list) and len(value) == 2):
            return None
        return int(value[0]), int(value[1])

    def remember_counts(self, face: FontFace, counts: tuple[int, int]) -> None:
        entry = self._entry(face.path)
        if entry is not None:
            entry.setdefault("counts", {})[str(face.index)] = list(counts)
            self._dirty = True

    def save(self) -> None:
        """Write the index if anything was added; a cache that cannot be written is skipped."""
        if self.file is None or not self._dirty:
            return
        data = json.dumps({"version": INDEX_VERSION, "files": self._files}, ensure_ascii=False)
        with contextlib.suppress(OSError):
            self.file.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.file.parent, suffix=".tmp")
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as stream:
                    stream.write(data)
                os.replace(temporary, self.file)
            finally:
                Path(temporary).unlink(missing_ok=True)
        self._dirty = False
