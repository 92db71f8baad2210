"""Where content lives and which files of a folder are content.

Kept apart from the loader (which imports the content model) so that ``build --if-changed``
can list the inputs without importing pydantic models.
"""

from __future__ import annotations

from pathlib import Path

from gjz_brief.content.limits import MAX_FILES
from gjz_brief.errors import ContentError, Location, Problem

BUILTIN_CONTENT = Path(__file__).resolve().parent.parent / "builtin" / "content"
CONTENT_SUFFIXES = (".yaml", ".yml")


def content_files(folder: Path) -> list[Path]:
    """The YAML files of a content folder, in name order."""
    if not folder.exists():
        raise ContentError(
            [
                Problem(
                    "content folder not found",
                    Location(str(folder)),
                    "run 'gjz-brief init DIR' to create a workspace",
                )
            ]
        )
    if not folder.is_dir():
        raise ContentError([Problem("expected a folder of YAML files", Location(str(folder)))])
    try:
        files = sorted(p for p in folder.iterdir() if p.suffix in CONTENT_SUFFIXES and p.is_file())
    except OSError as error:
        raise ContentError(
            [
                Problem(
                    f"the content folder cannot be read: {error.strerror or error}",
                    Location(str(folder)),
                    "check the folder's permissions",
                )
            ]
        ) from None
    if not files:
        raise ContentError([Problem("no .yaml files in the content folder", Location(str(folder)))])
    if len(files) > MAX_FILES:
        raise ContentError(
            [
                Problem(
                    f"{len(files)} content files, more than the limit of {MAX_FILES}",
                    Location(str(folder)),
                    "merge small files; a briefing needs a handful",
                )
            ]
        )
    return files
