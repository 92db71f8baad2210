"""Atomic writes: every output is complete or untouched, never half-written.

All files of a build are first written to temporary files in the destination folder (same
file system, so the rename is atomic) and flushed to disk; only then are they renamed over
the old ones, the manifest last. Any failure removes the temporary files.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import signal
import tempfile
import threading
from collections.abc import Iterator, Mapping
from pathlib import Path

from gjz_brief.errors import Location, OutputError

TEMP_PREFIX = ".gjz-tmp-"


def output_error(error: OSError, path: Path) -> OutputError:
    if error.errno == errno.ENOSPC:
        return OutputError(
            "the disk is full; nothing was overwritten",
            Location(str(path)),
            "free some space and build again",
        )
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return OutputError(
            "no permission to write here",
            Location(str(path)),
            "choose another folder with --out or fix its permissions",
        )
    if error.errno == errno.ENOTDIR:
        return OutputError(
            "a file stands where a folder is needed",
            Location(str(path)),
            "choose another output folder with --out",
        )
    return OutputError(f"cannot write: {error.strerror or error}", Location(str(path)))


def check_output_folder(folder: Path) -> None:
    """Fail early, before any rendering, if the output folder cannot be made or written."""
    probe = folder
    while not probe.exists() and probe.parent != probe:
        probe = probe.parent  # the nearest part of the path that exists
    if not probe.is_dir():
        message = (
            "the output path is a file, not a folder"
            if probe == folder
            else f"the output folder cannot be made: {probe} is a file"
        )
        raise OutputError(message, Location(str(folder)), "choose a folder with --out")
    if not os.access(probe, os.W_OK | os.X_OK):
        raise OutputError(
            "no permission to write here",
            Location(str(probe)),
            "choose another folder with --out or fix its permissions",
        )
    if probe == folder:
        check_own_entries(folder)


# Entries of the output folder that gjz-brief makes and writes into: never links.
OWN_FOLDERS = (".sets", ".cache", ".cache/charts", ".cache/fonts")
LOCK_NAME = ".gjz-brief.lock"


def check_own_entries(folder: Path, extra: tuple[str, ...] = ()) -> None:
    """Refuse a symbolic link planted where gjz-brief keeps its own folders or lock file:
    writing through it would fill a folder (or create a file) outside the output folder."""
    for name in (*OWN_FOLDERS, LOCK_NAME, *extra):
        path = folder / name
        if not path.is_symlink():
            continue
        what = "lock file" if name == LOCK_NAME else "folder"
        raise OutputError(
            f"{name} is a symbolic link (to {os.readlink(path)}); gjz-brief writes nothing "
            "outside the output folder",
            Location(str(path)),
            f"remove the link ({path}); gjz-brief makes the {what} itself",
        )


def ensure_folder(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise OutputError(
            "the output path is a file, not a folder",
            Location(str(folder)),
            "choose a folder with --out",
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise output_error(error, folder) from None


def _write_temp(folder: Path, name: str, data: bytes) -> Path:
    fd, temp = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix="-" + name.replace("/", "_"), dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, 0o644)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return Path(temp)


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


PENDING_SUFFIX = ".next"


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM back, so an interrupt never falls between two renames."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def write_files_atomically(
    folder: Path, files: Mapping[str, bytes], last: Mapping[str, bytes] | None = None
) -> list[Path]:
    """Write ``files``, then ``last`` (the manifest), under ``folder``; names may hold '/'.

    The manifest is first put in place as ``<name>.next`` before any output is renamed, so a
    kill between two renames leaves a pending manifest that describes the new files: a mix of
    old and new outputs is never left without a manifest saying so.
    """
    ensure_folder(folder)
    temps: list[tuple[Path, Path]] = []
    pending: list[tuple[Path, Path]] = []
    replaced = False
    try:
        for name, data in files.items():
            target = folder / name
            ensure_folder(target.parent)
            temps.append((_write_temp(target.parent, target.name, data), target))
        for name, data in (last or {}).items():
            target = folder / name
            staged = target.with_name(target.name + PENDING_SUFFIX)
            os.replace(_write_temp(folder, target.name, data), staged)
            pending.append((staged, target))
        with _signals_held():  # Ctrl-C or SIGTERM waits the few microseconds of the renames
            for temp, target in temps:
                os.replace(temp, target)
                replaced = True
            for staged, target in pending:
                os.replace(staged, target)
    except OSError as error:
        for staged, _ in pending:
            staged.unlink(missing_ok=True)
        raise output_error(error, folder) from None
    except BaseException:
        # Interrupted (Ctrl-C, SIGTERM): a pending manifest matters only once an output moved.
        if not replaced:
            for staged, _ in pending:
                staged.unlink(missing_ok=True)
        raise
    finally:
        for temp, _ in temps:
            temp.unlink(missing_ok=True)
    for parent in {target.parent for _, target in [*temps, *pending]}:
        _fsync_folder(parent)
    return [target for _, target in [*temps, *pending]]


def remove_stale_temps(folder: Path) -> None:
    """Temporary files left by a build that was killed (-9) before it could clean up."""
    if not folder.is_dir():
        return
    for stale in sorted(folder.rglob(TEMP_PREFIX + "*"), reverse=True):
        if stale.is_dir() and not stale.is_symlink():
            shutil.rmtree(stale, ignore_errors=True)  # a folder set aside by output.sets
        else:
            stale.unlink(missing_ok=True)
