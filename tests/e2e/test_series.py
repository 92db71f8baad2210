"""The 简报 series as a user runs it: build, publish 第1期, change a figure, rebuild.

Uses the made-up plan in tests/support/second_plan (测试数据).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from pathlib import Path

import pytest
from cli_support import run_cli
from repository import SUPPORT

from gjz_brief.output.audit import docx_text, pdf_text


def _text(out: Path) -> str:
    return re.sub(r"\s+", "", pdf_text((out / "briefing.pdf").read_bytes()))


@pytest.mark.slow
def test_publish_then_every_rebuild_drafts_the_next_issue_with_its_changes(tmp_path):
    workspace = tmp_path / "workspace"
    shutil.copytree(SUPPORT / "second_plan", workspace)
    out = tmp_path / "out"
    build = ("build", "-w", str(workspace), "-t", "jianbao", "--out", str(out), "--changes")
    assert run_cli(*build).returncode == 0
    assert "第1期" in _text(out) and "本期变化" not in _text(out)

    published = run_cli("publish", "-w", str(workspace), "--out", str(out))
    assert published.returncode == 0, published.stderr
    assert "第1期" in published.stdout and "第2期" in published.stdout
    frozen = (out / "issues" / "issue-0001" / "briefing.pdf").read_bytes()

    figures = workspace / "content" / "figures.yaml"
    figures.write_text(figures.read_text("utf-8").replace("value: 312", "value: 330"), "utf-8")
    for _rebuild in range(2):  # stable across rebuilds: always against 第1期
        result = run_cli(*build)
        assert result.returncode == 0, result.stderr
        assert "changed: 规模以上数字经济企业：超312家 → 超330家" in result.stdout
        text = _text(out)
        assert "第2期" in text and "第1期" in text
        assert "本期变化与第1期相比有变化的指标" in text and "超312家超330家" in text
        # unnumbered: the first section is still 一、 and no 表N label is taken
        assert "一、总体进展" in text
    # --if-changed after a publish still drafts the next issue; with nothing new it rests
    assert run_cli(*build, "--if-changed").stdout.startswith("up to date")
    assert (out / "issues" / "issue-0001" / "briefing.pdf").read_bytes() == frozen
    assert run_cli("publish", "-w", str(workspace), "--out", str(out)).returncode == 0
    again = run_cli("publish", "-w", str(workspace), "--out", str(out))
    assert again.returncode == 2 and "第2期 is already published" in again.stderr
    # after 第2期 is out, the draft of 第3期 compares with it: the figure did not change
    result = run_cli(*build, "--if-changed")
    assert result.returncode == 0 and "up to date" not in result.stdout
    text = _text(out)
    assert "第3期" in text and "本期变化" not in text


@pytest.mark.parametrize("value", ["0", "-3", "1.5", "two", "10000"])
def test_issue_accepts_positive_whole_numbers_only(tmp_path, value):
    result = run_cli("build", "--issue", value, "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert "issue number" in result.stderr
    assert not (tmp_path / "out").exists()


def _series_workspace(tmp_path: Path) -> tuple[Path, Path, tuple[str, ...]]:
    workspace = tmp_path / "workspace"
    shutil.copytree(SUPPORT / "second_plan", workspace)
    out = tmp_path / "out"
    return workspace, out, ("build", "-w", str(workspace), "-t", "jianbao", "--out", str(out))


def _set_files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.slow
def test_a_pdf_only_build_never_shows_or_publishes_an_older_docx_as_its_own(tmp_path):
    """The new user's trial, F1: build 第1期 (PDF and DOCX), publish; change a figure and
    build only the PDF of 第2期; publish. The issue must hold 第2期's files and nothing of
    第1期, and its manifest must describe exactly those files."""
    workspace, out, build = _series_workspace(tmp_path)
    assert run_cli(*build).returncode == 0
    assert run_cli("publish", "--out", str(out)).returncode == 0
    old_docx = docx_text((out / "issues" / "issue-0001" / "briefing.docx").read_bytes())
    assert "第1期" in old_docx and "312" in old_docx

    figures = workspace / "content" / "figures.yaml"
    figures.write_text(figures.read_text("utf-8").replace("value: 312", "value: 330"), "utf-8")
    result = run_cli(*build, "--format", "pdf")
    assert result.returncode == 0, result.stderr
    assert "built briefing.pdf in" in result.stdout
    assert "briefing.docx of the previous build is no longer in" in result.stdout
    # out/ shows one build: the 第2期 PDF, no DOCX of 第1期 beside it
    assert not os.path.lexists(out / "briefing.docx")
    assert "第2期" in _text(out) and "超330家" in _text(out)
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    assert manifest["issue"] == 2 and "briefing.docx" not in manifest["outputs"]
    current = (out / ".sets" / "current").resolve()
    assert _set_files(current) == {*manifest["outputs"], "manifest.json"}

    published = run_cli("publish", "--out", str(out))
    assert published.returncode == 0, published.stderr
    issue = out / "issues" / "issue-0002"
    frozen = json.loads((issue / "manifest.json").read_text("utf-8"))
    assert not (issue / "briefing.docx").exists()
    assert _set_files(issue) == {*frozen["outputs"], "manifest.json"}
    for name, record in frozen["outputs"].items():  # every file is the one its build wrote
        assert hashlib.sha256((issue / name).read_bytes()).hexdigest() == record["sha256"]
        assert record["build"] == frozen["inputs_key"]
    text = re.sub(r"\s+", "", pdf_text((issue / "briefing.pdf").read_bytes()))
    assert "第2期" in text and "超330家" in text and "超312家" not in text
    assert frozen["figures"]["digital_firms"]["text"] == "超330家"


@pytest.mark.slow
def test_publish_refuses_a_set_whose_files_are_not_all_from_its_build(tmp_path):
    _workspace, built, build = _series_workspace(tmp_path)
    assert run_cli(*build).returncode == 0

    def attempt(case: str, spoil) -> str:
        out = tmp_path / case
        shutil.copytree(built, out, symlinks=True)
        current = (out / ".sets" / "current").resolve()
        spoil(out, current)
        before = _set_files(current)
        result = run_cli("publish", "--out", str(out))
        assert result.returncode == 2, result.stdout + result.stderr
        assert "are not all from the build of 第1期" in result.stderr
        assert "hint: build again" in result.stderr
        assert not (out / "issues" / "issue-0001").exists()  # nothing frozen
        assert _set_files(current) == before  # and nothing touched
        return result.stderr

    def edited_through_the_link(out, current):
        with (out / "briefing.docx").open("ab") as handle:  # Word-less edit, in place
            handle.write(b"\0")

    def carried_over_by_an_older_gjz_brief(out, current):
        # what a --format pdf build of gjz-brief before this fix left: another build's DOCX,
        # listed in the manifest with its digest but without the build that made it
        manifest = json.loads((current / "manifest.json").read_text("utf-8"))
        del manifest["outputs"]["briefing.docx"]["build"]
        (current / "manifest.json").write_text(json.dumps(manifest), "utf-8")

    def stray_file(out, current):
        shutil.copyfile(current / "briefing.docx", current / "briefing-older.docx")

    def saved_by_word(out, current):
        # Word (and a PDF put in place by hand) write a new file and rename it over the
        # name: the set stays as built, the reader of out/ sees another file
        saved = out / "~WRL0001.tmp"
        saved.write_bytes((out / "briefing.docx").read_bytes() + b"\0")
        os.replace(saved, out / "briefing.docx")

    assert "briefing.docx is missing or differs" in attempt("edited", edited_through_the_link)
    carried = attempt("carried", carried_over_by_an_older_gjz_brief)
    assert "briefing.docx is not recorded as made by this build" in carried
    assert "briefing-older.docx is not one of this build's outputs" in attempt("stray", stray_file)
    replaced = attempt("saved by Word", saved_by_word)
    assert "/briefing.docx is not the file this build wrote (replaced or removed" in replaced
    assert "briefing.pdf" not in replaced.split("so they are not published:")[1].split("hint")[0]
    # the untouched folder publishes
    assert run_cli("publish", "--out", str(built)).returncode == 0


@pytest.mark.slow
def test_issue_refuses_a_number_already_published_and_names_the_next(tmp_path):
    _workspace, out, build = _series_workspace(tmp_path)
    for number in (1, 2):
        assert run_cli(*build).returncode == 0
        published = run_cli("publish", "--out", str(out))
        assert published.returncode == 0, published.stderr
        assert f"published 第{number}期" in published.stdout
        assert f"the next build is the draft of 第{number + 1}期" in published.stdout
    assert run_cli(*build).returncode == 0  # the draft of 第3期
    shown = {name: (out / name).read_bytes() for name in ("briefing.pdf", "manifest.json")}
    for number in ("1", "2"):
        refused = run_cli(*build, "--issue", number)
        assert refused.returncode == 2, refused.stdout + refused.stderr
        assert f"第{number}期 is already published" in refused.stderr
        assert "hint: build the draft of the next issue, 第3期" in refused.stderr
        assert "traceback" not in refused.stderr.lower()
        assert run_cli(*build, "--issue", number, "--if-changed").returncode == 2
    assert {name: (out / name).read_bytes() for name in shown} == shown  # outputs untouched
    # the draft publishes as 第3期; a number not yet published is still accepted
    assert run_cli("publish", "--out", str(out)).returncode == 0
    again = run_cli("publish", "--out", str(out))
    assert again.returncode == 2 and "build the draft of 第4期" in again.stderr
    assert run_cli(*build, "--issue", "7").returncode == 0
    assert "第7期" in _text(out)
