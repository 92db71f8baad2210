"""Fixtures for the PDF tests: the real CLI build of each template (shared by the session)."""

from __future__ import annotations

import io
from pathlib import Path

import pdf_sample
import pdfplumber
import pytest
from pdf_reading import TEMPLATES
from pdf_sample import PAGE_NUMBER, TEXT_BOTTOM
from prerequisites import require_file
from template_support import Builds


@pytest.fixture(scope="session")
def template_builds(cli_builds: Builds) -> dict[str, Path]:
    """Template name → its output folder (briefing.pdf, charts/, …)."""
    return {template: cli_builds.get("--template", template) for template in TEMPLATES}


@pytest.fixture(scope="session")
def sample() -> bytes:
    for path, _index in pdf_sample.FONT_FILES.values():
        require_file(Path(path))
    return pdf_sample.render_sample()


@pytest.fixture(scope="session")
def pages(sample: bytes) -> list[dict]:
    """Per page: its text and the printed page number with its horizontal centre."""
    out = []
    with pdfplumber.open(io.BytesIO(sample)) as pdf:
        for page in pdf.pages:
            text = page.extract_text() or ""
            number = centre = None
            for line in page.extract_text_lines():
                match = PAGE_NUMBER.match(line["text"].strip())
                if match and line["top"] > TEXT_BOTTOM:
                    number, centre = int(match.group(1)), (line["x0"] + line["x1"]) / 2
            out.append(
                {
                    "text": text,
                    "number": number,
                    "centre": centre,
                    "lines": page.extract_text_lines(),
                }
            )
    return out
