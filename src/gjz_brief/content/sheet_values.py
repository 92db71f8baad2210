"""What a spreadsheet cell shows: its number under its number format, or a number typed as text.

A cell's number format is part of its value: 0.4012 under ``0.00%`` is shown, and meant, as
40.12 %; 38.8612 under ``0.00`` is shown as 38.86. Excel stores a number to 15 significant
digits and shows it rounded half away from zero (ECMA-376 Part 1 §18.8.30-31, numFmt); a
format this module cannot reproduce exactly (dates, fractions, scientific notation,
scaling commas, conditions, Chinese-numeral formats) is refused rather than guessed.

Text numbers are read strictly: digits, one decimal point, thousands separators only in
groups of three (1,234,567.5), a leading minus and a trailing %. A decimal comma (1,5) and
anything else (1 500, 1.234,5, 1e3, NaN, 288家) is refused with a hint.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from gjz_brief.content.model import PREFIX_QUALIFIERS, SUFFIX_QUALIFIERS

EXCEL_DIGITS = 15  # significant digits Excel keeps of a number


class ValueRefused(ValueError):
    """A cell whose number cannot be read exactly as shown; ``hint`` says what to write."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message, self.hint = message, hint


@dataclass(frozen=True)
class Shown:
    """A number as the cell shows it: 40.12 with ``percent`` for 0.4012 under 0.00%."""

    value: Decimal
    percent: bool = False
    literal: str = ""  # text the format adds around the number ("家" in 0"家")
    decimals: int = 0  # places shown: 6 under 0.0 shows 6.0, "512.30" typed as text 2

    def number(self) -> int | float:
        """The value as the content model holds it: an int when whole."""
        if self.value == self.value.to_integral_value():
            return int(self.value)
        return float(self.value)


@dataclass(frozen=True)
class NumberFormat:
    """One section of a number format, reduced to what decides the shown number."""

    general: bool
    decimals: int
    percent: int  # how many % signs (each multiplies by 100)
    literal: str
    placeholders: int  # digit placeholders (0 # ?); 0 means the section shows no number


_REFUSED_HINT = "format the cell as 常规 (General), 数值 (Number) or 百分比 (Percentage)"
_DATE_LETTERS = set("yYmMdDhHsSbBgGeE")


def _sections(code: str) -> list[str]:
    """The ;-separated sections of a format code (outside quotes, brackets and escapes)."""
    sections, current, index = [], "", 0
    while index < len(code):
        character = code[index]
        if character == '"':
            end = code.find('"', index + 1)
            end = len(code) if end < 0 else end + 1
            current += code[index:end]
            index = end
            continue
        if character == "\\" and index + 1 < len(code):
            current += code[index : index + 2]
            index += 2
            continue
        if character == "[":
            end = code.find("]", index)
            end = len(code) if end < 0 else end + 1
            current += code[index:end]
            index = end
            continue
        if character == ";":
            sections.append(current)
            current = ""
        else:
            current += character
        index += 1
    sections.append(current)
    return sections


