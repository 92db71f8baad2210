"""What a build is asked to do: the workspace, the output folder and the options."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from gjz_brief.workspace import Workspace

FORMATS = ("pdf", "docx")


@dataclass(frozen=True)
class BuildRequest:
    workspace: Workspace
    out_dir: Path
    formats: tuple[str, ...] = FORMATS
    template: str | None = None
    issue_number: int | None = None
    force: bool = False  # overwrite outputs someone edited (otherwise kept beside)
    show_changes: bool = False  # add a 本期变化 section comparing with the previous manifest
    lock_timeout_seconds: float | None = None  # None: the workspace's setting
    # The environment the build reads (SOURCE_DATE_EPOCH, font folders, HOME for
    # matplotlib, GJZ_BRIEF_CHART_WORKERS); it is never written.
    environ: Mapping[str, str] = field(default_factory=lambda: dict(os.environ))
    # ``validate``: every stage and check of a build, in memory; nothing is published (only
    # out/.cache, the chart and font cache, may be filled).
    dry_run: bool = False
    # A content file's text to build from instead of the file's (``absorb`` checks the
    # content it would write with every check of a build, then writes it).
    content_overrides: Mapping[Path, str] = field(default_factory=dict)

    @property
    def template_name(self) -> str:
        return self.template or self.workspace.config.template

    @property
    def lock_timeout(self) -> float:
        if self.lock_timeout_seconds is not None:
            return self.lock_timeout_seconds
        return self.workspace.config.lock_timeout_seconds

    def options(self) -> dict[str, object]:
        """The options that decide the outputs' bytes, as the manifest records them."""
        return {
            "formats": sorted(self.formats),
            "template": self.template_name,
            "issue_number": self.issue_number,
            "show_changes": self.show_changes,
            "source_date_epoch": self.environ.get("SOURCE_DATE_EPOCH"),
        }
