"""Figure values from a spreadsheet (CSV or XLSX), so staff can update numbers in Excel.

Columns (first row, any order; Chinese headers accepted): id, value, unit, qualifier, as_of,
source, printed. A cell means what it shows: its number format is part of its value (a
percentage cell 40.12% is the value 40.12 with the unit %), a formula counts by its stored
result, a merged range gives its value to every row it covers, and numbers typed as text
are read strictly (sheet_values.py). Whatever cannot be read exactly as shown is refused,
naming the file, sheet and cell. An empty cell keeps the value from the YAML content, and
each such cell is listed (a note, shown by ``gjz-brief validate``).
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import difflib
import io
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gjz_brief.content.characters import clean_text
from gjz_brief.content.limits import MAX_FILE_BYTES, MAX_SHEET_ROWS
from gjz_brief.content.locator import ContentLocator
from gjz_brief.content.model import PREFIX_QUALIFIERS, SUFFIX_QUALIFIERS
from gjz_brief.content.sheet_values import Shown, ValueRefused, shown_number, text_number
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
    "printed": "printed",
    "印刷形式": "printed",
    "文字形式": "printed",
}
MAX_ROWS = MAX_SHEET_ROWS
# A cell that says "none" for a field the YAML fills: no qualifier, no fixed wording.
NONE_WORDS = ("无", "-", "—", "－")
_CLEARABLE = {"qualifier": "", "printed": None}
_ERROR_VALUES = ("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A")
_OPEN_AND_SAVE = (
    "open the workbook in Excel, WPS or LibreOffice and save it, so that the formula's result "
    "is stored (files written by scripts or converters store none); or type the value"
)


@dataclass(frozen=True)
class Cell:
    """A cell as the sheet shows it."""

    value: Any = None  # for a formula, its stored result
    number_format: str = "General"
    formula: str | None = None
    stored: bool = True  # False: a formula whose result was never stored
    merged_from: str | None = None  # the top-left cell of the merged range covering this one

    @property
    def empty(self) -> bool:
        if self.formula is not None:
            return False
        return self.value is None or (isinstance(self.value, str) and not self.value.strip())


@dataclass
class Grid:
    """A sheet's cells, row by row; ``lines`` gives each row's line (CSV) or number (XLSX)."""

    name: str
    rows: list[list[Cell]]
    lines: list[int]
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # 0-based, inclusive


@dataclass
class SheetOutcome:
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)  # empty cells that keep the YAML value


class SheetError(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems[0].message)
        self.problems = problems


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


# --- reading ----------------------------------------------------------------------------


def read_grid(path: Path, display: str) -> Grid:
    """The first sheet of an XLSX workbook, or a CSV file (UTF-8, with or without BOM)."""
    with contextlib.suppress(OSError):  # a missing file is reported below
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
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _read_csv(path, display)
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path, display)
    raise SheetError([Problem("a figures sheet must be .csv or .xlsx", Location(display))])


def _read_csv(path: Path, display: str) -> Grid:
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
        raise SheetError([Problem(f"cannot read: {error.strerror}", Location(display))]) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    rows: list[list[Cell]] = []
    lines: list[int] = []
    try:
        while len(rows) <= MAX_ROWS:
            start = reader.line_num + 1
            try:
                record = next(reader)
            except StopIteration:
                break
            rows.append([Cell(value) for value in record])
            lines.append(start)
    except csv.Error as error:
        raise SheetError(
            [
                Problem(
                    f"the CSV file cannot be read: {error}",
                    Location(display, reader.line_num),
                    "save it again from Excel or WPS as CSV UTF-8",
                )
            ]
        ) from None
    return Grid(path.name, rows, lines)


def _read_xlsx(path: Path, display: str) -> Grid:
    """Formulas and stored results need two readings: openpyxl gives either the formula or
    the result it finds stored in the file, never both."""
    import openpyxl  # imported only when a workbook is used
    from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula

    if problem := xlsx_package_problem(path, display):  # inflated sizes, before openpyxl
        raise SheetError([problem])
    try:
        formulas = openpyxl.load_workbook(path, data_only=False)
        results = openpyxl.load_workbook(path, data_only=True)
    except FileNotFoundError:
        raise SheetError([Problem("spreadsheet not found", Location(display))]) from None
    except Exception as error:  # noqa: BLE001 - openpyxl raises many kinds on bad files
        bad = _unreadable_number(path)
        if bad is not None:
            member, reference, raw = bad
            line = int("".join(c for c in reference if c.isdigit()) or 0)
            column = _column_index("".join(c for c in reference if c.isalpha()))
            raise SheetError(
                [
                    Problem(
                        f"the cell holds {raw!r}, which is not a finite number",
                        Location(display, line, column + 1, field=f"{member}, cell {reference}"),
                        "type the figure's number in the cell, and save the workbook again",
                    )
                ]
            ) from None
        raise SheetError(
            [
                Problem(
                    f"not a readable XLSX workbook ({type(error).__name__})",
                    Location(display),
                    "save it from Excel as .xlsx",
                )
            ]
        ) from None
    sheet, stored = formulas.worksheets[0], results.worksheets[0]
    rows: list[list[Cell]] = []
    last_row = min(sheet.max_row, MAX_ROWS + 1)
    for row_cells, result_cells in zip(
        sheet.iter_rows(max_row=last_row), stored.iter_rows(max_row=last_row), strict=True
    ):
        row: list[Cell] = []
        for cell, result in zip(row_cells, result_cells, strict=True):
            formula = None
            value = result.value
            if cell.data_type == "f" or isinstance(cell.value, (ArrayFormula, DataTableFormula)):
                formula = str(getattr(cell.value, "text", None) or cell.value)
                formula = formula if formula.startswith("=") else "=" + formula
            else:
                value = cell.value
            row.append(
                Cell(
                    value,
                    cell.number_format or "General",
                    formula,
                    stored=formula is None or result.value is not None,
                )
            )
        rows.append(row)
    merges = [
        (r.min_row - 1, r.min_col - 1, r.max_row - 1, r.max_col - 1)
        for r in sheet.merged_cells.ranges
    ]
    for top, left, bottom, right in merges:
        if top >= len(rows) or left >= len(rows[top]):
            continue
        origin = rows[top][left]
        name = f"{column_letter(left)}{top + 1}"
        for row_index in range(top, min(bottom, len(rows) - 1) + 1):
            for column in range(left, min(right, len(rows[row_index]) - 1) + 1):
                if (row_index, column) != (top, left):
                    rows[row_index][column] = Cell(
                        origin.value, origin.number_format, origin.formula, origin.stored, name
                    )
    title = sheet.title
    formulas.close()
    results.close()
    return Grid(title, rows, list(range(1, len(rows) + 1)), merges)


def _column_index(letters: str) -> int:
    index = 0
    for letter in letters.upper():
        index = index * 26 + ord(letter) - 64
    return index - 1


def _unreadable_number(path: Path) -> tuple[str, str, str] | None:
    """(sheet part, cell, stored text) of a numeric cell openpyxl cannot read (NaN, INF):
    only looked for after a workbook failed to open, to say which cell it was."""
    import zipfile
    from xml.etree import ElementTree

    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    try:
        with zipfile.ZipFile(path) as package:
            for member in sorted(n for n in package.namelist() if n.startswith("xl/worksheets/")):
                if not member.endswith(".xml"):
                    continue
                with package.open(member) as handle:
                    for _, element in ElementTree.iterparse(handle):
                        if element.tag != main + "c" or element.get("t", "n") != "n":
                            continue
                        value = element.find(main + "v")
                        text = value.text if value is not None else None
                        if text:
                            try:
                                number = float(text)
                            except ValueError:
                                number = math.nan
                            if not math.isfinite(number):
                                return member.rsplit("/", 1)[-1], element.get("r", "?"), text
                        element.clear()
    except (OSError, zipfile.BadZipFile, ElementTree.ParseError, KeyError):
        return None
    return None


# --- applying ---------------------------------------------------------------------------


@dataclass
class _Reader:
    grid: Grid
    display: str
    outcome: SheetOutcome

    def where(self, row: int, column: int, field: str) -> Location:
        """A cell's location: file:line:column and [sheet S, cell B3 (field)]."""
        line = self.grid.lines[row] if row < len(self.grid.lines) else row + 1
        cell = f"{column_letter(column)}{row + 1}"
        return Location(
            self.display, line, column + 1, field=f"sheet {self.grid.name}, cell {cell} ({field})"
        )

    def fail(self, message: str, location: Location, hint: str | None = None) -> None:
        self.outcome.problems.append(Problem(message, location, hint))

    def text(self, cell: Cell, location: Location, field: str) -> str:
        """A text cell, cleaned of pasted characters (characters.py) with a warning."""
        raw = "" if cell.value is None else cell.value
        if isinstance(raw, float) and raw.is_integer():
            raw = int(raw)
        cleaned, findings = clean_text(str(raw))
        for finding in findings:
            problem = Problem(
                finding.message(field) + f" (character {finding.index + 1} of the cell)",
                location,
                finding.hint,
                "error" if finding.action == "refused" else "warning",
            )
            (
                self.outcome.problems if problem.severity == "error" else self.outcome.warnings
            ).append(problem)
        return cleaned.strip()


