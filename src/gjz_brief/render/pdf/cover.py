"""The cover page: title, subtitle, issuer and date placed on the whole page."""

from __future__ import annotations

from typing import Any

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from gjz_brief.document import tree
from gjz_brief.render.pdf.flowables import Balanced, PageDrawing
from gjz_brief.render.pdf.state import BuildState
from gjz_brief.render.pdf.styles import Typesetter
from gjz_brief.render.pdf.tagging import StructNode, artifact
from gjz_brief.template.theme import MM

TITLE_TOP_MM = 95.0  # from the top of the page
SUBTITLE_GAP_MM = 10.0
RULE_GAP_MM = 8.0
ISSUER_BOTTOM_MM = 70.0  # baseline region of the issuer, from the bottom of the page


def cover_page(typesetter: Typesetter, block: tree.Cover, state: BuildState) -> Flowable:
    geometry = typesetter.theme.geometry
    left = geometry.left_mm * MM
    width = typesetter.text_width
    page_height = geometry.page_height_mm * MM
    accent = typesetter.colour("accent")

    def centred(style: str, text: str, **options: Any) -> Flowable:
        return typesetter.paragraph(
            style,
            text,
            align="center",
            first_line_indent=0,
            space_before=0,
            space_after=0,
            **options,
        )

    style = typesetter.style("cover_title")  # every setting of it, spacing included
    title = Balanced(
        typesetter.paragraph(
            "cover_title",
            typesetter.title_text("cover_title", block.title, width),
            leading=round(style.size_pt * 1.4, 3),
            space_before=0,
            space_after=0,
            struct=StructNode(state.heading_role(1)),
        ),
        centred=style.align == "center",
    )
    before = style.space_before_lines * typesetter.line_pitch
    after = style.space_after_lines * typesetter.line_pitch
    subtitle = centred("subtitle", block.subtitle) if block.subtitle else None
    issuer = centred("heading1", block.issuer) if block.issuer else None
    date = centred("body", block.date_text) if block.date_text else None

    def paint(canvas: Canvas) -> None:
        top = page_height - TITLE_TOP_MM * MM - before
        _, height = title.wrap(width, page_height)
        title.drawOn(canvas, left, top - height)
        top -= height + after + RULE_GAP_MM * MM
        with artifact(canvas, "Layout"):
            canvas.setStrokeColor(accent)
            canvas.setLineWidth(1.2)
            canvas.line(left + width * 0.2, top, left + width * 0.8, top)
        top -= SUBTITLE_GAP_MM * MM
        if subtitle is not None:
            _, height = subtitle.wrap(width, page_height)
            subtitle.drawOn(canvas, left, top - height)
        bottom = ISSUER_BOTTOM_MM * MM
        # The issuer stands above the date: drawn first, it is read first.
        if issuer is not None:
            issuer.wrap(width, page_height)
            issuer.drawOn(canvas, left, bottom)
        if date is not None:
            _, height = date.wrap(width, page_height)
            date.drawOn(canvas, left, bottom - height)

    return PageDrawing(paint)
