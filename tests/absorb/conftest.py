"""Fixtures of the absorb tests: one workspace built by the real CLI for the session; each
test edits a copy of it."""

from __future__ import annotations

from pathlib import Path

import pytest
from absorb_support import copy_workspace
from cli_support import run_cli


@pytest.fixture(scope="session")
def built_workspace(tmp_path_factory) -> Path:
    """`gjz-brief init` then `gjz-brief build` (template full); read-only: copy it first."""
    root = tmp_path_factory.mktemp("absorb") / "ws"
    assert run_cli("init", str(root)).returncode == 0
    result = run_cli("build", "--workspace", str(root), "--quiet")
    assert result.returncode == 0, result.stderr
    return root


@pytest.fixture
def ws(built_workspace: Path, tmp_path: Path) -> Path:
    """A copy of the built workspace this test may edit."""
    return copy_workspace(built_workspace, tmp_path / "ws")
