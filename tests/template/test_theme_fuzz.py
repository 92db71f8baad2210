"""Every schema-valid theme builds or is refused with a located exit 2 (issue #17).

Hypothesis draws themes from the ranges the theme model itself declares (the same ones the
JSON Schema shows an editor): page geometry, line grid and text styles, including the
extremes. Each is built (PDF and DOCX) through the CLI in this process; "internal error"
(exit 1) is never the answer.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import annotated_types
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gjz_brief.cli import main
from gjz_brief.template.folders import builtin_templates_dir
from gjz_brief.template.theme import STYLE_DESCRIPTIONS, PageGeometry, TextStyle


def _bounds(model: type, name: str) -> tuple[float, float]:
    low, high = float("-inf"), float("inf")
    for item in model.model_fields[name].metadata:
        if isinstance(item, annotated_types.Ge):
            low = float(item.ge)
        elif isinstance(item, annotated_types.Gt):
            low = float(item.gt) + 1e-6
        elif isinstance(item, annotated_types.Le):
            high = float(item.le)
    return low, high


def _number(model: type, name: str, integer: bool = False) -> st.SearchStrategy:
    low, high = _bounds(model, name)
    if integer:
        return st.integers(int(low), int(high))
    # the extremes are where layouts break: draw them often
    return st.one_of(st.sampled_from([low, high]), st.floats(low, high, allow_nan=False))


def _geometry() -> st.SearchStrategy[dict]:
    fields = {
        name: _number(PageGeometry, name, integer=name in ("lines_per_page", "chars_per_line"))
        for name in (
            "page_width_mm", "page_height_mm", "top_mm", "left_mm", "text_width_mm",
            "text_height_mm", "lines_per_page", "chars_per_line", "page_number_gap_mm",
        )
    }  # fmt: skip
    return st.fixed_dictionaries({}, optional=fields)


def _style() -> st.SearchStrategy[dict]:
    fields = {
        name: _number(TextStyle, name)
        for name in (
            "size_pt",
            "first_line_indent_chars",
            "space_before_lines",
            "space_after_lines",
        )
    }
    fields["align"] = st.sampled_from(["left", "center", "justify", "right"])
    fields["bold"] = st.booleans()
    return st.fixed_dictionaries({}, optional=fields)


THEMES = st.fixed_dictionaries(
    {},
    optional={
        "geometry": _geometry(),
        "styles": st.dictionaries(
            st.sampled_from(sorted(STYLE_DESCRIPTIONS)), _style(), max_size=4
        ),
        "snap_to_grid": st.booleans(),
        "punctuation": st.sampled_from(["grid", "compressed"]),
    },
)


@settings(
    max_examples=24,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(theme=THEMES, template=st.sampled_from(["full", "onepage", "jianbao"]))
def test_a_schema_valid_theme_builds_or_is_refused_with_a_location(
    theme: dict, template: str, tmp_path: Path
) -> None:
    workspace = tmp_path / "ws"
    if not workspace.exists():
        assert main(["init", str(workspace)], stdout=io.StringIO(), stderr=io.StringIO()) == 0
    folder = workspace / "templates" / template
    shutil.copyfile(builtin_templates_dir() / template / "layout.yaml", folder / "layout.yaml")
    theme_file = folder / "theme.yaml"
    theme_file.write_text(yaml.safe_dump(theme, allow_unicode=True), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    code = main(
        ["build", "-w", str(workspace), "--template", template, "--out", str(tmp_path / "out")],
        stdout=out,
        stderr=err,
    )
    message = err.getvalue()
    assert "internal error" not in message, (theme, message)
    assert code in (0, 2), (theme, message)
    if code == 2:
        first = message.splitlines()[0]
        # located: the theme file (with line), the template, or the content entry it moved
        assert str(workspace) in first or "content/" in first, first
