"""Limits on the text as printed, after every {{id}} reference is filled in (issue #17).

The limits on files and texts apply to what the user wrote; a reference expands to the
figure's printed form or name (up to 200 characters), so 1.2 MB of ``{{id:name}}`` could
become 7.7 million characters to lay out (minutes, gigabytes). The expanded length is
computed without building the strings, and refused with the text's file and line.
"""

from __future__ import annotations

from typing import Any

from gjz_brief.content.formatting import REFERENCE, REFERENCE_PARTS, format_reference
from gjz_brief.content.limits import MAX_TEXT_CHARS
from gjz_brief.content.messages import Locate
from gjz_brief.content.model import Plan
from gjz_brief.content.walk import walk_texts
from gjz_brief.errors import Problem

# All texts together, as printed: about 2 500 pages of 仿宋 at 22 × 28 characters.
MAX_EXPANDED_CHARS = 1_500_000


def expansion_problems(plan: Plan, data: Any, locate: Locate) -> list[Problem]:
    """A problem for each text longer than MAX_TEXT_CHARS once its references are filled
    in, and one when all texts together exceed MAX_EXPANDED_CHARS."""
    figures = {figure.id: figure for figure in plan.figures}
    problems: list[Problem] = []
    total = 0
    for path, text in walk_texts(data):
        length = len(text)
        if "{{" in text:
            for match in REFERENCE.finditer(text):
                figure = figures.get(match.group(1))
                part = match.group(2)
                if figure is None or (part and part not in REFERENCE_PARTS):
                    continue  # reported as an unknown id or part
                length += len(format_reference(figure, part)) - len(match.group(0))
        if length > MAX_TEXT_CHARS and length > len(text):
            problems.append(
                Problem(
                    f"{_dotted(path)}: with its {{{{id}}}} references filled in, the text has "
                    f"{length} characters, more than the limit of {MAX_TEXT_CHARS}",
                    locate(path),
                    "cite fewer figures in this text, or split it into several paragraphs",
                )
            )
        total += length
        if total > MAX_EXPANDED_CHARS:
            problems.append(
                Problem(
                    f"{_dotted(path)}: with their {{{{id}}}} references filled in, the texts "
                    f"reach {total} characters here, more than the limit of "
                    f"{MAX_EXPANDED_CHARS} for a briefing",
                    locate(path),
                    "split the content into several briefings, or cite fewer figures by name",
                )
            )
            break
    return problems


def _dotted(path: tuple[Any, ...]) -> str:
    from gjz_brief.content.messages import dotted

    return dotted(path)
