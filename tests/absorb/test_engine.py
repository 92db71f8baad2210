"""The three-way merge of a DOCX's edits into the content (absorb/engine.py), on a real
build edited with python-docx."""

from __future__ import annotations

from pathlib import Path

import pytest
from absorb_support import (
    delete_paragraph,
    edit_cell,
    insert_after,
    open_docx,
    paragraph_starting,
    replace_in,
    set_text,
)

from gjz_brief.absorb.baseline import FigureRecord, Slot
from gjz_brief.absorb.engine import (
    Absorbed,
    absorb_edits,
    count_edits,
    read_figure,
    strip_label,
)
from gjz_brief.absorb.read import read_edited_docx
from gjz_brief.content.loader import load_content

INDUSTRY = "甘井子区是大连的重大产业承载区"
INNOVATION_LAST = "甘井子区将启动区科技创新中心二期项目"


def absorb(ws: Path, document, content_dir: Path | None = None) -> Absorbed:
    path = ws / "edited.docx"
    document.save(str(path))
    edited = read_edited_docx(path.read_bytes(), str(path))
    content = load_content(content_dir or ws / "content", display_root=ws)
    return absorb_edits(edited, content.plan, content.locate)


def test_nothing_edited_changes_nothing(ws):
    result = absorb(ws, open_docx(ws / "out" / "briefing.docx"))
    assert not result.changes_anything and not result.conflicts and not result.not_absorbed
    assert (result.edited_paragraphs, result.edited_cells, result.edited_figures) == (0, 0, 0)


def test_wording_edit_keeps_each_figure_reference(ws):
    document = open_docx(ws / "out" / "briefing.docx")
    replace_in(document, INDUSTRY, "重大产业承载区", "重要产业承载区")
    result = absorb(ws, document)
    ((path, text),) = result.texts.items()
    assert path == ("sections", 2, "paragraphs", 0)
    assert text.startswith(
        "甘井子区是大连的重要产业承载区，现有规模以上工业企业{{industrial_enterprises}}、"
    )
    assert "{{world_500_enterprises}}" in text and "288" not in text
    assert not result.figures and result.edited_paragraphs == 1


def test_number_edited_in_a_sentence_updates_the_figure(ws):
    document = open_docx(ws / "out" / "briefing.docx")
    replace_in(document, INDUSTRY, "规模以上工业企业288家", "规模以上工业企业290家")
    result = absorb(ws, document)
    assert result.texts == {}  # the sentence still cites {{industrial_enterprises}}
    content = load_content(ws / "content", display_root=ws)
    index = [f.id for f in content.plan.figures].index("industrial_enterprises")
    assert result.figures == {index: (290.0, "")}
    assert result.edited_figures == 1


def test_number_edited_in_a_table_cell_updates_the_figure_and_qualifier(ws):
    document = open_docx(ws / "out" / "briefing.docx")
    edit_cell(document, "50余家", "超52家")
    result = absorb(ws, document)
    content = load_content(ws / "content", display_root=ws)
    index = [f.id for f in content.plan.figures].index("world_500_enterprises")
    assert result.figures == {index: (52.0, "超")}
    assert result.edited_cells == 1 and not result.conflicts


def test_one_figure_edited_to_two_values_is_a_conflict(ws):
    document = open_docx(ws / "out" / "briefing.docx")
    replace_in(document, INDUSTRY, "规模以上工业企业288家", "规模以上工业企业290家")
    edit_cell(document, "288家", "291家")
    result = absorb(ws, document)
    (conflict,) = result.conflicts
    assert "industrial_enterprises" in conflict.message and "different values" in conflict.message
    assert "290家" in conflict.message and "291家" in conflict.message
    assert conflict.yaml_where is not None and conflict.yaml_where.file == "content/figures.yaml"
    assert conflict.yaml_where.line is not None
    assert not result.figures


