"""Sharing a table's width between its columns (used by both renderers).

Renderers measure each column's natural width (its longest text on one line) and the least
it may have (a number is never broken), then ``column_widths`` decides.
"""

from __future__ import annotations

from collections.abc import Sequence


def column_widths(
    natural: Sequence[float], minimum: Sequence[float], available: float
) -> list[float]:
    """Fill the available width.

    If everything fits, every column grows in proportion. Otherwise narrow columns (whose
    text fits in a fair share of what is left) keep their natural width, so short entries
    such as dates never wrap, and the wide columns share the rest in proportion to their
    natural width, never below their minimum. When even that does not fit, the minimum
    widths are scaled down (text then wraps more).
    """
    count = len(natural)
    total_natural = sum(natural)
    if total_natural <= 0:
        return [available / count] * count
    if total_natural <= available:
        return [width * available / total_natural for width in natural]
    widths: list[float | None] = [None] * count
    remaining = available
    flexible = set(range(count))
    while flexible:
        share = remaining / len(flexible)
        narrow = {column for column in flexible if natural[column] <= share}
        if not narrow:
            break
        for column in narrow:
            widths[column] = natural[column]
            remaining -= natural[column]
        flexible -= narrow
    wide_natural = sum(natural[column] for column in flexible)
    for column in flexible:
        widths[column] = max(minimum[column], remaining * natural[column] / wide_natural)
    result = [width or 0.0 for width in widths]
    total = sum(result)
    if total > available + 0.01:
        total_minimum = sum(minimum)
        if total_minimum >= available:
            return [width * available / total_minimum for width in minimum]
        # the minimums of the wide columns took more than their share: shrink them all
        spare = available - total_minimum
        stretch = [max(0.0, n - m) for n, m in zip(natural, minimum, strict=True)]
        total_stretch = sum(stretch) or 1.0
        return [m + spare * s / total_stretch for m, s in zip(minimum, stretch, strict=True)]
    return result
