"""YAML errors as located problems."""

from __future__ import annotations

import yaml

from gjz_brief.content.yaml_problems import depth_problem, syntax_problem
from gjz_brief.errors import Location


def test_a_syntax_error_names_its_line_and_column():
    text = "figures:\n  - id: a\n   name: b\n"
    try:
        yaml.safe_load(text)
    except yaml.MarkedYAMLError as error:
        problem = syntax_problem(error, "content/x.yaml", text)
    else:
        raise AssertionError("the YAML was expected to be invalid")
    assert problem.location.file == "content/x.yaml" and problem.location.line in (2, 3)
    assert problem.hint


def test_too_deep_a_nesting_is_its_own_problem():
    problem = depth_problem(Location("x.yaml", 4, 2))
    assert "nested more than" in problem.message and problem.location.line == 4
