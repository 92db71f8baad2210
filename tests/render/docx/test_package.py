"""The package: core properties from the document's meta, fonts named for East Asian text."""

from __future__ import annotations

import datetime as dt
import io

import docx
import pytest
from docx_sample import (
    W,
    part,
    sample_charts,
    sample_document,
)
from lxml import etree

from gjz_brief.render.docx import DEFAULT_OFFICE_FONTS, build_reference_docx, render_docx
from gjz_brief.template.theme import Theme


def test_core_properties_come_from_meta(output: bytes) -> None:
    core = docx.Document(io.BytesIO(output)).core_properties
    assert core.author == "中共大连市甘井子区委宣传部"
    assert core.subject == "大连2049城市愿景规划"
    assert core.keywords == "甘井子；枢纽新城"
    assert core.created == dt.datetime(2020, 4, 13, 0, 0) or core.created == dt.datetime(
        2020, 4, 13, tzinfo=dt.timezone.utc
    )
    assert core.modified == core.created
    assert core.revision == 1
    assert core.language == "zh-CN"
    assert core.last_modified_by == "gjz-brief"


def test_every_font_names_east_asian_and_no_theme_fonts(output: bytes) -> None:
    styles = part(output, "word/styles.xml")
    fonts = list(styles.iter(f"{W}rFonts"))
    assert len(fonts) > 10
    for node in fonts:
        assert node.get(f"{W}eastAsia"), etree.tostring(node)
        assert node.get(f"{W}ascii") == node.get(f"{W}eastAsia")  # full-width quotes
    for name in ("word/styles.xml", "word/document.xml"):
        xml = etree.tostring(part(output, name)).decode()
        for attribute in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
            assert attribute not in xml, (name, attribute)
    defaults = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts")
    assert defaults.get(f"{W}eastAsia") == "仿宋_GB2312"
    heading = styles.find(f"{W}style[@{W}styleId='Heading1']/{W}rPr/{W}rFonts")
    assert heading.get(f"{W}eastAsia") == "黑体"


@pytest.mark.parametrize(
    ("choice", "value"), [("grid", "doNotCompress"), ("compressed", "compressPunctuation")]
)
def test_punctuation_compression_follows_the_theme(choice: str, value: str) -> None:
    """The theme's ``punctuation`` as Word's character spacing control (issue #19)."""
    data = render_docx(
        sample_document(), sample_charts(), Theme(punctuation=choice), DEFAULT_OFFICE_FONTS
    )
    settings = part(data, "word/settings.xml")
    (control,) = settings.findall(f"{W}characterSpacingControl")
    assert control.get(f"{W}val") == value
    # A reference document's own setting gives way to the theme's choice.
    reference = build_reference_docx(Theme(), DEFAULT_OFFICE_FONTS, "full")
    data = render_docx(
        sample_document(), sample_charts(), Theme(punctuation=choice), DEFAULT_OFFICE_FONTS,
        reference,
    )  # fmt: skip
    (control,) = part(data, "word/settings.xml").findall(f"{W}characterSpacingControl")
    assert control.get(f"{W}val") == value