def test_text_changed_in_the_content_and_in_the_docx_is_a_conflict(ws):
    document = open_docx(ws / "out" / "briefing.docx")
    replace_in(document, INDUSTRY, "重大产业承载区", "重要产业承载区")
    narrative = ws / "content" / "narrative.yaml"
    narrative.write_text(
        narrative.read_text("utf-8").replace("重大产业承载区", "核心产业承载区"), "utf-8"
    )
    result = absorb(ws, document)
    (conflict,) = result.conflicts
    assert "「三、加快产业结构优化升级」第1段" in conflict.docx_where
    assert conflict.yaml_where is not None
    assert conflict.yaml_where.file == "content/narrative.yaml"
    lines = narrative.read_text("utf-8").splitlines()
    assert "核心产业承载区" in lines[conflict.yaml_where.line - 1]
    assert not result.texts


def test_content_change_alone_is_no_conflict(ws):
    """A paragraph the clerk left alone may change in the content: nothing to absorb."""
    narrative = ws / "content" / "narrative.yaml"
    narrative.write_text(
        narrative.read_text("utf-8").replace("重大产业承载区", "核心产业承载区"), "utf-8"
    )
    result = absorb(ws, open_docx(ws / "out" / "briefing.docx"))
    assert not result.conflicts and not result.changes_anything


def test_figure_changed_in_content_and_docx_is_a_conflict(ws):
    document = open_docx(ws / "out" / "briefing.docx")
    edit_cell(document, "288家", "290家")
    figures = ws / "content" / "figures.yaml"
    figures.write_text(figures.read_text("utf-8").replace("value: 288", "value: 289"), "utf-8")
    result = absorb(ws, document)
    (conflict,) = result.conflicts
    assert "changed in the content since the build" in conflict.message


def test_inserted_and_deleted_paragraphs(ws):
    document = open_docx(ws / "out" / "briefing.docx")
    insert_after(paragraph_starting(document, INDUSTRY), "新增段落：甘井子区将加快智能制造。")
    delete_paragraph(paragraph_starting(document, INNOVATION_LAST))
    result = absorb(ws, document)
    (insert,) = result.inserts
    assert (insert.section, insert.after, insert.text) == (
        2,
        0,
        "新增段落：甘井子区将加快智能制造。",
    )
    assert result.deletes == [("sections", 4, "paragraphs", 4)]


def test_heading_renamed_without_its_number(ws):
    document = open_docx(ws / "out" / "briefing.docx")
    heading = [p for p in document.paragraphs if p.text == "二、发展目标"][-1]  # not the TOC's
    set_text(heading, "二、发展目标与路径")
    result = absorb(ws, document)
    assert result.texts == {("sections", 1, "title"): "发展目标与路径"}


def test_generated_text_and_formatting_are_listed_as_not_absorbed(ws):
    document = open_docx(ws / "out" / "briefing.docx")
    appendix = paragraph_starting(document, "数据来源：")
    set_text(appendix, appendix.text + "另有补充。")
    paragraph_starting(document, INDUSTRY).runs[0].bold = True
    result = absorb(ws, document)
    assert not result.changes_anything
    assert any("数据来源" in item and "生成" in item for item in result.not_absorbed)
    assert any("加粗" in item for item in result.not_absorbed)


def test_deleted_table_is_listed_as_not_absorbed(ws):
    document = open_docx(ws / "out" / "briefing.docx")
    caption = paragraph_starting(document, "表1")._p
    table = caption.getnext()
    assert table.tag.endswith("}tbl")
    table.getparent().remove(table)
    caption.getparent().remove(caption)
    result = absorb(ws, document)
    assert any("删除了表格" in item for item in result.not_absorbed)
    assert not result.changes_anything


