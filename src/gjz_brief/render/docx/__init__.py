"""The Word renderer: neutral document tree → editable DOCX with GB/T 9704 geometry."""

from gjz_brief.render.docx.reference_builder import build_reference_docx
from gjz_brief.render.docx.render import render_docx
from gjz_brief.render.docx.stylesheet import DEFAULT_OFFICE_FONTS

__all__ = ["DEFAULT_OFFICE_FONTS", "build_reference_docx", "render_docx"]
