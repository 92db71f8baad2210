"""Which characters a face can draw, and which characters of a text no face can draw."""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from gjz_brief.errors import Location, Problem
from gjz_brief.fonts.codepoints import CodePoints
from gjz_brief.fonts.model import FontFace, FontSet
from gjz_brief.fonts.sfnt import read_code_points
from gjz_brief.paths import read_no_follow

# Never drawn, so never missing: controls, format characters (ZWSP, BOM, soft hyphen),
# separators (spaces, line/paragraph separators) and variation selectors.
_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp"})

COVERAGE_HINT = (
    "replace the character, or install a font that has it "
    "(fonts-noto-cjk and fonts-lxgw-wenkai cover rare ideographs such as 𠮷)"
)


# Each face's table, read once per process (a build asks for the roles' faces thousands of
# times: the glyph check, the PDF's font subsets, the charts' text).
_tables: dict[FontFace, CodePoints] = {}


def cmap_of(face: FontFace) -> CodePoints:
    """The code points the face maps to a glyph (its best Unicode cmap, as fontTools picks it).

    A compact set (see CodePoints): ten CJK faces as frozensets took ~30 MB.
    """
    table = _tables.get(face)
    if table is None:
        table = _tables[face] = CodePoints(read_code_points(face.path, face.index))
    return table


def forget_tables() -> None:
    """Forget every table read in this process (tests: as a new process would start)."""
    _tables.clear()


def keep_tables(faces: Iterable[FontFace], folder: Path | None) -> None:
    """Take the tables of ``faces`` from ``folder`` (the build's font cache) where one is
    stored for the file as it is now (size, modification time); read the others from their
    font and store them there. Reading a CJK face's cmap costs ~12 ms; its stored table
    ~0.2 ms. A folder that cannot be read or written costs only that time."""
    if folder is None:
        return
    for face in faces:
        if face in _tables:
            continue
        path = folder / _table_name(face)
        stored = _stored_table(path)
        if stored is not None:
            _tables[face] = stored
            continue
        table = cmap_of(face)
        with contextlib.suppress(OSError):
            folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=folder, suffix=".tmp")  # never a link
            try:
                with os.fdopen(handle, "wb") as stream:
                    stream.write(table.to_bytes())
                os.replace(temporary, path)
            finally:
                Path(temporary).unlink(missing_ok=True)


def _table_name(face: FontFace) -> str:
    """The file of a face's table: named by its path, index, size and modification time."""
    try:
        status = face.path.stat()
        identity = f"{face.path}\0{face.index}\0{status.st_size}\0{status.st_mtime_ns}"
    except OSError:
        identity = f"{face.path}\0{face.index}\0missing"
    return "cmap-" + hashlib.sha256(identity.encode()).hexdigest()[:32] + ".bin"


def _stored_table(path: Path) -> CodePoints | None:
    try:
        return CodePoints.from_bytes(read_no_follow(path))
    except (OSError, ValueError):
        return None


def is_drawn(character: str) -> bool:
    """False for whitespace, controls and other characters that never need a glyph."""
    code_point = ord(character)
    if 0xFE00 <= code_point <= 0xFE0F or 0xE0100 <= code_point <= 0xE01EF:
        return False  # variation selectors modify the previous glyph
    return unicodedata.category(character) not in _INVISIBLE_CATEGORIES


def code_point_label(character: str) -> str:
    """ "U+20BB7" style label."""
    return f"U+{ord(character):04X}"


def face_for(fonts: FontSet, role: str, code_point: int) -> FontFace | None:
    """The role's face if it has the character, else the first fallback that does."""
    face = fonts.face(role)
    if code_point in cmap_of(face):
        return face
    for fallback in fonts.fallbacks:
        if code_point in cmap_of(fallback):
            return fallback
    return None


def check_coverage(
    fonts: FontSet, texts: Iterable[tuple[str, str, Location | None]]
) -> list[Problem]:
    """A Problem for each character (per text) that neither the role's face nor a fallback has.

    A character only a fallback covers is fine: the PDF draws it in the fallback face.
    """
    problems: list[Problem] = []
    drawable: dict[tuple[str, str], bool] = {}  # (role, character): each asked about once
    for role, text, location in texts:
        missing = []
        for character in set(text):
            known = drawable.get((role, character))
            if known is None:
                known = not is_drawn(character) or face_for(fonts, role, ord(character)) is not None
                drawable[role, character] = known
            if not known:
                missing.append(character)
        for character in sorted(missing, key=text.index):
            name = unicodedata.name(character, "unnamed character")
            problems.append(
                Problem(
                    message=(
                        f"character {character!r} ({code_point_label(character)} {name}) "
                        f"is in no installed font for the {role} text"
                    ),
                    location=location or Location(),
                    hint=COVERAGE_HINT,
                )
            )
    return problems
