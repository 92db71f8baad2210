"""Rendered charts kept between builds, keyed by chart spec, data, fonts and versions."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from gjz_brief.document.tree import ChartImage
from gjz_brief.errors import OutputError
from gjz_brief.output.atomic import write_files_atomically


class ChartCache:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.hits = 0
        self.misses = 0

    def _load(self, key: str, chart_id: str) -> ChartImage | None:
        base = self.folder / key
        try:
            info = json.loads((base.with_suffix(".json")).read_text(encoding="utf-8"))
            svg = base.with_suffix(".svg").read_bytes()
            png = base.with_suffix(".png").read_bytes()
            return ChartImage(
                chart_id,
                svg,
                png,
                float(info["width_mm"]),
                float(info["height_mm"]),
                int(info["png_dpi"]),
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
