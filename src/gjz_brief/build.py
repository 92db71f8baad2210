"""The whole pipeline, as one readable script: load → validate → compose → charts → render → write.

Heavy libraries (matplotlib, ReportLab, python-docx) are imported only inside the stages that
use them, so `build --if-changed` with nothing changed never loads them.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gjz_brief import __version__
from gjz_brief.errors import (
    BriefError,
    ConfigError,
    Location,
    MissingGlyphError,
    OversizedContentError,
    PageLimitError,
    Problem,
    RenderError,
)
from gjz_brief.output import manifest as mf
from gjz_brief.workers import Workers, available_cores, result_or_none
from gjz_brief.workspace import CONFIG_FILE, Workspace

FORMATS = ("pdf", "docx")
PDF_NAME = "briefing.pdf"
DOCX_NAME = "briefing.docx"
CACHE_DIR = ".cache"


@dataclass(frozen=True)
class BuildRequest:
    workspace: Workspace
    out_dir: Path
    formats: tuple[str, ...] = FORMATS
    template: str | None = None
    issue_number: int | None = None
    force: bool = False
    if_changed: bool = False
    show_changes: bool = False  # add a 本期变化 section comparing with the previous manifest
    lock_timeout_seconds: float | None = None
    environ: Mapping[str, str] = field(default_factory=lambda: dict(os.environ))
    # ``validate``: every stage and check of a build, in memory; nothing is published (only
    # out/.cache, the chart and font cache, may be filled).
    dry_run: bool = False

    @property
    def template_name(self) -> str:
        return self.template or self.workspace.config.template

    def options(self) -> dict[str, Any]:
        return {
            "formats": sorted(self.formats),
            "template": self.template_name,
            "issue_number": self.issue_number,
            "show_changes": self.show_changes,
            "source_date_epoch": self.environ.get("SOURCE_DATE_EPOCH"),
        }


@dataclass
class BuildResult:
    out_dir: Path
    written: list[Path] = field(default_factory=list)
    skipped: bool = False
    warnings: list[Problem] = field(default_factory=list)
    kept_edits: list[Path] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)
    timings: list[tuple[str, float]] = field(default_factory=list)  # (stage, seconds)
    notes: list[Problem] = field(default_factory=list)  # a sheet's empty cells, for validate
    content: Any = None  # the LoadedContent, for validate's summary


class StageClock:
    """Wall time of each build stage, for ``build --timings`` and the benchmarks."""

    def __init__(self, timings: list[tuple[str, float]]) -> None:
        self.timings = timings
        self.last = time.perf_counter()

    def done(self, stage: str) -> None:
        now = time.perf_counter()
        self.timings.append((stage, now - self.last))
        self.last = now


def build_date(environ: Mapping[str, str], as_of: dt.date) -> dt.date:
    """SOURCE_DATE_EPOCH when set, otherwise the content's as-of date; never the clock."""
    raw = environ.get("SOURCE_DATE_EPOCH")
    if raw is None or raw == "":
        return as_of
    shown = raw if len(raw) <= 24 else raw[:24] + "…"
    try:
        if not raw.strip().isdigit():
            raise ValueError(raw)
        date = dt.datetime.fromtimestamp(int(raw), tz=dt.timezone.utc).date()
    except (ValueError, OverflowError, OSError):
        raise ConfigError(
            f"SOURCE_DATE_EPOCH={shown!r} is not a number of seconds",
            Location(field="SOURCE_DATE_EPOCH"),
            "set it to a Unix time such as 1588204800, or unset it",
        ) from None
    # The briefing is dated with it: a date before its own figures (1970年1月1日 from 0)
    # or past the years any content may name is a mistake, not a date to print.
    if date < as_of or date.year > 2100:
        raise ConfigError(
            f"SOURCE_DATE_EPOCH={shown} is {date.isoformat()}, "
            + (
                f"before the content's as-of date {as_of.isoformat()}"
                if date < as_of
                else "after the year 2100"
            ),
            Location(field="SOURCE_DATE_EPOCH"),
            "set it to the briefing's date as a Unix time (e.g. "
            f"{int(dt.datetime(as_of.year, as_of.month, as_of.day, tzinfo=dt.timezone.utc).timestamp())}"
            " for the as-of date), or unset it to print the as-of date",
        )
    return date


