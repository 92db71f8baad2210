"""What a build reads, as the manifest records it: a digest per input file, and the state
of the font folders. ``is_up_to_date`` is the fast path of ``build --if-changed``.

This module stays light: --if-changed imports it without any renderer or model.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from gjz_brief.errors import BriefError
from gjz_brief.fonts.model import FontSet
from gjz_brief.fonts.scan import folders_fingerprint, font_dirs
from gjz_brief.output import manifest as mf
from gjz_brief.request import BuildRequest
from gjz_brief.workspace import CONFIG_FILE

FONT_FOLDERS_INPUT = "fonts:folders"


def text_inputs(
    request: BuildRequest, content_files: Iterable[Path], template_files: Iterable[Path]
) -> list[tuple[str, Path]]:
    """(manifest name, path) of every text file the build reads."""
    inputs = [(f"content/{p.name}", p) for p in content_files]
    inputs += [(f"template/{p.name}", p) for p in template_files]
    root = request.workspace.root
    if root is not None and (root / CONFIG_FILE).is_file():
        inputs.append((CONFIG_FILE, root / CONFIG_FILE))
    sheet = request.workspace.figures_sheet
    if sheet is not None and sheet.is_file():
        inputs.append((f"sheet/{sheet.name}", sheet))
    return inputs


def font_folders_state(environ: Mapping[str, str]) -> str:
    """A digest of the font folders (fonts.scan.folders_fingerprint): a face installed or
    removed there may change which font serves a role, so the manifest records it."""
    return "folders:" + folders_fingerprint(font_dirs(None, environ))


def build_inputs(
    request: BuildRequest,
    content_files: Iterable[Path],
    template_files: Iterable[Path],
    fonts: FontSet,
) -> dict[str, str]:
    """Manifest name → digest of everything that went into a build."""
    faces = [resolved.face for resolved in fonts.roles.values()] + list(fonts.fallbacks)
    inputs = mf.input_digests(
        text_inputs(request, content_files, template_files),
        sorted({(f"font:{face.path}", face.path) for face in faces}),
    )
    inputs[FONT_FOLDERS_INPUT] = font_folders_state(request.environ)  # a new face: rebuild
    return inputs


# Outputs a person may edit by hand (in Word, WPS, a PDF editor); kept, never overwritten.
HAND_EDITABLE = ("briefing.docx", "briefing.pdf")


def is_up_to_date(request: BuildRequest) -> bool:
    """True when the inputs hash as the manifest says and every output is as written.

    Reads no content model and imports no renderer; any doubt means "rebuild", which then
    reports a problem properly.
    """
    previous = mf.read_manifest(request.out_dir)
    if previous is None or not _inputs_current(request, previous):
        return False
    return not mf.changed_outputs(request.out_dir, previous)


def edited_by_hand(request: BuildRequest) -> list[str]:
    """The briefing files edited by hand since the last build, when nothing else calls for
    a build: the inputs hash as the manifest says and every other output is as written.
    Empty otherwise (then ``--if-changed`` builds, and the build keeps the edited files)."""
    previous = mf.read_manifest(request.out_dir)
    if previous is None or not _inputs_current(request, previous):
        return []
    changed = mf.changed_outputs(request.out_dir, previous)
    edited = [
        name for name in changed if name in HAND_EDITABLE and (request.out_dir / name).is_file()
    ]
    return edited if edited and len(edited) == len(changed) else []


def _inputs_current(request: BuildRequest, previous: dict[str, object]) -> bool:
    """True when the inputs and options hash as the manifest ``previous`` records."""
    from gjz_brief.content.files import content_files
    from gjz_brief.template.folders import available_templates, template_input_files

    folder = available_templates(request.workspace.root).get(request.template_name)
    if folder is None:
        return False
    try:
        files = content_files(request.workspace.content_dir)
        template_files = template_input_files(folder, request.workspace.root)
        recorded = previous.get("inputs", {})
        fonts = [
            (name, Path(name.removeprefix("font:")))
            for name in (recorded if isinstance(recorded, dict) else {})
            if name.startswith("font:")
        ]
        inputs = mf.input_digests(text_inputs(request, files, template_files), fonts)
        inputs[FONT_FOLDERS_INPUT] = font_folders_state(request.environ)
    except (OSError, ValueError, BriefError):
        return False
    # After a publish the next build drafts the next issue, though no input changed.
    from gjz_brief.output.issues import draft_issue, published_issues

    if request.issue_number in published_issues(request.out_dir):
        return False  # never "up to date" with an issue that is published: the build refuses
    expected_issue = request.issue_number or draft_issue(request.out_dir)
    if expected_issue is not None and previous.get("issue") != expected_issue:
        return False
    key = mf.inputs_key(inputs, request.options(), mf.library_versions())
    return key == previous.get("inputs_key")
