"""Fixtures of the error tests: a workspace to break and an output folder with a real build."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from errors_support import KeptOutputs, make_workspace


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A workspace with a copy of the built-in content (edit it to break it)."""
    return make_workspace(tmp_path / "ws")


@pytest.fixture
def out(built: Path, tmp_path: Path) -> Path:
    """This test's own copy of a previous build's output folder (tests/conftest.py)."""
    folder = tmp_path / "out"
    shutil.copytree(built, folder, symlinks=True)  # the links into .sets stay links
    return folder


@pytest.fixture
def kept(out: Path) -> Callable[[], None]:
    """kept() after a failing build: outputs byte-identical, no temporary file left."""
    return KeptOutputs(out).check
