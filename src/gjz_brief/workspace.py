"""A workspace: a folder with content/, templates/ and gjz-brief.yaml (all optional but content)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from gjz_brief.content.files import BUILTIN_CONTENT
from gjz_brief.content.yaml_source import YamlProblems, load_yaml_file
from gjz_brief.errors import ConfigError, Location

CONFIG_FILE = "gjz-brief.yaml"


class WorkspaceConfig(BaseModel):
    """工作区配置 / workspace configuration (gjz-brief.yaml)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    content: str = Field("content", description="内容文件夹 / content folder")
    template: str = Field("full", description="默认模板 / default template")
    out: str = Field("out", description="输出文件夹 / output folder")
    fonts: dict[str, str] = Field(
        default_factory=dict,
        description="按角色指定字体文件 title/body/heading/kai/song → 路径 / font file per role",
    )
    figures_sheet: str | None = Field(
        None, description="指标数值表（CSV 或 XLSX）/ spreadsheet of figure values"
    )
    lock_timeout_seconds: float = Field(
        60.0, ge=0, le=86400, description="等待另一构建的秒数 / lock wait"
    )


@dataclass(frozen=True)
class Workspace:
    root: Path | None  # None: the built-in content
    config: WorkspaceConfig

    @property
    def content_dir(self) -> Path:
        if self.root is None:
            return BUILTIN_CONTENT
        return self.resolve_inside(self.config.content, "content")

    def resolve_inside(self, relative: str, field: str) -> Path:
        """A path from the configuration, refused if it escapes the workspace."""
        assert self.root is not None
        root = self.root.resolve()
        path = (root / relative).resolve()
        if path != root and root not in path.parents:
            raise ConfigError(
                f"path '{relative}' points outside the workspace",
                Location(str(self.root / CONFIG_FILE), field=field),
                "use a path inside the workspace folder",
            )
        return path

    @property
    def figures_sheet(self) -> Path | None:
        if self.root is None or not self.config.figures_sheet:
            return None
        return self.resolve_inside(self.config.figures_sheet, "figures_sheet")

    @property
    def default_out(self) -> Path:
        if self.root is None:
            return Path("out")
        return self.resolve_inside(self.config.out, "out")


def find_workspace(explicit: Path | None, cwd: Path) -> Workspace:
    """--workspace DIR, else the current folder if it holds gjz-brief.yaml, else built-in."""
    if explicit is not None:
        if not explicit.is_dir():
            raise ConfigError(
                "workspace folder not found",
                Location(str(explicit)),
                "create one with 'gjz-brief init DIR'",
            )
        return Workspace(explicit, load_config(explicit))
    if (cwd / CONFIG_FILE).is_file():
        return Workspace(cwd, load_config(cwd))
    return Workspace(None, WorkspaceConfig())


def load_config(root: Path) -> WorkspaceConfig:
    path = root / CONFIG_FILE
    if not path.exists():
        return WorkspaceConfig()
    try:
        document = load_yaml_file(path, str(path))
    except YamlProblems as error:
        raise ConfigError.from_problems(error.problems, str(path)) from None
    if document.data is not None and not isinstance(document.data, dict):
        raise ConfigError(
            "the configuration must be a mapping of settings",
            document.locate(()),
            "write 'key: value' lines such as 'template: full'",
        )
    try:
        return WorkspaceConfig.model_validate(document.data or {})
    except ValidationError as error:
        from gjz_brief.content.messages import pydantic_problems

        problems = pydantic_problems(error, document.locate, WorkspaceConfig)
        raise ConfigError.from_problems(problems, str(path)) from None
