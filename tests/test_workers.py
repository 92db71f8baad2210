"""Forked workers: results come back, failures fall back to the build's own process."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import gjz_brief.build as build
import gjz_brief.workers as workers
from gjz_brief.build import BuildRequest, run_build
from gjz_brief.workers import Workers, available_cores, result_or_none
from gjz_brief.workspace import find_workspace

needs_two_cores = pytest.mark.skipif(available_cores() < 2, reason="needs fork and two cores")


def _pid_and_power(base: int, exponent: int) -> tuple[int, int]:
    return os.getpid(), base**exponent


def _fail() -> None:
    raise ValueError("broken in the worker")


@needs_two_cores
def test_work_runs_in_another_process_and_comes_back() -> None:
    pool = Workers(1)
    try:
        assert pool.running
        pid, value = result_or_none(pool.submit(_pid_and_power, 2, 10))
        assert value == 1024 and pid != os.getpid()
        assert result_or_none(pool.submit(_fail)) is None  # the caller redoes it itself
    finally:
        pool.close()
    assert not pool.running and pool.submit(_fail) is None


def test_no_process_pool_means_no_workers(monkeypatch) -> None:  # noqa: ANN001
    def unavailable(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        raise OSError(38, "Function not implemented")  # e.g. no /dev/shm for semaphores

    monkeypatch.setattr(workers, "ProcessPoolExecutor", unavailable)
    pool = Workers(1)
    assert not pool.running and pool.submit(_pid_and_power, 2, 2) is None


def _build(tmp_path: Path, name: str, stage: str = "wait for the DOCX") -> bytes:
    """Build twice into ``name``: the second build finds every chart cached, so (with two
    cores) it writes the DOCX in a worker while the PDF is laid out."""
    out = tmp_path / name
    request = BuildRequest(
        workspace=find_workspace(None, tmp_path), out_dir=out, environ={"HOME": str(tmp_path)}
    )
    run_build(request)
    (out / "briefing.docx").unlink()
    result = run_build(request)
    assert stage in dict(result.timings)  # which process wrote the DOCX
    return (out / "briefing.docx").read_bytes()


@needs_two_cores
def test_docx_from_the_worker_equals_the_docx_written_here(tmp_path, monkeypatch) -> None:  # noqa: ANN001
    in_worker = _build(tmp_path, "worker")
    monkeypatch.setattr(build, "available_cores", lambda: 1)
    assert _build(tmp_path, "here", "render DOCX") == in_worker


@needs_two_cores
def test_a_docx_worker_that_fails_is_redone_here(tmp_path, monkeypatch) -> None:  # noqa: ANN001
    parent = os.getpid()
    render = build._render_docx

    def fails_in_a_worker(*args):  # noqa: ANN002, ANN202
        if os.getpid() != parent:
            os._exit(1)  # the worker dies (OOM killer, kill -9)
        return render(*args)

    monkeypatch.setattr(build, "_render_docx", fails_in_a_worker)
    docx = _build(tmp_path, "out")
    assert docx.startswith(b"PK")


def test_zero_chart_workers_means_no_worker_at_all(tmp_path, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setenv(workers.WORKERS_VARIABLE, "0")
    assert available_cores() == 0
    docx = _build(tmp_path, "alone", "render DOCX")  # the DOCX too is written in-process
    assert docx.startswith(b"PK")
