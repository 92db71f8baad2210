"""Helpers for the template tests: cached CLI builds, LibreOffice conversion, PDF reading."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pdfplumber
from cli_support import Run, run_cli
from prerequisites import require_tool

TEMPLATES = ("full", "onepage", "jianbao")

MM = 72.0 / 25.4
RED_MIN, OTHER_MAX = 0.6, 0.25  # an RGB colour counts as red above/below these
__all__ = ["Builds", "MM", "Run", "docx_to_pdf", "is_red", "page_texts", "run_cli"]


@dataclass
class Builds:
    """Builds run once per test session, keyed by their arguments."""

    root: Path
    done: dict[tuple[str, ...], Path] = field(default_factory=dict)

    def get(self, *args: str, workspace: Path | None = None) -> Path:
        key = (str(workspace), *args)
        if key not in self.done:
            out = self.root / f"build-{len(self.done)}"
            command = ["build", "--out", str(out), *args]
            if workspace is not None:
                command += ["--workspace", str(workspace)]
            result = run_cli(*command)
            assert result.returncode == 0, result.stderr
            self.done[key] = out
        return self.done[key]


def docx_to_pdf(docx: Path, out_dir: Path, profile: Path) -> Path:
    """Convert with LibreOffice, as a reader opening the file would see it."""
    soffice = require_tool("soffice")
    out_dir.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        [soffice, f"-env:UserInstallation=file://{profile}", "--headless",
         "--convert-to", "pdf", "--outdir", str(out_dir), str(docx)],
        capture_output=True, text=True, timeout=240, check=False,
    )  # fmt: skip
    converted = out_dir / (docx.stem + ".pdf")
    assert converted.exists(), result.stdout + result.stderr
    return converted


def page_texts(pdf: Path) -> list[str]:
    with pdfplumber.open(pdf) as document:
        return [page.extract_text() or "" for page in document.pages]


def is_red(colour: object) -> bool:
    if not isinstance(colour, (tuple, list)) or len(colour) != 3:
        return False
    red, green, blue = (float(c) for c in colour)
    return red >= RED_MIN and green <= OTHER_MAX and blue <= OTHER_MAX
