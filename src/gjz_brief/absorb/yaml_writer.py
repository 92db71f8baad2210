"""Write changes into the content's YAML files with ruamel.yaml's round trip.

Comments, key order, quoting and flow style stay as they are; each file is dumped with the
indentation it was written with (the first of the usual layouts that dumps the unchanged
file byte for byte), so ``git diff content/`` shows only the edited lines. A file whose
layout no setting reproduces is refused rather than rewritten wholesale.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    FoldedScalarString,
    LiteralScalarString,
    SingleQuotedScalarString,
)

from gjz_brief.absorb.engine import Absorbed, Insert
from gjz_brief.errors import InputError, Location

# (mapping, sequence, offset): the layouts people and editors write.
LAYOUTS = ((2, 4, 2), (2, 2, 0), (4, 4, 2), (4, 6, 4), (4, 4, 0), (2, 2, 2), (3, 3, 0))
_STRING_STYLES = (
    DoubleQuotedScalarString,
    SingleQuotedScalarString,
    LiteralScalarString,
    FoldedScalarString,
)


def _yaml(layout: tuple[int, int, int]) -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 1_000_000  # never fold a long line the file keeps on one
    yaml.indent(mapping=layout[0], sequence=layout[1], offset=layout[2])
    yaml.allow_unicode = True

    def null(representer: Any, data: None) -> Any:
        return representer.represent_scalar("tag:yaml.org,2002:null", "null")

    yaml.representer.add_representer(type(None), null)
    return yaml


def _dump(yaml: YAML, data: Any) -> str:
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    return buffer.getvalue()


@dataclass
class YamlFile:
    path: Path
    display: str
    text: str
    data: Any
    yaml: YAML

    def dumped(self) -> str:
        return _dump(self.yaml, self.data)


def load_round_trip(path: Path, display: str) -> YamlFile:
    """``path`` as ruamel.yaml round-trip data, with the layout that reproduces it."""
    text = path.read_text(encoding="utf-8")
    for layout in LAYOUTS:
        yaml = _yaml(layout)
        data = yaml.load(text)
        if _dump(yaml, data) == text:
            return YamlFile(path, display, text, data, yaml)
    raise InputError(
        "absorb cannot rewrite this file without changing lines nobody edited (its "
        "indentation or quoting is of a kind the YAML writer does not reproduce)",
        Location(display),
        "indent it consistently (e.g. as `gjz-brief init` writes its files), then absorb again",
    )


def _styled(old: Any, new: str) -> Any:
    """``new`` in the quoting style of the string it replaces."""
    for style in _STRING_STYLES:
        if isinstance(old, style):
            if style in (LiteralScalarString, FoldedScalarString) and "\n" not in new:
                return new
            return style(new)
    return new


def _navigate(data: Any, path: tuple[str | int, ...]) -> Any:
    node = data
    for step in path:
        node = node[step]
    return node


def _set(data: Any, path: tuple[str | int, ...], value: str) -> None:
    parent = _navigate(data, path[:-1])
    last = path[-1]
    old = parent[last] if (isinstance(parent, CommentedSeq) or last in parent) else None
    parent[last] = _styled(old, value)


def apply_changes(files: Mapping[str, YamlFile], absorbed: Absorbed) -> dict[str, str]:
    """The new text of each file that changes (``files``: top-level key → its file)."""
    touched: set[str] = set()

    def owner(path: tuple[str | int, ...]) -> YamlFile:
        key = str(path[0])
        if key not in files:
            raise InputError(f"no content file defines '{key}'", hint="check the content folder")
        touched.add(key)
        return files[key]

    for path, text in sorted(absorbed.texts.items(), key=lambda item: str(item[0])):
        if path in absorbed.deletes:
            continue
        _set(owner(path).data, path, text)
    _paragraph_lists(files, absorbed, owner)
    for index, (value, qualifier) in sorted(absorbed.figures.items()):
        figure = _navigate(owner(("figures",)).data, ("figures", index))
        assert isinstance(figure, CommentedMap)
        figure["value"] = int(value) if value == int(value) and _was_int(figure) else value
        if qualifier != figure.get("qualifier", ""):
            if "qualifier" in figure:
                figure["qualifier"] = _styled(figure["qualifier"], qualifier)
            else:
                figure.insert(list(figure).index("value") + 1, "qualifier", qualifier)
    result: dict[str, str] = {}
    for key in sorted(touched):
        file = files[key]
        text = file.dumped()
        if text != file.text:
            result[file.display] = text
    return result


def _was_int(figure: CommentedMap) -> bool:
    return isinstance(figure.get("value"), int) and not isinstance(figure.get("value"), bool)


def _paragraph_lists(files: Mapping[str, YamlFile], absorbed: Absorbed, owner: Any) -> None:
    """Deleted and added paragraphs of each section, from the last index down (so the
    indices given by the engine stay right while the list changes)."""
    sections: dict[int, tuple[list[int], list[Insert]]] = {}
    for path in absorbed.deletes:
        if path[0] == "sections":
            sections.setdefault(int(path[1]), ([], []))[0].append(int(path[3]))
    for insert in absorbed.inserts:
        sections.setdefault(insert.section, ([], []))[1].append(insert)
    for path in absorbed.deletes:
        if path[:2] == ("meta", "key_messages"):
            items = _navigate(owner(path).data, path[:2])
            del items[int(path[2])]
    for section, (deletes, inserts) in sections.items():
        data = owner(("sections",)).data
        paragraphs = _navigate(data, ("sections", section, "paragraphs"))
        count = len(paragraphs)
        anchors: dict[int, list[str]] = {}
        for insert in inserts:
            after = min(insert.after, count - 1)
            anchors.setdefault(after, []).append(insert.text)
        for index in range(count - 1, -2, -1):
            for text in reversed(anchors.get(index, [])):
                paragraphs.insert(index + 1, text)
            if index in deletes:
                del paragraphs[index]
