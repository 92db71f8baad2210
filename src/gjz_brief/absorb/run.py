"""``gjz-brief absorb``: find the edited DOCX, work out its edits, check the content they make
with every check of a build (in memory), and only then write the content files.

Nothing is written when there is a conflict or the result would not validate; the CLI exits
2 then. Writing a content file replaces it in one rename (a temporary file beside it), so a
file is never left half-written.
"""

from __future__ import annotations

import difflib
import json
import os
import stat
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from gjz_brief.absorb.engine import Absorbed, Conflict, absorb_edits
from gjz_brief.absorb.read import EditedDocx, read_edited_docx
from gjz_brief.absorb.yaml_writer import YamlFile, apply_changes, load_round_trip
from gjz_brief.errors import BriefError, ConfigError, InputError, Location
from gjz_brief.output import manifest as mf
from gjz_brief.request import BuildRequest
from gjz_brief.workspace import Workspace

DOCX_NAME = "briefing.docx"
ABSORBED_FILE = ".absorbed.json"  # in the output folder: digests of the DOCX files absorbed
MAX_DOCX_BYTES = 200 * 1024 * 1024


@dataclass
class AbsorbReport:
    docx: Path
    edited: EditedDocx
    absorbed: Absorbed
    new_texts: dict[Path, str] = field(default_factory=dict)  # file → new text
    old_texts: dict[Path, str] = field(default_factory=dict)
    displays: dict[Path, str] = field(default_factory=dict)
    invalid: BriefError | None = None  # the result would not validate
    written: list[Path] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.absorbed.conflicts and self.invalid is None

    def diff(self) -> str:
        """The unified diff of the content files, as ``git diff`` would show it."""
        chunks: list[str] = []
        for path, text in self.new_texts.items():
            name = self.displays.get(path, str(path))
            chunks.extend(
                difflib.unified_diff(
                    self.old_texts[path].splitlines(keepends=True),
                    text.splitlines(keepends=True),
                    f"a/{name}",
                    f"b/{name}",
                )
            )
        return "".join(chunks)


