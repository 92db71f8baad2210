"""The PDF renderer: neutral document tree → PDF bytes with ReportLab.

``RENDERER_TEXT`` holds the characters the renderer draws that are not in the document's
text ("表1", "图1", bullets, page numbers); pass it to font registration along with
``document.text_blocks()`` so subsetted (converted) faces carry those glyphs too.
"""

from gjz_brief.render.pdf.blocks import RENDERER_TEXT
from gjz_brief.render.pdf.renderer import RenderedPdf, render_pdf, render_pdf_with_pages

__all__ = ["RENDERER_TEXT", "RenderedPdf", "render_pdf", "render_pdf_with_pages"]
