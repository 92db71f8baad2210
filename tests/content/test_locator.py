"""One locator for every content position: YAML line and column, or the sheet cell."""

from __future__ import annotations

from gjz_brief.content.locator import ContentLocator
from gjz_brief.content.yaml_source import load_yaml_file
from gjz_brief.errors import Location


def _locator(tmp_path) -> ContentLocator:
    path = tmp_path / "figures.yaml"
    path.write_text("figures:\n  - id: a\n    name: 甲\n    unit: 家\n", encoding="utf-8")
    document = load_yaml_file(path, "content/figures.yaml")
    return ContentLocator({"figures": document}, "content")


def test_a_yaml_value_is_at_its_line_and_column(tmp_path):
    locate = _locator(tmp_path)
    where = locate(("figures", 0, "name"))
    assert (where.file, where.line, where.column) == ("content/figures.yaml", 3, 11)
    assert locate(("figures", 0, "nothing")).line == 2  # the nearest ancestor that has one
    assert locate(("unknown", 1)) == Location("content")  # no file defines it


def test_a_value_from_a_sheet_cell_is_at_the_cell(tmp_path):
    locate = _locator(tmp_path)
    cell = Location("figures.csv", 2, 3, "sheet figures.csv, cell C2 (unit)")
    locate.record_cell(("figures", 0, "unit"), cell)
    assert locate(("figures", 0, "unit")) == cell
    assert locate(("figures", 0, "unit", 0)) == cell  # below a cell: the cell
    assert locate.yaml(("figures", 0, "unit")).line == 4  # the YAML value it replaced
    assert locate(("figures", 0, "name")).file == "content/figures.yaml"
