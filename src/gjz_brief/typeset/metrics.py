"""Character widths for the typesetter: per-character font fallback and the GB/T 9704 grid."""

from __future__ import annotations

from collections.abc import Callable

from reportlab.pdfbase import pdfmetrics

from gjz_brief.fonts.quotes import FULL_WIDTH_MIN_EM

# A glyph at least FULL_WIDTH_MIN_EM wide is a full-width character and snaps to the grid
# pitch; narrower ones (Latin letters, digits, the middle dot) keep their own width.


class FontMetrics:
    """Widths of characters drawn at ``size`` with the fonts ``font_for`` picks.

    ``glyph_width`` is what the font says; ``advance`` is how far the pen moves. They differ
    only on the grid (``char_pitch`` given), where every full-width character advances by
    exactly ``char_pitch`` (15.79 pt for 28 characters of 16 pt on 156 mm).
    """

    def __init__(
        self, font_for: Callable[[str], str], size: float, char_pitch: float | None = None
    ) -> None:
        self._font_for = font_for
        self.size = size
        self.char_pitch = char_pitch
        self._fonts: dict[str, str] = {}
        self._glyph_widths: dict[str, float] = {}

    def font(self, ch: str) -> str:
        name = self._fonts.get(ch)
        if name is None:
            name = self._fonts[ch] = self._font_for(ch)
        return name

    def glyph_width(self, ch: str) -> float:
        width = self._glyph_widths.get(ch)
        if width is None:
            width = pdfmetrics.stringWidth(ch, self.font(ch), self.size)
            self._glyph_widths[ch] = width
        return width

    def advance(self, ch: str) -> float:
        width = self.glyph_width(ch)
        if self.char_pitch is not None and width >= FULL_WIDTH_MIN_EM * self.size:
            return self.char_pitch
        return width

    def width_of_glyphs(self, text: str) -> float:
        """Sum of the font's own widths (no grid), i.e. what a Tj advances before Tc."""
        return sum(self.glyph_width(ch) for ch in text)

    def width_of(self, text: str) -> float:
        """Natural width of ``text``: the sum of the advances (no kerning in ReportLab)."""
        return sum(self.advance(ch) for ch in text)