def parse_section(section: str) -> NumberFormat:
    """Decimals, percent and added text of one format section; ValueRefused for a format
    whose shown number this module cannot reproduce."""
    if section.strip().lower() in ("general", "", "@"):
        return NumberFormat(True, 0, 0, "", 1)
    decimals = percent = placeholders = 0
    literal = ""
    after_point = False
    last_was_digit = False
    index = 0
    while index < len(section):
        character = section[index]
        if character == '"':
            end = section.find('"', index + 1)
            end = len(section) if end < 0 else end
            literal += section[index + 1 : end]
            index = end + 1
            continue
        if character == "\\" and index + 1 < len(section):
            literal += section[index + 1]
            index += 2
            continue
        if character in "_*" and index + 1 < len(section):
            index += 2  # a space as wide as the next character / a fill: no text
            continue
        if character == "[":
            end = section.find("]", index)
            end = len(section) if end < 0 else end
            literal += _bracket(section[index + 1 : end])
            index = end + 1
            continue
        if section[index:].lower().startswith("general"):
            return NumberFormat(True, 0, percent, literal, 1)
        if character in "0#?":
            placeholders += 1
            decimals += 1 if after_point else 0
            last_was_digit = True
        elif character == ".":
            after_point = True
            last_was_digit = False
        elif character == ",":
            following = section[index + 1 : index + 2]
            if last_was_digit and following and following in "0#?":
                pass  # a thousands separator between digit placeholders: no effect
            elif last_was_digit:
                raise ValueRefused(
                    f"the number format '{section}' divides the number by 1000 (a trailing "
                    "comma), so the cell shows another number than it holds",
                    _REFUSED_HINT + " and write the value in the unit the figure uses",
                )
            else:
                literal += character
        elif character == "%":
            percent += 1
            last_was_digit = False
        elif character in "eE" and section[index + 1 : index + 2] in ("+", "-"):
            raise ValueRefused(
                f"the number format '{section}' shows the number in scientific notation",
                _REFUSED_HINT,
            )
        elif character == "/" and placeholders:
            raise ValueRefused(f"the number format '{section}' shows a fraction", _REFUSED_HINT)
        elif character in _DATE_LETTERS or section[index:].upper().startswith(("AM/PM", "A/P")):
            raise ValueRefused(
                f"the number format '{section}' shows a date or time, not a number",
                _REFUSED_HINT,
            )
        elif character == "@":
            pass  # text placeholder: a number is shown as in General
        else:
            literal += character
            last_was_digit = False
        index += 1
    if percent > 1:
        raise ValueRefused(
            f"the number format '{section}' multiplies by 100 more than once", _REFUSED_HINT
        )
    return NumberFormat(False, decimals, percent, literal, placeholders)


def _bracket(content: str) -> str:
    """The text a [..] part of a format adds: a currency symbol ([$¥-804]) or nothing
    (a colour, a locale). Conditions, elapsed time and numeral systems are refused."""
    lowered = content.lower()
    if content.startswith("$"):
        return content[1:].split("-", 1)[0]
    if lowered.startswith("dbnum") or lowered.startswith("nat"):
        raise ValueRefused(
            f"the number format [{content}] shows the number in Chinese numerals",
            "format the cell as 数值 (Number) and write the wording in the 'printed' column",
        )
    if content[:1] in "<>=":
        raise ValueRefused(
            f"the number format has a condition [{content}], which decides how it shows",
            _REFUSED_HINT,
        )
    if lowered and set(lowered) <= set("hms"):
        raise ValueRefused(f"the number format [{content}] shows elapsed time", _REFUSED_HINT)
    return ""  # [Red], [Color10], [$-804] …


def choose_section(code: str, value: float) -> str:
    """The section of ``code`` that shows ``value`` (positive; negative; zero; text)."""
    sections = _sections(code or "General")
    if value < 0 and len(sections) > 1:
        return sections[1]
    if value == 0 and len(sections) > 2:
        return sections[2]
    return sections[0]


def shown_number(value: Any, code: str) -> Shown:
    """The number a numeric cell holding ``value`` shows under the format ``code``.

    Raises ValueRefused for NaN, infinities and formats whose shown number is not exact.
    """
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(value)
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueRefused(
            f"the cell holds {value!r}, which is not a finite number",
            "write the figure's number in the cell",
        )
    section = choose_section(code, value)
    number_format = parse_section(section)
    if not number_format.placeholders:
        raise ValueRefused(
            f"the number format section '{section}' shows no number for this value",
            _REFUSED_HINT,
        )
    exact = (
        Decimal(format(value, f".{EXCEL_DIGITS}g")) if isinstance(value, float) else Decimal(value)
    )
    exact = exact * (100**number_format.percent)
    if number_format.general:
        shown = exact
    else:
        shown = exact.quantize(Decimal(1).scaleb(-number_format.decimals), ROUND_HALF_UP)
    if shown == 0:
        shown = abs(shown)  # -0.00 is shown as 0.00
    value = shown.normalize() if shown else Decimal(0)
    exponent = value.as_tuple().exponent
    places = max(0, -exponent) if isinstance(exponent, int) else 0
    return Shown(
        value,
        bool(number_format.percent),
        number_format.literal.strip(),
        places if number_format.general else number_format.decimals,
    )


