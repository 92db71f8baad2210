"""A new template made by copying a folder shows up and builds; workspace templates shadow the
built-in ones."""

from __future__ import annotations

import shutil

from template_support import page_texts, run_cli


def test_copied_template_is_listed_and_builds(own_workspace):
    templates = own_workspace / "templates"
    shutil.copytree(templates / "jianbao", templates / "weekly")
    layout = templates / "weekly" / "layout.yaml"
    text = layout.read_text(encoding="utf-8")
    lines = [
        "description: 周报：本周要情（由简报模板复制）" if line.startswith("description:") else line
        for line in text.splitlines()
    ]
    layout.write_text("\n".join(lines) + "\n", encoding="utf-8")

    listed = run_cli("templates", "-w", str(own_workspace))
    assert listed.returncode == 0, listed.stderr
    rows = {line.split()[0]: line for line in listed.stdout.splitlines() if line.strip()}
    assert set(rows) == {"full", "onepage", "jianbao", "weekly"}
    assert "周报：本周要情" in rows["weekly"]
    assert "周报" not in rows["jianbao"]

    built = run_cli("build", "-w", str(own_workspace), "--template", "weekly", "--issue", "3")
    assert built.returncode == 0, built.stderr
    out = own_workspace / "out"
    first = page_texts(out / "briefing.pdf")[0]
    assert "甘井子区发展简报" in first and "第3期" in first
    assert (out / "briefing.docx").stat().st_size > 0


def test_workspace_template_shadows_the_built_in_one(own_workspace):
    layout = own_workspace / "templates" / "onepage" / "layout.yaml"
    text = layout.read_text(encoding="utf-8").replace(
        "description: 一页纸", "description: 本单位一页纸"
    )
    layout.write_text(text, encoding="utf-8")
    listed = run_cli("templates", "-w", str(own_workspace))
    assert "本单位一页纸" in listed.stdout
    builtin = run_cli("templates")
    assert "本单位一页纸" not in builtin.stdout


def test_broken_copy_is_listed_as_invalid_and_refused_by_build(own_workspace):
    templates = own_workspace / "templates"
    shutil.copytree(templates / "jianbao", templates / "broken")
    (templates / "broken" / "layout.yaml").write_text(
        "description: 坏的\nblocks:\n  - kind: masthed\n", encoding="utf-8"
    )
    listed = run_cli("templates", "-w", str(own_workspace))
    assert listed.returncode == 0
    assert "broken" in listed.stdout and "invalid" in listed.stdout
    built = run_cli("build", "-w", str(own_workspace), "--template", "broken")
    assert built.returncode == 2
    assert "layout.yaml:3" in built.stderr and "masthed" in built.stderr
