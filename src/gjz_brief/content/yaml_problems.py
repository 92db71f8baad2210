"""Problems found while reading YAML, in words a content editor can act on."""

from __future__ import annotations

import yaml

from gjz_brief.content.limits import MAX_YAML_DEPTH
from gjz_brief.errors import Location, Problem

_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
SYNTAX_HINT = "check indentation, colons and closing brackets on this line or the one before"


def depth_problem(location: Location) -> Problem:
    return Problem(
        f"the YAML is nested more than {MAX_YAML_DEPTH} levels deep",
        location,
        "content needs only a few levels: check for unclosed brackets, runaway indentation "
        "or an alias (*name) inside its own anchor (&name)",
    )


def reader_problem(error: yaml.reader.ReaderError, display: str, text: str) -> Problem:
    """A character YAML refuses outright, located by line and column."""
    if _SAFE_LOADER is not yaml.SafeLoader:  # libyaml counts bytes of UTF-8, not characters
        before = text.encode("utf-8")[: error.position].decode("utf-8", "ignore")
    else:
        before = text[: error.position]
    line = before.count("\n") + 1
    column = len(before) - (before.rfind("\n") + 1) + 1
    character = error.character
    code = ord(character) if isinstance(character, str) else int(character)
    return Problem(
        f"text contains the control character U+{code:04X}, which documents cannot hold",
        Location(display, line, column),
        "delete the invisible character (copying from a web page or PDF can bring it in)",
    )


def syntax_problem(error: yaml.MarkedYAMLError, display: str, text: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    line = mark.line + 1 if mark else None
    column = mark.column + 1 if mark else None
    problem = (error.problem or "invalid YAML").strip()
    context = (error.context or "").strip()
    if context and error.context_mark and mark and error.context_mark.line != mark.line:
        # "while parsing a flow sequence" is more useful with where the bracket was opened
        context += f" that starts at line {error.context_mark.line + 1}"
    message = f"YAML syntax error: {problem}" + (f" ({context})" if context else "")
    hint = SYNTAX_HINT
    source_lines = text.splitlines()
    line_text = source_lines[line - 1] if line and line <= len(source_lines) else ""
    if "\t" in line_text[: len(line_text) - len(line_text.lstrip())] or "'\\t'" in problem:
        message = "YAML syntax error: a tab character is used for indentation"
        hint = "indent with spaces, not tabs"
    elif "undefined alias" in problem:
        hint = "an alias *name needs an anchor &name earlier in the same file"
    elif "unacceptable character" in problem:
        hint = "remove the control character (it is invisible in most editors)"
    return Problem(message, Location(display, line, column), hint)
