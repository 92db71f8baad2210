"""Benchmark the default build against LibreOffice converting our own DOCX to PDF.

Usage (from the repository root):  python benchmarks/run.py [--runs 5] [--scale 1,10,50]

Every measured build is a fresh process (`python -m gjz_brief build ...`), timed from spawn to
exit; CPU time and peak memory come from ``os.wait4`` on that child. Writes the results to
benchmarks/results/latest.json and prints ratios checked against the targets of issue 7.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import Sample, file_digest, folder_size, load_average, run_once, summarise  # noqa: E402
from report import check_targets, machine_info, print_report  # noqa: E402
from scale import content_counts, make_workspace  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
SRC = REPO / "src"
RESULTS = REPO / "benchmarks" / "results" / "latest.json"
BUILTIN_CONTENT = SRC / "gjz_brief" / "builtin" / "content"
OUTPUT_NAMES = ("briefing.pdf", "briefing.docx")


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
    env.pop("SOURCE_DATE_EPOCH", None)
    return env


def build_argv(out: Path, *extra: str, workspace: Path | None = None) -> list[str]:
    argv = [sys.executable, "-m", "gjz_brief", "build", "--out", str(out), *extra]
    if workspace is not None:
        argv += ["--workspace", str(workspace)]
    return argv


def checked(sample: Sample, what: str, log: Path) -> Sample:
    if sample.exit_code != 0:
        tail = log.read_text(encoding="utf-8", errors="replace")[-2000:] if log.exists() else ""
        raise SystemExit(f"benchmark: {what} failed with exit {sample.exit_code}\n{tail}")
    return sample


def output_digests(out: Path) -> dict[str, str]:
    files = [out / name for name in OUTPUT_NAMES]
    files += sorted((out / "charts").iterdir()) if (out / "charts").is_dir() else []
    return {str(path.relative_to(out)): file_digest(path) for path in files}


def output_sizes(out: Path) -> dict[str, int]:
    sizes = {name: (out / name).stat().st_size for name in OUTPUT_NAMES}
    sizes["charts"] = folder_size(out / "charts")
    sizes["cache"] = folder_size(out / ".cache")
    return sizes


def bench_default(work: Path, runs: int, env: dict[str, str]) -> dict[str, Any]:
    log = work / "build.log"
    cold: list[Sample] = []
    digests: list[dict[str, str]] = []
    for run in range(runs):
        out = work / f"cold-{run}"  # a new folder: no outputs, no .cache
        cold.append(checked(run_once(build_argv(out, "-q"), env, work, log), "cold build", log))
        digests.append(output_digests(out))
    sizes = output_sizes(work / "cold-0")

    warm_out = work / "warm"
    checked(run_once(build_argv(warm_out, "-q"), env, work, log), "priming build", log)
    warm = []
    for _ in range(runs):
        # Outputs gone, .cache kept: charts and fonts come from it. The outputs are links
        # into the published set (.sets/, see output/publish.py): both go.
        for name in (*OUTPUT_NAMES, "charts"):
            path = warm_out / name
            if path.is_symlink() or path.is_file():
                path.unlink()
            elif path.is_dir():
                shutil.rmtree(path)
        shutil.rmtree(warm_out / ".sets", ignore_errors=True)
        warm.append(checked(run_once(build_argv(warm_out, "-q"), env, work, log), "warm", log))
        digests.append(output_digests(warm_out))

    # What any Python command costs on this machine, for reading the --if-changed figure.
    bare = [run_once([sys.executable, "-c", "pass"], env, work) for _ in range(runs)]

    pdf_before = (warm_out / "briefing.pdf").stat().st_mtime_ns
    skip = [
        checked(run_once(build_argv(warm_out, "--if-changed", "-q"), env, work, log), "skip", log)
        for _ in range(runs)
    ]
    return {
        "cold": summarise(cold).as_dict(),
        "warm_cache": summarise(warm).as_dict(),
        "if_changed": summarise(skip).as_dict(),
        "python_start": summarise(bare).as_dict(),
        "if_changed_wrote_nothing": (warm_out / "briefing.pdf").stat().st_mtime_ns == pdf_before,
        "byte_identical_across_runs": all(d == digests[0] for d in digests),
        "sizes_bytes": sizes,
        "docx_for_libreoffice": str(work / "cold-0" / "briefing.docx"),
    }


def bench_figure_edit(work: Path, runs: int, env: dict[str, str]) -> dict[str, Any]:
    """A rebuild after one figure value changed: charts drawing it are redrawn, fonts cached."""
    log = work / "edit.log"
    workspace = make_workspace(BUILTIN_CONTENT, work / "edit-ws", 1)
    out = work / "edit-out"
    checked(run_once(build_argv(out, "-q", workspace=workspace), env, work, log), "edit", log)
    figures = workspace / "content" / "figures.yaml"
    original = figures.read_text(encoding="utf-8")
    if "value: 288\n" not in original:
        return {"skipped": "the built-in figure 288 (industrial_enterprises) was not found"}
    samples = []
    for run in range(runs):
        figures.write_text(original.replace("value: 288\n", f"value: {300 + run}\n"), "utf-8")
        argv = build_argv(out, "-q", workspace=workspace)
        samples.append(checked(run_once(argv, env, work, log), "edit", log))
    return summarise(samples).as_dict()


def bench_libreoffice(work: Path, docx: Path, runs: int, env: dict[str, str]) -> dict[str, Any]:
    soffice = shutil.which("soffice", path=env.get("PATH"))
    if soffice is None:
        return {"skipped": "soffice is not installed (apt-get install libreoffice-writer-nogui)"}
    profile = work / "lo-profile"
    log = work / "soffice.log"

    def convert(target: Path) -> Sample:
        argv = [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(target),
            str(docx),
        ]
        sample = checked(run_once(argv, env, work, log), "soffice", log)
        if not (target / "briefing.pdf").is_file():
            raise SystemExit(f"benchmark: soffice wrote no PDF; see {log}")
        return sample

    # The first conversion creates the profile (a user's LibreOffice has one already): it is
    # reported apart and not used for the ratios.
    first = convert(work / "lo-first")
    samples = [convert(work / f"lo-{run}") for run in range(runs)]
    return {
        "command": "soffice -env:UserInstallation=<pre-created profile> --headless "
        "--convert-to pdf briefing.docx",
        "first_run_creating_profile": first.__dict__,
        "convert": summarise(samples).as_dict(),
        "pdf_bytes": (work / "lo-0" / "briefing.pdf").stat().st_size,
    }


def bench_scale(work: Path, factors: list[int], runs: int, env: dict[str, str]) -> dict[str, Any]:
    log = work / "scale.log"
    results: dict[str, Any] = {}
    for factor in factors:
        workspace = make_workspace(BUILTIN_CONTENT, work / f"scale-{factor}", factor)
        samples = []
        for run in range(runs):
            out = work / f"scale-{factor}-out-{run}"
            argv = build_argv(out, "-q", workspace=workspace)
            samples.append(checked(run_once(argv, env, work, log), f"{factor}x build", log))
        results[str(factor)] = {
            "content": content_counts(workspace),
            "build": summarise(samples).as_dict(),
            "pdf_bytes": (out / "briefing.pdf").stat().st_size,
            "docx_bytes": (out / "briefing.docx").stat().st_size,
        }
        shutil.rmtree(work / f"scale-{factor}-out-0", ignore_errors=True)
    base = results.get("1")
    if base is not None:
        for factor, entry in results.items():
            units = int(factor)
            entry["time_per_unit_vs_1x"] = entry["build"]["wall_s"] / (
                units * base["build"]["wall_s"]
            )
            entry["cpu_per_unit_vs_1x"] = entry["build"]["cpu_s"] / (units * base["build"]["cpu_s"])
            entry["rss_vs_1x"] = entry["build"]["max_rss_mb"] / base["build"]["max_rss_mb"]
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per measure (median)")
    parser.add_argument("--scale", default="1,10,50", help="content factors, or '' for none")
    parser.add_argument("--scale-runs", type=int, default=1, help="runs per scale factor")
    parser.add_argument("--no-libreoffice", action="store_true")
    parser.add_argument("--json", type=Path, default=RESULTS, help="where to write the results")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()

    env = child_env()
    work = Path(tempfile.mkdtemp(prefix="gjz-bench-"))
    result: dict[str, Any] = {
        "machine": machine_info(),
        "python": sys.executable,
        "platform": platform.platform(),
        "load_before": load_average(),
    }
    try:
        print(f"benchmark: {args.runs} runs per measure in {work}", file=sys.stderr)
        result["default"] = bench_default(work, args.runs, env)
        result["figure_edit"] = bench_figure_edit(work, args.runs, env)
        docx = Path(result["default"]["docx_for_libreoffice"])
        if not args.no_libreoffice:
            result["libreoffice"] = bench_libreoffice(work, docx, args.runs, env)
        factors = [int(f) for f in args.scale.split(",") if f.strip()]
        if factors:
            result["scale"] = bench_scale(work, factors, args.scale_runs, env)
        result["load_after"] = load_average()
        result["targets"] = check_targets(result)
    finally:
        if args.keep:
            print(f"benchmark: kept {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print_report(result)
    print(f"\nresults written to {args.json}")
    return 0 if all(t["met"] for t in result["targets"] if t["met"] is not None) else 1


if __name__ == "__main__":
    sys.exit(main())