def test_moved_section_is_listed_as_not_absorbed(ws):
    document = open_docx(ws / "out" / "briefing.docx")
    body = document.element.body
    first = [p for p in document.paragraphs if p.text == "一、总体定位"][-1]._p  # not the TOC's
    second = [p for p in document.paragraphs if p.text == "二、发展目标"][-1]._p
    moved = []
    node = second
    while node is not None and node is not first:
        moved.append(node)
        node = node.getnext()
        if node is not None and node.tag.endswith("}p") and "三、" in "".join(node.itertext()):
            break
    for node in moved:
        first.addprevious(node)
    assert body is not None
    result = absorb(ws, document)
    assert any("章节顺序" in item for item in result.not_absorbed)


def test_count_edits_tells_what_was_edited_without_the_content(ws):
    document = open_docx(ws / "out" / "briefing.docx")
    replace_in(document, INDUSTRY, "规模以上工业企业288家", "规模以上工业企业290家")
    edit_cell(document, "50余家", "52余家")
    insert_after(paragraph_starting(document, INDUSTRY), "新增。")
    path = ws / "e.docx"
    document.save(str(path))
    counts = count_edits(read_edited_docx(path.read_bytes(), "e.docx"))
    assert (counts.paragraphs, counts.cells, counts.figures) == (2, 1, 2)
    assert (counts.revisions, counts.comments) == (0, 0)


def _record(**changes) -> FigureRecord:
    values = dict(id="x", index=0, value=50, text="50余家", qualifier="余", unit="家",
                  printed=None, name="企业")  # fmt: skip
    values.update(changes)
    return FigureRecord(**values)


@pytest.mark.parametrize(
    ("text", "part", "expected"),
    [
        ("52余家", "full", (52.0, "余")),
        ("超52家", "full", (52.0, "超")),
        ("52家", "full", (52.0, "")),
        ("52.5家", "full", (52.5, "")),
        ("52", "number", (52.0, "余")),
        ("52个", "full", None),  # another unit: not this figure
        ("2,052余家", "full", None),  # never a number's tail
        ("５２余家", "full", (52.0, "余")),  # full-width digits, as an IME types them
        ("五十二家", "full", None),
    ],
)
def test_read_figure(text, part, expected):
    assert read_figure(_record(), text, part) == expected


def test_strip_label_takes_off_what_the_template_generates():
    slot = Slot(name="_GJZ1", block=0, kind="text", path=("sections", 0, "title"),
                expected="一、总体定位", built="总体定位", label="一、")  # fmt: skip
    assert strip_label(slot, "一、总体定位与布局") == "总体定位与布局"
    assert strip_label(slot, "二、总体定位") == "总体定位"  # the number was retyped
    assert strip_label(slot, "总体定位") == "总体定位"
    note = Slot(name="_GJZ2", block=1, kind="text", path=("meta", "editor_note"),
                expected="编者按：说明", built="说明", prefix="编者按：")  # fmt: skip
    assert strip_label(note, "编者按：新的说明") == "新的说明"


def test_a_picture_added_is_listed_as_not_absorbed(ws):
    import io

    from PIL import Image

    document = open_docx(ws / "out" / "briefing.docx")
    png = io.BytesIO()
    Image.new("RGB", (20, 10), "red").save(png, format="PNG")
    png.seek(0)
    paragraph = paragraph_starting(document, INDUSTRY)
    paragraph.add_run().add_picture(png)
    result = absorb(ws, document)
    assert any("图片被替换或新增" in item for item in result.not_absorbed)
    assert not result.changes_anything


def _native_chart_paragraphs(document):
    from docx.oxml.ns import qn

    chart = "{http://schemas.openxmlformats.org/drawingml/2006/chart}chart"
    return [
        p for p in document.element.body.iter(qn("w:p")) if next(p.iter(chart), None) is not None
    ]


def test_a_deleted_chart_is_listed_as_not_absorbed(ws):
    document = open_docx(ws / "out" / "briefing.docx")
    paragraph = _native_chart_paragraphs(document)[0]
    paragraph.getparent().remove(paragraph)
    result = absorb(ws, document)
    assert any("删除了图表" in item for item in result.not_absorbed)
    assert not result.changes_anything


