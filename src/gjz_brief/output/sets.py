"""The output set: all files of one build, published at once by one atomic switch.

::

    out/briefing.pdf  -> .sets/current/briefing.pdf
    out/briefing.docx -> .sets/current/briefing.docx
    out/manifest.json -> .sets/current/manifest.json
    out/charts        -> .sets/current/charts
    out/.sets/current -> set-…          the one link that says which set readers see
    out/.sets/set-…/                    briefing.pdf, briefing.docx, manifest.json, charts/

A build writes its files into a new ``set-…`` folder and flushes them; then the symbolic
link ``.sets/current`` is replaced by one rename, the only step that changes what a reader
of ``out/`` sees. Killed (even with kill -9) before that rename, readers see the previous
set; after it, the new one; never a mix. The set that was current before stays until the
next build (a reader may still be reading it); older or unfinished sets are removed by the
next build, which holds the folder's lock.

A set holds the files of one build and nothing else, all listed in its manifest. A build
that makes fewer formats (``--format pdf``) does not carry the other file over from the set
before: that file was made from other inputs (other figures, another 第N期), and a set whose
files disagree must never be shown, or published, as one briefing. So out/briefing.docx goes
with that build (the set before keeps it until the next build; an edited one is kept as
below).

A DOCX or PDF someone edited is never lost: before a set is replaced or removed, each of
its briefing files is compared with the manifest that set was written with, and one that
differs is kept as ``briefing.edited-<time>.docx`` (a second name for the same file). A
top-level name that is no longer our link (Word replaced it when saving) is kept the same
way. A symbolic link someone planted in ``out/`` is never followed: it is replaced by ours.

``checkpoint`` is called after every step that changes the disk; tests replace it to kill
the process at each step in turn (tests/errors/test_errors_publish_kill.py).
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import datetime as dt
import errno
import os
import secrets
import shutil
import signal
import stat
import threading
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from gjz_brief.errors import Location, OutputError
from gjz_brief.output import manifest as mf
from gjz_brief.output.atomic import TEMP_PREFIX, output_error

SETS_DIR = ".sets"
CURRENT = "current"
SET_PREFIX = "set-"
CHARTS = "charts"
BRIEFING_FILES = ("briefing.pdf", "briefing.docx")
# The names a set publishes at the top of out/ (as links into .sets/current).
MANAGED_NAMES = (*BRIEFING_FILES, mf.MANIFEST_FILE, CHARTS)
LEGACY_PENDING = mf.MANIFEST_FILE + ".next"  # written by gjz-brief before output sets


def _no_checkpoint(step: str) -> None:
    return None


checkpoint: Callable[[str], None] = _no_checkpoint


def _step(name: str) -> None:
    checkpoint(name)


@dataclass
class Published:
    written: list[Path] = field(default_factory=list)  # top-level paths of the new set
    kept_edits: list[Path] = field(default_factory=list)
    # Briefing files of the set before that this build did not make (``--format pdf``):
    # no longer in out/ (an edited one is in kept_edits).
    dropped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def link_target(name: str) -> str:
    """What out/<name> points to: relative, so a moved or symlinked out/ keeps working."""
    return f"{SETS_DIR}/{CURRENT}/{name}"


# --- reading the folder --------------------------------------------------------------------


def _lstat(path: Path) -> os.stat_result | None:
    try:
        return path.lstat()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise output_error(error, path) from None


def is_our_link(path: Path, name: str) -> bool:
    info = _lstat(path)
    if info is None or not stat.S_ISLNK(info.st_mode):
        return False
    try:
        return os.readlink(path) == link_target(name)
    except OSError:
        return False


def current_set(out: Path) -> Path | None:
    """The folder of the set readers see, or None (no build published with sets yet)."""
    link = out / SETS_DIR / CURRENT
    info = _lstat(link)
    if info is None or not stat.S_ISLNK(info.st_mode):
        return None
    name = os.readlink(link)
    if "/" in name or not name.startswith(SET_PREFIX):
        return None  # not a link we made
    folder = out / SETS_DIR / name
    found = _lstat(folder)
    return folder if found is not None and stat.S_ISDIR(found.st_mode) else None


def _set_records(folder: Path) -> list[Mapping[str, object]]:
    """The manifests a set was written with (and a legacy pending one)."""
    found: list[Mapping[str, object]] = []
    for name in (mf.MANIFEST_FILE, LEGACY_PENDING):
        path = folder / name
        info = _lstat(path)
        if info is not None and stat.S_ISREG(info.st_mode):
            manifest = mf.read_manifest(folder, name)
            if manifest is not None:
                found.append(manifest)
    return found


def _differs(path: Path, name: str, manifests: list[Mapping[str, object]]) -> bool:
    """True when the regular file ``path`` matches no manifest's record of ``name``."""
    written = set()
    for manifest in manifests:
        outputs = manifest.get("outputs")
        record = outputs.get(name) if isinstance(outputs, dict) else None
        if isinstance(record, dict):
            written.add(record.get("sha256"))
    try:
        return mf.sha256_file(path) not in written
    except OSError:
        return False  # unreadable: nothing we could keep either


