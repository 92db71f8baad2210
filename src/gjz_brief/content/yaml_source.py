"""Safe YAML reading that remembers where every value came from.

PyYAML composes a node tree (with line marks); we build plain Python values from it ourselves,
so that: only the plain YAML types are allowed (no ``!!python/...`` tags, no custom tags);
duplicate keys are errors; alias expansion is counted so an "alias bomb" fails fast with
bounded memory; every value's path maps to its file and line for error messages.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from gjz_brief.content.characters import Finding, clean_text
from gjz_brief.content.formatting import REFERENCE
from gjz_brief.content.limits import MAX_FILE_BYTES, MAX_YAML_DEPTH, MAX_YAML_NODES
from gjz_brief.content.yaml_problems import (
    SYNTAX_HINT,
    depth_problem,
    reader_problem,
    syntax_problem,
)
from gjz_brief.errors import Location, Problem

FieldPath = tuple[str | int, ...]

_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_YAML_TAG_PREFIX = "tag:yaml.org,2002:"
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_NUMBER_TAGS = {_YAML_TAG_PREFIX + "int", _YAML_TAG_PREFIX + "float"}
# A number as YAML 1.2 and every reader agree on it: plain decimal digits. PyYAML follows
# YAML 1.1, which also reads 1:20 (base 60: 80), 2_50 (250), 010 (octal: 8), 0x1F, 0b11,
# +12, .5 and 1.0e+3 as numbers; such a scalar is kept as the text it is (as YAML 1.2 keeps
# 1:20), so a numeric field refuses it with a hint (messages.py). .inf and .nan stay
# numbers: the models refuse them by name.
PLAIN_NUMBER = re.compile(r"-?(0|[1-9][0-9]*)(\.[0-9]+)?")
_SPECIAL_FLOAT = re.compile(r"[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)")
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


@dataclass
class YamlDocument:
    """The plain data of one YAML file and the location of each value, by field path."""

    file: str
    data: Any
    locations: dict[FieldPath, Location]
    warnings: list[Problem] = field(default_factory=list)  # pasted characters cleaned
    # Decimal places of each number written with a point (6.0 → 1, 512.30 → 2): YAML reads
    # 6.0 as the float 6, and the figure prints what was written (written_decimals).
    decimals: dict[FieldPath, int] = field(default_factory=dict)

    def locate(self, path: FieldPath) -> Location:
        """The location of ``path`` or of its nearest ancestor that has one."""
        probe = tuple(path)
        while probe:
            if probe in self.locations:
                return self.locations[probe]
            probe = probe[:-1]
        return self.locations.get((), Location(self.file, 1))


def placeholder_path(path: FieldPath, index: int) -> FieldPath:
    """Where the ``index``-th {{id}} of the text at ``path`` is recorded (its own column)."""
    return (*path, f"{{{{#{index}}}}}")


class YamlProblems(Exception):
    """Raised inside this module with every problem of one file; the loader collects them."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems[0].message if problems else "invalid YAML")
        self.problems = problems


def read_text(path: Path, display: str) -> str:
    """Read a text file as UTF-8, with errors a user can act on."""
    location = Location(display)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise YamlProblems(
                [
                    Problem(
                        f"file is {size} bytes, more than the limit of {MAX_FILE_BYTES} bytes",
                        location,
                        "split the content into several files or shorten it",
                    )
                ]
            )
        raw = path.read_bytes()
    except FileNotFoundError:
        raise YamlProblems([Problem("file not found", location)]) from None
    except IsADirectoryError:
        raise YamlProblems([Problem("expected a file, found a folder", location)]) from None
    except PermissionError:
        raise YamlProblems(
            [
                Problem(
                    "file cannot be read (permission denied)",
                    location,
                    "check the file's permissions",
                )
            ]
        ) from None
    except OSError as error:
        raise YamlProblems([Problem(f"file cannot be read: {error.strerror}", location)]) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise YamlProblems(
            [
                Problem(
                    f"file is not UTF-8 text (byte 0x{raw[error.start]:02X} at offset {error.start}); "
                    "the expected encoding is UTF-8",
                    Location(display, line),
                    "save the file as UTF-8 (in Notepad: 另存为 → 编码 UTF-8)",
                )
            ]
        ) from None
    return text


@dataclass
class NodeBudget:
    """How many more values may be built: one budget is shared by all files of a content folder,
    so two hundred files cannot each expand to the limit."""

    remaining: int = MAX_YAML_NODES


