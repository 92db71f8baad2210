"""`gjz-brief init DIR`: an editable workspace with the built-in content and templates."""

from __future__ import annotations

import shutil
from pathlib import Path

from gjz_brief.content.loader import BUILTIN_CONTENT, CONTENT_SUFFIXES
from gjz_brief.errors import ConfigError, Location, OutputError
from gjz_brief.schema import SCHEMA_DIR, SCHEMA_FILES, vscode_settings, write_schemas
from gjz_brief.template.loader import builtin_templates_dir
from gjz_brief.workspace import CONFIG_FILE

# Editors with the YAML language server read this line even without .vscode/settings.json.
SCHEMA_LINE = "# yaml-language-server: $schema={}\n"
CONFIG_TEXT = """\
# gjz-brief 工作区配置 / workspace configuration
# content: 内容文件夹 (YAML)；template: 默认模板 (full, onepage, jianbao, 或自建)
# out: 输出文件夹；fonts: 按角色指定字体文件，例如 body: /usr/share/fonts/xxx.ttf
content: content
template: full
out: out
fonts: {}
# figures_sheet: figures.xlsx   # 从表格读取指标数值 (CSV/XLSX)
lock_timeout_seconds: 60
"""


def create_workspace(directory: Path) -> Path:
    root = directory.resolve()
    if root.exists() and not root.is_dir():
        raise ConfigError(
            "a file stands where the workspace folder should be", Location(str(directory))
        )
    if (root / CONFIG_FILE).exists() or (root / "content").exists():
        raise ConfigError(
            "this folder already holds a workspace; nothing was changed",
            Location(str(directory)),
            "choose a new folder name",
        )
    try:
        (root / "content").mkdir(parents=True)
        for source in sorted(BUILTIN_CONTENT.iterdir()):
            if source.suffix in CONTENT_SUFFIXES:
                text = source.read_text(encoding="utf-8")
                (root / "content" / source.name).write_text(
                    SCHEMA_LINE.format("../schema/content.schema.json") + text, encoding="utf-8"
                )
        shutil.copytree(
            builtin_templates_dir(),
            root / "templates",
            ignore=shutil.ignore_patterns("__pycache__"),
        )
        _link_template_schemas(root / "templates")
        (root / CONFIG_FILE).write_text(
            SCHEMA_LINE.format("schema/gjz-brief.schema.json") + CONFIG_TEXT, encoding="utf-8"
        )
        write_schemas(root / SCHEMA_DIR)
        (root / ".vscode").mkdir(exist_ok=True)
        (root / ".vscode" / "settings.json").write_bytes(vscode_settings())
    except OSError as error:
        raise OutputError(
            f"cannot create the workspace: {error.strerror}", Location(str(directory))
        ) from None
    return root


def _link_template_schemas(templates: Path) -> None:
    """Point each template's layout.yaml and theme.yaml at its schema, as content files are."""
    for name, schema in (("layout.yaml", "layout"), ("theme.yaml", "theme")):
        for path in sorted(templates.glob(f"*/{name}")):
            text = path.read_text(encoding="utf-8")
            if not text.startswith("# yaml-language-server:"):
                line = SCHEMA_LINE.format(f"../../schema/{SCHEMA_FILES[schema]}")
                path.write_text(line + text, encoding="utf-8")
