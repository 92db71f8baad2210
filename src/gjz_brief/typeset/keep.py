"""keepWithNext that keeps a heading with the first lines of the next paragraph, not all of it.

ReportLab implements ``keepWithNext`` by wrapping the chain (heading, …, next flowable) in a
``KeepTogether``, which moves the whole chain to the next page when it does not fit: a
heading followed by a ten-line paragraph leaves up to ten grid lines empty at the foot of a
page. Chinese practice only forbids 背题, a heading left alone at the foot of a page; the
paragraph after it may break as anywhere else. A doc template opts in with
``keepTogetherClass = KeepWithFirstLines``.
"""

from __future__ import annotations

from reportlab.platypus.flowables import Flowable, KeepTogether

from gjz_brief.typeset.flowable import CJKParagraph


class KeepWithFirstLines(KeepTogether):
    """Moves the chain to the next frame only if it cannot start here with the first lines
    (``min_lines_at_split``) of its last paragraph; any other last flowable is kept whole."""

    def split(self, aW: float, aH: float) -> list[Flowable]:  # noqa: N803 - ReportLab API
        self.wrap(aW, aH)  # always: the height is adjusted below and must not be twice
        last = self._content[-1] if self._content else None
        if isinstance(last, CJKParagraph) and len(self._content) > 1:
            count = len(last.lines(aW))
            needed_lines = min(count, last.min_lines_at_split)
            # KeepTogether decides on the chain's total height: count only the lines that
            # must come with the heading.
            self._H -= (count - needed_lines) * last.leading
        return super().split(aW, aH)
