"""Text blocks: cover, masthead, table of contents, title, headings, paragraphs, lists."""

from __future__ import annotations

import math

from docx.oxml.ns import qn

from gjz_brief.document.tree import (
    BulletList,
    Cover,
    Heading,
    Masthead,
    Paragraph,
    TableOfContents,
    Title,
)
from gjz_brief.render.docx.ooxml import (
    bookmark,
    element,
    field_end_run,
    field_runs,
    field_start_runs,
    tab_run,
    text_run,
)
from gjz_brief.render.docx.stylesheet import COVER_RULE_TWIPS, grid_lines
from gjz_brief.render.docx.writer import BodyWriter, heading_bookmark_name
from gjz_brief.typeset.cover import TITLE_LEADING, CoverPage, CoverParts, cover_layout
from gjz_brief.typeset.title_breaks import balanced_lines, estimated_ems, two_balanced_lines

PARAGRAPH_STYLES = {
    "body": "Normal",
    "lead": "GJZ Lead",
    "note": "GJZ Note",
    "editor_note": "GJZ Editor Note",
    "source": "GJZ Source",
    "quote": "GJZ Quote",
}
HEADING_STYLES = {1: "heading 1", 2: "heading 2", 3: "heading 3"}
TOC_STYLES = {1: "toc 1", 2: "toc 2", 3: "toc 3"}
EMPTY_TOC_TEXT = "（目录为空：更新域后生成）"


TWIPS_PER_POINT = 20
MASTHEAD_MIN_SCALE = 0.8  # as render/pdf/bulletin.py
# Word's fonts differ from the PDF's (a fallback face, its own spacing): lines are chosen a
# little narrower than the estimate says they may be.
DOCX_TITLE_SLACK = 0.93


def title_text(writer: BodyWriter, theme_style: str, text: str) -> str:
    """``text`` with explicit line breaks (w:br) between words in balanced lines, chosen by
    the same computation as the PDF's (typeset/title_breaks.py) on widths estimated in ems:
    Word lays the text out itself, so the break between words is all the file can fix."""
    size = writer.theme.style(theme_style).size_pt
    width_ems = writer.geometry.text_width * DOCX_TITLE_SLACK / (size * TWIPS_PER_POINT)
    return "\n".join(balanced_lines(text, width_ems, estimated_ems, 1.0))


def estimated_lines(writer: BodyWriter, theme_style: str, text: str) -> int:
    """How many lines Word will give ``text`` at the full text width (estimated in ems, with
    the same slack as the titles: counting one too many only makes the cover's gaps smaller)."""
    size = writer.theme.style(theme_style).size_pt
    width_ems = writer.geometry.text_width * DOCX_TITLE_SLACK / (size * TWIPS_PER_POINT)
    return max(1, math.ceil(estimated_ems(text) / width_ems))


def write_cover(writer: BodyWriter, cover: Cover) -> None:
    """The cover at the places the PDF's cover uses (typeset/cover.py), each paragraph's
    spacing computed from them: the gaps shrink when the title takes more lines or a subtitle
    is added, so the cover is one page in Word, WPS and LibreOffice alike.

    The spacing is the paragraphs' own (exact line heights, off the grid); the styles keep
    font, size and colour. Line heights: the title ``TITLE_LEADING`` × its size, as in the
    PDF; the other lines whole grid lines, as their styles.
    """
    theme, geometry = writer.theme, writer.geometry
    title = title_text(writer, "cover_title", cover.title)
    title_line = round(theme.style("cover_title").size_pt * TITLE_LEADING * TWIPS_PER_POINT)
    title_height = title_line * (title.count("\n") + 1)

    def line_of(theme_style: str) -> int:
        return grid_lines(theme.style(theme_style).size_pt, geometry.line_pitch)

    subtitle_height = (
        line_of("subtitle") * estimated_lines(writer, "subtitle", cover.subtitle)
        if cover.subtitle
        else 0
    )
    issuer_height = line_of("heading1") * estimated_lines(writer, "heading1", cover.issuer)
    date_height = line_of("body") if cover.date_text else 0
    title_style = theme.style("cover_title")

    def points(twips: float) -> float:
        return twips / TWIPS_PER_POINT

    places = cover_layout(
        CoverPage(
            page_height=points(geometry.page_height),
            text_top=points(geometry.top),
            text_height=points(geometry.text_height),
            line_pitch=points(geometry.line_pitch),
        ),
        CoverParts(
            title=points(title_height),
            title_before=points(title_style.space_before_lines * geometry.line_pitch),
            title_after=points(title_style.space_after_lines * geometry.line_pitch),
            rule=points(COVER_RULE_TWIPS),
            subtitle=points(subtitle_height),
            issuer=points(issuer_height),
            date=points(date_height),
        ),
    )

    def down(position: float) -> int:  # twips from the top of the text block
        return round(position * TWIPS_PER_POINT) - geometry.top

    def spacing(before: int, after: int, line: int) -> dict[str, str]:
        return {"before": str(max(0, before)), "after": str(max(0, after)),
                "line": str(line), "lineRule": "exact"}  # fmt: skip

    title_top, rule_top = down(places.title_top), down(places.rule_top)
    subtitle_top, issuer_top = down(places.subtitle_top), down(places.issuer_top)
    writer.paragraph(
        "GJZ Cover Title",
        title,
        spacing=spacing(title_top, rule_top - title_top - title_height, title_line),
    )
    rule_bottom = rule_top + COVER_RULE_TWIPS
    writer.paragraph(
        "GJZ Cover Rule", spacing=spacing(0, subtitle_top - rule_bottom, COVER_RULE_TWIPS)
    )
    if cover.subtitle:
        writer.paragraph(
            "GJZ Cover Subtitle",
            cover.subtitle,
            spacing=spacing(0, 0, line_of("subtitle")),
        )
    last = writer.paragraph(
        "GJZ Cover Issuer",
        cover.issuer,
        spacing=spacing(issuer_top - subtitle_top - subtitle_height, 0, line_of("heading1")),
    )
    if cover.date_text:
        last = writer.paragraph(
            "GJZ Cover Line", cover.date_text, spacing=spacing(0, 0, line_of("body"))
        )
    writer.last_cover_paragraph = last
    writer.at_page_start = True  # the cover's section break starts the next page


