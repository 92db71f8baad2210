"""YAML that does not parse, or uses features that must not work: each through the real CLI,
with the file, line, what is wrong and exit 2; the previous outputs stay as they were."""

from __future__ import annotations

import re
import time
from pathlib import Path

from errors_support import assert_no_traceback, edit, line_of, run_cli


def build(workspace: Path, out: Path):  # noqa: ANN201
    result = run_cli("build", "--workspace", str(workspace), "--out", str(out))
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert_no_traceback(result)
    return result


def test_unclosed_bracket_names_file_line_and_where_it_opened(workspace, out, kept):
    meta = workspace / "content" / "meta.yaml"
    edit(meta, "  keywords:\n    - 甘井子区\n", "  keywords: [甘井子区, 枢纽新城\n")
    opened = line_of(meta, "keywords: [")
    result = build(workspace, out)
    assert "1 problem in the content:" in result.stderr
    # the parser notices only where the list cannot go on, so the opening line is named too
    reported = int(re.search(r"content/meta\.yaml:(\d+):\d+: error", result.stderr).group(1))
    assert reported > opened
    assert "YAML syntax error: did not find expected ',' or ']'" in result.stderr
    assert f"flow sequence that starts at line {opened}" in result.stderr
    assert "hint: check indentation, colons and closing brackets" in result.stderr
    kept()


def test_bad_indentation(workspace, out, kept):
    vision = workspace / "content" / "vision.yaml"
    edit(vision, "  positioning: 枢纽新城", " positioning: 枢纽新城")
    line = line_of(vision, " positioning: 枢纽新城")
    result = build(workspace, out)
    assert f"content/vision.yaml:{line}:" in result.stderr
    assert "YAML syntax error" in result.stderr
    kept()


def test_tab_indentation(workspace, out, kept):
    vision = workspace / "content" / "vision.yaml"
    edit(vision, "  positioning: 枢纽新城", "\tpositioning: 枢纽新城")
    line = line_of(vision, "\tpositioning")
    result = build(workspace, out)
    assert (
        f"content/vision.yaml:{line}:1: error: YAML syntax error: a tab character is used "
        "for indentation" in result.stderr
    )
    assert "hint: indent with spaces, not tabs" in result.stderr
    kept()


def test_duplicate_key_names_both_lines(workspace, out, kept):
    meta = workspace / "content" / "meta.yaml"
    first = line_of(meta, "  title: 甘井子区发展规划简报")
    edit(meta, "  subtitle:", "  title: 又一个标题\n  subtitle:")
    second = line_of(meta, "  title: 又一个标题")
    result = build(workspace, out)
    assert (
        f"content/meta.yaml:{second}:3: error: duplicate key 'title' (first at line {first})"
        in result.stderr
    )
    assert "hint: each key may appear only once" in result.stderr
    kept()


def test_problems_of_several_files_come_together_in_file_and_line_order(workspace, out, kept):
    edit(workspace / "content" / "vision.yaml", "horizon_year: 2049", "horizon_year: 二〇四九")
    edit(workspace / "content" / "meta.yaml", "  issuer: 大连甘井子区委宣传部", "  issuer: ''")
    edit(workspace / "content" / "figures.yaml", "    value: 288\n", "    value: -288\n")
    result = build(workspace, out)
    assert "3 problems in the content:" in result.stderr
    order = [
        result.stderr.index(name)
        for name in ("content/figures.yaml:", "content/meta.yaml:", "content/vision.yaml:")
    ]
    assert order == sorted(order)
    kept()


def test_python_object_tag_is_refused_and_never_runs(workspace, out, kept, tmp_path):
    marker = tmp_path / "it-ran"
    (workspace / "content" / "evil.yaml").write_text(
        f"extra: !!python/object/apply:os.system ['touch {marker}']\n", encoding="utf-8"
    )
    result = build(workspace, out)
    assert (
        "content/evil.yaml:1:8: error: YAML tag !!python/object/apply:os.system is not "
        "allowed (content is data, not code)"
    ) in result.stderr
    assert not marker.exists()
    kept()


