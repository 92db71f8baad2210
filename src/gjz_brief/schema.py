"""JSON Schemas of the content, layout, theme and workspace files, for editors' completion."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

SCHEMA_DIR = "schema"
SCHEMA_FILES = {
    "content": "content.schema.json",
    "layout": "layout.schema.json",
    "theme": "theme.schema.json",
    "config": "gjz-brief.schema.json",
}


def schemas() -> dict[str, dict[str, Any]]:
    from gjz_brief.content.model import Plan
    from gjz_brief.template.layout import Layout
    from gjz_brief.template.theme import Theme
    from gjz_brief.workspace import WorkspaceConfig

    content = Plan.model_json_schema()
    # Content is split over several files, each holding some of the top-level sections.
    content.pop("required", None)
    content["title"] = "gjz-brief 内容文件 / content file"
    theme = Theme.model_json_schema()
    # A theme may give a style in part ({size_pt: 15}): the rest comes from the default style.
    for model in ("TextStyle", "LineStyle", "HeaderStyle"):
        theme["$defs"][model].pop("required", None)
    result = {
        "content": content,
        "layout": Layout.model_json_schema(),
        "theme": theme,
        "config": WorkspaceConfig.model_json_schema(),
    }
    for schema in result.values():
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return result


def schema_files() -> dict[str, bytes]:
    """File name → JSON bytes, deterministic."""
    return {
        SCHEMA_FILES[name]: (
            json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        ).encode("utf-8")
        for name, schema in schemas().items()
    }


def vscode_settings(schema_dir: str = SCHEMA_DIR) -> bytes:
    """Wire the VS Code YAML extension (redhat.vscode-yaml) to the schemas."""
    settings = {
        "yaml.schemas": {
            f"./{schema_dir}/{SCHEMA_FILES['content']}": ["content/*.yaml", "content/*.yml"],
            f"./{schema_dir}/{SCHEMA_FILES['layout']}": ["templates/*/layout.yaml"],
            f"./{schema_dir}/{SCHEMA_FILES['theme']}": ["templates/*/theme.yaml"],
            f"./{schema_dir}/{SCHEMA_FILES['config']}": ["gjz-brief.yaml"],
        }
    }
    return (json.dumps(settings, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def write_schemas(folder: Path) -> list[Path]:
    from gjz_brief.output.atomic import write_files_atomically

    return write_files_atomically(folder, schema_files())
