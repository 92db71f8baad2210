"""Source identity in the DOCX (render/docx/marks.py): each slot's hidden bookmark around the
paragraph showing its text, and the baseline part with its data store properties."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from lxml import etree

from gjz_brief.absorb.baseline import Baseline, make_baseline
from gjz_brief.document.compose import compose_document
from gjz_brief.document.tree import ReadyCharts
from gjz_brief.render.docx.geometry import word_geometry
from gjz_brief.render.docx.marks import (
    BASELINE_ITEM_ID,
    Mark,
    mark_block,
    paragraph_text,
)
from gjz_brief.render.docx.ooxml import element, text_run
from gjz_brief.render.docx.render import new_base_document, resolve_office_fonts, write_document
from gjz_brief.template.loader import load_template

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _paragraph(text: str) -> etree._Element:
    paragraph = element("w:p")
    paragraph.append(text_run(text))
    return paragraph


def test_marks_go_to_the_paragraphs_showing_their_text_in_order():
    paragraphs = [_paragraph("表头"), _paragraph("288家"), _paragraph("288家")]
    marks = [Mark(0, "_GJZ1", "288家"), Mark(0, "_GJZ2", "288家")]
    next_id, missed = mark_block(paragraphs, marks, 7)
    assert (next_id, missed) == (9, [])
    names = [[b.get(f"{W}name") for b in p.iter(f"{W}bookmarkStart")] for p in paragraphs]
    assert names == [[], ["_GJZ1"], ["_GJZ2"]]
    assert [p[0].get(f"{W}id") for p in paragraphs[1:]] == ["7", "8"]


def test_a_text_no_paragraph_shows_is_reported():
    _, missed = mark_block([_paragraph("甲")], [Mark(0, "_GJZ1", "乙")], 1)
    assert missed == [Mark(0, "_GJZ1", "乙")]


def test_paragraph_text_reads_field_results_not_codes():
    paragraph = etree.fromstring(
        f'<w:p xmlns:w="{W[1:-1]}"><w:r><w:t>表</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>SEQ 表</w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:tab/><w:t>题</w:t></w:r></w:p>'
    )
    assert paragraph_text(paragraph) == "表3\t题"


def test_a_build_bookmarks_every_slot_and_carries_the_baseline(built):
    from gjz_brief.absorb.read import read_edited_docx

    data = (built / "briefing.docx").read_bytes()
    archive = zipfile.ZipFile(io.BytesIO(data))
    document = archive.read("word/document.xml").decode()
    edited = read_edited_docx(data, "briefing.docx")
    for slot in edited.baseline.slots:
        assert document.count(f'w:name="{slot.name}"') == 1
    properties = [n for n in archive.namelist() if n.startswith("customXml/itemProps")]
    assert len(properties) == 1 and BASELINE_ITEM_ID in archive.read(properties[0]).decode()
    relations = archive.read("word/_rels/document.xml.rels").decode()
    assert "relationships/customXml" in relations


def test_a_writer_that_orders_cells_otherwise_still_gets_its_marks():
    paragraphs = [_paragraph("乙"), _paragraph("甲")]
    _, missed = mark_block(paragraphs, [Mark(0, "_GJZ1", "甲"), Mark(0, "_GJZ2", "乙")], 1)
    assert missed == []
    names = [[b.get(f"{W}name") for b in p.iter(f"{W}bookmarkStart")] for p in paragraphs]
    assert names == [["_GJZ2"], ["_GJZ1"]]


class _SizesOnly(ReadyCharts):
    """Charts of a fixed size: every chart of the built-in content has live Word content
    (a native chart or a table), so the writer asks for nothing more."""

    def size_mm(self, chart_id: str) -> tuple[float, float]:
        return (150.0, 80.0)


def test_a_slot_the_writer_did_not_print_is_left_out_of_the_baseline(builtin_plan):
    """A text the writer prints otherwise than the baseline expects never fails the build:
    that slot is left out of the baseline the DOCX carries."""
    template = load_template("onepage", None)
    document = compose_document(builtin_plan, template.layout, date=dt.date(2020, 4, 30))
    baseline = make_baseline(document, builtin_plan)
    marks = [Mark(slot.block, slot.name, slot.expected) for slot in baseline.slots]
    marks[0] = Mark(marks[0].block, marks[0].name, "不会印出的文字")
    theme = template.theme
    geometry = word_geometry(theme.geometry, theme.styles.page_number.size_pt)
    target = new_base_document(theme, resolve_office_fonts({}), geometry)
    placed = write_document(target, document, _SizesOnly({}), theme, geometry, marks=marks)
    assert marks[0].name not in placed and marks[1].name in placed
    kept = Baseline.from_xml(baseline.xml_of_marked(placed))
    assert kept is not None and {slot.name for slot in kept.slots} == placed


@pytest.mark.parametrize("template", ["full", "onepage", "jianbao"])
def test_the_writer_prints_every_slot_the_baseline_expects(cli_builds, builtin_plan, template):
    """No slot of a built-in template is dropped for want of its paragraph: the writer and
    the baseline agree on every text (a writer change that breaks this shows here)."""
    from gjz_brief.absorb.read import read_edited_docx

    out = cli_builds.get("--template", template)
    carried = read_edited_docx((out / "briefing.docx").read_bytes(), "briefing.docx").baseline
    layout = load_template(template, None).layout
    document = compose_document(builtin_plan, layout, date=dt.date(2020, 4, 30),
                                layout_name=template)  # fmt: skip
    expected = make_baseline(document, builtin_plan)
    assert [slot.name for slot in carried.slots] == [slot.name for slot in expected.slots]


def test_line_breaks_in_a_paragraph_do_not_hide_its_mark():
    paragraph = _paragraph("甘井子区\n发展规划")  # a title in balanced lines (w:br)
    _, missed = mark_block([paragraph], [Mark(0, "_GJZ1", "甘井子区发展规划")], 1)
    assert missed == []