def test_a_deleted_chart_table_is_listed_as_not_absorbed(ws):
    document = open_docx(ws / "out" / "briefing.docx")
    for table in document.tables:
        if table._tbl.find(".//{*}tblCaption") is not None:
            table._tbl.getparent().remove(table._tbl)
            break
    result = absorb(ws, document)
    assert any("删除了图表" in item for item in result.not_absorbed)


@pytest.fixture(scope="module")
def other_templates(built_workspace, tmp_path_factory):
    """The same workspace built with onepage (key messages) and jianbao (editor's note)."""
    from cli_support import run_cli

    outs = {}
    for template in ("onepage", "jianbao"):
        out = tmp_path_factory.mktemp(template) / "out"
        result = run_cli("build", "--workspace", str(built_workspace), "--template", template,
                         "--out", str(out), "--quiet")  # fmt: skip
        assert result.returncode == 0, result.stderr
        outs[template] = out / "briefing.docx"
    return outs


def test_key_message_edit_keeps_its_figures(ws, other_templates):
    document = open_docx(other_templates["onepage"])
    item = paragraph_starting(document, "（2）产业基础雄厚")
    set_text(item, item.text.replace("产业基础雄厚", "产业基础坚实").replace("288家", "289家"))
    result = absorb(ws, document)
    assert result.texts == {
        (
            "meta",
            "key_messages",
            1,
        ): "产业基础坚实：现有规模以上工业企业{{industrial_enterprises}}、"
        "上市企业{{listed_enterprises}}，世界500强企业中有{{world_500_enterprises}}在此设立营业机构"
        "或投资项目。"
    }
    content = load_content(ws / "content", display_root=ws)
    index = [f.id for f in content.plan.figures].index("industrial_enterprises")
    assert result.figures == {index: (289.0, "")}


def test_editor_note_edit_without_its_prefix(ws, other_templates):
    document = open_docx(other_templates["jianbao"])
    note = paragraph_starting(document, "编者按：")
    set_text(note, note.text.replace("供参阅", "供各单位参阅"))
    result = absorb(ws, document)
    ((path, text),) = result.texts.items()
    assert path == ("meta", "editor_note")
    assert text.startswith("在《大连2049城市愿景规划》中") and text.endswith("供各单位参阅。")


def test_figure_name_edited_in_a_table(ws):
    document = open_docx(ws / "out" / "briefing.docx")
    edit_cell(document, "规模以上工业企业", "规上工业企业")
    result = absorb(ws, document)
    content = load_content(ws / "content", display_root=ws)
    index = [f.id for f in content.plan.figures].index("industrial_enterprises")
    assert result.texts == {("figures", index, "name"): "规上工业企业"}
    assert result.edited_cells == 1


def test_one_text_edited_two_ways_is_a_conflict(ws):
    document = open_docx(ws / "out" / "briefing.docx")
    edit_cell(document, "规模以上工业企业", "规上工业企业", occurrence=0)
    edit_cell(document, "规模以上工业企业", "规模以上的工业企业", occurrence=0)  # the next one
    result = absorb(ws, document)
    (conflict,) = result.conflicts
    assert "different texts" in conflict.message and "规上工业企业" in conflict.message


def test_a_paragraph_added_after_a_table_goes_to_the_end_of_its_section(ws):
    document = open_docx(ws / "out" / "briefing.docx")
    caption = paragraph_starting(document, "表1")  # in section 三, after its paragraphs
    table = caption._p.getnext()
    assert table.tag.endswith("}tbl")
    added = insert_after(paragraph_starting(document, INDUSTRY), "表后新增段落。")
    table.addnext(added._p)  # moved to right after the table
    result = absorb(ws, document)
    (insert,) = result.inserts
    assert (insert.section, insert.text) == (2, "表后新增段落。")
    assert insert.after >= 10**9
    assert any("写在本节最后一段之后" in note for note in result.notes)


