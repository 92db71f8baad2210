"""The chart stage: charts from the cache or drawn in workers are the bytes drawn here."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os

import pytest

import gjz_brief.workers as workers
from gjz_brief.charts import render_chart, stage
from gjz_brief.charts.pdf_operators import decode_texts
from gjz_brief.charts.stage import ChartStage, worker_count
from gjz_brief.document import tree
from gjz_brief.errors import RenderError

ALONE = {stage.WORKERS_VARIABLE: "0"}  # every chart drawn in this process
needs_two_cores = pytest.mark.skipif(
    workers.available_cores() < 2, reason="needs fork and at least two cores"
)


def document_of(*chart_ids: str) -> tree.Document:
    meta = tree.DocumentMeta("标题", "单位", "主题", (), dt.date(2020, 4, 30))
    blocks = tuple(
        tree.FigureBlock(number, chart_id, "图题", "说明")
        for number, chart_id in enumerate(chart_ids, start=1)
    )
    return tree.Document(meta, blocks)


def draw_all(plan, fonts, cache, environ, ids=None):
    """Enter a stage for ``ids`` (default: every chart of ``plan``), draw, finish."""
    document = document_of(*(ids or [spec.id for spec in plan.charts]))
    with ChartStage(document, cache, environ) as charts:
        charts.draw(plan, fonts)
        return charts.finish()


def texts_of(images: dict[str, tree.ChartImage]) -> dict[str, str]:
    """Font role → the text of the drawn charts' text runs, in order."""
    texts: dict[str, str] = {}
    for image in images.values():
        for run in decode_texts(image.pdf_text):
            texts[run.role] = texts.get(run.role, "") + run.text
    return texts


@pytest.fixture(scope="module")
def drawn_here(builtin_plan, fonts):
    return {spec.id: render_chart(spec, builtin_plan, fonts) for spec in builtin_plan.charts}


def test_worker_count_policy():
    assert worker_count(0, {}, cores=2) == 0
    assert worker_count(5, {}, cores=1) == 0  # one core: nothing to overlap with
    assert worker_count(1, {}, cores=2) == 1  # overlaps the charts with the PDF's fonts
    assert worker_count(stage.CHARTS_PER_EXTRA_WORKER, {}, cores=2) == 2
    assert worker_count(1000, {}, cores=64) == stage.MAX_WORKERS
    assert worker_count(50, ALONE, cores=2) == 0
    assert worker_count(50, {stage.WORKERS_VARIABLE: "1"}, cores=2) == 1


def test_drawn_here_in_document_order_and_cached(builtin_plan, fonts, drawn_here, tmp_path):
    ids = [spec.id for spec in builtin_plan.charts][::-1]
    images = draw_all(builtin_plan, fonts, tmp_path, ALONE, ids)
    assert list(images) == ids
    assert images == {chart_id: drawn_here[chart_id] for chart_id in ids}
    assert len(list((tmp_path / "charts").glob("*.json"))) == len(ids)


@needs_two_cores
@pytest.mark.parametrize("count", [1, 2])
def test_workers_draw_the_bytes_drawn_here(
    builtin_plan, fonts, drawn_here, tmp_path, monkeypatch, count
):
    monkeypatch.setattr(stage, "CHARTS_PER_EXTRA_WORKER", 2)  # 5 charts: 2 workers allowed
    images = draw_all(builtin_plan, fonts, tmp_path, {stage.WORKERS_VARIABLE: str(count)})
    assert images == drawn_here
    assert not multiprocessing.active_children()  # the workers are gone


def test_a_second_stage_takes_every_chart_from_the_cache(builtin_plan, fonts, tmp_path):
    first = draw_all(builtin_plan, fonts, tmp_path, ALONE)
    document = document_of(*first)
    with ChartStage(document, tmp_path, {}) as charts:
        assert not multiprocessing.active_children()  # some charts cached: no early workers
        charts.draw(builtin_plan, fonts)
        assert not multiprocessing.active_children()  # all cached: none at all
        texts = charts.texts()
        assert charts.finish() == first
    assert texts == texts_of(first)


