"""The pipeline the fuzz tests drive: documents written as files, then load → validate →
compose (every built-in layout), or a whole build with the real renderers."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from fuzz_documents import TODAY

from gjz_brief.content.loader import BUILTIN_CONTENT
from gjz_brief.errors import BriefError, ContentError, Location

# --- files and the pipeline ----------------------------------------------------------------

FILE_OF_KEY = {
    "meta": "meta.yaml",
    "vision": "vision.yaml",
    "figures": "figures.yaml",
    "sections": "narrative.yaml",
}


def to_files(data: dict[str, Any]) -> dict[str, str]:
    """Split a document over several files, as a workspace does."""
    files: dict[str, dict[str, Any]] = {}
    for key, value in data.items():
        files.setdefault(FILE_OF_KEY.get(key, "other.yaml"), {})[key] = value
    return {
        name: yaml.safe_dump(part, allow_unicode=True, sort_keys=False, width=80)
        for name, part in files.items()
    }


def write_files(folder: Path, files: dict[str, str]) -> Path:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for name, text in files.items():
        (folder / name).write_bytes(text.encode("utf-8", "surrogatepass"))
    return folder


@dataclass
class Outcome:
    loaded: bool  # content loaded and validated
    composed: list[str]  # layouts composed without error
    errors: list[BriefError]


def assert_located(error: BriefError) -> None:
    """A BriefError must say where: a file or a field (every problem of a ContentError)."""
    locations: list[Location | None] = [error.location]
    if isinstance(error, ContentError):
        locations = [p.location for p in error.problems]
        assert error.problems, "a ContentError without problems"
    for location in locations:
        assert location is not None and (location.file or location.field), (
            f"{type(error).__name__} without a location: {error}"
        )
    assert error.message.strip(), "an error without a message"


def load_and_compose(folder: Path) -> Outcome:
    """load → validate → compose with every built-in layout; only BriefError may escape."""
    from gjz_brief.content.loader import load_content
    from gjz_brief.document.compose import compose_document
    from gjz_brief.template.loader import load_template

    try:
        loaded = load_content(folder, display_root=folder.parent, today=TODAY)
    except BriefError as error:
        assert_located(error)
        return Outcome(False, [], [error])
    outcome = Outcome(True, [], [])
    for name in ("full", "onepage", "jianbao"):
        try:
            template = load_template(name, None)
            compose_document(
                loaded.plan, template.layout, date=loaded.plan.meta.as_of, layout_name=name
            )
            outcome.composed.append(name)
        except BriefError as error:
            assert_located(error)
            outcome.errors.append(error)
    return outcome


def build_in_process(root: Path, out_dir: Path, template: str = "full") -> Outcome:
    """The whole build through the library, with the real renderers, into ``out_dir``."""
    from gjz_brief.build import BuildRequest, run_build
    from gjz_brief.workspace import Workspace, WorkspaceConfig

    workspace = Workspace(root, WorkspaceConfig(template=template))
    request = BuildRequest(workspace=workspace, out_dir=out_dir, environ={})
    try:
        run_build(request)
    except BriefError as error:
        assert_located(error)
        return Outcome(False, [], [error])
    return Outcome(True, [template], [])


def builtin_document() -> dict:
    """The built-in content (the real article) as one plain document."""
    document: dict = {}
    for path in sorted(BUILTIN_CONTENT.glob("*.yaml")):
        document.update(yaml.safe_load(path.read_text(encoding="utf-8")))
    return document


BUILTIN = builtin_document()
