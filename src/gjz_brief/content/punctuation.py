"""GB/T 15834 punctuation: full-width marks in Chinese text, and checks for copy errors."""

from __future__ import annotations

import re

_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
# Reduplications that are ordinary Chinese words, not copy errors.
_NORMAL_REPEATS = frozenset(
    [
        "常常",
        "天天",
        "人人",
        "渐渐",
        "纷纷",
        "刚刚",
        "个个",
        "处处",
        "年年",
        "步步",
        "层层",
        "家家",
        "户户",
        "久久",
        "稍稍",
        "往往",
        "仅仅",
        "事事",
        "时时",
        "样样",
        "件件",
        "条条",
        "默默",
        "悄悄",
        "轻轻",
        "慢慢",
        "多多",
        "好好",
        "滚滚",
        "谢谢",
        "妈妈",
        "爸爸",
        "哥哥",
        "姐姐",
        "弟弟",
        "妹妹",
        "星星",
        "想想",
        "看看",
        "试试",
        "说说",
        "走走",
        "实实",
        "在在",
        "明明",
        "白白",
        "高高",
        "大大",
        "小小",
        "上上",
        "下下",
    ]
)


def is_cjk(char: str) -> bool:
    code = ord(char)
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0x20000 <= code <= 0x3134F
        or 0xF900 <= code <= 0xFAFF
        or 0x3000 <= code <= 0x303F  # CJK punctuation
        or 0xFF00 <= code <= 0xFFEF  # full-width forms
        or char in "“”‘’—…·"
    )


def _is_ascii_alnum(char: str) -> bool:
    return char.isascii() and char.isalnum()


def normalize_punctuation(text: str) -> str:
    """Half-width , ; : ? ! ( ) and straight double quotes next to Chinese → full width.

    A mark between two ASCII letters/digits (1,000; 12:30) is left alone.
    """
    if not any(is_cjk(c) for c in text):
        return text
    chars = list(text)
    open_quote = True
    open_parens = 0
    for i, char in enumerate(chars):
        prev = chars[i - 1] if i > 0 else ""
        nxt = chars[i + 1] if i + 1 < len(chars) else ""
        near_cjk = (prev and is_cjk(prev)) or (nxt and is_cjk(nxt))
        if char == "(":
            if nxt and is_cjk(nxt):
                chars[i] = "（"
                open_parens += 1
        elif char == ")":
            if (prev and is_cjk(prev)) or open_parens:
                chars[i] = "）"
                open_parens = max(0, open_parens - 1)
        elif char in _HALF_TO_FULL:
            both_ascii = _is_ascii_alnum(prev) and _is_ascii_alnum(nxt) if prev and nxt else False
            if near_cjk and not both_ascii:
                chars[i] = _HALF_TO_FULL[char]
        elif char == '"':
            chars[i] = "“" if open_quote else "”"
            open_quote = not open_quote
    return "".join(chars)


_REPEAT = re.compile(r"([\u4e00-\u9fff]{1,2})\1")


def suspicious_repetitions(text: str) -> list[str]:
    """Doubled words that look like copy errors: 制造制造, 率率 (reported, never rewritten)."""
    found: list[str] = []
    for match in _REPEAT.finditer(text):
        unit = match.group(1)
        doubled = match.group(0)
        if len(unit) == 1 and doubled in _NORMAL_REPEATS:
            continue
        if len(unit) == 2 and (unit[0] == unit[1]):
            continue  # 常常常常 is reported as 常常 by the one-character rule if at all
        found.append(doubled)
    return found