_GROUPED = re.compile(r"\d{1,3}(,\d{3})+(\.\d+)?")
_PLAIN = re.compile(r"\d+(\.\d+)?")
_DECIMAL_COMMA = re.compile(r"\d+,\d+")
_CHINESE_NUMERALS = set("零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟")


def text_number(text: str) -> Shown:
    """A number typed as text, read strictly (module docstring); ValueRefused otherwise."""
    original = text
    # Full-width digits and signs (２８８，４０％) are the same characters in another width.
    text = unicodedata.normalize("NFKC", text).strip().replace("\u2212", "-")
    negative = text.startswith("-")
    body = text[1:] if negative else text
    percent = body.endswith("%")
    body = body[:-1].rstrip() if percent else body
    if _PLAIN.fullmatch(body) or _GROUPED.fullmatch(body):
        value = Decimal(body.replace(",", ""))
        places = len(body.partition(".")[2])
        return Shown(-value if negative and value else value, percent, decimals=places)
    raise _text_refusal(original, body)


def _text_refusal(original: str, body: str) -> ValueRefused:
    shown = original.strip()
    if _DECIMAL_COMMA.fullmatch(body):
        point = body.replace(",", ".")
        return ValueRefused(
            f"'{shown}' is written with a decimal comma (or a misplaced thousands separator)",
            f"write {point} with a decimal point, or group thousands in threes: 1,500",
        )
    if re.fullmatch(r"\d{1,3}(\.\d{3})+(,\d+)?", body):
        return ValueRefused(
            f"'{shown}' uses points to group thousands",
            "write the number without grouping (1500000.5) or with commas in threes (1,500,000.5)",
        )
    if re.fullmatch(r"[\d.,_:]+", body):
        return ValueRefused(
            f"'{shown}' is not a number that can be read one way only",
            "write digits with one decimal point, and group thousands with commas in threes",
        )
    if re.fullmatch(r"[\d.]+[eE][-+]?\d+", body):
        return ValueRefused(
            f"'{shown}' is in scientific notation",
            "write the number in full, in the unit the figure uses (e.g. 亿元)",
        )
    if body.lower() in ("nan", "inf", "infinity", "+inf", "-inf", "#num!", "#div/0!"):
        return ValueRefused(f"'{shown}' is not a finite number", "write the figure's number")
    if re.fullmatch(r"\d[\d\s.,]*", body):
        return ValueRefused(
            f"'{shown}' has spaces inside the number",
            "write the digits without spaces (group thousands with commas in threes)",
        )
    for qualifier in PREFIX_QUALIFIERS:
        if body.startswith(qualifier) and body[len(qualifier) :][:1].isdigit():
            return _qualifier_refusal(shown, qualifier)
    for qualifier in SUFFIX_QUALIFIERS:
        if body.endswith(qualifier) and body[: -len(qualifier)][-1:].isdigit():
            return _qualifier_refusal(shown, qualifier)
    if re.match(r"\d", body):
        return ValueRefused(
            f"'{shown}' has text after the number",
            "write the number alone; the unit goes in the 'unit' column (单位)",
        )
    if body and set(body) <= _CHINESE_NUMERALS | set("点多余"):
        return ValueRefused(
            f"'{shown}' is a number in words",
            "write the number in digits; to print it in words, put the wording in the "
            "'printed' column (印刷形式)",
        )
    return ValueRefused(f"expected a number, got '{shown}'", "write digits, such as 288 or 38.86")


def _qualifier_refusal(shown: str, qualifier: str) -> ValueRefused:
    return ValueRefused(
        f"'{shown}' has the qualifier {qualifier} in the number",
        "write the number alone; the qualifier goes in the 'qualifier' column (限定词)",
    )
