"""Spreadsheets made the ordinary ways, for the sheet tests.

- openpyxl, as a script writes them: formulas without stored results, number formats,
  merged cells;
- ``store_results``: a formula's result stored the way Excel and WPS store it
  (``<c><f>…</f><v>result</v></c>`` in the sheet XML), which openpyxl cannot write;
- ``resave_with_libreoffice``: opened and saved by LibreOffice Calc headless, which computes
  and stores every result;
- ``shown_by_libreoffice``: each cell as LibreOffice shows it (CSV "as shown"), an oracle
  independent of our reader.
"""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
from prerequisites import require_tool


def make_workbook(
    rows: list[list[Any]],
    formats: dict[str, str] | None = None,
    merges: list[str] = (),  # type: ignore[assignment]
    title: str = "指标",
) -> openpyxl.Workbook:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    for cell, number_format in (formats or {}).items():
        sheet[cell].number_format = number_format
    for span in merges:
        sheet.merge_cells(span)
    return workbook


def save_workbook(rows: list[list[Any]], path: Path, **options: Any) -> Path:
    make_workbook(rows, **options).save(path)
    return path


def store_results(path: Path, results: dict[str, Any]) -> None:
    """Write each formula cell's result into the sheet XML, as Excel and WPS save it."""
    member = "xl/worksheets/sheet1.xml"
    with zipfile.ZipFile(path) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    xml = parts[member].decode("utf-8")
    for cell, result in results.items():
        pattern = re.compile(rf'<c r="{cell}"([^>]*)>(<f>.*?</f>)(<v>.*?</v>|<v\s*/>)?</c>')
        match = pattern.search(xml)
        assert match, f"no formula cell {cell} in {path}"
        attributes = re.sub(r'\s*t="[^"]*"', "", match.group(1))
        kind = ' t="str"' if isinstance(result, str) else ""
        xml = xml.replace(
            match.group(0), f'<c r="{cell}"{attributes}{kind}>{match.group(2)}<v>{result}</v></c>'
        )
    parts[member] = xml.encode("utf-8")
    _rewrite(path, parts)


def set_raw_number(path: Path, cell: str, raw: str) -> None:
    """A numeric cell whose stored text is ``raw`` (NaN, INF): what other writers emit."""
    member = "xl/worksheets/sheet1.xml"
    with zipfile.ZipFile(path) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    xml = parts[member].decode("utf-8")
    pattern = re.compile(rf'<c r="{cell}"([^>]*)>.*?</c>')
    assert pattern.search(xml), cell
    xml = pattern.sub(f'<c r="{cell}" t="n"><v>{raw}</v></c>', xml, count=1)
    parts[member] = xml.encode("utf-8")
    _rewrite(path, parts)


def _rewrite(path: Path, parts: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data)


def _soffice() -> str:
    # Calc (libreoffice-calc-nogui, installed by GJZ_SETUP_TESTS=1 scripts/setup) opens
    # workbooks; without it soffice says "source file could not be loaded" (the assert below).
    return require_tool("soffice")


def _convert(path: Path, target: str, folder: Path) -> Path:
    with tempfile.TemporaryDirectory() as profile:
        result = subprocess.run(
            [
                _soffice(),
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                target,
                "--outdir",
                str(folder),
                str(path),
            ],
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
    suffix = target.split(":", 1)[0]
    converted = folder / f"{path.stem}.{suffix}"
    assert converted.is_file(), (
        "LibreOffice could not convert the workbook; Calc comes with the Debian package "
        f"libreoffice-calc-nogui (GJZ_SETUP_TESTS=1 scripts/setup): {result.stderr}"
    )
    return converted


def resave_with_libreoffice(path: Path) -> Path:
    """Open ``path`` in LibreOffice Calc and save it as XLSX (results computed and stored)."""
    with tempfile.TemporaryDirectory() as folder:
        converted = _convert(path, "xlsx", Path(folder))
        shutil.copyfile(converted, path)
    return path


# CSV export options: comma, double quote, UTF-8, from line 1, standard cell format,
# language default, quoted text, detect numbers, **save cell contents as shown**.
_AS_SHOWN = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true"


def shown_by_libreoffice(path: Path) -> list[list[str]]:
    """Every cell of the first sheet as LibreOffice Calc shows it."""
    with tempfile.TemporaryDirectory() as folder:
        converted = _convert(path, _AS_SHOWN, Path(folder))
        with converted.open(encoding="utf-8", newline="") as handle:
            return list(csv.reader(handle))
