"""A TrueType face cut down to the glyphs a build draws, for ReportLab.

ReportLab reads the whole font file into memory and decodes its entire character map and
metrics in Python: for the default faces (uming.ttc 21 MB, wqy-zenhei.ttc 17 MB, LXGW
WenKai 16 MB) that is ~0.2 s and ~90 MB per build. The pruned copy (a few hundred KB, made
in ~0.05 s by copying bytes, no outline is decoded) has only the glyphs needed, renumbered,
and copies unchanged what ReportLab's own subsetter copies (name, OS/2, cvt, fpgm, prep, the
post header, head, hhea, maxp, the glyph data and metrics). ReportLab renumbers glyphs when it
embeds them anyway, so the font it embeds in the PDF is byte-for-byte the one it makes from
the original file (tests/fonts/test_prune.py).
"""

from __future__ import annotations

import hashlib
import struct
import sys
from array import array
from pathlib import Path

from gjz_brief.fonts.convert import cache_key, cached_font
from gjz_brief.fonts.model import FontFace
from gjz_brief.fonts.sfnt import SfntError, read_cmap, read_table, table_directory

_COPIED = ("OS/2", "cvt ", "fpgm", "hhea", "hmtx", "maxp", "name", "prep")
# Composite glyph flags (OpenType glyf table).
_ARGS_ARE_WORDS = 0x0001
_HAVE_SCALE = 0x0008
_MORE_COMPONENTS = 0x0020
_HAVE_X_AND_Y_SCALE = 0x0040
_HAVE_TWO_BY_TWO = 0x0080


def _component_positions(glyph: bytes) -> list[int]:
    """Byte positions of the component glyph ids of a composite glyph (none if simple)."""
    if len(glyph) < 10 or struct.unpack_from(">h", glyph, 0)[0] >= 0:
        return []
    found: list[int] = []
    position, flags = 10, _MORE_COMPONENTS
    while flags & _MORE_COMPONENTS:
        (flags,) = struct.unpack_from(">H", glyph, position)
        found.append(position + 2)
        position += 4 + (4 if flags & _ARGS_ARE_WORDS else 2)
        if flags & _HAVE_SCALE:
            position += 2
        elif flags & _HAVE_X_AND_Y_SCALE:
            position += 4
        elif flags & _HAVE_TWO_BY_TWO:
            position += 8
    return found


def components(glyph: bytes) -> list[int]:
    """Glyph ids a composite glyph is built from (none for a simple or empty glyph)."""
    return [struct.unpack_from(">H", glyph, at)[0] for at in _component_positions(glyph)]


def _renumbered(glyph: bytes, new_id: dict[int, int]) -> bytes:
    positions = _component_positions(glyph)
    if not positions:
        return glyph
    data = bytearray(glyph)
    for at in positions:
        (old,) = struct.unpack_from(">H", data, at)
        struct.pack_into(">H", data, at, new_id[old])
    return bytes(data)


def _loca(data: bytes, long_format: bool) -> array:
    offsets = array("I" if long_format else "H", data)
    if sys.byteorder != "big":
        offsets.byteswap()
    return offsets if long_format else array("I", (offset * 2 for offset in offsets))


def _cmap_format_12(mapping: dict[int, int]) -> bytes:
    """A cmap table with one (3, 10) format 12 subtable: one group per run of codes."""
    groups: list[tuple[int, int, int]] = []
    for code in sorted(mapping):
        glyph_id = mapping[code]
        if (
            groups
            and groups[-1][1] == code - 1
            and groups[-1][2] + code - groups[-1][0] == glyph_id
        ):
            groups[-1] = (groups[-1][0], code, groups[-1][2])
        else:
            groups.append((code, code, glyph_id))
    body = b"".join(struct.pack(">LLL", *group) for group in groups)
    subtable = struct.pack(">HHLLL", 12, 0, 16 + len(body), 0, len(groups)) + body
    return struct.pack(">HHHHL", 0, 1, 3, 10, 12) + subtable


def _checksum(data: bytes) -> int:
    words = array("I", data + b"\0" * (-len(data) % 4))
    if sys.byteorder != "big":
        words.byteswap()
    return sum(words) & 0xFFFFFFFF


def _font_file(tables: dict[str, bytes]) -> bytes:
    tags = sorted(tables)
    count = len(tags)
    power = 1 << (count.bit_length() - 1)
    header = struct.pack(">LHHHH", 0x00010000, count, power * 16, power.bit_length() - 1,
                         count * 16 - power * 16)  # fmt: skip
    offset = 12 + 16 * count
    records, bodies = [], []
    for tag in tags:
        data = tables[tag]
        records.append(struct.pack(">4sLLL", tag.encode("latin-1"), _checksum(data), offset,
                                   len(data)))  # fmt: skip
        padded = data + b"\0" * (-len(data) % 4)
        bodies.append(padded)
        offset += len(padded)
    return header + b"".join(records) + b"".join(bodies)


