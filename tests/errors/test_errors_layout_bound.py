"""A hard bound on every build (issue #17): hostile layouts end, with a build or a located
exit 2 naming the block, never a build that runs until cron's next run waits on the lock.

Each build runs as its own process under a watchdog (run_cli's timeout kills it)."""

from __future__ import annotations

from pathlib import Path

import pytest
from errors_support import assert_no_traceback, make_workspace, run_cli

WATCHDOG_SECONDS = 90  # a healthy build takes a few seconds; a looping one never ends


def _insert_block(workspace: Path, template: str, after: str, block: str) -> None:
    """Copy a built-in template into the workspace and insert ``block`` after a line."""
    import shutil

    from gjz_brief.template.folders import builtin_templates_dir

    folder = workspace / "templates" / template
    shutil.copytree(builtin_templates_dir() / template, folder)
    layout = folder / "layout.yaml"
    text = layout.read_text(encoding="utf-8")
    assert after in text
    layout.write_text(text.replace(after, after + block, 1), encoding="utf-8")


HEADING = "  - kind: heading\n    level: {level}\n    text: '{text}'\n"
HOSTILE = {
    # the endless loop of issue #17: a heading taller than a page as the last block
    "last heading taller than a page": ("full", "  - kind: sources\n", 3, 1000, 0),
    "last heading of 5000 characters": ("jianbao", "  - kind: distribution\n", 1, 5000, 0),
    # listed in the contents: one contents line taller than a page cannot be placed
    "contents line taller than a page": ("full", "  - kind: title\n", 1, 4000, 2),
    "heading taller than a page before the body": (
        "jianbao",
        "  - kind: editor_note\n",
        1,
        3000,
        0,
    ),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_layouts_end_in_a_build_or_a_located_refusal(case: str, tmp_path: Path) -> None:
    template, after, level, length, expected = HOSTILE[case]
    workspace = make_workspace(tmp_path / "ws", config=f"template: {template}\n")
    block = HEADING.format(level=level, text="长" * length)
    _insert_block(workspace, template, after, block)
    out = tmp_path / "out"
    result = run_cli(
        "build", "-w", str(workspace), "--out", str(out), "-f", "pdf", timeout=WATCHDOG_SECONDS
    )
    assert result.returncode != -9, f"{case}: still running after {WATCHDOG_SECONDS} s"
    assert result.returncode == expected, result.stderr
    if expected == 0:
        assert (out / "briefing.pdf").stat().st_size > 10_000
        return
    assert_no_traceback(result)
    assert "the PDF layout cannot place table of contents" in result.stderr
    assert "“一、长长长长" in result.stderr  # which entry: the start of its text
    assert "长" * 40 not in result.stderr  # not the whole text
    assert "hint: shorten that text" in result.stderr
    assert not out.exists() or not (out / "briefing.pdf").exists()
