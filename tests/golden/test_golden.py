"""Golden dumps of each built-in template: the composed document tree, and the typeset lines
of its first paragraphs. A change to content, layout, composer or line breaking shows as a
reviewable diff of these files (tests/golden/*.txt).

To accept a change, regenerate the files and review their diff:

    GJZ_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/golden
    git diff tests/golden
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

from gjz_brief.content.loader import load_content
from gjz_brief.document.compose import compose_document
from gjz_brief.document.dump import dump_document
from gjz_brief.document.tree import Document
from gjz_brief.fonts.resolve import resolve_fonts
from gjz_brief.template.loader import Template, load_template

GOLDEN = Path(__file__).parent
TEMPLATES = ("full", "onepage", "jianbao")
UPDATE = os.environ.get("GJZ_UPDATE_GOLDEN") == "1"


def check_golden(name: str, actual: str) -> None:
    """``actual`` equals tests/golden/``name``, or the test fails showing the diff."""
    path = GOLDEN / name
    if UPDATE:
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
            "if the change is intended: GJZ_UPDATE_GOLDEN=1 pytest tests/golden, then review "
            "git diff tests/golden",
            pytrace=False,
        )


@pytest.fixture(scope="module")
def content():
    return load_content()


def composed(content, name: str) -> tuple[Document, Template]:
    template = load_template(name, None)
    plan = content.plan
    document = compose_document(
        plan, template.layout, date=plan.meta.as_of, layout_name=template.name
    )
    return document, template


@pytest.mark.parametrize("name", TEMPLATES)
def test_document_tree(content, name):
    document, _ = composed(content, name)
    check_golden(f"{name}.tree.txt", dump_document(document))


@pytest.mark.parametrize("name", TEMPLATES)
def test_typeset_lines(content, name, tmp_path):
    from gjz_brief.render.pdf.dump import dump_lines

    document, template = composed(content, name)
    check_golden(
        f"{name}.lines.txt", dump_lines(document, template.theme, resolve_fonts(), tmp_path)
    )


def test_a_changed_tree_fails_with_its_diff(content, tmp_path, monkeypatch):
    monkeypatch.setattr("test_golden.GOLDEN", tmp_path)
    monkeypatch.setattr("test_golden.UPDATE", False)
    document, _ = composed(content, "onepage")
    (tmp_path / "x.txt").write_text(dump_document(document), encoding="utf-8")
    check_golden("x.txt", dump_document(document))  # the same: passes
    changed = dump_document(document).replace("38.86%", "38.87%")
    with pytest.raises(pytest.fail.Exception, match=r"(?s)-.*38\.86%.*\+.*38\.87%"):
        check_golden("x.txt", changed)
