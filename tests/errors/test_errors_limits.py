"""Every size limit of content/limits.py, crossed by a generated input: a clear error, exit 2."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from errors_support import assert_no_traceback, edit, run_cli

from gjz_brief.content import limits


def validate(workspace: Path) -> str:
    result = run_cli("validate", "--workspace", str(workspace))
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert_no_traceback(result)
    assert "hint:" in result.stderr
    return result.stderr


def test_limits_are_generous_for_the_builtin_content():
    from gjz_brief.content.loader import BUILTIN_CONTENT, load_content

    files = sorted(BUILTIN_CONTENT.glob("*.yaml"))
    total = sum(p.stat().st_size for p in files)
    assert total * 50 < limits.MAX_TOTAL_BYTES
    assert max(p.stat().st_size for p in files) * 20 < limits.MAX_FILE_BYTES
    plan = load_content().plan
    assert len(plan.figures) * 20 < limits.MAX_LIST_ITEMS
    assert len(plan.charts) * 10 < limits.MAX_CHARTS
    longest = max(len(p) for s in plan.sections for p in s.paragraphs)
    assert longest * 20 < limits.MAX_TEXT_CHARS


def test_file_size(workspace):
    big = workspace / "content" / "big.yaml"
    big.write_text("# " + "x" * limits.MAX_FILE_BYTES + "\nprojects: []\n", encoding="utf-8")
    message = validate(workspace)
    size = big.stat().st_size
    assert (
        f"content/big.yaml: error: file is {size} bytes, more than the limit of "
        f"{limits.MAX_FILE_BYTES} bytes"
    ) in message


def test_total_size_of_all_files(workspace):
    part = limits.MAX_FILE_BYTES - 1024
    for index in range(limits.MAX_TOTAL_BYTES // part + 1):
        (workspace / "content" / f"notes{index}.yaml").write_text(
            "# " + "x" * part + "\n", encoding="utf-8"
        )
    message = validate(workspace)
    assert "more than the limit of 4194304 bytes" in message
    assert "the content files hold " in message


def test_number_of_files(workspace):
    for index in range(limits.MAX_FILES):
        (workspace / "content" / f"empty{index:03}.yaml").write_text("", encoding="utf-8")
    message = validate(workspace)
    count = len(list((workspace / "content").glob("*.yaml")))
    assert f"{count} content files, more than the limit of {limits.MAX_FILES}" in message


def test_number_of_values_in_one_file(workspace):
    values = ", ".join(["0"] * limits.MAX_YAML_NODES)
    (workspace / "content" / "many.yaml").write_text(f"many: [{values}]\n", encoding="utf-8")
    message = validate(workspace)
    assert "content/many.yaml:1:" in message
    assert f"the YAML expands to more than {limits.MAX_YAML_NODES} values" in message


def test_number_of_values_counts_all_files_together(workspace):
    half = limits.MAX_YAML_NODES // 2 + 10
    for name in ("many_a", "many_b"):
        values = ", ".join(["0"] * half)
        (workspace / "content" / f"{name}.yaml").write_text(
            f"{name}: [{values}]\n", encoding="utf-8"
        )
    message = validate(workspace)
    assert "all content files together" in message
    assert message.count("expands to more than") == 1  # reported once, not for every file


def test_nesting_depth(workspace):
    depth = limits.MAX_YAML_DEPTH + 1
    (workspace / "content" / "deep.yaml").write_text(
        "deep: " + "[" * depth + "]" * depth + "\n", encoding="utf-8"
    )
    message = validate(workspace)
    assert f"the YAML is nested more than {limits.MAX_YAML_DEPTH} levels deep" in message


def test_list_length(workspace):
    hubs = "".join(f"    - 枢纽{index}\n" for index in range(limits.MAX_LIST_ITEMS + 1))
    edit(workspace / "content" / "vision.yaml", "  hubs:\n", "  hubs:\n" + hubs)
    message = validate(workspace)
    count = int(re.search(r"vision\.hubs: the list has (\d+) items", message).group(1))
    assert count > limits.MAX_LIST_ITEMS
    assert f"more than the limit of {limits.MAX_LIST_ITEMS}" in message


def test_number_of_charts(workspace):
    charts = "".join(
        f"  - {{id: extra_{index}, kind: bar, title: 图{index}, figures: [industrial_enterprises]}}\n"
        for index in range(limits.MAX_CHARTS)
    )
    edit(workspace / "content" / "charts.yaml", "charts:\n", "charts:\n" + charts)
    message = validate(workspace)
    assert f"more than the limit of {limits.MAX_CHARTS}" in message
    assert "charts: the list has " in message


def test_text_length(workspace):
    edit(
        workspace / "content" / "narrative.yaml",
        "      - 近日，大连市",
        "      - " + "长" * (limits.MAX_TEXT_CHARS + 1) + "\n      - 近日，大连市",
    )
    message = validate(workspace)
    assert (
        f"sections[0].paragraphs[0]: text is {limits.MAX_TEXT_CHARS + 1} characters long, "
        f"more than the limit of {limits.MAX_TEXT_CHARS}"
    ) in message


def test_short_text_length(workspace):
    edit(
        workspace / "content" / "figures.yaml",
        "    name: 规模以上工业企业\n",
        "    name: " + "企" * (limits.MAX_SHORT_TEXT_CHARS + 1) + "\n",
    )
    message = validate(workspace)
    assert (
        f"figures[0].name: text is {limits.MAX_SHORT_TEXT_CHARS + 1} characters long, more "
        f"than the limit of {limits.MAX_SHORT_TEXT_CHARS}"
    ) in message


@pytest.mark.parametrize("oversize", ["rows", "bytes"])
def test_figures_sheet(workspace, oversize):
    sheet = workspace / "figures.csv"
    if oversize == "rows":
        rows = ["id,value"] + ["industrial_enterprises,288"] * limits.MAX_SHEET_ROWS
    else:
        rows = ["id,value,source", "industrial_enterprises,288," + "x" * limits.MAX_FILE_BYTES]
    sheet.write_text("\n".join(rows) + "\n", encoding="utf-8")
    (workspace / "gjz-brief.yaml").write_text("figures_sheet: figures.csv\n", encoding="utf-8")
    message = validate(workspace)
    if oversize == "rows":
        assert f"figures.csv: error: more than {limits.MAX_SHEET_ROWS} rows" in message
    else:
        assert f"more than the limit of {limits.MAX_FILE_BYTES}" in message
