"""Plain data describing which font file serves which role."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class FontFace:
    """One face in one file (``index`` selects the face of a .ttc collection)."""

    path: Path
    index: int
    family: str  # family name from the font's name table
    outlines: str  # "truetype" or "cff"


@dataclass(frozen=True)
class ResolvedFont:
    role: str  # title | body | heading | kai | song
    face: FontFace
    reason: str  # why this file was chosen, for `gjz-brief fonts`
    office_name: str  # the name Word/WPS should use in the DOCX, e.g. 仿宋_GB2312


@dataclass(frozen=True)
class FontSet:
    roles: dict[str, ResolvedFont]
    fallbacks: tuple[FontFace, ...]  # tried in order for characters a role's face lacks

    def face(self, role: str) -> FontFace:
        return self.roles[role].face