def parse_yaml(text: str, display: str, budget: NodeBudget | None = None) -> YamlDocument:
    """Parse YAML text into plain data with locations; raise YamlProblems on any error."""
    try:
        _check_depth(text, display)
        loader = _SAFE_LOADER(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        if "maximum nesting depth" in (error.problem or "") and mark is not None:
            # newer libyaml stops deep nesting itself (at 1000 levels), before our own check
            where = Location(display, mark.line + 1, mark.column + 1)
            raise YamlProblems([depth_problem(where)]) from None
        raise YamlProblems([syntax_problem(error, display, text)]) from None
    except yaml.reader.ReaderError as error:
        raise YamlProblems([reader_problem(error, display, text)]) from None
    except yaml.YAMLError as error:
        raise YamlProblems(
            [Problem(f"YAML error: {error}", Location(display), SYNTAX_HINT)]
        ) from None
    builder = _Builder(display, budget or NodeBudget(), text)
    data = builder.build(node, ()) if node is not None else None
    if builder.problems:
        raise YamlProblems(builder.problems)
    return YamlDocument(display, data, builder.locations, builder.warnings, builder.decimals)


def _check_depth(text: str, display: str) -> None:
    """Refuse deep nesting before composing: PyYAML composes recursively, and a few hundred
    thousand '[' would overflow the C stack (a crash, not an error)."""
    depth = 0
    loader = _SAFE_LOADER(text)
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_YAML_DEPTH:
                    mark = event.start_mark
                    where = Location(display, mark.line + 1, mark.column + 1) if mark else None
                    raise YamlProblems([depth_problem(where or Location(display))])
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    finally:
        loader.dispose()


def load_yaml_file(path: Path, display: str, budget: NodeBudget | None = None) -> YamlDocument:
    return parse_yaml(read_text(path, display), display, budget)


def _shown_tag(tag: Any) -> str:
    """tag:yaml.org,2002:float → !!float, as it was written."""
    text = str(tag)
    return "!!" + text.removeprefix(_YAML_TAG_PREFIX) if text.startswith(_YAML_TAG_PREFIX) else text


def _field_name(path: FieldPath) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "text"


_YAML12_NUMBER = re.compile(
    r"[-+]?(0o[0-7]+|0x[0-9a-fA-F]+|(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?)"
)


def non_plain_number(text: str) -> int | float | None:
    """The number YAML 1.1 (PyYAML) or YAML 1.2 reads from ``text`` when ``text`` is not a
    plain decimal number (1:20 → 80, 2_50 → 250, 010 → 8, 0o17 → 15, 1e3 → 1000.0);
    None when it is plain, or no number at all."""
    if not isinstance(text, str) or PLAIN_NUMBER.fullmatch(text) or _SPECIAL_FLOAT.fullmatch(text):
        return None
    resolver = yaml.resolver.Resolver()
    tag = resolver.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    if tag in _NUMBER_TAGS:
        try:
            node = yaml.ScalarNode(tag, text)
            value = yaml.constructor.SafeConstructor().construct_object(node)
        except Exception:  # noqa: BLE001 - PyYAML raises many kinds on odd forms
            return None
        return value if isinstance(value, (int, float)) else None
    if _YAML12_NUMBER.fullmatch(text):
        sign = -1 if text.startswith("-") else 1
        body = text.lstrip("+-")
        if body[:2] in ("0o", "0x"):
            return sign * int(body[2:], 8 if body[1] == "o" else 16)
        return float(text)
    return None


class _Builder:
    def __init__(self, display: str, budget: NodeBudget, text: str = "") -> None:
        self.file = display
        self.budget = budget
        self.text = text
        self._line_starts: list[int] | None = None
        self.locations: dict[FieldPath, Location] = {}
        self.key_lines: dict[FieldPath, int] = {}
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        self.decimals: dict[FieldPath, int] = {}
        self.constructor = yaml.constructor.SafeConstructor()

    def _offset(self, mark: yaml.Mark) -> int:
        if self._line_starts is None:
            self._line_starts = [0] + [m.end() for m in _LINE_BREAK.finditer(self.text)]
        starts = self._line_starts
        line, column = int(mark.line), int(mark.column)
        return (starts[line] if line < len(starts) else len(self.text)) + column

    def _position(self, offset: int) -> tuple[int, int]:
        assert self._line_starts is not None
        line = bisect.bisect_right(self._line_starts, offset) - 1
        return line + 1, offset - self._line_starts[line] + 1

    def _clean(self, value: str, node: yaml.Node, path: FieldPath) -> str:
        """Pasted characters cleaned (a warning) or refused (an error), at their own column
        when they are written as themselves, else at the scalar's start."""
        cleaned, findings = clean_text(value)
        if not findings:
            return value
        start, end = self._offset(node.start_mark), self._offset(node.end_mark)
        cursor = start
        for finding in findings:
            found = self.text.find(finding.character, cursor, end)
            if found >= 0:
                cursor = found + 1
                line, column = self._position(found)
                where = Location(self.file, line, column)
            else:  # written as an escape such as "\u200b"
                where = self._where(node)
            self._report(finding, where, path)
        return cleaned

    def _report(self, finding: Finding, where: Location, path: FieldPath) -> None:
        problem = Problem(
            finding.message(_field_name(path)),
            where,
            finding.hint,
            "error" if finding.action == "refused" else "warning",
        )
        (self.problems if finding.action == "refused" else self.warnings).append(problem)

    def _where(self, node: yaml.Node) -> Location:
        return Location(self.file, node.start_mark.line + 1, node.start_mark.column + 1)

    def _fail(self, message: str, node: yaml.Node, hint: str | None = None) -> None:
        self.problems.append(Problem(message, self._where(node), hint))

    def _refuse_tag(self, node: yaml.Node) -> None:
        shown = _shown_tag(node.tag)
        self._fail(
            f"YAML tag {shown} is not allowed (content is data, not code)",
            node,
            "remove the tag; write the value as plain text, a number, a list or a mapping",
        )

    def build(self, node: yaml.Node, path: FieldPath, depth: int = 0) -> Any:
        self.budget.remaining -= 1
        if self.budget.remaining < 0:
            raise YamlProblems(
                [
                    Problem(
                        f"the YAML expands to more than {MAX_YAML_NODES} values, counting every "
                        "alias (*) expansion and all content files together",
                        self._where(node),
                        "remove the anchors (&) and aliases (*) that repeat data, or split the "
                        "briefing into smaller ones",
                    )
                ]
            )
        if depth > MAX_YAML_DEPTH:
            raise YamlProblems([depth_problem(self._where(node))])
        self.locations.setdefault(path, self._where(node))
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ_TAG:
                self._refuse_tag(node)
                return None
            return [self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        return self._scalar(node, path)

    def _mapping(self, node: yaml.MappingNode, path: FieldPath, depth: int) -> dict[str, Any]:
        if node.tag != _MAP_TAG:
            self._refuse_tag(node)
            return {}
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self._fail(
                    "YAML merge keys (<<) are not supported",
                    key_node,
                    "write the fields out in full",
                )
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self._fail(
                    "a key must be plain text",
                    key_node,
                    "write keys as words such as 'title:', not lists or mappings",
                )
                continue
            key = self._clean(str(key_node.value), key_node, (*path, str(key_node.value)))
            if key in result:
                first = self.key_lines.get((*path, key))
                where = f" (first at line {first})" if first else ""
                self._fail(
                    f"duplicate key '{key}'{where}",
                    key_node,
                    "each key may appear only once in a mapping; remove one of them",
                )
                continue
            self.key_lines[path + (key,)] = key_node.start_mark.line + 1
            result[key] = self.build(value_node, (*path, key), depth + 1)
        return result

    def _scalar(self, node: yaml.Node, path: FieldPath) -> Any:
        if node.tag not in _PLAIN_TAGS:
            self._refuse_tag(node)
            return None
        if node.tag in _NUMBER_TAGS and non_plain_number(str(node.value)) is not None:
            return self._clean(str(node.value), node, path)  # a YAML 1.1 number form: text
        try:
            value = self.constructor.construct_object(node, deep=True)
        except Exception:  # noqa: BLE001 - one scalar; PyYAML raises many kinds
            # e.g. "!!float" or "!!bool" with no value: IndexError, KeyError inside PyYAML
            shown = str(node.value)[:40]
            if node.tag == _YAML_TAG_PREFIX + "timestamp":
                self._fail(
                    f"{shown!r} is not a valid date",
                    node,
                    "write an existing date as YYYY-MM-DD (2020-04-30), or quote it if it is text",
                )
            else:
                self._fail(
                    f"invalid value {shown!r} for {_shown_tag(node.tag)}",
                    node,
                    "write the value without a '!!' tag, e.g. 2020-04-30 or 38.86",
                )
            return None
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, float):
            written = PLAIN_NUMBER.fullmatch(str(node.value).lstrip("+"))
            if written is not None and written.group(2):
                self.decimals[path] = len(written.group(2)) - 1
        if isinstance(value, str):
            value = self._clean(value, node, path)
            if "{{" in value:
                self._mark_placeholders(value, node, path)
        return value

    def _mark_placeholders(self, value: str, node: yaml.Node, path: FieldPath) -> None:
        """The position of each {{id}} written as itself, so a problem with one is reported
        at its own column (placeholder_path), not at the start of the text."""
        start, end = self._offset(node.start_mark), self._offset(node.end_mark)
        cursor = start
        for index, match in enumerate(REFERENCE.finditer(value)):
            found = self.text.find(match.group(0), cursor, end)
            if found < 0:
                continue  # written with escapes or folded over lines: the text's start
            cursor = found + len(match.group(0))
            line, column = self._position(found)
            self.locations[placeholder_path(path, index)] = Location(self.file, line, column)
