"""Fast readers for the two font tables every build needs: the character map and advances.

fontTools decodes a cmap into glyph *names*, which for a CJK face means building the glyph
order of 30 000–65 000 glyphs (parsing the CFF charset or the post table) first; that took
~0.05 s and tens of MB per face, and a build reads ten faces. These readers decode the raw
format 4 and 12 subtables into glyph *ids* with the same rules as fontTools (same subtable
preference, gid 0 means unmapped, later format 4 segments override earlier ones, format 12
groups clamped and skipped as HarfBuzz does); any other subtable format goes through
fontTools. tests/fonts/test_sfnt.py checks them against fontTools on every installed face.
"""

from __future__ import annotations

import operator
import struct
import sys
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from itertools import chain, repeat
from pathlib import Path
from typing import BinaryIO

from gjz_brief.fonts.codepoints import AdvanceTable

# fontTools' getBestCmap order (HarfBuzz's): full repertoire first, Windows before Unicode.
CMAP_PREFERENCES = ((3, 10), (0, 6), (0, 4), (3, 1), (0, 3), (0, 2), (0, 1), (0, 0))


class SfntError(ValueError):
    """The file is not a font this reader understands (the caller falls back to fontTools)."""


def _big_endian(values: array) -> array:
    if sys.byteorder != "big":
        values.byteswap()
    return values


def _read_at(stream: BinaryIO, offset: int, length: int) -> bytes:
    stream.seek(offset)
    data = stream.read(length)
    if len(data) != length:
        raise SfntError("the font file is truncated")
    return data


def table_directory(stream: BinaryIO, index: int) -> dict[str, tuple[int, int]]:
    """tag → (offset, length) of one face; ``index`` selects the face of a collection."""
    base = 0
    if _read_at(stream, 0, 4) == b"ttcf":
        (count,) = struct.unpack(">L", _read_at(stream, 8, 4))
        if not 0 <= index < count:
            raise SfntError(f"the collection has {count} faces, not #{index}")
        (base,) = struct.unpack(">L", _read_at(stream, 12 + 4 * index, 4))
    elif index != 0:
        raise SfntError(f"a single-face file has no face #{index}")
    (count,) = struct.unpack(">H", _read_at(stream, base + 4, 2))
    records = _read_at(stream, base + 12, 16 * count)
    tables: dict[str, tuple[int, int]] = {}
    for record in range(count):
        tag, _, offset, length = struct.unpack_from(">4sLLL", records, 16 * record)
        tables[tag.decode("latin-1")] = (offset, length)
    return tables


def read_table(stream: BinaryIO, tables: dict[str, tuple[int, int]], tag: str) -> bytes:
    if tag not in tables:
        raise SfntError(f"the font has no {tag} table")
    offset, length = tables[tag]
    return _read_at(stream, offset, length)


def _best_subtable(cmap: bytes) -> tuple[int, bytes] | None:
    """(format, subtable bytes) of the preferred Unicode subtable, as fontTools chooses it."""
    _, count = struct.unpack_from(">HH", cmap, 0)
    found: dict[tuple[int, int], tuple[int, bytes]] = {}
    for record in range(count):
        platform, encoding, offset = struct.unpack_from(">HHL", cmap, 4 + 8 * record)
        if offset + 4 > len(cmap):
            raise SfntError("a cmap subtable lies beyond the table")
        (table_format,) = struct.unpack_from(">H", cmap, offset)
        if table_format in (8, 10, 12, 13):
            (length,) = struct.unpack_from(">L", cmap, offset + 4)
        elif table_format in (14, 15):
            (length,) = struct.unpack_from(">L", cmap, offset + 2)
        else:
            (length,) = struct.unpack_from(">H", cmap, offset + 2)
        if length == 0:  # fontTools skips such subtables
            continue
        found.setdefault((platform, encoding), (table_format, cmap[offset : offset + length]))
    for key in CMAP_PREFERENCES:
        if key in found:
            return found[key]
    return None


