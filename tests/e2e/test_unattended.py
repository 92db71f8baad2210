"""Unattended regeneration: reproducible, skip-if-unchanged, atomic, locked, edit-preserving."""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cli_support import SRC, run_cli
from pypdf import PdfReader

OUTPUTS = ("briefing.pdf", "briefing.docx")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def output_hashes(out: Path) -> dict[str, str]:
    files = [*OUTPUTS, *(str(p.relative_to(out)) for p in sorted((out / "charts").iterdir()))]
    return {name: digest(out / name) for name in files}


def test_two_builds_are_byte_identical_across_processes_and_folders(built, tmp_path):
    other = tmp_path / "second"
    result = run_cli("build", "--out", str(other), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert output_hashes(built) == output_hashes(other)


def test_source_date_epoch_sets_the_printed_date(tmp_path):
    out = tmp_path / "out"
    env = dict(os.environ, SOURCE_DATE_EPOCH="1590969600")  # 2020-06-01
    result = run_cli("build", "--format", "pdf", "--out", str(out), env=env)
    assert result.returncode == 0, result.stderr
    text = "".join(p.extract_text() for p in PdfReader(out / "briefing.pdf").pages[:1])
    assert "2020年6月1日" in text.replace(" ", "")


def test_manifest_records_inputs_outputs_and_figures(built):
    manifest = json.loads((built / "manifest.json").read_text(encoding="utf-8"))
    assert any(name.startswith("content/") for name in manifest["inputs"])
    assert any(name.startswith("template/") for name in manifest["inputs"])
    assert any(name.startswith("font:") for name in manifest["inputs"])
    assert manifest["versions"]["reportlab"]
    for name in OUTPUTS:
        record = manifest["outputs"][name]
        assert record["sha256"] == digest(built / name)
        assert record["size"] == (built / name).stat().st_size
    assert manifest["figures"]["world_500_enterprises"]["text"] == "50余家"


IMPORT_PROBE = """
import sys
from gjz_brief.cli import main
code = main(sys.argv[1:])
heavy = sorted(m for m in ("matplotlib", "reportlab", "docx") if m in sys.modules)
print("HEAVY=" + ",".join(heavy))
sys.exit(code)
"""


def test_if_changed_skips_without_importing_renderers(built):
    env = dict(os.environ, PYTHONPATH=str(SRC))
    completed = subprocess.run(
        [sys.executable, "-c", IMPORT_PROBE, "build", "--if-changed", "--out", str(built)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    assert "up to date" in completed.stdout
    assert "HEAVY=\n" in completed.stdout, completed.stdout


def test_if_changed_rebuilds_when_an_output_is_missing(tmp_path, built):
    out = tmp_path / "out"
    run_cli("build", "--out", str(out))
    (out / "briefing.pdf").unlink()
    result = run_cli("build", "--if-changed", "--out", str(out))
    assert result.returncode == 0 and "up to date" not in result.stdout
    assert (out / "briefing.pdf").exists()


BUILD_STAGES = [
    "load and validate content",
    "compose",
    "resolve fonts, check glyphs",
    "render PDF",
    "render DOCX",
    "wait for charts",
    "figure audit",
    "manifest, publish",
]


def test_timings_name_every_stage_even_when_quiet(tmp_path):
    out = tmp_path / "out"
    result = run_cli("build", "--quiet", "--timings", "--out", str(out))
    assert result.returncode == 0 and result.stdout == ""
    stages = re.findall(r"^timing: +([0-9.]+) s  (.+)$", result.stderr, re.MULTILINE)
    assert [name for _, name in stages] == BUILD_STAGES
    assert all(float(seconds) >= 0 for seconds, _ in stages)
    skipped = run_cli("build", "--quiet", "--timings", "--if-changed", "--out", str(out))
    assert re.fullmatch(r"timing: +[0-9.]+ s  compare inputs with the manifest\n", skipped.stderr)


def test_edited_docx_survives_a_rebuild(tmp_path):
    out = tmp_path / "out"
    assert run_cli("build", "--out", str(out)).returncode == 0
    edited = (out / "briefing.docx").read_bytes() + b"edited in Word"
    (out / "briefing.docx").write_bytes(edited)
    result = run_cli("build", "--out", str(out))
    assert result.returncode == 0, result.stderr
    kept = list(out.glob("briefing.edited-*.docx"))
    assert len(kept) == 1 and kept[0].read_bytes() == edited
    assert "kept an edited file" in result.stderr
    manifest = json.loads((out / "manifest.json").read_text())
    assert digest(out / "briefing.docx") == manifest["outputs"]["briefing.docx"]["sha256"]
    # --force overwrites without keeping a copy
    (out / "briefing.docx").write_bytes(edited + b"again")
    assert run_cli("build", "--force", "--out", str(out)).returncode == 0
    assert len(list(out.glob("briefing.edited-*.docx"))) == 1


def test_lock_held_means_exit_75(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    handle = os.open(out / ".gjz-brief.lock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(handle, fcntl.LOCK_EX)
    try:
        result = run_cli("build", "--format", "pdf", "--lock-timeout", "0.5", "--out", str(out))
    finally:
        os.close(handle)
    assert result.returncode == 75, result.stderr
    assert "another build" in result.stderr and "try again later" in result.stderr
    assert not (out / "briefing.pdf").exists()


def test_concurrent_builds_do_not_corrupt_each_other(tmp_path):
    out = tmp_path / "out"
    env = dict(os.environ, PYTHONPATH=str(SRC))
    command = [sys.executable, "-m", "gjz_brief", "build", "--out", str(out)]
    first = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    second = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert first.wait(timeout=300) == 0, first.stderr.read()
    assert second.wait(timeout=300) == 0, second.stderr.read()
    manifest = json.loads((out / "manifest.json").read_text())
    for name in OUTPUTS:
        assert digest(out / name) == manifest["outputs"][name]["sha256"]
    assert not list(out.glob(".gjz-tmp-*"))


def _outputs_consistent(out: Path) -> None:
    """One complete set: the manifest describes every output and every chart, as built."""
    manifest = json.loads((out / "manifest.json").read_text())
    for name, record in manifest["outputs"].items():
        assert digest(out / name) == record["sha256"], f"{name} is from another build"
    assert set(OUTPUTS) <= set(manifest["outputs"])
    assert not (out / "manifest.json.next").exists()
    assert len(PdfReader(out / "briefing.pdf").pages) > 1


@pytest.mark.slow
def test_kill_9_at_random_moments_never_leaves_an_unreadable_output(tmp_path):
    workspace = tmp_path / "ws"
    assert run_cli("init", str(workspace)).returncode == 0
    out = workspace / "out"
    assert run_cli("build", "--workspace", str(workspace), "--out", str(out)).returncode == 0
    figures = workspace / "content" / "figures.yaml"
    original = figures.read_text(encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(SRC))
    command = [sys.executable, "-m", "gjz_brief", "build", "-w", str(workspace), "--out", str(out)]

    def start(value: int) -> subprocess.Popen:
        # a changed figure: every build writes different outputs (charts redrawn too)
        figures.write_text(re.sub(r"value: 288\b", f"value: {value}", original), "utf-8")
        return subprocess.Popen(
            command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )

    began = time.monotonic()
    assert start(299).wait(timeout=120) == 0
    duration = time.monotonic() - began  # of one such rebuild, uninterrupted
    rng = random.Random(20200413)
    # Twelve kills must land while a build runs. A kill that comes after its build had
    # finished (the machine was less busy than when `duration` was measured) does not count
    # and is tried again with another moment, up to three times as many builds in all.
    landed = attempts = 0
    while landed < 12 and attempts < 36:
        process = start(300 + attempts)
        attempts += 1
        time.sleep(rng.uniform(0.05, 0.95) * duration)
        process.send_signal(signal.SIGKILL)
        code = process.wait(timeout=120)
        landed += code == -signal.SIGKILL  # killed mid-build, not after it had finished
        assert code in (0, -signal.SIGKILL)
        _outputs_consistent(out)
    assert landed == 12, f"only {landed} of {attempts} kills landed while the build ran"
    # a later build cleans up what the killed ones left and succeeds
    assert run_cli("build", "--workspace", str(workspace), "--out", str(out)).returncode == 0
    assert not list(out.glob(".gjz-tmp-*"))


def test_spreadsheet_change_flows_into_text_and_charts(tmp_path, built):
    workspace = tmp_path / "ws"
    assert run_cli("init", str(workspace)).returncode == 0
    (workspace / "figures.csv").write_text(
        "编号,数值\nindustrial_enterprises,301\n", encoding="utf-8"
    )
    config = workspace / "gjz-brief.yaml"
    config.write_text(
        config.read_text(encoding="utf-8") + "figures_sheet: figures.csv\n", encoding="utf-8"
    )
    out = workspace / "out"
    result = run_cli("build", "--workspace", str(workspace), "--out", str(out))
    assert result.returncode == 0, result.stderr
    text = "".join(p.extract_text() for p in PdfReader(out / "briefing.pdf").pages)
    text = re.sub(r"\s+", "", text)
    assert "301家" in text and "288家" not in text
    chart = next(p.name for p in (out / "charts").glob("*.svg") if "enterprise" in p.name)
    assert digest(out / "charts" / chart) != digest(built / "charts" / chart)
    # the next change is reported as 本期变化 in the log
    (workspace / "figures.csv").write_text(
        "编号,数值\nindustrial_enterprises,305\n", encoding="utf-8"
    )
    log = tmp_path / "build.log"
    result = run_cli(
        "build", "--changes", "--workspace", str(workspace), "--out", str(out), "--log", str(log)
    )
    assert "规模以上工业企业：301家 → 305家" in result.stdout
    text = re.sub(
        r"\s+", "", "".join(p.extract_text() for p in PdfReader(out / "briefing.pdf").pages)
    )
    assert "本期变化" in text and "301家305家" in text
    assert re.search(
        r"^\d{4}-\d\d-\d\dT\S+ INFO changed: 规模以上工业企业", log.read_text(), re.MULTILINE
    )


def test_cron_environment_quiet_build_from_root(tmp_path):
    out = tmp_path / "out"
    env = {"PATH": "/usr/bin:/bin", "LANG": "C", "PYTHONPATH": str(SRC)}
    completed = subprocess.run(
        [sys.executable, "-m", "gjz_brief", "build", "--quiet", "--out", str(out)],
        cwd="/",
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        stdin=subprocess.DEVNULL,
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout == "" and completed.stderr == ""
    assert (out / "briefing.pdf").exists() and (out / "briefing.docx").exists()


def test_schedule_prints_absolute_commands():
    result = run_cli("schedule")
    assert result.returncode == 0
    cron = next(line for line in result.stdout.splitlines() if line.startswith("*/30"))
    assert sys.executable in cron and "--if-changed" in cron and "--quiet" in cron
    assert "ExecStart=" + sys.executable in result.stdout and "OnCalendar=" in result.stdout