# --- small steps, each safe to be killed after ---------------------------------------------


def own_folder(path: Path) -> Path:
    """``path`` as a real folder made by us: created if missing, refused if it is a link."""
    info = _lstat(path)
    if info is None:
        try:
            path.mkdir()
        except FileExistsError:
            return own_folder(path)
        except OSError as error:
            raise output_error(error, path) from None
        _step(f"mkdir {path.name}")
        return path
    if stat.S_ISLNK(info.st_mode):
        raise OutputError(
            f"{path.name} is a symbolic link (to {os.readlink(path)}); gjz-brief writes "
            "nothing outside the output folder",
            Location(str(path)),
            f"remove the link ({path}); gjz-brief makes the folder itself",
        )
    if not stat.S_ISDIR(info.st_mode):
        raise OutputError(
            f"{path.name} is a file where gjz-brief keeps a folder",
            Location(str(path)),
            f"remove or rename {path}",
        )
    return path


def _write_file(path: Path, data: bytes) -> None:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    descriptor = os.open(path, flags, 0o644)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(descriptor, view) :]
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
    _step(f"write {path.name}")


def _fsync_folder(folder: Path) -> None:
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def _second_name(source: Path, target: Path) -> None:
    """``target`` as another name of ``source`` (a hard link), or a copy where links fail."""
    try:
        os.link(source, target, follow_symlinks=False)
    except OSError as error:
        if error.errno == errno.EEXIST:
            raise
        shutil.copyfile(source, target, follow_symlinks=False)
        shutil.copystat(source, target, follow_symlinks=False)
    _step(f"link {target.name}")


def edited_name(folder: Path, name: str, source: Path) -> Path:
    """briefing.docx → briefing.edited-20260125-093000.docx (the edit's own time)."""
    stem, suffix = os.path.splitext(name)
    moment = dt.datetime.fromtimestamp(source.lstat().st_mtime).strftime("%Y%m%d-%H%M%S")
    candidate = folder / f"{stem}.edited-{moment}{suffix}"
    counter = 1
    while os.path.lexists(candidate):
        candidate = folder / f"{stem}.edited-{moment}-{counter}{suffix}"
        counter += 1
    return candidate


def _already_kept(out: Path, name: str, source: Path) -> Path | None:
    """An earlier run (killed before it finished) may have kept this very edit."""
    stem, suffix = os.path.splitext(name)
    info = source.lstat()
    digest = None
    for candidate in sorted(out.glob(f"{stem}.edited-*{suffix}")):
        found = _lstat(candidate)
        if found is None or not stat.S_ISREG(found.st_mode) or found.st_size != info.st_size:
            continue
        if (found.st_dev, found.st_ino) == (info.st_dev, info.st_ino):
            return candidate
        digest = digest or mf.sha256_file(source)
        if mf.sha256_file(candidate) == digest:
            return candidate
    return None


def _keep(out: Path, name: str, source: Path) -> Path | None:
    """Keep ``source`` as briefing.edited-<time>.<ext>; None when it is kept already."""
    if _already_kept(out, name, source) is not None:
        return None
    target = edited_name(out, name, source)
    _second_name(source, target)
    return target


