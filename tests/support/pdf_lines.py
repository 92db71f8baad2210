"""Read the text lines of a PDF page back with pdfplumber, for layout assertions.

Reusable by end-to-end tests: ``extract_lines(pdf, page_index)`` gives each line's text,
the left edge of its first glyph, the right edge of its last glyph and its baseline
(points from the top of the page), in reading order.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import pdfplumber


@dataclass(frozen=True)
class PdfLine:
    text: str  # the glyphs in order, with no spaces added (spaces drawn as glyphs stay)
    x0: float  # left edge of the first non-space glyph
    x1: float  # right edge of the last non-space glyph
    baseline: float  # from the top of the page
    size: float  # the largest font size on the line


def _open(pdf: bytes | Path) -> pdfplumber.PDF:
    source = io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf
    return pdfplumber.open(source)


def page_count(pdf: bytes | Path) -> int:
    with _open(pdf) as document:
        return len(document.pages)


def extract_lines(
    pdf: bytes | Path, page_index: int, *, baseline_tolerance: float = 0.5
) -> list[PdfLine]:
    """Lines of page ``page_index`` (0-based), top to bottom, glyphs left to right."""
    with _open(pdf) as document:
        page = document.pages[page_index]
        height = float(page.height)
        chars = [
            (height - float(char["matrix"][5]), float(char["x0"]), char) for char in page.chars
        ]
    chars.sort(key=lambda item: (item[0], item[1]))
    groups: list[list[tuple[float, float, dict]]] = []
    for item in chars:
        if groups and abs(item[0] - groups[-1][0][0]) <= baseline_tolerance:
            groups[-1].append(item)
        else:
            groups.append([item])
    lines: list[PdfLine] = []
    for group in groups:
        group.sort(key=lambda item: item[1])
        glyphs = [char for _, _, char in group]
        inked = [char for char in glyphs if not char["text"].isspace()] or glyphs
        lines.append(
            PdfLine(
                text="".join(char["text"] for char in glyphs),
                x0=float(inked[0]["x0"]),
                x1=float(inked[-1]["x1"]),
                baseline=group[0][0],
                size=max(float(char["size"]) for char in glyphs),
            )
        )
    return lines


def extract_all_lines(pdf: bytes | Path) -> list[list[PdfLine]]:
    """``extract_lines`` for every page."""
    return [extract_lines(pdf, index) for index in range(page_count(pdf))]
