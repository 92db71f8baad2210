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
