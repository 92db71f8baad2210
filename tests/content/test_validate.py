"""Validation beyond types: references, dates, chart rules, wordings, doubled words."""

from __future__ import annotations

import datetime as dt

from gjz_brief.content.messages import dotted
from gjz_brief.content.validate import validate_plan
from gjz_brief.errors import Location

TODAY = dt.date(2020, 5, 1)


def _locate(path):
    return Location("content/x.yaml", 1 + len(path), field=dotted(path))


def _problems(data):
    plan, problems = validate_plan(data, _locate, TODAY)
    return plan, {p.location.field: p for p in problems}


def test_valid_data_gives_a_plan_and_no_problem(plan):
    checked, problems = _problems(plan.model_dump())
    assert checked == plan and not problems


def test_unknown_ids_and_duplicates_are_located(plan):
    data = plan.model_dump()
    data["charts"][1]["figures"].append("nothing")
    data["figures"][1]["id"] = data["figures"][0]["id"]
    _, problems = _problems(data)
    assert "unknown figure id 'nothing'" in problems["charts[1].figures[5]"].message
    assert any("id" in field and "figures" in field for field in problems)


def test_dates_in_the_future_and_doubled_words(plan):
    data = plan.model_dump()
    data["meta"]["as_of"] = dt.date(2020, 6, 1)
    data["figures"][0]["name"] = "规模以上工业工业企业"
    _, problems = _problems(data)
    assert "future" in problems["meta.as_of"].message
    warning = problems["figures[0].name"]
    assert warning.severity == "warning" and "工业工业" in warning.message


def test_a_wording_must_say_its_value(plan):
    data = plan.model_dump()
    data["figures"][0]["printed"] = "三百"  # the value is 288
    _, problems = _problems(data)
    assert any("三百" in p.message for p in problems.values())


def test_type_errors_come_back_without_a_plan(plan):
    data = plan.model_dump()
    data["figures"][0]["value"] = "many"
    checked, problems = _problems(data)
    assert checked is None and "figures[0].value" in problems


def test_unknown_references_come_with_the_type_errors_each_at_its_column(write_content):
    import pytest

    from gjz_brief.content.loader import load_content
    from gjz_brief.errors import ContentError

    folder = write_content(
        {
            "figures.yaml": """\
        figures:
          - id: industrial_enterprises
            name: 规模以上工业企业
            value: many
            unit: 家
            kind: count
            source: 现有规模以上工业企业288家。
        sections:
          - id: base
            title: 产业基础
            paragraphs:
              - 现有{{industrial_enterprises}}，另有{{industrial_enterprize}}和{{nothing_here}}。
        """
        }
    )
    with pytest.raises(ContentError) as caught:
        load_content(folder, display_root=folder.parent)
    shown = [str(problem) for problem in caught.value.problems]
    assert any("figures[0].value" in line for line in shown)  # the type error
    line = (
        "      - 现有{{industrial_enterprises}}，另有{{industrial_enterprize}}和{{nothing_here}}。"
    )
    first, second = line.index("{{industrial_enterprize}}"), line.index("{{nothing_here}}")
    unknown = [p for p in caught.value.problems if "unknown figure id" in p.message]
    assert [(p.location.line, p.location.column) for p in unknown] == [
        (12, first + 1),
        (12, second + 1),
    ]
    assert unknown[0].hint == "did you mean 'industrial_enterprises'?"


def test_a_reference_to_a_part_the_figure_lacks_is_located(plan):
    data = plan.model_dump()
    index = next(i for i, f in enumerate(data["figures"]) if f["target"] is None)
    figure = data["figures"][index]
    figure["period"] = None
    with_target = next(f for f in data["figures"] if f["target"] is not None)
    data["meta"]["key_messages"] = [
        f"{{{{{figure['id']}:target}}}}{{{{{figure['id']}:period}}}}"
        f"{{{{{with_target['id']}:target}}}}{{{{{figure['id']}:name}}}}"
    ]
    _, problems = validate_plan(data, _locate, TODAY)
    messages = sorted(p.message for p in problems if p.severity == "error")
    assert messages == [
        f"meta.key_messages[0]: figure '{figure['id']}' has no {part}, so "
        f"{{{{{figure['id']}:{part}}}}} would print nothing"
        for part in ("period", "target")
    ]
    # the placeholder's own position (placeholder_path), not the paragraph's
    assert {p.location.field for p in problems} == {
        "meta.key_messages[0].{{#0}}",
        "meta.key_messages[0].{{#1}}",
    }
