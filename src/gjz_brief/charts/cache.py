"""Rendered charts kept between builds (``out/.cache/charts``), keyed by chart_cache_key:
the chart's spec and data, its fonts (path, size, modification time) and the versions of
matplotlib and of our chart style. A cache that cannot be read or written costs only time."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

from gjz_brief.charts.render import chart_cache_key
from gjz_brief.content.model import ChartSpec, Plan
from gjz_brief.document.tree import ChartImage
from gjz_brief.errors import OutputError
from gjz_brief.fonts.model import FontSet
from gjz_brief.output.atomic import write_files_atomically
from gjz_brief.paths import read_no_follow


class ChartCache:
    """The chart cache of one output folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def is_empty(self) -> bool:
        """True when no chart at all is cached (a first build, or a new output folder)."""
        return not (self.folder.is_dir() and any(self.folder.glob("*.json")))

    def lookup(self, spec: ChartSpec, plan: Plan, fonts: FontSet) -> tuple[str, ChartImage | None]:
        """The chart's cache key and its cached image, if there is one."""
        key = chart_cache_key(spec, plan, fonts)
        return key, self._load(key, spec.id)

    def _load(self, key: str, chart_id: str) -> ChartImage | None:
        base = self.folder / key
        try:
            # never through a link planted in the cache (it would publish another file)
            info = json.loads(read_no_follow(base.with_suffix(".json")).decode("utf-8"))
            return ChartImage(
                chart_id,
                svg=read_no_follow(base.with_suffix(".svg")),
                png=read_no_follow(base.with_suffix(".png")),
                width_mm=float(info["width_mm"]),
                height_mm=float(info["height_mm"]),
                png_dpi=int(info["png_dpi"]),
                pdf_stream=read_no_follow(base.with_suffix(".pdfstream")),
                pdf_text=read_no_follow(base.with_suffix(".pdftext")),
            )
        except (OSError, ValueError, KeyError, TypeError):
            return None

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
