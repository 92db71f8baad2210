"""Fixtures for the typesetting tests: registered CJK fonts."""

from __future__ import annotations

import pytest
from typeset_support import UMING, ZENHEI, register_font


@pytest.fixture(scope="session")
def uming() -> str:
    """ReportLab name of AR PL UMing CN (face 0 of uming.ttc)."""
    return register_font("TestUMing", UMING)


@pytest.fixture(scope="session")
def zenhei() -> str:
    return register_font("TestZenHei", ZENHEI)
