"""Where templates are: the built-in folder and a workspace's templates/, by name.

Kept apart from the loader (which imports the layout and theme models) so that
``build --if-changed`` can find the template's files without importing pydantic models.
"""

from __future__ import annotations

from pathlib import Path

LAYOUT_FILE = "layout.yaml"
THEME_FILE = "theme.yaml"
REFERENCE_FILE = "reference.docx"


def builtin_templates_dir() -> Path:
    """Inside the wheel: gjz_brief/templates; in a checkout: <repo>/templates."""
    packaged = Path(__file__).resolve().parent.parent / "templates"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "templates"


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


TEMPLATE_FILES = (LAYOUT_FILE, THEME_FILE, REFERENCE_FILE)


def _base_of(folder: Path, workspace: Path | None) -> Path:
    """What a template's files must stay inside: the workspace, or the built-in folder."""
    if workspace is not None and folder.parent == workspace / "templates":
        return workspace
    return builtin_templates_dir()


def _inside(path: Path, base: Path) -> bool:
    resolved, root = path.resolve(), base.resolve()
    return resolved == root or root in resolved.parents


def template_input_files(folder: Path, workspace: Path | None = None) -> list[Path]:
    """The files of a template folder that a build reads (and --if-changed hashes): the
    template files that stay inside the workspace (a link leading out is not read)."""
    base = _base_of(folder, workspace) if workspace is not None else None
    found = []
    for name in TEMPLATE_FILES:
        path = folder / name
        if path.is_file() and (base is None or _inside(path, base)):
            found.append(path)
    return found


def check_template_paths(folder: Path, workspace: Path | None) -> None:
    """Refuse a template folder or file that leads outside the workspace (issue #17).

    A link out would make gjz-brief read, and quote in its messages, any file on the
    machine (a layout.yaml linked to /etc/passwd). Raises TemplateError without reading.
    """
    from gjz_brief.errors import Location, TemplateError

    base = _base_of(folder, workspace)
    for path in (folder, *(folder / name for name in TEMPLATE_FILES)):
        if (path.exists() or path.is_symlink()) and not _inside(path, base):
            what = "template folder" if path == folder else "template file"
            raise TemplateError(
                f"the {what} links to {path.resolve()}, outside the workspace",
                Location(str(path)),
                "copy the file into the workspace instead of linking to it",
            )
