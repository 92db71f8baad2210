"""The renderers: the neutral document tree → PDF bytes (render/pdf, ReportLab) and DOCX bytes
(render/docx, python-docx).

These two entry points import their library when first called, so that ``build
--if-changed`` with nothing to do never loads ReportLab or python-docx.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from gjz_brief.document.tree import ChartImage, ChartSource, Document
from gjz_brief.environment import prepare_reportlab
from gjz_brief.fonts.model import FontSet
from gjz_brief.template.loader import Template
from gjz_brief.template.theme import Theme

if TYPE_CHECKING:
    from gjz_brief.absorb.baseline import Baseline
    from gjz_brief.render.pdf import RenderedPdf


def typeset_pdf(
    document: Document,
    charts: Mapping[str, ChartImage] | ChartSource,
    fonts: FontSet,
    theme: Theme,
    font_cache: Path | None,
    chart_texts: Mapping[str, str],
) -> RenderedPdf:
    """The PDF, with subsets of ``fonts`` embedded (converted faces cached in ``font_cache``).

    Each font role gets the text it may set (fonts.pdf_text, ``chart_texts`` included: the
    charts' text is set as real text); when that estimate missed a character, the document
    is typeset again with every role given the whole text.
    """
    prepare_reportlab()
    from gjz_brief.fonts.pdf import register_pdf_fonts
    from gjz_brief.fonts.pdf_text import pdf_role_texts
    from gjz_brief.render.pdf import RENDERER_TEXT, render_pdf_with_pages

    role_texts = pdf_role_texts(document, chart_texts)
    pdf_fonts = register_pdf_fonts(fonts, RENDERER_TEXT, font_cache, role_texts)
    rendered = render_pdf_with_pages(document, charts, pdf_fonts, theme)
    if pdf_fonts.subset_misses:
        everything = "".join(role_texts.values())
        everything += "".join(character for _, character in pdf_fonts.subset_misses)
        pdf_fonts = register_pdf_fonts(fonts, RENDERER_TEXT + everything, font_cache)
        rendered = render_pdf_with_pages(document, charts, pdf_fonts, theme)
    return rendered


def write_docx(
    document: Document,
    charts: ChartSource,
    fonts: FontSet,
    template: Template,
    heading_pages: Sequence[int | None] = (),
    baseline: Baseline | None = None,
) -> bytes:
    """The DOCX: styles from the template's reference.docx when it has one (they win), else
    from its theme; each font role under the name Word knows it by. ``heading_pages`` (the
    PDF layout's ``RenderedPdf.heading_pages``) become the stored page numbers of the
    contents page. With ``baseline`` (absorb.baseline.make_baseline), each content text is
    bookmarked and the baseline is carried, for ``gjz-brief absorb``."""
    from gjz_brief.render.docx import render_docx
    from gjz_brief.render.docx.marks import Mark

    office = {role: resolved.office_name for role, resolved in fonts.roles.items()}
    if baseline is not None:
        for figure in document.figures():
            if figure.content is not None:
                continue  # live Word content (a native chart, a table), no picture
            png = charts.png(figure.chart_id)
            if png:
                baseline.pictures[figure.chart_id] = hashlib.sha256(png).hexdigest()
    marks = (
        [Mark(slot.block, slot.name, slot.expected) for slot in baseline.slots]
        if baseline is not None
        else []
    )
    return render_docx(
        document,
        charts,
        template.theme,
        office,
        template.reference_docx,
        heading_pages,
        marks,
        baseline.xml_of_marked if baseline is not None else None,
    )
