"""Find font files in folders and read just enough of each face to choose between them.

Only the table directory, ``name`` and ``OS/2`` are read (fontTools lazy loading), so a scan
of a few hundred files takes well under a second. Results are kept in memory per process,
keyed by the file's path, size and modification time.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from gjz_brief.environment import home_folder
from gjz_brief.fonts.model import FontFace

if TYPE_CHECKING:
    from fontTools.ttLib import TTFont

    from gjz_brief.fonts.index import FaceIndex

_log = logging.getLogger(__name__)

FONT_SUFFIXES = frozenset({".ttf", ".ttc", ".otf", ".otc"})
FONT_DIRS_VARIABLE = "GJZ_BRIEF_FONT_DIRS"

# OS/2 ulCodePageRange1 bits: 17 JIS, 18 GB2312, 19 Korean Wansung, 20 Big5, 21 Korean Johab.
_CJK_CODE_PAGE_BITS = (17, 18, 19, 20, 21)
_SIMPLIFIED_CODE_PAGE_BIT = 18
# fsType 0x0002 "restricted licence" forbids embedding; 0x0200 allows bitmaps only.
_RESTRICTED_EMBEDDING = 0x0002
_BITMAP_EMBEDDING_ONLY = 0x0200


@dataclass(frozen=True)
class ScannedFace:
    """One face with what resolution needs: its names, weight and licence flags."""

    face: FontFace
    names: frozenset[str]  # normalised family/full names in every language of the name table
    subfamily: str
    weight: int  # OS/2 usWeightClass
    cjk: bool  # the OS/2 code page bits claim a CJK character set
    simplified: bool  # ... and GB2312 in particular
    embeddable: bool  # fsType allows embedding the outlines into a PDF


def normalise_name(name: str) -> str:
    """Names compare without case, spaces, hyphens or underscores ("仿宋_GB2312" ~ "仿宋GB2312")."""
    return "".join(ch for ch in name.casefold() if ch not in " -_")


def default_font_dirs(environ: Mapping[str, str]) -> list[Path]:
    """The usual per-user and system font folders of Linux, macOS and Windows.

    Without a home folder (HOME unset and no account entry) the per-user ones are left out.
    """
    home = home_folder(environ)
    data_home = environ.get("XDG_DATA_HOME") or (str(home / ".local" / "share") if home else "")
    data_dirs = (environ.get("XDG_DATA_DIRS") or "/usr/local/share:/usr/share").split(":")
    windows = Path(environ.get("WINDIR") or environ.get("SystemRoot") or r"C:\Windows")
    candidates = [
        Path(data_home) / "fonts" if data_home else None,
        home / ".fonts" if home else None,
        *(Path(folder) / "fonts" for folder in data_dirs if folder),
        Path("/usr/share/fonts"),
        Path("/usr/local/share/fonts"),
        home / "Library" / "Fonts" if home else None,
        Path("/Library/Fonts"),
        Path("/System/Library/Fonts"),
        windows / "Fonts",
    ]
    if environ.get("LOCALAPPDATA"):
        candidates.append(Path(environ["LOCALAPPDATA"]) / "Microsoft" / "Windows" / "Fonts")
    unique: list[Path] = []
    for folder in candidates:
        if folder is not None and folder not in unique:
            unique.append(folder)
    return unique


def font_dirs(search_dirs: Sequence[Path] | None, environ: Mapping[str, str]) -> list[Path]:
    """Explicit folders win, then GJZ_BRIEF_FONT_DIRS (only those; separated by os.pathsep,
    i.e. ":" on Linux/macOS and ";" on Windows), then the system folders.
    """
    if search_dirs is not None:
        return [Path(folder) for folder in search_dirs]
    configured = environ.get(FONT_DIRS_VARIABLE)
    if configured:
        return [Path(folder).expanduser() for folder in configured.split(os.pathsep) if folder]
    return default_font_dirs(environ)


def font_files(folders: Sequence[Path]) -> Iterator[Path]:
    """Every font file under the folders, each real file once, in a stable order.

    A folder that cannot be read (someone else's HOME, a mode 000 folder) is skipped with a
    debug note: the fonts elsewhere are enough, or the build says which font is missing.
    """
    seen_dirs: set[str] = set()
    seen_files: set[str] = set()
    for folder in folders:
        try:
            if not folder.is_dir():  # missing: the usual case for most candidates
                continue
        except OSError as error:  # e.g. a parent folder without search permission
            _skipped(folder, error)
            continue
        for root, dirs, files in os.walk(folder, onerror=_skipped_listing, followlinks=True):
            real_root = os.path.realpath(root)
            if real_root in seen_dirs:  # symlinked folders must not loop or repeat
                dirs[:] = []
                continue
            seen_dirs.add(real_root)
            dirs.sort()
            for name in sorted(files):
                if Path(name).suffix.lower() not in FONT_SUFFIXES:
                    continue
                path = Path(root) / name
                real = os.path.realpath(path)
                if real not in seen_files and os.path.isfile(real):
                    seen_files.add(real)
                    yield path


def _skipped(folder: Path | str, error: OSError) -> None:
    reason = (error.strerror or str(error)).lower()
    _log.debug("font folder %s skipped: %s", folder, reason)


def _skipped_listing(error: OSError) -> None:
    _skipped(error.filename, error)


_scan_cache: dict[tuple[str, int, int], tuple[ScannedFace, ...]] = {}


def scan_file(path: Path) -> tuple[ScannedFace, ...]:
    """All faces of one file; an unreadable or broken file yields none."""
    try:
        status = path.stat()
    except OSError:
        return ()
    key = (str(path), status.st_size, status.st_mtime_ns)
    if key not in _scan_cache:
        _scan_cache[key] = _read_faces(path)
    return _scan_cache[key]


def scan_folders(folders: Sequence[Path], index: FaceIndex | None = None) -> list[ScannedFace]:
    """Every face in the folders; files unchanged since ``index`` recorded them are not read
    (fontTools is then not even imported)."""
    found: list[ScannedFace] = []
    for path in font_files(folders):
        faces = index.faces(path) if index is not None else None
        if faces is None:
            faces = scan_file(path)
            if index is not None:
                index.remember_faces(path, faces)
        found.extend(faces)
    return found


def face_count(path: Path) -> int:
    """Number of faces in a file (1 for a plain .ttf/.otf); raises TTLibError if not a font."""
    from fontTools.ttLib import TTCollection, TTLibError

    with path.open("rb") as stream:
        tag = stream.read(4)
    if tag == b"ttcf":
        return len(TTCollection(str(path), lazy=True).fonts)
    if tag not in (b"\x00\x01\x00\x00", b"OTTO", b"true"):
        raise TTLibError(f"not a TrueType/OpenType font (starts with {tag!r})")
    return 1


def read_face(path: Path, index: int) -> ScannedFace:
    """One face of a file; raises TTLibError (or OSError, KeyError) if it is not a usable font."""
    from fontTools.ttLib import TTFont, TTLibError

    font = TTFont(str(path), fontNumber=index, lazy=True)
    try:
        if "glyf" in font:
            outlines = "truetype"
        elif "CFF " in font or "CFF2" in font:
            outlines = "cff"
        else:
            raise TTLibError("the font has neither TrueType nor CFF outlines")
        if "cmap" not in font:
            raise TTLibError("the font has no character map")
        names, family, subfamily = _names(font)
        os2 = font.get("OS/2")
        code_pages = getattr(os2, "ulCodePageRange1", 0) if os2 is not None else 0
        fs_type = os2.fsType if os2 is not None else 0
        return ScannedFace(
            face=FontFace(path=path, index=index, family=family, outlines=outlines),
            names=names,
            subfamily=subfamily,
            weight=os2.usWeightClass if os2 is not None else 400,
            cjk=any(code_pages >> bit & 1 for bit in _CJK_CODE_PAGE_BITS),
            simplified=bool(code_pages >> _SIMPLIFIED_CODE_PAGE_BIT & 1),
            embeddable=not (fs_type == _RESTRICTED_EMBEDDING or fs_type & _BITMAP_EMBEDDING_ONLY),
        )
    finally:
        font.close()


def _read_faces(path: Path) -> tuple[ScannedFace, ...]:
    from fontTools.ttLib import TTLibError

    try:
        count = face_count(path)
    except (OSError, TTLibError, AssertionError, ValueError, IndexError):
        return ()
    faces: list[ScannedFace] = []
    for index in range(count):
        try:
            faces.append(read_face(path, index))
        except (OSError, TTLibError, AssertionError, KeyError, ValueError, IndexError):
            # A broken face in someone's font folder must not stop the scan.
            continue
    return tuple(faces)


def _names(font: TTFont) -> tuple[frozenset[str], str, str]:
    """(all family and full names, the English family name, the English subfamily name)."""
    table = font.get("name")
    if table is None:
        return frozenset(), "", ""
    names: set[str] = set()
    for record in table.names:
        if record.nameID in (1, 4, 16, 21):  # family, full name, typographic family, WWS
            try:
                names.add(normalise_name(record.toUnicode()))
            except UnicodeDecodeError:
                continue
    family = str(table.getDebugName(16) or table.getDebugName(1) or "")
    subfamily = str(table.getDebugName(17) or table.getDebugName(2) or "")
    return frozenset(names), family, subfamily


def folders_fingerprint(folders: Sequence[Path]) -> str:
    """A digest of the font folders' state: every folder under them and its modification
    time, which changes when a font file is added, removed or renamed there.

    Recorded in the manifest, so ``build --if-changed`` rebuilds when a newly installed
    face could change which font serves a role. Lists folders only (no file is opened):
    a few milliseconds for a system's font folders.
    """
    import hashlib

    digest = hashlib.sha256()
    seen: set[str] = set()
    for folder in folders:
        for root, dirs, _files in os.walk(folder, followlinks=True):
            real = os.path.realpath(root)
            if real in seen:
                dirs[:] = []
                continue
            seen.add(real)
            dirs.sort()
            try:
                stamp = os.stat(root).st_mtime_ns
            except OSError:
                continue
            digest.update(f"{root}\0{stamp}\n".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()
