"""Golden files (tests/golden/*.txt): readable dumps a change must match, or show as a diff.

To accept an intended change, regenerate the files and review their diff:

    GJZ_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/document/test_dump.py \
        tests/render/pdf/test_dump.py
    git diff tests/golden
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest
from repository import TESTS

GOLDEN = TESTS / "golden"
TEMPLATES = ("full", "onepage", "jianbao")


def updating() -> bool:
    return os.environ.get("GJZ_UPDATE_GOLDEN") == "1"


def check_golden(name: str, actual: str, folder: Path = GOLDEN) -> None:
    """``actual`` equals ``folder``/``name``, or the test fails showing the diff (with
    GJZ_UPDATE_GOLDEN=1 the file is written instead)."""
    path = folder / name
    if updating():
        path.write_text(actual, encoding="utf-8")
        return
    assert path.exists(), f"{path} is missing; create it with GJZ_UPDATE_GOLDEN=1"
    expected = path.read_text(encoding="utf-8")
    if actual != expected:
        diff = difflib.unified_diff(
            expected.splitlines(), actual.splitlines(), f"{name} (golden)", f"{name} (now)",
            lineterm="", n=1,
        )  # fmt: skip
        shown = "\n".join(list(diff)[:80])
        pytest.fail(
            f"{name} differs from the golden file:\n{shown}\n"
            "if the change is intended: GJZ_UPDATE_GOLDEN=1 pytest tests/document/test_dump.py "
            "tests/render/pdf/test_dump.py, then review git diff tests/golden",
            pytrace=False,
        )
