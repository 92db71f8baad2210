"""What a build is asked to do."""

from __future__ import annotations

from pathlib import Path

from gjz_brief.request import BuildRequest
from gjz_brief.workspace import Workspace, WorkspaceConfig


def test_the_template_and_lock_wait_come_from_the_workspace_unless_given():
    workspace = Workspace(None, WorkspaceConfig(template="jianbao", lock_timeout_seconds=5))
    request = BuildRequest(workspace, Path("out"), environ={})
    assert (request.template_name, request.lock_timeout) == ("jianbao", 5)
    given = BuildRequest(
        workspace, Path("out"), template="full", lock_timeout_seconds=0, environ={}
    )
    assert (given.template_name, given.lock_timeout) == ("full", 0)


def test_the_options_that_decide_the_bytes():
    request = BuildRequest(
        Workspace(None, WorkspaceConfig()), Path("out"), formats=("pdf",), issue_number=7,
        environ={"SOURCE_DATE_EPOCH": "1590969600", "LANG": "C"},
    )  # fmt: skip
    assert request.options() == {
        "formats": ["pdf"], "template": "full", "issue_number": 7, "show_changes": False,
        "source_date_epoch": "1590969600",
    }  # fmt: skip