def apply_sheet(
    figures: list[dict[str, Any]], path: Path, display: str, locate: ContentLocator
) -> SheetOutcome:
    """Overwrite figure fields in the raw content with the sheet's non-empty cells.

    ``locate`` records, for each overwritten field path, the cell it came from, so that a
    later error points at the sheet rather than at the YAML; it also finds a YAML value (to
    name both places when a cell and the YAML disagree).
    """
    outcome = SheetOutcome()
    try:
        grid = read_grid(path, display)
    except SheetError as error:
        outcome.problems += error.problems
        return outcome
    if not grid.rows or not any(not cell.empty for cell in grid.rows[0]):
        outcome.problems.append(Problem("the sheet is empty", Location(display)))
        return outcome
    if len(grid.rows) > MAX_ROWS:
        outcome.problems.append(
            Problem(
                f"more than {MAX_ROWS} rows",
                Location(display),
                "keep only the figures' rows in the sheet",
            )
        )
        return outcome
    reader = _Reader(grid, display, outcome)
    header = _header(reader)
    if header is None:
        return outcome
    _check_merges(reader, header)
    if outcome.problems:
        return outcome
    by_id = {item.get("id"): (i, item) for i, item in enumerate(figures) if isinstance(item, dict)}
    seen: dict[str, int] = {}
    id_column = next(column for column, name in header.items() if name == "id")
    for row_index in range(1, len(grid.rows)):
        row = grid.rows[row_index]
        cells = {name: (column, _cell(row, column)) for column, name in header.items()}
        id_location = reader.where(row_index, id_column, "id")
        figure_id = reader.text(cells["id"][1], id_location, "id")
        if not figure_id:
            if any(not cell.empty for _, cell in cells.values()):
                reader.fail("the row has values but no id", id_location)
            continue
        if figure_id in seen:
            reader.fail(
                f"figure id '{figure_id}' is in the sheet twice (also in row {seen[figure_id] + 1})",
                id_location,
                "keep one row per figure",
            )
            continue
        seen[figure_id] = row_index
        index, figure = by_id.get(figure_id, (None, None))
        if figure is None or index is None:
            close = difflib.get_close_matches(
                str(figure_id),
                sorted(str(key) for key in by_id if isinstance(key, str)),
                n=1,
                cutoff=0.6,
            )
            reader.fail(
                f"unknown figure id '{figure_id}'",
                id_location,
                f"did you mean '{close[0]}'?"
                if close
                else "use an id of the content's figures (e.g. in content/figures.yaml)",
            )
            continue
        _apply_row(reader, row_index, cells, index, figure, locate)
    covered = set(seen)
    for index, figure in enumerate(figures):
        if isinstance(figure, dict) and figure.get("id") not in covered:
            outcome.notes.append(
                Problem(
                    f"figures[{index}] ({figure.get('id')}) is not in the sheet: its values "
                    "come from the YAML",
                    locate.yaml(("figures", index)),
                    severity="note",
                )
            )
    return outcome


