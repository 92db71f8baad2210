"""Run a program with file permissions applied to it, also when the tests run as root.

Root reads a mode 000 file and writes into a read-only folder, so a test of what a user meets
there would pass for the wrong reason. Run through ``like_a_user`` (a ``preexec_fn``), root
keeps uid 0 but loses CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH (dropped from the capability
bounding set, so the program it executes never has them): modes and owners then apply to it
as to any user. For other users it changes nothing. (A module name unique across the tests.)
"""

from __future__ import annotations

import ctypes
import os
import subprocess
import sys
from pathlib import Path

from repository import SRC

# linux/prctl.h and linux/capability.h
_PR_CAPBSET_DROP = 24
_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH = 1, 2


def like_a_user() -> None:
    """``preexec_fn``: let file permissions apply to root (no effect for other users)."""
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH):
        if libc.prctl(_PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


def run_cli_as_user(
    *args: str, env: dict[str, str] | None = None, cwd: Path | str = "/", timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """The real CLI in its own process, ``like_a_user``; ``env`` (default: this process's)
    gets PYTHONPATH pointing at the checkout's source."""
    environment = dict(os.environ if env is None else env)
    environment["PYTHONPATH"] = str(SRC)
    return subprocess.run(
        [sys.executable, "-m", "gjz_brief", *args],
        cwd=cwd,
        env=environment,
        preexec_fn=like_a_user,
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
        check=False,
    )


def can_as_user(operation: str, path: Path) -> bool:
    """Whether a program run ``like_a_user`` could list (``"read"``) or create files in
    (``"write"``) the folder ``path``, or read (``"open"``) the file ``path``."""
    action = {
        "read": "os.listdir(path)",
        "write": "os.rmdir(tempfile.mkdtemp(dir=path))",
        "open": "open(path, 'rb').close()",
    }[operation]
    script = "import os, sys, tempfile\npath = sys.argv[1]\n"
    script += f"try:\n    {action}\nexcept OSError:\n    sys.exit(1)"
    probe = subprocess.run(
        [sys.executable, "-c", script, str(path)], preexec_fn=like_a_user, check=False
    )
    return probe.returncode == 0
