"""The series: published issues (第N期) of a briefing, frozen in the output folder.

::

    out/issues/issue-0001/   briefing.pdf, briefing.docx, manifest.json, charts/  (第1期)
    out/issues/issue-0002/   …                                                    (第2期)

``gjz-brief publish`` copies the output set readers see (out/.sets/current, see
output/sets.py) into ``issues/issue-NNNN`` and so advances the series: every later build
is the draft of 第N+1期, and its 本期变化 compares with 第N期, however often it is rebuilt.

An issue is a real copy (not a link into a set a later build removes), written under the
output folder's lock into a temporary folder, flushed, and given its name by one rename
that never replaces a folder already there: killed at any step (kill -9 too), the archive
holds the whole issue or none of it (the next build or publish removes the leftover
temporary folder), and a published issue is never overwritten.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import os
import re
import secrets
import shutil
import stat
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gjz_brief.errors import ConfigError, Location, OutputError
from gjz_brief.output import manifest as mf
from gjz_brief.output.atomic import TEMP_PREFIX, output_error, remove_stale_temps
from gjz_brief.output.lock import output_lock
from gjz_brief.output.sets import current_set

ISSUES_DIR = "issues"
_ISSUE_NAME = re.compile(r"^issue-(\d{4,})$")
MANIFEST_ISSUE = "issue"  # the manifest's record of the issue number a build printed


def issue_folder_name(number: int) -> str:
    return f"issue-{number:04d}"


def published_issues(out: Path) -> list[int]:
    """The numbers of the issues published in ``out``, ascending (a folder without its
    manifest is not an issue)."""
    folder = out / ISSUES_DIR
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    numbers = []
    for name in names:
        match = _ISSUE_NAME.match(name)
        if match and (folder / name / mf.MANIFEST_FILE).is_file():
            numbers.append(int(match.group(1)))
    return sorted(numbers)


def last_issue(out: Path) -> tuple[int, Mapping[str, Any]] | None:
    """The last published issue's number and manifest, or None before the first publish."""
    numbers = published_issues(out)
    if not numbers:
        return None
    manifest = mf.read_manifest(out / ISSUES_DIR / issue_folder_name(numbers[-1]))
    return (numbers[-1], manifest) if manifest is not None else None


def draft_issue(out: Path) -> int | None:
    """The number of the issue the next build drafts: one after the last published; None
    before the first publish (the content's meta.issue_number, or 1, then applies)."""
    numbers = published_issues(out)
    return numbers[-1] + 1 if numbers else None


@dataclass(frozen=True)
class PublishedIssue:
    number: int
    folder: Path


_RENAME_NOREPLACE = 1
_AT_FDCWD = -100