def _format_4(subtable: bytes) -> dict[int, int]:
    (segments_x2,) = struct.unpack_from(">H", subtable, 6)
    segments = segments_x2 // 2
    words = _big_endian(array("H", subtable[14 : len(subtable) - len(subtable) % 2]))
    end = words[:segments]
    start = words[segments + 1 : 2 * segments + 1]  # after reservedPad
    delta = words[2 * segments + 1 : 3 * segments + 1]
    range_offset = words[3 * segments + 1 : 4 * segments + 1]
    glyph_ids = words[4 * segments + 1 :]
    mapping: dict[int, int] = {}
    for segment in range(segments - 1):  # the final 0xFFFF segment maps nothing
        first, last, shift = start[segment], end[segment], delta[segment]
        codes = range(first, last + 1)
        if range_offset[segment] == 0:
            gids = [(code + shift) & 0xFFFF for code in codes]
        else:
            partial = range_offset[segment] // 2 - first + segment - segments
            if first + partial < 0 or last + partial >= len(glyph_ids):
                raise SfntError("cmap format 4 glyph index out of range")
            gids = [
                (glyph_ids[code + partial] + shift) & 0xFFFF if glyph_ids[code + partial] else 0
                for code in codes
            ]
        mapping.update((code, gid) for code, gid in zip(codes, gids, strict=True) if gid)
    return mapping


def _format_12_groups(subtable: bytes) -> Iterator[tuple[int, int, int]]:
    """(first, last, glyph id of first) of each group that maps something, in order."""
    (count,) = struct.unpack_from(">L", subtable, 12)
    groups = _big_endian(array("I", subtable[16 : 16 + 12 * count]))
    last_end = 0
    for group in range(count):
        first, last, gid = groups[3 * group], groups[3 * group + 1], groups[3 * group + 2]
        last = min(last, 0x10FFFF)
        if first > last or first < last_end:
            continue  # inverted or overlapping groups are skipped, as fontTools does
        last_end = last
        if gid == 0:  # glyph 0 maps nothing: only the group's first code point is lost
            first, gid = first + 1, 1
        if first <= last:
            yield first, last, gid


def _plain_format_12(subtable: bytes) -> tuple[array, array, array] | None:
    """(first code points, last code points, first glyph ids) of a format 12 subtable whose
    groups are in
    order, apart, within Unicode and never start at glyph 0 (every font seen so far), else
    None: then _format_12_groups' rules apply. Checked and read in C, not group by group
    (a CJK face has ~12 000 groups)."""
    (count,) = struct.unpack_from(">L", subtable, 12)
    groups = _big_endian(array("I", subtable[16 : 16 + 12 * count]))
    if len(groups) != 3 * count:
        raise SfntError("the cmap format 12 subtable is truncated")
    firsts, lasts, gids = groups[0::3], groups[1::3], groups[2::3]
    if count and (
        0 in gids
        or max(lasts) > 0x10FFFF
        or not all(map(operator.le, firsts, lasts))
        or not all(map(operator.gt, firsts[1:], lasts[:-1]))
    ):
        return None
    return firsts, lasts, gids


def _format_12(subtable: bytes) -> dict[int, int]:
    plain = _plain_format_12(subtable)
    if plain is not None:
        firsts, lasts, gids = plain
        ends = list(map(operator.add, lasts, repeat(1)))
        codes = chain.from_iterable(map(range, firsts, ends))
        glyphs = chain.from_iterable(
            map(range, gids, map(operator.sub, map(operator.add, gids, ends), firsts))
        )
        return dict(zip(codes, glyphs, strict=True))
    mapping: dict[int, int] = {}
    for first, last, gid in _format_12_groups(subtable):
        mapping.update(zip(range(first, last + 1), range(gid, gid + last + 1 - first), strict=True))
    return mapping


def _read_with_fonttools(path: Path, index: int) -> dict[int, int]:
    from fontTools.ttLib import TTFont

    font = TTFont(str(path), fontNumber=index, lazy=True)
    try:
        best = font.getBestCmap() or {}
        return {code: font.getGlyphID(name) for code, name in best.items()}
    finally:
        font.close()


