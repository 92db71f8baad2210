"""Sheets mean what they show: number formats, formulas, merged ranges, text numbers.

Each example of issue #12 is a test here with the value the build must now print, or the
located refusal it must now give. Sheets are made the ordinary ways (sheet_support.py).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sheet_support import resave_with_libreoffice, save_workbook, set_raw_number, store_results

from gjz_brief.content.formatting import format_figure
from gjz_brief.content.loader import BUILTIN_CONTENT, LoadedContent, load_content
from gjz_brief.errors import ContentError


@pytest.fixture
def root(tmp_path: Path) -> Path:
    shutil.copytree(BUILTIN_CONTENT, tmp_path / "content")
    return tmp_path


def load(root: Path, name: str) -> LoadedContent:
    return load_content(root / "content", display_root=root, sheet=root / name)


def refused(root: Path, name: str) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load(root, name)
    return [str(problem) for problem in caught.value.problems]


def printed(loaded: LoadedContent, figure_id: str) -> str:
    return format_figure(loaded.plan.figure(figure_id))


# --- formulas -------------------------------------------------------------------------------


def test_a_formula_without_a_stored_result_is_refused_at_its_cell(root: Path) -> None:
    # Issue #12: a script wrote =SUM(...) and stored no result; the YAML's 288家 was printed.
    save_workbook(
        [["id", "value"], ["industrial_enterprises", "=SUM(C2:D2)", 250, 40]],
        root / "figures.xlsx",
    )
    (problem,) = refused(root, "figures.xlsx")
    assert problem.startswith(
        "figures.xlsx:2:2 [sheet 指标, cell B2 (value)]: error: the cell holds the formula "
        "=SUM(C2:D2) but no stored result"
    ), problem
    assert "hint: open the workbook in Excel, WPS or LibreOffice and save it" in problem


def test_a_formula_with_a_stored_result_counts_by_its_result(root: Path) -> None:
    path = save_workbook(
        [["id", "value"], ["industrial_enterprises", "=SUM(C2:D2)", 250, 40]],
        root / "figures.xlsx",
    )
    store_results(path, {"B2": 290})  # as Excel or WPS saves it
    assert printed(load(root, "figures.xlsx"), "industrial_enterprises") == "290家"


@pytest.mark.slow
def test_a_workbook_saved_by_libreoffice_stores_its_results(root: Path) -> None:
    path = save_workbook(
        [["id", "value"], ["industrial_enterprises", "=SUM(C2:D2)", 250, 40]],
        root / "figures.xlsx",
    )
    resave_with_libreoffice(path)
    assert printed(load(root, "figures.xlsx"), "industrial_enterprises") == "290家"


def test_a_formula_whose_result_is_an_error_is_refused(root: Path) -> None:
    path = save_workbook(
        [["id", "value"], ["industrial_enterprises", "=1/0"]], root / "figures.xlsx"
    )
    store_results(path, {"B2": "#DIV/0!"})
    (problem,) = refused(root, "figures.xlsx")
    assert "cell B2 (value)]: error: the cell shows the error #DIV/0! (its formula =1/0)" in problem


# --- number formats -------------------------------------------------------------------------


def test_a_percentage_cell_means_its_percentage(root: Path) -> None:
    # Issue #12: 0.4012 shown by Excel as 40.12% was printed 0.4012%.
    save_workbook(
        [["id", "value"], ["q1_investment_share", 0.4012]],
        root / "figures.xlsx",
        formats={"B2": "0.00%"},
    )
    loaded = load(root, "figures.xlsx")
    assert loaded.plan.figure("q1_investment_share").value == 40.12
    assert printed(loaded, "q1_investment_share") == "40.12%"


def test_a_percentage_cell_for_a_figure_in_another_unit_is_refused(root: Path) -> None:
    save_workbook(
        [["id", "value"], ["industrial_enterprises", 0.4012]],
        root / "figures.xlsx",
        formats={"B2": "0.00%"},
    )
    (problem,) = refused(root, "figures.xlsx")
    assert (
        "cell B2 (value)]: error: the cell is formatted as a percentage (it shows 40.12%), but "
        "the figure's unit is '家' (content/figures.yaml:13:11)"
    ) in problem, problem


def test_the_shown_decimals_are_the_value(root: Path) -> None:
    save_workbook(
        [["id", "value"], ["q1_domestic_investment", 68.4449], ["resumption_rate", 98.25]],
        root / "figures.xlsx",
        formats={"B2": "0.0", "B3": "0.0"},
    )
    loaded = load(root, "figures.xlsx")
    # Shown as 68.4 and 98.3 (Excel rounds half away from zero): those are the values.
    assert printed(loaded, "q1_domestic_investment") == "68.4亿元"
    assert printed(loaded, "resumption_rate") == "98.3%"


@pytest.mark.parametrize(
    ("number_format", "expected"),
    [
        ("yyyy-mm-dd", "date or time"),
        ("0.00E+00", "scientific notation"),
        ("#,##0,", "divides the number by 1000"),
        ("# ?/?", "shows a fraction"),
        ('0"万元"', "adds the text '万元', but the figure's unit is '家'"),
        ("[DBNum1]0", "Chinese numerals"),
    ],
)
def test_formats_that_show_another_number_are_refused(
    root: Path, number_format: str, expected: str
) -> None:
    save_workbook(
        [["id", "value"], ["industrial_enterprises", 288]],
        root / "figures.xlsx",
        formats={"B2": number_format},
    )
    (problem,) = refused(root, "figures.xlsx")
    assert "cell B2 (value)]" in problem and expected in problem, problem


def test_a_format_that_adds_the_figure_unit_is_fine(root: Path) -> None:
    save_workbook(
        [["id", "value"], ["industrial_enterprises", 290]],
        root / "figures.xlsx",
        formats={"B2": '#,##0"家"'},
    )
    assert printed(load(root, "figures.xlsx"), "industrial_enterprises") == "290家"


# --- merged ranges --------------------------------------------------------------------------


def test_a_merged_unit_cell_applies_to_every_row_it_covers(root: Path) -> None:
    # Issue #12: 万亿元 merged over two rows reached the first row only; the second kept 亿元,
    # 10 000 times off.
    save_workbook(
        [
            ["id", "value", "unit"],
            ["signed_contract_value", 1.2, "万亿元"],
            ["completed_investment", 0.6, None],
        ],
        root / "figures.xlsx",
        merges=["C2:C3"],
    )
    loaded = load(root, "figures.xlsx")
    assert printed(loaded, "signed_contract_value") == "超1.2万亿元"
    assert printed(loaded, "completed_investment") == "约0.6万亿元"


def test_a_merged_range_across_two_fields_is_refused(root: Path) -> None:
    save_workbook(
        [["id", "value", "unit"], ["industrial_enterprises", 290, None]],
        root / "figures.xlsx",
        merges=["B2:C2"],
    )
    (problem,) = refused(root, "figures.xlsx")
    assert "the merged range B2:C2 joins the columns of value and unit" in problem


def test_a_merged_id_cell_is_a_duplicate_row(root: Path) -> None:
    save_workbook(
        [["id", "value"], ["industrial_enterprises", 290], [None, 291]],
        root / "figures.xlsx",
        merges=["A2:A3"],
    )
    (problem,) = refused(root, "figures.xlsx")
    assert (
        "cell A3 (id)]: error: figure id 'industrial_enterprises' is in the sheet twice "
        "(also in row 2)"
    ) in problem


# --- text numbers ---------------------------------------------------------------------------


def write_csv(root: Path, text: str) -> str:
    (root / "figures.csv").write_text(text, encoding="utf-8")
    return "figures.csv"


def test_a_decimal_comma_is_refused(root: Path) -> None:
    # Issue #12: "1,5" became 15.
    name = write_csv(root, 'id,value\nq1_domestic_investment,"1,5"\n')
    (problem,) = refused(root, name)
    assert problem.startswith(
        "figures.csv:2:2 [sheet figures.csv, cell B2 (value)]: error: '1,5' is written with a "
        "decimal comma"
    ), problem
    assert "hint: write 1.5 with a decimal point" in problem


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ('"1,500"', 1500),
        ('"1,234,567.5"', 1234567.5),
        ("２８８", 288),  # full-width digits
        ("68.40", 68.4),
        ("-0", 0),
    ],
)
def test_text_numbers_read_one_way_only_are_read(root: Path, cell: str, value: float) -> None:
    name = write_csv(root, f"id,value,kind\nq1_domestic_investment,{cell}\n".replace(",kind", ""))
    assert load(root, name).plan.figure("q1_domestic_investment").value == value


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ('"1,50"', "decimal comma"),
        ('"1.234,5"', "uses points to group thousands"),
        ("1 500", "spaces inside the number"),
        ("1e3", "scientific notation"),
        ("NaN", "not a finite number"),
        ("inf", "not a finite number"),
        ("68亿元", "the unit goes in the 'unit' column"),
        ("超42", "the qualifier goes in the 'qualifier' column"),
        ("六十八", "a number in words"),
        ("2_50", "not a number that can be read one way only"),
    ],
)
def test_text_numbers_read_more_than_one_way_are_refused(
    root: Path, cell: str, expected: str
) -> None:
    name = write_csv(root, f"id,value\nq1_domestic_investment,{cell}\n")
    (problem,) = refused(root, name)
    assert "cell B2 (value)]" in problem and expected in problem, problem


def test_a_percent_text_needs_the_unit_percent(root: Path) -> None:
    name = write_csv(root, "id,value\nq1_investment_share,40.12%\nindustrial_enterprises,5%\n")
    (problem,) = refused(root, name)
    assert "cell B3 (value)]" in problem and "the figure's unit is '家'" in problem
    name = write_csv(root, "id,value\nq1_investment_share,40.12%\n")
    assert printed(load(root, name), "q1_investment_share") == "40.12%"


# --- columns, rows and impossible values ----------------------------------------------------


def test_two_value_columns_are_refused(root: Path) -> None:
    # Issue #12: with two value columns the last one won silently.
    name = write_csv(root, "id,value,数值\nindustrial_enterprises,290,300\n")
    (problem,) = refused(root, name)
    assert problem.startswith(
        "figures.csv:1:3 [sheet figures.csv, cell C1 (header)]: error: two columns hold "
        "'value': B and C"
    ), problem


def test_a_huge_value_is_refused_at_its_cell(root: Path) -> None:
    # Issue #12: 1e308 printed 1e+308家.
    save_workbook([["id", "value"], ["industrial_enterprises", 1e308]], root / "figures.xlsx")
    (problem,) = refused(root, "figures.xlsx")
    assert problem.startswith("figures.xlsx:2:2 [sheet 指标, cell B2 (value)]: error:"), problem
    assert "beyond the sane range of a count" in problem or "too large" in problem, problem


@pytest.mark.parametrize("raw", ["NaN", "INF", "-INF"])
def test_a_nan_or_infinite_cell_is_refused_at_its_cell(root: Path, raw: str) -> None:
    # Issue #12: a NaN cell was an internal error.
    path = save_workbook([["id", "value"], ["industrial_enterprises", 1]], root / "figures.xlsx")
    set_raw_number(path, "B2", raw)
    (problem,) = refused(root, "figures.xlsx")
    # openpyxl cannot open such a workbook at all; the reader then finds the cell itself.
    assert problem.startswith(
        f"figures.xlsx:2:2 [sheet1.xml, cell B2]: error: the cell holds '{raw}', which is not a "
        "finite number"
    ), problem


def test_sane_ranges_per_kind(root: Path) -> None:
    name = write_csv(
        root,
        "id,value\nindustrial_enterprises,2000000000000\nresumption_rate,2000000\n"
        "signed_contract_value,2000000000000000\n",
    )
    found = refused(root, name)
    assert len(found) == 3, found
    for cell, kind in (("B2", "count"), ("B3", "rate"), ("B4", "money")):
        assert any(f"cell {cell} (value)]" in p and f"range of a {kind}" in p for p in found)


def test_a_boolean_or_date_value_is_refused(root: Path) -> None:
    import datetime as dt

    save_workbook(
        [
            ["id", "value"],
            ["industrial_enterprises", True],
            ["service_enterprises", dt.date(2020, 1, 1)],
        ],
        root / "figures.xlsx",
    )
    found = refused(root, "figures.xlsx")
    assert any("cell B2 (value)]: error: expected a number, got TRUE" in p for p in found)
    assert any("cell B3 (value)]" in p and "date" in p for p in found), found


# --- empty cells and fixed wording ----------------------------------------------------------


def test_empty_cells_that_keep_the_yaml_value_are_listed(root: Path) -> None:
    name = write_csv(root, "id,value,unit\nindustrial_enterprises,290,\nservice_enterprises,,家\n")
    loaded = load(root, name)
    notes = [str(note) for note in loaded.notes]
    assert (
        "figures.csv:2:3 [sheet figures.csv, cell C2 (unit)]: note: figures[0] "
        "(industrial_enterprises).unit: the cell is empty; the YAML value '家' is kept "
        "(content/figures.yaml:13:11)"
    ) in notes, notes
    assert any("cell B3 (value)]: note: figures[1] (service_enterprises).value" in n for n in notes)
    # Every figure the sheet does not list keeps its YAML values, and is listed too.
    assert sum("is not in the sheet" in n for n in notes) == len(loaded.plan.figures) - 2


def test_fixed_wording_that_no_longer_fits_the_value_stops_the_build(root: Path) -> None:
    # Issue #12: printed: 两万多 kept printing 两万多名 after the sheet said 35000.
    name = write_csv(root, "id,value\nonline_viewers,35000\n")
    (problem,) = refused(root, name)
    assert problem.startswith("figures.csv:2:2 [sheet figures.csv, cell B2 (value)]: error:")
    assert "figures[28] (online_viewers): the fixed wording '两万多' at content/figures.yaml:" in (
        problem
    )
    assert "says 20000多, but the figure is 35000多名" in problem, problem
    assert "the 'printed' column" in problem


def test_the_sheet_can_give_the_new_wording(root: Path) -> None:
    name = write_csv(root, "id,value,printed\nonline_viewers,35000,三万五千多\n")
    assert printed(load(root, name), "online_viewers") == "三万五千多名"
    name = write_csv(root, "id,value,qualifier,printed\nonline_viewers,35000,无,无\n")
    assert printed(load(root, name), "online_viewers") == "35000名"


def test_wording_that_disagrees_with_the_yaml_value_is_refused(write_content) -> None:
    folder = write_content(
        {
            "figures.yaml": """\
                figures:
                  - id: viewers
                    name: 网友
                    value: 35000
                    unit: 名
                    qualifier: 多
                    printed: 两万多
                    kind: count
                    source: 两万多名网友。
                """
        }
    )
    with pytest.raises(ContentError) as caught:
        load_content(folder)
    assert "the fixed wording '两万多'" in str(caught.value)


# --- pasted characters in cells -------------------------------------------------------------


def test_invisible_characters_in_a_cell_are_cleaned_with_a_warning(root: Path) -> None:
    name = write_csv(root, "id,value,unit\nindustrial_enterprises,2\u200b90,家\ufeff\n")
    loaded = load(root, name)
    assert printed(loaded, "industrial_enterprises") == "290家"
    warnings = [str(w) for w in loaded.warnings]
    assert any(
        "cell B2 (value)]: warning: value: removed the invisible format character U+200B" in w
        for w in warnings
    ), warnings
    assert any("cell C2 (unit)]: warning: unit: removed" in w and "U+FEFF" in w for w in warnings)
    name = write_csv(root, "id,value,unit\nindustrial_enterprises,290,家\ue000\n")
    (problem,) = refused(root, name)
    assert "cell C2 (unit)]: error: unit: text contains the private-use character U+E000" in (
        problem
    )


# --- trailing zeros: the number as shown (new-user trial F5) --------------------------------


def test_a_number_format_keeps_the_places_it_shows(root: Path) -> None:
    save_workbook(
        [
            ["id", "value"],
            ["resumption_rate", 6],
            ["q1_domestic_investment", 512.3],
            ["q1_investment_share", 0],
            ["industrial_enterprises", 288],
        ],
        root / "figures.xlsx",
        formats={"B2": "0.0", "B3": "0.00", "B4": "0.0%", "B5": "#,##0"},
    )
    loaded = load(root, "figures.xlsx")
    assert printed(loaded, "resumption_rate") == "6.0%"
    assert printed(loaded, "q1_domestic_investment") == "512.30亿元"
    assert printed(loaded, "q1_investment_share") == "0.0%"
    assert printed(loaded, "industrial_enterprises") == "288家"


def test_a_csv_number_keeps_the_places_written(root: Path) -> None:
    name = write_csv(root, "id,value\nresumption_rate,6.0\nq1_domestic_investment,512.30\n")
    loaded = load(root, name)
    assert printed(loaded, "resumption_rate") == "6.0%"
    assert printed(loaded, "q1_domestic_investment") == "512.30亿元"


def test_a_sheet_value_replaces_the_places_the_yaml_wrote(root: Path) -> None:
    figures = root / "content" / "figures.yaml"
    figures.write_text(
        figures.read_text(encoding="utf-8").replace("value: 98.3\n", "value: 98.30\n", 1),
        encoding="utf-8",
    )
    assert printed(load_content(root / "content"), "resumption_rate") == "98.30%"
    name = write_csv(root, "id,value\nresumption_rate,97\n")
    assert printed(load(root, name), "resumption_rate") == "97%"
