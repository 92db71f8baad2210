"""Property-based fuzzing of the content: every document either builds or fails with a
BriefError that says where. No other exception, ever.

Profiles (tests/conftest.py): HYPOTHESIS_PROFILE=ci (default, ~100 examples per test) and
HYPOTHESIS_PROFILE=long (10 000 per test; the rendering test then runs 300).
"""

from __future__ import annotations

import os
import tempfile
import zipfile
from pathlib import Path

from fuzz_documents import PRINTABLE, plan_data, text_strategy
from fuzz_mutations import mutated, mutated_text
from fuzz_support import BUILTIN, build_in_process, load_and_compose, to_files, write_files
from hypothesis import event, given, settings
from hypothesis import strategies as st

from gjz_brief.content.yaml_source import YamlProblems, parse_yaml

LONG_RUN = os.environ.get("HYPOTHESIS_PROFILE", "ci") == "long"
# Pieces of YAML syntax, tags and awkward characters, for text that is almost YAML.
YAML_PIECES = st.sampled_from(
    [
        *"ab:- \n\t[]{},&*!|>'\"#%@`?<=~.0123456789eE+_",
        "!!float",
        "!!int",
        "!!str",
        "!!bool",
        "!!null",
        "!!timestamp",
        "!!binary",
        "!!set",
        "!!omap",
        "!!seq",
        "!!map",
        "!!python/tuple",
        "&a ",
        "*a",
        "<<: ",
        "---\n",
        "...\n",
        "%YAML 1.1\n",
        "%TAG ! tag:x,2000:\n",
        "\x85",
        "\u2028",
        "\ufeff",
        "\x00",
        "\x07",
        "甘",
        "2020-02-30",
        "0x",
        ".inf",
        "1:20",
        "~",
    ]
)
RENDER_EXAMPLES = 300 if LONG_RUN else 12


def record(outcome) -> None:  # noqa: ANN001
    """Statistics for --hypothesis-show-statistics: how far documents got."""
    event("loaded" if outcome.loaded else "refused while loading")
    for name in outcome.composed:
        event(f"composed {name}")
    for error in outcome.errors:
        event(f"error {type(error).__name__}")


def any_text() -> st.SearchStrategy[str]:
    """Mostly without control characters (they stop everything at once), sometimes with."""
    return st.one_of(text_strategy(), text_strategy(), text_strategy(controls=True))


@given(st.lists(YAML_PIECES, max_size=30).map("".join))
def test_almost_yaml_parses_or_fails_with_a_location(text: str) -> None:
    # found: "!!bool" and "!!float" without a value raised KeyError and IndexError in PyYAML
    try:
        parse_yaml(text, "c.yaml")
    except YamlProblems as error:
        assert error.problems
        for problem in error.problems:
            assert problem.location.file == "c.yaml" and problem.message and problem.hint
        event("refused")
    else:
        event("parsed")


@given(st.data())
def test_generated_documents_build_or_fail_with_a_location(data: st.DataObject) -> None:
    sane = data.draw(st.booleans(), label="sane")
    text = text_strategy(long=False, min_size=1) if sane else any_text()
    document = data.draw(plan_data(text=text, sane=sane), label="document")
    with tempfile.TemporaryDirectory() as folder:
        record(load_and_compose(write_files(Path(folder) / "content", to_files(document))))


@given(st.data())
def test_mutated_documents_build_or_fail_with_a_location(data: st.DataObject) -> None:
    document = data.draw(plan_data(text=text_strategy(long=False, min_size=1), sane=True))
    document = data.draw(mutated(document), label="mutated")
    with tempfile.TemporaryDirectory() as folder:
        record(load_and_compose(write_files(Path(folder) / "content", to_files(document))))


@given(st.data())
def test_mutated_builtin_content_builds_or_fails_with_a_location(data: st.DataObject) -> None:
    # The real content reaches every layout (onepage needs its figure ids); mutations of it
    # probe the composer with realistic documents.
    document = data.draw(mutated(BUILTIN), label="mutated")
    with tempfile.TemporaryDirectory() as folder:
        record(load_and_compose(write_files(Path(folder) / "content", to_files(document))))


@given(st.data())
def test_mutated_yaml_text_builds_or_fails_with_a_location(data: st.DataObject) -> None:
    document = data.draw(plan_data(text=text_strategy(long=False, min_size=1), sane=True))
    files = to_files(document)
    name = data.draw(st.sampled_from(sorted(files)), label="file")
    files[name] = data.draw(mutated_text(files[name]), label="text")
    with tempfile.TemporaryDirectory() as folder:
        record(load_and_compose(write_files(Path(folder) / "content", files)))


@settings(max_examples=RENDER_EXAMPLES)
@given(st.data())
def test_documents_render_to_pdf_and_docx_or_fail_with_a_location(data: st.DataObject) -> None:
    printable = data.draw(st.booleans(), label="printable")
    text = st.text(PRINTABLE, min_size=1, max_size=30) if printable else text_strategy(min_size=1)
    document = data.draw(plan_data(text=text, sane=True), label="document")
    template = data.draw(st.sampled_from(["full", "jianbao"]), label="template")
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        write_files(root / "content", to_files(document))
        outcome = build_in_process(root, root / "out", template)
        record(outcome)
        if outcome.composed:
            pdf = (root / "out" / "briefing.pdf").read_bytes()
            assert pdf.startswith(b"%PDF-") and b"%%EOF" in pdf[-1024:]
            with zipfile.ZipFile(root / "out" / "briefing.docx") as package:
                assert package.testzip() is None
                assert b"<w:body>" in package.read("word/document.xml")
