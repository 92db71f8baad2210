"""Subset a face to the characters used and give it TrueType outlines, for ReportLab.

ReportLab embeds only TrueType (glyf) outlines. OpenType/CFF faces such as Noto CJK are
subset with fontTools first (a few hundred glyphs instead of 65 535) and their cubic
outlines are then approximated by quadratic ones (cu2qu), as in fontTools' otf2ttf snippet.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gjz_brief.fonts.model import FontFace
from gjz_brief.fonts.sfnt import read_cmap
from gjz_brief.paths import read_no_follow

if TYPE_CHECKING:
    from fontTools import subset
    from fontTools.ttLib import TTFont

# fontTools' subsetter and pens (~0.05 s to import) are imported only when a face is
# converted, not when the converted subset comes from the cache.

# Bump when the output of this module changes, so old cache files are not reused.
_CONVERTER_VERSION = "2"
# Maximum distance (font units, 1000 per em for Noto) between cubic and quadratic curves.
_MAX_CURVE_ERROR = 1.0
# 2020-01-01 in seconds since 1904-01-01, the epoch of the head table: no build-time stamps.
_FIXED_TIMESTAMP = 3660681600
# Tables ReportLab does not use; dropping them keeps the embedded subset small.
_UNUSED_TABLES = ["GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH", "VORG", "vhea", "vmtx", "DSIG"]

_memory_cache: dict[str, bytes] = {}
_MEMORY_CACHE_LIMIT = 32  # converted subsets kept per process (a few hundred KB each)


def cache_key(face: FontFace, characters: str) -> str:
    """sha256 of the file's identity (path, size, mtime), the face index and the characters."""
    status = face.path.stat()
    code_points = ",".join(f"{code_point:x}" for code_point in sorted(set(map(ord, characters))))
    identity = "|".join(
        (
            _CONVERTER_VERSION,
            str(face.path.resolve()),
            str(status.st_size),
            str(status.st_mtime_ns),
            str(face.index),
            code_points,
        )
    )
    return hashlib.sha256(identity.encode("utf-8")).hexdigest()


def truetype_subset(face: FontFace, characters: str, cache_dir: Path | None) -> bytes:
    """A TrueType font with only the glyphs of ``characters`` that the face has.

    The result is deterministic for the same inputs. With a ``cache_dir`` it is stored there
    as ``<key>.ttf`` and read back on the next call with the same face and characters.
    """
    key = cache_key(face, characters)
    return cached_font(key, cache_dir, lambda: build_truetype_subset(face, characters))


def cached_font(key: str, cache_dir: Path | None, build: Callable[[], bytes]) -> bytes:
    """``build()``, kept in memory and as ``<cache_dir>/<key>.ttf`` for the next call."""
    if key in _memory_cache:
        return _memory_cache[key]
    cache_file = cache_dir / f"{key}.ttf" if cache_dir is not None else None
    data = None
    if cache_file is not None:
        with contextlib.suppress(OSError):  # missing, or a link planted in the cache
            data = read_no_follow(cache_file)
    if data is None:
        data = build()
        if cache_file is not None:
            # A cache that cannot be written (full disk, --out is a file) only costs time.
            with contextlib.suppress(OSError):
                _write_atomically(cache_file, data)
    if len(_memory_cache) >= _MEMORY_CACHE_LIMIT:
        _memory_cache.clear()
    _memory_cache[key] = data
    return data


