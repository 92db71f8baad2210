"""WordprocessingML pieces: runs with literal text, complex fields, bookmarks, units."""

from __future__ import annotations

import pytest
from docx.oxml.ns import qn
from lxml import etree

from gjz_brief.errors import RenderError
from gjz_brief.render.docx.ooxml import (
    bookmark,
    child,
    colour_value,
    element,
    field_runs,
    mm_to_eighths_of_point,
    mm_to_twips,
    text_run,
)


def test_text_is_literal_with_tabs_and_breaks():
    run = text_run("<b>甲</b>\t乙\n丙")
    kinds = [etree.QName(node).localname for node in run][1:]  # after the run properties
    assert kinds == ["t", "tab", "t", "br", "t"]
    assert run.findall(qn("w:t"))[0].text == "<b>甲</b>"


def test_a_field_holds_its_instruction_and_cached_result():
    runs = field_runs("SEQ 图 \\* ARABIC", "3")
    types = [run.find(qn("w:fldChar")).get(qn("w:fldCharType")) for run in runs
             if run.find(qn("w:fldChar")) is not None]  # fmt: skip
    assert types == ["begin", "separate", "end"]
    assert runs[1].find(qn("w:instrText")).text == " SEQ 图 \\* ARABIC "
    assert runs[3].find(qn("w:t")).text == "3"


def test_a_bookmark_wraps_the_paragraph_after_its_properties():
    paragraph = element("w:p", {}, element("w:pPr"), text_run("标题"))
    bookmark(paragraph, 7, "_Toc00000001")
    names = [etree.QName(node).localname for node in paragraph]
    assert names == ["pPr", "bookmarkStart", "r", "bookmarkEnd"]
    assert paragraph[1].get(qn("w:name")) == "_Toc00000001"


def test_units_and_colours():
    assert mm_to_twips(25.4) == 1440 and mm_to_eighths_of_point(0.35) == 8
    assert colour_value("#c00000") == "C00000"
    with pytest.raises(RenderError, match="without w:tcPr"):
        child(element("w:tc"), "w:tcPr")
