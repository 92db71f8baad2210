"""render_docx: neutral document tree → DOCX bytes."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Collection, Mapping, Sequence

import docx
from docx.document import Document as DocxDocument
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from gjz_brief.document.tree import (
    Block,
    BulletList,
    ChartImage,
    ChartSource,
    Cover,
    Distribution,
    Document,
    FigureBlock,
    Heading,
    KeyFigures,
    Masthead,
    PageBreak,
    Paragraph,
    Table,
    TableOfContents,
    Title,
    chart_source,
)
from gjz_brief.errors import BriefError, RenderError, TemplateError
from gjz_brief.render.docx import blocks, figures, page, tables
from gjz_brief.render.docx.geometry import WordGeometry, word_geometry
from gjz_brief.render.docx.marks import Mark, add_baseline_part, mark_block
from gjz_brief.render.docx.ooxml import element
from gjz_brief.render.docx.package import (
    configure_settings,
    drop_unreferenced_content,
    ensure_font_table,
    prune_template_parts,
    reproducible_bytes,
    set_core_properties,
    set_punctuation_compression,
)
from gjz_brief.render.docx.styles import StyleResolver
from gjz_brief.render.docx.stylesheet import DEFAULT_OFFICE_FONTS, install_stylesheet
from gjz_brief.render.docx.writer import BodyWriter
from gjz_brief.template.theme import Theme


def write_block(writer: BodyWriter, block: Block) -> None:
    """Append one block of the document tree (each kind's writer is in blocks, tables or
    figures)."""
    if isinstance(block, Cover):
        blocks.write_cover(writer, block)
    elif isinstance(block, Masthead):
        blocks.write_masthead(writer, block)
    elif isinstance(block, TableOfContents):
        blocks.write_table_of_contents(writer, block)
    elif isinstance(block, Title):
        blocks.write_title(writer, block)
    elif isinstance(block, Heading):
        blocks.write_heading(writer, block)
    elif isinstance(block, Paragraph):
        blocks.write_paragraph(writer, block)
    elif isinstance(block, BulletList):
        blocks.write_bullet_list(writer, block)
    elif isinstance(block, Table):
        tables.write_table(writer, block)
    elif isinstance(block, KeyFigures):
        tables.write_key_figures(writer, block)
    elif isinstance(block, Distribution):
        tables.write_distribution(writer, block)
    elif isinstance(block, FigureBlock):
        figures.write_figure(writer, block)
    elif isinstance(block, PageBreak):
        writer.request_page_break()
    else:
        raise RenderError(f"the Word renderer has no rule for {type(block).__name__} blocks")


def resolve_office_fonts(office_fonts: Mapping[str, str]) -> dict[str, str]:
    """Every role gets a font name: the caller's where given, the 公文 default otherwise."""
    return {role: office_fonts.get(role) or name for role, name in DEFAULT_OFFICE_FONTS.items()}


def new_base_document(
    theme: Theme, office_fonts: Mapping[str, str], geometry: WordGeometry
) -> DocxDocument:
    """python-docx's template with our styles, settings and font table, and an empty body."""
    document = docx.Document()
    prune_template_parts(document)
    install_stylesheet(document.styles.element, theme, geometry, office_fonts, replace=True)
    configure_settings(document, clean=True)
    ensure_font_table(document, office_fonts.values(), clean=True)
    _clear_body(document)
    return document


def open_reference(
    reference_docx: bytes, theme: Theme, office_fonts: Mapping[str, str], geometry: WordGeometry
) -> DocxDocument:
    """A user's reference document: its styles win; only missing styles are added."""
    try:
        document = docx.Document(io.BytesIO(reference_docx))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise TemplateError(
            f"the reference document is not a readable .docx file ({error})",
            hint="regenerate it with: python -m gjz_brief.render.docx.reference OUT.docx",
        ) from error
    install_stylesheet(document.styles.element, theme, geometry, office_fonts, replace=False)
    configure_settings(document, clean=False)
    ensure_font_table(document, office_fonts.values(), clean=False)
    _clear_body(document)
    return document


def _clear_body(document: DocxDocument) -> None:
    """Remove all content and every section break, keeping one final w:sectPr."""
    body = document.element.body
    final_properties = body.sectPr
    for child in list(body):
        if child is not final_properties:
            body.remove(child)
    if final_properties is None:
        body.append(element("w:sectPr"))
    page.remove_headers_and_footers(body.sectPr)


