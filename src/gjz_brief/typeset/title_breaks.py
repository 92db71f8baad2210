"""Where a title that wraps breaks: between words, in balanced lines (GB/T 9704-2012 §7.3.3).

GB/T 9704 asks that a title set on several lines be broken "回行时，要做到词意完整，排列对称，
长短适宜，间距恰当": never inside a word, in lines of nearly equal length, set as a trapezoid or a
diamond (the longer line first). Word boundaries come from jieba (a Chinese word segmenter),
line lengths from the caller's ``measure``, so the PDF (exact font widths) and the DOCX (an
estimate in ems, since Word measures at display time) break at the same words.

jieba's full dictionary takes about a second to load; a title needs only the dictionary's
words that occur in it. ``segment_words`` therefore reads the packaged dictionary once per
process (about 0.1 s) and keeps only those words (found by one regular expression scan) and
the dictionary's total frequency, which jieba's route needs: the same segmentation as the
full dictionary (tests/typeset/test_title_breaks.py compares them), nothing written to disk
(jieba's own cache goes to the temporary folder), and no cost at all for a build whose
titles fit on one line.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable
from importlib import resources
from typing import Any

from gjz_brief.typeset.segment import CANNOT_END, CANNOT_START, is_latin

MAX_LINES = 4
Measure = Callable[[str], float]


_ENTRY_FREQUENCY = re.compile(r" (\d+)")


@functools.lru_cache(maxsize=1)
def _dictionary() -> tuple[str, int]:
    """jieba's packaged dictionary (lines of "word frequency tag") and its total frequency."""
    text = (resources.files("jieba") / "dict.txt").read_text(encoding="utf-8")
    return text, sum(map(int, _ENTRY_FREQUENCY.findall(text)))


@functools.lru_cache(maxsize=256)
def segment_words(text: str) -> tuple[str, ...]:
    """``text`` cut into words by jieba (dictionary only, no HMM guesses: deterministic)."""
    import jieba

    dictionary, total = _dictionary()
    # The dictionary's words made only of the text's characters, found by one regular
    # expression scan, then those that occur in the text: all that jieba's route can use.
    characters = re.escape("".join(sorted(set(text) - {"\n", " "})))
    if not characters:
        return (text,)
    frequencies: dict[str, int] = {}
    for word, frequency in re.findall(rf"^([{characters}]+) (\d+)", dictionary, re.MULTILINE):
        if word in text:
            frequencies[word] = int(frequency)
    for word in list(frequencies):
        for end in range(1, len(word)):
            frequencies.setdefault(word[:end], 0)
    tokenizer: Any = jieba.Tokenizer()
    tokenizer.FREQ, tokenizer.total, tokenizer.initialized = frequencies, total, True
    return tuple(tokenizer.lcut(text, HMM=False))


def break_positions(text: str) -> list[int]:
    """Offsets in ``text`` where a line may break: between two words, never before a closing
    mark or after an opening one, never inside a run of Latin letters and digits."""
    positions, offset = [], 0
    for word in segment_words(text)[:-1]:
        offset += len(word)
        before, after = text[offset - 1], text[offset]
        if before in CANNOT_END or after in CANNOT_START:
            continue
        if is_latin(before) and is_latin(after):
            continue
        if before == after == "—" or (before in "—…" and after == before):
            continue
        positions.append(offset)
    return positions


_OPENING = "（《“‘〈「『【〔(["
_CLOSING = "）》”’〉」』】〕)]"


def _enclosed_positions(text: str) -> frozenset[int]:
    """Offsets that lie inside a pair of brackets or quotation marks."""
    inside, depth = set(), 0
    for offset, character in enumerate(text):
        if character in _CLOSING:
            depth = max(0, depth - 1)
        if depth and offset:
            inside.add(offset)
        if character in _OPENING:
            depth += 1
    return frozenset(inside)


def balanced_lines(text: str, width: float, measure: Measure, em: float) -> tuple[str, ...]:
    """``text`` as the fewest lines no wider than ``width`` that break between words, if at
    all possible not inside brackets or quotes (（2024—2026年） stays whole), the longest line
    as short as can be, and of equal choices (within ``em``, one character) the one whose
    lines grow no longer downwards (a trapezoid, not a funnel).

    Returns ``(text,)`` when it fits on one line, or when no break between words gives lines
    that fit (the line breaker then breaks it as it must).
    """
    text = text.strip()
    if not text or measure(text) <= width:
        return (text,)
    if measure(text) > MAX_LINES * width:
        # More lines than a title or heading is balanced over (and the search below grows
        # with the cube of the break positions): the line breaker sets it as a paragraph.
        return (text,)
    positions = break_positions(text)
    enclosed = _enclosed_positions(text)
    widths: dict[tuple[int, int], float] = {}

    def line_width(start: int, end: int) -> float:
        if (start, end) not in widths:
            widths[(start, end)] = measure(text[start:end])
        return widths[(start, end)]

    for count in range(2, MAX_LINES + 1):
        best: tuple[tuple[int, int, bool, float], tuple[int, ...]] | None = None
        for cuts in itertools.combinations(positions, count - 1):
            bounds = (0, *cuts, len(text))
            lengths = [line_width(a, b) for a, b in itertools.pairwise(bounds)]
            longest = max(lengths)
            if longest > width:
                continue
            growing = any(
                later > earlier + em / 2 for earlier, later in itertools.pairwise(lengths)
            )
            split = sum(cut in enclosed for cut in cuts)
            key = (split, round(longest / em), growing, longest)
            if best is None or key < best[0]:
                best = (key, bounds)
        if best is not None:
            return tuple(text[a:b] for a, b in itertools.pairwise(best[1]))
    return (text,)


AUTOSPACE_EM = 0.25  # Word and LibreOffice put about a quarter em between Chinese and Latin


def estimated_ems(text: str) -> float:
    """A text's width in ems where no font can be measured (the DOCX, which Word lays out):
    a Chinese character or full-width mark 1 em, a Latin letter or digit half an em, and the
    space Word adds where Chinese meets Latin (autoSpaceDE/DN)."""
    narrow = [ord(character) < 0x2E80 and character != "—" for character in text]
    width = sum(0.5 if is_narrow else 1.0 for is_narrow in narrow)
    return width + AUTOSPACE_EM * sum(a != b for a, b in itertools.pairwise(narrow))


def two_balanced_lines(text: str, measure: Measure, em: float) -> tuple[str, ...]:
    """``text`` as two lines broken between words, as even as its words allow (a masthead
    set smaller to fit rather than on a third line); one line when no break exists."""
    full = measure(text)
    for share in (0.55, 0.6, 0.7, 0.8, 0.9):
        lines = balanced_lines(text, full * share, measure, em)
        if len(lines) <= 2:
            return lines
    return (text,)
