"""The body writer: appends paragraphs and tables in document order and keeps the state that
spans blocks (a pending page break, bookmark and heading counters, where the cover ends)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from docx.document import Document as DocxDocument
from lxml import etree

from gjz_brief.document.tree import ChartSource, Document, Heading
from gjz_brief.render.docx.geometry import WordGeometry
from gjz_brief.render.docx.ooxml import element, text_run
from gjz_brief.render.docx.styles import StyleResolver
from gjz_brief.template.theme import Theme


def heading_bookmark_name(index: int) -> str:
    """Hidden bookmark (leading underscore) on the index-th heading, as Word names TOC ones."""
    return f"_Toc{index + 1:08d}"


class BodyWriter:
    def __init__(
        self,
        docx_document: DocxDocument,
        document: Document,
        styles: StyleResolver,
        geometry: WordGeometry,
        theme: Theme,
        charts: ChartSource,
        heading_pages: Sequence[int | None] = (),
        office_fonts: Mapping[str, str] | None = None,
    ) -> None:
        self.docx_document = docx_document
        self.document = document
        self.styles = styles
        self.geometry = geometry
        self.theme = theme
        self.charts = charts
        self.body = docx_document.element.body
        self.headings: list[Heading] = document.headings()
        self.heading_pages = tuple(heading_pages)
        self.office_fonts: Mapping[str, str] = office_fonts or {}
        self.chart_count = 0
        self.heading_count = 0
        self.bookmark_count = 0
        self.page_break_pending = False
        self.at_page_start = True  # nothing written since the last page (or section) began
        self.last_cover_paragraph: etree._Element | None = None
        self.last_front_paragraph: etree._Element | None = None  # end of the contents

    def append(self, node: etree._Element) -> etree._Element:
        """Add a block element before the body's final w:sectPr."""
        final_properties = self.body.sectPr
        if final_properties is not None:
            final_properties.addprevious(node)
        else:
            self.body.append(node)
        return node

    def paragraph(
        self,
        style: str,
        text: str | None = None,
        *,
        align: str | None = None,
        keep_next: bool = False,
        spacing: dict[str, str] | None = None,
    ) -> etree._Element:
        """Append a paragraph; it takes over a pending page break as w:pageBreakBefore."""
        paragraph = self.styles.paragraph(
            style,
            align=align,
            keep_next=keep_next,
            page_break_before=self.page_break_pending,
            spacing=spacing,
        )
        self.page_break_pending = False
        self.at_page_start = False
        if text:
            paragraph.append(text_run(text))
        return self.append(paragraph)

    def table(self, table: etree._Element) -> etree._Element:
        """Append a table; a pending page break needs a paragraph of its own before it."""
        if self.page_break_pending:
            self.page_break_pending = False
            breaker = self.styles.paragraph("GJZ Anchor")
            breaker.append(element("w:r", {}, element("w:br", {"type": "page"})))
            self.append(breaker)
        elif self._last_block_is_table():
            # Word and LibreOffice join a table to the one right before it (the second then
            # takes the first's borders and margins): a 1 pt paragraph keeps them apart.
            self.append(self.styles.paragraph("GJZ Anchor"))
        self.at_page_start = False
        return self.append(table)

    def _last_block_is_table(self) -> bool:
        final_properties = self.body.sectPr
        last = final_properties.getprevious() if final_properties is not None else None
        if last is None and len(self.body):
            last = self.body[-1]
        return last is not None and etree.QName(last).localname == "tbl"

    def request_page_break(self) -> None:
        """A page break; none is needed at the top of a page (e.g. right after the cover)."""
        if not self.at_page_start:
            self.page_break_pending = True

    def heading_page(self, index: int) -> int | None:
        """The printed page of the index-th heading in the shared layout, if known."""
        return self.heading_pages[index] if index < len(self.heading_pages) else None

    def next_chart_number(self) -> int:
        self.chart_count += 1
        return self.chart_count

    def next_bookmark_id(self) -> int:
        self.bookmark_count += 1
        return self.bookmark_count
