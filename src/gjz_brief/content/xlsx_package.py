"""A figures workbook's zip package, checked before openpyxl opens it (issue #17).

openpyxl inflates whole parts: a 1.3 MB .xlsx whose shared strings inflate to 1.28 GB would
be read into memory. Here the central directory's inflated sizes are checked first (no part
is inflated), so such a file is refused at once with the sheet named.
"""

from __future__ import annotations

from pathlib import Path

from gjz_brief.errors import Location, Problem
from gjz_brief.ziplimits import ZipLimitError, ZipLimits, check_zip_file

# A figures sheet of 5 000 rows and a dozen columns is about 3 MB of sheet XML.
XLSX_LIMITS = ZipLimits(parts=1_000, part_bytes=8 * 1024 * 1024, total_bytes=24 * 1024 * 1024)


def xlsx_package_problem(path: Path, display: str) -> Problem | None:
    """A Problem naming the sheet file and the part over a limit, or None when it is within."""
    try:
        check_zip_file(path, XLSX_LIMITS)
    except FileNotFoundError:
        return None  # reported by the reader, as before
    except OSError as error:
        return Problem(f"cannot read: {error.strerror}", Location(display))
    except ZipLimitError as error:
        return Problem(
            f"the workbook cannot be read safely: {error.message}",
            Location(display),
            "save the sheet again from Excel as .xlsx, keeping only the figures' rows and "
            "columns (see 'Limits' in the README)",
        )
    return None
