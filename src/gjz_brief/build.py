"""The build: the whole pipeline in one readable function, ``run_build``.

load → validate → compose → fonts → charts → render PDF and DOCX → publish. Each stage is a
function of its own package (see ARCHITECTURE.md); this module puts them in order and times
them. ``build --if-changed`` decides before this module is imported (inputs.is_up_to_date),
so a build with nothing to do loads none of the stages or their libraries.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gjz_brief import __version__
from gjz_brief.absorb.baseline import make_baseline
from gjz_brief.charts.stage import ChartStage
from gjz_brief.content.formatting import figure_records
from gjz_brief.content.loader import LoadedContent, load_content
from gjz_brief.document.compose import briefing_date, compose_document
from gjz_brief.document.provenance import locate_layout_error, locate_limit_error
from gjz_brief.document.tree import ChartImage, Document
from gjz_brief.errors import LayoutLimitError, OversizedContentError, Problem
from gjz_brief.fonts.glyphs import check_glyphs
from gjz_brief.fonts.model import FontSet
from gjz_brief.fonts.resolve import resolve_workspace_fonts
from gjz_brief.inputs import build_inputs
from gjz_brief.output import manifest as mf
from gjz_brief.output.audit import check_printed_figures
from gjz_brief.output.issues import already_published
from gjz_brief.output.publish import OutputFolder, figure_changes
from gjz_brief.output.sets import Published
from gjz_brief.render import typeset_pdf, write_docx
from gjz_brief.request import FORMATS, BuildRequest
from gjz_brief.template.loader import Template, load_template

if TYPE_CHECKING:
    from gjz_brief.render.pdf import RenderedPdf  # imported by typeset_pdf, with ReportLab

__all__ = ["FORMATS", "BuildRequest", "BuildResult", "run_build", "version_line"]

PDF_NAME = "briefing.pdf"
DOCX_NAME = "briefing.docx"


@dataclass
class BuildResult:
    out_dir: Path
    warnings: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)  # a sheet's empty cells, for validate
    content: LoadedContent | None = None  # for validate's summary
    published: Published = field(default_factory=Published)  # nothing when validating
    changes: list[str] = field(default_factory=list)  # 本期变化, "name：before → after"
    timings: list[tuple[str, float]] = field(default_factory=list)  # (stage, seconds)


class StageClock:
    """Wall time of each build stage, for ``build --timings`` and the benchmarks."""

    def __init__(self) -> None:
        self.timings: list[tuple[str, float]] = []
        self._last = time.perf_counter()

    def done(self, stage: str) -> None:
        now = time.perf_counter()
        self.timings.append((stage, now - self._last))
        self._last = now


def run_build(request: BuildRequest) -> BuildResult:
    """Build the briefing ``request`` asks for; raise BriefError (with where and a hint) and
    leave the previous outputs as they were when anything is wrong."""
    clock, workspace = StageClock(), request.workspace
    content = load_content(
        workspace.content_dir,
        display_root=workspace.root,
        sheet=workspace.figures_sheet,
        overrides=request.content_overrides,
    )
    template = load_template(request.template_name, workspace.root)
    date = briefing_date(request.environ, content.plan.meta.as_of)
    clock.done("load and validate content")
    with OutputFolder(request.out_dir, request.lock_timeout, dry_run=request.dry_run) as out:
        figures = figure_records(content.plan)
        issue, compared, since = series_position(request, content, out)
        changes = figure_changes(compared, figures)
        try:
            document = compose_document(
                content.plan,
                template.layout,
                date=date,
                layout_name=template.name,
                issue_number=issue,
                changes=tuple(changes) if request.show_changes else (),
                changes_since=since,
            )
        except LayoutLimitError as error:
            raise locate_limit_error(error, content) from None
        clock.done("compose")
        with ChartStage(document, out.cache, request.environ) as charts:
            fonts = resolve_workspace_fonts(workspace, request.environ, out.cache / "fonts")
            check_glyphs(fonts, content)
            clock.done("resolve fonts, check glyphs")
            charts.draw(content.plan, fonts)
            rendered = typeset(document, charts, fonts, template, content, out.cache)
            outputs = {PDF_NAME: rendered.data}
            clock.done("render PDF")
            if "docx" in request.formats:
                # The contents' page numbers are where the PDF layout put the headings.
                baseline = make_baseline(document, content.plan)
                outputs[DOCX_NAME] = write_docx(
                    document, charts, fonts, template, rendered.heading_pages, baseline
                )
                clock.done("render DOCX")
            drawn = charts.finish()
            clock.done("wait for charts")
        if "pdf" not in request.formats:
            del outputs[PDF_NAME]  # typeset all the same: the page limit is checked on it
        check_printed_figures(document, content.plan, figures, outputs)
        clock.done("figure audit")
        outputs |= chart_files(drawn)
        manifest = mf.make_manifest(
            inputs=build_inputs(request, content.files, template.input_files(), fonts),
            options=request.options(),
            versions=mf.library_versions(),
            outputs=outputs,
            figures=figures,
            build_date=document.meta.date.isoformat(),
            issue=issue,
        )
        published = (
            Published() if request.dry_run else out.publish(outputs, manifest, request.force)
        )
        clock.done("manifest, publish")
    return BuildResult(
        request.out_dir,
        warnings=[
            *content.warnings,
            *template.warnings,
            *(Problem(text, severity="warning") for text in published.warnings),
        ],
        notes=content.notes,
        content=content,
        published=published,
        changes=[f"{name}：{before} → {after}" for name, before, after in changes],
        timings=clock.timings,
    )


def series_position(
    request: BuildRequest, content: LoadedContent, out: OutputFolder
) -> tuple[int, Mapping[str, Any] | None, str]:
    """(the issue number this build prints, the manifest 本期变化 compares with, its name).

    After a publish the build is the draft of the next issue and compares with the last
    published one (output/issues.py), the same on every rebuild. Before the first publish it
    prints --issue, else meta.issue_number, else 1, and compares with the previous build.
    """
    if request.issue_number is not None:
        refused = already_published(out.folder, request.issue_number)
        if refused is not None:
            raise refused
    if out.last_issue is not None:
        number, manifest = out.last_issue
        return request.issue_number or number + 1, manifest, f"第{number}期"
    issue = request.issue_number or content.plan.meta.issue_number or 1
    return issue, out.previous, "上次构建"


def typeset(
    document: Document,
    charts: ChartStage,
    fonts: FontSet,
    template: Template,
    content: LoadedContent,
    cache: Path,
) -> RenderedPdf:
    """The PDF (its bytes and where each heading landed), within the template's page limit;
    a block larger than a page is reported at the content entry it came from."""
    try:
        rendered = typeset_pdf(
            document, charts, fonts, template.theme, cache / "fonts", charts.texts()
        )
    except OversizedContentError as error:
        raise locate_layout_error(error, content, template.folder, document) from None
    template.check_page_count(rendered.page_fit)
    return rendered


def chart_files(charts: Mapping[str, ChartImage]) -> dict[str, bytes]:
    """The chart files published beside the briefing, for users: SVG (text as text) and PNG."""
    files: dict[str, bytes] = {}
    for chart_id, image in charts.items():
        files[f"charts/{chart_id}.svg"] = image.svg
        files[f"charts/{chart_id}.png"] = image.png
    return files


def version_line() -> str:
    return f"gjz-brief {__version__}"