def text_inputs(
    request: BuildRequest, content_files: list[Path], template_files: list[Path]
) -> list[tuple[str, Path]]:
    inputs = [(f"content/{p.name}", p) for p in content_files]
    inputs += [(f"template/{p.name}", p) for p in template_files]
    root = request.workspace.root
    if root is not None and (root / CONFIG_FILE).is_file():
        inputs.append((CONFIG_FILE, root / CONFIG_FILE))
    sheet = request.workspace.figures_sheet
    if sheet is not None and sheet.is_file():
        inputs.append((f"sheet/{sheet.name}", sheet))
    return inputs


FONT_FOLDERS_INPUT = "fonts:folders"


def font_folders_state(environ: Mapping[str, str]) -> str:
    """A digest of the font folders (fonts.scan.folders_fingerprint): a face installed or
    removed there may change which font serves a role, so the manifest records it."""
    from gjz_brief.fonts.scan import folders_fingerprint, font_dirs

    return "folders:" + folders_fingerprint(font_dirs(None, environ))


def is_up_to_date(request: BuildRequest) -> bool:
    """The fast path of --if-changed: hash the inputs, compare with the manifest.

    Imports nothing heavy: no content model validation, no renderers.
    """
    from gjz_brief.content.files import content_files
    from gjz_brief.template.folders import available_templates, template_input_files

    previous = mf.read_manifest(request.out_dir)
    if previous is None:
        return False
    templates = available_templates(request.workspace.root)
    folder = templates.get(request.template_name)
    if folder is None:
        return False
    try:
        files = content_files(request.workspace.content_dir)
        template_files = template_input_files(folder, request.workspace.root)
        fonts = [
            (name, Path(name.removeprefix("font:")))
            for name in previous.get("inputs", {})
            if name.startswith("font:")
        ]
        inputs = mf.input_digests(text_inputs(request, files, template_files), fonts)
        inputs[FONT_FOLDERS_INPUT] = font_folders_state(request.environ)
    except (OSError, ValueError, BriefError):
        return False  # any doubt means "rebuild", which then reports the problem properly
    key = mf.inputs_key(inputs, request.options(), mf.library_versions())
    return key == previous.get("inputs_key") and not mf.outputs_intact(request.out_dir, previous)


