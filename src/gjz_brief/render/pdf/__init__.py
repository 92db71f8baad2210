"""The PDF renderer: neutral document tree → PDF bytes with ReportLab."""

from gjz_brief.render.pdf.renderer import render_pdf

__all__ = ["render_pdf"]
