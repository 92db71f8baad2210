"""The built-in Word styles come from the theme: one set of numbers for the PDF and the DOCX.

Each Word style is read back from a built reference document and compared with the theme
style of the same element (size, font, bold, alignment, spacing), for the built-in theme and
for a theme that changes every style, so no Word style can keep numbers of its own.
"""

from __future__ import annotations

import io

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx_sample import W, part

from gjz_brief.render.docx import DEFAULT_OFFICE_FONTS, build_reference_docx
from gjz_brief.render.docx.geometry import word_geometry
from gjz_brief.template.theme import STYLE_DESCRIPTIONS, Theme

# Word style → the theme style it is made from.
WORD_STYLES = {
    "Normal": "body",
    "Title": "title",
    "Subtitle": "subtitle",
    "Heading 1": "heading1",
    "Heading 2": "heading2",
    "Heading 3": "heading3",
    "Caption": "caption",
    "TOC Heading": "toc_title",
    "GJZ Lead": "lead",
    "GJZ Editor Note": "editor_note",
    "GJZ Note": "note",
    "GJZ Source": "source",
    "GJZ Quote": "quote",
    "GJZ List Item": "bullet",
    "GJZ Cover Title": "cover_title",
    "GJZ Masthead Name": "masthead",
    "GJZ Table Text": "table",
    "GJZ Key Value": "key_value",
    "GJZ Key Label": "key_label",
    "GJZ Key Note": "key_note",
    "GJZ Distribution": "distribution",
    "Header": "header",
    "Footer": "page_number",
}
ALIGNMENT = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
}
# Where Word needs a line of its own: the cover title stands six lines down the page.
EXTRA_BEFORE = {"GJZ Cover Title": 6}
EXTRA_AFTER = {"GJZ Cover Title": 1}


def word_styles(theme: Theme, variant: str = "jianbao") -> docx.document.Document:
    return docx.Document(io.BytesIO(build_reference_docx(theme, DEFAULT_OFFICE_FONTS, variant)))


def changed_theme() -> Theme:
    """Every style changed: another size, font and alignment, bold flipped, spacing."""
    styles = {}
    for number, name in enumerate(STYLE_DESCRIPTIONS):
        base = Theme().styles.get(name)
        change = {
            "size_pt": 10 + 0.5 * number,
            "font": "heading" if base.font == "kai" else "kai",
            "bold": not base.bold,
        }
        if name != "page_number":
            change["align"] = "right"
        if name not in ("page_number", "header"):
            change |= {"space_before_lines": 0.5, "space_after_lines": 1.5}
        styles[name] = change
    return Theme.model_validate({"styles": styles})


def _resolved(document, name: str, attribute: str):
    """A style's value of ``attribute``, following its base styles as Word does."""
    style = document.styles[name]
    while style is not None:
        value = attribute_of(style, attribute)
        if value is not None:
            return value
        style = style.base_style
    return None


def attribute_of(style, attribute: str):
    if attribute == "size":
        return style.font.size.pt if style.font.size is not None else None
    if attribute == "bold":
        return style.font.bold
    if attribute == "east_asia":
        fonts = style.element.rPr.find(qn("w:rFonts")) if style.element.rPr is not None else None
        return None if fonts is None else fonts.get(qn("w:eastAsia"))
    if attribute == "align":
        return style.paragraph_format.alignment
    if attribute in ("before", "after"):
        value = getattr(style.paragraph_format, f"space_{attribute}")
        return None if value is None else value.twips
    raise KeyError(attribute)


@pytest.mark.parametrize("theme", [Theme(), changed_theme()], ids=["built-in", "changed"])
def test_every_word_style_follows_its_theme_style(theme):
    document = word_styles(theme)
    pitch = word_geometry(theme.geometry, theme.styles.page_number.size_pt).line_pitch
    for word_name, theme_name in WORD_STYLES.items():
        style = theme.styles.get(theme_name)
        assert _resolved(document, word_name, "size") == style.size_pt, word_name
        assert _resolved(document, word_name, "east_asia") == DEFAULT_OFFICE_FONTS[style.font]
        assert bool(_resolved(document, word_name, "bold")) == style.bold, word_name
        align = getattr(style, "align", "center")  # page numbers: placed by the geometry
        assert _resolved(document, word_name, "align") == ALIGNMENT[align], word_name
        for side in ("before", "after"):
            lines = getattr(style, f"space_{side}_lines", 0)
            extra = (EXTRA_BEFORE if side == "before" else EXTRA_AFTER).get(word_name, 0)
            assert (_resolved(document, word_name, side) or 0) == round((lines + extra) * pitch)


def test_built_in_sizes_agree_with_what_the_pdf_prints():
    theme = Theme()
    document = word_styles(theme)
    # The numbers the PDF renderer once kept for itself, now the theme's (issue #18).
    assert document.styles["GJZ Cover Title"].font.size.pt == 30
    assert document.styles["GJZ Masthead Name"].font.size.pt == 42
    assert document.styles["GJZ Key Value"].font.size.pt == 20
    assert document.styles["GJZ Key Note"].font.size.pt == 9
    assert document.styles["GJZ Distribution"].font.size.pt == 14


def test_widow_control_is_on_for_the_body_text(output: bytes) -> None:
    """No widows or orphans in Word either, as in the PDF (issue #19)."""
    styles = part(output, "word/styles.xml")
    normal = styles.find(f"{W}style[@{W}styleId='Normal']")
    control = normal.find(f"{W}pPr/{W}widowControl")
    assert control is not None and control.get(f"{W}val") == "1"
    # Every body style is based on Normal and none switches it off again.
    assert not [
        style.get(f"{W}styleId")
        for style in styles.iter(f"{W}style")
        if (node := style.find(f"{W}pPr/{W}widowControl")) is not None
        and node.get(f"{W}val") == "0"
    ]