def run_build(request: BuildRequest) -> BuildResult:
    result = BuildResult(request.out_dir)
    clock = StageClock(result.timings)
    if request.if_changed and is_up_to_date(request):
        result.skipped = True
        clock.done("compare inputs with the manifest")
        return result

    # Imported after the --if-changed check, which needs none of them.
    from gjz_brief.content.loader import load_content
    from gjz_brief.document.compose import compose_document
    from gjz_brief.template.loader import load_template

    workspace = request.workspace
    loaded = load_content(
        workspace.content_dir, display_root=workspace.root, sheet=workspace.figures_sheet
    )
    result.warnings = loaded.warnings
    result.notes = loaded.notes
    result.content = loaded
    plan = loaded.plan
    clock.done("load and validate content")
    template = load_template(request.template_name, workspace.root)
    result.warnings += template.warnings  # e.g. macros left out of reference.docx
    date = build_date(request.environ, plan.meta.as_of)
    figures = {f.id: _figure_record(f) for f in plan.figures}
    changes: tuple[tuple[str, str, str], ...] = ()
    if request.show_changes:
        from gjz_brief.output.publish import figure_changes

        changes = tuple(figure_changes(mf.read_manifest(request.out_dir), figures))
    document = compose_document(
        plan,
        template.layout,
        date=date,
        layout_name=template.name,
        issue_number=request.issue_number,
        changes=changes,
    )
    clock.done("template, compose")

    cache = request.out_dir / CACHE_DIR
    from gjz_brief.environment import prepare_libraries
    from gjz_brief.output.atomic import check_own_entries
    from gjz_brief.output.chart_cache import start_charts, start_workers_early

    check_own_entries(request.out_dir)  # the cache is never written through a planted link
    prepare_libraries(cache)  # before matplotlib or ReportLab is imported
    workers = start_workers_early(document, cache / "charts")
    try:
        fontset = resolve_workspace_fonts(workspace, request.environ, cache / "fonts")
        check_glyphs(fontset, loaded)
    except BaseException:
        if workers is not None:
            workers.close(terminate=True)
        raise
    clock.done("resolve fonts, check glyphs")
    chart_job = start_charts(plan, document, fontset, cache / "charts", workers)
    # A page limit is checked on the PDF, so it is rendered even for a DOCX-only build.
    needs_pdf = "pdf" in request.formats or template.layout.max_pages is not None
    office = {role: font.office_name for role, font in fontset.roles.items()}
    docx_workers: Workers | None = None
    docx_future = None
    outputs: dict[str, bytes] = {}
    try:
        # Registered while worker processes draw the charts (the two overlap on two cores).
        chart_texts = chart_job.texts() if needs_pdf else {}
        pdf_fonts = (
            _register_pdf_fonts(document, fontset, cache / "fonts", chart_texts)
            if needs_pdf
            else None
        )
        clock.done("PDF fonts (charts drawn alongside)")
        if chart_job.ready and "docx" in request.formats and pdf_fonts and available_cores() > 1:
            # Every chart came from the cache: the DOCX is written in a worker meanwhile.
            docx_workers = Workers(1)
            docx_future = docx_workers.submit(
                _render_docx,
                document,
                chart_job.result(),
                template.theme,
                office,
                template.reference_docx,
            )
        if pdf_fonts is not None:
            # Laid out while charts are still being drawn; their drawings are waited for
            # only when the file is written (the job is the renderer's ChartSource).
            try:
                rendered = _render_pdf(
                    document, chart_job, fontset, template, pdf_fonts, cache / "fonts", chart_texts
                )
            except OversizedContentError as error:
                raise _locate_in_content(error, loaded, template.folder, document) from None
            check_page_limit(template, rendered.page_fit)
            clock.done("render PDF")
            if "pdf" in request.formats:
                outputs[PDF_NAME] = rendered.data
        if "docx" in request.formats:
            docx = result_or_none(docx_future)
            if docx is None:
                # Needs the PNGs only: the workers may still be saving the SVGs meanwhile.
                rasters = chart_job.raster_images()
                clock.done("wait for chart PNGs")
                docx = _render_docx(
                    document, rasters, template.theme, office, template.reference_docx
                )
            outputs[DOCX_NAME] = docx
            clock.done("render DOCX" if docx_future is None else "wait for the DOCX")
        charts = chart_job.result()
        clock.done("wait for charts")
    except BaseException:
        chart_job.cancel()
        raise
    finally:
        if docx_workers is not None:
            docx_workers.close(terminate=True)

    check_printed_figures(document, plan, figures, outputs)
    clock.done("figure audit")
    for figure in document.figures():
        image = charts[figure.chart_id]
        outputs[f"charts/{figure.chart_id}.svg"] = image.svg
        outputs[f"charts/{figure.chart_id}.png"] = image.png

    inputs = mf.input_digests(
        text_inputs(request, loaded.files, template.input_files()),
        sorted(
            {(f"font:{f.face.path}", f.face.path) for f in fontset.roles.values()}
            | {(f"font:{face.path}", face.path) for face in fontset.fallbacks}
        ),
    )
    inputs[FONT_FOLDERS_INPUT] = font_folders_state(request.environ)  # a new face: rebuild
    if request.dry_run:
        clock.done("manifest")
        return result
    manifest = mf.make_manifest(
        inputs=inputs,
        options=request.options(),
        versions=mf.library_versions(),
        outputs=outputs,
        figures=figures,
        build_date=date.isoformat(),
    )
    from gjz_brief.output.publish import publish

    publish(request, result, outputs, manifest, figures)
    clock.done("manifest, publish")
    return result


