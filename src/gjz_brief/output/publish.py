"""The output folder of one build: locked, its previous manifest read once, the new set
published at once.

::

    with OutputFolder(out, lock_timeout=60) as folder:
        folder.previous        # the manifest of the build before
        folder.last_issue      # (N, manifest) of the last published issue: 本期变化 compares
                               # with it, and the build drafts 第N+1期
        ...                    # render, using folder.cache for charts and fonts
        published = folder.publish(outputs, manifest, force=False)  # a Published

The folder's lock is held from before the previous manifest is read until the new set is
out, so what this build compares with is what it replaces: two builds of one folder run one
after the other. How a set is published all or nothing, also under kill -9, is in
output/sets.py.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping
from contextlib import ExitStack
from pathlib import Path
from types import TracebackType
from typing import Any

from gjz_brief.output import manifest as mf
from gjz_brief.output.atomic import check_own_entries, ensure_folder, remove_stale_temps
from gjz_brief.output.issues import last_issue
from gjz_brief.output.lock import output_lock
from gjz_brief.output.sets import Published, publish_set

CACHE_DIR = ".cache"


class OutputFolder:
    """``folder`` for one build. ``dry_run`` (validate): neither locked nor published to,
    only its cache is used."""

    def __init__(self, folder: Path, lock_timeout: float, *, dry_run: bool = False) -> None:
        self.folder = folder
        self.cache = folder / CACHE_DIR
        self.previous: Mapping[str, Any] | None = None
        # The last published issue (number, manifest): the series (output/issues.py).
        self.last_issue: tuple[int, Mapping[str, Any]] | None = None
        self._lock_timeout = lock_timeout
        self._dry_run = dry_run
        self._held = ExitStack()
        self._created: Path | None = None
        self._published = False

    def __enter__(self) -> OutputFolder:
        # The topmost folder this build creates: removed again if the build fails before it
        # publishes, so a failed first build leaves no empty --out folder with a cache in it.
        self._created = _first_missing(self.folder)
        ensure_folder(self.folder)
        check_own_entries(self.folder)  # the cache is never written through a planted link
        if not self._dry_run:
            self._held.enter_context(output_lock(self.folder, self._lock_timeout))
            remove_stale_temps(self.folder)
            self.previous = mf.read_manifest(self.folder)
        self.last_issue = last_issue(self.folder)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._held.close()
        if error is not None and self._created is not None and not self._published:
            shutil.rmtree(self._created, ignore_errors=True)

    def publish(self, outputs: Mapping[str, bytes], manifest: bytes, force: bool) -> Published:
        """Make ``outputs`` and ``manifest`` the folder's current set (output/sets.py)."""
        if self._dry_run:
            raise RuntimeError("a dry run publishes nothing")
        self._published = True  # from here on the folder holds (part of) a set: it stays
        return publish_set(self.folder, outputs, manifest, force=force)


def _first_missing(folder: Path) -> Path | None:
    """The outermost of ``folder`` and its parents that does not exist yet, or None."""
    missing = None
    for candidate in (folder, *folder.parents):
        if os.path.lexists(candidate):
            break
        missing = candidate
    return missing


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
