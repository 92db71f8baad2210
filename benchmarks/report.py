"""Machine description, target checks and the printed table of a benchmark run."""

from __future__ import annotations

import os
import platform
from importlib import metadata
from pathlib import Path
from typing import Any

MB = 1024 * 1024
LIBRARIES = ("reportlab", "matplotlib", "python-docx", "fonttools", "pydantic")


def machine_info() -> dict[str, Any]:
    cpu = "unknown"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        for line in cpuinfo.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    versions = {}
    for name in LIBRARIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    try:
        versions["rl_accel"] = metadata.version("rl_accel")
    except metadata.PackageNotFoundError:
        versions["rl_accel"] = None
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "python": platform.python_version(),
        "libraries": versions,
    }


def _target(name: str, value: float | None, limit: float, unit: str) -> dict[str, Any]:
    return {
        "target": name,
        "value": value,
        "limit": limit,
        "unit": unit,
        "met": None if value is None else value <= limit,
    }


def check_targets(result: dict[str, Any]) -> list[dict[str, Any]]:
    default = result["default"]
    cold = default["cold"]["wall_s"]
    warm = default["warm_cache"]["wall_s"]
    skip = default["if_changed"]["wall_s"]
    libreoffice = result.get("libreoffice", {}).get("convert", {}).get("wall_s")
    targets = [
        _target("cold build / LibreOffice DOCX→PDF", _ratio(cold, libreoffice), 1.0, "×"),
        _target("warm-cache build / LibreOffice DOCX→PDF", _ratio(warm, libreoffice), 0.5, "×"),
        _target("--if-changed, nothing changed", skip, 0.3, "s"),
        _target("--if-changed / cold build", skip / cold, 0.15, "×"),
        _target("peak memory, default build", default["cold"]["max_rss_mb"], 250.0, "MB"),
        _target("PDF size, fonts embedded", default["sizes_bytes"]["briefing.pdf"] / MB, 1.5, "MB"),
        _target(
            "outputs byte-identical across runs",
            0.0 if default["byte_identical_across_runs"] else 1.0,
            0.0,
            "differences",
        ),
    ]
    fifty = result.get("scale", {}).get("50")
    if fifty is not None:
        build = fifty["build"]
        targets.append(
            _target("50× content time / default build time", build["wall_s"] / cold, 50.0, "×")
        )
        targets.append(_target("50× content peak memory", build["max_rss_mb"], 1024.0, "MB"))
    return targets


def _ratio(value: float, reference: float | None) -> float | None:
    return None if reference is None else value / reference


def print_report(result: dict[str, Any]) -> None:
    machine = result["machine"]
    print(f"machine: {machine['nproc']} cores, {machine['cpu']}, Python {machine['python']}")
    print(
        f"load average before {_load(result['load_before'])}, after "
        f"{_load(result.get('load_after', result['load_before']))}"
    )
    default = result["default"]
    rows = [
        ("cold build (no caches)", default["cold"]),
        ("warm chart/font cache", default["warm_cache"]),
        ("--if-changed, nothing changed", default["if_changed"]),
        ("(python -c pass: interpreter start)", default["python_start"]),
    ]
    if "wall_s" in result.get("figure_edit", {}):
        rows.insert(2, ("after one figure edit (2 charts redrawn)", result["figure_edit"]))
    libreoffice = result.get("libreoffice", {})
    if "convert" in libreoffice:
        rows.append(("LibreOffice DOCX→PDF (warm profile)", libreoffice["convert"]))
    print(f"\n{'measure':<40}{'wall med':>10}{'min':>8}{'max':>8}{'cpu med':>10}{'peak RSS':>10}")
    for name, summary in rows:
        print(
            f"{name:<40}{summary['wall_s']:>9.3f}s{summary['wall_min_s']:>7.2f}s"
            f"{summary['wall_max_s']:>7.2f}s{summary['cpu_s']:>9.3f}s"
            f"{summary['max_rss_mb']:>8.0f}MB"
        )
    if "skipped" in libreoffice:
        print(f"LibreOffice: skipped — {libreoffice['skipped']}")
    sizes = default["sizes_bytes"]
    print(
        f"\noutputs: PDF {sizes['briefing.pdf'] / MB:.2f} MB, DOCX {sizes['briefing.docx'] / MB:.2f}"
        f" MB, charts {sizes['charts'] / MB:.2f} MB, cache {sizes['cache'] / MB:.2f} MB; "
        f"byte-identical across runs: {default['byte_identical_across_runs']}"
    )
    if "pdf_bytes" in libreoffice:
        print(f"LibreOffice's PDF of our DOCX: {libreoffice['pdf_bytes'] / MB:.2f} MB")
    scale = result.get("scale")
    if scale:
        print(
            f"\n{'content':<9}{'sections':>9}{'figures':>8}{'charts':>8}{'placed':>7}{'wall':>9}"
            f"{'cpu':>9}{'peak RSS':>10}{'time/unit vs 1×':>17}{'RSS vs 1×':>11}{'PDF':>9}"
        )
        for factor, entry in scale.items():
            build = entry["build"]
            per_unit = entry.get("time_per_unit_vs_1x")
            content = entry["content"]
            rss = entry.get("rss_vs_1x")
            print(
                f"{factor + '×':<9}{content['sections']:>9}{content['figures']:>8}"
                f"{content['charts']:>8}{content['chart_placements']:>7}"
                f"{build['wall_s']:>8.2f}s{build['cpu_s']:>8.2f}s{build['max_rss_mb']:>8.0f}MB"
                f"{'' if per_unit is None else f'{per_unit:.2f}':>17}"
                f"{'' if rss is None else f'{rss:.2f}':>11}{entry['pdf_bytes'] / MB:>7.2f}MB"
            )
    print(f"\n{'target':<46}{'value':>10}{'limit':>10}  met")
    for target in result["targets"]:
        value = "n/a" if target["value"] is None else f"{target['value']:.3f}"
        met = {True: "yes", False: "NO", None: "skipped"}[target["met"]]
        print(f"{target['target']:<46}{value:>10}{target['limit']:>9}{target['unit']:<3} {met}")


def _load(values: Any) -> str:
    return " ".join(f"{value:.2f}" for value in values)