def _metrics(hmtx: bytes, long_count: int, glyph_count: int) -> list[tuple[int, int]]:
    """(advance, left side bearing) per glyph id; past numberOfHMetrics the last advance."""
    pairs = list(struct.iter_unpack(">Hh", hmtx[: 4 * long_count]))
    bearings = struct.unpack_from(f">{glyph_count - long_count}h", hmtx, 4 * long_count)
    return pairs + [(pairs[-1][0], bearing) for bearing in bearings]


def pruned_truetype(path: Path, index: int, characters: str) -> bytes:
    """The face with only the glyphs of ``characters`` (and their components), renumbered."""
    cmap = read_cmap(path, index)
    mapping = {ord(c): cmap[ord(c)] for c in characters if ord(c) in cmap}
    with open(path, "rb") as stream:
        directory = table_directory(stream, index)
        if "glyf" not in directory or "loca" not in directory:
            raise SfntError("not a TrueType (glyf) face")
        tables = {tag: read_table(stream, directory, tag) for tag in _COPIED if tag in directory}
        head = read_table(stream, directory, "head")
        post = read_table(stream, directory, "post")
        long_loca = struct.unpack_from(">h", head, 50)[0] == 1
        offsets = _loca(read_table(stream, directory, "loca"), long_loca)
        (glyph_count,) = struct.unpack_from(">H", tables["maxp"], 4)
        (long_count,) = struct.unpack_from(">H", tables["hhea"], 34)
        if len(offsets) < glyph_count + 1 or not 0 < long_count <= glyph_count:
            raise SfntError("loca or hhea disagree with maxp")
        glyf_start, glyf_length = directory["glyf"]
        outlines: dict[int, bytes] = {}
        waiting = [0, *sorted(set(mapping.values()))]  # glyph 0 (.notdef) always
        while waiting:
            glyph_id = waiting.pop()
            if glyph_id in outlines:
                continue
            if glyph_id >= glyph_count:
                raise SfntError(f"glyph {glyph_id} does not exist")
            start, end = offsets[glyph_id], offsets[glyph_id + 1]
            if not 0 <= start <= end <= glyf_length:
                raise SfntError(f"glyph {glyph_id} lies outside the glyf table")
            stream.seek(glyf_start + start)
            outlines[glyph_id] = stream.read(end - start)
            waiting.extend(components(outlines[glyph_id]))
    old_ids = sorted(outlines)  # 0 first
    new_id = {old: new for new, old in enumerate(old_ids)}
    metrics = _metrics(tables["hmtx"], long_count, glyph_count)
    glyf, loca = bytearray(), array("I")
    for old in old_ids:
        loca.append(len(glyf))
        glyf += _renumbered(outlines[old], new_id)
        glyf += b"\0" * (-len(glyf) % 4)
    loca.append(len(glyf))
    if sys.byteorder != "big":
        loca.byteswap()
    count = len(old_ids)
    tables["hmtx"] = b"".join(struct.pack(">Hh", *metrics[old]) for old in old_ids)
    tables["hhea"] = tables["hhea"][:34] + struct.pack(">H", count) + tables["hhea"][36:]
    tables["maxp"] = tables["maxp"][:4] + struct.pack(">H", count) + tables["maxp"][6:]
    # Long loca offsets; the whole-file checksum adjustment is left 0 (ReportLab computes
    # its own for what it embeds).
    tables["head"] = head[:8] + b"\0\0\0\0" + head[12:50] + struct.pack(">h", 1) + head[52:]
    tables["loca"] = loca.tobytes()
    tables["glyf"] = bytes(glyf)
    tables["post"] = struct.pack(">L", 0x00030000) + post[4:32]  # no glyph names
    tables["cmap"] = _cmap_format_12({code: new_id[gid] for code, gid in mapping.items()})
    return _font_file(tables)


_PRUNER_VERSION = "1"


def pruned_subset(face: FontFace, characters: str, cache_dir: Path | None) -> bytes:
    """``pruned_truetype`` of the face, cached like converted faces (see convert.cached_font)."""
    key = hashlib.sha256(f"prune-{_PRUNER_VERSION}:{cache_key(face, characters)}".encode())
    return cached_font(
        key.hexdigest(), cache_dir, lambda: pruned_truetype(face.path, face.index, characters)
    )
