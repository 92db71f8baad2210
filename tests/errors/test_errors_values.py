"""Wrong types, missing and unknown fields, values out of range and broken references, each
through the real CLI: file, line, field, what is expected, a hint, exit 2, outputs kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from errors_support import assert_no_traceback, edit, line_of, run_cli

from gjz_brief.content.yaml_source import YamlProblems, parse_yaml


def failed_build(workspace: Path, out: Path) -> str:
    result = run_cli("build", "--workspace", str(workspace), "--out", str(out))
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert_no_traceback(result)
    return result.stderr


def figures_file(workspace: Path) -> Path:
    return workspace / "content" / "figures.yaml"


def test_text_where_a_number_belongs(workspace, out, kept):
    edit(figures_file(workspace), "    value: 288\n", "    value: 二百八十八\n")
    line = line_of(figures_file(workspace), "value: 二百八十八")
    message = failed_build(workspace, out)
    assert (
        f"content/figures.yaml:{line}:12: error: figures[0].value: expected a number, "
        "got text '二百八十八'"
    ) in message
    assert "hint: write digits only, such as 288 or 38.86" in message
    kept()


def test_a_list_where_a_mapping_belongs(workspace, out, kept):
    vision = workspace / "content" / "vision.yaml"
    vision.write_text("vision:\n  - plan_name: 大连2049城市愿景规划\n", encoding="utf-8")
    message = failed_build(workspace, out)
    assert (
        "content/vision.yaml:2:3: error: vision: expected a mapping of fields, got a list"
    ) in message
    assert "hint: write the fields as 'key: value' lines" in message
    kept()


def test_missing_required_field_names_the_mapping_that_lacks_it(workspace, out, kept):
    source = "    source: 甘井子区是大连的重大产业承载区，现有规模以上工业企业288家，\n"
    edit(figures_file(workspace), source, "")
    line = line_of(figures_file(workspace), "- id: industrial_enterprises")
    message = failed_build(workspace, out)
    assert (
        f"content/figures.yaml:{line}:5: error: figures[0]: missing required field 'source'"
        in message
    )
    assert (
        "hint: 出处（可用顶层 default_source 统一给出）/ source sentence (or default_source)"
        in message
    )
    kept()


def test_unknown_field_suggests_the_known_one(workspace, out, kept):
    edit(figures_file(workspace), "    value: 288\n", "    vaule: 288\n")
    line = line_of(figures_file(workspace), "vaule: 288")
    message = failed_build(workspace, out)
    assert "2 problems in the content:" in message
    assert (
        f"content/figures.yaml:{line}:12: error: figures[0].vaule: unknown field 'vaule'; "
        "did you mean 'value'?"
    ) in message
    assert "hint: allowed fields here: id, name, kind, value, unit" in message
    assert "figures[0]: missing required field 'value'" in message
    kept()


@pytest.mark.parametrize(
    ("old", "new", "needle", "field", "expected"),
    [
        (
            "    value: 288\n",
            "    value: -288\n",
            "value: -288",
            "value",
            "a count must be a whole number ≥ 0",
        ),
        (
            "    value: 38.86\n",
            "    value: 138.86\n",
            "value: 138.86",
            "value",
            "a share is a percentage between 0 and 100",
        ),
        (
            "    base_year: 2019\n",
            "    base_year: 1850\n",
            "base_year: 1850",
            "base_year",
            "expected a value ≥ 1900, got the number 1850",
        ),
        (
            "    target:\n      value: 200\n",
            "    target:\n      year: 2015\n      value: 200\n",
            "year: 2015",
            "target",
            "the target year 2015 lies before the base year 2019",
        ),
        (
            "    as_of: 2019-12-31\n",
            "    as_of: 2999-12-31\n",
            "as_of: 2999-12-31",
            "as_of",
            "2999-12-31 lies in the future",
        ),
        (
            "    value: 288\n",
            "    value: .inf\n",
            "value: .inf",
            "value",
            "expected a finite number, got the number inf",
        ),
    ],
    ids=[
        "negative-count",
        "share-over-100",
        "year-before-1900",
        "target-before-base",
        "as-of-in-future",
        "infinity",
    ],
)
def test_values_out_of_range(workspace, out, kept, old, new, needle, field, expected):
    path = figures_file(workspace)
    edit(path, old, new)
    line = line_of(path, needle)
    message = failed_build(workspace, out)
    assert f"content/figures.yaml:{line}:" in message and f"{field}: {expected}" in message, message
    assert "hint:" in message
    kept()


def test_horizon_year_outside_a_sane_range(workspace, out, kept):
    vision = workspace / "content" / "vision.yaml"
    edit(vision, "horizon_year: 2049", "horizon_year: 20490")
    line = line_of(vision, "horizon_year: 20490")
    message = failed_build(workspace, out)
    assert (
        f"content/vision.yaml:{line}:17: error: vision.horizon_year: expected a value ≤ "
        "2100, got the number 20490"
    ) in message
    assert "hint: 规划远景年" in message
    kept()


def test_as_of_date_in_the_future(workspace, out, kept):
    meta = workspace / "content" / "meta.yaml"
    edit(meta, "as_of: 2020-04-30", "as_of: 2999-04-30")
    line = line_of(meta, "as_of: 2999-04-30")
    message = failed_build(workspace, out)
    assert (
        f"content/meta.yaml:{line}:10: error: meta.as_of: 2999-04-30 lies in the future" in message
    )
    assert "hint: an as-of date is a past date" in message
    kept()


def test_paragraph_naming_an_unknown_figure(workspace, out, kept):
    narrative = workspace / "content" / "narrative.yaml"
    edit(narrative, "{{industrial_enterprises}}", "{{industrial_enterprise}}")
    line = line_of(narrative, "{{industrial_enterprise}}")
    # the placeholder's own column, not the start of the paragraph
    text = narrative.read_text(encoding="utf-8").splitlines()[line - 1]
    column = text.index("{{industrial_enterprise}}") + 1
    message = failed_build(workspace, out)
    assert (
        f"content/narrative.yaml:{line}:{column}: error: sections[2].paragraphs[0]: unknown "
        "figure id 'industrial_enterprise'"
    ) in message
    assert "hint: did you mean 'industrial_enterprises'?" in message
    kept()


@pytest.mark.parametrize("part", ["target", "period"])
def test_paragraph_asking_for_a_part_the_figure_lacks(workspace, out, kept, part):
    # industrial_enterprises has neither a target nor a period: the placeholder printed
    # nothing and both commands passed (new-user trial F3).
    narrative = workspace / "content" / "narrative.yaml"
    placeholder = f"{{{{industrial_enterprises:{part}}}}}"
    edit(narrative, "{{industrial_enterprises}}", placeholder)
    line = line_of(narrative, placeholder)
    text = narrative.read_text(encoding="utf-8").splitlines()[line - 1]
    column = text.index(placeholder) + 1
    expected = (
        f"content/narrative.yaml:{line}:{column}: error: sections[2].paragraphs[0]: figure "
        f"'industrial_enterprises' has no {part}, so {placeholder} would print nothing"
    )
    message = failed_build(workspace, out)
    assert expected in message
    assert f"hint: give figure 'industrial_enterprises' a {part}" in message
    validated = run_cli("validate", "--workspace", str(workspace))
    assert validated.returncode == 2 and expected in validated.stderr
    kept()


def test_chart_naming_an_unknown_figure(workspace, out, kept):
    charts = workspace / "content" / "charts.yaml"
    edit(charts, "      - service_enterprises\n", "      - service_enterprise\n")
    line = line_of(charts, "- service_enterprise")
    message = failed_build(workspace, out)
    assert (
        f"content/charts.yaml:{line}:9: error: charts[1].figures[1]: unknown figure id "
        "'service_enterprise'"
    ) in message
    assert "hint: did you mean 'service_enterprises'?" in message
    kept()


def test_duplicate_ids(workspace, out, kept):
    path = figures_file(workspace)
    edit(path, "  - id: service_enterprises\n", "  - id: industrial_enterprises\n")
    message = failed_build(workspace, out)
    duplicate = [
        n
        for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if text == "  - id: industrial_enterprises"
    ]
    assert len(duplicate) == 2
    assert (
        f"content/figures.yaml:{duplicate[1]}:9: error: figures[1].id: duplicate id "
        "'industrial_enterprises' (also figures[0])"
    ) in message
    assert "hint: give every item its own id" in message
    kept()


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("  title: 甘井子区发展规划简报", '  title: ""', "meta.title: must not be empty"),
        (
            "  title: 甘井子区发展规划简报",
            '  title: "　 "',
            "meta.title: must not be empty (it holds only spaces)",
        ),
        (
            "  title: 甘井子区发展规划简报",
            "  title:",
            "meta.title: expected text, got nothing\n  hint: write the value after the colon",
        ),
    ],
    ids=["empty", "only-spaces", "nothing"],
)
def test_empty_title(workspace, out, kept, old, new, expected):
    meta = workspace / "content" / "meta.yaml"
    edit(meta, old, new)
    line = line_of(meta, new)
    message = failed_build(workspace, out)
    assert f"content/meta.yaml:{line}:" in message and expected in message, message
    assert "hint:" in message
    kept()


def test_a_bad_id_explains_the_rule(workspace, out, kept):
    edit(
        figures_file(workspace), "  - id: industrial_enterprises", "  - id: Industrial-Enterprises"
    )
    message = failed_build(workspace, out)
    assert "figures[0].id: text 'Industrial-Enterprises' is not a valid id" in message
    assert "hint: an id starts with a lowercase letter" in message
    kept()


def test_a_float_tag_without_value_is_an_error_not_a_crash():
    # PyYAML raised IndexError for this; it must be a located problem.
    with pytest.raises(YamlProblems) as caught:
        parse_yaml("a: !!float\n", "c.yaml")
    problem = caught.value.problems[0]
    assert str(problem.location) == "c.yaml:1:4"
    assert problem.message.startswith("invalid value ''")


def test_a_huge_number_is_named_shortly(workspace, out, kept):
    edit(figures_file(workspace), "    value: 288\n", "    value: 1" + "0" * 400 + "\n")
    message = failed_build(workspace, out)
    assert (
        "figures[0].value: the number 100000...(401 digits) is too large to be a number here"
    ) in message
    kept()
