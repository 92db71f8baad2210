"""Fixtures for chart tests (the data itself is in chart_fixtures.py)."""

from __future__ import annotations

import pytest
from chart_fixtures import chart_test_fonts, load_builtin_plan, small_plan_data

from gjz_brief.content.model import Plan
from gjz_brief.fonts.model import FontSet


@pytest.fixture(scope="session")
def fonts() -> FontSet:
    return chart_test_fonts()


@pytest.fixture(scope="session")
def plan() -> Plan:
    return Plan.model_validate(small_plan_data())


@pytest.fixture(scope="session")
def builtin_plan() -> Plan:
    return load_builtin_plan()