def _cell(row: list[Cell], column: int) -> Cell:
    return row[column] if column < len(row) else Cell()


def _header(reader: _Reader) -> dict[int, str] | None:
    header: dict[int, str] = {}
    first_column: dict[str, int] = {}
    for column, cell in enumerate(reader.grid.rows[0]):
        location = reader.where(0, column, "header")
        name = reader.text(cell, location, "header")
        if not name:
            continue
        field = COLUMNS.get(name.lower())
        if field is None:
            reader.fail(
                f"unknown column '{name}'",
                location,
                f"columns: {', '.join(sorted(set(COLUMNS.values())))}",
            )
            continue
        if field in first_column:
            reader.fail(
                f"two columns hold '{field}': {column_letter(first_column[field])} and "
                f"{column_letter(column)}",
                location,
                "keep one column per field (delete or rename the other)",
            )
            continue
        first_column[field] = column
        header[column] = field
    if "id" not in first_column:
        reader.fail("the sheet has no 'id' column", reader.where(0, 0, "id"))
        return None
    return None if reader.outcome.problems else header


def _check_merges(reader: _Reader, header: dict[int, str]) -> None:
    """A merged range gives its value to every row it covers, within one field: one that
    joins two fields' columns, or the header and data rows, cannot mean one thing."""
    for top, left, bottom, right in reader.grid.merges:
        fields = [header[c] for c in range(left, right + 1) if c in header]
        span = f"{column_letter(left)}{top + 1}:{column_letter(right)}{bottom + 1}"
        if len(fields) > 1:
            reader.fail(
                f"the merged range {span} joins the columns of {' and '.join(fields)}",
                reader.where(top, left, fields[0]),
                "unmerge it: each field has its own column",
            )
        elif top == 0 and bottom > 0 and fields:
            reader.fail(
                f"the merged range {span} joins the header with data rows",
                reader.where(top, left, fields[0]),
                "unmerge it: the first row holds only the column names",
            )


