"""Quotation marks Chinese text sets full-width, and what counts as full-width.

GB/T 15834 sets “”‘’ full-width in Chinese text, but some CJK faces draw them half-width
because they share the glyph with Latin text (WenQuanYi Zen Hei, LXGW WenKai). The PDF text
and the charts both take such a mark from a face that draws it full-width.
"""

from __future__ import annotations

FULL_WIDTH_QUOTES = frozenset(map(ord, "“”‘’"))
# A glyph at least this wide (in em) is a full-width character.
FULL_WIDTH_MIN_EM = 0.75
