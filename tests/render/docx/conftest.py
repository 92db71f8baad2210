"""Fixtures of the Word renderer tests: the sample document, rendered once per session."""

from __future__ import annotations

import pytest
from docx_sample import render


@pytest.fixture(scope="session")
def output() -> bytes:
    return render()