def _apply_row(
    reader: _Reader,
    row_index: int,
    cells: dict[str, tuple[int, Cell]],
    index: int,
    figure: dict[str, Any],
    locate: ContentLocator,
) -> None:
    figure_id = figure.get("id")
    values: dict[str, Any] = {}
    for name, (column, cell) in cells.items():
        if name == "id":
            continue
        location = reader.where(row_index, column, name)
        if cell.formula is not None and not cell.stored:
            reader.fail(
                f"the cell holds the formula {cell.formula} but no stored result",
                location,
                _OPEN_AND_SAVE,
            )
            continue
        if isinstance(cell.value, str) and cell.value.strip().upper() in _ERROR_VALUES:
            reader.fail(
                f"the cell shows the error {cell.value.strip()}"
                + (f" (its formula {cell.formula})" if cell.formula else ""),
                location,
                "correct the formula or type the value",
            )
            continue
        if cell.empty or (cell.formula is not None and cell.value in (None, "")):
            kept = figure.get(name)
            if kept is not None or name == "value":
                yaml_at = locate.yaml(("figures", index, name))
                reader.outcome.notes.append(
                    Problem(
                        f"figures[{index}] ({figure_id}).{name}: the cell is empty; the YAML "
                        f"value {_shown(kept)} is kept" + (f" ({yaml_at})" if yaml_at.file else ""),
                        location,
                        severity="note",
                    )
                )
            continue
        try:
            values[name] = _convert(reader, name, cell, location)
        except ValueRefused as refusal:
            reader.fail(refusal.message, location, refusal.hint)
            continue
        locate.record_cell(("figures", index, name), location)
    shown = values.get("value")
    if isinstance(shown, Shown):
        values["value"] = _percent_unit(
            reader, shown, values, cells, row_index, (figure, index), locate
        )
        if values["value"] is not _MISSING:
            # printed as shown: 6 under 0.0 is 6.0, whatever decimals the YAML gave
            values["decimals"] = shown.decimals
            locate.record_cell(("figures", index, "decimals"), locate(("figures", index, "value")))
    for name, value in values.items():
        if value is _MISSING:
            continue
        if name in _CLEARABLE and value is None:
            if _CLEARABLE[name] is None:
                figure.pop(name, None)
            else:
                figure[name] = _CLEARABLE[name]
            continue
        figure[name] = value


