"""Fixtures of the error tests: a workspace to break and an output folder with a real build."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from errors_support import KeptOutputs, make_workspace, run_cli


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A workspace with a copy of the built-in content (edit it to break it)."""
    return make_workspace(tmp_path / "ws")


@pytest.fixture(scope="session")
def golden_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One real build of the built-in content through the CLI, made once per session."""
    out = tmp_path_factory.mktemp("golden") / "out"
    result = run_cli("build", "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture
def out(golden_out: Path, tmp_path: Path) -> Path:
    """This test's own copy of a previous build's output folder."""
    folder = tmp_path / "out"
    shutil.copytree(golden_out, folder, symlinks=True)  # the links into .sets stay links
    return folder


@pytest.fixture
def kept(out: Path) -> Callable[[], None]:
    """kept() after a failing build: outputs byte-identical, no temporary file left."""
    return KeptOutputs(out).check
