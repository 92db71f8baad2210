"""Fixtures for the font tests: fonts resolved once per session."""

from __future__ import annotations

import pytest
from fonts_support import NOTO

from gjz_brief.fonts.resolve import resolve_fonts


@pytest.fixture(scope="session")
def default_fonts():
    """Fonts resolved from the system folders, with no per-user folders."""
    return resolve_fonts(environ={"HOME": "/nonexistent", "XDG_DATA_DIRS": "/usr/share"})


@pytest.fixture(scope="session")
def noto_fonts():
    return resolve_fonts(environ={"GJZ_BRIEF_FONT_DIRS": str(NOTO)})
