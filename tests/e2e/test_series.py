"""The 简报 series as a user runs it: build, publish 第1期, change a figure, rebuild.

Uses the made-up plan in tests/support/second_plan (测试数据).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from cli_support import run_cli
from repository import SUPPORT

from gjz_brief.output.audit import pdf_text


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