def write_masthead(writer: BodyWriter, masthead: Masthead) -> None:
    if masthead.classification:
        writer.paragraph("GJZ Masthead Classification", masthead.classification)
    name = masthead.bulletin_name
    size = writer.theme.style("masthead").size_pt
    width_ems = writer.geometry.text_width * DOCX_TITLE_SLACK / (size * TWIPS_PER_POINT)
    if estimated_ems(name) * MASTHEAD_MIN_SCALE > width_ems:  # the PDF breaks it too
        name = "\n".join(two_balanced_lines(name, estimated_ems, 1.0))
    longest = max(estimated_ems(line) for line in name.split("\n"))
    paragraph = writer.paragraph("GJZ Masthead Name", name)
    if longest > width_ems:  # set smaller to fit, as the PDF does (half points, w:sz)
        half_points = str(max(2, int(2 * size * width_ems / longest)))
        for run in paragraph.iter(qn("w:r")):
            properties = run.find(qn("w:rPr"))
            if properties is not None:
                properties.append(element("w:sz", {"val": half_points}))
                properties.append(element("w:szCs", {"val": half_points}))
    if masthead.issue_text:
        writer.paragraph("GJZ Masthead Issue", masthead.issue_text)
    # Issuer at the left, date at the right: the style has a right tab at the text edge.
    line = writer.paragraph("GJZ Masthead Line")
    line.append(text_run(masthead.issuer))
    line.append(tab_run())
    line.append(text_run(masthead.date_text))


def write_title(writer: BodyWriter, title: Title) -> None:
    writer.paragraph("Title", title_text(writer, "title", title.text))
    if title.subtitle:
        writer.paragraph("Subtitle", title.subtitle)


def write_heading(writer: BodyWriter, heading: Heading) -> None:
    level = min(max(heading.level, 1), 3)
    paragraph = writer.paragraph(HEADING_STYLES[level], heading.full_text)
    name = heading_bookmark_name(writer.heading_count)
    writer.heading_count += 1
    bookmark(paragraph, writer.next_bookmark_id(), name)


def write_paragraph(writer: BodyWriter, paragraph: Paragraph) -> None:
    writer.paragraph(PARAGRAPH_STYLES.get(paragraph.style, "Normal"), paragraph.text)


def write_bullet_list(writer: BodyWriter, bullets: BulletList) -> None:
    """公文 lists are numbered in the text itself: （1）（2）…"""
    for number, item in enumerate(bullets.items, start=1):
        writer.paragraph("GJZ List Item", f"（{number}）{item}")


def write_table_of_contents(writer: BodyWriter, toc: TableOfContents) -> None:
    """A real TOC field (``TOC \\o "1-N" \\h \\z \\u``) whose stored result is complete.

    Each entry is what Word itself writes when it updates the field: the heading text, a tab
    (the toc style's right tab with a dot leader) and a ``PAGEREF _Toc… \\h`` field whose
    stored result is the page number, all inside a hyperlink to the heading's bookmark. The
    numbers are the pages where the PDF layout placed the headings (``writer.heading_pages``):
    the DOCX shares its page grid, so the contents are right on opening, in Word, WPS and
    LibreOffice, without updating fields; 更新域/F9 still regenerates them. A heading the
    layout never placed (or a document rendered without a layout) gets no number.
    """
    levels = min(max(toc.levels, 1), 3)
    writer.request_page_break()  # the contents have a page of their own, as in the PDF
    writer.paragraph("TOC Heading", toc.title)
    entries = [
        (index, heading) for index, heading in enumerate(writer.headings) if heading.level <= levels
    ]
    instruction = f'TOC \\o "1-{levels}" \\h \\z \\u'
    if not entries:
        paragraph = writer.paragraph("toc 1")
        paragraph.extend(field_start_runs(instruction))
        paragraph.append(text_run(EMPTY_TOC_TEXT))
        paragraph.append(field_end_run())
        end_front_matter(writer)
        return
    for position, (index, heading) in enumerate(entries):
        paragraph = writer.paragraph(TOC_STYLES[heading.level])
        if position == 0:
            paragraph.extend(field_start_runs(instruction))
        name = heading_bookmark_name(index)
        link = element("w:hyperlink", {"anchor": name, "history": "1"})
        link.append(text_run(heading.full_text))
        page = writer.heading_page(index)
        if page is not None:
            link.append(tab_run())
            link.extend(field_runs(f"PAGEREF {name} \\h", str(page)))
        paragraph.append(link)
        if position == len(entries) - 1:
            paragraph.append(field_end_run())
    end_front_matter(writer)


def end_front_matter(writer: BodyWriter) -> None:
    """The contents get a section of their own, without page number or header, as in the
    PDF; the body after it starts on a new page numbered 1."""
    writer.last_front_paragraph = writer.body.sectPr.getprevious()
    writer.at_page_start = True
