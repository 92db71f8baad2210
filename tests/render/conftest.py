"""Fixtures for the PDF tests: one real CLI build of each template per test session."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "e2e"))
from cli_support import run_cli  # noqa: E402
from pdf_reading import TEMPLATES  # noqa: E402


@pytest.fixture(scope="session")
def template_builds(tmp_path_factory) -> dict[str, Path]:
    """Template name → its output folder (briefing.pdf, charts/, …)."""
    root = tmp_path_factory.mktemp("template-pdfs")
    outs: dict[str, Path] = {}
    for template in TEMPLATES:
        out = root / template
        result = run_cli("build", "--out", str(out), "--template", template, "--format", "pdf")
        assert result.returncode == 0, result.stderr
        outs[template] = out
    return outs
