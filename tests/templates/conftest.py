"""Template fixtures: builds shared by the whole session (each one runs the real CLI once)."""

from __future__ import annotations

from pathlib import Path

import pytest
from prerequisites import require_tool
from template_support import Builds, docx_to_pdf, run_cli


@pytest.fixture(scope="session")
def builds(tmp_path_factory) -> Builds:
    return Builds(tmp_path_factory.mktemp("template-builds"))


@pytest.fixture(scope="session")
def workspace(tmp_path_factory) -> Path:
    """A fresh `gjz-brief init` workspace, shared read-only by the tests."""
    root = tmp_path_factory.mktemp("init") / "ws"
    result = run_cli("init", str(root))
    assert result.returncode == 0, result.stderr
    return root


@pytest.fixture
def own_workspace(tmp_path) -> Path:
    """A fresh workspace a test may edit."""
    root = tmp_path / "ws"
    result = run_cli("init", str(root))
    assert result.returncode == 0, result.stderr
    return root


@pytest.fixture(scope="session")
def libreoffice(tmp_path_factory):
    """docx → PDF through LibreOffice, with one profile for the session (its first start is
    the slow part)."""
    require_tool("soffice")
    root = tmp_path_factory.mktemp("libreoffice")
    profile = root / "profile"
    converted: dict[Path, Path] = {}

    def convert(docx: Path) -> Path:
        if docx not in converted:
            converted[docx] = docx_to_pdf(docx, root / f"out-{len(converted)}", profile)
        return converted[docx]

    return convert
