"""The styles gjz-brief uses, derived from the theme, and how they get into a styles part.

Every visible formatting decision lives in a style, never in direct run formatting, so a user
who edits a style in the reference.docx sees the change in the next build.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from lxml import etree

from gjz_brief.render.docx.builtin_styles import doc_defaults, fixed_specs
from gjz_brief.render.docx.geometry import WordGeometry, tracking_twips
from gjz_brief.render.docx.ooxml import (
    mm_to_eighths_of_point,
    strip_theme_fonts,
)
from gjz_brief.render.docx.stylespec import (
    Border,
    StyleSpec,
    TabStop,
    east_asian_line_properties,
    style_element,
)
from gjz_brief.template.theme import HeaderStyle, LineStyle, Theme

DEFAULT_OFFICE_FONTS: dict[str, str] = {
    "title": "方正小标宋简体",
    "body": "仿宋_GB2312",
    "heading": "黑体",
    "kai": "楷体_GB2312",
    "song": "宋体",
}


def grid_lines(size_pt: float, pitch: int) -> int:
    """Exact line height for text of ``size_pt``: whole grid lines, as many as it needs.

    Styles based on Normal inherit its one-pitch exact spacing, which clips type much larger
    than the body (a 20 pt title on a 16 pt grid); the PDF gives such lines whole pitches too.
    """
    return pitch * max(1, math.ceil(size_pt * 20 * 1.15 / pitch))


HEADER_RULE_EIGHTHS = 3  # 0.4 pt (render/pdf/pages.py)
COVER_RULE_EIGHTHS = 10  # 1.2 pt (render/pdf/cover.py)
COVER_RULE_TWIPS = 20  # the rule's paragraph: one point high, its border at the foot


def style_specs(theme: Theme, geometry: WordGeometry) -> list[StyleSpec]:
    """Every paragraph style of the built-in Word styles, each from the theme style of the
    same element (template/theme.py): one set of numbers for the PDF and the DOCX."""
    pitch = geometry.line_pitch
    body = theme.style("body")
    body_tracking = tracking_twips(geometry, body.size_pt)
    colours = theme.colours
    width = geometry.text_width

    def lines(count: float) -> int:
        return round(count * pitch)

    def from_theme(key: str, name: str, style_id: str, **changes: Any) -> StyleSpec:
        """The Word style of theme style ``key``; ``changes`` are what Word needs besides
        (keep with next, line rules, …) or what the PDF renderer fixes for that element."""
        text = theme.style(key)
        spec = StyleSpec(
            name,
            style_id,
            font=text.font,
            size_pt=text.size_pt,
            bold=text.bold,
            align=text.align,
            first_line_chars=text.first_line_indent_chars,
            before=lines(text.space_before_lines),
            after=lines(text.space_after_lines),
            # The 28-character grid's letter spacing applies to text at the body size.
            tracking=body_tracking if text.size_pt == body.size_pt else 0,
            line=grid_lines(text.size_pt, pitch),
        )
        return replace(spec, **changes)

    def placed_line(style: LineStyle, name: str, style_id: str) -> StyleSpec:
        align = style.align if isinstance(style, HeaderStyle) else "center"
        return compact(StyleSpec(
            name, style_id, font=style.font, size_pt=style.size_pt, bold=style.bold,
            align=align, first_line_chars=0, before=0, after=0,
        ))  # fmt: skip

    def heading(level: int) -> StyleSpec:
        return from_theme(
            f"heading{level}", f"heading {level}", f"Heading{level}", next_style="Normal",
            colour=colours.heading, keep_next=True, keep_lines=True, outline_level=level - 1,
            ui_priority=9,
        )  # fmt: skip

    def compact(spec: StyleSpec) -> StyleSpec:
        """Off the line grid, single-spaced: text in tables, headers, figure paragraphs."""
        return replace(spec, snap_to_grid=False, line=240, line_rule="auto", tracking=0)

    red_rule = mm_to_eighths_of_point(0.8)
    outer_rule = mm_to_eighths_of_point(0.35)

    def note_like(key: str, name: str, style_id: str, **changes: Any) -> StyleSpec:
        size = theme.style(key).size_pt
        return from_theme(
            key, name, style_id, tracking=0, line=round(size * 20 * 1.5), snap_to_grid=False,
            **changes,
        )  # fmt: skip

    key_value = theme.style("key_value")
    specs = [
        replace(
            # widow control on: no widows or orphans, as in the PDF (#19)
            from_theme("body", "Normal", "Normal", colour=colours.text, line=pitch,
                       widow_control=True),
            based_on=None, default=True,
        ),
        from_theme("title", "Title", "Title", next_style="Normal", colour=colours.text,
                   keep_next=True, tracking=0, ui_priority=10, snap_to_grid=False),
        from_theme("subtitle", "Subtitle", "Subtitle", tracking=0, ui_priority=11),
        heading(1),
        heading(2),
        heading(3),
        from_theme("caption", "caption", "Caption", next_style="Normal", tracking=0,
                   keep_lines=True, ui_priority=35),
        StyleSpec(
            "toc 1", "TOC1", next_style="Normal", first_line_chars=0, align="justify",
            tabs=(TabStop(width, "right", "dot"),), ui_priority=39, hidden=True,
        ),
        StyleSpec(
            "toc 2", "TOC2", next_style="Normal", first_line_chars=0, left_chars=2,
            align="justify", tabs=(TabStop(width, "right", "dot"),), ui_priority=39,
            hidden=True,
        ),
        StyleSpec(
            "toc 3", "TOC3", next_style="Normal", first_line_chars=0, left_chars=4,
            align="justify", tabs=(TabStop(width, "right", "dot"),), ui_priority=39,
            hidden=True,
        ),
        from_theme("toc_title", "TOC Heading", "TOCHeading", next_style="Normal", tracking=0,
                   ui_priority=39, snap_to_grid=False),
        # The rule under the running header, as the PDF draws it (0.4 pt, muted).
        replace(placed_line(theme.styles.header, "header", "Header"),
                borders=(Border("bottom", HEADER_RULE_EIGHTHS, colours.muted, 1),)),
        placed_line(theme.styles.page_number, "footer", "Footer"),
        # Body paragraph variants.
        from_theme("lead", "GJZ Lead", "GJZLead", next_style="Normal"),
        from_theme("editor_note", "GJZ Editor Note", "GJZEditorNote"),
        note_like("note", "GJZ Note", "GJZNote"),
        note_like("source", "GJZ Source", "GJZSource", colour=colours.muted),
        from_theme("quote", "GJZ Quote", "GJZQuote"),
        from_theme("bullet", "GJZ List Item", "GJZListItem"),
        # Cover page: the title stands a third down the page, the issuer near its foot. The
        # cover's paragraphs carry their own spacing, computed from the title's line count
        # (render/docx/blocks.py write_cover); these are the styles' defaults in Word.
        from_theme("cover_title", "GJZ Cover Title", "GJZCoverTitle", tracking=0,
                   before=lines(6 + theme.style("cover_title").space_before_lines),
                   after=lines(1 + theme.style("cover_title").space_after_lines),
                   keep_next=True, snap_to_grid=False),
        # The red rule under the cover title: an empty paragraph with a bottom border,
        # indented to the middle 60 % of the text width as in the PDF (1.2 pt, accent).
        StyleSpec("GJZ Cover Rule", "GJZCoverRule", size_pt=1, line=COVER_RULE_TWIPS,
                  first_line_chars=0, tracking=0, snap_to_grid=False, keep_next=True,
                  after=lines(1),
                  left_twips=round(width * 0.2), right_twips=round(width * 0.2),
                  borders=(Border("bottom", COVER_RULE_EIGHTHS, colours.accent, 0),)),
        from_theme("subtitle", "GJZ Cover Subtitle", "GJZCoverSubtitle", align="center",
                   first_line_chars=0, before=0, after=0, keep_next=True),
        from_theme("heading1", "GJZ Cover Issuer", "GJZCoverIssuer", align="center",
                   first_line_chars=0, before=lines(8), after=0, keep_next=True),
        from_theme("body", "GJZ Cover Line", "GJZCoverLine", align="center",
                   first_line_chars=0, before=0, after=0, keep_next=True),
        # 简报 masthead.
        from_theme("heading1", "GJZ Masthead Classification", "GJZMastheadClassification",
                   align="left", first_line_chars=0, before=0, after=0),
        from_theme("masthead", "GJZ Masthead Name", "GJZMastheadName",
                   colour=colours.accent, tracking=0, keep_next=True, snap_to_grid=False),
        from_theme("body", "GJZ Masthead Issue", "GJZMastheadIssue", align="center",
                   first_line_chars=0, before=0, after=0, keep_next=True),
        from_theme(
            "body", "GJZ Masthead Line", "GJZMastheadLine", align="left", first_line_chars=0,
            before=0, after=lines(1), tabs=(TabStop(width, "right"),),
            borders=(Border("bottom", red_rule, colours.accent, 4),),
        ),
        # Figures, tables, key figures.
        compact(StyleSpec("GJZ Figure", "GJZFigure", align="center", first_line_chars=0,
                          keep_next=True)),
        compact(from_theme("table", "GJZ Table Text", "GJZTableText")),
        compact(from_theme("table", "GJZ Table Header", "GJZTableHeader", bold=True,
                           align="center")),
        # Exact line height: values set in different fonts (98.3% vs 177家) share a baseline.
        replace(compact(from_theme("key_value", "GJZ Key Value", "GJZKeyValue",
                                   colour=colours.accent)),
                line=round(key_value.size_pt * 1.3 * 20), line_rule="exact"),
        compact(from_theme("key_label", "GJZ Key Label", "GJZKeyLabel")),
        compact(from_theme("key_note", "GJZ Key Note", "GJZKeyNote", colour=colours.muted)),
        # Charts built as tables (render/docx/chart_tables.py): the chart pictures' sizes
        # (charts/style.py: labels 9 pt, notes 7.5 pt, years 12 pt; the charts are not themed;
        # no title: the caption is a figure's one title, issue #19).
        compact(StyleSpec("GJZ Chart Value", "GJZChartValue", font="heading", size_pt=12,
                          colour=colours.accent, align="center", first_line_chars=0)),
        compact(StyleSpec("GJZ Chart Tile Value", "GJZChartTileValue", font="heading",
                          size_pt=15, colour=colours.accent, align="center",
                          first_line_chars=0)),
        compact(StyleSpec("GJZ Chart Label", "GJZChartLabel", font="heading", size_pt=9,
                          colour=colours.text, align="center", first_line_chars=0)),
        compact(StyleSpec("GJZ Chart Note", "GJZChartNote", font="body", size_pt=7.5,
                          colour=colours.muted, align="center", first_line_chars=0)),
        # 报尾 (distribution list): hanging labels, one character in from each edge.
        from_theme("distribution", "GJZ Distribution", "GJZDistribution", tracking=0,
                   left_chars=3, right_chars=1, hanging_twips=560, line=None),
        from_theme("distribution", "GJZ Distribution Copies", "GJZDistributionCopies",
                   tracking=0, align="right", first_line_chars=0, right_chars=1, line=None),
        StyleSpec("GJZ Anchor", "GJZAnchor", size_pt=1, line=20, first_line_chars=0,
                  tracking=0, snap_to_grid=False),
    ]  # fmt: skip
    specs.extend(fixed_specs(theme, outer_rule))
    return specs


def install_styles(
    styles_root: etree._Element,
    specs: list[StyleSpec],
    office_fonts: Mapping[str, str],
    *,
    defaults: etree._Element | None = None,
) -> None:
    """Write ``specs`` into a ``w:styles`` element.

    With ``defaults`` (building the reference document) the document defaults and every style
    are ours; styles we do not define are dropped. Without (a user's reference document) only
    styles missing by name are added; existing ones are left untouched.
    """
    if defaults is not None:
        for child in list(styles_root):
            if child.tag != _w("latentStyles"):
                styles_root.remove(child)
        styles_root.insert(0, defaults)
        for spec in specs:
            styles_root.append(style_element(spec, office_fonts))
        strip_theme_fonts(styles_root)
        return
    existing_names = {name.lower() for name in style_names(styles_root).values()}
    existing_ids = set(style_names(styles_root))
    for spec in specs:
        if spec.name.lower() in existing_names:
            continue
        new = style_element(spec, office_fonts)
        if spec.style_id in existing_ids:  # a different style already owns this id
            new.set(_w("styleId"), f"{spec.style_id}GJZ")
        styles_root.append(new)


def install_stylesheet(
    styles_root: etree._Element,
    theme: Theme,
    geometry: WordGeometry,
    office_fonts: Mapping[str, str],
    *,
    replace: bool,
) -> None:
    defaults = doc_defaults(theme, office_fonts) if replace else None
    install_styles(styles_root, style_specs(theme, geometry), office_fonts, defaults=defaults)
    if not replace:
        ensure_line_defaults(styles_root)


def ensure_line_defaults(styles_root: etree._Element) -> None:
    """A reference document's paragraph defaults get the punctuation and spacing rules of
    ``east_asian_line_properties`` where they state none (its styles are left as they are)."""
    defaults = styles_root.find(_w("docDefaults"))
    if defaults is None:
        defaults = etree.Element(_w("docDefaults"))
        styles_root.insert(0, defaults)
    paragraph_default = defaults.find(_w("pPrDefault"))
    if paragraph_default is None:
        paragraph_default = etree.SubElement(defaults, _w("pPrDefault"))
    properties = paragraph_default.find(_w("pPr"))
    if properties is None:
        properties = etree.SubElement(paragraph_default, _w("pPr"))
    # Schema order: these three come before everything else a pPrDefault usually holds.
    later = (
        "bidi",
        "adjustRightInd",
        "snapToGrid",
        "spacing",
        "ind",
        "contextualSpacing",
        "mirrorIndents",
        "suppressOverlap",
        "jc",
        "textDirection",
        "textAlignment",
        "textboxTightWrap",
        "outlineLvl",
        "divId",
        "cnfStyle",
        "rPr",
        "sectPr",
        "pPrChange",
    )
    anchor = next((c for c in properties if etree.QName(c).localname in later), None)
    for new in east_asian_line_properties():
        if any(present.tag == new.tag for present in properties):
            continue
        if anchor is None:
            properties.append(new)
        else:
            anchor.addprevious(new)


def style_names(styles_root: etree._Element) -> dict[str, str]:
    """styleId → w:name of every style in a styles part."""
    names: dict[str, str] = {}
    for style in styles_root.iter(_w("style")):
        name = style.find(_w("name"))
        names[style.get(_w("styleId"), "")] = name.get(_w("val"), "") if name is not None else ""
    return names


def _w(tag: str) -> str:
    return f"{{http://schemas.openxmlformats.org/wordprocessingml/2006/main}}{tag}"
