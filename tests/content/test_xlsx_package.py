"""A workbook's package is checked for sizes before openpyxl inflates it."""

from __future__ import annotations

import zipfile

from gjz_brief.content import xlsx_package
from gjz_brief.content.xlsx_package import xlsx_package_problem
from gjz_brief.ziplimits import ZipLimits


def test_a_small_package_is_fine_and_a_missing_one_is_for_the_reader(tmp_path):
    path = tmp_path / "s.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    assert xlsx_package_problem(path, "s.xlsx") is None
    assert xlsx_package_problem(tmp_path / "none.xlsx", "none.xlsx") is None


def test_a_part_over_the_limit_is_named(tmp_path, monkeypatch):
    monkeypatch.setattr(xlsx_package, "XLSX_LIMITS", ZipLimits(parts=10, part_bytes=100,
                                                                total_bytes=1000))  # fmt: skip
    path = tmp_path / "s.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/sharedStrings.xml", "x" * 5000)
    problem = xlsx_package_problem(path, "s.xlsx")
    assert problem is not None and "xl/sharedStrings.xml" in problem.message
    assert problem.location.file == "s.xlsx"
