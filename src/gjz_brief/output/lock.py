"""One build at a time per output folder (an advisory lock the kernel drops on exit/kill)."""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from gjz_brief.errors import Location, LockTimeoutError, OutputError

LOCK_FILE = ".gjz-brief.lock"


@contextmanager
def output_lock(folder: Path, timeout_seconds: float) -> Iterator[None]:
    path = folder / LOCK_FILE
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as error:
        raise OutputError(
            f"cannot create the lock file: {error.strerror}", Location(str(path))
        ) from None
    deadline = time.monotonic() + max(0.0, timeout_seconds)
    try:
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise LockTimeoutError(
                        f"another build is writing to this folder; waited {timeout_seconds:g} s",
                        Location(str(folder)),
                        "try again later, or raise the wait with --lock-timeout",
                    ) from None
                time.sleep(0.1)
        yield
    finally:
        os.close(fd)  # closing releases the lock
