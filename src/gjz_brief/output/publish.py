"""Put a finished build in place: lock the folder, keep hand edits, write atomically."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gjz_brief.output import manifest as mf
from gjz_brief.output.atomic import ensure_folder, remove_stale_temps, write_files_atomically
from gjz_brief.output.lock import output_lock

if TYPE_CHECKING:
    from gjz_brief.build import BuildRequest, BuildResult

DEFAULT_LOCK_TIMEOUT = 60.0


def edited_name(path: Path) -> Path:
    """briefing.docx → briefing.edited-20260125-093000.docx (the edit's own time)."""
    stamp = dt.datetime.fromtimestamp(path.stat().st_mtime).strftime("%Y%m%d-%H%M%S")
    candidate = path.with_name(f"{path.stem}.edited-{stamp}{path.suffix}")
    counter = 1
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}.edited-{stamp}-{counter}{path.suffix}")
        counter += 1
    return candidate


def keep_edited_outputs(
    folder: Path, manifests: list[Mapping[str, Any]], names: list[str]
) -> list[Path]:
    """Keep a copy of outputs someone changed since we wrote them, so a rebuild never loses them.

    A file is ours if it matches any of ``manifests`` (the last one and, after an interrupted
    build, the pending one).
    """
    kept: list[Path] = []
    for name in names:
        path = folder / name
        if not path.is_file() or not name.endswith((".docx", ".pdf")):
            continue
        written = {m.get("outputs", {}).get(name, {}).get("sha256") for m in manifests}
        if mf.sha256_file(path) in written:
            continue
        target = edited_name(path)
        # A second name for the same file: the edit is safe and the old output stays in place
        # until the new one atomically replaces it.
        try:
            os.link(path, target)
        except OSError:
            shutil.copy2(path, target)
        kept.append(target)
    return kept


def figure_changes(
    previous: Mapping[str, Any] | None, figures: Mapping[str, Mapping[str, Any]]
) -> list[tuple[str, str, str]]:
    """本期变化: (name, before, after) for figures printed differently than in the last build.

    A figure the previous build did not have is reported with before = "新增".
    """
    if not previous:
        return []
    old = previous.get("figures", {})
    changes = []
    for figure_id, record in figures.items():
        before = old.get(figure_id)
        if not isinstance(before, dict):
            changes.append((record["name"], "新增", record["text"]))
        elif before.get("text") != record["text"]:
            changes.append((record["name"], str(before.get("text")), record["text"]))
    return changes


def publish(
    request: BuildRequest,
    result: BuildResult,
    outputs: Mapping[str, bytes],
    manifest: bytes,
    figures: Mapping[str, Mapping[str, Any]],
) -> None:
    folder = request.out_dir
    ensure_folder(folder)
    timeout = request.lock_timeout_seconds
    if timeout is None:
        timeout = request.workspace.config.lock_timeout_seconds
    with output_lock(folder, timeout):
        remove_stale_temps(folder)
        previous = mf.read_manifest(folder)
        manifests = [m for m in (previous, mf.pending_manifest(folder)) if m]
        if not request.force:
            result.kept_edits = keep_edited_outputs(folder, manifests, list(outputs))
        result.changes = [
            f"{name}：{before} → {after}"
            for name, before, after in figure_changes(previous, figures)
        ]
        result.written = write_files_atomically(folder, outputs, {mf.MANIFEST_FILE: manifest})