def _locate_in_content(
    error: OversizedContentError, loaded: Any, template_folder: Path, document: Any = None
) -> OversizedContentError:
    """The same error, pointing at the content file and line of the entry it names, or of
    the document block it names (``error.block_index``); failing both, at the template
    whose layout and theme placed it."""
    path: tuple[Any, ...] | None = None
    kind, entry_id = (*error.content_path, "", "")[:2]
    entries = getattr(loaded.plan, kind, None) if kind else None
    index = next(
        (i for i, e in enumerate(entries or ()) if getattr(e, "id", None) == entry_id), None
    )
    if index is not None:
        path = (kind, index)
    elif document is not None and error.block_index is not None:
        path = content_path_of_block(document.blocks[error.block_index], loaded.plan)
    if path is None:
        if error.location is None:
            return OversizedContentError(error.message, Location(str(template_folder)), error.hint)
        return error
    where = loaded.locate(path)
    field = error.location.field if error.location else None
    located = Location(where.file, where.line, where.column, field or _dotted(path))
    return OversizedContentError(error.message, located, error.hint, error.content_path)


def _dotted(path: tuple[Any, ...]) -> str:
    from gjz_brief.content.messages import dotted

    return dotted(path)


def content_path_of_block(block: Any, plan: Any) -> tuple[Any, ...] | None:
    """The content entry a document block was composed from, for locating layout errors."""
    from gjz_brief.document import tree

    if isinstance(block, (tree.Cover, tree.Title, tree.Masthead)):
        return ("meta", "title")
    if isinstance(block, tree.Table):
        table_id = block.anchor.removeprefix("table_") if block.anchor else ""
        ids = [t.id for t in plan.tables]
        return ("tables", ids.index(table_id)) if table_id in ids else ("figures",)
    if isinstance(block, tree.FigureBlock):
        ids = [c.id for c in plan.charts]
        return ("charts", ids.index(block.chart_id)) if block.chart_id in ids else None
    if isinstance(block, tree.KeyFigures):
        return ("figures",)
    if isinstance(block, tree.Heading):
        for index, section in enumerate(plan.sections):
            if section.title == block.text:
                return ("sections", index, "title")
    if isinstance(block, tree.Paragraph):
        for index, section in enumerate(plan.sections):
            if block.text in section.paragraphs:
                return ("sections", index, "paragraphs", section.paragraphs.index(block.text))
        return ("meta",)
    return None


def _render_docx(document: Any, charts: Any, theme: Any, office: Any, reference: Any) -> bytes:
    from gjz_brief.render.docx import render_docx

    return render_docx(document, charts, theme, office, reference)


def _register_pdf_fonts(
    document: Any, fontset: Any, font_cache: Path, chart_texts: Mapping[str, str] | None = None
) -> Any:
    """Register the PDF fonts; converted faces get the text of their roles (pdf_role_texts),
    the charts' text included (the PDF sets it as real text)."""
    from gjz_brief.fonts.pdf import register_pdf_fonts
    from gjz_brief.fonts.pdf_text import pdf_role_texts
    from gjz_brief.render.pdf import RENDERER_TEXT

    return register_pdf_fonts(
        fontset, RENDERER_TEXT, font_cache, pdf_role_texts(document, chart_texts)
    )


def _render_pdf(
    document: Any,
    charts: Any,
    fontset: Any,
    template: Any,
    pdf_fonts: Any,
    font_cache: Path,
    chart_texts: Mapping[str, str] | None = None,
) -> Any:
    """Render; again with whole-text font subsets if a converted face lacked a character."""
    from gjz_brief.fonts.pdf import register_pdf_fonts
    from gjz_brief.fonts.pdf_text import pdf_role_texts
    from gjz_brief.render.pdf import RENDERER_TEXT, render_pdf_with_pages

    rendered = render_pdf_with_pages(document, charts, pdf_fonts, template.theme)
    if pdf_fonts.subset_misses:
        # The estimate missed text a converted face draws: every role gets all of it.
        everything = "".join(pdf_role_texts(document, chart_texts).values())
        everything += "".join(character for _, character in pdf_fonts.subset_misses)
        pdf_fonts = register_pdf_fonts(fontset, RENDERER_TEXT + everything, font_cache)
        rendered = render_pdf_with_pages(document, charts, pdf_fonts, template.theme)
    return rendered


