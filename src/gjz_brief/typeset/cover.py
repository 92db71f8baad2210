"""Where the cover's parts stand on the page: one computation for the PDF and the DOCX.

The cover is set on the text block of page 1: the title a third down the page, a short rule
under it, the subtitle, and the issuer with the date near the foot. The PDF draws the parts at
these places (render/pdf/cover.py); the DOCX turns the same places into each paragraph's space
before and after (render/docx/blocks.py), so both covers are one page whatever the title's
line count. Pure arithmetic in points, measured down from the top of the page.
"""

from __future__ import annotations

from dataclasses import dataclass

MM = 72 / 25.4  # points per millimetre

TITLE_TOP_MM = 95.0  # the title's first line, from the top of the page
RULE_GAP_MM = 8.0  # from the title's last line to the rule
SUBTITLE_GAP_MM = 10.0  # from the rule to the subtitle
ISSUER_BOTTOM_MM = 70.0  # the issuer's last line ends this far above the foot of the page
TITLE_LEADING = 1.4  # the cover title's line height, times its size


@dataclass(frozen=True)
class CoverPage:
    """The page around the cover, in points: where the text block begins and ends."""

    page_height: float
    text_top: float  # the top margin
    text_height: float
    line_pitch: float  # one grid line: the least room kept between the title and the issuer


@dataclass(frozen=True)
class CoverParts:
    """The height of each part of the cover, in points (0 for a part left out).

    ``title_before`` and ``title_after`` are the cover title style's own spacing.
    """

    title: float
    title_before: float
    title_after: float
    rule: float
    subtitle: float
    issuer: float
    date: float


@dataclass(frozen=True)
class CoverLayout:
    """Where each part begins, in points from the top of the page."""

    title_top: float
    rule_top: float
    subtitle_top: float
    issuer_top: float
    date_top: float
    bottom: float  # where the last part ends


def cover_layout(page: CoverPage, parts: CoverParts) -> CoverLayout:
    """The places of the cover's parts; everything stays within the text block.

    The title stands at ``TITLE_TOP_MM`` plus its style's space before, the rule
    ``RULE_GAP_MM`` below it, the subtitle ``SUBTITLE_GAP_MM`` below the rule; the issuer ends
    ``ISSUER_BOTTOM_MM`` above the foot of the page, the date right under it. When the title
    runs long (three or four lines and a subtitle) and the parts would come closer than one
    line pitch, the issuer and date move down to the foot of the text block first, then the
    title moves up toward its top, so the cover stays on its page.
    """
    text_bottom = page.text_top + page.text_height
    title_top = max(page.text_top, TITLE_TOP_MM * MM + parts.title_before)
    upper = (  # from the title's top to the end of the subtitle
        parts.title
        + parts.title_after
        + RULE_GAP_MM * MM
        + parts.rule
        + SUBTITLE_GAP_MM * MM
        + parts.subtitle
    )
    lower = parts.issuer + parts.date
    issuer_top = page.page_height - ISSUER_BOTTOM_MM * MM - parts.issuer
    issuer_top = min(issuer_top, text_bottom - lower)  # the date inside the text block
    shortfall = title_top + upper + page.line_pitch - issuer_top
    if shortfall > 0:  # the issuer moves down first, as far as the foot of the text block
        move = min(shortfall, text_bottom - lower - issuer_top)
        issuer_top += move
        shortfall -= move
    if shortfall > 0:  # then the title moves up, as far as the top of the text block
        title_top -= min(shortfall, title_top - page.text_top)
    rule_top = title_top + parts.title + parts.title_after + RULE_GAP_MM * MM
    subtitle_top = rule_top + parts.rule + SUBTITLE_GAP_MM * MM
    date_top = issuer_top + parts.issuer
    return CoverLayout(
        title_top=title_top,
        rule_top=rule_top,
        subtitle_top=subtitle_top,
        issuer_top=issuer_top,
        date_top=date_top,
        bottom=date_top + parts.date,
    )
