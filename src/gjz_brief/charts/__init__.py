"""Charts drawn from the content's chart specifications (matplotlib, imported lazily).

``render_in_background`` is the build's orchestration: charts that are not cached are drawn
in forked worker processes while the build goes on (registering the PDF fonts), so on two
cores charts and fonts overlap. ``start_workers`` forks them early, as soon as the build
knows charts will be drawn, so they import matplotlib while the build resolves fonts. Every chart is drawn by the same function in a fresh figure,
so the bytes do not depend on the process or the order.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import sys
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from gjz_brief.charts.render import (
    CHART_KINDS,
    chart_cache_key,
    chart_figure,
    render_chart,
    render_charts,
    sketch_chart,
)
from gjz_brief.charts.style import CHART_STYLE_VERSION

__all__ = [
    "CHART_KINDS",
    "CHART_STYLE_VERSION",
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
# GJZ_BRIEF_CHART_WORKERS=0 draws every chart in the build's own process.
WORKERS_VARIABLE = "GJZ_BRIEF_CHART_WORKERS"

_PR_SET_PDEATHSIG = 1  # linux/prctl.h


def _start_worker(parent: int) -> None:
    """Ctrl-C and SIGTERM are the build's to handle (it stops the pool); a worker just ends,
    silently, and on Linux also when the build is killed (-9) while it draws.

    Then it imports matplotlib: workers start as soon as the build knows charts will be
    drawn, so this happens while the build is still resolving and registering fonts.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the build died before prctl took effect
        os._exit(1)
    from gjz_brief.charts import backend

    backend.prepare()


def _ready() -> None:
    """A first task: the executor forks its workers at the first submit."""


def _render_in_worker(spec: Any, plan: Any, fonts: Any) -> Any:
    return render_chart(spec, plan, fonts)


class ChartWorkers:
    """Worker processes for charts, started (forked) before the charts are known."""

    def __init__(self, count: int) -> None:
        self.count = count
        self._pool: ProcessPoolExecutor | None = None
        try:
            # With fork the executor starts all workers at the first submit, before its own
            # threads; a worker that dies fails its futures (BrokenProcessPool), never hangs.
            self._pool = ProcessPoolExecutor(
                max_workers=count,
                mp_context=multiprocessing.get_context("fork"),
                initializer=_start_worker,
                initargs=(os.getpid(),),
            )
            self._pool.submit(_ready)
        except (OSError, RuntimeError, NotImplementedError, ValueError):
            # No semaphores (/dev/shm) or processes to be had: charts are drawn here instead.
            self.close(terminate=True)

    def submit(self, spec: Any, plan: Any, fonts: Any) -> Future[Any] | None:
        if self._pool is None:
            return None
        try:
            return self._pool.submit(_render_in_worker, spec, plan, fonts)
        except (OSError, RuntimeError):  # a broken pool: drawn here instead
            return None

    def close(self, terminate: bool = False) -> None:
        """Stop the workers: after the last result, or early (``terminate``) on an error."""
        if self._pool is not None:
            # Charts already being drawn finish (a fraction of a second); the rest never start.
            self._pool.shutdown(wait=True, cancel_futures=terminate)
            self._pool = None


class PendingCharts:
    """Charts being drawn; ``result()`` waits for them (or draws them here if no workers)."""

    def __init__(
        self, specs: Sequence[Any], plan: Any, fonts: Any, workers: ChartWorkers | None
    ) -> None:
        self.specs = {spec.id: spec for spec in specs}
        self.plan, self.fonts = plan, fonts
        self.workers = workers
        self._futures: dict[str, Future[Any]] = {}
        if workers is not None:
            for chart_id, spec in self.specs.items():
                future = workers.submit(spec, plan, fonts)
                if future is not None:
                    self._futures[chart_id] = future

    def result(self) -> dict[str, Any]:
        """Every chart, keyed by id in the specs' order; errors are those of render_chart."""
        images: dict[str, Any] = {}
        try:
            for chart_id, spec in self.specs.items():
                future = self._futures.get(chart_id)
                image = None
                try:
                    image = future.result() if future is not None else None
                except Exception:  # noqa: BLE001 - drawn again here, raising its own error
                    image = None
                if image is None:
                    image = render_chart(spec, self.plan, self.fonts)
                images[chart_id] = image
        except BaseException:
            self.close(terminate=True)
            raise
        self.close()
        return images

    def close(self, terminate: bool = False) -> None:
        if self.workers is not None:
            self.workers.close(terminate=terminate)


def worker_count(charts: int) -> int:
    """Workers worth starting for ``charts`` charts: none without fork or a second core."""
    # fork (not spawn) so workers start without importing anything; not on macOS, where
    # forking a process that has used system frameworks is unsafe.
    if charts < 1 or sys.platform == "darwin":
        return 0
    if "fork" not in multiprocessing.get_all_start_methods():
        return 0
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    if not cores or cores < 2:
        return 0
    wanted = 1 + charts // CHARTS_PER_EXTRA_WORKER
    configured = os.environ.get(WORKERS_VARIABLE, "")
    limit = int(configured) if configured.isdigit() else MAX_WORKERS
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
