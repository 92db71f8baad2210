"""Editing help: JSON Schemas with Chinese and English descriptions, wired into `init`
workspaces; the built-in files validate against them and a typo does not."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml
from repository import BUILTIN_CONTENT, TEMPLATES
from template_support import run_cli

from gjz_brief.template.theme import STYLE_DESCRIPTIONS

CJK = re.compile(r"[\u4e00-\u9fff]")
ENGLISH = re.compile(r"[A-Za-z]{3,}")
SCHEMAS = {
    "content": "content.schema.json",
    "layout": "layout.schema.json",
    "theme": "theme.schema.json",
    "config": "gjz-brief.schema.json",
}
BUILTIN = BUILTIN_CONTENT


@pytest.fixture(scope="module")
def schemas(tmp_path_factory) -> dict[str, dict]:
    folder = tmp_path_factory.mktemp("schema")
    result = run_cli("schema", "--out", str(folder))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in folder.iterdir()) == sorted(SCHEMAS.values())
    return {
        name: json.loads((folder / file).read_text(encoding="utf-8"))
        for name, file in SCHEMAS.items()
    }


class EditorLoader(yaml.SafeLoader):
    """YAML as editors' language servers read it (YAML 1.2): dates stay strings."""


EditorLoader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if not tag.endswith(":timestamp")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load(path: Path):
    return yaml.load(path.read_text(encoding="utf-8"), Loader=EditorLoader)  # noqa: S506


def validator(schema: dict):
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("name", SCHEMAS)
def test_every_field_is_described_in_chinese_and_english(schemas, name):
    schema = schemas[name]
    undescribed = []
    for owner, definition in [("(top)", schema), *schema.get("$defs", {}).items()]:
        for field, spec in definition.get("properties", {}).items():
            text = spec.get("description", "")
            if not (CJK.search(text) and ENGLISH.search(text)):
                undescribed.append(f"{owner}.{field}: {text!r}")
    assert undescribed == []
    jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("path", sorted(BUILTIN.glob("*.yaml")), ids=lambda p: p.name)
def test_built_in_content_files_validate_against_the_content_schema(schemas, path):
    data = load(path)
    errors = [error.message for error in validator(schemas["content"]).iter_errors(data)]
    assert errors == []


@pytest.mark.parametrize(
    ("file", "change", "field"),
    [
        ("meta.yaml", lambda d: d["meta"].update(titel=d["meta"].pop("title")), "titel"),
        ("figures.yaml", lambda d: d.update(figurs=d.pop("figures")), "figurs"),
        ("figures.yaml", lambda d: d["figures"][0].update(vaule=1), "vaule"),
    ],
)
def test_a_typo_in_a_content_field_fails_the_schema(schemas, file, change, field):
    data = load(BUILTIN / file)
    change(data)
    messages = [error.message for error in validator(schemas["content"]).iter_errors(data)]
    assert any(field in message for message in messages), messages


@pytest.mark.parametrize("template", ["full", "onepage", "jianbao"])
def test_built_in_layouts_and_themes_validate(schemas, template):
    for kind in ("layout", "theme"):
        data = load(TEMPLATES / template / f"{kind}.yaml")
        errors = [e.message for e in validator(schemas[kind]).iter_errors(data)]
        assert errors == [], (template, kind)


def test_theme_schema_knows_the_style_names_and_catches_a_typo(schemas):
    theme = validator(schemas["theme"])
    assert not list(theme.iter_errors({"styles": {"body": {"size_pt": 15}}}))
    assert list(theme.iter_errors({"styles": {"bdy": {"size_pt": 15}}}))
    assert list(theme.iter_errors({"styles": {"body": {"font": "bold"}}}))
    assert list(theme.iter_errors({"styles": {"page_number": {"align": "left"}}}))  # no effect
    styles = schemas["theme"]["$defs"]["Styles"]["properties"]
    assert "一级标题" in styles["heading1"]["description"]
    assert set(styles) == set(STYLE_DESCRIPTIONS)


def test_init_workspace_is_wired_to_the_schemas(workspace, schemas):
    settings = json.loads((workspace / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    wired = settings["yaml.schemas"]
    assert wired["./schema/content.schema.json"] == ["content/*.yaml", "content/*.yml"]
    assert wired["./schema/layout.schema.json"] == ["templates/*/layout.yaml"]
    assert wired["./schema/theme.schema.json"] == ["templates/*/theme.yaml"]
    for schema_file in SCHEMAS.values():
        written = json.loads((workspace / "schema" / schema_file).read_text(encoding="utf-8"))
        name = next(n for n, f in SCHEMAS.items() if f == schema_file)
        assert written == schemas[name]  # the workspace's copy is the current schema
    first_lines = {
        path.relative_to(workspace).as_posix(): path.read_text(encoding="utf-8").splitlines()[0]
        for path in [*workspace.glob("content/*.yaml"), *workspace.glob("templates/*/*.yaml")]
    }
    for relative, line in first_lines.items():
        expected = {
            "content": "../schema/content.schema.json",
            "layout.yaml": "../../schema/layout.schema.json",
            "theme.yaml": "../../schema/theme.schema.json",
        }[relative.split("/")[0] if relative.startswith("content") else relative.split("/")[-1]]
        assert line == f"# yaml-language-server: $schema={expected}", relative
        target = (workspace / relative).parent / expected
        assert target.resolve().is_file()
