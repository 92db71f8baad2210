"""The Word renderer: structure, styles, fields, geometry, reproducibility, LibreOffice."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from docx.shared import RGBColor
from lxml import etree
from PIL import Image, ImageDraw

from gjz_brief.document.tree import (
    BulletList,
    ChartImage,
    Cover,
    Distribution,
    Document,
    DocumentMeta,
    FigureBlock,
    Heading,
    KeyFigures,
    KeyFigureTile,
    Masthead,
    PageBreak,
    Paragraph,
    Table,
    TableOfContents,
    Title,
)
from gjz_brief.errors import RenderError, TemplateError
from gjz_brief.render.docx import DEFAULT_OFFICE_FONTS, build_reference_docx, render_docx
from gjz_brief.template.loader import load_theme
from gjz_brief.template.theme import Theme

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
SRC = Path(__file__).resolve().parents[2] / "src"

# 56 distinct-width CJK characters with no punctuation: two full lines of 28 on the grid.
GRID_TEXT = "甘井子区坚持规划引领加大产业规划布局力度选择重点产业领域展开全产业链研究和行业发展趋势分析确定适宜甘井子未来发"


def chart_png(width_px: int = 1300, height_px: int = 780) -> bytes:
    image = Image.new("RGB", (width_px, height_px), "white")
    draw = ImageDraw.Draw(image)
    for index, height in enumerate((288, 188, 250, 17)):
        left = 100 + index * 280
        draw.rectangle([left, height_px - 60 - height * 2, left + 180, height_px - 60], fill="red")
    buffer = io.BytesIO()
    image.save(buffer, "PNG", dpi=(220, 220))
    return buffer.getvalue()


def sample_document(header: str = "甘井子区发展简报") -> Document:
    meta = DocumentMeta(
        title="甘井子区发展简报",
        author="中共大连市甘井子区委宣传部",
        subject="大连2049城市愿景规划",
        keywords=("甘井子", "枢纽新城"),
        date=dt.date(2020, 4, 13),
        header=header,
    )
    blocks = (
        Cover("围绕“新愿景”建设“新枢纽”", "甘井子区发展规划简报", "中共大连市甘井子区委宣传部",
              "2020年4月13日"),
        TableOfContents(),
        PageBreak(),
        Masthead("甘井子区发展简报", "第5期", "甘井子区人民政府办公室", "2020年4月13日",
                 "内部资料 注意保存"),
        Title("围绕“新愿景”建设“新枢纽”"),
        Paragraph("编者按：现将甘井子区有关情况编发如下。", "editor_note"),
        Heading(1, "总体定位", "一、"),
        Paragraph(GRID_TEXT + "。"),
        Paragraph("甘井子区是大连的重大产业承载区。", "lead"),
        Heading(2, "产业基础", "（一）"),
        KeyFigures((KeyFigureTile("规模以上工业企业", "288家"),
                    KeyFigureTile("世界500强企业", "50余家", "设立营业机构或投资项目"),
                    KeyFigureTile("上市企业", "17家"))),
        Heading(3, "企业数量", "1."),
        BulletList(("推动先进制造业迈向高端；", "现代服务业茁壮成长。")),
        Table(1, "甘井子区企业数量", ("类别", "数量（家）"),
              (("规模以上工业企业", "288"), ("上市企业", "17")), numeric_columns=(1,)),
        Paragraph("数据来源：大连甘井子区委宣传部。", "source"),
        FigureBlock(1, "enterprises", "甘井子区企业数量", "柱状图：规模以上工业企业288家。", 150),
        Paragraph("“引号”与——破折号", "quote"),
        Paragraph("注：数据均来自公开报道。", "note"),
        Heading(1, "产业布局", "二、"),
        Paragraph("对接大连“四个中心”核心功能区建设。"),
        Distribution((("报", "市委、市政府"), ("送", "区委各部门"), ("发", "各街道")), "共印50份"),
    )  # fmt: skip
    return Document(meta=meta, blocks=blocks)


def sample_charts(png: bytes | None = None) -> dict[str, ChartImage]:
    return {"enterprises": ChartImage("enterprises", b"<svg/>", png or chart_png(), 150, 90)}


def render(document: Document | None = None, **kwargs) -> bytes:
    return render_docx(
        document or sample_document(), sample_charts(), Theme(), DEFAULT_OFFICE_FONTS, **kwargs
    )


@pytest.fixture(scope="module")
def output() -> bytes:
    return render()


def part(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read(name))


def part_names(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.namelist()


def style_id_of(paragraph: etree._Element) -> str | None:
    style = paragraph.find(f"{W}pPr/{W}pStyle")
    return None if style is None else style.get(f"{W}val")


def paragraph_text(paragraph: etree._Element) -> str:
    return "".join(node.text or "" for node in paragraph.iter(f"{W}t"))


def instructions(root: etree._Element) -> list[str]:
    return [node.text.strip() for node in root.iter(f"{W}instrText")]


def test_reopens_with_python_docx_and_keeps_text(output: bytes) -> None:
    document = docx.Document(io.BytesIO(output))
    texts = [p.text for p in document.paragraphs]
    assert "一、总体定位" in texts  # the Chinese number stays in the heading text
    assert GRID_TEXT + "。" in texts
    assert "（1）推动先进制造业迈向高端；" in texts
    assert document.core_properties.title == "甘井子区发展简报"


def test_headings_use_builtin_styles_with_outline_levels(output: bytes) -> None:
    document = docx.Document(io.BytesIO(output))
    by_text = {p.text: p.style.name for p in document.paragraphs}
    assert by_text["一、总体定位"] == "Heading 1"
    assert by_text["（一）产业基础"] == "Heading 2"
    assert by_text["1.企业数量"] == "Heading 3"
    assert by_text["围绕“新愿景”建设“新枢纽”"] == "Title"
    assert by_text["编者按：现将甘井子区有关情况编发如下。"] == "GJZ Editor Note"
    styles = part(output, "word/styles.xml")
    levels = {
        s.get(f"{W}styleId"): s.find(f"{W}pPr/{W}outlineLvl").get(f"{W}val")
        for s in styles.iter(f"{W}style")
        if s.find(f"{W}pPr/{W}outlineLvl") is not None
    }
    assert levels == {"Heading1": "0", "Heading2": "1", "Heading3": "2"}


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


def test_body_style_follows_gb_t_9704(output: bytes) -> None:
    styles = part(output, "word/styles.xml")
    normal = styles.find(f"{W}style[@{W}styleId='Normal']")
    assert normal.find(f"{W}rPr/{W}sz").get(f"{W}val") == "32"  # 3号 = 16 pt
    assert normal.find(f"{W}pPr/{W}ind").get(f"{W}firstLineChars") == "200"
    assert normal.find(f"{W}pPr/{W}jc").get(f"{W}val") == "both"
    spacing = normal.find(f"{W}pPr/{W}spacing")
    assert (spacing.get(f"{W}line"), spacing.get(f"{W}lineRule")) == ("579", "exact")
    assert (spacing.get(f"{W}before"), spacing.get(f"{W}after")) == ("0", "0")
    title = styles.find(f"{W}style[@{W}styleId='Title']")
    assert title.find(f"{W}rPr/{W}sz").get(f"{W}val") == "44"  # 2号 = 22 pt
    assert title.find(f"{W}rPr/{W}rFonts").get(f"{W}eastAsia") == "方正小标宋简体"
    assert title.find(f"{W}pPr/{W}jc").get(f"{W}val") == "center"


def test_table_of_contents_is_a_prefilled_field(output: bytes) -> None:
    body = part(output, "word/document.xml")
    assert 'TOC \\o "1-2" \\h \\z \\u' in instructions(body)
    entries = [p for p in body.iter(f"{W}p") if style_id_of(p) in ("TOC1", "TOC2")]
    assert [paragraph_text(p) for p in entries] == [
        "一、总体定位",
        "（一）产业基础",
        "二、产业布局",
    ]
    anchors = {link.get(f"{W}anchor") for link in body.iter(f"{W}hyperlink")}
    bookmarks = {mark.get(f"{W}name") for mark in body.iter(f"{W}bookmarkStart")}
    assert anchors and anchors <= bookmarks
    settings = part(output, "word/settings.xml")
    assert settings.find(f"{W}updateFields").get(f"{W}val") == "true"


def test_captions_carry_seq_fields_with_cached_numbers(output: bytes) -> None:
    body = part(output, "word/document.xml")
    captions = [p for p in body.iter(f"{W}p") if style_id_of(p) == "Caption"]
    assert [paragraph_text(p) for p in captions] == [
        "表1　甘井子区企业数量",
        "图1　甘井子区企业数量",
    ]
    found = instructions(body)
    assert "SEQ 表 \\* ARABIC" in found and "SEQ 图 \\* ARABIC" in found


def test_footers_number_pages_outside_on_odd_and_even_pages(output: bytes) -> None:
    settings = part(output, "word/settings.xml")
    assert settings.find(f"{W}evenAndOddHeaders") is not None
    body = part(output, "word/document.xml")
    final = body.find(f"{W}body/{W}sectPr")
    kinds = {ref.get(f"{W}type") for ref in final.findall(f"{W}footerReference")}
    assert kinds == {"default", "even"}
    alignments = set()
    for name in part_names(output):
        if name.startswith("word/footer"):
            footer = part(output, name)
            assert "PAGE" in instructions(footer)
            assert paragraph_text(footer.find(f"{W}p")) == "— 1 —"
            alignments.add(footer.find(f"{W}p/{W}pPr/{W}jc").get(f"{W}val"))
    assert alignments == {"left", "right"}
    headers = [n for n in part_names(output) if n.startswith("word/header")]
    assert headers and all(paragraph_text(part(output, n)) == "甘井子区发展简报" for n in headers)


def test_cover_and_contents_are_sections_without_page_number(output: bytes) -> None:
    body = part(output, "word/document.xml")
    sections = list(body.iter(f"{W}sectPr"))
    assert len(sections) == 3
    cover, contents, main = sections
    assert cover.find(f"{W}footerReference") is None
    assert contents.find(f"{W}footerReference") is None  # and none inherited from the cover
    assert contents.find(f"{W}headerReference") is None
    assert main.find(f"{W}pgNumType").get(f"{W}start") == "1"
    assert paragraph_text(cover.getparent().getparent()) == "2020年4月13日"
    toc_entries = [p for p in body.iter(f"{W}p") if style_id_of(p) in ("TOC1", "TOC2")]
    assert contents.getparent().getparent() is toc_entries[-1]  # ends after the last entry


def test_page_geometry_and_line_grid(output: bytes) -> None:
    section = part(output, "word/document.xml").find(f"{W}body/{W}sectPr")
    size = section.find(f"{W}pgSz")
    assert (size.get(f"{W}w"), size.get(f"{W}h")) == ("11906", "16838")  # A4
    margins = section.find(f"{W}pgMar")
    mm = {side: int(margins.get(f"{W}{side}")) * 25.4 / 1440 for side in
          ("top", "left", "bottom", "right")}  # fmt: skip
    assert mm == pytest.approx({"top": 37, "left": 28, "bottom": 35, "right": 26}, abs=0.05)
    grid = section.find(f"{W}docGrid")
    assert grid.get(f"{W}linePitch") == "579"
    assert grid.get(f"{W}type") == "lines"


def test_figure_is_inline_png_with_alt_text_at_print_resolution(output: bytes) -> None:
    body = part(output, "word/document.xml")
    (properties,) = list(body.iter(f"{WP}docPr"))
    assert properties.get("descr") == "柱状图：规模以上工业企业288家。"
    assert properties.get("title") == "甘井子区企业数量"
    extent = next(body.iter(f"{WP}extent"))
    assert int(extent.get("cx")) == 150 * 36000
    assert int(extent.get("cy")) == round(150 * 36000 * 780 / 1300)
    assert any(name.startswith("word/media/") for name in part_names(output))


def test_table_repeats_its_header_and_right_aligns_numbers(output: bytes) -> None:
    document = docx.Document(io.BytesIO(output))
    table = next(t for t in document.tables if t.style is not None and t.style.name == "GJZ Table")
    rows = table._tbl.findall(f"{W}tr")
    assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None
    assert rows[1].find(f"{W}trPr/{W}tblHeader") is None
    assert table.cell(1, 1).text == "288"
    assert table.cell(1, 1).paragraphs[0].alignment == 2  # RIGHT
    assert table.cell(0, 0).paragraphs[0].style.name == "GJZ Table Header"


def test_masthead_and_distribution(output: bytes) -> None:
    styles = part(output, "word/styles.xml")
    name = styles.find(f"{W}style[@{W}styleId='GJZMastheadName']")
    assert name.find(f"{W}rPr/{W}color").get(f"{W}val") == "C00000"
    rule = styles.find(f"{W}style[@{W}styleId='GJZMastheadLine']/{W}pPr")
    assert rule.find(f"{W}pBdr/{W}bottom").get(f"{W}color") == "C00000"
    assert rule.find(f"{W}tabs/{W}tab").get(f"{W}pos") == "8845"  # right edge of the text
    body = part(output, "word/document.xml")
    line = next(p for p in body.iter(f"{W}p") if style_id_of(p) == "GJZMastheadLine")
    assert paragraph_text(line) == "甘井子区人民政府办公室2020年4月13日"
    assert line.find(f".//{W}tab") is not None
    floating = body.find(f".//{W}tblpPr")
    assert floating.get(f"{W}tblpYSpec") == "bottom"
    table = floating.getparent().getparent()
    assert [paragraph_text(p) for p in table.iter(f"{W}p")] == [
        "报：市委、市政府", "送：区委各部门", "发：各街道", "共印50份"
    ]  # fmt: skip


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


def test_two_renders_are_byte_identical(output: bytes) -> None:
    assert render() == output
    with zipfile.ZipFile(io.BytesIO(output)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert archive.namelist()[0] == "[Content_Types].xml"


def test_renders_are_byte_identical_across_processes(output: bytes) -> None:
    script = (
        "import hashlib, sys; sys.path[:0] = [sys.argv[1], sys.argv[2]]; "
        "import test_docx as t; print(hashlib.sha256(t.render()).hexdigest())"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    result = subprocess.run(
        [sys.executable, "-c", script, str(SRC), str(Path(__file__).parent)],
        capture_output=True, text=True, env=env, timeout=120, check=True,
    )  # fmt: skip
    assert result.stdout.strip() == hashlib.sha256(output).hexdigest()


def test_reference_document_styles_win() -> None:
    reference = docx.Document(io.BytesIO(build_reference_docx(Theme(), DEFAULT_OFFICE_FONTS)))
    reference.styles["Heading 1"].font.color.rgb = RGBColor(0x12, 0x34, 0x56)
    note = reference.styles["GJZ Note"].element
    note.getparent().remove(note)  # a missing style must be added back
    buffer = io.BytesIO()
    reference.save(buffer)
    result = docx.Document(io.BytesIO(render(reference_docx=buffer.getvalue())))
    assert result.styles["Heading 1"].font.color.rgb == RGBColor(0x12, 0x34, 0x56)
    assert result.styles["GJZ Note"] is not None
    texts = [p.text for p in result.paragraphs]
    assert "GJZ Note" not in " ".join(texts)  # the reference's sample body is gone
    assert "一、总体定位" in texts
    assert len(result.sections) == 3  # cover, contents, body


def test_reference_with_localized_style_ids_is_found_by_name() -> None:
    reference = docx.Document(io.BytesIO(build_reference_docx(Theme(), DEFAULT_OFFICE_FONTS)))
    heading = reference.styles["Heading 1"]
    heading.element.set(f"{W}styleId", "1")  # what a Chinese Word writes
    buffer = io.BytesIO()
    reference.save(buffer)
    body = part(render(reference_docx=buffer.getvalue()), "word/document.xml")
    headings = [p for p in body.iter(f"{W}p") if p.find(f"{W}bookmarkStart") is not None]
    assert paragraph_text(headings[0]) == "一、总体定位"
    assert style_id_of(headings[0]) == "1"


def test_bad_reference_document_is_a_template_error() -> None:
    with pytest.raises(TemplateError):
        render(reference_docx=b"not a zip file")


def test_text_is_literal_and_illegal_characters_raise_render_error() -> None:
    literal = Document(sample_document().meta, (Paragraph("<w:b/> & 甘井子"),))
    assert "<w:b/> & 甘井子" in [
        p.text for p in docx.Document(io.BytesIO(render(literal))).paragraphs
    ]
    broken = Document(sample_document().meta, (Paragraph("控制字符\x01"),))
    with pytest.raises(RenderError):
        render(broken)


def test_low_resolution_or_missing_chart_raises_render_error() -> None:
    document = sample_document()
    with pytest.raises(RenderError, match="dpi"):
        render_docx(document, sample_charts(chart_png(600, 360)), Theme(), DEFAULT_OFFICE_FONTS)
    with pytest.raises(RenderError, match="enterprises"):
        render_docx(document, {}, Theme(), DEFAULT_OFFICE_FONTS)


def test_committed_reference_documents_match_the_generator() -> None:
    root = Path(__file__).resolve().parents[2] / "templates"
    for variant in ("full", "onepage", "jianbao"):
        committed = root / variant / "reference.docx"
        assert committed.exists(), committed
        theme = load_theme(root / variant)  # each template's styles start from its theme
        generated = build_reference_docx(theme, DEFAULT_OFFICE_FONTS, variant)
        with zipfile.ZipFile(committed) as old, zipfile.ZipFile(io.BytesIO(generated)) as new:
            assert old.namelist() == new.namelist()
            for name in new.namelist():
                assert old.read(name) == new.read(name), (
                    f"{variant}: {name} is stale; run "
                    f"python -m gjz_brief.render.docx.reference {committed}"
                )


def test_libreoffice_converts_it_with_28_characters_a_line(output: bytes, tmp_path: Path) -> None:
    import pdfplumber
    from prerequisites import require_tool  # here: other processes import this module alone

    require_tool("soffice")
    source = tmp_path / "brief.docx"
    source.write_bytes(output)
    profile = tmp_path / "lo-profile"
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        capture_output=True, timeout=120, check=True,
    )  # fmt: skip
    pdf_path = tmp_path / "brief.pdf"
    assert pdf_path.exists()
    with pdfplumber.open(pdf_path) as pdf:
        assert len(pdf.pages) >= 3
        cover_text = pdf.pages[0].extract_text()
        assert "— 1 —" not in cover_text and "— 2 —" not in cover_text
        lines: dict[int, str] = {}
        for page in pdf.pages:
            for char in page.chars:
                lines[round(page.page_number * 10000 + char["top"])] = (
                    lines.get(round(page.page_number * 10000 + char["top"]), "") + char["text"]
                )
    # The grid paragraph: its first line has the two-character indent, then 26 characters;
    # the second line holds a full 28.
    assert GRID_TEXT[:26] in lines.values()
    assert GRID_TEXT[26:54] in lines.values()


def test_document_without_cover_or_header_is_one_numbered_section() -> None:
    meta = sample_document(header="").meta
    blocks = (
        PageBreak(),  # nothing before it: no blank first page
        Masthead("甘井子区发展简报", "第5期", "甘井子区人民政府办公室", "2020年4月13日"),
        TableOfContents(),
        Heading(4, "层级过深的标题", "（1）"),
        Paragraph("正文。"),
        PageBreak(),
        KeyFigures((KeyFigureTile("上市企业", "17家"),)),
        PageBreak(),
    )
    data = render(Document(meta, blocks))
    body = part(data, "word/document.xml")
    # One numbered section after the contents' own (unnumbered) section.
    assert len(list(body.iter(f"{W}sectPr"))) == 2
    assert not [n for n in part_names(data) if n.startswith("word/header")]
    assert len([n for n in part_names(data) if n.startswith("word/footer")]) == 2
    paragraphs = list(body.iter(f"{W}p"))
    assert paragraphs[0].find(f"{W}pPr/{W}pageBreakBefore") is None
    # The TOC lists only levels 1-2, so it is an empty field with a hint to update it.
    assert "TOC" in " ".join(instructions(body))
    heading = next(p for p in paragraphs if paragraph_text(p) == "（1）层级过深的标题")
    assert style_id_of(heading) == "Heading3"
    # A page break before a table becomes a paragraph holding a page break.
    breaks = [br for br in body.iter(f"{W}br") if br.get(f"{W}type") == "page"]
    assert len(breaks) == 1


def test_page_break_after_cover_adds_no_blank_page() -> None:
    meta = sample_document().meta
    blocks = (Cover("标题", "", "甘井子区", "2020年4月13日"), PageBreak(), Paragraph("正文。"))
    body = part(render(Document(meta, blocks)), "word/document.xml")
    paragraphs = list(body.iter(f"{W}p"))
    assert paragraph_text(paragraphs[-1]) == "正文。"
    assert paragraphs[-1].find(f"{W}pPr/{W}pageBreakBefore") is None
