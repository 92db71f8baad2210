"""Register the resolved faces with ReportLab and pick a font per character.

ReportLab keeps registered fonts in a process-global table, so every name is derived from a
hash of what it holds (file identity, face index and, for converted faces, the subset):
two builds with different fonts in one process never collide, equal ones share the entry.
"""

from __future__ import annotations

import hashlib
import io
import string
import unicodedata
from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from gjz_brief.errors import Location, RenderError
from gjz_brief.fonts.convert import cache_key, truetype_subset
from gjz_brief.fonts.coverage import cmap_of, is_drawn
from gjz_brief.fonts.model import FontFace, FontSet
from gjz_brief.fonts.prune import pruned_subset
from gjz_brief.fonts.quotes import FULL_WIDTH_MIN_EM, FULL_WIDTH_QUOTES
from gjz_brief.fonts.sfnt import SfntError

# Drawn by renderers without being part of the content (page numbers "— 1 —", dates, issue
# numbers), so every converted role face carries them even if `text` lacks them.
BASE_CHARACTERS = (
    string.digits
    + string.ascii_letters
    + string.punctuation
    + " \u3000—–…·、。，；：？！（）《》“”‘’〔〕【】％年月日第期号共印份页表图•"
)


@dataclass(frozen=True)
class PdfFonts:
    """ReportLab font names per role, and the fallback chain for characters a role lacks."""

    role_fonts: dict[str, str]  # role → registered font name
    fallback_fonts: tuple[str, ...]  # registered names, in the FontSet's fallback order
    drawable: dict[str, AbstractSet[int]]  # registered name → code points it can draw
    # registered name → code points of the whole face (a converted subset draws fewer)
    complete: dict[str, AbstractSet[int]] = field(default_factory=dict)
    # (role, character) asked for whose font changed only because a subset lacked it; the
    # build then registers larger subsets and renders again (see register_pdf_fonts).
    subset_misses: set[tuple[str, str]] = field(default_factory=set, compare=False)
    # registered name → FULL_WIDTH_QUOTES it draws narrower than FULL_WIDTH_MIN_EM
    narrow_quotes: dict[str, frozenset[int]] = field(default_factory=dict)

    def name(self, role: str) -> str:
        return self.role_fonts[role]

    def font_for(self, role: str, character: str) -> str:
        """The role's font if it has the character, else the first fallback that has it.

        A quotation mark the role's font draws half-width comes from the body font, else
        the first fallback, that draws it full-width. Whitespace and characters nobody has
        stay in the role's font (the latter then show as a box; `missing` lists them
        beforehand).
        """
        own = self.role_fonts[role]
        code_point = ord(character)
        if code_point in self.narrow_quotes.get(own, ()):
            return self._full_width_quote(own, code_point)
        if code_point in self.drawable[own]:
            return own
        # Spaces (U+3000 too) are drawn as an advance: they need an entry in the font, so a
        # font that has one is preferred, as for any other character.
        chosen = next((f for f in self.fallback_fonts if code_point in self.drawable[f]), own)
        if self.complete and _needs_entry(character):
            unsubset = next(
                (f for f in (own, *self.fallback_fonts) if code_point in self.complete[f]), None
            )
            # Missed: another face should draw it, or no subset has it (a box would show).
            if unsubset is not None and (
                unsubset != chosen or code_point not in self.drawable[chosen]
            ):
                self.subset_misses.add((role, character))
        return chosen

    def _full_width_quote(self, own: str, code_point: int) -> str:
        for name in (self.role_fonts.get("body", own), *self.fallback_fonts):
            narrow = self.narrow_quotes.get(name, frozenset())
            if code_point in self.drawable[name] and code_point not in narrow:
                return name
        return own

    def runs(self, role: str, text: str) -> list[tuple[str, str]]:
        """``text`` cut into (font name, substring) pieces that one font can draw."""
        pieces: list[tuple[str, str]] = []
        for character in text:
            font = self.font_for(role, character)
            if pieces and pieces[-1][0] == font:
                pieces[-1] = (font, pieces[-1][1] + character)
            else:
                pieces.append((font, character))
        return pieces

    def missing(self, text: str) -> set[str]:
        """Characters of ``text`` that no registered font can draw."""
        return {
            character
            for character in text
            if is_drawn(character)
            and not any(ord(character) in codes for codes in self.drawable.values())
        }


