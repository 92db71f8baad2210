"""run_build, in this process: the stages in order, what it publishes and returns."""

from __future__ import annotations

import os

import pytest

from gjz_brief.build import BuildResult, run_build
from gjz_brief.errors import ContentError
from gjz_brief.output import manifest as mf
from gjz_brief.request import BuildRequest
from gjz_brief.workspace import Workspace, WorkspaceConfig

STAGES = [
    "load and validate content",
    "compose",
    "resolve fonts, check glyphs",
    "render PDF",
    "render DOCX",
    "wait for charts",
    "figure audit",
    "manifest, publish",
]


@pytest.fixture
def workspace(write_content, tmp_path) -> Workspace:
    write_content()  # tmp_path/content: the minimal content, no charts
    return Workspace(tmp_path, WorkspaceConfig())


def _build(workspace: Workspace, **options) -> BuildResult:
    out = workspace.root / "out"
    return run_build(BuildRequest(workspace, out, environ={"HOME": str(workspace.root)}, **options))


def test_the_stages_run_in_order_and_the_set_is_published(workspace):
    environment = dict(os.environ)
    result = _build(workspace)
    assert [stage for stage, _ in result.timings] == STAGES
    out = workspace.root / "out"
    names = sorted(path.name for path in result.published.written)
    assert names == ["briefing.docx", "briefing.pdf", "manifest.json"]
    manifest = mf.read_manifest(out)
    assert manifest is not None and mf.changed_outputs(out, manifest) == []
    assert result.content is not None and result.content.plan.figures[0].value == 288
    assert dict(os.environ) == environment  # the build never writes the environment


def test_changes_since_the_last_build_are_reported_once(workspace, minimal_content):
    _build(workspace)
    figures = workspace.root / "content" / "figures.yaml"
    figures.write_text(minimal_content["figures.yaml"].replace("288", "300"), "utf-8")
    result = _build(workspace, show_changes=True)
    assert result.changes == ["规模以上工业企业：288家 → 300家"]


def test_a_pdf_only_build_typesets_and_publishes_the_pdf(workspace):
    result = _build(workspace, formats=("pdf",))
    assert "render DOCX" not in [stage for stage, _ in result.timings]
    assert sorted(p.name for p in result.published.written) == ["briefing.pdf", "manifest.json"]


def test_a_dry_run_publishes_nothing(workspace):
    result = _build(workspace, dry_run=True)
    out = workspace.root / "out"
    assert result.published.written == [] and not (out / "briefing.pdf").exists()
    assert not (out / ".gjz-brief.lock").exists()


def test_invalid_content_stops_before_the_output_folder_is_made(workspace, minimal_content):
    (workspace.root / "content" / "figures.yaml").write_text(
        minimal_content["figures.yaml"].replace("value: 288", "value: many"), "utf-8"
    )
    with pytest.raises(ContentError):
        _build(workspace)
    assert not (workspace.root / "out").exists()
