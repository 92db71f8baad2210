"""Regenerating a committed reference document from the theme beside it."""

from __future__ import annotations

import io
import shutil
import zipfile

import docx
from docx_sample import W
from lxml import etree
from repository import TEMPLATES

from gjz_brief.render.docx.reference import main


def test_main_writes_the_reference_of_the_folders_template(tmp_path, capsys):
    folder = tmp_path / "jianbao"
    folder.mkdir()
    shutil.copyfile(TEMPLATES / "jianbao" / "theme.yaml", folder / "theme.yaml")
    assert main([str(folder / "reference.docx")]) == 0
    written = (folder / "reference.docx").read_bytes()
    assert written == (TEMPLATES / "jianbao" / "reference.docx").read_bytes()
    printed = capsys.readouterr().out
    assert printed.startswith("wrote") and "(jianbao," in printed
    styles = {style.name for style in docx.Document(io.BytesIO(written)).styles}
    assert "GJZ Masthead Name" in styles and not list(folder.glob("*.tmp"))


def test_no_committed_template_asks_to_update_fields():
    for reference in sorted(TEMPLATES.glob("*/reference.docx")):
        with zipfile.ZipFile(reference) as archive:
            settings = etree.fromstring(archive.read("word/settings.xml"))
        assert settings.find(f"{W}updateFields") is None, reference
