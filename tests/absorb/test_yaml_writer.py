"""The round-trip YAML writer (absorb/yaml_writer.py): only the edited lines change."""

from __future__ import annotations

from pathlib import Path

import pytest
from absorb_support import changed_lines

from gjz_brief.absorb.engine import END_OF_SECTION, Absorbed, Insert
from gjz_brief.absorb.yaml_writer import apply_changes, load_round_trip
from gjz_brief.content.files import BUILTIN_CONTENT
from gjz_brief.errors import InputError

NARRATIVE = """\
# 正文 (a comment that must stay)
sections:
  - id: first
    title: 第一节   # trailing comment
    paragraphs:
      - 第一段{{a}}。
      - "{{a:period}}，第二段。"
      - '第三段'
    charts: [one, two]
    tables: []
  - id: second
    title: 第二节
    paragraphs:
      - 另一段。
"""

FIGURES = """\
figures:
  - id: a
    name: 企业
    value: 288
    unit: 家
    kind: count
    as_of: null
    source: 原文
"""


def files_of(tmp_path: Path, **texts: str):
    found = {}
    for name, text in texts.items():
        path = tmp_path / f"{name}.yaml"
        path.write_text(text, "utf-8")
        loaded = load_round_trip(path, f"content/{name}.yaml")
        for key in loaded.data:
            found[key] = loaded
    return found


@pytest.mark.parametrize("path", sorted(BUILTIN_CONTENT.glob("*.yaml")), ids=lambda p: p.name)
def test_every_builtin_file_round_trips_byte_for_byte(path):
    loaded = load_round_trip(path, path.name)
    assert loaded.dumped() == path.read_text("utf-8")


def test_only_the_edited_line_changes(tmp_path):
    files = files_of(tmp_path, narrative=NARRATIVE)
    absorbed = Absorbed(texts={("sections", 0, "paragraphs", 1): "{{a:period}}，改过的第二段。"})
    (text,) = apply_changes(files, absorbed).values()
    assert changed_lines(NARRATIVE, text) == [7]
    assert '      - "{{a:period}}，改过的第二段。"\n' in text  # the quoting style is kept


def test_inserted_and_deleted_paragraphs_touch_only_their_lines(tmp_path):
    files = files_of(tmp_path, narrative=NARRATIVE)
    absorbed = Absorbed(
        deletes=[("sections", 0, "paragraphs", 2)],
        inserts=[
            Insert(0, 0, "新段落。", "x"),
            Insert(0, -1, "开头的新段落。", "x"),
            Insert(1, END_OF_SECTION, "节末的新段落。", "x"),
        ],
    )
    (text,) = apply_changes(files, absorbed).values()
    lines = text.splitlines()
    assert lines[5:9] == [
        "      - 开头的新段落。",
        "      - 第一段{{a}}。",
        "      - 新段落。",
        '      - "{{a:period}}，第二段。"',
    ]
    assert "'第三段'" not in text and lines[-1] == "      - 节末的新段落。"
    assert "# 正文 (a comment that must stay)" in text and "# trailing comment" in text
    assert "    charts: [one, two]" in lines


def test_figure_value_and_a_new_qualifier(tmp_path):
    files = files_of(tmp_path, figures=FIGURES)
    (text,) = apply_changes(files, Absorbed(figures={0: (290.0, "超")})).values()
    assert "    value: 290\n    qualifier: 超\n" in text
    assert "    as_of: null\n" in text  # null stays null, not an empty value
    assert changed_lines(FIGURES, text) == [4]


def test_a_decimal_value_is_written_as_one(tmp_path):
    files = files_of(tmp_path, figures=FIGURES)
    (text,) = apply_changes(files, Absorbed(figures={0: (288.5, "")})).values()
    assert "    value: 288.5\n" in text


def test_other_indentation_is_kept(tmp_path):
    flat = "sections:\n- id: first\n  title: 节\n  paragraphs:\n  - 一段。\n  - 二段。\n"
    files = files_of(tmp_path, narrative=flat)
    absorbed = Absorbed(texts={("sections", 0, "paragraphs", 0): "改过的一段。"})
    (text,) = apply_changes(files, absorbed).values()
    assert text == flat.replace("一段。", "改过的一段。", 1)


def test_a_layout_that_cannot_be_reproduced_is_refused(tmp_path):
    odd = "sections:\n  -   id: first\n      title: 节\n"
    path = tmp_path / "odd.yaml"
    path.write_text(odd, "utf-8")
    with pytest.raises(InputError, match="without changing lines nobody edited"):
        load_round_trip(path, "content/odd.yaml")
