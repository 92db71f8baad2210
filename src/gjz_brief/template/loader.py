"""Find and load templates: the workspace's own first, then the built-in ones."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from gjz_brief.content.validate import pydantic_problems
from gjz_brief.content.yaml_source import YamlProblems, load_yaml_file
from gjz_brief.errors import Location, Problem, TemplateError
from gjz_brief.template.layout import Layout
from gjz_brief.template.theme import Theme

LAYOUT_FILE = "layout.yaml"
THEME_FILE = "theme.yaml"
REFERENCE_FILE = "reference.docx"

Model = TypeVar("Model", bound=BaseModel)


def builtin_templates_dir() -> Path:
    """Inside the wheel: gjz_brief/templates; in a checkout: <repo>/templates."""
    packaged = Path(__file__).resolve().parent.parent / "templates"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "templates"


@dataclass(frozen=True)
class Template:
    name: str
    folder: Path
    layout: Layout
    theme: Theme
    reference_docx: bytes | None

    def input_files(self) -> list[Path]:
        return sorted(p for p in self.folder.iterdir() if p.is_file())


def template_dirs(workspace: Path | None) -> list[Path]:
    dirs = []
    if workspace is not None and (workspace / "templates").is_dir():
        dirs.append(workspace / "templates")
    dirs.append(builtin_templates_dir())
    return dirs


def available_templates(workspace: Path | None) -> dict[str, Path]:
    """name → folder; a workspace template shadows a built-in one of the same name."""
    found: dict[str, Path] = {}
    for base in reversed(template_dirs(workspace)):
        for folder in sorted(base.iterdir()):
            if (folder / LAYOUT_FILE).is_file():
                found[folder.name] = folder
    return dict(sorted(found.items()))


def describe_template(folder: Path) -> str:
    try:
        return load_template_folder(folder).layout.description
    except TemplateError as error:
        return f"(invalid: {error.message})"


def load_template(name: str, workspace: Path | None) -> Template:
    templates = available_templates(workspace)
    if name not in templates:
        raise TemplateError(
            f"unknown template '{name}'",
            Location(field="template"),
            f"available templates: {', '.join(templates) or 'none'}",
        )
    return load_template_folder(templates[name])


def load_template_folder(folder: Path) -> Template:
    layout = _load_model(folder / LAYOUT_FILE, Layout, required=True)
    theme = load_theme(folder)
    reference = folder / REFERENCE_FILE
    try:
        reference_docx = reference.read_bytes() if reference.is_file() else None
    except OSError as error:
        raise TemplateError(
            f"cannot read {REFERENCE_FILE}: {error.strerror}", Location(str(reference))
        ) from None
    if reference_docx is not None and not zipfile.is_zipfile(io.BytesIO(reference_docx)):
        # found now, not after minutes of rendering, and with the file's name
        raise TemplateError(
            f"{REFERENCE_FILE} is not a Word .docx file",
            Location(str(reference)),
            "save it from Word as .docx (Word document), or delete it to use the built-in styles",
        )
    assert isinstance(layout, Layout)
    return Template(folder.name, folder, layout, theme, reference_docx)


def load_theme(folder: Path) -> Theme:
    """The theme of a template folder: its theme.yaml, or the default when it has none."""
    return _load_model(folder / THEME_FILE, Theme, required=False) or Theme()


def _load_model(path: Path, model: type[Model], *, required: bool) -> Model | None:
    if not path.exists():
        if required:
            raise TemplateError(f"missing {path.name}", Location(str(path)))
        return None
    try:
        document = load_yaml_file(path, str(path))
    except YamlProblems as error:
        raise _template_error(error.problems) from None
    data: Any = document.data if document.data is not None else {}
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise _template_error(pydantic_problems(error, document.locate, model)) from None


def _template_error(problems: list[Problem]) -> TemplateError:
    error = TemplateError.from_problems(problems, problems[0].location.file or "the template")
    assert isinstance(error, TemplateError)
    return error
