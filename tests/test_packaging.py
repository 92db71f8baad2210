"""The wheel carries the templates and the built-in content, and works without the checkout."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("wheel")
    completed = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(folder), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if completed.returncode != 0:  # pip fetches the build backend, hatchling, from the index
        pytest.fail(f"pip could not build the wheel (needs hatchling): {completed.stderr[-300:]}")
    return next(folder.glob("gjz_brief-*.whl"))


def test_wheel_contains_templates_and_content(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for template in ("full", "onepage", "jianbao"):
        for part in ("layout.yaml", "theme.yaml", "reference.docx"):
            assert f"gjz_brief/templates/{template}/{part}" in names
    assert "gjz_brief/builtin/content/figures.yaml" in names
    assert any(name.endswith("entry_points.txt") for name in names)


def test_installed_wheel_runs_outside_the_checkout(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        timeout=300,
        capture_output=True,
    )
    # PYTHONPATH puts the installed wheel before the checkout (or an editable install)
    completed = subprocess.run(
        [
            sys.executable,
            "-c",
            "import gjz_brief, sys; print(gjz_brief.__file__); "
            "from gjz_brief.cli import main; sys.exit(main(['templates']))",
        ],
        cwd="/",
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(target)},
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.splitlines()[0].startswith(str(target))
    assert "onepage" in completed.stdout and "jianbao" in completed.stdout
