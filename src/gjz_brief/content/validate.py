"""Validation of merged content: types and ranges (pydantic), then references and text checks."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable
from typing import Any

from pydantic import ValidationError

from gjz_brief.content.chart_rules import chart_issues
from gjz_brief.content.expansion import expansion_problems
from gjz_brief.content.formatting import REFERENCE, REFERENCE_PARTS, format_figure
from gjz_brief.content.messages import dotted as _dotted
from gjz_brief.content.messages import pydantic_problems
from gjz_brief.content.model import Plan
from gjz_brief.content.numerals import read_wording, wording_value
from gjz_brief.content.punctuation import suspicious_repetitions
from gjz_brief.content.walk import walk_texts
from gjz_brief.content.yaml_source import FieldPath, placeholder_path
from gjz_brief.errors import Location, Problem

Locate = Callable[[FieldPath], Location]
__all__ = ["pydantic_problems", "validate_plan"]  # pydantic_problems: re-export


def reference_problems(plan: Plan, data: dict[str, Any], locate: Locate) -> list[Problem]:
    """Duplicate ids and references to ids that do not exist."""
    problems: list[Problem] = []
    for collection in (
        "figures",
        "charts",
        "tables",
        "sections",
        "milestones",
        "industry",
        "measures",
    ):
        seen: dict[str, int] = {}
        for index, item in enumerate(getattr(plan, collection)):
            if item.id in seen:
                problems.append(
                    Problem(
                        f"{collection}[{index}].id: duplicate id '{item.id}' "
                        f"(also {collection}[{seen[item.id]}])",
                        locate((collection, index, "id")),
                        "give every item its own id",
                    )
                )
            else:
                seen[item.id] = index
    figure_ids = {f.id for f in plan.figures}
    known = {
        "figures": figure_ids,
        "charts": {c.id for c in plan.charts},
        "tables": {t.id for t in plan.tables},
        "frameworks": {i.id for i in plan.industry},
    }
    problems += text_reference_problems(data, figure_ids, locate, _missing_parts(plan))
    for index, chart in enumerate(plan.charts):
        for j, ref in enumerate(chart.figures):
            if ref not in figure_ids:
                problems.append(
                    _unknown(("charts", index, "figures", j), ref, figure_ids, locate, "figure")
                )
        for j, ref in enumerate(chart.frameworks):
            if ref not in known["frameworks"]:
                problems.append(
                    _unknown(
                        ("charts", index, "frameworks", j),
                        ref,
                        known["frameworks"],
                        locate,
                        "industry framework",
                    )
                )
    for index, table in enumerate(plan.tables):
        for j, ref in enumerate(table.figures):
            if ref not in figure_ids:
                problems.append(
                    _unknown(("tables", index, "figures", j), ref, figure_ids, locate, "figure")
                )
    for index, section in enumerate(plan.sections):
        for kind in ("charts", "tables"):
            for j, ref in enumerate(getattr(section, kind)):
                if ref not in known[kind]:
                    problems.append(
                        _unknown(("sections", index, kind, j), ref, known[kind], locate, kind[:-1])
                    )
    return problems


# The parts of {{id:part}} that print an optional field, which a figure may lack.
_OPTIONAL_PARTS = {"target": "target", "period": "period"}


def _missing_parts(plan: Plan) -> dict[str, set[str]]:
    """Figure id → the optional parts ({{id:target}}, {{id:period}}) it has nothing for."""
    return {
        figure.id: {part for part, name in _OPTIONAL_PARTS.items() if getattr(figure, name) is None}
        for figure in plan.figures
    }


def _raw_missing_parts(data: Any) -> dict[str, set[str]]:
    """The same, of content that failed its type checks (a field absent or null)."""
    figures = data.get("figures", []) if isinstance(data, dict) else []
    if not isinstance(figures, list):
        return {}
    return {
        f["id"]: {part for part, name in _OPTIONAL_PARTS.items() if f.get(name) is None}
        for f in figures
        if isinstance(f, dict) and isinstance(f.get("id"), str)
    }


def text_reference_problems(
    data: Any,
    figure_ids: set[str],
    locate: Locate,
    missing: dict[str, set[str]] | None = None,
) -> list[Problem]:
    """{{id}} references in text to figures that do not exist, with an unknown part, or
    with a part the figure has no value for ({{id:target}} of a figure without a target,
    which would print nothing), each located at the placeholder's own line and column.
    ``missing``: figure id → the parts it lacks (default: none checked)."""
    problems: list[Problem] = []
    missing = missing or {}
    for path, text in walk_texts(data):
        if path and path[0] == "corrections":
            continue  # corrections quote the source as printed
        for index, match in enumerate(REFERENCE.finditer(text)):
            ref, part = match.group(1), match.group(2)
            where = placeholder_path(path, index)
            if ref not in figure_ids:
                problems.append(_unknown(path, ref, figure_ids, locate, "figure", where))
            elif part and part not in REFERENCE_PARTS:
                problems.append(
                    Problem(
                        f"{_dotted(path)}: unknown reference part ':{part}' in {match.group(0)}",
                        locate(where),
                        f"use one of {', '.join(REFERENCE_PARTS)}",
                    )
                )
            elif part in missing.get(ref, ()):
                field = _OPTIONAL_PARTS[part]
                problems.append(
                    Problem(
                        f"{_dotted(path)}: figure '{ref}' has no {field}, so {match.group(0)} "
                        "would print nothing",
                        locate(where),
                        f"give figure '{ref}' a {field}, or write {{{{{ref}}}}} for its value",
                    )
                )
    return problems


def _raw_figure_ids(data: Any) -> set[str] | None:
    """The figure ids of content that failed its type checks, or None when the figures
    themselves are unreadable (then a reference cannot be judged)."""
    figures = data.get("figures", []) if isinstance(data, dict) else None
    if not isinstance(figures, list):
        return None
    return {f["id"] for f in figures if isinstance(f, dict) and isinstance(f.get("id"), str)}


def _unknown(
    path: FieldPath,
    ref: str,
    known: set[str],
    locate: Locate,
    what: str,
    where: FieldPath | None = None,
) -> Problem:
    close = difflib.get_close_matches(ref, sorted(known), n=1, cutoff=0.6)
    hint = f"did you mean '{close[0]}'?" if close else f"define a {what} with id '{ref}'"
    return Problem(f"{_dotted(path)}: unknown {what} id '{ref}'", locate(where or path), hint)


def date_problems(plan: Plan, locate: Locate, today: dt.date) -> list[Problem]:
    problems: list[Problem] = []
    if plan.meta.as_of > today:
        problems.append(
            Problem(
                f"meta.as_of: {plan.meta.as_of} lies in the future",
                locate(("meta", "as_of")),
                "an as-of date is a past date",
            )
        )
    for index, figure in enumerate(plan.figures):
        if figure.as_of and figure.as_of > today:
            problems.append(
                Problem(
                    f"figures[{index}].as_of: {figure.as_of} lies in the future",
                    locate(("figures", index, "as_of")),
                    "an as-of date is the date the figure was true; targets go under 'target'",
                )
            )
    return problems


def text_warnings(data: dict[str, Any], locate: Locate) -> list[Problem]:
    """Doubled words such as 制造制造 or 率率, reported as warnings and never rewritten."""
    warnings: list[Problem] = []
    for path, text in walk_texts(data):
        if path and path[0] == "corrections":
            continue
        for doubled in suspicious_repetitions(text):
            warnings.append(
                Problem(
                    f"{_dotted(path)}: suspicious repetition '{doubled}'",
                    locate(path),
                    "check for a copy error; it is left as written",
                    severity="warning",
                )
            )
    return warnings


def chart_problems(plan: Plan, locate: Locate) -> list[Problem]:
    """What each chart needs of the content (content.chart_rules, which the charts apply too)."""
    return [
        Problem(
            f"{_dotted(('charts', index, *issue.path))}: {issue.message}",
            locate(("charts", index, *issue.path)),
            issue.hint,
        )
        for index, spec in enumerate(plan.charts)
        for issue in chart_issues(spec, plan)
    ]


def wording_problems(plan: Plan, locate: Locate) -> list[Problem]:
    """A figure's fixed wording (``printed: 两万多``) must say its value and qualifier: a value
    changed in a sheet without new wording would otherwise print the old number in words.

    The problem is located where the value comes from (the sheet cell or the YAML line) and
    names where the wording is written.
    """
    problems: list[Problem] = []
    for index, figure in enumerate(plan.figures):
        if figure.printed is None:
            continue
        path = ("figures", index)
        wording_at = locate((*path, "printed"))
        value_at = locate((*path, "value"))
        wording = read_wording(figure.printed)
        if wording is None:
            problems.append(
                Problem(
                    f"{_dotted((*path, 'printed'))}: the wording {figure.printed!r} is not a "
                    "number in words or digits that can be checked against the value",
                    wording_at,
                    "write the number as printed without the unit, such as 两万多, 三千五百, "
                    "1.2万 or 超42; or remove 'printed' to print the value in digits",
                )
            )
            continue
        number = format_figure(figure.model_copy(update={"printed": None}))
        if wording.value != wording_value(figure.value) or wording.qualifier != figure.qualifier:
            said = f"{wording.value.normalize():f}{wording.qualifier}"
            same_place = value_at == wording_at or (
                value_at.file == wording_at.file and value_at.line == wording_at.line
            )
            places = "" if same_place else f" (the value at {value_at})"
            problems.append(
                Problem(
                    f"{_dotted(path)} ({figure.id}): the fixed wording {figure.printed!r} at "
                    f"{wording_at} says {said}, but the figure is {number}{places}; it would "
                    "print the old number",
                    value_at,
                    "write the new wording next to the value (in a sheet: the 'printed' column, "
                    "印刷形式, e.g. 三万五千), or write 无 there to print the digits",
                )
            )
    return problems


def validate_plan(data: Any, locate: Locate, today: dt.date) -> tuple[Plan | None, list[Problem]]:
    """Validate merged data; returns the plan (None if types fail) and all problems found."""
    try:
        plan = Plan.model_validate(data, strict=True)
    except ValidationError as error:
        # Report unknown {{id}}s in the same run as the type errors, not after them.
        problems = pydantic_problems(error, locate, Plan)
        figure_ids = _raw_figure_ids(data)
        if figure_ids is not None:
            problems += text_reference_problems(data, figure_ids, locate, _raw_missing_parts(data))
        return None, problems
    problems = reference_problems(plan, data, locate)
    problems += expansion_problems(plan, data, locate)  # limits after {{id}} expansion
    problems += date_problems(plan, locate, today)
    problems += chart_problems(plan, locate)
    problems += wording_problems(plan, locate)
    problems += text_warnings(data, locate)
    return plan, problems
