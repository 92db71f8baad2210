"""Per-build state shared by the page templates and the flowables of one ReportLab build.

A fresh ``BuildState`` is made for every build pass, so the renderer keeps no state between
calls (ReportLab's font registry aside).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from gjz_brief.render.pdf.pagefit import PageFit
from gjz_brief.render.pdf.tagging import StructureTree

# Defines the named form on the canvas (beginForm … endForm, or a ready stream).
LateForm = Callable[[Any, str], None]


@dataclass
class BuildState:
    body_start_page: int | None = None  # physical page number of printed page 1
    heading_pages: dict[str, int] = field(default_factory=dict)  # anchor -> printed page number
    pages_without_header: set[int] = field(default_factory=set)  # e.g. the masthead page
    outline_level: int = -1  # level of the last outline entry (ReportLab allows +1 steps)
    page_fit: PageFit = field(default_factory=PageFit)  # which block landed on which page
    # Form XObjects drawn before their content is known (the TOC's page numbers, charts
    # still being drawn): name → its definition, run when the canvas is saved (pages.py).
    late_forms: dict[str, LateForm] = field(default_factory=dict)
    structure: StructureTree = field(default_factory=StructureTree)  # the tagged PDF's tree
    front_pages: dict[int, str] = field(default_factory=dict)  # physical page → cover/front
    heading_level: int = 0  # level of the last heading tagged (H1–H6 never skip a level)

    def heading_role(self, level: int) -> str:
        """H1…H3 for a heading of ``level``, never deeper than one below the last heading
        (PDF/UA-1 §7.4.2: heading levels do not skip)."""
        role_level = max(1, min(level, self.heading_level + 1, 6))
        self.heading_level = role_level
        return f"H{role_level}"

    def page_label(self, physical_page: int) -> int | None:
        """The printed page number: 1 on the first body page, None before it."""
        if self.body_start_page is None or physical_page < self.body_start_page:
            return None
        return physical_page - self.body_start_page + 1

    def outline_level_for(self, wanted: int) -> int:
        """Clamp a heading's outline level so it never skips a level (ReportLab requires it)."""
        level = max(0, min(wanted, self.outline_level + 1))
        self.outline_level = level
        return level
