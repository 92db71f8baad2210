from __future__ import annotations

from pathlib import Path

import pytest

from gjz_brief.content.yaml_source import YamlProblems, load_yaml_file, parse_yaml


def problem(text: str) -> str:
    with pytest.raises(YamlProblems) as caught:
        parse_yaml(text, "c.yaml")
    return str(caught.value.problems[0])


def test_locations_of_nested_values():
    document = parse_yaml("a:\n  b:\n    - x\n    - y: 1\n", "c.yaml")
    assert document.locate(("a", "b", 1, "y")).line == 4
    assert document.locate(("a", "b", 0)).line == 3
    assert document.locate(("a", "missing")).line == 2  # nearest ancestor: the value of a


def test_unclosed_bracket():
    assert "c.yaml:" in problem("a: [1, 2\nb: 3\n") and "YAML syntax error" in problem("a: [1, 2\n")


def test_bad_indentation():
    message = problem("a:\n  b: 1\n c: 2\n")
    assert "c.yaml:3" in message and "YAML syntax error" in message


def test_tab_indentation():
    message = problem("a:\n\tb: 1\n")
    assert "tab" in message and "c.yaml:2" in message and "spaces" in message


def test_duplicate_key():
    message = problem("a: 1\nb: 2\na: 3\n")
    assert "c.yaml:3" in message and "duplicate key 'a'" in message and "line 1" in message


def test_control_character_is_named():
    message = problem('a: "x\\u0007y"\n')
    assert "U+0007" in message and "c.yaml:1" in message


def test_non_utf8_file(tmp_path: Path):
    path = tmp_path / "gbk.yaml"
    path.write_bytes("a: 甘井子\n".encode("gbk"))
    with pytest.raises(YamlProblems) as caught:
        load_yaml_file(path, "gbk.yaml")
    assert "not UTF-8" in str(caught.value.problems[0])
    assert "expected encoding is UTF-8" in str(caught.value.problems[0])


def test_missing_file(tmp_path: Path):
    with pytest.raises(YamlProblems) as caught:
        load_yaml_file(tmp_path / "nope.yaml", "nope.yaml")
    assert "nope.yaml: error: file not found" in str(caught.value.problems[0])


def test_merge_keys_are_refused():
    assert "merge keys" in problem("base: &b {x: 1}\nc:\n  <<: *b\n")