def _record(kept: list[Path], path: Path | None) -> None:
    if path is not None:
        kept.append(path)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(first: Path, second: Path) -> bool:
    """Swap two names in one step (Linux renameat2 RENAME_EXCHANGE); False where unavailable."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_uint,
    ]
    result = renameat2(
        _AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE
    )
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(second))


def _temp_name(folder: Path, what: str) -> Path:
    return folder / f"{TEMP_PREFIX}{what}-{secrets.token_hex(4)}"


def _put_link(out: Path, name: str) -> None:
    """out/<name> becomes our link into the current set, replacing whatever stood there.

    The replaced file is one that readers saw with the same content (a file from before
    output sets, now also in the current set) or one already kept as an edit.
    """
    top = out / name
    if is_our_link(top, name):
        return
    temporary = _temp_name(out, "link")
    os.symlink(link_target(name), temporary)
    _step(f"symlink {name}")
    info = _lstat(top)
    if info is not None and stat.S_ISDIR(info.st_mode):
        # A real charts/ folder from before output sets: swapped with the link in one step
        # where the kernel can, so charts/ is never missing for a reader.
        if not _exchange(temporary, top):
            retired = _temp_name(out, "retired")
            os.rename(top, retired)
            _step(f"retire {name}")
            os.rename(temporary, top)
            temporary = retired
        _step(f"replace {name}")
        shutil.rmtree(temporary)
        _step(f"remove retired {name}")
        return
    os.replace(temporary, top)
    _step(f"replace {name}")


def _switch(out: Path, folder: Path) -> None:
    """The one step that publishes: .sets/current now names ``folder``."""
    sets = out / SETS_DIR
    temporary = _temp_name(sets, "current")
    os.symlink(folder.name, temporary)
    _step("symlink current")
    os.replace(temporary, sets / CURRENT)
    _step("switch current")
    _fsync_folder(sets)


def _remove_set(out: Path, folder: Path, force: bool, kept: list[Path]) -> None:
    """Remove a set that readers no longer see, keeping its edited briefing files first."""
    manifests = _set_records(folder)
    # A set without a manifest was never published (the manifest is its last file): no
    # reader saw it, so nobody edited it.
    if not force and manifests:
        for name in BRIEFING_FILES:
            path = folder / name
            info = _lstat(path)
            if info is not None and stat.S_ISREG(info.st_mode) and _differs(path, name, manifests):
                _record(kept, _keep(out, name, path))
    shutil.rmtree(folder)
    _step(f"remove {folder.name}")


def _collect(out: Path, keep: set[str], force: bool, kept: list[Path]) -> None:
    """Remove every entry of .sets/ but ``current`` and the sets named in ``keep``."""
    sets = out / SETS_DIR
    for entry in sorted(sets.iterdir()):
        if entry.name == CURRENT or entry.name in keep:
            continue
        info = _lstat(entry)
        if info is None:
            continue
        if stat.S_ISDIR(info.st_mode):
            _remove_set(out, entry, force, kept)
        else:
            entry.unlink()
            _step(f"remove {entry.name}")


# --- before output sets ----------------------------------------------------------------------


def _adopt_legacy(out: Path, force: bool, kept: list[Path]) -> None:
    """Files of a build made before output sets become the current set, unchanged.

    They are given second names inside a new set, which becomes current; the top-level files
    are later replaced by links showing the same content. Readers see the same files
    throughout, whichever step a kill falls on.
    """
    sets = out / SETS_DIR
    if current_set(out) is not None:
        return
    stray = sets / CURRENT
    info = _lstat(stray)
    if info is not None:
        # not a link we made (a copy of the folder that followed links, say): set aside
        if stat.S_ISDIR(info.st_mode):
            os.rename(stray, _temp_name(sets, "stray"))
        else:
            stray.unlink()
        _step("set aside current")
    files = [
        name
        for name in (*BRIEFING_FILES, mf.MANIFEST_FILE, LEGACY_PENDING)
        if (found := _lstat(out / name)) is not None and stat.S_ISREG(found.st_mode)
    ]
    charts = _lstat(out / CHARTS)
    has_charts = charts is not None and stat.S_ISDIR(charts.st_mode)
    if not files and not has_charts:
        return
    folder = _new_set(out)
    for name in files:
        _second_name(out / name, folder / name)
    if has_charts:
        (folder / CHARTS).mkdir()
        for chart in sorted((out / CHARTS).iterdir()):
            if (found := _lstat(chart)) is not None and stat.S_ISREG(found.st_mode):
                _second_name(chart, folder / CHARTS / chart.name)
        _fsync_folder(folder / CHARTS)
    _fsync_folder(folder)
    _switch(out, folder)


def _new_set(out: Path) -> Path:
    sets = out / SETS_DIR
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    folder = sets / f"{SET_PREFIX}{stamp}-{secrets.token_hex(4)}"
    folder.mkdir()
    _step("mkdir set")
    return folder


# --- the publishing sequence -----------------------------------------------------------------


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM back while links are put in place and switched."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _keep_edits(out: Path, current: Path | None, kept: list[Path]) -> None:
    """Keep the briefing files someone changed since the current set was written."""
    manifests = _set_records(current) if current is not None else []
    for name in BRIEFING_FILES:
        top = out / name
        info = _lstat(top)
        if info is None:
            continue
        if stat.S_ISREG(info.st_mode):
            source = top  # our link was replaced by a file (Word saves so)
        elif is_our_link(top, name) and current is not None:
            source = current / name  # edited through our link
            found = _lstat(source)
            if found is None or not stat.S_ISREG(found.st_mode):
                continue
        else:
            continue  # a link someone else made: never followed
        if _differs(source, name, manifests):
            _record(kept, _keep(out, name, source))


def _dropped(current: Path | None, outputs: Mapping[str, bytes]) -> list[str]:
    """The briefing files the set readers see now has and this build does not make."""
    if current is None:
        return []
    return [
        name
        for name in BRIEFING_FILES
        if name not in outputs
        and (found := _lstat(current / name)) is not None
        and stat.S_ISREG(found.st_mode)
    ]


def publish_set(
    out: Path, outputs: Mapping[str, bytes], manifest: bytes, *, force: bool
) -> Published:
    """Publish ``outputs`` (names may hold one '/': charts/x.svg) and ``manifest`` as the
    new current set of ``out`` (a folder that exists; the caller holds its lock).

    Raises OutputError (disk full, no permission, a link planted where a folder is kept);
    the set readers see is then unchanged and the unfinished one removed.
    """
    published = Published()
    kept = published.kept_edits
    own_folder(out / SETS_DIR)
    _adopt_legacy(out, force, kept)
    previous = current_set(out)
    _collect(out, {previous.name} if previous else set(), force, kept)
    if not force:
        _keep_edits(out, previous, kept)
    folder: Path | None = None
    switched = False
    try:
        folder = _new_set(out)
        for name, data in outputs.items():
            target = folder / name
            if target.parent != folder and not target.parent.is_dir():
                target.parent.mkdir()
                _step(f"mkdir {target.parent.name}")
            _write_file(target, data)
        _write_file(folder / mf.MANIFEST_FILE, manifest)
        for sub in {(folder / name).parent for name in outputs}:
            _fsync_folder(sub)
        names = sorted(entry.name for entry in folder.iterdir())
        with _signals_held():
            for name in names:
                _put_link(out, name)
            _switch(out, folder)
            switched = True
    except OSError as error:
        if folder is not None and not switched:
            shutil.rmtree(folder, ignore_errors=True)
        raise output_error(error, out) from None
    except BaseException:
        if folder is not None and not switched:
            shutil.rmtree(folder, ignore_errors=True)
        raise
    try:
        _tidy(out, names, {folder.name, previous.name} if previous else {folder.name}, force, kept)
    except OSError as error:  # the new set is out: what is left is only untidy
        published.warnings.append(f"{out}: could not remove an old output set: {error}")
    published.written = [out / name for name in outputs] + [out / mf.MANIFEST_FILE]
    published.dropped = _dropped(previous, outputs)
    return published


def _is_kept_file(out: Path, name: str, top: Path) -> bool:
    found = _lstat(top)
    return (
        found is not None
        and stat.S_ISREG(found.st_mode)
        and _already_kept(out, name, top) is not None
    )


def _tidy(out: Path, names: list[str], keep: set[str], force: bool, kept: list[Path]) -> None:
    """After the switch: links to files the new set lacks, a legacy pending manifest and
    the sets before the previous one go."""
    for name in MANAGED_NAMES:
        if name in names:
            continue
        top = out / name
        if is_our_link(top, name):
            top.unlink()  # the new set has no such file (a dangling link)
            _step(f"unlink {name}")
        elif name in BRIEFING_FILES and _is_kept_file(out, name, top):
            # A file saved over our link (Word does so), not made by this build: it goes
            # only when it is kept already as briefing.edited-…, never otherwise.
            top.unlink()
            _step(f"unlink {name}")
    pending = _lstat(out / LEGACY_PENDING)
    if pending is not None and stat.S_ISREG(pending.st_mode):
        (out / LEGACY_PENDING).unlink()
        _step("unlink legacy pending manifest")
    _fsync_folder(out)
    _collect(out, keep, force, kept)
