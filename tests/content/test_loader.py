from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest

from gjz_brief.content.loader import load_content
from gjz_brief.errors import ContentError


def problems_of(folder: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_content(folder, display_root=folder.parent)
    return [str(p) for p in caught.value.problems]


def test_minimal_content_loads(write_content):
    loaded = load_content(write_content())
    assert loaded.plan.figure("industrial_enterprises").value == 288
    assert loaded.plan.meta.as_of == dt.date(2020, 4, 30)


def test_builtin_content_loads_without_errors():
    loaded = load_content()
    assert len(loaded.plan.figures) > 20


def test_unknown_field_names_file_line_and_suggests(write_content):
    folder = write_content(
        {
            "figures.yaml": """\
        figures:
          - id: industrial_enterprises
            name: 规模以上工业企业
            vaule: 288
            unit: 家
            kind: count
            source: 原文。
        """
        }
    )
    found = problems_of(folder)
    assert any(
        "content/figures.yaml:4" in p
        and "unknown field 'vaule'" in p
        and "did you mean 'value'" in p
        for p in found
    ), found
    # the missing 'value' is reported too, in the same run
    assert any("missing required field 'value'" in p for p in found), found


def test_text_where_a_number_belongs(write_content):
    folder = write_content(
        {
            "figures.yaml": """\
        figures:
          - id: industrial_enterprises
            name: 规模以上工业企业
            value: 二百八十八
            kind: count
            source: 原文。
        """
        }
    )
    found = problems_of(folder)
    assert any(
        "figures.yaml:4" in p and "figures[0].value" in p and "expected a number" in p
        for p in found
    ), found


def test_list_where_a_mapping_belongs(write_content):
    folder = write_content(
        {
            "vision.yaml": """\
        vision:
          - plan_name: 大连2049城市愿景规划
        """
        }
    )
    found = problems_of(folder)
    assert any("vision.yaml:2" in p and "expected a mapping" in p for p in found), found


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("value", "-3", "a count must be a whole number"),
        ("kind", "share", "share is a percentage between 0 and 100"),
        ("as_of", "2999-01-01", "lies in the future"),
    ],
)
def test_values_out_of_range(write_content, field, value, message):
    body = {"value": "288", "kind": "count"}
    body[field] = value
    if value == "share":
        body["value"] = "130"
    lines = "\n".join(f"    {k}: {v}" for k, v in body.items())
    folder = write_content(
        {
            "figures.yaml": (
                "figures:\n  - id: x\n    name: 指标\n" + lines + "\n    source: 原文。\n"
            )
        }
    )
    found = problems_of(folder)
    assert any(message in p and "figures.yaml:" in p for p in found), found


def test_year_outside_sane_range(write_content, minimal_content):
    folder = write_content({"vision.yaml": minimal_content["vision.yaml"].replace("2049", "20490")})
    found = problems_of(folder)
    assert any("vision.horizon_year" in p and "vision.yaml:3" in p for p in found), found


def test_target_year_before_base_year(write_content):
    folder = write_content(
        {
            "figures.yaml": """\
        figures:
          - id: x
            name: 高新技术企业
            value: 177
            kind: count
            base_year: 2019
            target: {value: 200, year: 2015}
            source: 原文。
        """
        }
    )
    found = problems_of(folder)
    assert any(
        "target year 2015 lies before the base year 2019" in p and "figures.yaml:7" in p
        for p in found
    ), found


def test_unknown_figure_reference_names_file_line_and_id(write_content, minimal_content):
    folder = write_content(
        {
            "figures.yaml": minimal_content["figures.yaml"].replace(
                "{{industrial_enterprises}}", "{{industrial_enterprise}}"
            )
        }
    )
    found = problems_of(folder)
    assert any(
        "figures.yaml:12" in p
        and "unknown figure id 'industrial_enterprise'" in p
        and "did you mean 'industrial_enterprises'" in p
        for p in found
    ), found


def test_duplicate_ids(write_content):
    folder = write_content(
        {
            "more.yaml": """\
        charts:
          - {id: a, kind: bar, title: 图, figures: [industrial_enterprises]}
          - {id: a, kind: bar, title: 图, figures: [nope]}
        """
        }
    )
    found = problems_of(folder)
    assert any("more.yaml:3" in p and "duplicate id 'a'" in p for p in found), found
    assert any("unknown figure id 'nope'" in p for p in found), found


def test_problems_are_sorted_by_file_and_line(write_content):
    folder = write_content(
        {
            "figures.yaml": """\
        figures:
          - id: a
            name: 甲
            value: x
            kind: count
            source: 原文。
          - id: b
            name: 乙
            value: y
            kind: count
            source: 原文。
        """
        }
    )
    found = problems_of(folder)
    lines = [int(p.split(":")[1].split()[0]) for p in found if p.startswith("content/figures")]
    assert lines == sorted(lines) and len(lines) == 2


def test_section_defined_in_two_files(write_content):
    folder = write_content({"extra.yaml": "meta:\n  title: 又一个\n"})
    assert any("'meta' is defined in two files" in p for p in problems_of(folder))


def test_half_width_punctuation_is_normalised(write_content, minimal_content):
    folder = write_content(
        {
            "vision.yaml": minimal_content["vision.yaml"].replace(
                "大连市主城区西部", '位于大连市主城区西部,黄海和渤海之间(见"规划")'
            )
        }
    )
    loaded = load_content(folder)
    assert loaded.plan.vision.location == "位于大连市主城区西部，黄海和渤海之间（见“规划”）"