def register_pdf_fonts(
    fonts: FontSet,
    text: str,
    cache_dir: Path | None = None,
    role_texts: Mapping[str, str] | None = None,
) -> PdfFonts:
    """Register each role's face, and the fallbacks the text needs, with ReportLab.

    ``text`` is drawn in any role; ``role_texts`` adds text per role. Converted (CFF) faces
    get only the glyphs of the text of the roles they serve plus BASE_CHARACTERS, so a
    title face converts the title's few dozen characters, not the whole document's. Without
    ``role_texts`` every role gets ``text`` (the whole document must then be in it). A
    character the renderer later asks a role for that its subset lacks is recorded in
    ``PdfFonts.subset_misses`` (and drawn from a fallback meanwhile).
    """
    _fix_to_unicode_beyond_bmp()
    common = _code_points(text)
    base = {ord(character) for character in BASE_CHARACTERS}
    needed: dict[FontFace, set[int]] = {}
    for role, resolved in fonts.roles.items():
        used = common | _code_points((role_texts or {}).get(role, ""))
        face = resolved.face
        needed.setdefault(face, set()).update((used | base) & cmap_of(face))
        for code_point in sorted(used - cmap_of(face)):
            fallback = _fallback_for(fonts.fallbacks, code_point)
            if fallback is not None:
                needed.setdefault(fallback, set()).add(code_point)

    registered = {
        face: _register(face, code_points, cache_dir) for face, code_points in needed.items()
    }
    return PdfFonts(
        role_fonts={role: registered[resolved.face][0] for role, resolved in fonts.roles.items()},
        fallback_fonts=tuple(registered[face][0] for face in fonts.fallbacks if face in registered),
        drawable={name: codes for name, codes in registered.values()},
        complete={registered[face][0]: cmap_of(face) for face in registered},
        narrow_quotes={name: _narrow_quotes(name, codes) for name, codes in registered.values()},
    )


def _narrow_quotes(name: str, drawable: frozenset[int]) -> frozenset[int]:
    return frozenset(
        code_point
        for code_point in FULL_WIDTH_QUOTES & drawable
        if pdfmetrics.stringWidth(chr(code_point), name, 1.0) < FULL_WIDTH_MIN_EM
    )


def _code_points(text: str) -> set[int]:
    return {ord(character) for character in text if _needs_entry(character)}


def _fallback_for(faces: tuple[FontFace, ...], code_point: int) -> FontFace | None:
    """The first fallback that has the character; for a symbol or punctuation mark (•, ①)
    the first TrueType one that has it, if any: such marks look alike in any face, and a
    CFF face would be converted (~0.15 s) for one glyph. Ideographs keep the chain's order."""
    if not _is_ideograph(code_point):
        truetype = [face for face in faces if face.outlines == "truetype"]
        chosen = _first_covering(truetype, code_point)
        if chosen is not None:
            return chosen
    return _first_covering(faces, code_point)


def _is_ideograph(code_point: int) -> bool:
    return unicodedata.name(chr(code_point), "").startswith("CJK ")


def _first_covering(faces: Iterable[FontFace], code_point: int) -> FontFace | None:
    for face in faces:
        if code_point in cmap_of(face):
            return face
    return None