def _rename_no_replace(source: Path, target: Path) -> None:
    """Rename, failing with FileExistsError when ``target`` exists (even an empty folder,
    which a plain rename would replace): renameat2 RENAME_NOREPLACE where Linux has it."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        renameat2 = None
    if renameat2 is not None:
        renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p]
        renameat2.argtypes.append(ctypes.c_uint)
        result = renameat2(
            _AT_FDCWD, os.fsencode(source), _AT_FDCWD, os.fsencode(target), _RENAME_NOREPLACE
        )
        if result == 0:
            return
        code = ctypes.get_errno()
        if code == errno.EEXIST:
            raise FileExistsError(code, os.strerror(code), str(target))
        if code not in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
            raise OSError(code, os.strerror(code), str(target))
    if os.path.lexists(target):  # under the folder's lock: nobody else renames here
        raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(target))
    os.rename(source, target)


def _fsync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _copy_tree(source: Path, target: Path) -> None:
    """Copy regular files and folders (never a link: a set holds none) and flush each."""
    target.mkdir()
    for entry in sorted(os.scandir(source), key=lambda e: e.name):
        info = entry.stat(follow_symlinks=False)
        if stat.S_ISDIR(info.st_mode):
            _copy_tree(Path(entry.path), target / entry.name)
        elif stat.S_ISREG(info.st_mode):
            shutil.copyfile(entry.path, target / entry.name, follow_symlinks=False)
            shutil.copystat(entry.path, target / entry.name, follow_symlinks=False)
            _fsync(target / entry.name)
    _fsync(target)


def already_published(out: Path, number: int) -> ConfigError | None:
    """The error for a build asked to print 第``number``期 (``--issue``) when that issue is
    published in ``out`` already: its draft could never be published. None otherwise."""
    if number not in published_issues(out):
        return None
    draft = draft_issue(out)
    return ConfigError(
        f"--issue {number}: 第{number}期 is already published; a published issue is never "
        "overwritten",
        Location(str(out / ISSUES_DIR / issue_folder_name(number))),
        f"build the draft of the next issue, 第{draft}期 (leave out --issue, or --issue {draft})",
    )


def _check_one_build(out: Path, current: Path, manifest: Mapping[str, Any], number: int) -> None:
    """Refuse to freeze a set whose files are not all the outputs of the one build its
    manifest records (a file edited after the build, or one from another build), or whose
    outputs are not what readers of ``out`` see: Word saves a document by writing a new
    file and renaming it over ``out/briefing.docx``, which leaves the set as built and the
    clerk's edit beside it; freezing the set would leave that edit out of the issue for good.
    """
    reasons = mf.unverified_outputs(current, manifest)
    reasons += [
        f"{out.name}/{name} is not the file this build wrote (replaced or removed after the "
        "build, e.g. saved by Word)"
        for name in sorted(mf.changed_outputs(out, manifest))
    ]
    if reasons:
        raise ConfigError(
            f"the current outputs are not all from the build of 第{number}期 their manifest "
            f"records, so they are not published: {'; '.join(reasons)}",
            Location(str(current / mf.MANIFEST_FILE)),
            "build again (gjz-brief build, with every --format the issue should hold), "
            "then publish; an edited DOCX is kept as briefing.edited-….docx by that build "
            "(gjz-brief absorb brings its edits into the content first)",
        )


def publish_issue(out: Path, lock_timeout: float) -> PublishedIssue:
    """Freeze the outputs readers see in ``out`` as the issue their manifest records.

    Raises ConfigError (exit 2) when there is nothing to publish, that issue is already
    published, or the files are not exactly the outputs of the build their manifest records
    (``manifest.unverified_outputs``): an issue is frozen for good. OutputError when the archive cannot be written, LockTimeoutError when a
    build holds the folder.
    """
    if not out.is_dir():
        raise ConfigError(
            "there is no output folder to publish from",
            Location(str(out)),
            "build the briefing first (gjz-brief build), then publish",
        )
    with output_lock(out, lock_timeout):
        remove_stale_temps(out)
        current = current_set(out)
        manifest = mf.read_manifest(current) if current is not None else None
        if current is None or manifest is None:
            raise ConfigError(
                "the output folder holds no build to publish",
                Location(str(out)),
                "build the briefing first (gjz-brief build), then publish",
            )
        number = manifest.get(MANIFEST_ISSUE)
        if not isinstance(number, int) or number < 1:
            raise ConfigError(
                "the current outputs were built before gjz-brief numbered its issues",
                Location(str(current / mf.MANIFEST_FILE)),
                "build once more (gjz-brief build), then publish",
            )
        archive = out / ISSUES_DIR
        target = archive / issue_folder_name(number)
        if os.path.lexists(target):
            raise ConfigError(
                f"第{number}期 is already published; a published issue is never overwritten",
                Location(str(target)),
                f"build the draft of 第{draft_issue(out) or number + 1}期 (gjz-brief build), "
                "then publish it",
            )
        _check_one_build(out, current, manifest, number)
        try:
            if not archive.is_dir() or archive.is_symlink():
                if os.path.lexists(archive):
                    raise OutputError(
                        f"{archive} is not a folder",
                        Location(str(archive)),
                        f"remove or rename {archive}; gjz-brief makes the folder itself",
                    )
                archive.mkdir()
            temporary = archive / f"{TEMP_PREFIX}issue-{secrets.token_hex(4)}"
            _copy_tree(current, temporary)
            try:
                _rename_no_replace(temporary, target)
            except FileExistsError:
                shutil.rmtree(temporary, ignore_errors=True)
                raise ConfigError(
                    f"第{number}期 is already published ({target})", Location(str(target))
                ) from None
            _fsync(archive)
        except OSError as error:
            raise output_error(error, archive) from None
    return PublishedIssue(number, target)
