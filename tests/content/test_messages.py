"""Validation messages a user can act on: field paths, number forms, pydantic's errors."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from gjz_brief.content.messages import dotted, number_form_message, pydantic_problems
from gjz_brief.content.model import Plan
from gjz_brief.errors import Location


def test_paths_read_as_they_are_written():
    assert dotted(("figures", 0, "value")) == "figures[0].value"
    assert dotted(("meta",)) == "meta" and dotted(()) == ""


@pytest.mark.parametrize(
    ("text", "reading", "words"),
    [
        ("1:20", 80, "base-60"),
        ("2_50", 250, "underscores"),
        ("0x1F", 31, "hexadecimal"),
        ("010", 8, "octal number to YAML 1.1 (8), decimal 10"),
        ("1e3", 1000.0, "not a plain decimal number"),
    ],
)
def test_number_forms_are_named_and_nothing_is_guessed(text, reading, words):
    message, hint = number_form_message(text, reading)
    assert words in message and "plain decimal" in hint


def test_pydantic_errors_become_located_problems_with_hints(plan):
    data = plan.model_dump(mode="json")
    data["figures"][1]["value"] = "many"
    del data["meta"]["title"]
    data["figures"][2]["colour"] = "red"
    with pytest.raises(ValidationError) as raised:
        Plan.model_validate(data)

    def locate(path):
        return Location("content/x.yaml", len(path), field=dotted(path))

    problems = {p.location.field: p for p in pydantic_problems(raised.value, locate, Plan)}
    assert "figures[1].value" in problems and problems["figures[1].value"].hint
    assert "meta" in problems  # a missing field is reported where it is to be added
    assert "title" in problems["meta"].message
    assert any("colour" in p.message for p in problems.values())
