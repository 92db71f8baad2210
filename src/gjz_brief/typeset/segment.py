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
# URLs, e-mail addresses and IDs (issue #19): the characters such a token may hold, the
# points it may break after (a line then ends with the mark, as a reader expects of a URL:
# clreq leaves Latin breaking to Western rules; the Chicago Manual breaks after // and
# before . or -, this project after / . - _ ? & as the issue asks), and the trailing marks
# that end a sentence rather than the token.
TOKEN_CHARS: frozenset[str] = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=%"
)
TOKEN_BREAK_AFTER: frozenset[str] = frozenset("/.-_?&")
TOKEN_TRAILING: frozenset[str] = frozenset(".,;:!?'")
# A token without "://", "www." or "@" is an ID to break at its natural points only from
# this many characters on: shorter runs (COVID-19, 2020-2035, 1/2, 3+3) stay whole.
LONG_TOKEN_CHARS = 16
IDEOGRAPHIC_SPACE = "\u3000"
NEWLINES: frozenset[str] = frozenset("\n\r\u2028\u2029\x0b\x0c\x85")

UnitKind = Literal["char", "cluster", "latin", "space", "newline"]


@dataclass(frozen=True)
class Unit:
    """A piece of text that may not be split across lines.

    ``fragment`` marks a piece of a unit wider than the measure that the line breaker had to
    cut by characters. ``joined`` marks a unit that continues the one before it with no gap:
    a piece of a URL or ID after one of its natural break points (or after a cut). A line
    may break before it, but justification never opens the gap before it.
    """

    text: str
    kind: UnitKind
    fragment: bool = False
    joined: bool = False

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


def _token_end(text: str, start: int) -> int:
    """End of the URL, e-mail address or ID starting at ``start``, or ``start`` if there is
    none there (trailing sentence marks and an unbalanced closing bracket left out)."""
    end = start
    while end < len(text) and text[end] in TOKEN_CHARS:
        end += 1
    while end > start:
        last = text[end - 1]
        if last in TOKEN_TRAILING:
            end -= 1
        elif last in ")]" and text[start:end].count("(" if last == ")" else "[") < text[
            start:end
        ].count(last):
            end -= 1  # （见 https://…/a) : the bracket closes the sentence's, not the URL's
        else:
            break
    token = text[start:end]
    if "://" in token or token.lower().startswith("www.") or "@" in token[1:-1]:
        return end
    has_letter = any(ch.isalpha() for ch in token)
    has_point = any(ch in TOKEN_BREAK_AFTER for ch in token[:-1])
    if has_letter and has_point and len(token) >= LONG_TOKEN_CHARS:
        return end
    return start


def token_pieces(token: str) -> list[str]:
    """``token`` cut after each run of its natural break marks (/ . - _ ? &):
    https://www.dl.gov.cn/zwgk → https:// | www. | dl. | gov. | cn/ | zwgk."""
    pieces: list[str] = []
    start = 0
    for index in range(1, len(token)):
        if token[index - 1] in TOKEN_BREAK_AFTER and token[index] not in TOKEN_BREAK_AFTER:
            pieces.append(token[start:index])
            start = index
    pieces.append(token[start:])
    return pieces


def segment(text: str) -> list[Unit]:
    """Cut ``text`` into units that a line break may separate but never split.

    A CJK character or punctuation mark is one unit; —— and …… are one unit each; a run of
    Latin letters/digits with its decimals, joiners and %/‰/℃ sign is one unit (38.86%, 5G,
    3+3); a URL, e-mail address or long ID is cut into ``joined`` units after its natural
    break points (``token_pieces``); consecutive spaces are one ``space`` unit; every line
    separator (CRLF counts once) is a ``newline`` unit, a forced break.
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
        elif is_latin(ch) and (token_end := _token_end(text, index)) > index:
            for number, piece in enumerate(token_pieces(text[index:token_end])):
                units.append(Unit(piece, "latin", joined=number > 0))
            index = token_end
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