def test_cover_title_edit_is_the_meta_title(ws):
    document = open_docx(ws / "out" / "briefing.docx")
    content = load_content(ws / "content", display_root=ws)
    title = content.plan.meta.title
    cover = [p for p in document.paragraphs if p.text == title][0]
    set_text(cover, title + "（修订稿）")
    result = absorb(ws, document)
    assert result.texts == {("meta", "title"): title + "（修订稿）"}


def test_a_footnote_is_listed_as_not_absorbed(ws):
    from docx.oxml import parse_xml

    document = open_docx(ws / "out" / "briefing.docx")
    paragraph = paragraph_starting(document, INDUSTRY)
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    paragraph._p.append(parse_xml(f'<w:r {w}><w:footnoteReference w:id="1"/></w:r>'))
    result = absorb(ws, document)
    assert any("脚注" in item for item in result.not_absorbed)


def test_a_number_with_a_thousands_separator_is_not_read_as_its_tail(ws):
    document = open_docx(ws / "out" / "briefing.docx")
    replace_in(document, INDUSTRY, "规模以上工业企业288家", "规模以上工业企业1,288家")
    result = absorb(ws, document)
    (conflict,) = result.conflicts
    assert "1,288家" in conflict.message and not result.figures


def test_a_qualifier_typed_before_a_figure_becomes_its_qualifier(ws):
    document = open_docx(ws / "out" / "briefing.docx")
    replace_in(document, INDUSTRY, "规模以上工业企业288家", "规模以上工业企业约290家")
    result = absorb(ws, document)
    content = load_content(ws / "content", display_root=ws)
    index = [f.id for f in content.plan.figures].index("industrial_enterprises")
    assert result.figures == {index: (290.0, "约")} and result.texts == {}


def test_a_paragraph_retyped_whole_is_an_edit_of_it(ws):
    """Word drops a bookmark whose whole text is typed over: the new paragraph in its place
    is read as that paragraph edited, figures and all."""
    from docx.oxml.ns import qn

    document = open_docx(ws / "out" / "briefing.docx")
    paragraph = paragraph_starting(document, INDUSTRY)
    for node in [
        *paragraph._p.iter(qn("w:bookmarkStart")),
        *paragraph._p.iter(qn("w:bookmarkEnd")),
    ]:
        node.getparent().remove(node)
    set_text(paragraph, paragraph.text.replace("重大", "重要").replace("288家", "290家"))
    result = absorb(ws, document)
    assert not result.inserts and not result.deletes
    ((path, text),) = result.texts.items()
    assert path == ("sections", 2, "paragraphs", 0) and "{{industrial_enterprises}}" in text
    assert len(result.figures) == 1


def test_digits_in_an_added_paragraph_are_noted(ws):
    document = open_docx(ws / "out" / "briefing.docx")
    insert_after(paragraph_starting(document, INDUSTRY), "另有企业12家。")
    result = absorb(ws, document)
    assert len(result.inserts) == 1
    assert any("数字按文字写入" in note for note in result.notes)


def _chart_xml_parts(document):
    return [
        part
        for part in document.part.package.iter_parts()
        if str(part.partname).startswith("/word/charts/chart")
    ]


def test_a_value_edited_in_a_native_charts_data_updates_the_figure(ws):
    """Word's 编辑数据 changes the embedded workbook and the chart's cached values."""
    from lxml import etree

    document = open_docx(ws / "out" / "briefing.docx")
    changed = False
    for part in _chart_xml_parts(document):
        root = etree.fromstring(part.blob)
        c = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
        values = root.findall(f".//{c}ser/{c}val//{c}numCache/{c}pt/{c}v")
        if values and float(values[0].text or "nan") == 288:
            values[0].text = "300"
            part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
            changed = True
    assert changed, "no native chart draws 288"
    result = absorb(ws, document)
    content = load_content(ws / "content", display_root=ws)
    index = [f.id for f in content.plan.figures].index("industrial_enterprises")
    assert result.figures == {index: (300.0, "")} and not result.conflicts


