"""Issue #12's cases through the real CLI: ``validate`` and ``build`` give one verdict, exit 2
with file:line:column for content errors, and numbers written in YAML 1.1 forms are refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from errors_support import assert_no_traceback, edit, line_of, run_cli


def both(workspace: Path, out: Path) -> tuple[str, str]:
    """stderr of ``validate`` and of ``build``; both must exit 2 without a traceback."""
    checked = run_cli("validate", "--workspace", str(workspace))
    built = run_cli("build", "--workspace", str(workspace), "--out", str(out))
    for result in (checked, built):
        assert result.returncode == 2, (result.returncode, result.stderr)
        assert_no_traceback(result)
        assert "internal error" not in result.stderr
    return checked.stderr, built.stderr


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("1:20", "'1:20' is a base-60 (sexagesimal) number, which YAML 1.1 reads as 80"),
        ("2_50", "'2_50' is a number with underscores, which YAML 1.1 reads as 250"),
        ("0288", "'0288' is an octal number to YAML 1.1"),
        ("0x120", "'0x120' is a hexadecimal number (288)"),
        ("0o440", "'0o440' is an octal number (288)"),
    ],
)
def test_yaml_11_number_forms_are_refused(workspace, out, kept, written, expected):
    # Issue #12: value: 1:20 became 80 and value: 2_50 became 250, and validate said valid.
    figures = workspace / "content" / "figures.yaml"
    edit(figures, "    value: 288\n", f"    value: {written}\n")
    line = line_of(figures, f"value: {written}")
    checked, built = both(workspace, out)
    for message in (checked, built):
        assert f"content/figures.yaml:{line}:12: error: figures[0].value: {expected}" in message
        assert "hint: write the number as plain decimal digits" in message
    kept()


def test_a_time_like_text_stays_text(workspace, out):
    # In a text field 12:30 is the text it looks like (YAML 1.2), not 750 (YAML 1.1).
    figures = workspace / "content" / "figures.yaml"
    edit(figures, "    name: 规模以上工业企业\n", "    name: '12:30'\n")
    edit(figures, "    name: '12:30'\n", "    name: 12:30\n")
    result = run_cli("validate", "--workspace", str(workspace))
    assert result.returncode == 0, result.stderr


def mix_units(workspace: Path) -> tuple[str, str]:
    charts = workspace / "content" / "charts.yaml"
    edit(
        charts,
        "      - world_500_enterprises\n    caption",
        "      - q1_domestic_investment\n    caption",
    )
    return "charts.yaml", "mixes units ('亿元'、'家') on one scale"


def target_zero(workspace: Path) -> tuple[str, str]:
    edit(workspace / "content" / "figures.yaml", "      value: 200\n", "      value: 0\n")
    return "charts.yaml", "its target is 0; a progress bar needs a target above 0"


def target_missing(workspace: Path) -> tuple[str, str]:
    charts = workspace / "content" / "charts.yaml"
    edit(
        charts,
        "      - high_tech_enterprises\n      - q1",
        "      - industrial_enterprises\n      - q1",
    )
    return "charts.yaml", "it has neither a target nor a percentage share"


def no_figures(workspace: Path) -> tuple[str, str]:
    charts = workspace / "content" / "charts.yaml"
    edit(
        charts,
        "    figures:\n      - high_tech_enterprises\n      - q1_investment_share\n"
        "      - resumption_rate\n",
        "    figures: []\n",
    )
    return "charts.yaml", "a progress chart needs at least 1 figure; 'target_progress' lists none"


def many_columns(workspace: Path) -> tuple[str, str]:
    columns = ", ".join(["name", "value", "period", "target"] * 50)
    edit(
        workspace / "content" / "charts.yaml",
        "    columns: [name, value]",
        f"    columns: [{columns}]",
    )
    return "charts.yaml", "tables[0].columns: the column name、period、target、value is listed more"


def title_700(workspace: Path) -> tuple[str, str]:
    edit(
        workspace / "content" / "meta.yaml",
        "  title: 甘井子区发展规划简报",
        "  title: " + "甘" * 700,
    )
    return "meta.yaml", "meta.title: text is 700 characters long, more than the 255"


def title_256(workspace: Path) -> tuple[str, str]:
    edit(
        workspace / "content" / "meta.yaml",
        "  title: 甘井子区发展规划简报",
        "  title: " + "甘" * 256,
    )
    return "meta.yaml", "meta.title: text is 256 characters long, more than the 255 that Word"


def keywords_over_255(workspace: Path) -> tuple[str, str]:
    edit(
        workspace / "content" / "meta.yaml",
        "    - 甘井子区\n",
        "    - " + "甘井子区发展" * 33 + "简报\n",
    )
    return "meta.yaml", "the keywords take"


@pytest.mark.parametrize(
    "change",
    [
        mix_units,
        target_zero,
        target_missing,
        no_figures,
        many_columns,
        title_700,
        title_256,
        keywords_over_255,
    ],
)
def test_validate_and_build_refuse_alike(workspace, out, kept, change):
    # Issue #12: validate called these valid, the build then failed with exit 1.
    name, expected = change(workspace)
    checked, built = both(workspace, out)
    for message in (checked, built):
        assert f"content/{name}:" in message and expected in message, message
        first = message.splitlines()[1]  # "content/x.yaml:LINE:COLUMN: error: ..."
        location = first.split(": error:")[0]
        assert location.count(":") == 2 and all(p.isdigit() for p in location.split(":")[1:])
    assert checked == built
    kept()


def test_negative_bars_are_drawn(workspace, out):
    # Issue #12: a bar chart with a negative value failed the build; it is drawn below zero.
    figures = workspace / "content" / "figures.yaml"
    edit(
        figures,
        "    value: 17\n    unit: 家\n    kind: count",
        "    value: -17\n    unit: 家\n    kind: other",
    )
    checked = run_cli("validate", "--workspace", str(workspace))
    built = run_cli("build", "--workspace", str(workspace), "--out", str(out))
    assert checked.returncode == 0 and built.returncode == 0, (checked.stderr, built.stderr)
    svg = (out / "charts" / "enterprise_base.svg").read_bytes()
    assert svg.startswith(b"<?xml")
