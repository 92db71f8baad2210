"""`gjz-brief absorb` as a clerk uses it: build, edit the DOCX (python-docx; tracked changes
and comments as Word writes them; a LibreOffice re-save), absorb, rebuild, read the PDF and
the DOCX back. Exit codes: 0 absorbed, 2 conflicts or an invalid result (nothing written)."""

from __future__ import annotations

import copy
import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
from absorb_support import (
    add_comment,
    changed_lines,
    copy_workspace,
    edit_cell,
    edit_chart_value,
    insert_after,
    libreoffice_resave,
    open_docx,
    paragraph_starting,
    replace_in,
    set_text,
    track_replace,
)
from cli_support import run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pdf_reading import Reader
from repository import SRC

from gjz_brief.absorb.read import read_edited_docx

INDUSTRY = "甘井子区是大连的"
EPIDEMIC_LAST = "甘井子区将继续探索运用新渠道"


@pytest.fixture(scope="module")
def built_ws(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("absorb-e2e") / "ws"
    assert run_cli("init", str(root)).returncode == 0
    result = run_cli("build", "--workspace", str(root), "--quiet")
    assert result.returncode == 0, result.stderr
    return root


@pytest.fixture
def ws(built_ws: Path, tmp_path: Path) -> Path:
    return copy_workspace(built_ws, tmp_path / "ws")


def contents(ws: Path) -> dict[str, str]:
    return {p.name: p.read_text("utf-8") for p in sorted((ws / "content").glob("*.yaml"))}


def absorb(ws: Path, *args: str):
    return run_cli("absorb", "--workspace", str(ws), *args)


def pdf_paragraphs(pdf: Path) -> str:
    """The PDF's tagged text (structure elements; page headers and footers are artifacts
    and left out), without white space."""
    return re.sub(r"\s+", "", "".join(text for _, text in Reader(pdf).element_texts()))


def edit_in_word(ws: Path, edit) -> Path:
    """The clerk opens out/briefing.docx, edits and saves (Word replaces the link by a file)."""
    docx = ws / "out" / "briefing.docx"
    document = open_docx(docx)
    edit(document)
    docx.unlink()
    document.save(str(docx))
    return docx


def clerk_edits(document) -> None:
    replace_in(document, INDUSTRY, "重大产业承载区", "重要产业承载区")
    replace_in(document, INDUSTRY, "规模以上工业企业288家", "规模以上工业企业290家")
    edit_cell(document, "50余家", "52余家")
    insert_after(paragraph_starting(document, INDUSTRY), "新增段落：甘井子区将加快智能制造发展。")
    replace_in(document, EPIDEMIC_LAST, "两不误", "两不误、两促进")
    heading = [p for p in document.paragraphs if p.text == "二、发展目标"][-1]
    set_text(heading, "二、发展目标与路径")


@pytest.mark.slow
def test_round_trip_edits_reach_the_content_and_the_next_build(ws):
    before = contents(ws)
    edit_in_word(ws, clerk_edits)
    dry = absorb(ws, "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert contents(ws) == before  # --dry-run writes nothing
    assert "dry run: nothing was written" in dry.stdout
    assert "+      - 新增段落：甘井子区将加快智能制造发展。" in dry.stdout
    assert "-    value: 288\n+    value: 290" in dry.stdout
    assert "4 paragraphs, 1 table cells, 2 figures edited" in dry.stdout

    result = absorb(ws)
    assert result.returncode == 0, result.stderr
    after = contents(ws)
    narrative = after["narrative.yaml"].splitlines()
    changed = changed_lines(before["narrative.yaml"], after["narrative.yaml"])
    # The heading's line, the paragraph edited (the new one follows it) and the last one.
    old = before["narrative.yaml"].splitlines()
    assert [old[n - 1].strip()[:12] for n in changed] == [
        "title: 发展目标", "- 甘井子区是大连的重大", "- 甘井子区将继续探索运"]  # fmt: skip
    added = narrative.index("      - 新增段落：甘井子区将加快智能制造发展。")
    assert narrative[added - 1].startswith("      - 甘井子区是大连的重要产业承载区")
    figure_lines = before["figures.yaml"].splitlines()
    assert [figure_lines[n - 1] for n in changed_lines(before["figures.yaml"],
            after["figures.yaml"])] == ["    value: 288", "    value: 50"]  # fmt: skip
    for name in set(before) - {"narrative.yaml", "figures.yaml"}:
        assert after[name] == before[name]
    assert "{{industrial_enterprises}}" in after["narrative.yaml"]

    build = run_cli("build", "--workspace", str(ws), "--if-changed")
    assert build.returncode == 0, build.stderr
    assert "规模以上工业企业：288家 → 290家" in build.stdout
    pdf = pdf_paragraphs(ws / "out" / "briefing.pdf")
    for text in ("重要产业承载区", "新增段落：甘井子区将加快智能制造发展。", "两不误、两促进",
                 "发展目标与路径", "规模以上工业企业290家"):  # fmt: skip
        assert text in pdf, text
    assert "288家" not in pdf and "50余家" not in pdf  # text, tables and charts alike
    assert pdf.count("290家") >= 3 and pdf.count("52余家") >= 3
    rebuilt = read_edited_docx((ws / "out" / "briefing.docx").read_bytes(), "briefing.docx")
    word = "".join(p.text for p in rebuilt.paragraphs)
    assert "新增段落：甘井子区将加快智能制造发展。" in word and "288家" not in word
    # The edited file was kept by that build; it is not offered for absorbing again.
    assert list((ws / "out").glob("briefing.edited-*.docx"))
    again = absorb(ws)
    assert again.returncode == 2 and "absorbed already" in again.stderr


def test_tracked_changes_and_comments_are_listed(ws):
    def edit(document):
        paragraph = paragraph_starting(document, INDUSTRY)
        track_replace(paragraph, "重大", "重要", "张三", "2026-01-05T10:00:00Z")
        add_comment(document, paragraph_starting(document, EPIDEMIC_LAST), "两手抓",
                    "李四", "请补充具体措施")  # fmt: skip

    edit_in_word(ws, edit)
    result = absorb(ws)
    assert result.returncode == 0, result.stderr
    assert "1 paragraphs, 0 table cells, 0 figures edited; 2 tracked changes, 1 comments" in (
        result.stdout
    )
    assert (
        "tracked change (删除) by 张三 on 2026-01-05T10:00:00Z at 「三、加快产业结构优化升级」第1段: "
        "“重大” (read as accepted)" in result.stdout
    )
    assert "tracked change (插入) by 张三" in result.stdout
    comment = (
        "comment by 李四 on 2026-01-05T09:30:00Z at 「六、做好疫情期“两手抓”」第6段 on “两手抓”: "
        "请补充具体措施"
    )
    assert comment in result.stdout
    assert "重要产业承载区" in contents(ws)["narrative.yaml"]


@pytest.mark.slow
def test_a_libreoffice_resave_absorbs_the_same(ws, tmp_path):
    source = tmp_path / "edited.docx"
    document = open_docx(ws / "out" / "briefing.docx")
    clerk_edits(document)
    document.save(str(source))
    profile = tmp_path / "profile"
    resaved = libreoffice_resave(source, tmp_path / "lo", profile)
    direct = absorb(ws, "--dry-run", str(source))
    through_libreoffice = absorb(ws, "--dry-run", str(resaved))
    assert direct.returncode == through_libreoffice.returncode == 0, through_libreoffice.stderr
    assert through_libreoffice.stdout.replace(str(resaved), "FILE") == direct.stdout.replace(
        str(source), "FILE"
    )
    assert through_libreoffice.stderr == direct.stderr == ""
    # An unedited file re-saved by LibreOffice reads as unedited: no formatting noticed.
    untouched = libreoffice_resave(ws / "out" / "briefing.docx", tmp_path / "lo2", profile)
    result = absorb(ws, "--dry-run", str(untouched))
    assert result.returncode == 0 and result.stderr == ""
    assert "0 paragraphs, 0 table cells, 0 figures edited" in result.stdout


def test_a_conflict_exits_2_located_in_docx_and_yaml_and_writes_nothing(ws):
    edit_in_word(ws, lambda d: replace_in(d, INDUSTRY, "重大", "重要"))
    narrative = ws / "content" / "narrative.yaml"
    narrative.write_text(narrative.read_text("utf-8").replace("重大", "核心"), "utf-8")
    before = contents(ws)
    result = absorb(ws)
    assert result.returncode == 2
    assert contents(ws) == before
    line = next(n for n, text in enumerate(before["narrative.yaml"].splitlines(), 1)
                if "核心产业承载区" in text)  # fmt: skip
    assert f"DOCX 「三、加快产业结构优化升级」第1段; content/narrative.yaml:{line}" in result.stderr
    assert "nothing was written" in result.stderr


def test_a_figure_from_the_sheet_is_reported_at_its_cell(ws):
    config = ws / "gjz-brief.yaml"
    config.write_text(config.read_text("utf-8") + "figures_sheet: figures.csv\n", "utf-8")
    (ws / "figures.csv").write_text("id,value\nindustrial_enterprises,288\n", "utf-8")
    assert run_cli("build", "--workspace", str(ws), "--quiet").returncode == 0
    before = contents(ws)

    def edit(document):
        replace_in(document, INDUSTRY, "288家", "290家")
        replace_in(document, INDUSTRY, "重大", "重要")

    edit_in_word(ws, edit)
    result = absorb(ws)
    assert result.returncode == 2
    assert "figures.csv:2:2 [sheet figures.csv, cell B2 (value)]" in result.stderr
    assert "type the new value into the sheet" in result.stderr
    assert contents(ws) == before
    # The clerk's number typed into the sheet: now the wording is absorbed.
    (ws / "figures.csv").write_text("id,value\nindustrial_enterprises,290\n", "utf-8")
    result = absorb(ws)
    assert result.returncode == 0, result.stderr
    assert "重要产业承载区" in contents(ws)["narrative.yaml"]
    assert contents(ws)["figures.yaml"] == before["figures.yaml"]


def test_if_changed_keeps_an_edited_docx_while_no_input_changed(ws):
    docx = edit_in_word(ws, lambda d: replace_in(d, INDUSTRY, "重大", "重要"))
    edited = docx.read_bytes()
    result = run_cli("build", "--workspace", str(ws), "--if-changed")
    assert result.returncode == 0, result.stderr
    assert "briefing.docx was edited by hand; kept" in result.stdout
    assert f"gjz-brief absorb --workspace {ws}" in result.stdout
    # the command is printed as it runs from any folder, gjz-brief on PATH or not
    (command,) = [
        line.split(": ", 1)[1]
        for line in result.stdout.splitlines()
        if "to write the edits into the content: " in line
    ]
    dry_run = subprocess.run(
        [*shlex.split(command), "--dry-run"],
        cwd="/",
        env={**os.environ, "PYTHONPATH": str(SRC)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert dry_run.returncode == 0, dry_run.stderr
    assert any(
        line.startswith("+") and "重要产业承载区" in line for line in dry_run.stdout.splitlines()
    ), dry_run.stdout
    assert docx.read_bytes() == edited and not list((ws / "out").glob("briefing.edited-*"))
    # An input changes: the build runs, keeps the edited file and says what was edited.
    figures = ws / "content" / "figures.yaml"
    figures.write_text(figures.read_text("utf-8").replace("value: 288", "value: 289"), "utf-8")
    result = run_cli("build", "--workspace", str(ws), "--if-changed")
    assert result.returncode == 0, result.stderr
    (kept,) = (ws / "out").glob("briefing.edited-*.docx")
    assert kept.read_bytes() == edited
    assert "edited: 1 paragraphs, 0 table cells, 0 figures, 0 tracked changes, 0 comments" in (
        result.stderr
    )
    assert f"gjz-brief absorb --workspace {ws} {kept}" in result.stderr


_SECTION_PARAGRAPH = re.compile(r"^「.+」第\d+段$")


def _editable(slot) -> bool:
    """Slots whose wording a property example edits: section titles and paragraphs, table
    titles, chart captions."""
    path = slot.path
    if slot.kind != "text" or slot.group.startswith(("chart", "cover", "masthead")):
        return False
    if path[0] == "sections":
        return len(path) == 4 or path[2] == "title"
    return path[0] == "tables" or (path[0] == "charts" and slot.label.startswith("图"))


@pytest.mark.slow
@settings(max_examples=4, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_random_wording_edits_come_back_exactly(built_ws, tmp_path_factory, data):
    """Random wording edits (characters of the text itself inserted, a few deleted, never
    inside a printed figure) to random blocks (section titles and paragraphs, table titles,
    chart captions) → absorb → rebuild: the PDF has every edited text as edited, and the
    YAML diff touches exactly the lines of those blocks."""
    ws = copy_workspace(built_ws, tmp_path_factory.mktemp("prop") / "ws")
    docx = ws / "out" / "briefing.docx"
    baseline = read_edited_docx(docx.read_bytes(), "b.docx").baseline
    candidates = [s for s in baseline.slots if _editable(s)]
    chosen = data.draw(st.lists(st.sampled_from(candidates), min_size=1, max_size=4,
                                unique_by=lambda s: s.path))  # fmt: skip
    document = open_docx(docx)
    wanted: dict[tuple, str] = {}
    for slot in chosen:
        text = slot.built
        inside = {i for start, end, *_ in slot.spans for i in range(start, end + 1)}
        free = [i for i in range(len(text) + 1) if i not in inside or i in (0, len(text))]
        position = data.draw(st.sampled_from(free))
        letters = [c for c in text if "\u4e00" <= c <= "\u9fff"] or ["新"]
        inserted = "".join(data.draw(st.lists(st.sampled_from(letters), min_size=1, max_size=6)))
        new = text[:position] + inserted + text[position:]
        start = data.draw(st.integers(0, len(new)))
        cut = data.draw(st.integers(0, 3))
        covered = set(range(start, start + cut))
        shifted = {i + (len(inserted) if i >= position else 0) for i in inside}
        if covered & shifted or covered & set(range(position, position + len(inserted))):
            cut = 0
        new = new[:start] + new[start + cut :]
        if not new.strip() or new == text:
            new = text + "补"
        paragraph = next(p for p in _paragraphs(document) if _bookmarked(p, slot.name))
        set_text(paragraph, slot.label + slot.prefix + new + slot.suffix)
        wanted[slot.path] = new
    document.save(str(docx.with_name("edited.docx")))
    before = contents(ws)
    result = absorb(ws, str(docx.with_name("edited.docx")))
    assert result.returncode == 0, result.stderr
    after = contents(ws)
    assert after.keys() == before.keys()
    expected: dict[str, set[int]] = {}
    for path in wanted:
        name, line = _line_of(before, path)
        expected.setdefault(name, set()).add(line)
    for name in before:
        assert set(changed_lines(before[name], after[name])) == expected.get(name, set()), name
    build = run_cli("build", "--workspace", str(ws), "--format", "pdf", "--quiet")
    assert build.returncode == 0, build.stderr
    pdf = pdf_paragraphs(ws / "out" / "briefing.pdf")
    for path, text in wanted.items():
        assert re.sub(r"\s+", "", text) in pdf, (path, text)


def _paragraphs(document):
    from absorb_support import all_paragraphs

    return all_paragraphs(document)


def _bookmarked(paragraph, name: str) -> bool:
    from docx.oxml.ns import qn

    return any(b.get(qn("w:name")) == name for b in paragraph._p.iter(qn("w:bookmarkStart")))


def _line_of(files: dict[str, str], path: tuple) -> tuple[str, int]:
    """The content file and line (1-based) of the value at ``path``."""
    from ruamel.yaml import YAML

    for name, text in files.items():
        data = YAML(typ="rt").load(text)
        if isinstance(data, dict) and path[0] in data:
            node = data
            for step in path[:-1]:
                node = node[step]
            last = path[-1]
            line = node.lc.item(last)[0] if isinstance(last, int) else node.lc.value(last)[0]
            return name, line + 1
    raise AssertionError(f"no file defines {path[0]}")


def test_absorb_help_names_the_exit_codes():
    result = run_cli("absorb", "--help")
    assert result.returncode == 0
    assert "--dry-run" in result.stdout and "2 conflicts" in result.stdout


@pytest.mark.slow
def test_a_chart_value_edited_in_word_reaches_every_place_through_libreoffice(ws, tmp_path):
    """编辑数据 on the native bar chart (288 → 300), the file re-saved by LibreOffice:
    the figure changes in figures.yaml and the next build prints 300家 in text, tables
    and charts."""
    document = open_docx(ws / "out" / "briefing.docx")
    edit_chart_value(document, 288, 300)
    source = tmp_path / "chart.docx"
    document.save(str(source))
    resaved = libreoffice_resave(source, tmp_path / "lo", tmp_path / "profile")
    result = absorb(ws, str(resaved))
    assert result.returncode == 0, result.stderr
    assert "0 paragraphs, 0 table cells, 1 figures edited" in result.stdout
    assert "    value: 300\n" in contents(ws)["figures.yaml"]
    assert run_cli("build", "--workspace", str(ws), "--quiet").returncode == 0
    pdf = pdf_paragraphs(ws / "out" / "briefing.pdf")
    assert "288家" not in pdf and pdf.count("300家") >= 3


def test_a_second_plan_with_its_own_structure_absorbs_cleanly(tmp_path):
    """#16's test plan (one plan.yaml, roles by default, a cover title set in balanced
    lines): a sentence's figure and wording come back, and nothing the clerk left alone is
    reported."""
    source = Path(__file__).parents[1] / "support" / "second_plan"
    ws = tmp_path / "plan2"
    shutil.copytree(source, ws)
    assert run_cli("build", "--workspace", str(ws), "--quiet").returncode == 0
    before = contents(ws)

    def edit(document):
        replace_in(document, "上半年，全区数字经济", "超312家", "超320家")
        replace_in(document, "上半年，全区数字经济", "全区", "全区全域")

    edit_in_word(ws, edit)
    result = absorb(ws)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # nothing listed as not absorbed
    after = contents(ws)
    assert (
        changed_lines(before["figures.yaml"], after["figures.yaml"])
        and "value: 320" in (after["figures.yaml"])
    )
    assert len(changed_lines(before["plan.yaml"], after["plan.yaml"])) == 1
    assert "全区全域数字经济核心产业增加值{{core_value_added}}" in after["plan.yaml"]


def retype_cell(document, row_name: str, column: int, text: str) -> None:
    """The clerk selects a cell of 表1's row ``row_name`` and types over it: the cell's
    text set whole (python-docx ``cell.text``), which drops its _GJZ bookmark."""
    rows = [
        row
        for table in document.tables
        for row in table.rows
        if row.cells[0].text == row_name and len(row.cells) == 2
    ]
    assert rows, f"no table row named {row_name!r}"
    rows[0].cells[column].text = text
    assert not rows[0].cells[column]._tc.xpath(".//w:bookmarkStart")  # the bookmark is gone


def test_a_figure_cell_typed_over_whole_is_absorbed(ws):
    before = contents(ws)
    edit_in_word(ws, lambda d: retype_cell(d, "上市企业", 1, "19家"))
    result = absorb(ws)
    assert result.returncode == 0, result.stderr
    assert "not absorbed" not in result.stderr
    after = contents(ws)
    lines = changed_lines(before["figures.yaml"], after["figures.yaml"])
    assert [after["figures.yaml"].splitlines()[n - 1] for n in lines] == ["    value: 19"]
    assert before["figures.yaml"].splitlines()[lines[0] - 1] == "    value: 17"
    assert after["narrative.yaml"] == before["narrative.yaml"]


def test_a_sheet_figure_cell_typed_over_whole_is_a_conflict_at_its_sheet_cell(ws):
    config = ws / "gjz-brief.yaml"
    config.write_text(config.read_text("utf-8") + "figures_sheet: figures.csv\n", "utf-8")
    (ws / "figures.csv").write_text("id,value\nindustrial_enterprises,288\n", "utf-8")
    assert run_cli("build", "--workspace", str(ws), "--quiet").returncode == 0
    before = contents(ws)
    edit_in_word(ws, lambda d: retype_cell(d, "规模以上工业企业", 1, "290家"))
    result = absorb(ws)
    assert result.returncode == 2, result.stderr
    assert "figures.csv:2:2 [sheet figures.csv, cell B2 (value)]" in result.stderr
    assert "表1第1行第2列" in result.stderr
    assert contents(ws) == before


def test_a_wording_cell_typed_over_whole_is_written(ws):
    before = contents(ws)
    edit_in_word(ws, lambda d: retype_cell(d, "规模以上服务业企业", 0, "规模以上服务业单位"))
    result = absorb(ws)
    assert result.returncode == 0, result.stderr
    assert "not absorbed" not in result.stderr
    after = contents(ws)
    lines = changed_lines(before["figures.yaml"], after["figures.yaml"])
    assert [after["figures.yaml"].splitlines()[n - 1] for n in lines] == [
        "    name: 规模以上服务业单位"
    ]
    assert before["figures.yaml"].splitlines()[lines[0] - 1] == "    name: 规模以上服务业企业"


def test_a_cell_typed_over_in_a_table_with_a_row_added_is_listed_where_it_is(ws):
    """With a row added above, a cell's place no longer names its slot: listed, at the
    edited table's own row and column (not "after" the table)."""
    before = contents(ws)

    def edit(document):
        table = next(t for t in document.tables if t.rows[1].cells[0].text == "规模以上工业企业")
        table.rows[1]._tr.addprevious(copy.deepcopy(table.rows[1]._tr))
        table.rows[1].cells[1].text = "300家"

    edit_in_word(ws, edit)
    result = absorb(ws)
    assert result.returncode == 0, result.stderr
    assert "not absorbed: 表1第1行第2列：新增的文字“300家”未写回" in result.stderr
    assert contents(ws) == before