def build_truetype_subset(face: FontFace, characters: str) -> bytes:
    """Subset and, for CFF outlines, convert to glyf; no caching.

    The character map is read with our own reader and given back as a new, small table:
    fontTools would otherwise decompile the face's whole cmap (tens of thousands of entries
    plus variation sequences) and close over it, about half of converting a Noto CJK face.
    """
    from fontTools import subset
    from fontTools.ttLib import TTFont

    code_to_glyph = read_cmap(face.path, face.index)
    wanted = {code: code_to_glyph[code] for code in map(ord, characters) if code in code_to_glyph}
    font = TTFont(str(face.path), fontNumber=face.index, recalcTimestamp=False)
    try:
        glyph_order = font.getGlyphOrder()
        names = {code: glyph_order[glyph] for code, glyph in wanted.items()}
        for tag in _UNUSED_TABLES:
            if tag in font:  # deleting first spares the subsetter decompiling big GSUB/GPOS
                del font[tag]
        font["cmap"] = _character_map(names)  # replaces the face's own, never decompiled
        subsetter = subset.Subsetter(options=_subset_options(cff="CFF " in font))
        subsetter.populate(unicodes=sorted(names))
        subsetter.subset(font)
        if "CFF " in font:
            _cff_to_glyf(font)
        head = font["head"]
        head.created = head.modified = _FIXED_TIMESTAMP
        buffer = io.BytesIO()
        font.save(buffer, reorderTables=True)
        return buffer.getvalue()
    finally:
        font.close()


def _character_map(names: dict[int, str]) -> Any:
    """A Unicode cmap: format 4 for the BMP and, when needed, format 12 for everything."""
    from fontTools.ttLib import newTable
    from fontTools.ttLib.tables._c_m_a_p import CmapSubtable

    table = newTable("cmap")
    table.tableVersion = 0
    table.tables = []
    for table_format, encoding, mapping in (
        (4, 1, {code: name for code, name in names.items() if code <= 0xFFFF}),
        (12, 10, names),
    ):
        if table_format == 12 and len(mapping) == len(table.tables[0].cmap):
            break  # all in the BMP: format 4 alone, as fontTools writes it
        subtable = CmapSubtable.newSubtable(table_format)
        subtable.platformID, subtable.platEncID, subtable.language = 3, encoding, 0
        subtable.cmap = mapping
        table.tables.append(subtable)
    return table


def _subset_options(cff: bool) -> subset.Options:
    from fontTools import subset

    options = subset.Options()
    options.layout_features = []
    options.drop_tables = [*options.drop_tables, *_UNUSED_TABLES]
    # CFF charstrings are redrawn as glyf outlines, which drops hints and subroutines anyway;
    # removing them first would only cost time. TrueType hints are not needed for print.
    options.hinting = cff
    options.desubroutinize = False
    options.notdef_outline = True  # tofu boxes stay visible instead of blank
    options.recalc_timestamp = False
    options.glyph_names = False
    return options


def _cff_to_glyf(font: TTFont) -> None:
    """Replace CFF outlines by quadratic glyf outlines and make the tables say TrueType."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable

    glyph_order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for glyph_name in glyph_order:
        truetype_pen = TTGlyphPen(glyph_set)
        # CFF contours run counter-clockwise, TrueType ones clockwise.
        glyph_set[glyph_name].draw(Cu2QuPen(truetype_pen, _MAX_CURVE_ERROR, reverse_direction=True))
        glyphs[glyph_name] = truetype_pen.glyph()

    font["loca"] = newTable("loca")
    glyf = font["glyf"] = newTable("glyf")
    glyf.glyphOrder = glyph_order
    glyf.glyphs = glyphs
    del font["CFF "]
    glyf.compile(font)
    horizontal_metrics = font["hmtx"]
    for glyph_name, glyph in glyphs.items():
        if hasattr(glyph, "xMin"):  # left side bearing follows the new outline's bounds
            horizontal_metrics[glyph_name] = (horizontal_metrics[glyph_name][0], glyph.xMin)

    maxp = font["maxp"] = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.maxZones = 1
    for field in (
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
    ):
        setattr(maxp, field, 0)
    maxp.compile(font)  # fills numGlyphs and the point/contour maxima from glyf

    post = font["post"]
    post.formatType = 3.0  # no glyph names: CID-keyed CFF names are meaningless anyway
    post.extraNames = []
    post.mapping = {}
    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\x00\x01\x00\x00"


def _write_atomically(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
