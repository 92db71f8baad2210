"""Files that are missing, unreadable, not UTF-8, outside the workspace; configured fonts that
are missing or not fonts. Exit 2, a location and a hint, previous outputs untouched."""

from __future__ import annotations

import errno
import pathlib
import shutil
from pathlib import Path

import pytest
from as_user import run_cli_as_user
from errors_support import assert_no_traceback, run_cli, run_main


def failed_build(workspace: Path, out: Path | None, code: int = 2) -> str:
    args = ["build", "--workspace", str(workspace)] + (["--out", str(out)] if out else [])
    result = run_cli(*args)
    assert result.returncode == code, (result.returncode, result.stderr)
    assert_no_traceback(result)
    return result.stderr


def test_missing_content_folder(workspace, out, kept):
    shutil.rmtree(workspace / "content")
    message = failed_build(workspace, out)
    assert f"{workspace / 'content'}: error: content folder not found" in message
    assert "hint: run 'gjz-brief init DIR' to create a workspace" in message
    kept()


def test_missing_content_file_names_the_section_it_held(workspace, out, kept):
    (workspace / "content" / "meta.yaml").unlink()
    message = failed_build(workspace, out)
    assert "content: error: missing required field 'meta'" in message
    assert "hint: 文档信息" in message
    kept()


def test_missing_workspace_folder(tmp_path, out, kept):
    result = run_cli("build", "--workspace", str(tmp_path / "nope"), "--out", str(out))
    assert result.returncode == 2
    assert f"{tmp_path / 'nope'}: workspace folder not found" in result.stderr
    assert "hint: create one with 'gjz-brief init DIR'" in result.stderr
    kept()


def test_unreadable_file_chmod(workspace, out, kept):
    """Root too: the CLI runs without the capabilities that let root read any file."""
    (workspace / "content" / "meta.yaml").chmod(0)
    result = run_cli_as_user("build", "--workspace", str(workspace), "--out", str(out))
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert_no_traceback(result)  # type: ignore[arg-type]  # has .stderr, as Run does
    assert "content/meta.yaml: error: file cannot be read (permission denied)" in result.stderr
    kept()


def test_unreadable_file_in_process(workspace, out, kept, monkeypatch):
    """As root, chmod does not stop reading: make reading fail the way it would for a user."""
    real = pathlib.Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == "meta.yaml":
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(pathlib.Path, "read_bytes", read_bytes)
    result = run_main("build", "--workspace", str(workspace), "--out", str(out))
    assert result.returncode == 2, result.stderr
    assert "content/meta.yaml: error: file cannot be read (permission denied)" in result.stderr
    assert "hint: check the file's permissions" in result.stderr
    kept()


def test_unreadable_content_folder_in_process(workspace, out, kept, monkeypatch):
    real = pathlib.Path.iterdir

    def iterdir(self: Path):  # noqa: ANN202
        if self.name == "content":
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(pathlib.Path, "iterdir", iterdir)
    result = run_main("build", "--workspace", str(workspace), "--out", str(out))
    assert result.returncode == 2, result.stderr
    assert "the content folder cannot be read: Permission denied" in result.stderr
    kept()


def test_non_utf8_file_says_which_encoding_is_expected(workspace, out, kept):
    meta = workspace / "content" / "meta.yaml"
    meta.write_bytes(meta.read_text(encoding="utf-8").encode("gbk"))
    message = failed_build(workspace, out)
    assert "content/meta.yaml:1: error: file is not UTF-8 text (byte 0xCE at offset 2)" in message
    assert "the expected encoding is UTF-8" in message
    assert "hint: save the file as UTF-8" in message
    kept()


@pytest.mark.parametrize(
    ("setting", "field"),
    [
        ("content: ../elsewhere", "content"),
        ("figures_sheet: /etc/passwd", "figures_sheet"),
        ("out: ../out", "out"),
    ],
)
def test_paths_in_the_configuration_must_stay_in_the_workspace(
    workspace, out, kept, setting, field
):
    (workspace.parent / "elsewhere").mkdir(exist_ok=True)
    (workspace / "gjz-brief.yaml").write_text(setting + "\n", encoding="utf-8")
    # 'out: ../out' names the very folder of the previous build: it must stay untouched
    message = failed_build(workspace, None if field == "out" else out)
    value = setting.split(": ", 1)[1]
    assert (
        f"{workspace / 'gjz-brief.yaml'} [{field}]: path '{value}' points outside the workspace"
    ) in message
    assert "hint: use a path inside the workspace folder" in message
    kept()


def test_symlinked_content_file_outside_the_workspace_is_refused(workspace, out, kept, tmp_path):
    outside = tmp_path / "shared.yaml"
    outside.write_text("projects: []\n", encoding="utf-8")
    (workspace / "content" / "zz-shared.yaml").symlink_to(outside)
    message = failed_build(workspace, out)
    assert (
        f"content/zz-shared.yaml: error: the content file links to {outside.resolve()}, "
        "outside the workspace"
    ) in message
    assert "hint: copy the file into the workspace instead of linking to it" in message
    kept()


def test_symlinked_content_folder_outside_the_workspace_is_refused(workspace, out, kept, tmp_path):
    shutil.move(workspace / "content", tmp_path / "elsewhere")
    (workspace / "content").symlink_to(tmp_path / "elsewhere")
    message = failed_build(workspace, out)
    assert "[content]: path 'content' points outside the workspace" in message
    kept()


def test_symlink_inside_the_workspace_is_fine(workspace, tmp_path):
    (workspace / "shared").mkdir()
    shutil.move(workspace / "content" / "projects.yaml", workspace / "shared" / "projects.yaml")
    (workspace / "content" / "projects.yaml").symlink_to(workspace / "shared" / "projects.yaml")
    result = run_cli("validate", "--workspace", str(workspace))
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("font", "expected"),
    [
        ("fonts/missing.ttf", "font file for the body role not found: {path}"),
        ("fonts/fake.ttf", "{path} is not a usable font file: not a TrueType/OpenType font"),
    ],
    ids=["missing", "not-a-font"],
)
def test_configured_font_missing_or_not_a_font(workspace, out, kept, font, expected):
    (workspace / "fonts").mkdir()
    (workspace / "fonts" / "fake.ttf").write_text("this is text, not a font\n", encoding="utf-8")
    (workspace / "gjz-brief.yaml").write_text(f"fonts:\n  body: {font}\n", encoding="utf-8")
    message = failed_build(workspace, out)
    path = workspace / font
    assert f"gjz-brief: error: {path} [fonts.body]: " + expected.format(path=path) in message
    assert "hint: set fonts.body to a .ttf/.ttc/.otf file, or remove it" in message
    kept()


def test_unknown_font_role(workspace, out, kept):
    (workspace / "gjz-brief.yaml").write_text(
        "fonts:\n  bdy: /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc\n", encoding="utf-8"
    )
    message = failed_build(workspace, out)
    assert "[fonts.bdy]: unknown font role 'bdy'; the roles are title, body" in message
    kept()


def test_reference_docx_that_is_not_a_docx(workspace, out, kept):
    from gjz_brief.template.loader import builtin_templates_dir

    folder = workspace / "templates" / "full"
    shutil.copytree(builtin_templates_dir() / "full", folder)
    (folder / "reference.docx").write_text("saved as text by mistake\n", encoding="utf-8")
    message = failed_build(workspace, out)
    assert f"{folder / 'reference.docx'}: reference.docx is not a Word .docx file" in message
    assert "hint: save it from Word as .docx" in message
    kept()
