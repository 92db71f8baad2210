"""Load the content of a workspace (or the built-in content) into a validated ``Plan``."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gjz_brief.content.files import BUILTIN_CONTENT, CONTENT_SUFFIXES, content_files
from gjz_brief.content.limits import MAX_TOTAL_BYTES
from gjz_brief.content.locator import ContentLocator
from gjz_brief.content.model import Plan
from gjz_brief.content.punctuation import normalize_punctuation
from gjz_brief.content.sheet import apply_sheet
from gjz_brief.content.validate import validate_plan
from gjz_brief.content.yaml_source import (
    NodeBudget,
    YamlDocument,
    YamlProblems,
    load_yaml_file,
    parse_yaml,
)
from gjz_brief.errors import ContentError, Location, Problem

# Re-exported: where content lives and which files count (content/files.py).
__all__ = ["BUILTIN_CONTENT", "CONTENT_SUFFIXES", "LoadedContent", "content_files", "load_content"]


@dataclass
class LoadedContent:
    plan: Plan
    files: list[Path]
    locate: ContentLocator  # field path → where it came from (YAML line or sheet cell)
    warnings: list[Problem] = field(default_factory=list)
    # Informational (``validate`` lists them): a sheet's empty cells that keep YAML values.
    notes: list[Problem] = field(default_factory=list)


def _check_total_size(files: list[Path], folder: Path) -> None:
    total = 0
    for path in files:
        with contextlib.suppress(OSError):  # an unreadable file is reported when it is read
            total += path.stat().st_size
    if total > MAX_TOTAL_BYTES:
        raise ContentError(
            [
                Problem(
                    f"the content files hold {total} bytes together, more than the limit of "
                    f"{MAX_TOTAL_BYTES} bytes",
                    Location(str(folder)),
                    "split the content into several briefings, or shorten it",
                )
            ]
        )


def _normalize(value: Any) -> Any:
    if isinstance(value, str):
        return normalize_punctuation(value)
    if isinstance(value, dict):
        return {key: _normalize(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_normalize(item) for item in value]
    return value


def merge_documents(
    documents: list[YamlDocument],
) -> tuple[dict[str, Any], dict[str, YamlDocument], list[Problem]]:
    """Each top-level key comes from exactly one file."""
    merged: dict[str, Any] = {}
    owners: dict[str, YamlDocument] = {}
    problems: list[Problem] = []
    for document in documents:
        if document.data is None:
            continue
        if not isinstance(document.data, dict):
            problems.append(
                Problem(
                    "a content file must be a mapping of sections (e.g. 'figures:' at the top)",
                    document.locate(()),
                    "start the file with a key such as 'figures:'",
                )
            )
            continue
        for key, value in document.data.items():
            if key in owners:
                problems.append(
                    Problem(
                        f"'{key}' is defined in two files (also in {owners[key].file})",
                        document.locate((key,)),
                        "keep each top-level section in one file",
                    )
                )
                continue
            owners[key] = document
            merged[key] = value
    return merged, owners, problems


def written_decimals(merged: dict[str, Any], owners: Mapping[str, YamlDocument]) -> None:
    """Give each figure (and target) whose value was written with a point the decimals it
    was written with, unless ``decimals`` is given: ``value: 6.0`` prints 6.0, not 6.
    (A sheet's cell then replaces both with what it shows: sheet.py.)"""
    figures, document = merged.get("figures"), owners.get("figures")
    if not isinstance(figures, list) or document is None:
        return
    for index, figure in enumerate(figures):
        if not isinstance(figure, dict):
            continue
        for path, entry in (
            (("figures", index), figure),
            (("figures", index, "target"), figure.get("target")),
        ):
            places = document.decimals.get((*path, "value"))
            if isinstance(entry, dict) and places is not None and "decimals" not in entry:
                entry["decimals"] = places


def load_content(
    folder: Path | None = None,
    *,
    display_root: Path | None = None,
    today: dt.date | None = None,
    sheet: Path | None = None,
    overrides: Mapping[Path, str] | None = None,
) -> LoadedContent:
    """Load and validate every YAML file of ``folder`` (default: the built-in content).

    ``display_root`` is the workspace: paths in messages are relative to it, and a content
    file (e.g. a symbolic link) that resolves outside it is refused.
    ``overrides``: a file's text to use instead of what is on disk (``absorb`` validates
    the content it would write before writing it).
    Raises ContentError with every problem found, sorted by file and line.
    """
    folder = folder or BUILTIN_CONTENT
    files = content_files(folder)
    _check_total_size(files, folder)
    budget = NodeBudget()
    documents: list[YamlDocument] = []
    problems: list[Problem] = []
    for path in files:
        if display_root is not None and not _inside(path, display_root):
            problems.append(
                Problem(
                    f"the content file links to {path.resolve()}, outside the workspace",
                    Location(os.path.relpath(path.absolute(), display_root.absolute())),
                    "copy the file into the workspace instead of linking to it",
                )
            )
            continue
        try:
            display = _display(path, display_root)
            if overrides is not None and path in overrides:
                documents.append(parse_yaml(overrides[path], display, budget))
            else:
                documents.append(load_yaml_file(path, display, budget))
        except YamlProblems as error:
            problems.extend(error.problems)
            if budget.remaining < 0:
                break  # every later file would report the same exhausted budget
    merged, owners, merge_problems = merge_documents(documents)
    problems += merge_problems
    warnings = [warning for document in documents for warning in document.warnings]
    notes: list[Problem] = []
    locate = ContentLocator(owners, _display(folder, display_root))
    written_decimals(merged, owners)
    if sheet is not None and not problems:
        figures = merged.get("figures")
        if isinstance(figures, list):
            outcome = apply_sheet(figures, sheet, _display(sheet, display_root), locate)
            problems += outcome.problems
            warnings += outcome.warnings
            notes += outcome.notes
    if problems:
        raise ContentError(problems)
    merged = _normalize(merged)
    plan, found = validate_plan(merged, locate, today or dt.date.today())
    errors = [p for p in found if p.severity == "error"]
    if plan is None or errors:
        raise ContentError(found)
    warnings = sorted(warnings + found, key=lambda p: p.location.sort_key())
    notes.sort(key=lambda p: p.location.sort_key())
    return LoadedContent(plan, files, locate, warnings, notes)


def _inside(path: Path, root: Path) -> bool:
    resolved, base = path.resolve(), root.resolve()
    return resolved == base or base in resolved.parents


def _display(path: Path, root: Path | None) -> str:
    """Paths in messages are relative to the workspace when possible."""
    if root is not None:
        try:
            return str(path.resolve().relative_to(root.resolve()))
        except ValueError:
            pass
    return str(path)
