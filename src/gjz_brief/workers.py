"""A forked worker process tied to the build, for work that can run alongside it.

The chart stage (charts/stage.py) draws charts in such workers while the build resolves fonts
and lays out the PDF. Workers are forked (they start without importing anything) and are
tied to the build: Ctrl-C and SIGTERM are the build's to handle, and on Linux a worker dies
with the build even when that is killed with -9.

A worker is only ever a speed-up: when none can be had (one core, no fork, no /dev/shm) or
one fails, the caller does the work itself and reports its own errors.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

_PR_SET_PDEATHSIG = 1  # linux/prctl.h


def available_cores() -> int:
    """Cores a forked worker could use, or 0 when workers should not be forked at all."""
    # fork (not spawn) so workers start without importing anything; not on macOS, where
    # forking a process that has used system frameworks is unsafe.
    if sys.platform == "darwin" or "fork" not in multiprocessing.get_all_start_methods():
        return 0
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return cores or 0


def _start_worker(parent: int, prepare: Callable[[], None] | None) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the build died before prctl took effect
        os._exit(1)
    if prepare is not None:
        prepare()


def _ready() -> None:
    """A first task: the executor forks its workers at the first submit."""


class Workers:
    """A pool of ``count`` forked workers, started now; ``prepare`` runs in each as it starts.

    Its jobs run in the order they were submitted; with ``count`` 1, all in one process (a
    job may then use what an earlier one left in the worker).
    """

    def __init__(self, count: int, prepare: Callable[[], None] | None = None) -> None:
        self.count = count
        self._pool: ProcessPoolExecutor | None = None
        try:
            # With fork the executor starts all workers at the first submit, before its own
            # threads; a worker that dies fails its futures (BrokenProcessPool), never hangs.
            self._pool = ProcessPoolExecutor(
                max_workers=count,
                mp_context=multiprocessing.get_context("fork"),
                initializer=_start_worker,
                initargs=(os.getpid(), prepare),
            )
            self._pool.submit(_ready)
        except (OSError, RuntimeError, NotImplementedError, ValueError):
            # No semaphores (/dev/shm) or processes to be had: the caller works alone.
            self.close(terminate=True)

    @property
    def running(self) -> bool:
        return self._pool is not None

    def submit(self, function: Callable[..., Any], *args: Any) -> Future[Any] | None:
        """The function's future, or None when the pool is gone (do the work yourself)."""
        if self._pool is None:
            return None
        try:
            return self._pool.submit(function, *args)
        except (OSError, RuntimeError):  # a broken pool
            return None

    def close(self, terminate: bool = False) -> None:
        """Stop the workers: after the last result, or early (``terminate``) on an error."""
        if self._pool is not None:
            # Work already started finishes (a fraction of a second); the rest never starts.
            self._pool.shutdown(wait=True, cancel_futures=terminate)
            self._pool = None