def test_a_key_figure_edited_in_the_chart_panel_updates_the_figure(ws):
    document = open_docx(ws / "out" / "briefing.docx")
    panel = next(t for t in document.tables if t._tbl.find(".//{*}tblCaption") is not None
                 and any(c.text.startswith("50余家") for r in t.rows for c in r.cells))  # fmt: skip
    tile = next(p for r in panel.rows for c in r.cells for p in c.paragraphs if p.text == "50余家")
    set_text(tile, "55余家")
    result = absorb(ws, document)
    content = load_content(ws / "content", display_root=ws)
    index = [f.id for f in content.plan.figures].index("world_500_enterprises")
    assert result.figures == {index: (55.0, "余")} and result.edited_cells == 1


def test_structure_chart_text_is_listed_as_not_absorbed(ws):
    document = open_docx(ws / "out" / "briefing.docx")
    content = load_content(ws / "content", display_root=ws)
    field = next(
        f for framework in content.plan.industry for g in framework.groups for f in g.fields
    )
    cell = next(p for t in document.tables for r in t.rows for c in r.cells for p in c.paragraphs
                if p.text == field)  # fmt: skip
    set_text(cell, field + "产业")
    result = absorb(ws, document)
    assert any(field in item and "生成" in item for item in result.not_absorbed)
    assert not result.changes_anything


def test_a_heading_added_is_listed_not_put_into_a_section(ws):
    document = open_docx(ws / "out" / "briefing.docx")
    added = insert_after(paragraph_starting(document, INDUSTRY), "新的一节")
    added.style = document.styles["Heading 1"]
    result = absorb(ws, document)
    assert not result.inserts
    assert any("新增标题“新的一节”" in item for item in result.not_absorbed)


def test_progress_chart_data_edit_is_listed_as_not_absorbed(ws):
    document = open_docx(ws / "out" / "briefing.docx")
    from absorb_support import edit_chart_value

    edit_chart_value(document, 88.5, 90)  # a share of the progress chart
    result = absorb(ws, document)
    assert any("目标进度图" in item for item in result.not_absorbed)
    assert not result.changes_anything


def test_distribution_edit_is_listed_as_not_absorbed(ws, other_templates):
    document = open_docx(other_templates["jianbao"])
    line = paragraph_starting(document, "报：")
    set_text(line, "报：市委、市政府。")
    result = absorb(ws, document)
    assert any("报尾" in item for item in result.not_absorbed)
    assert not result.changes_anything


def test_a_category_renamed_in_chart_data_is_listed_as_not_absorbed(ws):
    from lxml import etree

    document = open_docx(ws / "out" / "briefing.docx")
    c = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
    for part in _chart_xml_parts(document):
        root = etree.fromstring(part.blob)
        for value in root.findall(f".//{c}ser/{c}cat//{c}pt/{c}v"):
            if value.text == "上市企业":
                value.text = "上市公司"
                part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    result = absorb(ws, document)
    assert any("类别名称" in item for item in result.not_absorbed)
    assert not result.changes_anything


def test_line_breaks_the_writer_sets_in_a_title_are_no_edit(ws):
    """A long title is set in balanced lines with w:br between words (#16): reading it back
    is no edit, and an edit of it is the text without those breaks."""
    from docx.oxml import parse_xml

    document = open_docx(ws / "out" / "briefing.docx")
    content = load_content(ws / "content", display_root=ws)
    title = content.plan.meta.title
    cover = [p for p in document.paragraphs if p.text == title][0]
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    run = cover.runs[0]._r
    run.addnext(parse_xml(f"<w:r {w}><w:br/></w:r>"))
    assert "\n" in cover.text
    assert absorb(ws, document).changes_anything is False
    set_text(cover, title[:3] + "\n" + title[3:] + "（修订稿）")
    result = absorb(ws, document)
    assert result.texts == {("meta", "title"): title + "（修订稿）"}
