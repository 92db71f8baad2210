"""Numbers written the ways a briefing writes them: 两万多, 三千五百, 1.2万, 超42, 50余.

Used to check that a figure's fixed wording (``printed: 两万多``) still says the figure's
value, and by the figure audit to read printed figures back from the PDF and the DOCX.
Source of the number words: GB/T 15835-2011 (出版物上数字用法) §4.2 and §5.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from gjz_brief.content.model import PREFIX_QUALIFIERS, SUFFIX_QUALIFIERS

_DIGITS = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "一": 1,
    "壹": 1,
    "二": 2,
    "贰": 2,
    "两": 2,
    "三": 3,
    "叁": 3,
    "四": 4,
    "肆": 4,
    "五": 5,
    "伍": 5,
    "六": 6,
    "陆": 6,
    "七": 7,
    "柒": 7,
    "八": 8,
    "捌": 8,
    "九": 9,
    "玖": 9,
}
_SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_ARABIC = re.compile(r"(-?\d+(?:\.\d+)?)(万亿|亿|万)?")
# Longest first, so 突破 is not read as 突 + 破.
_PREFIXES = sorted(PREFIX_QUALIFIERS, key=len, reverse=True)
_SUFFIXES = sorted(SUFFIX_QUALIFIERS, key=len, reverse=True)


@dataclass(frozen=True)
class Wording:
    """A number as words say it: 两万多 → Wording(Decimal(20000), "多")."""

    value: Decimal
    qualifier: str


def _section(text: str) -> int | None:
    """A number below 10 000 in words: 三千五百, 一百零五, 十二, 二十一; 千五 → 1500."""
    if not text:
        return 0
    total, digit, last_unit = 0, None, None
    for character in text:
        if character in _DIGITS:
            if digit is not None and _DIGITS[character] != 0 and digit != 0:
                return None  # two digits in a row (一二) is not a number word
            digit = _DIGITS[character]
        elif character in _SMALL_UNITS:
            unit = _SMALL_UNITS[character]
            if last_unit is not None and unit >= last_unit:
                return None  # 百千: units must fall
            total += (1 if digit is None else digit) * unit
            digit, last_unit = None, unit
        else:
            return None
    if digit:
        # 千五 (1500), 三千五 (3500): a last digit after a unit counts in the unit below it.
        total += digit * (last_unit // 10 if last_unit and text[-2] in _SMALL_UNITS else 1)
    return total


def _integer_words(text: str) -> int | None:
    """An integer in Chinese words, with 万 and 亿: 三万五千, 一亿二千万, 两万; 三万五 → 35000."""
    if "亿" in text:
        head, rest = text.split("亿", 1)
        high = _integer_words(head)  # 一万亿: (一万) 亿
        low = _after_unit(rest, 10**8, _below_hundred_million)
        return None if not high or low is None else high * 10**8 + low
    return _below_hundred_million(text)


def _below_hundred_million(text: str) -> int | None:
    if "万" in text:
        head, rest = text.split("万", 1)
        high = _section(head) if head else None
        low = _after_unit(rest, 10**4, _section)
        return None if not high or low is None else high * 10**4 + low
    return _section(text) if text else None


def _after_unit(rest: str, unit: int, read: Callable[[str], int | None]) -> int | None:
    """What follows 万 or 亿: nothing, 零 and a smaller number, or one digit that counts in
    the next lower unit (三万五 = 35000, 一亿五 = 150000000)."""
    if not rest:
        return 0
    if len(rest) == 1 and rest in _DIGITS and _DIGITS[rest]:
        return _DIGITS[rest] * unit // 10
    stripped = rest.lstrip("零〇○")
    return read(stripped) if stripped else None


def _number_words(text: str) -> Decimal | None:
    """Digits or Chinese words, with an optional decimal 点 or a 万/亿 multiplier."""
    match = _ARABIC.fullmatch(text)
    if match:
        number = Decimal(match.group(1))
        multiplier = {"万": 10**4, "亿": 10**8, "万亿": 10**12}.get(match.group(2) or "", 1)
        return number * multiplier
    if "点" in text:
        whole, _, rest = text.partition("点")
        big = ""
        for name in ("万亿", "亿", "万"):
            if rest.endswith(name):
                rest, big = rest[: -len(name)], name
                break
        if not rest or any(character not in _DIGITS for character in rest):
            return None
        integer = _integer_words(whole) if whole else None
        if integer is None:
            return None
        fraction = "".join(str(_DIGITS[character]) for character in rest)
        multiplier = {"万": 10**4, "亿": 10**8, "万亿": 10**12}.get(big, 1)
        try:
            return Decimal(f"{integer}.{fraction}") * multiplier
        except InvalidOperation:
            return None
    integer = _integer_words(text)
    return None if integer is None else Decimal(integer)


def read_wording(text: str) -> Wording | None:
    """The number and qualifier a wording gives: 两万多 → 20000 多, 超42 → 42 超,
    1.2万 → 12000, 三千五百余 → 3500 余. None when ``text`` is not a number so written."""
    text = text.strip()
    qualifier = ""
    for prefix in _PREFIXES:
        if text.startswith(prefix):
            qualifier, text = prefix, text[len(prefix) :]
            break
    else:
        for suffix in _SUFFIXES:
            if text.endswith(suffix) and len(text) > len(suffix):
                qualifier, text = suffix, text[: -len(suffix)]
                break
    value = _number_words(text)
    return None if value is None else Wording(value, qualifier)


def wording_value(value: float) -> Decimal:
    """A figure's value as a Decimal to compare with a wording (15 significant digits)."""
    return Decimal(format(value, ".15g"))
