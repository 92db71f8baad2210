"""One error hierarchy: where it happened, what to do, and the exit code."""

from __future__ import annotations

from gjz_brief.errors import (
    EXIT_INVALID_INPUT,
    ContentError,
    Location,
    OutputError,
    Problem,
    TemplateError,
)


def test_a_location_reads_as_an_editor_wants_it():
    assert str(Location("content/a.yaml", 3, 5, "figures[0].value")) == (
        "content/a.yaml:3:5 [figures[0].value]"
    )
    assert str(Location(line=2)) == "line 2" and str(Location()) == ""
    assert Location("b", 1).sort_key() < Location("b", 2).sort_key() < Location("c").sort_key()


def test_content_errors_hold_every_error_in_file_order():
    problems = [
        Problem("second", Location("a.yaml", 9)),
        Problem("a warning", Location("a.yaml", 1), severity="warning"),
        Problem("first", Location("a.yaml", 2), "fix it"),
    ]
    error = ContentError(problems)
    assert [p.message for p in error.problems] == ["first", "second"]
    assert str(error).startswith("2 problems in the content:\na.yaml:2: error: first")
    assert error.exit_code == EXIT_INVALID_INPUT and error.hint == "fix it"


def test_an_error_with_one_problem_reads_as_one_line_and_its_hint():
    error = TemplateError.from_problems([Problem("bad", Location("t.yaml", 4), "do this")], "t")
    assert str(error) == "t.yaml:4: bad\n  hint: do this"
    assert OutputError("disk full").exit_code != EXIT_INVALID_INPUT