def _register(
    face: FontFace, code_points: set[int], cache_dir: Path | None
) -> tuple[str, frozenset[int]]:
    """Register one face; returns its ReportLab name and the code points it can draw."""
    try:
        characters = "".join(chr(code_point) for code_point in sorted(code_points))
        if face.outlines == "truetype":
            # A pruned copy: ReportLab would read and decode the whole file (see prune.py).
            name = _font_name("pruned:" + cache_key(face, characters))
            if name not in pdfmetrics.getRegisteredFontNames():
                try:
                    font = TTFont(name, io.BytesIO(pruned_subset(face, characters, cache_dir)))
                except SfntError:  # a layout the pruner does not know: the whole file then
                    name = _font_name(cache_key(face, ""))
                    font = TTFont(name, str(face.path), subfontIndex=face.index)
                    code_points = set(cmap_of(face))
                _register_unique(font, name)
            return name, frozenset(code_points) & cmap_of(face)
        name = _font_name(cache_key(face, characters))
        if name not in pdfmetrics.getRegisteredFontNames():
            data = truetype_subset(face, characters, cache_dir)
            _register_unique(TTFont(name, io.BytesIO(data)), name)
        return name, frozenset(code_points) & cmap_of(face)
    except (TTFError, OSError, ValueError, KeyError, AssertionError) as error:
        raise RenderError(
            f"cannot prepare font {face.family} for the PDF: {error}",
            Location(file=str(face.path)),
            hint="choose another font for this role in the workspace `fonts:` settings",
        ) from error


def _register_unique(font: TTFont, name: str) -> None:
    """Register ``font`` under ``name`` even if a font of the same face is registered.

    ReportLab maps a new font whose face name (the PostScript name, e.g. UMingCN) is already
    known to the font registered first, so a second subset of the same face would silently
    draw with the first one's glyphs. A face name unique to this subset prevents that; it
    keeps the family's name first (pdffonts shows AAAAAA+UMingCN-1a2b3c4d).
    """
    suffix = name.removeprefix("GJZ-")[:8].encode("ascii")
    face_name = font.face.name
    font.face.name = (
        face_name + b"-" + suffix
        if isinstance(face_name, bytes)
        else f"{face_name}-{suffix.decode()}"
    )
    pdfmetrics.registerFont(font)


def _font_name(key: str) -> str:
    return "GJZ-" + hashlib.sha256(key.encode("ascii")).hexdigest()[:16]


# ToUnicode targets that are no characters (ISO 19005-2 §6.2.11.7.2, PDF/UA-1 §7.21.7).
_NOT_CHARACTERS = frozenset({0x0000, 0xFEFF, 0xFFFE})
_BFCHAR_BLOCK = 100  # entries per beginbfchar block, the CMap format's limit


def _fix_to_unicode_beyond_bmp() -> None:
    """Install our ToUnicode CMap writer in ReportLab (once): ``to_unicode_cmap``."""
    if getattr(ttfonts.makeToUnicodeCMap, "gjz_fixed", False):
        return
    to_unicode_cmap.gjz_fixed = True  # type: ignore[attr-defined]
    ttfonts.makeToUnicodeCMap = to_unicode_cmap


def to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """The ToUnicode CMap of one ReportLab subset (``subset[code]`` is the code point drawn
    by ``code``), as ReportLab writes it but with three corrections:

    - code points beyond U+FFFF (𠮷) are written as UTF-16 (ReportLab writes ``<20BB7>``,
      which readers take as U+20BB ₻ when text is copied, searched or extracted);
    - codes the subset leaves unused, which ReportLab maps to U+0000, are left out: a
      ToUnicode entry must name a character (PDF/A-2u, PDF/UA-1);
    - entries come in blocks of at most 100, as the CMap format requires.
    """
    entries = []
    for code, code_point in enumerate(subset):
        if code_point in _NOT_CHARACTERS:
            continue
        target = chr(code_point).encode("utf-16-be").hex().upper()
        entries.append(f"<{code:02X}> <{target}>")
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({fontname})",
        f"/Ordering ({fontname})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{fontname} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
    ]
    for start in range(0, len(entries), _BFCHAR_BLOCK):
        block = entries[start : start + _BFCHAR_BLOCK]
        lines += [f"{len(block)} beginbfchar", *block, "endbfchar"]
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines)


def _needs_entry(character: str) -> bool:
    """Drawn characters and spaces (which need an advance width), but not line breaks."""
    return is_drawn(character) or (character.isspace() and character not in "\n\r\t\f\v")
