"""Compact read-only tables of a face's code points and advance widths.

A CJK face maps 25 000–45 000 code points. As a frozenset that is ~3 MB per face, as a
dict of advances ~4 MB, and a build holds ten faces of each: ~70 MB. These tables keep the
same data in sorted ``array``s (~0.3 MB per face) and answer membership from a bitmap.
"""

from __future__ import annotations

import operator
from array import array
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Mapping, Set

_UNICODE_SIZE = 0x110000


class CodePoints(Set[int]):
    """An immutable set of code points (usable like a frozenset: in, &, |, -, len, iter)."""

    __slots__ = ("_bits", "_sorted")

    def __init__(self, code_points: Iterable[int] = ()) -> None:
        if isinstance(code_points, array) and all(map(operator.lt, code_points, code_points[1:])):
            self._sorted = code_points  # in order and unique already (sfnt.read_code_points)
        else:
            self._sorted = array("I", sorted(set(code_points)))
        bits = bytearray(_UNICODE_SIZE >> 3)
        for code_point in self._sorted:
            if code_point < _UNICODE_SIZE:
                bits[code_point >> 3] |= 1 << (code_point & 7)
        self._bits = bytes(bits)

    @classmethod
    def _from_iterable(cls, iterable: Iterable[int]) -> CodePoints:  # type: ignore[override]
        # Set's operators (&, |, -) build their result with this; typeshed declares it for
        # sets of any element type, a table holds only ints.
        return cls(iterable)

    def to_bytes(self) -> bytes:
        """The table as stored in the font cache (from_bytes reads it back)."""
        return self._bits + self._sorted.tobytes()

    @classmethod
    def from_bytes(cls, data: bytes) -> CodePoints:
        """A table stored by to_bytes; ValueError when ``data`` is not one."""
        size = _UNICODE_SIZE >> 3
        if len(data) < size or (len(data) - size) % 4:
            raise ValueError("not a stored code point table")
        table = cls.__new__(cls)
        table._bits = bytes(data[:size])
        table._sorted = array("I")
        table._sorted.frombytes(data[size:])
        return table

    def __contains__(self, code_point: object) -> bool:
        if not isinstance(code_point, int) or not 0 <= code_point < _UNICODE_SIZE:
            return False
        return bool(self._bits[code_point >> 3] >> (code_point & 7) & 1)

    def __iter__(self) -> Iterator[int]:
        return iter(self._sorted)

    def __len__(self) -> int:
        return len(self._sorted)

    def __hash__(self) -> int:
        return self._hash()

    def __repr__(self) -> str:
        return f"CodePoints(<{len(self)} code points>)"


class AdvanceTable(Mapping[int, float]):
    """Code point → advance width in em, from a cmap (code → glyph id) and per-glyph advances."""

    __slots__ = ("_codes", "_glyph_ids", "_advances", "_units")

    def __init__(self, cmap: Mapping[int, int], advances: array, units_per_em: int) -> None:
        codes = sorted(cmap)
        self._codes = array("I", codes)
        self._glyph_ids = array("I", (cmap[code] for code in codes))
        self._advances = advances
        self._units = float(units_per_em)

    def __getitem__(self, code_point: int) -> float:
        index = bisect_left(self._codes, code_point)
        if index == len(self._codes) or self._codes[index] != code_point:
            raise KeyError(code_point)
        glyph_id = min(self._glyph_ids[index], len(self._advances) - 1)
        return self._advances[glyph_id] / self._units

    def __contains__(self, code_point: object) -> bool:
        if not isinstance(code_point, int):
            return False
        index = bisect_left(self._codes, code_point)
        return index < len(self._codes) and self._codes[index] == code_point

    def __iter__(self) -> Iterator[int]:
        return iter(self._codes)

    def __len__(self) -> int:
        return len(self._codes)
