"""The committed reference documents are what the generator makes from each theme."""

from __future__ import annotations

import io
import zipfile

from repository import TEMPLATES

from gjz_brief.render.docx import DEFAULT_OFFICE_FONTS, build_reference_docx
from gjz_brief.template.loader import load_theme


def test_committed_reference_documents_match_the_generator() -> None:
    root = TEMPLATES
    for variant in ("full", "onepage", "jianbao"):
        committed = root / variant / "reference.docx"
        assert committed.exists(), committed
        theme = load_theme(root / variant)  # each template's styles start from its theme
        generated = build_reference_docx(theme, DEFAULT_OFFICE_FONTS, variant)
        with zipfile.ZipFile(committed) as old, zipfile.ZipFile(io.BytesIO(generated)) as new:
            assert old.namelist() == new.namelist()
            for name in new.namelist():
                assert old.read(name) == new.read(name), (
                    f"{variant}: {name} is stale; run "
                    f"python -m gjz_brief.render.docx.reference {committed}"
                )
