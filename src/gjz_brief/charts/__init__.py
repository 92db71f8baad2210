"""Charts drawn from the content's chart specifications (matplotlib, imported lazily).

``render_in_background`` is the build's orchestration: charts that are not cached are drawn
in forked worker processes while the build goes on (fonts, PDF layout), so on two cores
they overlap. ``start_workers`` forks them early, as soon as the build knows charts will be
drawn, so they import matplotlib while the build resolves fonts; ``PendingCharts`` hands
out each chart's parts (PDF stream, PNG, SVG) as they are saved. Every chart is drawn by
the same function in a fresh figure, so the bytes do not depend on the process or order.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import Future
from typing import Any

from gjz_brief.charts.render import (
    CHART_KINDS,
    PARTS,
    DrawnChart,
    chart_cache_key,
    chart_figure,
    chart_image,
    draw_chart,
    render_chart,
    render_charts,
    sketch_chart,
)
from gjz_brief.charts.sketch import TextLine
from gjz_brief.charts.style import CHART_STYLE_VERSION
from gjz_brief.document.tree import ChartImage
from gjz_brief.workers import (
    WORKERS_VARIABLE,
    Workers,
    available_cores,
    configured_limit,
    result_or_none,
)

__all__ = [
    "CHART_KINDS",
    "chart_sizes",
    "CHART_STYLE_VERSION",
    "WORKERS_VARIABLE",
    "ChartWorkers",
    "PendingCharts",
    "chart_cache_key",
    "chart_figure",
    "render_chart",
    "render_charts",
    "render_in_background",
    "start_workers",
    "sketch_chart",
]

# One worker already overlaps the charts with the PDF font registration at no extra CPU
# (the build's own process then never imports matplotlib); a second one costs another
# matplotlib start-up (~0.3 s CPU), which pays only when there are many charts.
CHARTS_PER_EXTRA_WORKER = 8
MAX_WORKERS = 2
# A single worker saves the parts of this many charts before drawing the next ones.
CHARTS_PER_PHASE = 8
ALL_PARTS = "*"  # a future holding a whole ChartImage


def _prepare_worker() -> None:
    """Import matplotlib in a worker as it starts: workers start as soon as the build knows
    charts will be drawn, so this happens while the build still resolves fonts."""
    from gjz_brief.charts import backend

    backend.prepare()


# In a worker: charts drawn by an earlier job, kept until their last part is saved.
_drawn: dict[str, DrawnChart] = {}


def _save_in_worker(spec: Any, plan: Any, fonts: Any, part: str) -> bytes:
    """Save one part of a chart, drawing it first unless this worker already has."""
    drawn = _drawn.get(spec.id)
    if drawn is None:
        drawn = _drawn[spec.id] = draw_chart(spec, plan, fonts)
    data = drawn.save(part)
    if part == PARTS[-1]:
        del _drawn[spec.id]
    return data


def chart_sizes(specs: Sequence[Any], plan: Any, fonts: Any) -> dict[str, tuple[float, float]]:
    """Each chart's width and height in millimetres, from its sketch (no matplotlib)."""
    return {
        spec.id: (sketch.width, sketch.height) for spec, sketch in _sketches(specs, plan, fonts)
    }


def _sketches(specs: Sequence[Any], plan: Any, fonts: Any) -> list[tuple[Any, Any]]:
    return [(spec, sketch_chart(spec, plan, fonts)) for spec in specs]


def sketch_texts(sketches: Sequence[Any]) -> dict[str, str]:
    """Font role → the text the sketched charts set in it (for the PDF's font subsets)."""
    texts: dict[str, list[str]] = {}
    for sketch in sketches:
        for shape in sketch.shapes:
            if isinstance(shape, TextLine):
                texts.setdefault(shape.role, []).append(shape.text)
    return {role: "".join(parts) for role, parts in texts.items()}


class ChartWorkers(Workers):
    """Worker processes for charts, started (forked) before the charts are known."""

    def __init__(self, count: int) -> None:
        super().__init__(count, _prepare_worker)


