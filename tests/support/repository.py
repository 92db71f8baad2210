"""Where things are in the repository, for the tests (wherever a test module sits)."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SRC = REPO / "src"
TESTS = REPO / "tests"
SUPPORT = TESTS / "support"
TEMPLATES = REPO / "templates"
BUILTIN_CONTENT = SRC / "gjz_brief" / "builtin" / "content"
ARTICLE = REPO / "assets" / "source" / "ganjingzi-2020-article.txt"
