"""Glyph coverage, text measurement and Chinese line wrapping for charts.

Widths come from the fonts' own advance widths (fontTools), so wrapping matches what
matplotlib draws. Every character is drawn by the first face of a role's chain that has it
(the role's face, then ``FontSet.fallbacks``), which is also how matplotlib's font fallback
picks glyphs; a character no face has is an error, never a tofu box.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from gjz_brief.charts.style import PT_MM
from gjz_brief.errors import Location, RenderError
from gjz_brief.fonts.model import FontFace, FontSet
from gjz_brief.fonts.quotes import FULL_WIDTH_MIN_EM, FULL_WIDTH_QUOTES

# Characters that must not start a line (attach to the unit before them) and must not end
# one (attach to the unit after them): W3C clreq / GB/T 15834.
NO_LINE_START = frozenset("，。、；：？！）］｝》〉」』】〕”’％‰℃·…—!%),.:;?]}")
NO_LINE_END = frozenset("（［｛《〈「『【〔“‘([{")
# Unbreakable units: ——/…… pairs, Latin words and numbers such as 38.86% or 5G, spaces, or
# any single character.
_UNITS = re.compile(r"——|……|[A-Za-z0-9][A-Za-z0-9.+\-/%]*|\s+|.", re.DOTALL)


@dataclass(frozen=True)
class FaceMetrics:
    """What a chart needs of one font face: its character map and advance widths."""

    face: FontFace
    advances: Mapping[int, float]  # code point → advance in em

    def covers(self, char: str) -> bool:
        return ord(char) in self.advances


@lru_cache(maxsize=32)
def _load_metrics(path: str, index: int, size: int, mtime_ns: int) -> Mapping[int, float]:
    # size and mtime are part of the key so a replaced font file is read again.
    # The raw-table reader gives fontTools' values without building glyph names (~10× faster).
    from gjz_brief.fonts.sfnt import advance_widths

    return advance_widths(Path(path), index)


def face_metrics(face: FontFace) -> FaceMetrics:
    try:
        stat = Path(face.path).stat()
        advances = _load_metrics(str(face.path), face.index, stat.st_size, stat.st_mtime_ns)
    except Exception as error:  # fontTools raises many kinds for a broken file
        raise RenderError(
            f"cannot read the chart font {face.path} (face {face.index}): {error}",
            Location(file=str(face.path)),
        ) from error
    return FaceMetrics(face, advances)


class ChartFonts:
    """The face chains of the roles a chart uses, with coverage checks and measurement."""

    def __init__(self, fonts: FontSet, roles: tuple[str, ...]) -> None:
        self.chains: dict[str, tuple[FontFace, ...]] = {}
        for role in roles:
            if role not in fonts.roles:
                raise RenderError(
                    f"the font set has no {role!r} role for charts",
                    hint="configure a font for this role",
                )
            self.chains[role] = (fonts.face(role), *fonts.fallbacks)
        # Full-width quotation marks a role's face draws narrow: from the body face, else the
        # first fallback that draws them full-width — the rule the PDF's text follows
        # (fonts.pdf.PdfFonts.font_for), so the PDF sets chart text in the same faces.
        body = (fonts.face("body"),) if "body" in fonts.roles else ()
        self.quote_faces = {
            role: tuple(dict.fromkeys((chain[0], *body, *chain[1:])))
            for role, chain in self.chains.items()
        }
        # A fallback's metrics are read when it is first needed: most charts need none.
        self._metrics: dict[FontFace, FaceMetrics] = {}
        for chain in self.chains.values():
            self._metrics_of(chain[0])  # a role's own face is always read (and must be readable)

    def faces(self, role: str) -> tuple[FontFace, ...]:
        return self.chains[role]

    def faces_for(self, text: str, role: str) -> tuple[FontFace, ...]:
        """The faces that draw ``text``, in chain order: the role's face and the fallbacks it
        needs. Given only these, matplotlib's font fallback picks the same face per glyph."""
        used = {metrics.face for char in text if (metrics := self._face_for(char, role))}
        faces = self.quote_faces[role]
        return tuple(face for face in faces if face in used) or self.chains[role][:1]

    def _metrics_of(self, face: FontFace) -> FaceMetrics:
        metrics = self._metrics.get(face)
        if metrics is None:
            metrics = self._metrics[face] = face_metrics(face)
        return metrics

    def _face_for(self, char: str, role: str) -> FaceMetrics | None:
        if ord(char) not in FULL_WIDTH_QUOTES:
            return self._first_covering(char, role)
        own = self._metrics_of(self.chains[role][0])
        if own.covers(char) and own.advances[ord(char)] < FULL_WIDTH_MIN_EM:
            # “” set full-width (GB/T 15834): the body face's, else a fallback's.
            for face in self.quote_faces[role][1:]:
                metrics = self._metrics_of(face)
                if metrics.covers(char) and metrics.advances[ord(char)] >= FULL_WIDTH_MIN_EM:
                    return metrics
            return own
        return self._first_covering(char, role)

    def _first_covering(self, char: str, role: str) -> FaceMetrics | None:
        for face in self.chains[role]:
            metrics = self._metrics_of(face)
            if metrics.covers(char):
                return metrics
        return None

    def runs(self, text: str, role: str) -> list[str]:
        """``text`` cut where a character is drawn by another face than matplotlib's font
        fallback would pick for it (a full-width quotation mark from a fallback face); each
        run is then drawn on its own with its own faces. Usually one run: the text."""
        runs: list[str] = []
        current = ""
        for char in text:
            redirected = ord(char) in FULL_WIDTH_QUOTES and self._face_for(
                char, role
            ) is not self._first_covering(char, role)
            if redirected:
                if current:
                    runs.append(current)
                runs.append(char)
                current = ""
            else:
                current += char
        if current:
            runs.append(current)
        return runs

    def check(self, text: str, role: str, where: str = "") -> None:
        """Raise RenderError naming the first character no face of the role's chain has."""
        for char in text:
            if char.isspace():
                continue
            if self._face_for(char, role) is None:
                tried = ", ".join(f"{face.path.name}#{face.index}" for face in self.chains[role])
                raise RenderError(
                    f"no chart font has the character {char!r} (U+{ord(char):04X})"
                    + (f" in {where}" if where else ""),
                    Location(field=where or None),
                    hint=f"tried {tried}; add a fallback font that has it",
                )

    def width_mm(self, text: str, role: str, size_pt: float) -> float:
        total = 0.0
        for char in text:
            metrics = self._face_for(char, role)
            if metrics is not None:
                total += metrics.advances[ord(char)]
            elif not char.isspace():
                self.check(char, role)
            else:
                total += 0.25  # a space the faces lack: a quarter em
        return total * size_pt * PT_MM


