"""A reference.docx is reduced to its styles; what it held besides is named, a hostile one
refused before anything is rendered."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from repository import TEMPLATES

from gjz_brief.errors import TemplateError
from gjz_brief.template.reference import load_reference

REFERENCE = TEMPLATES / "full" / "reference.docx"


def _with_parts(extra: dict[str, bytes], drop: tuple[str, ...] = ()) -> bytes:
    source = zipfile.ZipFile(REFERENCE)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            if info.filename not in drop:
                archive.writestr(info, source.read(info))
        for name, data in extra.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_the_built_in_reference_keeps_its_styles_and_needs_no_warning():
    loaded = load_reference(REFERENCE.read_bytes(), REFERENCE)
    assert loaded.warning() is None
    styles = {style.name for style in docx.Document(io.BytesIO(loaded.data)).styles}
    assert {"Normal", "Heading 1", "GJZ Masthead Name"} <= styles


def test_macros_are_left_out_and_named():
    loaded = load_reference(_with_parts({"word/vbaProject.bin": b"macro"}), REFERENCE)
    assert "word/vbaProject.bin (macros)" in (loaded.warning() or "")
    with zipfile.ZipFile(io.BytesIO(loaded.data)) as archive:
        assert "word/vbaProject.bin" not in archive.namelist()


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"not a zip", "not a Word .docx file"),
        (
            _with_parts(
                {"word/styles.xml": b"<?xml version='1.0'?><!DOCTYPE x []><x/>"},
                drop=("word/styles.xml",),
            ),
            "declares a DTD",
        ),  # fmt: skip
    ],
)
def test_a_file_that_cannot_be_a_reference_is_refused(data, words):
    with pytest.raises(TemplateError, match=words):
        load_reference(data, REFERENCE)
