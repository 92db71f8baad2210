"""Property: for any cell format, formula, merge or text number, the figure is exactly what
the sheet shows, or a refusal located at that cell's row.

"What the sheet shows" comes from LibreOffice Calc (CSV export "as shown"), not from our
reader: each generated workbook is converted once and compared row by row.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sheet_support import make_workbook, shown_by_libreoffice, store_results

from gjz_brief.content.locator import ContentLocator
from gjz_brief.content.sheet import apply_sheet
from gjz_brief.content.sheet_values import text_number

ORDINARY_FORMATS = ["General", "0", "0.0", "0.00", "#,##0", "#,##0.00", "0%", "0.00%"]
OTHER_FORMATS = [
    "0.000",
    "0.0%",
    "0.00;(0.00)",
    "0.00;-0.00",
    "[Red]0.00",
    '0.00"家"',
    "@",
    "0.00E+00",
    "yyyy-mm-dd",
    "#,##0,",
    "# ?/?",
    '0;-0;"—"',
]


@dataclass
class Case:
    kind: str  # number, formula, stored-formula, text, merged
    value: Any
    number_format: str = "General"
    unit: str = ""


numbers = st.one_of(
    st.integers(-(10**9), 10**9),
    st.builds(lambda n, k: n / 10**k, st.integers(-(10**9), 10**9), st.integers(1, 6)),
    st.sampled_from([0, 0.5, 2.5, -2.5, 1.005, 38.855, 0.4012, 0.3886, 1234567.891]),
)
formats = st.one_of(st.sampled_from(ORDINARY_FORMATS), st.sampled_from(OTHER_FORMATS))
units = st.sampled_from(["", "%", "家"])


@st.composite
def text_numbers(draw: st.DrawFn) -> str:
    """Numbers typed as text: well-formed ones, and ones read more than one way."""
    number = draw(numbers)
    shapes = [
        f"{number}",
        f"{number:,}",
        f"{number}%",
        f"{number:,.2f}",
        f"{number:,}".replace(",", " "),
        f"{number:,}".replace(",", "X").replace(".", ",").replace("X", "."),  # 1.234,5
        str(number).replace(".", ","),  # a decimal comma
        str(number).translate(str.maketrans("0123456789", "０１２３４５６７８９")),
        f"{number}家",
        f"超{number}",
    ]
    noise = st.text(alphabet="0123456789,.%- _:", min_size=1, max_size=8)
    return draw(st.one_of(st.sampled_from(shapes), noise))


cases = st.one_of(
    st.builds(Case, st.just("number"), numbers, formats, units),
    st.builds(Case, st.just("formula"), numbers, formats, units),
    st.builds(Case, st.just("stored-formula"), numbers, formats, units),
    st.builds(Case, st.just("text"), text_numbers(), st.just("General"), units),
    st.builds(Case, st.just("merged"), st.none(), st.just("General"), units),
)

# What LibreOffice shows for a number: optional (…) or minus, digits grouped in threes or not,
# decimals or an exponent, then %, then text the format adds.
_SHOWN = re.compile(
    r"(?P<open>\()?(?P<sign>-)?(?P<digits>\d{1,3}(?:,\d{3})+|\d+)(?P<fraction>\.\d+)?"
    r"(?P<exponent>E[-+]\d+)?(?P<close>\))?(?P<percent>%)?(?P<literal>\D*)"
)


def shown_value(text: str) -> tuple[Decimal, bool, str] | None:
    """(number, percent, added text) of what LibreOffice shows; None for anything else."""
    match = _SHOWN.fullmatch(text.strip())
    if match is None or bool(match.group("open")) != bool(match.group("close")):
        return None
    number = Decimal(
        match.group("digits").replace(",", "")
        + (match.group("fraction") or "")
        + (match.group("exponent") or "")
    )
    if match.group("open") or match.group("sign"):
        number = -number
    return number, bool(match.group("percent")), match.group("literal").strip()


def _rows(draw_cases: list[Case]) -> tuple[list[list[Any]], dict[str, str], list[str], dict]:
    rows: list[list[Any]] = [["id", "value", "unit"]]
    formats: dict[str, str] = {}
    merges: list[str] = []
    results: dict[str, Any] = {}
    for number, case in enumerate(draw_cases, start=2):
        cell = f"B{number}"
        value: Any = case.value
        if case.kind in ("formula", "stored-formula"):
            value = f"={case.value!r}"
            if case.kind == "stored-formula":
                results[cell] = repr(case.value)
        if case.kind == "merged":
            value = None
            if number > 2 and draw_cases[number - 3].kind != "merged":
                merges.append(f"B{number - 1}:B{number}")
            else:
                value = 7  # nothing above to merge with: an ordinary number
        rows.append([f"f{number}", value, case.unit or None])
        if case.kind != "merged" and case.number_format != "General":
            formats[cell] = case.number_format
    return rows, formats, merges, results


@pytest.mark.slow
@settings(
    max_examples=int(__import__("os").environ.get("SHEET_EXAMPLES", "10")),
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
@given(st.lists(cases, min_size=1, max_size=14))
def test_a_figure_is_what_the_sheet_shows_or_a_located_refusal(draw_cases: list[Case]) -> None:
    rows, formats, merges, results = _rows(draw_cases)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "s.xlsx"
        make_workbook(rows, formats=formats, merges=merges).save(path)
        if results:
            store_results(path, results)
        shown = shown_by_libreoffice(path)
        figures = [{"id": f"f{n}", "unit": ""} for n in range(2, len(rows) + 1)]
        outcome = apply_sheet(figures, path, "s.xlsx", ContentLocator({}, "content"))
    refused_rows = {p.location.line for p in outcome.problems}
    for problem in outcome.problems:
        assert problem.location.file == "s.xlsx" and problem.location.line, str(problem)
        assert problem.location.field and "cell " in problem.location.field, str(problem)
    merged_into = {int(m.split(":")[1][1:]): int(m.split(":")[0][1:]) for m in merges}
    for number, case in enumerate(draw_cases, start=2):
        figure = figures[number - 2]
        if number in refused_rows:
            continue
        display_row = merged_into.get(number, number)
        display = shown[display_row - 1][1] if len(shown) >= display_row else ""
        assert case.kind != "formula", f"row {number}: a formula without a stored result read"
        reading = shown_value(display)
        assert reading is not None, (
            f"row {number}: LibreOffice shows {display!r} but the reader took "
            f"{figure.get('value')!r} ({case})"
        )
        value, percent, literal = reading
        unit = figure["unit"]
        assert Decimal(str(figure["value"])) == value, (number, display, figure, case)
        assert not percent or unit == "%", (number, display, figure, case)
        assert literal in ("", unit), (number, display, figure, case)
    # Ordinary cells (a plain format, a unit that fits) are never refused.
    for number, case in enumerate(draw_cases, start=2):
        plain = case.kind == "number" and case.number_format in ORDINARY_FORMATS
        fits = ("%" in case.number_format) == (case.unit == "%")
        if plain and fits:
            assert number not in refused_rows, [str(p) for p in outcome.problems]


@given(st.text(alphabet="0123456789,.%- _:０１２", max_size=12))
def test_a_text_number_is_read_one_way_or_refused(text: str) -> None:
    """No text is read as a number it could also mean: a comma only groups threes."""
    try:
        shown = text_number(text)
    except ValueError:
        return
    body = text.strip().translate(str.maketrans("０１２", "012")).lstrip("-").rstrip("%").strip()
    assert re.fullmatch(r"\d+(\.\d+)?|\d{1,3}(,\d{3})+(\.\d+)?", body), text
    assert shown.value == Decimal(body.replace(",", "")) * (
        -1 if text.strip().startswith("-") else 1
    )
