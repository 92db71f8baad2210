"""Put a finished build in place: lock the folder, keep hand edits, publish the set at once.

How a set is published all or nothing, also under kill -9, is in output/sets.py.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from gjz_brief.errors import Problem
from gjz_brief.output import manifest as mf
from gjz_brief.output.atomic import ensure_folder, remove_stale_temps
from gjz_brief.output.lock import output_lock
from gjz_brief.output.sets import publish_set

if TYPE_CHECKING:
    from gjz_brief.build import BuildRequest, BuildResult

DEFAULT_LOCK_TIMEOUT = 60.0


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
        result.changes = [
            f"{name}：{before} → {after}"
            for name, before, after in figure_changes(previous, figures)
        ]
        published = publish_set(folder, outputs, manifest, force=request.force)
        result.kept_edits = published.kept_edits
        result.written = published.written
        result.warnings += [Problem(text, severity="warning") for text in published.warnings]