def _absorbed_digests(out_dir: Path) -> set[str]:
    try:
        data = json.loads((out_dir / ABSORBED_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    return {str(item) for item in data} if isinstance(data, list) else set()


def record_absorbed(out_dir: Path, docx: Path) -> None:
    """Remember that ``docx`` was absorbed, so the default file is never absorbed twice."""
    if not out_dir.is_dir():
        return
    digests = sorted(_absorbed_digests(out_dir) | {mf.sha256_file(docx)})
    _replace(out_dir / ABSORBED_FILE, json.dumps(digests, indent=1) + "\n")


def find_edited_docx(out_dir: Path) -> Path:
    """The default file: out/briefing.docx when edited by hand since its build, else the
    newest briefing.edited-*.docx not absorbed yet."""
    absorbed = _absorbed_digests(out_dir)
    manifest = mf.read_manifest(out_dir)
    top = out_dir / DOCX_NAME
    if (
        top.is_file()
        and manifest is not None
        and DOCX_NAME
        in mf.changed_outputs(
            out_dir, {"outputs": {DOCX_NAME: manifest.get("outputs", {}).get(DOCX_NAME)}}
        )
        and mf.sha256_file(top) not in absorbed
    ):
        return top
    kept = sorted(
        (p for p in out_dir.glob("briefing.edited-*.docx") if p.is_file()),
        key=lambda p: (p.stat().st_mtime, p.name),
        reverse=True,
    )
    for path in kept:
        if mf.sha256_file(path) not in absorbed:
            return path
    raise InputError(
        f"no edited briefing.docx in {out_dir}: briefing.docx is as built and every "
        "briefing.edited-*.docx there was absorbed already",
        Location(str(out_dir)),
        "name the file to absorb: gjz-brief absorb FILE.docx",
    )


def _read_docx(path: Path) -> bytes:
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"{path} is not a file", Location(str(path)))
        if info.st_size > MAX_DOCX_BYTES:
            raise InputError(f"{path} is larger than {MAX_DOCX_BYTES} bytes", Location(str(path)))
        return path.read_bytes()
    except OSError as error:
        raise InputError(
            f"cannot read {path}: {error.strerror or error}", Location(str(path))
        ) from None


def _content_files(workspace: Workspace, paths: list[Path]) -> dict[str, YamlFile]:
    """Top-level key → the round-trip file that defines it."""
    files: dict[str, YamlFile] = {}
    for path in paths:
        display = os.path.relpath(path, workspace.root) if workspace.root else str(path)
        loaded = load_round_trip(path, display)
        if isinstance(loaded.data, dict):
            for key in loaded.data:
                files[str(key)] = loaded
    return files


def prepare_absorb(
    workspace: Workspace, docx: Path, out_dir: Path, environ: dict[str, str]
) -> AbsorbReport:
    """Everything ``absorb`` would do, in memory: the edits, the conflicts, the content files'
    new texts and whether they validate. Writes nothing."""
    from gjz_brief.build import run_build
    from gjz_brief.content.loader import load_content

    if workspace.root is None:
        raise ConfigError(
            "absorb writes into a workspace's content files; the built-in content is not one",
            hint="create a workspace (gjz-brief init DIR), build there, edit its "
            "out/briefing.docx, and absorb with --workspace DIR",
        )
    edited = read_edited_docx(_read_docx(docx), str(docx))
    content = load_content(
        workspace.content_dir, display_root=workspace.root, sheet=workspace.figures_sheet
    )
    absorbed = absorb_edits(edited, content.plan, content.locate)
    report = AbsorbReport(docx, edited, absorbed)
    if absorbed.conflicts or not absorbed.changes_anything:
        return report
    files = _content_files(workspace, content.files)
    by_display = {file.display: file.path for file in files.values()}
    for display, text in apply_changes(files, absorbed).items():
        path = by_display[display]
        report.new_texts[path] = text
        report.old_texts[path] = next(f.text for f in files.values() if f.path == path)
        report.displays[path] = display
    if report.new_texts:
        request = BuildRequest(
            workspace=workspace,
            out_dir=out_dir if out_dir.is_dir() else Path(tempfile.gettempdir()),
            template=edited.baseline.template or None,
            dry_run=True,
            environ=environ,
            content_overrides=dict(report.new_texts),
        )
        try:
            run_build(request)
        except InputError as error:
            report.invalid = error
    return report


def write_absorbed(report: AbsorbReport, out_dir: Path) -> None:
    """Write the content files of a report that is ``ok`` (each in one rename)."""
    if not report.ok:
        raise InputError("nothing was written: the edits have conflicts or do not validate")
    for path, text in report.new_texts.items():
        if path.read_text(encoding="utf-8") != report.old_texts[path]:
            raise InputError(
                f"{report.displays[path]} changed while absorb was running; nothing more "
                "was written",
                Location(report.displays[path]),
                "run absorb again",
            )
        _replace(path, text)
        report.written.append(path)
    record_absorbed(out_dir, report.docx)


def _replace(path: Path, text: str) -> None:
    folder = path.parent
    handle, temporary = tempfile.mkstemp(prefix=".gjz-absorb-", dir=folder)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        if path.exists():
            os.chmod(temporary, stat.S_IMODE(path.stat().st_mode))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def conflict_lines(report: AbsorbReport) -> list[str]:
    lines = [str(conflict) for conflict in report.absorbed.conflicts]
    if report.invalid is not None:
        lines.append(f"the content after absorbing would not be valid: {report.invalid}")
        for problem in getattr(report.invalid, "problems", [])[1:]:
            lines.append(f"  {problem}")
    return lines


__all__ = [
    "AbsorbReport",
    "Conflict",
    "conflict_lines",
    "find_edited_docx",
    "prepare_absorb",
    "write_absorbed",
]
