"""The package: core properties from the document's meta, fonts named for East Asian text."""

from __future__ import annotations

import datetime as dt
import io

import docx
from docx_sample import (
    W,
    part,
)
from lxml import etree


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
