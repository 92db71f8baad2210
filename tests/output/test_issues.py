"""The series: publishing an issue freezes a real copy, never overwritten, kill -9 safe."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from errors_support import SRC

from gjz_brief.errors import ConfigError
from gjz_brief.output import manifest as mf
from gjz_brief.output.issues import (
    ISSUES_DIR,
    draft_issue,
    issue_folder_name,
    last_issue,
    publish_issue,
    published_issues,
)
from gjz_brief.output.publish import OutputFolder


def _build(out, text: str, issue: int | None) -> None:
    outputs = {"briefing.pdf": text.encode(), "briefing.docx": b"docx " + text.encode()}
    manifest = mf.make_manifest(
        inputs={}, options={}, versions={}, outputs=outputs,
        figures={"a": {"name": "甲", "text": text}}, build_date="2024-06-30", issue=issue,
    )  # fmt: skip
    with OutputFolder(out, lock_timeout=5) as folder:
        folder.publish(outputs, manifest, False)


def test_publish_copies_the_current_set_and_advances_the_series(tmp_path):
    out = tmp_path / "out"
    _build(out, "1家", issue=1)
    assert published_issues(out) == [] and draft_issue(out) is None
    issue = publish_issue(out, 5)
    assert issue.number == 1 and issue.folder == out / ISSUES_DIR / "issue-0001"
    assert (issue.folder / "briefing.pdf").read_bytes() == b"1\xe5\xae\xb6"
    assert not (issue.folder / "briefing.pdf").is_symlink()  # a copy, not a link into a set
    assert published_issues(out) == [1] and draft_issue(out) == 2
    found = last_issue(out)
    assert found is not None and found[0] == 1 and found[1]["figures"]["a"]["text"] == "1家"
    # later builds replace the current set (and remove old sets): the issue stays as it was
    _build(out, "2家", issue=2)
    _build(out, "3家", issue=2)
    assert (issue.folder / "briefing.pdf").read_bytes() == "1家".encode()
    with OutputFolder(out, lock_timeout=5) as folder:
        assert folder.last_issue is not None and folder.last_issue[0] == 1


def test_a_published_issue_is_never_overwritten(tmp_path):
    out = tmp_path / "out"
    _build(out, "1家", issue=1)
    publish_issue(out, 5)
    _build(out, "2家", issue=2)
    publish_issue(out, 5)
    _build(out, "changed", issue=1)  # an explicit --issue 1 (the CLI refuses it before)
    with pytest.raises(ConfigError, match="第1期 is already published") as refused:
        publish_issue(out, 5)
    assert refused.value.hint is not None and "第3期" in refused.value.hint  # the real next
    assert (out / ISSUES_DIR / "issue-0001" / "briefing.pdf").read_bytes() == "1家".encode()


def test_an_empty_folder_in_the_way_is_not_replaced(tmp_path):
    out = tmp_path / "out"
    _build(out, "1家", issue=3)
    (out / ISSUES_DIR / issue_folder_name(3)).mkdir(parents=True)
    with pytest.raises(ConfigError, match="第3期"):
        publish_issue(out, 5)
    assert published_issues(out) == []  # an empty folder is no issue


def test_nothing_to_publish_is_a_clear_error(tmp_path):
    with pytest.raises(ConfigError, match="no output folder"):
        publish_issue(tmp_path / "missing", 5)
    (tmp_path / "empty").mkdir()
    with pytest.raises(ConfigError, match="no build to publish"):
        publish_issue(tmp_path / "empty", 5)
    _build(tmp_path / "old", "1家", issue=None)  # a build from before the series
    with pytest.raises(ConfigError, match="build once more"):
        publish_issue(tmp_path / "old", 5)


KILLED_PUBLISH = """
import os, shutil, signal, sys
from pathlib import Path
from gjz_brief.output import issues
copied = []
real = shutil.copyfile
def copy_then_die(source, target, **options):
    real(source, target, **options)
    copied.append(target)
    if len(copied) == int(sys.argv[2]):
        os.kill(os.getpid(), signal.SIGKILL)
issues.shutil.copyfile = copy_then_die
issues.publish_issue(Path(sys.argv[1]), 5)
"""


@pytest.mark.parametrize("files_copied", [1, 2, 3])
def test_a_publish_killed_midway_leaves_no_issue_and_the_next_one_completes(tmp_path, files_copied):
    out = tmp_path / "out"
    _build(out, "1家", issue=1)
    environment = {**os.environ, "PYTHONPATH": str(SRC)}
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_PUBLISH, str(out), str(files_copied)],
        env=environment, capture_output=True, check=False,
    )  # fmt: skip
    assert killed.returncode == -9, killed.stderr
    assert published_issues(out) == [] and last_issue(out) is None
    issue = publish_issue(out, 5)
    assert sorted(os.listdir(issue.folder)) == ["briefing.docx", "briefing.pdf", "manifest.json"]
    assert os.listdir(out / ISSUES_DIR) == ["issue-0001"]  # the killed run's copy is gone


def test_publish_waits_for_a_build_of_the_same_folder(tmp_path):
    from gjz_brief.errors import LockTimeoutError
    from gjz_brief.output.lock import output_lock

    out = tmp_path / "out"
    _build(out, "1家", issue=1)
    with output_lock(out, 5), pytest.raises(LockTimeoutError):
        publish_issue(out, 0)
    assert published_issues(out) == []