def test_sizes_and_texts_are_known_before_the_charts_are_drawn(builtin_plan, fonts, tmp_path):
    document = document_of(*(spec.id for spec in builtin_plan.charts))
    with ChartStage(document, tmp_path, ALONE) as charts:
        charts.draw(builtin_plan, fonts)
        sizes = {spec.id: charts.size_mm(spec.id) for spec in builtin_plan.charts}
        texts = charts.texts()
        images = charts.finish()
    assert sizes == {key: (image.width_mm, image.height_mm) for key, image in images.items()}
    assert texts == texts_of(images) and texts["heading"]  # the sketches' texts: as drawn
    assert charts.size_mm("no_such_chart") is None and charts.png("no_such_chart") is None


@needs_two_cores
def test_workers_are_forked_on_entry_only_when_nothing_is_cached(builtin_plan, fonts, tmp_path):
    document = document_of(builtin_plan.charts[0].id)
    with ChartStage(document, tmp_path, {}):
        assert len(multiprocessing.active_children()) == 1  # importing matplotlib already
    assert not multiprocessing.active_children()
    with ChartStage(document_of(), tmp_path, {}):
        assert not multiprocessing.active_children()  # no charts in the document


@needs_two_cores
def test_one_worker_saves_a_group_of_charts_at_a_time(builtin_plan, fonts, tmp_path, monkeypatch):
    monkeypatch.setattr(stage, "CHARTS_PER_GROUP", 2)  # 5 charts: groups of 2, 2 and 1
    ids = [spec.id for spec in builtin_plan.charts]
    with ChartStage(document_of(*ids), tmp_path, {stage.WORKERS_VARIABLE: "1"}) as charts:
        charts.draw(builtin_plan, fonts)
        submitted = list(charts._futures)  # (chart id, part) in the order the worker takes them
        charts.finish()
    assert {chart_id for chart_id, _ in submitted[:8]} == set(ids[:2])
    assert [part for _, part in submitted[:8]] == [
        *["pdf_stream"] * 2,
        *["pdf_text"] * 2,
        *["png"] * 2,
        *["svg"] * 2,
    ]


def test_a_chart_that_cannot_be_drawn_raises_its_own_error(builtin_plan, fonts, tmp_path):
    broken = builtin_plan.charts[0].model_copy(update={"kind": "pie"})
    plan = builtin_plan.model_copy(update={"charts": [broken]})
    with (
        pytest.raises(RenderError, match="unknown chart kind 'pie'"),
        ChartStage(document_of(broken.id), tmp_path, {}) as charts,
    ):
        charts.draw(plan, fonts)
    assert not multiprocessing.active_children()


def _die(spec, plan, fonts, part):  # a worker killed while drawing (OOM killer, kill -9)
    os._exit(1)


@needs_two_cores
def test_a_worker_that_dies_is_replaced_by_drawing_here(
    builtin_plan, fonts, drawn_here, tmp_path, monkeypatch
):
    monkeypatch.setattr(stage, "_save_part", _die)
    spec = builtin_plan.charts[0]
    images = draw_all(builtin_plan, fonts, tmp_path, {}, [spec.id])
    assert images == {spec.id: drawn_here[spec.id]}


def test_no_process_pool_means_drawing_here(builtin_plan, fonts, drawn_here, tmp_path, monkeypatch):
    def unavailable(*args, **kwargs):
        raise OSError(38, "Function not implemented")  # e.g. no /dev/shm for semaphores

    monkeypatch.setattr(workers, "ProcessPoolExecutor", unavailable)
    spec = builtin_plan.charts[0]
    assert draw_all(builtin_plan, fonts, tmp_path, {}, [spec.id]) == {spec.id: drawn_here[spec.id]}


@needs_two_cores
def test_an_error_in_the_block_stops_the_workers_at_once(builtin_plan, fonts, tmp_path):
    ids = [spec.id for spec in builtin_plan.charts]
    with pytest.raises(KeyboardInterrupt), ChartStage(document_of(*ids), tmp_path, {}) as charts:
        charts.draw(builtin_plan, fonts)
        raise KeyboardInterrupt  # Ctrl-C while the PDF is laid out
    assert not multiprocessing.active_children()
    assert not (tmp_path / "charts").exists() or not list((tmp_path / "charts").glob("*.json"))
