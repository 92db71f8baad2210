"""Rendered charts kept between builds, keyed by chart spec, data, fonts and versions.

``start_charts`` is the build's chart stage: cached charts are read, the others are drawn in
worker processes (charts.render_in_background) while the build goes on.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gjz_brief.document.tree import ChartImage
from gjz_brief.errors import OutputError
from gjz_brief.output.atomic import write_files_atomically
from gjz_brief.paths import read_no_follow


class ChartCache:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.hits = 0
        self.misses = 0

    def _load(self, key: str, chart_id: str) -> ChartImage | None:
        base = self.folder / key
        try:
            # never through a link planted in the cache (it would publish another file)
            info = json.loads(read_no_follow(base.with_suffix(".json")).decode("utf-8"))
            svg = read_no_follow(base.with_suffix(".svg"))
            png = read_no_follow(base.with_suffix(".png"))
            pdf_stream = read_no_follow(base.with_suffix(".pdfstream"))
            pdf_text = read_no_follow(base.with_suffix(".pdftext"))
            return ChartImage(
                chart_id,
                svg,
                png,
                float(info["width_mm"]),
                float(info["height_mm"]),
                int(info["png_dpi"]),
                pdf_stream,
                pdf_text=pdf_text,
            )
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def lookup(self, spec: Any, plan: Any, fonts: Any) -> tuple[str, ChartImage | None]:
        """The chart's cache key and its cached image, if there is one."""
        from gjz_brief.charts import chart_cache_key

        key = chart_cache_key(spec, plan, fonts)
        cached = self._load(key, spec.id)
        if cached is not None:
            self.hits += 1
        else:
            self.misses += 1
        return key, cached

    def store(self, key: str, image: ChartImage) -> None:
        info = {"width_mm": image.width_mm, "height_mm": image.height_mm, "png_dpi": image.png_dpi}
        # A cache that cannot be written only makes the next build slower.
        with contextlib.suppress(OutputError):
            write_files_atomically(
                self.folder,
                {
                    f"{key}.svg": image.svg,
                    f"{key}.png": image.png,
                    f"{key}.pdfstream": image.pdf_stream,
                    f"{key}.pdftext": image.pdf_text,
                    f"{key}.json": json.dumps(info).encode(),
                },
            )

    def get_or_render(
        self, spec: Any, plan: Any, fonts: Any, render: Callable[[Any, Any, Any], ChartImage]
    ) -> ChartImage:
        key, cached = self.lookup(spec, plan, fonts)
        if cached is not None:
            return cached
        image = render(spec, plan, fonts)
        self.store(key, image)
        return image


@dataclass
class ChartJob:
    """Charts taken from the cache, and those being drawn (see charts.render_in_background)."""

    store: ChartCache
    images: dict[str, ChartImage | None]  # chart id → image; None while being drawn
    missing: dict[str, str]  # chart id → cache key
    pending: Any  # PendingCharts (it keeps the sizes it sketched)
    _result: dict[str, ChartImage] | None = None

    @property
    def ready(self) -> bool:
        """True when every chart came from the cache (nothing to wait for)."""
        return not self.missing

    def size_mm(self, chart_id: str) -> tuple[float, float] | None:
        """A chart's size in millimetres, known before it is drawn (ChartSource)."""
        image = self.images.get(chart_id)
        if image is not None:
            return image.width_mm, image.height_mm
        if chart_id not in self.missing:
            return None
        return self.pending.sizes().get(chart_id)

    def pdf_stream(self, chart_id: str) -> bytes | None:
        """The chart's PDF stream, waiting for it if need be (ChartSource)."""
        image = self.images.get(chart_id)
        if image is not None:
            return image.pdf_stream
        if chart_id not in self.missing:
            return None
        return self.pending.part(chart_id, "pdf_stream")

    def pdf_text(self, chart_id: str) -> bytes | None:
        """The chart's text runs for the PDF, waiting for them if need be (ChartSource)."""
        image = self.images.get(chart_id)
        if image is not None:
            return image.pdf_text
        if chart_id not in self.missing:
            return None
        return self.pending.part(chart_id, "pdf_text")

    def texts(self) -> dict[str, str]:
        """Font role → the text every chart sets in it, without waiting for any chart: from
        the cached text runs, or from the sketches of the charts being drawn."""
        from gjz_brief.charts.pdf_operators import decode_texts

        texts: dict[str, list[str]] = {}
        for image in self.images.values():
            for run in decode_texts(image.pdf_text) if image is not None else ():
                texts.setdefault(run.role, []).append(run.text)
        if self.missing:
            for role, text in self.pending.texts().items():
                texts.setdefault(role, []).append(text)
        return {role: "".join(parts) for role, parts in texts.items()}

    def raster_images(self) -> dict[str, ChartImage]:
        """Every chart with its PNG, for the DOCX; does not wait for the SVGs."""
        drawn = self.pending.images(("png",)) if self.missing else {}
        return {
            chart_id: image if image is not None else drawn[chart_id]
            for chart_id, image in self.images.items()
        }

    def result(self) -> dict[str, ChartImage]:
        if self._result is None:
            drawn = self.pending.result()
            for chart_id, key in self.missing.items():
                self.images[chart_id] = drawn[chart_id]
                self.store.store(key, drawn[chart_id])
            self._result = {
                chart_id: image for chart_id, image in self.images.items() if image is not None
            }
        return self._result

    def cancel(self) -> None:
        self.pending.close(terminate=True)


def start_workers_early(document: Any, cache: Path) -> Any:
    """Chart workers forked now, before fonts are resolved, when charts will surely be drawn.

    Only when the cache holds no chart at all (a first build, or a new output folder): the
    keys need the fonts, so whether some charts are cached is known only later. Returns
    ChartWorkers or None.
    """
    figures = len({figure.chart_id for figure in document.figures()})
    if figures == 0 or (cache.is_dir() and any(cache.glob("*.json"))):
        return None
    from gjz_brief.charts import start_workers

    return start_workers(figures)


def start_charts(
    plan: Any, document: Any, fontset: Any, cache: Path, workers: Any = None
) -> ChartJob:
    """Take cached charts and start drawing the others, in worker processes when it pays.

    ``workers`` (from start_workers_early) are used if any chart is missing, closed if not.
    """
    from gjz_brief.charts import render_in_background

    specs = {c.id: c for c in plan.charts}
    store = ChartCache(cache)
    images: dict[str, ChartImage | None] = {}
    missing: dict[str, str] = {}
    for figure in document.figures():
        spec = specs[figure.chart_id]
        key, images[spec.id] = store.lookup(spec, plan, fontset)
        if images[spec.id] is None:
            missing[spec.id] = key
    pending = render_in_background(
        [specs[chart_id] for chart_id in missing], plan, fontset, started=workers
    )
    return ChartJob(store, images, missing, pending)
