"""Fixtures for chart tests (the data itself is in chart_fixtures.py)."""

from __future__ import annotations

import pytest
from chart_fixtures import chart_test_fonts

from gjz_brief.fonts.model import FontSet


@pytest.fixture(scope="session")
def fonts() -> FontSet:
    return chart_test_fonts()
