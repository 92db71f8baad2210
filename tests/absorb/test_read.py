"""Reading an edited DOCX (absorb/read.py): slot texts, tracked changes read as accepted
and listed, comments with their anchored text, direct formatting, files that are no
briefing of ours."""

from __future__ import annotations

import io
import zipfile

import pytest
from absorb_support import (
    add_comment,
    insert_after,
    open_docx,
    paragraph_starting,
    track_replace,
)

from gjz_brief.absorb.read import find_baseline, read_edited_docx
from gjz_brief.errors import InputError

INDUSTRY = "甘井子区是大连的重大产业承载区"


def read(ws, document):
    path = ws / "edited.docx"
    document.save(str(path))
    return read_edited_docx(path.read_bytes(), str(path))


def test_an_unedited_build_reads_as_built(built_workspace):
    data = (built_workspace / "out" / "briefing.docx").read_bytes()
    edited = read_edited_docx(data, "briefing.docx")
    texts = edited.slot_texts()
    assert len(edited.baseline.slots) > 100
    for slot in edited.baseline.slots:
        assert texts[slot.name].text == slot.expected
        assert texts[slot.name].formatting == []
    assert edited.revisions == [] and edited.comments == []


def test_tracked_changes_are_read_as_accepted_and_listed(ws):
    document = open_docx(ws / "out" / "briefing.docx")
    paragraph = paragraph_starting(document, INDUSTRY)
    before = paragraph.text
    track_replace(paragraph, "重大", "重要", "张三", "2026-01-05T10:00:00Z")
    edited = read(ws, document)
    slot = next(s for s in edited.baseline.slots if s.expected == before)
    assert edited.slot_texts()[slot.name].text == before.replace("重大", "重要", 1)
    deleted, inserted = edited.revisions
    assert (deleted.kind, deleted.author, deleted.date, deleted.text) == (
        "删除", "张三", "2026-01-05T10:00:00Z", "重大")  # fmt: skip
    assert (inserted.kind, inserted.author, inserted.text) == ("插入", "张三", "重要")
    assert inserted.where == "「三、加快产业结构优化升级」第1段"


def test_comments_are_listed_with_their_anchored_text(ws):
    document = open_docx(ws / "out" / "briefing.docx")
    paragraph = paragraph_starting(document, INDUSTRY)
    before = paragraph.text
    add_comment(document, paragraph, "国家新型工业化产业示范基地", "李四", "请核实获评年份")
    edited = read(ws, document)
    (comment,) = edited.comments
    assert (comment.author, comment.text) == ("李四", "请核实获评年份")
    assert comment.anchored == "国家新型工业化产业示范基地"
    assert comment.where == "「三、加快产业结构优化升级」第1段"
    slot = next(s for s in edited.baseline.slots if s.expected == before)
    assert edited.slot_texts()[slot.name].text == before  # a comment changes no text


def test_added_paragraph_is_read_without_a_slot(ws):
    document = open_docx(ws / "out" / "briefing.docx")
    insert_after(paragraph_starting(document, INDUSTRY), "新增。")
    edited = read(ws, document)
    (added,) = [p for p in edited.paragraphs if p.text == "新增。"]
    assert added.slot == "" and not added.in_table


def test_direct_formatting_is_noticed(ws):
    document = open_docx(ws / "out" / "briefing.docx")
    paragraph = paragraph_starting(document, INDUSTRY)
    paragraph.runs[0].italic = True
    edited = read(ws, document)
    (formatted,) = [p for p in edited.paragraphs if p.formatting]
    assert formatted.formatting == ["i"] and formatted.text.startswith(INDUSTRY)


def test_a_file_that_is_not_a_docx_is_refused():
    with pytest.raises(InputError, match="not a DOCX"):
        read_edited_docx(b"PK not really", "x.docx")


def test_a_docx_without_baseline_is_refused(ws):
    data = (ws / "out" / "briefing.docx").read_bytes()
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            if not info.filename.startswith("customXml/"):
                target.writestr(info, source.read(info))
    with pytest.raises(InputError, match="no gjz-brief baseline") as caught:
        read_edited_docx(buffer.getvalue(), "old.docx")
    assert caught.value.hint and "rebuild" in caught.value.hint


def test_the_baseline_is_found_by_its_namespace_whatever_the_part_name(ws):
    data = (ws / "out" / "briefing.docx").read_bytes()
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            name = info.filename.replace("customXml/item1.xml", "customXml/item7.xml")
            target.writestr(name, source.read(info))
    assert find_baseline(zipfile.ZipFile(io.BytesIO(buffer.getvalue()))) is not None


def test_a_bookmark_word_moved_between_paragraphs_still_names_the_next(ws):
    document = open_docx(ws / "out" / "briefing.docx")
    paragraph = paragraph_starting(document, INDUSTRY)
    from docx.oxml.ns import qn

    start = paragraph._p.find(qn("w:bookmarkStart"))
    name = start.get(qn("w:name"))
    paragraph._p.addprevious(start)  # at body level, before the paragraph
    edited = read(ws, document)
    assert edited.slot_texts()[name].text.startswith(INDUSTRY)
