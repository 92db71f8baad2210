"""The build's chart stage: every chart of a document, from the cache or drawn alongside the
build, behind one object.

::

    with ChartStage(document, cache_folder, environ) as charts:
        charts.draw(plan, fonts)        # cached charts are read, the others queued to workers
        render_pdf(document, charts)    # a ChartSource: sizes now, drawings when written
        render_docx(document, charts)
        drawn = charts.finish()         # every chart complete; the new ones cached
    # leaving the block stops the workers (at once on an error)

Charts missing from the cache are drawn in forked worker processes (workers.py) while the
build resolves fonts and lays out the PDF: on two cores that overlap keeps a cold build within
its target (benchmarks/README.md). When no chart at all is cached (a first build), the workers
are forked as the stage is entered, before the fonts are resolved, so they import matplotlib
meanwhile. Each worker saves its charts part by part in the order the build needs them: PDF
streams and text first, then PNGs, then SVGs (PARTS), a group of charts at a time so it keeps
few drawn figures in memory. A second worker pays for its matplotlib start (~0.3 s CPU) only
from CHARTS_PER_EXTRA_WORKER charts on; GJZ_BRIEF_CHART_WORKERS=N in the build's environment
allows at most N (0: everything in the build's process).

A worker is only a speed-up: without fork or a second core, or when a worker fails, the
chart is drawn in the build's own process, which then raises the chart's own error (with its
location). Every chart is drawn by the same function in a fresh figure, so its bytes do not
depend on the process or the order.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from concurrent.futures import Future
from pathlib import Path
from types import TracebackType

from gjz_brief.charts import backend
from gjz_brief.charts.cache import ChartCache
from gjz_brief.charts.pdf_operators import decode_texts
from gjz_brief.charts.render import PARTS, DrawnChart, chart_image, draw_chart, sketch_chart
from gjz_brief.charts.sketch import Sketch, TextLine
from gjz_brief.content.model import ChartSpec, Plan
from gjz_brief.document.tree import ChartImage, Document
from gjz_brief.environment import matplotlib_settings_folder
from gjz_brief.fonts.model import FontSet
from gjz_brief.workers import Workers, available_cores

WORKERS_VARIABLE = "GJZ_BRIEF_CHART_WORKERS"
CHARTS_PER_EXTRA_WORKER = 8
MAX_WORKERS = 2
CHARTS_PER_GROUP = 8  # a worker saves the parts of this many charts before drawing more


def worker_count(charts: int, environ: Mapping[str, str], cores: int | None = None) -> int:
    """Workers worth forking for ``charts`` charts: none without fork or a second core."""
    cores = available_cores() if cores is None else cores
    configured = environ.get(WORKERS_VARIABLE, "")
    limit = int(configured) if configured.isdigit() else MAX_WORKERS
    if charts < 1 or cores < 2:
        return 0
    return min(1 + charts // CHARTS_PER_EXTRA_WORKER, limit, cores, charts)


class ChartStage:
    """The charts of ``document``: a ChartSource for the renderers, then the finished images.

    ``cache`` is the build's cache folder (out/.cache): charts are kept in its ``charts``
    folder, matplotlib's settings in its ``matplotlib`` folder when matplotlib's own folders
    cannot be written (environment.matplotlib_settings_folder).
    """

    def __init__(self, document: Document, cache: Path, environ: Mapping[str, str]) -> None:
        self._ids = list(dict.fromkeys(figure.chart_id for figure in document.figures()))
        self._store = ChartCache(cache / "charts")
        self._cache_folder = cache
        self._environ = environ
        self._workers: list[Workers] = []
        self._cached: dict[str, ChartImage] = {}
        self._missing: dict[str, str] = {}  # chart id → cache key
        self._sketches: dict[str, Sketch] = {}  # of the missing charts: sizes and texts
        self._futures: dict[tuple[str, str], Future[bytes]] = {}
        self._here: dict[str, ChartImage] = {}  # drawn in this process
        self._specs: dict[str, ChartSpec] = {}
        self._plan: Plan | None = None
        self._fonts: FontSet | None = None
        self._settings: Path | None = None

    # --- the stage --------------------------------------------------------------------------

    def __enter__(self) -> ChartStage:
        if self._ids and self._store.is_empty():
            self._start_workers(len(self._ids))  # surely drawn: fork while fonts are resolved
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._stop(terminate=kind is not None)

    def draw(self, plan: Plan, fonts: FontSet) -> None:
        """Take the cached charts and start drawing the others (see the module's docstring)."""
        self._plan, self._fonts = plan, fonts
        self._specs = {spec.id: spec for spec in plan.charts if spec.id in self._ids}
        for chart_id in self._ids:
            key, image = self._store.lookup(self._specs[chart_id], plan, fonts)
            if image is None:
                self._missing[chart_id] = key
            else:
                self._cached[chart_id] = image
        # Sketched here (no matplotlib, a few hundredths of a second): the PDF is laid out
        # from these sizes while the workers draw.
        self._sketches = {i: sketch_chart(self._specs[i], plan, fonts) for i in self._missing}
        if not self._missing:
            self._stop(terminate=True)
            return
        if not self._workers:
            self._start_workers(len(self._missing))
        self._submit(list(self._missing))

    def finish(self) -> dict[str, ChartImage]:
        """Every chart, complete, in the document's order; new ones are stored in the cache
        and the workers stopped."""
        images = {chart_id: self._image(chart_id) for chart_id in self._ids}
        for chart_id, key in self._missing.items():
            self._store.store(key, images[chart_id])
        self._stop(terminate=False)
        return images

    def texts(self) -> dict[str, str]:
        """Font role → the text the charts set in it (for the PDF's font subsets), without
        waiting for any chart: from the cached charts' text runs, or from the sketches."""
        texts: dict[str, list[str]] = {}
        for image in self._cached.values():
            for run in decode_texts(image.pdf_text):
                texts.setdefault(run.role, []).append(run.text)
        for sketch in self._sketches.values():
            for shape in sketch.shapes:
                if isinstance(shape, TextLine):
                    texts.setdefault(shape.role, []).append(shape.text)
        return {role: "".join(parts) for role, parts in texts.items()}

    # --- ChartSource (document.tree) ---------------------------------------------------------

    def size_mm(self, chart_id: str) -> tuple[float, float] | None:
        if chart_id in self._cached:
            image = self._cached[chart_id]
            return image.width_mm, image.height_mm
        sketch = self._sketches.get(chart_id)
        return None if sketch is None else (sketch.width, sketch.height)

    def pdf_stream(self, chart_id: str) -> bytes | None:
        return self._part(chart_id, "pdf_stream")

    def pdf_text(self, chart_id: str) -> bytes | None:
        return self._part(chart_id, "pdf_text")

    def png(self, chart_id: str) -> bytes | None:
        return self._part(chart_id, "png")

    # --- inside ------------------------------------------------------------------------------

    def _settings_folder(self) -> Path | None:
        if self._settings is None:
            self._settings = matplotlib_settings_folder(self._environ, self._cache_folder)
        return self._settings

    def _start_workers(self, charts: int) -> None:
        count = worker_count(charts, self._environ)
        prepare = functools.partial(backend.prepare, self._settings_folder())
        workers = [Workers(1, prepare) for _ in range(count)]
        self._workers = [worker for worker in workers if worker.running]

    def _submit(self, chart_ids: list[str]) -> None:
        """Each worker takes every n-th chart, part by part, a group of charts at a time."""
        assert self._plan is not None and self._fonts is not None
        lanes = len(self._workers)
        for lane, worker in enumerate(self._workers):
            mine = chart_ids[lane::lanes]
            for start in range(0, len(mine), CHARTS_PER_GROUP):
                group = mine[start : start + CHARTS_PER_GROUP]
                for part in PARTS:
                    for chart_id in group:
                        spec = self._specs[chart_id]
                        future = worker.submit(_save_part, spec, self._plan, self._fonts, part)
                        if future is not None:
                            self._futures[chart_id, part] = future

    def _part(self, chart_id: str, part: str) -> bytes | None:
        if chart_id in self._cached:
            data: bytes = getattr(self._cached[chart_id], part)
            return data
        if chart_id not in self._missing:
            return None
        future = self._futures.get((chart_id, part))
        if future is not None:
            try:
                return future.result()
            except Exception:  # noqa: BLE001 - redone here, raising the chart's own error
                pass
        image: bytes = getattr(self._draw_here(chart_id), part)
        return image

    def _image(self, chart_id: str) -> ChartImage:
        if chart_id in self._cached:
            return self._cached[chart_id]
        parts = {part: self._part(chart_id, part) or b"" for part in PARTS}
        sketch = self._sketches[chart_id]
        return chart_image(chart_id, (sketch.width, sketch.height), parts)

    def _draw_here(self, chart_id: str) -> ChartImage:
        if chart_id not in self._here:
            assert self._plan is not None and self._fonts is not None
            backend.prepare(self._settings_folder())
            drawn = draw_chart(self._specs[chart_id], self._plan, self._fonts)
            parts = {part: drawn.save(part) for part in PARTS}
            size = (drawn.sketch.width, drawn.sketch.height)
            self._here[chart_id] = chart_image(chart_id, size, parts)
        return self._here[chart_id]

    def _stop(self, terminate: bool) -> None:
        for worker in self._workers:
            worker.close(terminate=terminate)
        self._workers = []


# In a worker: the charts it has drawn, kept until their last part is saved.
_drawn: dict[str, DrawnChart] = {}


def _save_part(spec: ChartSpec, plan: Plan, fonts: FontSet, part: str) -> bytes:
    """In a worker: one part of a chart, drawing it first unless this worker already has."""
    drawn = _drawn.get(spec.id)
    if drawn is None:
        drawn = _drawn[spec.id] = draw_chart(spec, plan, fonts)
    data = drawn.save(part)
    if part == PARTS[-1]:
        del _drawn[spec.id]
    return data
