"""Walking plain content data (what YAML gives): every text, with its field path."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from gjz_brief.content.yaml_source import FieldPath


def walk_texts(value: Any, path: FieldPath = ()) -> Iterator[tuple[FieldPath, str]]:
    """Every string in plain data, with its path."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from walk_texts(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from walk_texts(item, (*path, index))