def test_repetition_is_a_warning_not_a_rewrite(write_content, minimal_content):
    folder = write_content(
        {
            "vision.yaml": minimal_content["vision.yaml"].replace(
                "大连市主城区西部", "大连湾临海装备制造制造业集聚区"
            )
        }
    )
    loaded = load_content(folder, display_root=folder.parent)
    assert loaded.plan.vision.location == "大连湾临海装备制造制造业集聚区"
    assert any(
        "制造制造" in str(w) and "vision.yaml:5" in str(w) and w.severity == "warning"
        for w in loaded.warnings
    ), loaded.warnings


def test_alias_bomb_is_refused_quickly(write_content):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    folder = write_content({"bomb.yaml": "\n".join(lines) + "\n"})
    started = time.process_time()
    found = problems_of(folder)
    assert any("expands to more than" in p for p in found), found
    # bounded work: far less than expanding 10^10 values (not a timing assertion on speed,
    # a sanity bound that fails only if the expansion actually happens)
    assert time.process_time() - started < 30


def test_python_tags_do_not_run(write_content, tmp_path):
    marker = tmp_path / "ran"
    folder = write_content(
        {"evil.yaml": f"x: !!python/object/apply:os.system ['touch {marker}']\n"}
    )
    found = problems_of(folder)
    assert any("!!python/object/apply:os.system is not allowed" in p for p in found), found
    assert not marker.exists()


def test_figures_from_a_csv_sheet(write_content, tmp_path):
    folder = write_content()
    sheet = tmp_path / "figures.csv"
    sheet.write_text("id,value,qualifier\nindustrial_enterprises,300,余\n", encoding="utf-8")
    loaded = load_content(folder, sheet=sheet)
    figure = loaded.plan.figure("industrial_enterprises")
    assert (figure.value, figure.qualifier) == (300, "余")


def test_bad_cell_names_sheet_row_and_column(write_content, tmp_path):
    folder = write_content()
    sheet = tmp_path / "figures.csv"
    sheet.write_text("id,数值\nindustrial_enterprises,很多\nnope,1\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_content(folder, sheet=sheet, display_root=tmp_path)
    found = [str(p) for p in caught.value.problems]
    assert any(
        "figures.csv:2:2" in p
        and "sheet figures.csv, cell B2 (value)" in p
        and "expected a number, got '很多'" in p
        for p in found
    ), found
    assert any("figures.csv:3" in p and "unknown figure id 'nope'" in p for p in found), found


def test_sheet_value_out_of_range_points_at_the_cell(write_content, tmp_path):
    folder = write_content()
    sheet = tmp_path / "figures.csv"
    sheet.write_text("id,value\nindustrial_enterprises,-5\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_content(folder, sheet=sheet, display_root=tmp_path)
    found = [str(p) for p in caught.value.problems]
    assert any("figures.csv:2" in p and "count must be a whole number" in p for p in found), found


def test_figures_from_an_xlsx_sheet(write_content, tmp_path):
    import openpyxl

    folder = write_content()
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "指标"
    sheet.append(["id", "value", "as_of"])
    sheet.append(["industrial_enterprises", 290, dt.datetime(2020, 3, 31)])
    path = tmp_path / "figures.xlsx"
    workbook.save(path)
    figure = load_content(folder, sheet=path, display_root=tmp_path).plan.figures[0]
    assert (figure.value, figure.as_of) == (290, dt.date(2020, 3, 31))
    sheet["B2"] = "abc"
    sheet.append(["industrial_enterprises", 291, None])
    workbook.save(path)
    with pytest.raises(ContentError) as caught:
        load_content(folder, sheet=path, display_root=tmp_path)
    found = [str(p) for p in caught.value.problems]
    assert any("figures.xlsx:2:2 [sheet 指标, cell B2 (value)]" in p for p in found), found
    assert any(
        "cell A3 (id)]: error: figure id 'industrial_enterprises' is in the sheet twice" in p
        for p in found
    ), found


def test_an_unknown_id_in_a_sheet_gets_a_did_you_mean(write_content, tmp_path):
    folder = write_content()
    sheet = tmp_path / "figures.csv"
    sheet.write_text("id,value\nindustrial_enterprize,300\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_content(folder, sheet=sheet, display_root=tmp_path)
    [problem] = [p for p in caught.value.problems if "unknown figure id" in p.message]
    assert problem.hint == "did you mean 'industrial_enterprises'?"


_GROWTH = """\
        figures:
          - id: growth
            name: 地区生产总值增速
            value: {value}
            unit: "%"
            kind: rate
            source: 原文。{extra}
        """


@pytest.mark.parametrize(
    ("value", "extra", "text"),
    [
        ("6.0", "", "6.0%"),
        ("512.30", "", "512.30%"),
        ("0.0", "", "0.0%"),
        ("-1.50", "", "-1.50%"),
        ("6", "", "6%"),
        ("6.25", "", "6.25%"),
        ("6", "\n            decimals: 1", "6.0%"),
        ("6.0", "\n            target: {value: 7.50}", "6.0%"),
    ],
)
def test_a_yaml_number_prints_as_written(write_content, value, extra, text):
    # YAML reads 6.0 as the float 6; the briefing printed 增长6% (new-user trial F5).
    from gjz_brief.content.formatting import format_figure, format_target

    folder = write_content({"figures.yaml": _GROWTH.format(value=value, extra=extra)})
    figure = load_content(folder).plan.figure("growth")
    assert format_figure(figure) == text
    if "target" in extra:
        assert format_target(figure) == "7.50%"


def test_decimals_that_would_cut_digits_are_refused(write_content):
    folder = write_content(
        {"figures.yaml": _GROWTH.format(value="6.25", extra="\n            decimals: 1")}
    )
    (problem,) = problems_of(folder)
    assert "figures[0].decimals" in problem
    assert "decimals 1 would print 6.25 rounded" in problem
