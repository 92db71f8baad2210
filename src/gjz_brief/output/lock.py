"""One build at a time per output folder (an advisory lock the kernel drops on exit/kill)."""

from __future__ import annotations

import errno
import fcntl
import os
import stat
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from gjz_brief.errors import Location, LockTimeoutError, OutputError

LOCK_FILE = ".gjz-brief.lock"
MAX_LOCK_WAIT_SECONDS = 86_400.0  # --lock-timeout and the configuration allow at most a day


@contextmanager
def output_lock(folder: Path, timeout_seconds: float) -> Iterator[None]:
    path = folder / LOCK_FILE
    try:
        # Never through a link someone planted: it would create or lock a file elsewhere.
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK, 0o644)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise OutputError(
                f"the lock file is a symbolic link (to {os.readlink(path)}); gjz-brief "
                "writes nothing outside the output folder",
                Location(str(path)),
                f"remove the link ({path}); gjz-brief makes the lock file itself",
            ) from None
        raise OutputError(
            f"cannot create the lock file: {error.strerror}", Location(str(path))
        ) from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise OutputError(
            "the lock file is not a regular file",
            Location(str(path)),
            f"remove {path}; gjz-brief makes the lock file itself",
        )
    deadline = time.monotonic() + min(max(0.0, timeout_seconds), MAX_LOCK_WAIT_SECONDS)
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