def write_document(
    docx_document: DocxDocument,
    document: Document,
    charts: Mapping[str, ChartImage] | ChartSource,
    theme: Theme,
    geometry: WordGeometry,
    heading_pages: Sequence[int | None] = (),
    office_fonts: Mapping[str, str] | None = None,
    marks: Sequence[Mark] = (),
) -> set[str]:
    """Write the body; returns the names of the ``marks`` placed."""
    styles = StyleResolver(docx_document.styles.element, theme)
    writer = BodyWriter(
        docx_document,
        document,
        styles,
        geometry,
        theme,
        chart_source(charts),
        heading_pages,
        office_fonts,
    )
    by_block: dict[int, list[Mark]] = {}
    for mark in marks:
        by_block.setdefault(mark.block, []).append(mark)
    placed = {mark.name for mark in marks}
    for index, block in enumerate(document.blocks):
        before = writer.body.sectPr.getprevious()
        write_block(writer, block)
        if index in by_block:
            written = _written_since(before, writer.body.sectPr)
            writer.bookmark_count, missed = mark_block(
                written, by_block[index], writer.bookmark_count + 1
            )
            writer.bookmark_count -= 1
            # A text the writer printed otherwise is left out of the baseline (absorb then
            # reads that paragraph as the clerk's); never a reason to fail the build.
            placed -= {mark.name for mark in missed}
    page.write_page_setup(docx_document.element.body.sectPr, geometry)
    set_punctuation_compression(docx_document, theme.punctuation == "compressed")
    # Cover and contents end sections without page numbers; the body restarts at 1.
    for last in (writer.last_cover_paragraph, writer.last_front_paragraph):
        if last is not None:
            page.split_cover_section(docx_document, last, geometry)
    body_section = docx_document.sections[-1]
    page.add_running_parts(body_section, document.meta.header, styles, geometry)
    drop_unreferenced_content(docx_document)
    set_core_properties(docx_document, document.meta)
    return placed


def _written_since(before: etree._Element | None, end: etree._Element) -> list[etree._Element]:
    """The body elements after ``before`` (None: from the start) up to ``end``."""
    parent = end.getparent()
    node = before.getnext() if before is not None else (parent[0] if parent is not None else None)
    written = []
    while node is not None and node is not end:
        written.append(node)
        node = node.getnext()
    return written


def render_docx(
    document: Document,
    charts: Mapping[str, ChartImage] | ChartSource,
    theme: Theme,
    office_fonts: Mapping[str, str],
    reference_docx: bytes | None = None,
    heading_pages: Sequence[int | None] = (),
    marks: Sequence[Mark] = (),
    baseline_xml: Callable[[Collection[str]], bytes] | None = None,
) -> bytes:
    """Render ``document`` to DOCX bytes; the same inputs always give the same bytes.

    ``charts``: drawn charts, or a ChartSource; a figure with ``content`` (live Word
    content) takes only its size, a figure without waits for its PNG.
    ``office_fonts``: font role → the font name Word shows. ``reference_docx``: a user's
    reference document (template.reference), whose styles win over the theme's.
    ``heading_pages``: the printed page of each heading (``Document.headings()`` order) in
    the PDF layout (``RenderedPdf.heading_pages``), stored as the contents' page numbers.
    ``marks`` and ``baseline_xml``: the hidden bookmarks and the baseline part (made from
    the names of the marks placed) that let ``gjz-brief absorb`` read a clerk's edits back
    (render/docx/marks.py).
    """
    fonts = resolve_office_fonts(office_fonts)
    geometry = word_geometry(theme.geometry, theme.styles.page_number.size_pt)
    try:
        if reference_docx is None:
            docx_document = new_base_document(theme, fonts, geometry)
        else:
            docx_document = open_reference(reference_docx, theme, fonts, geometry)
        placed = write_document(
            docx_document, document, charts, theme, geometry, heading_pages, fonts, marks
        )
        if baseline_xml is not None:
            add_baseline_part(docx_document, baseline_xml(placed))
        return reproducible_bytes(docx_document)
    except BriefError:
        raise
    except (ValueError, TypeError, etree.LxmlError) as error:
        raise RenderError(f"the Word document could not be written: {error}") from error
