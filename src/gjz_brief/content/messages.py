"""Pydantic's findings in words a content editor can act on: what is wrong, and what to write.

Used for the content, the workspace configuration and the template files alike.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from typing import Any, get_args

from pydantic import BaseModel, ValidationError

from gjz_brief.content.yaml_source import FieldPath, non_plain_number
from gjz_brief.errors import Location, Problem

Locate = Callable[[FieldPath], Location]


def dotted(path: FieldPath) -> str:
    """("figures", 0, "value") → "figures[0].value"."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _members(annotation: Any) -> list[type[BaseModel]]:
    """The model classes inside an annotation: list[X], X | None, a discriminated union."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    found: list[type[BaseModel]] = []
    for arg in getattr(annotation, "__args__", ()) or ():
        found += _members(arg)
    return found


def _is_tag(model: type[BaseModel], part: str) -> bool:
    return any(part in get_args(info.annotation) for info in model.model_fields.values())


def _walk(model: type[BaseModel], path: FieldPath) -> tuple[FieldPath, list[type[BaseModel]]]:
    """(the path as written in YAML, the model classes that may hold what it leads to).

    Pydantic puts a discriminated union's tag into the path (blocks.1.toc.title); the YAML has
    no such key (blocks[1].title), so the tag is dropped.
    """
    cleaned: list[str | int] = []
    candidates = [model]
    for part in path:
        if isinstance(part, int):
            cleaned.append(part)
            continue
        owners = [m for m in candidates if str(part) in m.model_fields]
        if owners:
            cleaned.append(part)
            candidates = _members(owners[0].model_fields[str(part)].annotation)
            continue
        tagged = [m for m in candidates if _is_tag(m, str(part))]
        if len(candidates) > 1 and tagged:
            candidates = tagged
            continue
        cleaned.append(part)
        candidates = []
    return tuple(cleaned), candidates


def _model_at(model: type[BaseModel], path: FieldPath) -> type[BaseModel] | None:
    """The pydantic model class that holds the field at ``path`` (for "did you mean")."""
    candidates = _walk(model, path)[1]
    return candidates[0] if len(candidates) == 1 else None


_TYPE_WORDS = {
    "float_type": "a number",
    "int_type": "a whole number",
    "string_type": "text",
    "bool_type": "true or false",
    "list_type": "a list (lines starting with '- ')",
    "dict_type": "a mapping (lines of 'key: value')",
    "model_type": "a mapping of fields",
    "model_attributes_type": "a mapping of fields",
    "date_type": "a date written as YYYY-MM-DD",
    "finite_number": "a finite number",
}
_TYPE_HINTS = {
    "float_type": "write digits only, such as 288 or 38.86 (the unit goes under 'unit')",
    "int_type": "write a whole number without quotes, such as 2035",
    "string_type": "put the text in quotes if it looks like a number, a date or true/false",
    "bool_type": "write true or false",
    "list_type": "write one item per line, each starting with '- '",
    "dict_type": "write one 'key: value' per line, indented under this field",
    "model_type": "write the fields as 'key: value' lines, indented under this one",
    "model_attributes_type": "write the fields as 'key: value' lines, indented under this one",
    "date_type": "write the date as 2020-04-30",
    "finite_number": "write an ordinary number (.inf and .nan cannot be printed)",
}
_BOUNDS = {
    "greater_than_equal": ("≥", "ge"),
    "greater_than": (">", "gt"),
    "less_than_equal": ("≤", "le"),
    "less_than": ("<", "lt"),
}


def _field_description(model: type[BaseModel], path: FieldPath) -> str | None:
    owner = _model_at(model, path[:-1])
    if owner is None or not path or isinstance(path[-1], int):
        return None
    info = owner.model_fields.get(str(path[-1]))
    return info.description if info is not None else None


def _message(item: Any, path: FieldPath, model: type[BaseModel]) -> tuple[str, str | None]:
    """(message, hint) for one pydantic error; ``path`` is pydantic's, with union tags."""
    kind, ctx, value = item["type"], item.get("ctx") or {}, item.get("input")
    described = _field_description(model, path)
    if kind == "extra_forbidden":
        name = str(path[-1])
        owner = _model_at(model, path[:-1])
        known = list(owner.model_fields) if owner else []
        close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
        shown = name if len(name) <= 40 else name[:37] + "..."  # a short excerpt only
        message = f"unknown field '{shown}'" + (f"; did you mean '{close[0]}'?" if close else "")
        return message, (f"allowed fields here: {', '.join(known)}" if known else None)
    if kind in ("float_type", "int_type") and isinstance(value, str):
        reading = non_plain_number(value)
        if reading is not None:
            return number_form_message(value, reading)
    if kind in ("float_type", "int_type") and isinstance(value, int) and abs(value) > 10**15:
        return (
            f"the number {_describe(value)} is too large to be {_TYPE_WORDS[kind]} here",
            "check the digits; write large amounts in a bigger unit (亿元 rather than 元)",
        )
    if kind in _TYPE_WORDS:
        if value is None:  # "title:" with nothing after the colon
            return (
                f"expected {_TYPE_WORDS[kind]}, got nothing",
                "write the value after the colon, or remove the line if the field is optional",
            )
        return f"expected {_TYPE_WORDS[kind]}, got {_describe(value)}", _TYPE_HINTS[kind]
    if kind == "literal_error":
        expected = ctx.get("expected", "")
        return f"{_describe(value)} is not allowed; expected one of {expected}", None
    if kind in _BOUNDS:
        sign, key = _BOUNDS[kind]
        limit = ctx.get(key)
        return (
            f"expected a value {sign} {limit}, got {_describe(value)}",
            described or "check the value",
        )
    if kind == "string_too_short":
        if ctx.get("min_length") == 1:
            return (
                "must not be empty",
                "write the text, or remove the line if the field is optional",
            )
        return f"text is shorter than {ctx.get('min_length')} characters", described
    if kind == "string_too_long":
        return (
            f"text is {len(value) if isinstance(value, str) else '?'} characters long, more "
            f"than the limit of {ctx.get('max_length')}",
            "shorten it; long passages belong in a section's paragraphs",
        )
    if kind == "too_long":
        return (
            f"the list has {ctx.get('actual_length')} items, more than the limit of "
            f"{ctx.get('max_length')}",
            "split the content or shorten the list (see 'Limits' in the README)",
        )
    if kind == "too_short":
        return f"the list needs at least {ctx.get('min_length')} item(s)", described
    if kind == "string_pattern_mismatch":
        return (
            f"{_describe(value)} is not a valid id",
            "an id starts with a lowercase letter and holds only a-z, 0-9 and '_' "
            "(e.g. industrial_enterprises)",
        )
    if kind == "union_tag_invalid":
        key = str(ctx.get("discriminator", "'kind'"))
        tags = [tag.strip(" '") for tag in str(ctx.get("expected_tags", "")).split(",")]
        close = difflib.get_close_matches(str(ctx.get("tag")), tags, n=1, cutoff=0.6)
        return (
            f"unknown {key.strip(chr(39))} {str(ctx.get('tag'))!r}"
            + (f"; did you mean {close[0]!r}?" if close else ""),
            f"use one of: {', '.join(tags)}",
        )
    if kind == "union_tag_not_found":
        key = str(ctx.get("discriminator", "'kind'")).strip("'")
        return f"missing '{key}'", f"every item here starts with '{key}: ...'"
    if kind == "missing":
        return f"missing required field '{path[-1]}'", described
    message = str(item["msg"]).removeprefix("Value error, ")
    return message, described


