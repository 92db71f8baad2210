"""Charts drawn in worker processes are byte-identical to charts drawn in the build's process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import gjz_brief.charts as charts
import gjz_brief.workers as workers
from gjz_brief.charts import render_chart, render_in_background, worker_count
from gjz_brief.errors import RenderError

needs_two_cores = pytest.mark.skipif(
    worker_count(10) == 0, reason="needs fork and at least two cores"
)


@needs_two_cores
def test_workers_draw_the_same_bytes_in_the_same_order(builtin_plan, fonts):
    specs = list(builtin_plan.charts)
    here = render_in_background(specs, builtin_plan, fonts, workers=0).result()
    there = render_in_background(specs, builtin_plan, fonts, workers=2).result()
    assert list(there) == [spec.id for spec in specs] == list(here)
    for chart_id, image in here.items():
        assert there[chart_id] == image  # svg, png, sizes: the whole ChartImage


@needs_two_cores
def test_a_chart_that_fails_in_a_worker_raises_its_own_error(builtin_plan, fonts):
    broken = builtin_plan.charts[0].model_copy(update={"kind": "pie"})
    pending = render_in_background([broken], builtin_plan, fonts, workers=1)
    with pytest.raises(RenderError, match="unknown chart kind 'pie'"):
        pending.result()


def _die(spec, plan, fonts, part):  # a worker killed while drawing (OOM killer, kill -9)
    os._exit(1)


@needs_two_cores
def test_a_worker_that_dies_is_replaced_by_drawing_here(builtin_plan, fonts, monkeypatch):
    monkeypatch.setattr(charts, "_save_in_worker", _die)
    spec = builtin_plan.charts[0]
    images = render_in_background([spec], builtin_plan, fonts, workers=1).result()
    assert images[spec.id] == render_chart(spec, builtin_plan, fonts)


def test_worker_count_policy(monkeypatch):
    monkeypatch.delenv(charts.WORKERS_VARIABLE, raising=False)
    assert worker_count(0) == 0
    if worker_count(1) == 0:
        pytest.skip("no fork or a single core: the build draws charts itself")
    assert worker_count(1) == 1  # overlaps the charts with the font registration
    assert worker_count(charts.CHARTS_PER_EXTRA_WORKER) == 2
    monkeypatch.setenv(charts.WORKERS_VARIABLE, "0")
    assert worker_count(50) == 0


def test_no_process_pool_means_drawing_here(builtin_plan, fonts, monkeypatch):
    def unavailable(*args, **kwargs):
        raise OSError(38, "Function not implemented")  # e.g. no /dev/shm for semaphores

    monkeypatch.setattr(workers, "ProcessPoolExecutor", unavailable)
    spec = builtin_plan.charts[0]
    images = render_in_background([spec], builtin_plan, fonts, workers=1).result()
    assert images[spec.id] == render_chart(spec, builtin_plan, fonts)


_KEYS_SCRIPT = """
import json, os
from gjz_brief.charts import chart_cache_key
from gjz_brief.content.loader import BUILTIN_CONTENT, load_content
from gjz_brief.fonts.resolve import resolve_fonts
plan = load_content(BUILTIN_CONTENT).plan
fonts = resolve_fonts(environ={"HOME": "/nonexistent", "XDG_DATA_DIRS": "/usr/share"})
print(json.dumps({spec.id: chart_cache_key(spec, plan, fonts) for spec in plan.charts}))
"""


def test_chart_cache_keys_are_the_same_in_every_process(tmp_path):
    """A warm build only hits the cache if another process computes the same keys."""
    src = str(Path(charts.__file__).resolve().parents[2])
    keys = []
    for seed in ("1", "2"):  # str hashes differ between these processes
        env = dict(os.environ, PYTHONPATH=src, PYTHONHASHSEED=seed)
        result = subprocess.run(
            [sys.executable, "-c", _KEYS_SCRIPT], env=env, capture_output=True, text=True
        )
        assert result.returncode == 0, result.stderr
        keys.append(json.loads(result.stdout))
    assert keys[0] == keys[1]
    assert len(set(keys[0].values())) == len(keys[0]) >= 5


@needs_two_cores
def test_workers_started_before_the_charts_are_known_draw_the_same_bytes(builtin_plan, fonts):
    started = charts.start_workers(len(builtin_plan.charts), workers=1)
    assert started is not None
    specs = list(builtin_plan.charts)
    there = render_in_background(specs, builtin_plan, fonts, started=started).result()
    for spec in specs:
        assert there[spec.id] == render_chart(spec, builtin_plan, fonts)


class _Figure:
    def __init__(self, chart_id):
        self.chart_id = chart_id


class _Document:
    def __init__(self, *chart_ids):
        self.ids = chart_ids

    def figures(self):
        return [_Figure(chart_id) for chart_id in self.ids]


@needs_two_cores
def test_workers_start_early_only_when_no_chart_is_cached(tmp_path, monkeypatch):
    from gjz_brief.output.chart_cache import start_workers_early

    monkeypatch.setenv("MPLCONFIGDIR", str(tmp_path / "mpl"))
    assert start_workers_early(_Document(), tmp_path / "none") is None  # no figures
    workers = start_workers_early(_Document("a", "b", "a"), tmp_path / "none")
    assert workers is not None and workers.count == 1
    workers.close(terminate=True)
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "0123.json").write_text("{}")
    assert start_workers_early(_Document("a"), cache) is None  # decided later, per chart key


@needs_two_cores
def test_unneeded_early_workers_are_stopped(builtin_plan, fonts):
    started = charts.start_workers(3, workers=1)
    pending = render_in_background([], builtin_plan, fonts, started=started)
    assert pending.result() == {}
    assert started._pool is None  # shut down: nothing to draw


@pytest.mark.parametrize("count", [0, 1])
def test_sizes_are_known_before_the_charts_and_match_them(builtin_plan, fonts, count):
    if count and worker_count(10) == 0:
        pytest.skip("needs fork and at least two cores")
    pending = render_in_background(list(builtin_plan.charts), builtin_plan, fonts, workers=count)
    sizes = pending.sizes()
    images = pending.result()
    assert sizes == {key: (image.width_mm, image.height_mm) for key, image in images.items()}


@needs_two_cores
def test_parts_come_separately_and_equal_a_whole_chart(builtin_plan, fonts):
    specs = list(builtin_plan.charts)
    pending = render_in_background(specs, builtin_plan, fonts, workers=1)
    rasters = pending.images(("png",))  # what the DOCX needs, before the SVGs
    whole = {spec.id: render_chart(spec, builtin_plan, fonts) for spec in specs}
    for chart_id, image in rasters.items():
        assert image.png == whole[chart_id].png and image.svg == b"" == image.pdf_stream
        assert pending.part(chart_id, "pdf_stream") == whole[chart_id].pdf_stream
    assert pending.result() == whole


@needs_two_cores
def test_one_worker_saves_a_group_of_charts_at_a_time(builtin_plan, fonts, monkeypatch):
    monkeypatch.setattr(charts, "CHARTS_PER_PHASE", 2)  # 5 charts: groups of 2, 2 and 1
    specs = list(builtin_plan.charts)
    pending = render_in_background(specs, builtin_plan, fonts, workers=1)
    submitted = list(pending._futures)  # (chart id, part) in the order the worker takes them
    first_group = {spec.id for spec in specs[:2]}
    assert {chart_id for chart_id, _ in submitted[:8]} == first_group
    assert [part for _, part in submitted[:8]] == [
        *["pdf_stream"] * 2,
        *["pdf_text"] * 2,
        *["png"] * 2,
        *["svg"] * 2,
    ]
    assert pending.result() == {spec.id: render_chart(spec, builtin_plan, fonts) for spec in specs}
