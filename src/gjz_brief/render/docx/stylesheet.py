"""The styles gjz-brief uses, derived from the theme, and how they get into a styles part.

Every visible formatting decision lives in a style, never in direct run formatting, so a user
who edits a style in the reference.docx sees the change in the next build.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from lxml import etree

from gjz_brief.render.docx.builtin_styles import doc_defaults, fixed_specs
from gjz_brief.render.docx.geometry import WordGeometry, tracking_twips
from gjz_brief.render.docx.ooxml import (
    mm_to_eighths_of_point,
    strip_theme_fonts,
)
from gjz_brief.render.docx.stylespec import Border, StyleSpec, TabStop, style_element
from gjz_brief.template.theme import Theme

KEY_VALUE_LINE = 600  # twips: 30 pt lines for the 22 pt key-figure values

DEFAULT_OFFICE_FONTS: dict[str, str] = {
    "title": "方正小标宋简体",
    "body": "仿宋_GB2312",
    "heading": "黑体",
    "kai": "楷体_GB2312",
    "song": "宋体",
}


def _spec_style(theme: Theme, key: str, name: str, style_id: str, **overrides) -> StyleSpec:
    """A paragraph style from a theme TextStyle; ``overrides`` win."""
    text = theme.style(key)
    values = {
        "font": text.font,
        "size_pt": text.size_pt,
        "bold": text.bold,
        "align": text.align,
        "first_line_chars": text.first_line_indent_chars,
    }
    values.update(overrides)
    return StyleSpec(name=name, style_id=style_id, **values)


def grid_lines(size_pt: float, pitch: int) -> int:
    """Exact line height for text of ``size_pt``: whole grid lines, as many as it needs.

    Styles based on Normal inherit its one-pitch exact spacing, which clips type much larger
    than the body (a 20 pt title on a 16 pt grid); the PDF gives such lines whole pitches too.
    """
    return pitch * max(1, math.ceil(size_pt * 20 * 1.15 / pitch))


def style_specs(theme: Theme, geometry: WordGeometry) -> list[StyleSpec]:
    pitch = geometry.line_pitch
    body = theme.style("body")
    body_tracking = tracking_twips(geometry, body.size_pt)
    colours = theme.colours
    width = geometry.text_width

    def lines(count: float) -> int:
        return round(count * pitch)

    def tracking_for(size_pt: float) -> int:
        return body_tracking if size_pt == body.size_pt else 0

    def heading(level: int) -> StyleSpec:
        text = theme.style(f"heading{level}")
        return _spec_style(
            theme, f"heading{level}", f"heading {level}", f"Heading{level}",
            next_style="Normal", colour=colours.heading, keep_next=True, keep_lines=True,
            outline_level=level - 1, before=lines(text.space_before_lines),
            after=lines(text.space_after_lines), tracking=tracking_for(text.size_pt),
            line=grid_lines(text.size_pt, pitch), ui_priority=9,
        )  # fmt: skip

    title = theme.style("title")
    small = {"snap_to_grid": False, "line": 240, "line_rule": "auto", "tracking": 0}
    red_rule = mm_to_eighths_of_point(0.8)
    outer_rule = mm_to_eighths_of_point(0.35)
    note_line = round(theme.style("note").size_pt * 20 * 1.5)
    specs = [
        StyleSpec(
            "Normal", "Normal", based_on=None, default=True, font=body.font,
            size_pt=body.size_pt, colour=colours.text, tracking=body_tracking,
            align=body.align, first_line_chars=body.first_line_indent_chars, before=0, after=0,
            line=pitch, widow_control=False,
        ),
        _spec_style(
            theme, "title", "Title", "Title", next_style="Normal", colour=colours.text,
            after=lines(title.space_after_lines), before=lines(title.space_before_lines),
            keep_next=True, tracking=0, ui_priority=10, snap_to_grid=False,
            line=grid_lines(title.size_pt, pitch),
        ),
        _spec_style(theme, "subtitle", "Subtitle", "Subtitle", tracking=0, ui_priority=11,
                    line=grid_lines(theme.style("subtitle").size_pt, pitch)),
        heading(1),
        heading(2),
        heading(3),
        _spec_style(
            theme, "caption", "caption", "Caption", next_style="Normal", tracking=0,
            keep_lines=True, ui_priority=35,
        ),
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
        _spec_style(
            theme, "title", "TOC Heading", "TOCHeading", next_style="Normal",
            after=lines(title.space_after_lines), tracking=0, ui_priority=39, snap_to_grid=False,
            line=grid_lines(title.size_pt, pitch),
        ),
        _spec_style(theme, "header", "header", "Header", **small),
        _spec_style(theme, "page_number", "footer", "Footer", **small),
        # Body paragraph variants.
        StyleSpec("GJZ Lead", "GJZLead", next_style="Normal"),
        _spec_style(theme, "editor_note", "GJZ Editor Note", "GJZEditorNote",
                    tracking=body_tracking),
        _spec_style(theme, "note", "GJZ Note", "GJZNote", tracking=0, line=note_line,
                    snap_to_grid=False),
        _spec_style(theme, "note", "GJZ Source", "GJZSource", tracking=0, line=note_line,
                    snap_to_grid=False, colour=colours.muted),
        StyleSpec("GJZ Quote", "GJZQuote", font="kai", left_chars=2, right_chars=2),
        StyleSpec("GJZ List Item", "GJZListItem"),
        # Cover page.
        StyleSpec(
            "GJZ Cover Title", "GJZCoverTitle", font="title", size_pt=26, align="center",
            first_line_chars=0, tracking=0, before=lines(6), after=lines(1), line=lines(2),
            keep_next=True, snap_to_grid=False,
        ),
        StyleSpec("GJZ Cover Subtitle", "GJZCoverSubtitle", font="kai", align="center",
                  first_line_chars=0, keep_next=True),
        StyleSpec("GJZ Cover Issuer", "GJZCoverIssuer", align="center", first_line_chars=0,
                  before=lines(8), keep_next=True),
        StyleSpec("GJZ Cover Line", "GJZCoverLine", align="center", first_line_chars=0,
                  keep_next=True),
        # 简报 masthead.
        StyleSpec("GJZ Masthead Classification", "GJZMastheadClassification",
                  font="heading", align="left", first_line_chars=0),
        StyleSpec(
            "GJZ Masthead Name", "GJZMastheadName", font="title", size_pt=36,
            colour=colours.accent, align="center", first_line_chars=0, tracking=0,
            line=lines(2), keep_next=True, snap_to_grid=False,
        ),
        StyleSpec("GJZ Masthead Issue", "GJZMastheadIssue", align="center", first_line_chars=0,
                  keep_next=True),
        StyleSpec(
            "GJZ Masthead Line", "GJZMastheadLine", align="left", first_line_chars=0,
            tabs=(TabStop(width, "right"),), after=lines(1),
            borders=(Border("bottom", red_rule, colours.accent, 4),),
        ),
        # Figures, tables, key figures.
        StyleSpec("GJZ Figure", "GJZFigure", align="center", first_line_chars=0,
                  keep_next=True, **small),
        _spec_style(theme, "table", "GJZ Table Text", "GJZTableText", **small),
        _spec_style(theme, "table", "GJZ Table Header", "GJZTableHeader", bold=True,
                    align="center", **small),
        # Exact line height: values set in different fonts (98.3% vs 177家) share a baseline.
        StyleSpec("GJZ Key Value", "GJZKeyValue", font="heading", size_pt=22,
                  colour=colours.accent, align="center", first_line_chars=0,
                  **{**small, "line": KEY_VALUE_LINE, "line_rule": "exact"}),
        _spec_style(theme, "table", "GJZ Key Label", "GJZKeyLabel", align="center", **small),
        StyleSpec("GJZ Key Note", "GJZKeyNote", font="body", size_pt=10.5,
                  colour=colours.muted, align="center", first_line_chars=0, **small),
        # 报尾 (distribution list).
        StyleSpec("GJZ Distribution", "GJZDistribution", size_pt=14, tracking=0,
                  align="justify", left_chars=3, right_chars=1, hanging_twips=560),
        StyleSpec("GJZ Distribution Copies", "GJZDistributionCopies", size_pt=14, tracking=0,
                  align="right", first_line_chars=0, right_chars=1),
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


def style_names(styles_root: etree._Element) -> dict[str, str]:
    """styleId → w:name of every style in a styles part."""
    names: dict[str, str] = {}
    for style in styles_root.iter(_w("style")):
        name = style.find(_w("name"))
        names[style.get(_w("styleId"), "")] = name.get(_w("val"), "") if name is not None else ""
    return names


def _w(tag: str) -> str:
    return f"{{http://schemas.openxmlformats.org/wordprocessingml/2006/main}}{tag}"
