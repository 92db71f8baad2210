"""Figure values from a spreadsheet (CSV or XLSX), so staff can update numbers in Excel.

Columns (first row, any order; Chinese headers accepted): id, value, unit, qualifier, as_of,
source. An empty cell keeps the value from the YAML content. Every bad cell is reported with
the sheet, row and column.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gjz_brief.content.limits import MAX_FILE_BYTES, MAX_SHEET_ROWS
from gjz_brief.content.model import PREFIX_QUALIFIERS, SUFFIX_QUALIFIERS
from gjz_brief.content.xlsx_package import xlsx_package_problem
from gjz_brief.errors import Location, Problem

COLUMNS = {
    "id": "id",
    "指标id": "id",
    "编号": "id",
    "value": "value",
    "数值": "value",
    "unit": "unit",
    "单位": "unit",
    "qualifier": "qualifier",
    "限定词": "qualifier",
    "as_of": "as_of",
    "截至": "as_of",
    "截至日期": "as_of",
    "source": "source",
    "出处": "source",
    "来源": "source",
}
MAX_ROWS = MAX_SHEET_ROWS


@dataclass(frozen=True)
class SheetRow:
    row: int
    cells: dict[str, tuple[str, Any]]  # field → (column letter, raw value)


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def read_rows(path: Path, display: str) -> tuple[str, list[list[Any]]]:
    """(sheet name, rows of raw cell values). CSV is read as UTF-8 (with or without BOM)."""
    with contextlib.suppress(OSError):  # a missing file is reported below, as before
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise SheetError(
                [
                    Problem(
                        f"the sheet is {size} bytes, more than the limit of {MAX_FILE_BYTES}",
                        Location(display),
                        "keep only the figures' rows and columns in the sheet",
                    )
                ]
            )
    if path.suffix.lower() == ".csv":
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise SheetError(
                [
                    Problem(
                        "the CSV file is not UTF-8; the expected encoding is UTF-8",
                        Location(display),
                        "in Excel: 另存为 → CSV UTF-8",
                    )
                ]
            ) from None
        except OSError as error:
            raise SheetError(
                [Problem(f"cannot read: {error.strerror}", Location(display))]
            ) from None
        return path.name, list(csv.reader(io.StringIO(text)))
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        import openpyxl  # imported only when a workbook is used

        if problem := xlsx_package_problem(path, display):  # inflated sizes, before openpyxl
            raise SheetError([problem])
        try:
            workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except FileNotFoundError:
            raise SheetError([Problem("spreadsheet not found", Location(display))]) from None
        except Exception as error:  # noqa: BLE001 - openpyxl raises many kinds on bad files
            raise SheetError(
                [
                    Problem(
                        f"not a readable XLSX workbook ({type(error).__name__})",
                        Location(display),
                        "save it from Excel as .xlsx",
                    )
                ]
            ) from None
        sheet = workbook.worksheets[0]
        rows = [list(row) for row in sheet.iter_rows(values_only=True, max_row=MAX_ROWS + 1)]
        workbook.close()
        return sheet.title, rows
    raise SheetError([Problem("a figures sheet must be .csv or .xlsx", Location(display))])


class SheetError(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems[0].message)
        self.problems = problems


def apply_sheet(
    figures: list[dict[str, Any]],
    path: Path,
    display: str,
    origins: dict[tuple[Any, ...], Location],
) -> list[Problem]:
    """Overwrite figure fields in the raw content with the sheet's non-empty cells.

    ``origins`` receives, for each overwritten field path, the cell it came from, so that a
    later validation error points at the sheet rather than at the YAML.
    """
    try:
        sheet_name, rows = read_rows(path, display)
    except SheetError as error:
        return error.problems
    if not rows:
        return [Problem("the sheet is empty", Location(display))]
    if len(rows) > MAX_ROWS:
        return [
            Problem(
                f"more than {MAX_ROWS} rows",
                Location(display),
                "keep only the figures' rows in the sheet",
            )
        ]

    def where(row: int, column: str, field: str) -> Location:
        return Location(
            display, row, field=f"sheet {sheet_name}, row {row}, column {column} ({field})"
        )

    header: dict[int, str] = {}
    problems: list[Problem] = []
    for index, cell in enumerate(rows[0]):
        name = str(cell or "").strip().lower()
        if not name:
            continue
        if name not in COLUMNS:
            problems.append(
                Problem(
                    f"unknown column '{cell}'",
                    where(1, _column_letter(index), str(cell)),
                    f"columns: {', '.join(sorted(set(COLUMNS.values())))}",
                )
            )
            continue
        header[index] = COLUMNS[name]
    if "id" not in header.values():
        problems.append(Problem("the sheet has no 'id' column", where(1, "A", "id")))
        return problems
    by_id = {item.get("id"): (i, item) for i, item in enumerate(figures) if isinstance(item, dict)}
    for number, row in enumerate(rows[1:], start=2):
        cells = {
            field: (_column_letter(i), row[i] if i < len(row) else None)
            for i, field in header.items()
        }
        figure_id = _text(cells["id"][1])
        if not figure_id:
            if any(_text(v) for _, v in cells.values()):
                problems.append(
                    Problem("the row has values but no id", where(number, cells["id"][0], "id"))
                )
            continue
        index, figure = by_id.get(figure_id, (None, None))
        if figure is None:
            problems.append(
                Problem(
                    f"unknown figure id '{figure_id}'",
                    where(number, cells["id"][0], "id"),
                    "use an id from content/figures.yaml",
                )
            )
            continue
        for field, (column, raw) in cells.items():
            if field == "id" or _text(raw) == "":
                continue
            value, message = _convert(field, raw)
            if message:
                problems.append(Problem(message, where(number, column, field)))
            else:
                figure[field] = value
                origins[("figures", index, field)] = where(number, column, field)
    return problems


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _convert(field: str, raw: Any) -> tuple[Any, str | None]:
    if field == "value":
        if isinstance(raw, bool):
            return None, f"expected a number, got {raw}"
        if isinstance(raw, (int, float)):
            return raw, None
        text = _text(raw).replace(",", "").replace("，", "")
        try:
            number = float(text)
        except ValueError:
            return None, f"expected a number, got '{_text(raw)}'"
        return (int(number) if number.is_integer() else number), None
    if field == "qualifier":
        text = _text(raw)
        allowed = PREFIX_QUALIFIERS + SUFFIX_QUALIFIERS
        if text not in allowed:
            return None, f"qualifier '{text}' is not one of {'、'.join(allowed)}"
        return text, None
    if field == "as_of":
        if isinstance(raw, dt.datetime):
            return raw.date(), None
        if isinstance(raw, dt.date):
            return raw, None
        try:
            return dt.date.fromisoformat(_text(raw)), None
        except ValueError:
            return None, f"expected a date written as YYYY-MM-DD, got '{_text(raw)}'"
    return _text(raw), None