def split_units(text: str) -> list[str]:
    """Split text into units a line may break between, honouring the no-start/no-end rules."""
    units: list[str] = []
    pending_opening = ""
    for match in _UNITS.finditer(text):
        unit = match.group(0)
        if unit in NO_LINE_END:
            pending_opening += unit
            continue
        unit = pending_opening + unit
        pending_opening = ""
        if units and unit[0] in NO_LINE_START and not units[-1].isspace():
            units[-1] += unit
        else:
            units.append(unit)
    if pending_opening:
        if units:
            units[-1] += pending_opening
        else:
            units.append(pending_opening)
    return units


def wrap(
    text: str,
    max_width_mm: float,
    fonts: ChartFonts,
    role: str,
    size_pt: float,
    balanced: bool = True,
) -> list[str]:
    """Chinese line wrapping; a unit wider than the line gets a line of its own.

    Balanced wrapping keeps the fewest lines but evens their lengths (a centred label reads
    "振兴发展各项 / 目标全面实现", not a full line over a two-character one).
    """
    lines = _greedy(text, max_width_mm, fonts, role, size_pt)
    if not balanced or len(lines) < 2:
        return lines
    narrow, wide = max_width_mm / 2, max_width_mm
    for _ in range(12):
        middle = (narrow + wide) / 2
        if len(_greedy(text, middle, fonts, role, size_pt)) == len(lines):
            wide = middle
        else:
            narrow = middle
    return _greedy(text, wide, fonts, role, size_pt)


def _greedy(
    text: str, max_width_mm: float, fonts: ChartFonts, role: str, size_pt: float
) -> list[str]:
    lines: list[list[str]] = []
    for paragraph in text.split("\n"):
        current: list[str] = []
        for unit in split_units(paragraph):
            if not current and unit.isspace():
                continue
            candidate = "".join(current) + unit
            if current and fonts.width_mm(candidate.rstrip(), role, size_pt) > max_width_mm:
                lines.append(current)
                current = [] if unit.isspace() else [unit]
            else:
                current.append(unit)
        lines.append(current)
    _avoid_orphan(lines, max_width_mm, fonts, role, size_pt)
    return ["".join(units).strip() for units in lines]


def _avoid_orphan(
    lines: list[list[str]], max_width_mm: float, fonts: ChartFonts, role: str, size_pt: float
) -> None:
    # A last line of one character (孤字) looks broken; pull one unit down when it still fits.
    if len(lines) < 2 or len(lines[-2]) < 3 or len("".join(lines[-1]).strip()) != 1:
        return
    moved = [lines[-2][-1], *lines[-1]]
    if fonts.width_mm("".join(moved), role, size_pt) <= max_width_mm:
        lines[-2] = lines[-2][:-1]
        lines[-1] = moved


def fit(
    text: str,
    max_width_mm: float,
    fonts: ChartFonts,
    role: str,
    sizes: tuple[float, ...],
    max_lines: int,
    balanced: bool = True,
) -> tuple[list[str], float]:
    """The largest size whose wrapped text has at most max_lines lines (else the smallest)."""
    lines: list[str] = []
    for size in sizes:
        lines = wrap(text, max_width_mm, fonts, role, size, balanced)
        if len(lines) <= max_lines:
            return lines, size
    return lines, sizes[-1]
