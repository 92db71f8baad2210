"""Path safety: what a symbolic link may and may not lead to.

gjz-brief reads only the workspace (content, templates, configuration, sheet), the font
files it was told about or found, and its own output folder; it writes only into the output
folder. A symbolic link planted in any of them is never a way out (issue #17).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


def read_no_follow(path: Path) -> bytes:
    """The bytes of a regular file that is not itself a symbolic link.

    Raises OSError (ELOOP for a link) — for caches, where a miss only costs time.
    """
    descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    with os.fdopen(descriptor, "rb") as stream:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise OSError(f"{path} is not a regular file")
        return stream.read()
