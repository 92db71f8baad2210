"""Forked workers: results come back, a failure is the caller's to redo, the pool can vanish."""

from __future__ import annotations

import os
import signal

import pytest

import gjz_brief.workers as workers
from gjz_brief.workers import Workers, available_cores

needs_two_cores = pytest.mark.skipif(available_cores() < 2, reason="needs fork and two cores")


def _pid_and_power(base: int, exponent: int) -> tuple[int, int]:
    return os.getpid(), base**exponent


def _fail() -> None:
    raise ValueError("broken in the worker")


def _signal_dispositions() -> tuple[object, object]:
    return signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)


@needs_two_cores
def test_work_runs_in_another_process_and_comes_back() -> None:
    pool = Workers(1)
    try:
        assert pool.running
        future = pool.submit(_pid_and_power, 2, 10)
        assert future is not None
        pid, value = future.result()
        assert value == 1024 and pid != os.getpid()
        failed = pool.submit(_fail)
        assert failed is not None
        with pytest.raises(ValueError, match="broken in the worker"):
            failed.result()  # the caller sees it and redoes the work itself
    finally:
        pool.close()
    assert not pool.running and pool.submit(_fail) is None


@needs_two_cores
def test_ctrl_c_and_sigterm_are_the_builds_to_handle() -> None:
    pool = Workers(1)
    try:
        future = pool.submit(_signal_dispositions)
        assert future is not None
        assert future.result() == (signal.SIG_IGN, signal.SIG_DFL)
    finally:
        pool.close()


@needs_two_cores
def test_prepare_runs_in_each_worker_as_it_starts(tmp_path) -> None:
    marker = tmp_path / "prepared"
    pool = Workers(1, lambda: marker.write_text(str(os.getpid())))
    try:
        future = pool.submit(_pid_and_power, 1, 1)
        assert future is not None
        pid, _ = future.result()
    finally:
        pool.close()
    assert marker.read_text() == str(pid)


def test_no_process_pool_means_no_workers(monkeypatch) -> None:
    def unavailable(*args: object, **kwargs: object) -> None:
        raise OSError(38, "Function not implemented")  # e.g. no /dev/shm for semaphores

    monkeypatch.setattr(workers, "ProcessPoolExecutor", unavailable)
    pool = Workers(1)
    assert not pool.running and pool.submit(_pid_and_power, 2, 2) is None
