"""Choose a font file for each role (title, body, heading, kai, song) and a fallback chain."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from gjz_brief.errors import FontConfigError, FontNotFoundError, Location
from gjz_brief.fonts.catalog import (
    INSTALL_HINT,
    OFFICE_NAME_OF_ROLE,
    PREFERENCES,
    ROLES,
    STYLE_OF_ROLE,
    Candidate,
    reason_for,
)
from gjz_brief.fonts.check import check_configured_face
from gjz_brief.fonts.coverage import cmap_of, keep_tables
from gjz_brief.fonts.index import FaceIndex
from gjz_brief.fonts.model import FontFace, FontSet, ResolvedFont
from gjz_brief.fonts.scan import (
    ScannedFace,
    face_count,
    font_dirs,
    normalise_name,
    read_face,
    scan_folders,
)
from gjz_brief.fonts.sfnt import cmap_counts
from gjz_brief.workspace import Workspace

# A face counts as Chinese when it maps at least this many CJK Unified Ideographs.
_MIN_IDEOGRAPHS = 1000
_UNIFIED_IDEOGRAPHS = (0x4E00, 0x9FFF)
_REGION_PREFERRED = (" sc", " cn", " gb")
_REGION_OTHER = (" tc", " hk", " tw", " jp", " kr", " tw mbe")


def resolve_fonts(
    overrides: Mapping[str, str] | None = None,
    search_dirs: Sequence[Path] | None = None,
    environ: Mapping[str, str] | None = None,
    cache_dir: Path | None = None,
) -> FontSet:
    """Resolve every role to one face; raise FontNotFoundError when no Chinese font exists.

    ``overrides`` maps a role to a configured file (``path`` or ``path#index``);
    ``search_dirs`` replaces GJZ_BRIEF_FONT_DIRS and the system folders. With a
    ``cache_dir`` the scan is kept there for the next call (see index.FaceIndex).
    """
    environ = os.environ if environ is None else environ
    settings = dict(overrides or {})
    configured = {role: _configured_face(role, value) for role, value in settings.items()}
    folders = font_dirs(search_dirs, environ)
    index = FaceIndex(cache_dir)
    coverage = _Coverage(index)
    scanned = [face for face in scan_folders(folders, index) if face.embeddable]
    chinese = _chinese_faces(scanned, coverage)

    roles: dict[str, ResolvedFont] = {}
    for role in ROLES:
        office_name = OFFICE_NAME_OF_ROLE[role]
        if role in configured:
            face = configured[role]
            reason = f"configured in workspace: {settings[role]}"
        else:
            match = _preferred(role, scanned, coverage)
            if match is not None:
                candidate, scanned_face = match
                face = scanned_face.face
                reason = reason_for(role, candidate, _display_name(scanned_face))
            elif chinese:
                face = chinese[0]
                reason = (
                    f"no {STYLE_OF_ROLE[role]} face or known substitute installed; "
                    f"using the widest Chinese face found ({face.family})"
                )
            else:
                searched = ", ".join(str(folder) for folder in folders) or "(no folders)"
                raise FontNotFoundError(
                    f"no Chinese font found for the {role} text ({STYLE_OF_ROLE[role]}); "
                    f"searched {searched}",
                    hint=INSTALL_HINT,
                )
        roles[role] = ResolvedFont(role=role, face=face, reason=reason, office_name=office_name)

    # Every Chinese face, widest first; a role's own face is skipped for that role anyway.
    every_face = _unique([*chinese, *(resolved.face for resolved in roles.values())])
    fallbacks = tuple(sorted(every_face, key=coverage.breadth_key))
    index.save()
    # The roles' tables are read in every build (glyph check, PDF subsets): kept with the index.
    keep_tables((resolved.face for resolved in roles.values()), cache_dir)
    return FontSet(roles=roles, fallbacks=fallbacks)


def resolve_workspace_fonts(
    workspace: Workspace, environ: Mapping[str, str], cache_dir: Path | None = None
) -> FontSet:
    """resolve_fonts with the workspace's configured fonts (paths relative to its folder)."""
    overrides = dict(workspace.config.fonts)
    if workspace.root is not None:
        root = workspace.root
        overrides = {
            role: path if Path(path).is_absolute() else str((root / path).resolve())
            for role, path in overrides.items()
        }
    return resolve_fonts(overrides or None, environ=environ, cache_dir=cache_dir)


def describe_fonts(fonts: FontSet) -> list[str]:
    """Human-readable lines for `gjz-brief fonts`: one block per role, then the fallbacks."""
    lines: list[str] = []
    for role, resolved in fonts.roles.items():
        face = resolved.face
        lines.append(
            f"{role:<8} DOCX name {resolved.office_name}; PDF face {face.family} "
            f"({face.outlines} outlines) from {face.path} #{face.index}"
        )
        lines.append(f"{'':<8} {resolved.reason}")
    if fonts.fallbacks:
        lines.append("fallbacks for characters a role's face lacks, in order:")
        for position, face in enumerate(fonts.fallbacks, start=1):
            lines.append(
                f"  {position}. {face.family} ({face.outlines} outlines, "
                f"{len(cmap_of(face))} characters) from {face.path} #{face.index}"
            )
    return lines


def parse_font_setting(value: str) -> tuple[Path, int]:
    """ "path" or "path#index" → (path, index); a '#' not followed by digits is part of the path."""
    path_text, separator, index_text = value.rpartition("#")
    if separator and index_text.isdigit():
        return Path(path_text).expanduser(), int(index_text)
    return Path(value).expanduser(), 0


def _configured_face(role: str, value: str) -> FontFace:
    from fontTools.ttLib import TTLibError

    path, index = parse_font_setting(value)
    location = Location(file=str(path), field=f"fonts.{role}")
    fix = "set fonts.{role} to a .ttf/.ttc/.otf file, or remove it to use an installed font"
    if role not in ROLES:
        raise FontConfigError(
            f"unknown font role {role!r}; the roles are {', '.join(ROLES)}",
            Location(field=f"fonts.{role}"),
            hint="use one of the listed roles",
        )
    if not path.is_file():
        raise FontConfigError(
            f"font file for the {role} role not found: {path}", location, fix.format(role=role)
        )
    try:
        count = face_count(path)
        if index >= count:
            raise FontConfigError(
                f"{path} has {count} face(s); face #{index} does not exist",
                location,
                f"use an index from 0 to {count - 1}",
            )
        scanned = read_face(path, index)
    except FontConfigError:
        raise
    except (OSError, TTLibError, AssertionError, KeyError, ValueError, IndexError) as error:
        raise FontConfigError(
            f"{path} is not a usable font file: {error}", location, fix.format(role=role)
        ) from error
    if not scanned.embeddable:
        raise FontConfigError(
            f"the licence flags of {path} forbid embedding it in a PDF",
            location,
            "choose another font for this role",
        )
    check_configured_face(scanned.face, role, value)  # cmap, Chinese coverage, outlines
    return scanned.face


def _preferred(
    role: str, scanned: Sequence[ScannedFace], coverage: _Coverage
) -> tuple[Candidate, ScannedFace] | None:
    """The first candidate of the role's preference list that is installed.

    A damaged CJK face (its character map unreadable) is passed over, not chosen (issue
    #17); only the faces that match are read, not every face installed.
    """
    for candidate in PREFERENCES[role]:
        wanted = {normalise_name(name) for name in candidate.names}
        matches = [
            face
            for face in scanned
            if face.names & wanted and (not face.cjk or coverage.readable(face.face))
        ]
        if matches:
            best = min(
                matches,
                key=lambda face: (
                    abs(face.weight - candidate.weight),
                    face.face.index,
                    str(face.face.path),
                ),
            )
            return candidate, best
    return None


def _display_name(face: ScannedFace) -> str:
    """Family plus a weight word worth showing ("Noto Serif CJK SC Bold")."""
    if face.subfamily.casefold() in ("", "regular", "book", "normal", "roman"):
        return face.face.family
    return f"{face.face.family} {face.subfamily}"


def _chinese_faces(scanned: Sequence[ScannedFace], coverage: _Coverage) -> list[FontFace]:
    """One face per file and per family among the Chinese faces, widest coverage first.

    Collections hold regional variants (UMing CN/HK/TW, Noto SC/JP/KR...); the simplified one
    is kept because the others draw some characters in other regional forms, and UMing HK
    even maps private-use code points.
    """
    per_file: dict[Path, ScannedFace] = {}
    for face in scanned:
        if not face.cjk:
            continue
        current = per_file.get(face.face.path)
        if current is None or _variant_key(face) < _variant_key(current):
            per_file[face.face.path] = face
    per_family: dict[str, ScannedFace] = {}
    # Counted before a family's faces are compared, so a damaged copy (no characters)
    # never hides a sound face of the same family.
    for face in (f for f in per_file.values() if coverage.ideographs(f.face) >= _MIN_IDEOGRAPHS):
        family = normalise_name(face.face.family)
        current = per_family.get(family)
        if current is None or _weight_key(face) < _weight_key(current):
            per_family[family] = face
    families = set(per_family)
    chosen = [
        face.face
        for family, face in per_family.items()
        # A "Mono" family duplicates its proportional sibling; keep it only if alone.
        if not (family.endswith("mono") and family.removesuffix("mono") in families)
    ]
    return sorted(chosen, key=coverage.breadth_key)


def _variant_key(face: ScannedFace) -> tuple[int, int, int]:
    family = " " + face.face.family.casefold()
    if family.endswith(_REGION_PREFERRED):
        region = 0
    elif family.endswith(_REGION_OTHER):
        region = 2
    else:
        region = 1
    return region, int("mono" in family), face.face.index


def _weight_key(face: ScannedFace) -> tuple[int, str]:
    return abs(face.weight - 400), str(face.face.path)


class _Coverage:
    """How many characters (and CJK Unified Ideographs) a face maps, from the index when it
    knows, else from the face's character map (then remembered in the index)."""

    def __init__(self, index: FaceIndex) -> None:
        self.index = index

    def counts(self, face: FontFace) -> tuple[int, int]:
        known = self.index.counts(face)
        if known is None:
            try:
                known = cmap_counts(face.path, face.index, _UNIFIED_IDEOGRAPHS)
            except Exception:  # noqa: BLE001 - a damaged installed face: never chosen
                return (0, 0)
            self.index.remember_counts(face, known)
        return known

    def readable(self, face: FontFace) -> bool:
        """False for a face whose character map cannot be read (a damaged file)."""
        return self.counts(face)[0] > 0

    def ideographs(self, face: FontFace) -> int:
        return self.counts(face)[1]

    def breadth_key(self, face: FontFace) -> tuple[int, str, str, int]:
        return -self.counts(face)[0], face.family, str(face.path), face.index


def _unique(faces: Iterable[FontFace]) -> list[FontFace]:
    unique: list[FontFace] = []
    for face in faces:
        if face not in unique:
            unique.append(face)
    return unique