_MISSING = object()


def _shown(value: Any) -> str:
    return "(none)" if value is None else repr(value) if isinstance(value, str) else str(value)


def _convert(reader: _Reader, name: str, cell: Cell, location: Location) -> Any:
    value = cell.value
    if name == "value":
        if isinstance(value, bool):
            raise ValueRefused(
                f"expected a number, got {str(value).upper()}", "write the figure's number"
            )
        if isinstance(value, (dt.date, dt.time, dt.timedelta)):
            raise ValueRefused(
                "the cell holds a date or time, not a number",
                "format the cell as 常规 (General) or 数值 (Number) and type the number",
            )
        if isinstance(value, (int, float)):
            return shown_number(value, cell.number_format)
        return text_number(reader.text(cell, location, name))
    if name == "as_of":
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            raise ValueRefused(
                f"expected a date, got the number {value}",
                "format the cell as a date (日期), or type it as 2020-04-30",
            )
        text = reader.text(cell, location, name)
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise ValueRefused(
                f"expected a date written as YYYY-MM-DD, got '{text}'",
                "type the date as 2020-04-30, or format the cell as a date",
            ) from None
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueRefused(f"the cell holds {value!r}", "type the text")
    text = reader.text(cell, location, name)
    if name in _CLEARABLE and text in NONE_WORDS:
        return None
    if name == "qualifier":
        allowed = PREFIX_QUALIFIERS + SUFFIX_QUALIFIERS
        if text not in allowed:
            raise ValueRefused(
                f"qualifier '{text}' is not one of {'、'.join(allowed)}",
                f"leave the cell empty to keep the YAML qualifier, or write {NONE_WORDS[0]} "
                "for none",
            )
    return text


def _percent_unit(
    reader: _Reader,
    shown: Shown,
    values: dict[str, Any],
    cells: dict[str, tuple[int, Cell]],
    row: int,
    target: tuple[dict[str, Any], int],
    locate: ContentLocator,
) -> Any:
    """A percentage cell means the unit %: refused when the figure's unit says otherwise.
    A format that adds text (0"家") must add the figure's unit or nothing."""
    figure, index = target
    column, _ = cells["value"]
    location = reader.where(row, column, "value")
    if "unit" in values:
        unit, unit_at = values["unit"], reader.where(row, cells["unit"][0], "unit")
    else:
        unit, unit_at = figure.get("unit", ""), locate.yaml(("figures", index, "unit"))
    shown_text = f"{shown.value}%" if shown.percent else str(shown.value)
    if shown.percent and unit != "%":
        reader.fail(
            f"the cell is formatted as a percentage (it shows {shown_text}), but the figure's "
            f"unit is {unit!r} ({unit_at})",
            location,
            "format the cell as a number (数值) if the value is not a percentage, or set the "
            "unit to %",
        )
        return _MISSING
    if shown.literal and shown.literal != unit:
        reader.fail(
            f"the cell's number format adds the text {shown.literal!r}, but the figure's unit "
            f"is {unit!r} ({unit_at})",
            location,
            "remove the text from the number format (设置单元格格式 → 数值) and put the unit "
            "in the unit column",
        )
        return _MISSING
    return shown.number()
