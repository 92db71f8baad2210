"""End-to-end fixtures: real CLI runs (the builds are shared: tests/conftest.py), workspaces
made by `gjz-brief init`, and LibreOffice for the DOCX."""

from __future__ import annotations

import pytest
from template_support import Builds


@pytest.fixture(scope="session")
def builds(cli_builds: Builds) -> Builds:
    return cli_builds
