"""Find and load templates: the workspace's own first, then the built-in ones."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, ValidationError

from gjz_brief.content.limits import MAX_FILE_BYTES
from gjz_brief.content.validate import pydantic_problems
from gjz_brief.content.yaml_source import YamlProblems, load_yaml_file
from gjz_brief.errors import Location, PageLimitError, Problem, TemplateError
from gjz_brief.template.folders import (
    LAYOUT_FILE,
    REFERENCE_FILE,
    THEME_FILE,
    available_templates,
    builtin_templates_dir,
    check_template_paths,
    template_dirs,
    template_input_files,
)
from gjz_brief.template.layout import Layout
from gjz_brief.template.reference import load_reference
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

if TYPE_CHECKING:
    from gjz_brief.render.pdf.pagefit import PageFit

Model = TypeVar("Model", bound=BaseModel)


@dataclass(frozen=True)
class Template:
    name: str
    folder: Path
    layout: Layout
    theme: Theme
    reference_docx: bytes | None  # only its style-bearing parts (template.reference)
    warnings: tuple[Problem, ...] = ()

    def input_files(self) -> list[Path]:
        return template_input_files(self.folder)

    def check_page_count(self, page_fit: PageFit) -> None:
        """Raise PageLimitError when the typeset PDF has more pages than ``layout.max_pages``
        allows, saying what overflowed and by how much."""
        limit = self.layout.max_pages
        message = page_fit.overflow_message(limit) if limit is not None else None
        if message is not None:
            raise PageLimitError(
                message,
                Location(str(self.folder / LAYOUT_FILE), field="max_pages"),
                "shorten the content, drop a block from the layout, or choose smaller sizes or "
                "margins in theme.yaml; the previous outputs are unchanged",
            )


def describe_template(folder: Path, workspace: Path | None = None) -> str:
    try:
        check_template_paths(folder, workspace)
        layout = _load_model(folder / LAYOUT_FILE, Layout, required=True)
    except TemplateError as error:
        return f"(invalid: {error.message})"
    assert isinstance(layout, Layout)
    return layout.description


def load_template(name: str, workspace: Path | None) -> Template:
    templates = available_templates(workspace)
    if name not in templates:
        raise TemplateError(
            f"unknown template '{name}'",
            Location(field="template"),
            f"available templates: {', '.join(templates) or 'none'}",
        )
    return load_template_folder(templates[name], workspace)


def load_template_folder(folder: Path, workspace: Path | None = None) -> Template:
    """Load and check a template folder: every file it reads stays inside the workspace
    (a built-in template inside the built-in folder), and reference.docx is reduced to its
    style-bearing parts, all before any rendering."""
    check_template_paths(folder, workspace)
    layout = _load_model(folder / LAYOUT_FILE, Layout, required=True)
    theme = load_theme(folder)
    reference = folder / REFERENCE_FILE
    reference_docx = None
    warnings: list[Problem] = []
    if reference.is_file():
        loaded = load_reference(_read_reference(reference), reference)
        reference_docx = loaded.data
        if loaded.warning():
            warnings.append(
                Problem(
                    str(loaded.warning()),
                    Location(str(reference)),
                    "a reference document needs only its styles: save it as a plain .docx "
                    "(Word document), without macros, linked templates or objects",
                    severity="warning",
                )
            )
    elif reference.exists():
        raise TemplateError(
            f"{REFERENCE_FILE} is not a file", Location(str(reference)), "remove or replace it"
        )
    assert isinstance(layout, Layout)
    return Template(folder.name, folder, layout, theme, reference_docx, tuple(warnings))


def _read_reference(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise TemplateError(
                f"{REFERENCE_FILE} is {size} bytes, more than the limit of {MAX_FILE_BYTES} bytes",
                Location(str(path)),
                "a reference document needs only its styles: save a short document with them",
            )
        return path.read_bytes()
    except OSError as error:
        raise TemplateError(
            f"cannot read {REFERENCE_FILE}: {error.strerror}", Location(str(path))
        ) from None


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
