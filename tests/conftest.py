"""Shared fixtures: small content folders written to a temporary directory."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest
from chart_fixtures import load_builtin_plan, small_plan_data
from hypothesis import HealthCheck, settings
from prerequisites import require_tool
from template_support import Builds, docx_to_pdf, run_cli

from gjz_brief.content.model import Plan

MINIMAL = {
    "meta.yaml": """\
        meta:
          title: 甘井子区发展简报
          issuer: 大连甘井子区委宣传部
          source: 大连甘井子区委宣传部
          source_title: 测试文章
          as_of: 2020-04-30
        """,
    "vision.yaml": """\
        vision:
          plan_name: 大连2049城市愿景规划
          horizon_year: 2049
          positioning: 枢纽新城
          location: 大连市主城区西部
          transport_system: 海陆空交通体系
        """,
    "figures.yaml": """\
        figures:
          - id: industrial_enterprises
            name: 规模以上工业企业
            value: 288
            unit: 家
            kind: count
            source: 现有规模以上工业企业288家。
        sections:
          - id: base
            title: 产业基础
            paragraphs:
              - 现有规模以上工业企业{{industrial_enterprises}}。
        """,
}


@pytest.fixture
def minimal_content() -> dict[str, str]:
    """The texts of the MINIMAL content files, to edit in a test before write_content."""
    return {name: textwrap.dedent(text) for name, text in MINIMAL.items()}


@pytest.fixture
def write_content(tmp_path: Path):
    """write_content({"figures.yaml": "..."}) → a content folder with MINIMAL plus changes.

    A value of None removes that file.
    """

    def write(changes: dict[str, str | None] | None = None) -> Path:
        folder = tmp_path / "content"
        folder.mkdir(exist_ok=True)
        files = {**MINIMAL, **(changes or {})}
        for name, text in files.items():
            if text is not None:
                (folder / name).write_text(textwrap.dedent(text), encoding="utf-8")
        return folder

    return write


@pytest.fixture(scope="session")
def plan() -> Plan:
    """A small plan with every kind of entry (tests/support/chart_fixtures.py)."""
    return Plan.model_validate(small_plan_data())


@pytest.fixture(scope="session")
def builtin_plan() -> Plan:
    """The built-in content's plan."""
    return load_builtin_plan()


@pytest.fixture(scope="session")
def cli_builds(tmp_path_factory) -> Builds:
    """Real CLI builds shared by the whole session, one per set of arguments (tests that
    only read a build's outputs share it; a test that changes an output copies it first)."""
    return Builds(tmp_path_factory.mktemp("cli-builds"))


@pytest.fixture(scope="session")
def built(cli_builds: Builds) -> Path:
    """The default build of the built-in content (template full), PDF and DOCX."""
    return cli_builds.get("--template", "full")


@pytest.fixture
def installed_fonts() -> None:
    """Fails the test, naming the package, when a font setup installs is missing
    (``fonts_support.needs_installed_fonts`` asks for it)."""
    from fonts_support import INSTALLED
    from prerequisites import require_file

    for path in INSTALLED:
        require_file(path)


@pytest.fixture
def poppler() -> None:
    """Use as ``pytest.mark.usefixtures("poppler")``: the test fails, naming poppler-utils,
    when pdffonts, pdftotext or pdftoppm is missing."""
    for tool in ("pdffonts", "pdftotext", "pdftoppm"):
        require_tool(tool)


# Hypothesis profiles. "ci" (the default) is Hypothesis' own CI profile (derandomized: the same
# ~100 examples per test on every run, so CI cannot fail by chance) with our health checks;
# "long" is an on-demand random search of 10 000 examples per test:
#   HYPOTHESIS_PROFILE=long python -m pytest tests/errors/test_errors_fuzz.py
_SLOW_IS_FINE = [HealthCheck.too_slow, HealthCheck.data_too_large]
settings.register_profile(
    "ci", parent=settings.get_profile("ci"), max_examples=100, suppress_health_check=_SLOW_IS_FINE
)
settings.register_profile(
    "long", max_examples=10_000, deadline=None, suppress_health_check=_SLOW_IS_FINE
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(scope="session")
def workspace(tmp_path_factory) -> Path:
    """A fresh `gjz-brief init` workspace, shared read-only by the tests."""
    root = tmp_path_factory.mktemp("init") / "ws"
    result = run_cli("init", str(root))
    assert result.returncode == 0, result.stderr
    return root


@pytest.fixture
def own_workspace(tmp_path) -> Path:
    """A fresh workspace a test may edit."""
    root = tmp_path / "ws"
    result = run_cli("init", str(root))
    assert result.returncode == 0, result.stderr
    return root


@pytest.fixture(scope="session")
def libreoffice(tmp_path_factory):
    """docx → PDF through LibreOffice, with one profile for the session (its first start is
    the slow part)."""
    require_tool("soffice")
    root = tmp_path_factory.mktemp("libreoffice")
    profile = root / "profile"
    converted: dict[Path, Path] = {}

    def convert(docx: Path) -> Path:
        if docx not in converted:
            converted[docx] = docx_to_pdf(docx, root / f"out-{len(converted)}", profile)
        return converted[docx]

    return convert
