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
from gjz_brief.typeset.cover import TITLE_LEADING, CoverPage, CoverParts, cover_layout


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
            leading=round(style.size_pt * TITLE_LEADING, 3),
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

    page = CoverPage(
        page_height=page_height,
        text_top=geometry.top_mm * MM,
        text_height=geometry.text_height_mm * MM,
        line_pitch=typesetter.line_pitch,
    )

    def height(part: Flowable | None) -> float:
        return part.wrap(width, page_height)[1] if part is not None else 0.0

    def paint(canvas: Canvas) -> None:
        # Places shared with the DOCX cover (typeset/cover.py); y grows upward here.
        places = cover_layout(
            page,
            CoverParts(
                title=height(title),
                title_before=before,
                title_after=after,
                rule=0.0,  # a stroke, no box
                subtitle=height(subtitle),
                issuer=height(issuer),
                date=height(date),
            ),
        )
        title.drawOn(canvas, left, page_height - places.title_top - height(title))
        rule_y = page_height - places.rule_top
        with artifact(canvas, "Layout"):
            canvas.setStrokeColor(accent)
            canvas.setLineWidth(1.2)
            canvas.line(left + width * 0.2, rule_y, left + width * 0.8, rule_y)
        # The issuer stands above the date: drawn first, it is read first.
        for part, top in ((subtitle, places.subtitle_top), (issuer, places.issuer_top),
                          (date, places.date_top)):  # fmt: skip
            if part is not None:
                part.drawOn(canvas, left, page_height - top - height(part))

    return PageDrawing(paint)
