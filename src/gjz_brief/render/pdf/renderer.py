"""``render_pdf``: the neutral document tree → PDF bytes (ReportLab platypus).

The table of contents needs the pages its headings land on. Its page numbers are form
XObjects defined when the PDF is saved (toc.py), so the document is laid out once.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import uuid
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from reportlab import rl_config
from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFName
from reportlab.platypus.doctemplate import LayoutError

from gjz_brief.document import tree
from gjz_brief.errors import OversizedContentError
from gjz_brief.render.pdf.archive import (
    add_catalog_entries,
    add_page_entries,
    metadata_stream,
    output_intent,
    page_labels,
    streams_ending_in_eol,
    xmp_packet,
)
from gjz_brief.render.pdf.blocks import FlowBuilder, first_template, heading_keys
from gjz_brief.render.pdf.pagefit import PageFit
from gjz_brief.render.pdf.pages import (
    CHINA_UTC_OFFSET_HOURS,
    COVER,
    FRONT,
    BriefDocTemplate,
    dated_canvas_maker,
    frame_height,
    page_templates,
)
from gjz_brief.render.pdf.state import BuildState
from gjz_brief.render.pdf.styles import FontLookup, Typesetter
from gjz_brief.template.theme import MM, Theme
from gjz_brief.typeset.keep import LayoutStalled
from gjz_brief.typeset.reportlab_private import document_catalog, document_pages, pdf_document

if TYPE_CHECKING:
    from gjz_brief.fonts.pdf import PdfFonts

CREATOR = "gjz-brief"


@dataclass(frozen=True)
class RenderedPdf:
    data: bytes
    page_fit: PageFit  # which block landed on which page; see ``overflow_message``
    # The printed page number of each heading, in ``Document.headings()`` order (None for one
    # never placed): the page grid the DOCX shares, so its contents can carry these numbers.
    heading_pages: tuple[int | None, ...] = ()


def render_pdf(
    document: tree.Document,
    charts: Mapping[str, tree.ChartImage] | tree.ChartSource,
    fonts: PdfFonts | FontLookup,
    theme: Theme,
) -> bytes:
    """Render the document; fonts must already be registered with ReportLab (PdfFonts).

    ``charts`` may be a ChartSource whose charts are still being drawn: the pages are laid
    out from their sizes, and their drawings are taken (waited for) when the file is written.
    """
    return render_pdf_with_pages(document, charts, fonts, theme).data


def render_pdf_with_pages(
    document: tree.Document,
    charts: Mapping[str, tree.ChartImage] | tree.ChartSource,
    fonts: PdfFonts | FontLookup,
    theme: Theme,
) -> RenderedPdf:
    """``render_pdf`` plus where each block landed, for page limits (``layout.max_pages``)."""
    data, state = _build(document, tree.chart_source(charts), Typesetter(theme, fonts))
    pages = tuple(state.heading_pages.get(key) for key, _ in heading_keys(document.blocks))
    return RenderedPdf(data, state.page_fit, pages)


@contextlib.contextmanager
def _binary_streams() -> Iterator[None]:
    """Streams compressed but not ASCII85-encoded: a smaller PDF, written faster.

    ReportLab reads this from its global configuration while writing, so it is set only
    for the duration of our own build and restored afterwards.
    """
    saved = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = saved


def _build(
    document: tree.Document,
    charts: tree.ChartSource,
    typesetter: Typesetter,
) -> tuple[bytes, BuildState]:
    meta = document.meta
    geometry = typesetter.theme.geometry
    state = BuildState()
    builder = FlowBuilder(typesetter, charts, state, frame_height(typesetter))
    flowables = builder.build(document.blocks)
    buffer = io.BytesIO()
    template = BriefDocTemplate(
        buffer,
        show_outline=bool(document.headings()),
        page_fit=state.page_fit,
        grid_snap=builder.grid_snap,
        pagesize=(geometry.page_width_mm * MM, geometry.page_height_mm * MM),
        pageTemplates=page_templates(
            typesetter, state, meta.header, first_template(document.blocks)
        ),
        title=meta.title,
        author=meta.author,
        subject=meta.subject,
        keywords=", ".join(meta.keywords),
        creator=CREATOR,
        invariant=1,
        lang=meta.language or None,
        displayDocTitle=1,
        # ReportLab starts every page in Helvetica, which would be listed unembedded.
        initialFontName=typesetter.fonts.name("body"),
        initialFontSize=typesetter.style("body").size_pt,
    )
    try:
        with _binary_streams(), streams_ending_in_eol():
            canvas_maker = dated_canvas_maker(
                meta, state, _identity(document), _finisher(document, state)
            )
            template.build(flowables, canvasmaker=canvas_maker)
    except (LayoutError, LayoutStalled) as error:
        raise _unplaceable(state, error, template.progress.culprit) from error
    return buffer.getvalue(), state


def _unplaceable(state: BuildState, error: Exception, culprit: str) -> OversizedContentError:
    """A layout that cannot converge is an input error that names the block (exit 2).

    ReportLab stops with "too large" when a flowable cannot fit even on an empty page;
    ``LayoutStalled`` is our own bound on its loop (typeset.keep.ProgressGuard).
    """
    fit = state.page_fit
    index = fit.current_block
    label = fit.labels.get(index, f"block {index}") if index is not None else "the document"
    if isinstance(error, LayoutStalled):
        why = error.reason
    else:
        part = f"its part {culprit}" if culprit else "a part of it"
        why = f"{part} is taller or wider than the page's text block"
    return OversizedContentError(
        f"the PDF layout cannot place {label}: {why}",
        hint="shorten that text or block, or choose larger pages, smaller sizes or margins "
        "in theme.yaml",
        block_index=index,  # the build locates it at the block's content entry
    )


def _identity(document: tree.Document) -> bytes:
    """A digest of what the document says, for the file identifier (trailer /ID, XMP)."""
    digest = hashlib.sha256(document.template.encode("utf-8"))
    for text in document.text_blocks():
        digest.update(text.encode("utf-8") + b"\0")
    return digest.digest()


FRONT_LABELS = {COVER: "封面", FRONT: "目录"}


def _finisher(document: tree.Document, state: BuildState) -> Callable[[Any], None]:
    """What the canvas does before writing the file: the structure tree, tagged-PDF and
    PDF/A-2u catalog entries, page entries and page labels (archive.py, tagging.py)."""
    meta = document.meta

    def finish(canvas: Any) -> None:
        pdf = pdf_document(canvas)
        pages = document_pages(pdf)
        catalog = document_catalog(pdf)
        structure_root = state.structure.write(pdf, len(pages))
        for index, page in enumerate(pages):
            add_page_entries(page, StructParents=index, Tabs=PDFName("S"))
        info = pdf.info
        identity = hashlib.md5(_identity(document), usedforsecurity=False).hexdigest()
        packet = xmp_packet(
            title=meta.title,
            author=meta.author,
            subject=meta.subject,
            keywords=", ".join(meta.keywords),
            creator=CREATOR,
            producer=info.producer,
            created=_midnight(meta.date),
            language=meta.language or "zh-CN",
            document_id=f"uuid:{uuid.UUID(identity)}",
        )
        add_catalog_entries(
            catalog,
            StructTreeRoot=structure_root,
            MarkInfo=PDFDictionary({"Marked": "true"}),
            Metadata=pdf.Reference(metadata_stream(packet), "XMPMetadata"),
            OutputIntents=output_intent(pdf),
        )
        front = [
            (page - 1, FRONT_LABELS[kind])
            for page, kind in sorted(state.front_pages.items())
            if state.body_start_page is None or page < state.body_start_page
        ]
        body = None if state.body_start_page is None else state.body_start_page - 1
        if body is None and not front:
            body = 0
        page_labels(canvas, _numbered_front(front), body, len(pages))

    return finish


def _numbered_front(front: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Front pages of one kind numbered when there are several (目录1, 目录2)."""
    counts: dict[str, int] = {}
    for _, label in front:
        counts[label] = counts.get(label, 0) + 1
    seen: dict[str, int] = {}
    out = []
    for page, label in front:
        seen[label] = seen.get(label, 0) + 1
        out.append((page, label if counts[label] == 1 else f"{label}{seen[label]}"))
    return out


def _midnight(date: dt.date) -> dt.datetime:
    """The document date at 00:00 China time, as the Info dictionary's dates (pages.py)."""
    zone = dt.timezone(dt.timedelta(hours=CHINA_UTC_OFFSET_HOURS))
    return dt.datetime(date.year, date.month, date.day, tzinfo=zone)
