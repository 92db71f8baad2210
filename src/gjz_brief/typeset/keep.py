"""keepWithNext that keeps a heading with the start of what follows it, not all of it.

ReportLab implements ``keepWithNext`` by wrapping the chain (heading, …, next flowable) in a
``KeepTogether``, which moves the whole chain to the next page when it does not fit: a
heading followed by a ten-line paragraph leaves up to ten grid lines empty at the foot of a
page. Chinese practice only forbids 背题, a heading left alone at the foot of a page; the
paragraph, table or figure after it may break as anywhere else. A doc template opts in with
``keepTogetherClass = KeepWithFirstLines``.

What "the start" of the last flowable is, it says itself through ``height_free_to_follow(
width)``: the height of its part that may go on to the next page when it starts on this one
(the lines of a paragraph after its first ``min_lines_at_split``; a table's rows after its
header and first rows). A flowable without it (a figure) is kept whole.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from reportlab.platypus.flowables import Flowable, KeepTogether

from gjz_brief.typeset.reportlab_private import keep_together_allowed

HEIGHT_TOLERANCE = 1e-6  # points


@runtime_checkable
class StartsAPage(Protocol):
    """A flowable that may be split after its first part (see the module docstring)."""

    def height_free_to_follow(self, width: float) -> float: ...


class KeepWithFirstLines(KeepTogether):
    """Moves the chain to the next frame only if it cannot start here with the start of its
    last flowable (``height_free_to_follow``); any other last flowable is kept whole."""

    # Set by KeepTogether (its flowables, and their height after wrap); not in its stubs.
    _content: list[Flowable]
    _H: float

    def split(self, aW: float, aH: float) -> list[Flowable]:  # noqa: N803 - ReportLab API
        self.wrap(aW, aH)  # always: the height is adjusted below and must not be twice
        last = self._content[-1] if self._content else None
        if isinstance(last, StartsAPage) and len(self._content) > 1:
            # KeepTogether decides on the chain's total height: count only the part of the
            # last flowable that must come with the heading (or caption). Less a hair
            # (HEIGHT_TOLERANCE): whole grid lines that fill the frame exactly must fit
            # whatever the float rounding of their sum.
            self._H -= last.height_free_to_follow(aW) + HEIGHT_TOLERANCE
        return super().split(aW, aH)


def release_trailing_chain(flowables: list[Flowable]) -> None:
    """Clear keepWithNext on a chain that runs to the end of the document.

    ReportLab's ``handle_keepWithNext`` clears the flag on every member of a chain but the
    last, expecting the last to be the flowable the chain keeps with. When the chain reaches
    the end of the document (a heading is the last block), its last member keeps the flag:
    it is wrapped again and again, and a heading taller than a page never gets placed — an
    endless loop. With nothing after it, there is nothing to keep with.
    """
    if not flowables:
        return
    count = 0
    for flowable in flowables:
        if not (flowable.getKeepWithNext() and keep_together_allowed(flowable)):
            return
        count += 1
    if count == len(flowables):
        flowables[-1].__dict__["keepWithNext"] = 0


class LayoutStalled(Exception):  # noqa: N818 - a state, raised out of ReportLab's loop
    """Layout made no progress: ``steps`` flowable steps or ``pages`` pages placed nothing."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class ProgressGuard:
    """A hard bound on ReportLab's layout loop, whatever the input.

    ReportLab places flowables one step at a time; a step may put back what it took (a
    keep-together group, a split that cannot fit anywhere). A layout that cannot converge
    would loop forever, so every step and page is counted from the last flowable actually
    drawn, and the total pages are bounded too.
    """

    MAX_STEPS_WITHOUT_PROGRESS = 2_000
    MAX_PAGES_WITHOUT_PROGRESS = 5
    MAX_PAGES = 5_000

    def __init__(self) -> None:
        self.steps = 0
        self.pages = 0
        self.culprit = ""  # the text of a flowable ReportLab could not place, when known

    def step(self) -> None:
        self.steps += 1
        if self.steps > self.MAX_STEPS_WITHOUT_PROGRESS:
            raise LayoutStalled(
                f"the layout made no progress in {self.MAX_STEPS_WITHOUT_PROGRESS} steps"
            )

    def page(self, number: int) -> None:
        self.pages += 1
        if self.pages > self.MAX_PAGES_WITHOUT_PROGRESS:
            raise LayoutStalled(f"{self.MAX_PAGES_WITHOUT_PROGRESS} pages in a row were left empty")
        if number > self.MAX_PAGES:
            raise LayoutStalled(f"the document would have more than {self.MAX_PAGES} pages")

    def placed(self) -> None:
        self.steps = 0
        self.pages = 0
