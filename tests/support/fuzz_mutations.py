"""Mutations of valid content documents: as data (drop a key, change a type, insert garbage,
duplicate, swap) and as YAML text (insert characters, drop or repeat a line, tabs)."""

from __future__ import annotations

import copy
from typing import Any

from fuzz_documents import numbers
from hypothesis import strategies as st

# --- mutations of plain data ---------------------------------------------------------------


def _paths(value: Any, path: tuple = ()) -> list[tuple]:
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*path, index))
    return found


def _get(data: Any, path: tuple) -> Any:
    for part in path:
        data = data[part]
    return data


def _set(data: Any, path: tuple, value: Any) -> None:
    _get(data, path[:-1])[path[-1]] = value


# fmt: off
YAML_SNIPPETS = ["[", "]", "{", "}", ":", "- ", "&a ", "*a", "!!python/name:os.system", "!!bool ",
                 "!!float ", "!!timestamp ", "2020-02-30", "'", '"', "\t", "\x00", "\x07",
                 "<<: *a", "? ", "|", ">", "%YAML 1.1\n", "---\n"]
# fmt: on
GARBAGE = st.one_of(
    st.none(),
    st.booleans(),
    numbers(),
    st.text(max_size=10),
    st.dates(),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)


@st.composite
def mutated(draw: st.DrawFn, data: dict[str, Any]) -> dict[str, Any]:
    """Apply one to three data mutations."""
    data = copy.deepcopy(data)
    for _ in range(draw(st.integers(1, 3))):
        paths = [p for p in _paths(data) if p]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = _get(data, path[:-1])
        operation = draw(st.sampled_from(["drop", "retype", "garbage", "duplicate", "swap"]))
        if operation == "drop":
            del parent[path[-1]]
        elif operation == "retype":
            _set(data, path, draw(GARBAGE))
        elif operation == "garbage":
            if isinstance(parent, dict):
                parent[draw(st.sampled_from(["vaule", "titel", "extra", "id", "kind"]))] = draw(
                    GARBAGE
                )
            else:
                parent.insert(path[-1], draw(GARBAGE))
        elif operation == "duplicate" and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[path[-1]]))
        elif operation == "swap":
            other = draw(st.sampled_from(paths))
            if other[: len(path)] != path and path[: len(other)] != other:
                first, second = _get(data, path), _get(data, other)
                _set(data, path, copy.deepcopy(second))
                _set(data, other, copy.deepcopy(first))
    return data


@st.composite
def mutated_text(draw: st.DrawFn, text: str) -> str:
    """One YAML-text mutation: insert characters, drop/duplicate a line, tab-indent a line."""
    lines = text.split("\n")
    index = draw(st.integers(0, max(0, len(lines) - 1)))
    operation = draw(st.sampled_from(["insert", "drop", "duplicate", "tab", "none"]))
    if operation == "insert":
        position = draw(st.integers(0, len(text)))
        snippet = draw(st.one_of(st.text(max_size=5), st.sampled_from(YAML_SNIPPETS)))
        return text[:position] + snippet + text[position:]
    if operation == "drop" and lines:
        del lines[index]
    elif operation == "duplicate" and lines:
        lines.insert(index, lines[index])
    elif operation == "tab" and lines:
        lines[index] = "\t" + lines[index].lstrip(" ")
    return "\n".join(lines)