class PendingCharts:
    """Charts being drawn, part by part; each accessor waits only for what it needs.

    Workers save every chart's PDF stream first, then the PNGs, then the SVGs: the PDF
    can be laid out (from sizes sketched here) and written, then the DOCX, while later
    parts are still being saved. Without workers (or when one fails) a chart is drawn here, in full.
    """

    def __init__(
        self, specs: Sequence[Any], plan: Any, fonts: Any, workers: ChartWorkers | None
    ) -> None:
        self.specs = {spec.id: spec for spec in specs}
        self.plan, self.fonts = plan, fonts
        self.workers = workers
        self._futures: dict[tuple[str, str], Future[Any]] = {}
        self._sizes: dict[str, tuple[float, float]] | None = None
        self._texts: dict[str, str] | None = None
        self._here: dict[str, ChartImage] = {}  # drawn in this process
        if workers is not None and workers.count == 1:
            # Part by part, a group of charts at a time: a worker keeps at most a group of
            # drawn figures in memory, and the first PDF streams come early.
            specs_list = list(self.specs.values())
            for start in range(0, len(specs_list), CHARTS_PER_PHASE):
                group = specs_list[start : start + CHARTS_PER_PHASE]
                for part in PARTS:
                    for spec in group:
                        future = workers.submit(_save_in_worker, spec, plan, fonts, part)
                        if future is not None:
                            self._futures[spec.id, part] = future
        elif workers is not None:
            # Several workers would each draw a chart whose parts they happen to take: one
            # job per whole chart instead.
            for chart_id, spec in self.specs.items():
                future = workers.submit(render_chart, spec, plan, fonts)
                if future is not None:
                    self._futures[chart_id, ALL_PARTS] = future

    def sizes(self) -> dict[str, tuple[float, float]]:
        """Width and height (mm) of every chart, before the charts themselves are done.

        Sketched here (no matplotlib, a few hundredths of a second): the workers, which
        draw the charts, are the busier side of a cold build.
        """
        if self._sizes is None:
            self._sketch()
        assert self._sizes is not None
        return self._sizes

    def texts(self) -> dict[str, str]:
        """Font role → the text of these charts, from their sketches (see sizes)."""
        if self._texts is None:
            self._sketch()
        assert self._texts is not None
        return self._texts

    def _sketch(self) -> None:
        sketched = _sketches(list(self.specs.values()), self.plan, self.fonts)
        self._sizes = {spec.id: (sketch.width, sketch.height) for spec, sketch in sketched}
        self._texts = sketch_texts([sketch for _, sketch in sketched])

    def part(self, chart_id: str, part: str) -> bytes:
        """One saved part of a chart (see charts.render.PARTS); errors are render_chart's."""
        try:
            data = result_or_none(self._futures.get((chart_id, part)))
            if data is None:
                image = self._here.get(chart_id)
                if image is None:
                    image = result_or_none(self._futures.get((chart_id, ALL_PARTS)))
                if image is None:
                    image = render_chart(self.specs[chart_id], self.plan, self.fonts)
                self._here[chart_id] = image
                data = getattr(image, part)
        except BaseException:
            self.close(terminate=True)
            raise
        return data

    def images(self, parts: Sequence[str] = PARTS) -> dict[str, ChartImage]:
        """Every chart with ``parts`` (the others left empty), in the specs' order."""
        sizes = self.sizes() if self.specs else {}
        return {
            chart_id: chart_image(
                chart_id, sizes[chart_id], {part: self.part(chart_id, part) for part in parts}
            )
            for chart_id in self.specs
        }

    def result(self) -> dict[str, ChartImage]:
        """Every chart, complete; the workers are stopped afterwards."""
        images = self.images()
        self.close()
        return images

    def close(self, terminate: bool = False) -> None:
        if self.workers is not None:
            self.workers.close(terminate=terminate)


def worker_count(charts: int) -> int:
    """Workers worth starting for ``charts`` charts: none without fork or a second core."""
    cores = available_cores()
    if charts < 1 or cores < 2:
        return 0
    wanted = 1 + charts // CHARTS_PER_EXTRA_WORKER
    configured = configured_limit()
    limit = MAX_WORKERS if configured is None else configured
    return min(wanted, limit, cores, charts)


def start_workers(charts: int, workers: int | None = None) -> ChartWorkers | None:
    """Fork workers for about ``charts`` charts (see worker_count), or None to draw here."""
    count = worker_count(charts) if workers is None else workers
    return ChartWorkers(count) if count > 0 else None


def render_in_background(
    specs: Sequence[Any],
    plan: Any,
    fonts: Any,
    workers: int | None = None,
    started: ChartWorkers | None = None,
) -> PendingCharts:
    """Start drawing ``specs`` on ``started`` workers, or on new ones (``workers=None``
    chooses, see worker_count; 0 draws lazily in this process)."""
    if started is None and specs:
        started = start_workers(len(specs), workers)
    elif started is not None and not specs:
        started.close(terminate=True)
        started = None
    return PendingCharts(specs, plan, fonts, started)