def check_page_limit(template: Any, page_fit: Any) -> None:
    """Raise PageLimitError, before anything is written, when the PDF has too many pages."""
    limit = template.layout.max_pages
    message = page_fit.overflow_message(limit) if limit is not None else None
    if message is None:
        return
    raise PageLimitError(
        message,
        Location(str(template.folder / "layout.yaml"), field="max_pages"),
        "shorten the content, drop a block from the layout, or choose smaller sizes or "
        "margins in theme.yaml; the previous outputs are unchanged",
    )


def check_printed_figures(
    document: Any, plan: Any, figures: dict[str, Any], outputs: dict[str, bytes]
) -> None:
    """The figure audit (output/audit.py): the PDF and DOCX, read back, print the manifest's
    figures; RenderError (nothing is published) when one does not."""
    from gjz_brief.content.formatting import format_target
    from gjz_brief.output.audit import audit_outputs

    targets = {f.id: format_target(f) for f in plan.figures if f.target is not None}
    problems = audit_outputs(document, figures, targets, outputs)
    if problems:
        raise RenderError(
            "the figure audit found printed figures that differ from the content:\n  "
            + "\n  ".join(problems[:10]),
            hint="this is a fault of gjz-brief, not of the content: please report it; the "
            "previous outputs are unchanged",
        )


def _figure_record(figure: Any) -> dict[str, Any]:
    from gjz_brief.content.formatting import format_figure

    return {
        "name": figure.name,
        "value": figure.value,
        "unit": figure.unit,
        "qualifier": figure.qualifier,
        "text": format_figure(figure),
    }


def resolve_workspace_fonts(  # noqa: ANN201
    workspace: Workspace, environ: Mapping[str, str], cache_dir: Path | None = None
):
    from gjz_brief.fonts.resolve import resolve_fonts

    overrides = dict(workspace.config.fonts)
    if workspace.root is not None:
        overrides = {
            role: str((workspace.root / path).resolve()) if not Path(path).is_absolute() else path
            for role, path in overrides.items()
        }
    return resolve_fonts(overrides or None, environ=environ, cache_dir=cache_dir)


# Which font role sets a content field (by its first and last path parts); default body.
_ROLE_OF_FIELD = {
    ("meta", "title"): "title",
    ("meta", "bulletin_name"): "title",
    ("meta", "editor_note"): "kai",
    ("sections", "title"): "heading",
}


# Content that charts draw, besides the body text of the document.
_CHARTED = frozenset(["figures", "charts", "industry", "milestones"])


def check_glyphs(fontset: Any, loaded: Any) -> None:
    """Every character of the content must be drawable by its role's font or a fallback.

    Raises MissingGlyphError naming the character, its code point and the file and line.
    """
    from gjz_brief.content.validate import walk_texts
    from gjz_brief.fonts.coverage import check_coverage

    texts: list[tuple[str, str, Location | None]] = []
    for path, text in walk_texts(loaded.plan.model_dump(mode="json")):
        role = _ROLE_OF_FIELD.get((str(path[0]), str(path[-1])), "body")
        texts.append((role, text, loaded.locate(path)))
        if str(path[0]) in _CHARTED and role != "heading":
            # Charts label with the heading face (charts.style.LABEL_ROLE): a character it
            # lacks would fail the chart instead of naming its line here.
            texts.append(("heading", text, loaded.locate(path)))
    problems = check_coverage(fontset, texts)
    if problems:
        first = problems[0]
        raise MissingGlyphError(
            "\n  ".join([first.message, *(f"{p.location}: {p.message}" for p in problems[1:10])]),
            first.location,
            "replace the character, or install a font that has it (e.g. fonts-noto-cjk) "
            "and list its folder in GJZ_BRIEF_FONT_DIRS",
        )


def version_line() -> str:
    return f"gjz-brief {__version__}"
