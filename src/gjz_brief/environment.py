"""The user folders a build may touch, and libraries kept from failing where they are unusable.

A scheduled build runs in whatever environment cron or systemd gives it: HOME unset, a file,
unreadable, read-only or another user's; XDG_CACHE_HOME or MPLCONFIGDIR pointing somewhere
unusable. The build needs none of them (its caches live in the output folder), but two of its
libraries look there on their own:

- matplotlib keeps its settings and font list in MPLCONFIGDIR, else $XDG_CONFIG_HOME and
  $XDG_CACHE_HOME (~/.config, ~/.cache) + ``matplotlib``; where that cannot be written it
  warns on stderr and rebuilds its font list in a temporary folder on every run
  (matplotlib.get_configdir and get_cachedir).
- ReportLab opens ~/.reportlab_mods when first imported and lets every error but "not found"
  and "permission denied" escape (reportlab/__init__.py): a HOME that is a file fails it.

``matplotlib_settings_folder`` and ``prepare_reportlab`` steer them clear, before either is
imported.
"""

from __future__ import annotations

import atexit
import logging
import os
import shutil
import sys
import tempfile
import types
from collections.abc import Mapping
from pathlib import Path

_log = logging.getLogger(__name__)

MATPLOTLIB_FOLDER = "matplotlib"  # in the build's cache folder


def home_folder(environ: Mapping[str, str]) -> Path | None:
    """HOME (USERPROFILE on Windows), else the account's home folder; None if there is none."""
    value = environ.get("HOME") or environ.get("USERPROFILE")
    if value:
        return Path(value)
    try:
        return Path.home()  # the password database when HOME is unset
    except (RuntimeError, KeyError):
        return None


def writable_folder(folder: Path) -> bool:
    """Whether ``folder`` is, or could be made, a folder this process can create files in.

    A missing folder is made (with its parents), as the library about to use it would.
    """
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    return folder.is_dir() and os.access(folder, os.W_OK | os.X_OK)


def matplotlib_folders(environ: Mapping[str, str]) -> list[Path] | None:
    """The folders matplotlib would use for its settings and its cache (None: no home)."""
    if environ.get("MPLCONFIGDIR"):
        return [Path(environ["MPLCONFIGDIR"])]
    home = home_folder(environ)
    if sys.platform.startswith(("linux", "freebsd")):
        config, cache = environ.get("XDG_CONFIG_HOME"), environ.get("XDG_CACHE_HOME")
        if home is None and not (config and cache):
            return None
        base = home or Path()
        config_base = Path(config) if config else base / ".config"
        cache_base = Path(cache) if cache else base / ".cache"
        return [config_base / "matplotlib", cache_base / "matplotlib"]
    return None if home is None else [home / ".matplotlib"]


def matplotlib_settings_folder(environ: Mapping[str, str], cache: Path) -> Path | None:
    """The folder matplotlib should keep its settings and font list in, or None when its
    own folders (from ``environ``) can be written.

    Otherwise ``cache``/matplotlib, or where that cannot be written either a temporary
    folder removed when the process ends (no cache kept). The chart stage gives it to
    matplotlib as it is imported (charts.backend.prepare); this process's environment is
    not changed.
    """
    folders = matplotlib_folders(environ)
    if folders is None or not all(writable_folder(folder) for folder in folders):
        return _matplotlib_fallback(cache)
    return None


def prepare_reportlab() -> None:
    """Before ReportLab is imported: make sure it does not fail on an unusable HOME."""
    _stand_in_for_reportlab_mods()


def _matplotlib_fallback(cache: Path) -> Path:
    folder = cache / MATPLOTLIB_FOLDER
    if writable_folder(folder):
        _log.debug("matplotlib keeps its settings and font list in %s", folder)
        return folder
    temporary = Path(tempfile.mkdtemp(prefix="gjz-brief-matplotlib-"))
    atexit.register(shutil.rmtree, temporary, ignore_errors=True)
    _log.debug("no writable cache folder: matplotlib uses %s until the build ends", temporary)
    return temporary


def _stand_in_for_reportlab_mods() -> None:
    """Where opening ~/.reportlab_mods would fail ReportLab's import, no such file can
    exist: an empty ``reportlab_mods`` module (ReportLab's own hook for site changes, tried
    first) stands in for it."""
    if "reportlab" in sys.modules or "reportlab_mods" in sys.modules:
        return
    try:
        os.stat(os.path.join(os.path.expanduser("~"), ".reportlab_mods"))
    except (FileNotFoundError, PermissionError):
        return  # ReportLab handles these itself
    except OSError as error:
        _log.debug("HOME is unusable (%s): ReportLab's ~/.reportlab_mods is not read", error)
        sys.modules["reportlab_mods"] = types.ModuleType(
            "reportlab_mods", "gjz-brief's stand-in: HOME cannot hold ~/.reportlab_mods"
        )
