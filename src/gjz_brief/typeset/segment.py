"""Character classes and segmentation of Chinese text into unbreakable units.

Pure Python, no ReportLab. The classes follow the fact sheet §4 (W3C clreq, GB/T 15834 and
the zh-CN defaults of OOXML), so a line never starts with a closing mark or ends with an
opening one.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Literal

# Fact sheet §4 list, then OOXML's zh-CN "no line start" list.
CANNOT_START: frozenset[str] = frozenset(
    "，。、；：？！）］｝》〉」』】〕”’％‰℃·…"
    "!%),.:;>?]}¢¨°·ˇˉ―‖’”…‰′″›℃∶、。〃〉》」』】〕〗〞︶︺︾﹀﹄﹚﹜﹞！＂％＇），．：；？］｀｜｝～￠"
)
# Fact sheet §4 list, then OOXML's zh-CN "no line end" list.
CANNOT_END: frozenset[str] = frozenset(
    "（［｛《〈「『【〔“‘$([{£¥·‘“〈《「『【〔〖〝﹙﹛﹝＄（．［｛￡￥"
)
# Marks that are set two characters wide and never split (破折号, 省略号).
CLUSTER_CHARS: frozenset[str] = frozenset("—…")
# Signs that belong to the number before them: 38.86%, 5‰, 25℃.
NUMBER_SUFFIXES: frozenset[str] = frozenset("%‰℃°′″％‱")
# Joiners that keep a Latin/digit run whole when they sit between two of its characters:
# 38.86, 3+3, COVID-19, 1/2, 10:30. The comma is handled apart (only as thousands separator).
RUN_JOINERS: frozenset[str] = frozenset(".+-/:_&'")
IDEOGRAPHIC_SPACE = "\u3000"
NEWLINES: frozenset[str] = frozenset("\n\r\u2028\u2029\x0b\x0c\x85")

UnitKind = Literal["char", "cluster", "latin", "space", "newline"]


@dataclass(frozen=True)
class Unit:
    """A piece of text that may not be split across lines.

    ``fragment`` marks a piece of a unit wider than the measure that the line breaker had to
    cut by characters (the only case where a unit is split).
    """

    text: str
    kind: UnitKind
    fragment: bool = False

    @property
    def cannot_start(self) -> bool:
        return self.kind not in ("space", "newline") and self.text[0] in CANNOT_START

    @property
    def cannot_end(self) -> bool:
        return self.kind not in ("space", "newline") and self.text[-1] in CANNOT_END


def is_latin(ch: str) -> bool:
    """A letter or digit set in a Latin (proportional, half-width) style."""
    if not ch.isalnum():
        return False
    width = unicodedata.east_asian_width(ch)
    if width in ("Na", "N"):
        return True
    # Ambiguous-width letters (Greek, Cyrillic) behave like Latin; circled digits do not.
    return width == "A" and unicodedata.category(ch).startswith("L")


def _is_attached_mark(ch: str) -> bool:
    """Combining marks and variation selectors belong to the character before them."""
    code = ord(ch)
    return (
        unicodedata.combining(ch) != 0
        or 0xFE00 <= code <= 0xFE0F
        or 0xE0100 <= code <= 0xE01EF
        or code == 0x200D
    )


def _is_breaking_space(ch: str) -> bool:
    """Spaces a line may break at (and drop there). The ideographic space U+3000 is a
    full-width character cell, often typed as indentation, so it is kept like a hanzi."""
    return ch.isspace() and ch not in NEWLINES and ch != IDEOGRAPHIC_SPACE


def _latin_run_end(text: str, start: int) -> int:
    """Index after the Latin/digit run starting at ``start`` (joiners and suffixes included)."""
    end = start + 1
    size = len(text)
    while end < size:
        ch = text[end]
        if is_latin(ch) or _is_attached_mark(ch):
            end += 1
            continue
        has_next = end + 1 < size and is_latin(text[end + 1])
        if ch in RUN_JOINERS and has_next:
            end += 2
            continue
        if ch == "," and _is_thousands_comma(text, end):
            end += 4
            continue
        break
    while end < size and text[end] in NUMBER_SUFFIXES:
        end += 1
    return end


def _is_thousands_comma(text: str, index: int) -> bool:
    """``1,000`` keeps its comma; ``2020,甘井子`` does not."""
    group = text[index + 1 : index + 4]
    after = text[index + 4 : index + 5]
    return (
        index > 0
        and text[index - 1].isdigit()
        and len(group) == 3
        and group.isdigit()
        and not after.isdigit()
    )


def segment(text: str) -> list[Unit]:
    """Cut ``text`` into units that a line break may separate but never split.

    A CJK character or punctuation mark is one unit; —— and …… are one unit each; a run of
    Latin letters/digits with its decimals, joiners and %/‰/℃ sign is one unit (38.86%, 5G,
    3+3); consecutive spaces are one ``space`` unit; every line separator (CRLF counts once)
    is a ``newline`` unit, a forced break.
    """
    units: list[Unit] = []
    index = 0
    size = len(text)
    while index < size:
        ch = text[index]
        if ch in NEWLINES:
            step = 2 if text.startswith("\r\n", index) else 1
            units.append(Unit("\n", "newline"))
            index += step
        elif _is_attached_mark(ch) and units and units[-1].kind not in ("space", "newline"):
            last = units.pop()
            units.append(Unit(last.text + ch, last.kind))
            index += 1
        elif ch in CLUSTER_CHARS and text[index + 1 : index + 2] == ch:
            units.append(Unit(ch * 2, "cluster"))
            index += 2
        elif _is_breaking_space(ch):
            end = index + 1
            while end < size and _is_breaking_space(text[end]):
                end += 1
            units.append(Unit(text[index:end], "space"))
            index = end
        elif is_latin(ch):
            end = _latin_run_end(text, index)
            units.append(Unit(text[index:end], "latin"))
            index = end
        else:
            units.append(Unit(ch, "char"))
            index += 1
    return units


def break_allowed(before: Unit | None, after: Unit | None) -> bool:
    """May a line end after ``before`` and the next one start with ``after``?

    Spaces are transparent: pass the nearest non-space neighbours. ``None`` (paragraph edge)
    always allows the break.
    """
    if before is None or after is None:
        return True
    return not (before.cannot_end or after.cannot_start)
