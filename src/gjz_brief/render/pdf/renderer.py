"""``render_pdf``: the neutral document tree → PDF bytes (ReportLab platypus).

The table of contents needs the pages its headings land on. Its page numbers are form
XObjects defined when the PDF is saved (toc.py), so the document is laid out once.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reportlab import rl_config
from reportlab.platypus.doctemplate import LayoutError

from gjz_brief.document import tree
from gjz_brief.errors import OversizedContentError
from gjz_brief.render.pdf.blocks import FlowBuilder, first_template
from gjz_brief.render.pdf.pagefit import PageFit
from gjz_brief.render.pdf.pages import (
    BriefDocTemplate,
    dated_canvas_maker,
    frame_height,
    page_templates,
)
from gjz_brief.render.pdf.state import BuildState
from gjz_brief.render.pdf.styles import FontLookup, Typesetter
from gjz_brief.template.theme import MM, Theme
from gjz_brief.typeset.keep import LayoutStalled

if TYPE_CHECKING:
    from gjz_brief.fonts.pdf import PdfFonts

CREATOR = "gjz-brief"


@dataclass(frozen=True)
class RenderedPdf:
    data: bytes
    page_fit: PageFit  # which block landed on which page; see ``overflow_message``


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
    return RenderedPdf(data, state.page_fit)


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
        with _binary_streams():
            template.build(flowables, canvasmaker=dated_canvas_maker(meta, state))
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
    )
