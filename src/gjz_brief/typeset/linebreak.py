"""Chinese line breaking: greedy fill with kinsoku push-out, 孤字 avoidance, justification.

Pure Python, no ReportLab: widths come from a ``width_of(text) -> points`` callable, so the
same code serves the PDF flowable and the tests.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from gjz_brief.typeset.segment import (
    CANNOT_END,
    CANNOT_START,
    Unit,
    UnitKind,
    break_allowed,
    segment,
)

__all__ = [
    "CANNOT_END",
    "CANNOT_START",
    "Line",
    "Unit",
    "UnitKind",
    "break_allowed",
    "break_lines",
    "justify_gaps",
    "segment",
]

# Widths are sums of floats: 28 × (measure / 28) may exceed the measure by an ulp.
TOLERANCE = 1e-6
# Guideline for the space around a Latin run in Chinese text (fact sheet §4).
LATIN_GAP_MAX_EM = 0.25
# No gap of a justified line opens wider than this (issue #19: a line before a long URL was
# spread over the whole measure, 详　见　区　政　府…). A line that would need more is set
# with this much in each gap and ends short of the right edge, unless the long Latin token
# after it can be cut to fill it (break_lines).
MAX_GAP_EM = 0.5


@dataclass(frozen=True)
class Line:
    """One line: its units (break-point spaces removed) and their natural widths."""

    units: tuple[Unit, ...]
    widths: tuple[float, ...]
    indent: float  # left offset of the line (the first-line indent, else 0)
    available: float  # width the line may fill: measure − indent
    is_last: bool  # last line of a paragraph or before a forced break: set flush left
    pushed: int = 0  # units moved to the next line so no prohibited mark sits at the break
    pulled: int = 0  # units moved to the next line so the paragraph does not end in 孤字
    squeezed: bool = False  # took one more unit than fits, within the squeeze limit
    forced: bool = False  # the break violates kinsoku because no allowed break existed

    @property
    def text(self) -> str:
        return "".join(unit.text for unit in self.units)

    @property
    def natural_width(self) -> float:
        return sum(self.widths)

    @property
    def spare(self) -> float:
        """Width left over at natural spacing (negative when squeezed)."""
        return self.available - self.natural_width


def justify_gaps(units: Sequence[Unit], spare: float, em: float) -> list[float]:
    """Extra width for each of the ``len(units) - 1`` gaps, summing to ``spare`` unless a
    gap would open wider than ``MAX_GAP_EM``.

    Gaps are stretched evenly; a gap between a Latin run and a CJK unit takes twice as much,
    up to ¼ em, because a little air around Latin reads better than letter-spaced hanzi.
    The gap before a ``joined`` unit (inside a URL or ID) never opens. Negative ``spare``
    (a squeezed line) is taken evenly from all gaps. No gap gets more than ``MAX_GAP_EM``:
    the rest of the spare is left at the line's end.
    """
    count = len(units) - 1
    if count <= 0:
        return []
    open_gaps = [not units[i + 1].joined for i in range(count)]
    shares = _shares([units[i] for i in range(count + 1)], open_gaps, spare, em)
    if spare > 0:
        limit = MAX_GAP_EM * em
        shares = [min(share, limit) for share in shares]
    return shares


def _shares(units: Sequence[Unit], open_gaps: list[bool], spare: float, em: float) -> list[float]:
    count = len(open_gaps)
    latin = [open_gaps[i] and _is_latin_gap(units[i], units[i + 1]) for i in range(count)]
    n_open = sum(open_gaps)
    if n_open == 0:
        return [0.0] * count
    n_latin = sum(latin)
    n_plain = n_open - n_latin
    if spare <= 0 or n_latin == 0 or n_plain == 0:
        return [spare / n_open if is_open else 0.0 for is_open in open_gaps]
    plain = spare / (n_plain + 2 * n_latin)
    around_latin = 2 * plain
    cap = LATIN_GAP_MAX_EM * em
    if around_latin > cap:
        around_latin = cap
        plain = (spare - n_latin * cap) / n_plain
        if plain > cap:  # so much spare that Latin gaps would be the tighter ones
            plain = around_latin = spare / n_open
    return [
        (around_latin if is_latin else plain) if is_open else 0.0
        for is_open, is_latin in zip(open_gaps, latin, strict=True)
    ]


def widest_gap(units: Sequence[Unit], spare: float, em: float) -> float:
    """The widest gap justification would open on a line of ``units`` with ``spare`` left,
    without the ``MAX_GAP_EM`` limit (infinite when no gap may open at all)."""
    count = len(units) - 1
    open_gaps = [not units[i + 1].joined for i in range(count)]
    if spare <= 0:
        return 0.0
    if not any(open_gaps):
        return float("inf")
    return max(_shares(list(units), open_gaps, spare, em))


def _is_latin_gap(left: Unit, right: Unit) -> bool:
    kinds = {left.kind, right.kind}
    return "latin" in kinds and "space" not in kinds and kinds != {"latin"}


def break_lines(
    units: Sequence[Unit],
    width_of: Callable[[str], float],
    measure: float,
    first_indent: float = 0.0,
    *,
    max_squeeze: float = 0.0,
    avoid_orphan_char: bool = True,
    em: float | None = None,
) -> list[Line]:
    """Break ``units`` (from :func:`segment`) into lines of at most ``measure`` points.

    The first line is indented by ``first_indent``; lines after a forced break are not.
    A break that would put a CANNOT_END unit at a line end or a CANNOT_START unit at a line
    start moves units to the next line (push-out); only if ``max_squeeze`` > 0 and one more
    unit fits within ``measure + max_squeeze`` is it pulled in instead. A unit wider than an
    empty line is cut by characters. Empty text gives no lines; an empty text between two
    forced breaks gives an empty line.

    With ``em`` (the type size), a line whose justification would open a gap wider than
    ``MAX_GAP_EM`` before a Latin token (a URL piece or ID without a natural break point
    within reach) takes the head of that token that fits, cut between characters, and the
    rest goes on the next line as a ``joined`` unit.
    """
    chunks: list[list[Unit]] = [[]]
    for unit in units:
        if unit.kind == "newline":
            chunks.append([])
        else:
            chunks[-1].append(unit)
    if not chunks[-1]:
        chunks.pop()  # a trailing newline ends the last line; it does not add one
    lines: list[Line] = []
    for number, chunk in enumerate(chunks):
        indent = first_indent if number == 0 else 0.0
        breaker = _ChunkBreaker(chunk, width_of, measure, indent, max_squeeze, em)
        lines.extend(breaker.run(avoid_orphan_char))
    return lines


@dataclass
class _Span:
    """A line under construction: units[start:end] of the chunk and how it was decided."""

    start: int
    end: int
    pushed: int = 0
    pulled: int = 0
    squeezed: bool = False
    forced: bool = False


class _ChunkBreaker:
    """Breaks one forced-break-free run of units."""

    def __init__(
        self,
        units: list[Unit],
        width_of: Callable[[str], float],
        measure: float,
        indent: float,
        max_squeeze: float,
        em: float | None = None,
    ) -> None:
        self.em = em
        self.units = list(units)
        self.widths = [width_of(unit.text) for unit in self.units]
        self.width_of = width_of
        self.measure = measure
        self.indent = indent
        self.max_squeeze = max_squeeze

    def available(self, line_number: int) -> float:
        return max(self.measure - (self.indent if line_number == 0 else 0.0), 0.0)

    def run(self, avoid_orphan_char: bool) -> list[Line]:
        spans: list[_Span] = []
        start = self._skip_spaces(0)
        while start < len(self.units):
            span = self._next_break(start, self.available(len(spans)))
            spans.append(span)
            start = self._skip_spaces(span.end)
        if not spans:  # nothing (or only spaces) between two forced breaks: a blank line
            return [Line((), (), self.indent, self.available(0), True)]
        if avoid_orphan_char and len(spans) >= 2:
            self._pull_down_for_orphan(spans[-2], spans[-1], len(spans) - 1)
        return [
            self._make_line(number, span, number == len(spans) - 1)
            for number, span in enumerate(spans)
        ]

    # -- helpers over the unit list -------------------------------------------------------

    def _skip_spaces(self, index: int) -> int:
        while index < len(self.units) and self.units[index].kind == "space":
            index += 1
        return index

    def _allowed(self, index: int) -> bool:
        """May a line break before ``self.units[index]``?"""
        before = index - 1
        while before >= 0 and self.units[before].kind == "space":
            before -= 1
        after = self._skip_spaces(index)
        return break_allowed(
            self.units[before] if before >= 0 else None,
            self.units[after] if after < len(self.units) else None,
        )

    def _width(self, start: int, end: int) -> float:
        while end > start and self.units[end - 1].kind == "space":
            end -= 1  # spaces at a break are dropped, so they never count
        return sum(self.widths[start:end])

    def _fits(self, start: int, end: int, available: float, slack: float = 0.0) -> bool:
        return self._width(start, end) <= available + slack + TOLERANCE

    # -- the greedy step ------------------------------------------------------------------

    def _next_break(self, start: int, available: float) -> _Span:
        end = start
        while end < len(self.units) and self._fits(start, end + 1, available):
            end += 1
        if end == len(self.units):
            return _Span(start, end)
        if end == start:  # not even one unit fits an empty line: cut it by characters
            self._cut_unit(start, available)
            return _Span(start, start + 1, forced=not self._allowed(start + 1))
        if self._allowed(end) and self._stretched_too_far(start, end, available):
            room = available - self._width(start, end)
            if self._cut_unit(end, room, at_least=2):
                return _Span(start, end + 1)
        if self._allowed(end):
            return _Span(start, end)
        squeezed = end + 1
        if (
            self.max_squeeze > 0
            and self._fits(start, squeezed, available, self.max_squeeze)
            and self._allowed(squeezed)
        ):
            return _Span(start, squeezed, squeezed=True)
        for earlier in range(end - 1, start, -1):
            if self._allowed(earlier):
                return _Span(start, earlier, pushed=end - earlier)
        return _Span(start, end, forced=True)  # a line made only of prohibited marks

    def _stretched_too_far(self, start: int, end: int, available: float) -> bool:
        """Would the line units[start:end] open a gap wider than MAX_GAP_EM, while a Latin
        token that might be cut to fill it comes next?"""
        if self.em is None or end >= len(self.units) or self.units[end].kind != "latin":
            return False
        last = end
        while last > start and self.units[last - 1].kind == "space":
            last -= 1  # as the line will hold them (_make_line)
        units = self.units[start:last]
        spare = available - self._width(start, end)
        return widest_gap(units, spare, self.em) > MAX_GAP_EM * self.em + TOLERANCE

    def _cut_unit(self, index: int, available: float, at_least: int = 1) -> bool:
        """Replace a unit by a head of at least ``at_least`` characters that fits
        ``available`` (one character always) and the rest; False if it was left whole."""
        unit = self.units[index]
        if len(unit.text) <= at_least:
            return False  # a single character wider than the line: let it overflow
        cut = 1
        while cut < len(unit.text) and self.width_of(unit.text[: cut + 1]) <= available:
            cut += 1
        if cut >= len(unit.text):
            return False
        while cut > 1 and (unit.text[cut] in CANNOT_START or unit.text[cut - 1] in CANNOT_END):
            cut -= 1  # e.g. keep the % of 38.86% off the start of the next line
        if cut < at_least or (at_least > 1 and self.width_of(unit.text[:cut]) > available):
            return False
        head = Unit(unit.text[:cut], unit.kind, fragment=True, joined=unit.joined)
        tail = Unit(unit.text[cut:], unit.kind, fragment=True, joined=True)
        self.units[index : index + 1] = [head, tail]
        self.widths[index : index + 1] = [self.width_of(head.text), self.width_of(tail.text)]
        return True

    # -- 孤字 ------------------------------------------------------------------------------

    def _is_orphan_char(self, start: int, end: int) -> bool:
        """A last line holding one character, possibly followed by closing punctuation."""
        text = "".join(u.text for u in self.units[start:end] if u.kind != "space")
        core = [ch for ch in text if ch not in CANNOT_START]
        return len(core) <= 1

    def _pull_down_for_orphan(self, previous: _Span, last: _Span, last_number: int) -> None:
        if not self._is_orphan_char(last.start, last.end):
            return
        for earlier in range(previous.end - 1, previous.start, -1):
            if not self._allowed(earlier):
                continue
            new_start = self._skip_spaces(earlier)
            if self._fits(new_start, last.end, self.available(last_number)):
                previous.pulled = previous.end - earlier
                previous.end = earlier
                last.start = new_start
            return  # only the nearest allowed break is worth taking

    def _make_line(self, number: int, span: _Span, is_last: bool) -> Line:
        end = span.end
        while end > span.start and self.units[end - 1].kind == "space":
            end -= 1
        return Line(
            units=tuple(self.units[span.start : end]),
            widths=tuple(self.widths[span.start : end]),
            indent=self.indent if number == 0 else 0.0,
            available=self.available(number),
            is_last=is_last,
            pushed=span.pushed,
            pulled=span.pulled,
            squeezed=span.squeezed,
            forced=span.forced,
        )