def number_form_message(text: str, reading: Any) -> tuple[str, str]:
    """(message, hint) for a number not written as a plain decimal number: base 60,
    underscores, octal, hex, binary, a sign, a bare point or an exponent. YAML 1.1 and 1.2
    read these differently (1:20 is 80 or text; 010 is 8 or 10), so none is guessed."""
    plain = format(reading, "g") if isinstance(reading, float) else str(reading)
    body = text.lstrip("+-").lower()
    if ":" in text:
        form = f"a base-60 (sexagesimal) number, which YAML 1.1 reads as {plain}"
    elif "_" in text:
        form = f"a number with underscores, which YAML 1.1 reads as {plain}"
    elif body.startswith("0x"):
        form = f"a hexadecimal number ({plain})"
    elif body.startswith("0b"):
        form = f"a binary number ({plain})"
    elif body.startswith("0o"):
        form = f"an octal number ({plain})"
    elif body.isdigit() and body.startswith("0"):
        form = f"an octal number to YAML 1.1 ({plain}), decimal {int(body)} to YAML 1.2"
    else:
        form = f"not a plain decimal number (it would be read as {plain})"
    return (
        f"{text!r} is {form}; only plain decimal numbers are accepted",
        "write the number as plain decimal digits, such as 80 or 1.5 (no ':', '_', leading "
        "zero, '+', or exponent); put it in quotes if it is meant as text",
    )


def pydantic_problems(
    error: ValidationError, locate: Locate, model: type[BaseModel]
) -> list[Problem]:
    problems: list[Problem] = []
    for item in error.errors(include_url=False):
        message, hint = _message(item, tuple(item["loc"]), model)
        path: FieldPath = _walk(model, tuple(item["loc"]))[0]
        if item["type"] == "missing":
            path = path[:-1]  # the mapping that lacks the field is where to add it
        field = dotted(path)
        problems.append(Problem(f"{field}: {message}" if field else message, locate(path), hint))
    return problems


def _describe(value: Any) -> str:
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"text {shown!r}"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int) and abs(value) > 10**15:
        digits = str(abs(value))
        return f"{'-' if value < 0 else ''}{digits[:6]}...({len(digits)} digits)"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if value is None:
        return "nothing"
    return type(value).__name__
