"""Fixtures for chart tests (the data itself is in chart_fixtures.py)."""

from __future__ import annotations

import pytest
from chart_fixtures import SUNGTI, face, load_builtin_plan, make_font_set, small_plan_data

from gjz_brief.content.model import Plan
from gjz_brief.fonts.model import FontSet


@pytest.fixture(scope="session")
def fonts() -> FontSet:
    return make_font_set(fallbacks=(face(SUNGTI, 0, "AR PL SungtiL GB"),))


@pytest.fixture(scope="session")
def plan() -> Plan:
    return Plan.model_validate(small_plan_data())


@pytest.fixture(scope="session")
def builtin_plan() -> Plan:
    plan = load_builtin_plan()
    if plan is None:
        pytest.skip("the built-in content is not written yet")
    return plan
