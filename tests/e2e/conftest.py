"""End-to-end fixtures: run the real CLI in a subprocess and keep its outputs."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_support import run_cli


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """The default build of the built-in content, once per test session."""
    out = tmp_path_factory.mktemp("build") / "out"
    result = run_cli("build", "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out