def test_alias_bomb_is_refused_quickly_with_bounded_memory(workspace, out, kept):
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 10):  # 9**10 strings once expanded: billions
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 9) + "]")
    (workspace / "content" / "bomb.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    started = time.monotonic()
    result = build(workspace, out)
    elapsed = time.monotonic() - started
    assert "content/bomb.yaml:" in result.stderr
    assert "the YAML expands to more than 200000 values" in result.stderr
    assert "hint: remove the anchors (&) and aliases (*)" in result.stderr
    assert result.max_rss_mb < 300, f"peak memory {result.max_rss_mb:.0f} MB"
    assert elapsed < 60  # generous: a real expansion would never finish
    kept()


def test_deep_nesting_is_refused_without_crashing(workspace, out, kept):
    # 100 000 nested brackets made PyYAML's C composer overflow the stack (exit 139).
    depth = 100_000
    (workspace / "content" / "deep.yaml").write_text(
        "extra: " + "[" * depth + "]" * depth + "\n", encoding="utf-8"
    )
    result = build(workspace, out)
    assert "content/deep.yaml:1:" in result.stderr
    assert "the YAML is nested more than 64 levels deep" in result.stderr
    kept()


def test_raw_control_character_is_named_with_its_line(workspace, out, kept):
    meta = workspace / "content" / "meta.yaml"
    edit(meta, "  title: 甘井子区发展规划简报", "  title: 甘井子区\x07发展规划简报")
    line = line_of(meta, "  title: 甘井子区\x07")
    result = build(workspace, out)
    assert (
        f"content/meta.yaml:{line}:14: error: text contains the control character U+0007, "
        "which documents cannot hold"
    ) in result.stderr
    assert "hint: delete the invisible character" in result.stderr
    kept()


def test_escaped_control_character_names_the_field(workspace, out, kept):
    meta = workspace / "content" / "meta.yaml"
    edit(meta, "  title: 甘井子区发展规划简报", '  title: "甘井子区\\x0b发展规划简报"')
    line = line_of(meta, '  title: "甘井子区')
    result = build(workspace, out)
    assert (
        f"content/meta.yaml:{line}:10: error: meta.title: text contains the control "
        "character U+000B"
    ) in result.stderr
    kept()


def test_config_file_reports_every_problem_sorted(workspace, out, kept):
    (workspace / "gjz-brief.yaml").write_text(
        "template: full\nlock_timeout_seconds: -1\ncontnet: content\nfonts: [a]\n", encoding="utf-8"
    )
    result = build(workspace, out)
    config = str(workspace / "gjz-brief.yaml")
    assert f"3 problems in {config}:" in result.stderr
    assert f"{config}:2:23: error: lock_timeout_seconds: expected a value ≥ 0" in result.stderr
    assert (
        f"{config}:3:10: error: contnet: unknown field 'contnet'; did you mean 'content'?"
        in result.stderr
    )
    assert f"{config}:4:8: error: fonts: expected a mapping" in result.stderr
    kept()


def test_template_files_report_every_problem_sorted(workspace, out, kept):
    folder = workspace / "templates" / "full"
    folder.mkdir(parents=True)
    (folder / "layout.yaml").write_text(
        "description: 完整简报\nblocks:\n  - kind: covr\n  - kind: toc\n    titel: 目录\n",
        encoding="utf-8",
    )
    result = run_cli("build", "--workspace", str(workspace), "--out", str(out))
    assert result.returncode == 2, result.stderr
    assert_no_traceback(result)
    layout = str(folder / "layout.yaml")
    assert f"2 problems in {layout}:" in result.stderr
    first = result.stderr.index(
        f"{layout}:3:5: error: blocks[0]: unknown kind 'covr'; did you mean 'cover'?"
    )
    second = result.stderr.index(
        f"{layout}:5:12: error: blocks[1].titel: unknown field 'titel'; did you mean 'title'?"
    )
    assert first < second
    assert "hint: use one of: cover, masthead, title" in result.stderr
    kept()
