"""Finding styles by name in the document actually being written, and making paragraphs.

Word stores built-in styles under their English ``w:name`` but a localized Word may give them
other ids (a Chinese Word saves Heading 1 as styleId "1"), so a user's reference.docx is
searched by name, never by id.
"""

from __future__ import annotations

from lxml import etree

from gjz_brief.render.docx.ooxml import element
from gjz_brief.render.docx.stylesheet import style_names
from gjz_brief.template.theme import Theme


class StyleResolver:
    def __init__(self, styles_root: etree._Element, theme: Theme) -> None:
        self._ids: dict[str, str] = {}
        for style_id, name in style_names(styles_root).items():
            self._ids.setdefault(name.lower(), style_id)
        self.page_number_size_pt = theme.styles.page_number.size_pt

    def style_id(self, name: str) -> str:
        """The id of the style called ``name``; Normal's id if the document lacks it."""
        found = self._ids.get(name.lower())
        if found is not None:
            return found
        return self._ids.get("normal", "Normal")

    def paragraph(
        self,
        name: str,
        *,
        align: str | None = None,
        indent: dict[str, str] | None = None,
        keep_next: bool = False,
        page_break_before: bool = False,
        spacing: dict[str, str] | None = None,
    ) -> etree._Element:
        """A new ``w:p`` in style ``name``; the arguments are the few direct exceptions.

        ``spacing``: a ``w:spacing`` of the paragraph's own (off the line grid), for a place
        computed per document, as the cover's (render/docx/blocks.py).
        """
        properties = element("w:pPr", {}, element("w:pStyle", {"val": self.style_id(name)}))
        if keep_next:
            properties.append(element("w:keepNext"))
        if page_break_before:
            properties.append(element("w:pageBreakBefore"))
        if spacing:  # CT_PPr order: snapToGrid, spacing, ind, …, jc
            properties.append(element("w:snapToGrid", {"val": "0"}))
            properties.append(element("w:spacing", spacing))
        if indent:
            properties.append(element("w:ind", indent))
        if align:
            properties.append(element("w:jc", {"val": align}))
        return element("w:p", {}, properties)