def read_cmap(path: Path, index: int) -> dict[int, int]:
    """Code point → glyph id of the face's best Unicode cmap (empty if it has none)."""
    try:
        best = _mapped_subtable(path, index)
        if best is None:
            return {}
        table_format, subtable = best
        if table_format == 4:
            return _format_4(subtable)
        if table_format == 12:
            return _format_12(subtable)
    except (SfntError, struct.error, IndexError, ValueError):
        pass  # fontTools reads what this reader does not, or raises its own error
    return _read_with_fonttools(Path(path), index)


def _mapped_subtable(path: Path, index: int) -> tuple[int, bytes] | None:
    with open(path, "rb") as stream:
        return _best_subtable(read_table(stream, table_directory(stream, index), "cmap"))


def cmap_counts(path: Path, index: int, ideographs: tuple[int, int]) -> tuple[int, int]:
    """(code points mapped, those within ``ideographs`` (first, last)) — ``len`` of
    ``read_cmap`` and its count in that range, without building the map for a format 12
    subtable (a CJK face's ranking needs only the counts: ~0.1 ms instead of ~25 ms)."""
    low, high = ideographs
    try:
        best = _mapped_subtable(path, index)
        plain = _plain_format_12(best[1]) if best is not None and best[0] == 12 else None
        if plain is not None:
            firsts, lasts, _ = plain
            total = sum(lasts) - sum(firsts) + len(firsts)
            start, end = bisect_left(lasts, low), bisect_right(firsts, high)  # groups in range
            if start >= end:
                return total, 0
            inside = sum(lasts[start:end]) - sum(firsts[start:end]) + end - start
            inside -= max(0, low - firsts[start]) + max(0, lasts[end - 1] - high)
            return total, inside
    except (SfntError, struct.error, IndexError, ValueError):
        pass  # read_cmap decides: fontTools, or its error
    codes = read_cmap(path, index)
    return len(codes), sum(1 for code in codes if low <= code <= high)


def read_code_points(path: Path, index: int) -> array:
    """The code points ``read_cmap`` maps, in order (an ``array`` of unsigned ints), built
    from a plain format 12 subtable's ranges without the map (~2 ms instead of ~17 ms)."""
    try:
        best = _mapped_subtable(path, index)
        plain = _plain_format_12(best[1]) if best is not None and best[0] == 12 else None
        if plain is not None:
            firsts, lasts, _ = plain
            ends = map(operator.add, lasts, repeat(1))
            return array("I", chain.from_iterable(map(range, firsts, ends)))
    except (SfntError, struct.error, IndexError, ValueError):
        pass  # read_cmap decides: fontTools, or its error
    return array("I", sorted(read_cmap(path, index)))


def read_advances(path: Path, index: int) -> tuple[int, array]:
    """(units per em, advance width per glyph id) from head, hhea, maxp and hmtx."""
    with open(path, "rb") as stream:
        tables = table_directory(stream, index)
        (units_per_em,) = struct.unpack_from(">H", read_table(stream, tables, "head"), 18)
        (metric_count,) = struct.unpack_from(">H", read_table(stream, tables, "hhea"), 34)
        (glyph_count,) = struct.unpack_from(">H", read_table(stream, tables, "maxp"), 4)
        hmtx = read_table(stream, tables, "hmtx")
    if metric_count == 0 or len(hmtx) < 4 * metric_count:
        raise SfntError("the hmtx table is shorter than hhea says")
    advances = _big_endian(array("H", hmtx[: 4 * metric_count]))[0::2]
    # Glyphs past numberOfHMetrics share the last advance (monospaced tail).
    advances.extend([advances[-1]] * max(0, glyph_count - metric_count))
    return units_per_em, advances


def advance_widths(path: Path, index: int) -> AdvanceTable:
    """Code point → advance width in em of every character the face maps (as fontTools'
    ``hmtx.metrics[name][0] / head.unitsPerEm`` over ``getBestCmap()``)."""
    units_per_em, advances = read_advances(path, index)
    return AdvanceTable(read_cmap(path, index), advances, units_per_em)
