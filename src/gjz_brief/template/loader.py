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
from gjz_brief.template.folders import (
    LAYOUT_FILE,
    REFERENCE_FILE,
    THEME_FILE,
    available_templates,
    builtin_templates_dir,
    template_dirs,
)
from gjz_brief.template.layout import Layout
from gjz_brief.template.theme import Theme

# Re-exported from template/folders.py (where templates are, without loading them).
__all__ = [
    "LAYOUT_FILE",
    "REFERENCE_FILE",
    "THEME_FILE",
    "Template",
    "available_templates",
    "builtin_templates_dir",
    "describe_template",
    "load_template",
    "load_template_folder",
    "load_theme",
    "template_dirs",
]

Model = TypeVar("Model", bound=BaseModel)


@dataclass(frozen=True)
class Template:
    name: str
    folder: Path
    layout: Layout
    theme: Theme
    reference_docx: bytes | None

    def input_files(self) -> list[Path]:
        return sorted(p for p in self.folder.iterdir() if p.is_file())


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
