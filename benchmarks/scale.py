"""Workspaces whose content is N times the built-in one, for the scale benchmark.

Copy k (k = 1 … N-1) of every figure, section, chart and table gets new ids (suffix ``_x<k>``)
and references rewritten to the copies, so the content stays valid: the document then has N
times the sections, paragraphs, tables and figures. Charts are copied too (each copy drawn
separately, since the chart cache keys on the chart's id and data) up to the content limit
MAX_CHARTS (100, gjz_brief.content.limits); beyond it, sections place earlier copies again,
so the document still has N times the figure blocks. Everything else (meta, vision,
milestones, frameworks, projects) is kept once.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import yaml

MAX_CHARTS = 100  # gjz_brief.content.limits.MAX_CHARTS
REFERENCE = re.compile(r"\{\{([a-z][a-z0-9_]*)((?::[a-z_]+)?)\}\}")
CONFIG = "content: content\ntemplate: full\nout: out\n"


def _copy_id(identifier: str, copy: int) -> str:
    return identifier if copy == 0 else f"{identifier}_x{copy}"


def _rewrite_text(text: str, copy: int, figure_ids: set[str]) -> str:
    def replace(match: re.Match[str]) -> str:
        name, suffix = match.group(1), match.group(2)
        if name not in figure_ids:
            return match.group(0)
        return "{{" + _copy_id(name, copy) + suffix + "}}"

    return REFERENCE.sub(replace, text)


def _load(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _dump(path: Path, data: dict[str, Any]) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _replicate_figures(figures: list[dict[str, Any]], factor: int) -> list[dict[str, Any]]:
    copies = []
    for copy in range(factor):
        for figure in figures:
            copies.append({**figure, "id": _copy_id(figure["id"], copy)})
    return copies


def _replicate_specs(
    specs: list[dict[str, Any]], copies_wanted: int, figure_ids: set[str]
) -> list[dict[str, Any]]:
    copies = []
    for copy in range(copies_wanted):
        for spec in specs:
            item = {**spec, "id": _copy_id(spec["id"], copy)}
            if "figures" in item:
                item["figures"] = [_copy_id(f, copy) for f in item["figures"] if f in figure_ids]
            copies.append(item)
    return copies


def _replicate_sections(
    sections: list[dict[str, Any]], factor: int, figure_ids: set[str], chart_copies: int
) -> list[dict[str, Any]]:
    copies = []
    for copy in range(factor):
        for section in sections:
            item = {**section, "id": _copy_id(section["id"], copy)}
            if copy:
                item["title"] = f"{section['title']}（{copy + 1}）"
            item["paragraphs"] = [
                _rewrite_text(text, copy, figure_ids) for text in section.get("paragraphs", [])
            ]
            item["charts"] = [_copy_id(c, copy % chart_copies) for c in section.get("charts", [])]
            item["tables"] = [_copy_id(t, copy) for t in section.get("tables", [])]
            copies.append(item)
    return copies


def make_workspace(builtin_content: Path, root: Path, factor: int) -> Path:
    """Write a workspace under ``root`` whose content is ``factor`` × the built-in content."""
    if factor < 1:
        raise ValueError("the scale factor must be at least 1")
    if root.exists():
        shutil.rmtree(root)
    content = root / "content"
    content.mkdir(parents=True)
    (root / "gjz-brief.yaml").write_text(CONFIG, encoding="utf-8")
    for source in sorted(builtin_content.glob("*.yaml")):
        shutil.copyfile(source, content / source.name)
    if factor == 1:
        return root

    figures_data = _load(content / "figures.yaml")
    figure_ids = {figure["id"] for figure in figures_data["figures"]}
    figures_data["figures"] = _replicate_figures(figures_data["figures"], factor)
    _dump(content / "figures.yaml", figures_data)

    charts_data = _load(content / "charts.yaml")
    chart_copies = min(factor, max(1, MAX_CHARTS // max(1, len(charts_data.get("charts", [])))))
    charts_data["charts"] = _replicate_specs(
        charts_data.get("charts", []), chart_copies, figure_ids
    )
    charts_data["tables"] = _replicate_specs(charts_data.get("tables", []), factor, figure_ids)
    _dump(content / "charts.yaml", charts_data)

    narrative = _load(content / "narrative.yaml")
    narrative["sections"] = _replicate_sections(
        narrative["sections"], factor, figure_ids, chart_copies
    )
    _dump(content / "narrative.yaml", narrative)
    return root


def content_counts(root: Path) -> dict[str, int]:
    """Sections, paragraphs, figures, charts and tables of a generated workspace."""
    content = root / "content"
    figures = _load(content / "figures.yaml")["figures"]
    charts = _load(content / "charts.yaml")
    sections = _load(content / "narrative.yaml")["sections"]
    return {
        "sections": len(sections),
        "paragraphs": sum(len(s.get("paragraphs", [])) for s in sections),
        "figures": len(figures),
        "charts": len(charts.get("charts", [])),
        "chart_placements": sum(len(s.get("charts", [])) for s in sections),
        "tables": len(charts.get("tables", [])),
    }
