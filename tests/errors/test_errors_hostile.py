"""Hostile inputs, round two (issue #17): a reference.docx carrying macros or links, zip and
XML bombs, files outside the workspace, links planted in out/, damaged fonts, odd arguments
and environment values. Each is refused (or cleaned) with the right behaviour, quickly and
with bounded memory, and the previous outputs stay as they were."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import time
import zipfile
from pathlib import Path

import pytest
from errors_support import (
    KeptOutputs,
    assert_no_traceback,
    edit,
    make_workspace,
    run_cli,
    run_main,
)

from gjz_brief.template.folders import builtin_templates_dir

REFERENCE = builtin_templates_dir() / "full" / "reference.docx"
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
ZENHEI = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")


def reference_parts() -> dict[str, bytes]:
    with zipfile.ZipFile(REFERENCE) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def write_zip(path: Path, parts: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def own_template(workspace: Path, name: str = "full") -> Path:
    folder = workspace / "templates" / name
    shutil.copytree(builtin_templates_dir() / name, folder)
    return folder


# --- reference.docx: only the style-bearing parts ---------------------------------------------

MACRO_RELS = (
    '<Relationship Id="rId99" Type="http://schemas.microsoft.com/office/2006/relationships/'
    'vbaProject" Target="vbaProject.bin"/></Relationships>'
)
ATTACHED_TEMPLATE_RELS = (
    b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
    b'2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
    b'officeDocument/2006/relationships/attachedTemplate" Target="http://evil.example/t.dotm" '
    b'TargetMode="External"/></Relationships>'
)


def hostile_reference(path: Path) -> Path:
    parts = reference_parts()
    parts["word/vbaProject.bin"] = b"\xd0\xcf\x11\xe0 a macro project"
    parts["word/embeddings/oleObject1.bin"] = b"an embedded object"
    parts["word/secret/unknown.xml"] = b"<x/>"
    rels = parts["word/_rels/document.xml.rels"].decode()
    parts["word/_rels/document.xml.rels"] = rels.replace("</Relationships>", MACRO_RELS).encode()
    parts["word/_rels/settings.xml.rels"] = ATTACHED_TEMPLATE_RELS
    settings = parts["word/settings.xml"].decode()
    parts["word/settings.xml"] = settings.replace(
        "<w:zoom", '<w:attachedTemplate r:id="rId1"/><w:zoom'
    ).encode()
    return write_zip(path, parts)


def test_macros_links_and_objects_of_a_reference_docx_are_left_out_with_a_warning(tmp_path):
    workspace = make_workspace(tmp_path / "ws")
    folder = own_template(workspace)
    hostile_reference(folder / "reference.docx")
    out = tmp_path / "out"
    result = run_cli("build", "-w", str(workspace), "--out", str(out), "-f", "docx")
    assert result.returncode == 0, result.stderr
    warning = result.stderr
    assert f"{folder / 'reference.docx'}: warning: left out of the Word output:" in warning
    for named in (
        "word/vbaProject.bin (macros)",
        "the external attachedTemplate link to http://evil.example/t.dotm",
        "word/embeddings/oleObject1.bin (an embedded object or control)",
        "word/secret/unknown.xml (a part gjz-brief does not use)",
    ):
        assert named in warning
    with zipfile.ZipFile(out / "briefing.docx") as built:
        names = built.namelist()
        everything = b"".join(built.read(name) for name in names)
    assert not [n for n in names if "vba" in n or "oleObject" in n or "secret" in n]
    # The only embedded files are the native charts' own workbooks.
    embedded = [n for n in names if n.startswith("word/embeddings/")]
    assert all(n.endswith(".xlsx") and "Microsoft_Excel_Worksheet" in n for n in embedded)
    assert b"evil.example" not in everything and b"attachedTemplate" not in everything
    assert b'TargetMode="External"' not in everything
    # the styles did come through
    assert any(n == "word/styles.xml" for n in names)


def test_the_built_in_reference_documents_give_no_warning(tmp_path):
    result = run_cli("build", "--out", str(tmp_path / "out"), "-f", "docx")
    assert result.returncode == 0 and "warning" not in result.stderr, result.stderr


def _styles_variant(tmp_path: Path, styles: bytes) -> Path:
    parts = reference_parts()
    parts["word/styles.xml"] = styles
    return write_zip(tmp_path / "reference.docx", parts)


BOMB_CASES = {
    # 100 KB on disk, 60 MB of styles once inflated
    "inflates to 60 MB": (
        lambda: reference_parts()["word/styles.xml"].replace(
            b"</w:styles>", b"<!--" + b"A" * 60_000_000 + b"--></w:styles>"
        ),
        "word/styles.xml inflates to 600",
    ),
    "200 000 elements": (
        lambda: reference_parts()["word/styles.xml"].replace(
            b"</w:styles>", b"<w:x/>" * 200_000 + b"</w:styles>"
        ),
        "word/styles.xml holds more than 100000 XML elements",
    ),
    "a DTD with entities": (
        lambda: b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><w:styles/>',
        "word/styles.xml declares a DTD",
    ),
    "malformed XML": (lambda: b"<w:styles><oops></w:styles>", "word/styles.xml is not well-formed"),
}


@pytest.mark.parametrize("case", sorted(BOMB_CASES))
def test_a_hostile_reference_docx_is_refused_fast_before_rendering(case, tmp_path, out, kept):
    styles, expected = BOMB_CASES[case]
    workspace = make_workspace(tmp_path / "ws")
    folder = own_template(workspace)
    _styles_variant(folder, styles())
    started = time.monotonic()
    result = run_cli("build", "-w", str(workspace), "--out", str(out), "--timings")
    elapsed = time.monotonic() - started
    assert result.returncode == 2, result.stderr
    assert_no_traceback(result)
    assert f"{folder / 'reference.docx'}: " in result.stderr
    assert expected in result.stderr
    assert "BytesIO" not in result.stderr
    assert "render PDF" not in result.stderr  # found before any rendering
    assert result.max_rss_mb < 400, result.max_rss_mb  # the 60 MB part is never inflated
    assert elapsed < 30  # refused in a fraction of a second; generous for a busy machine
    kept()


def test_a_reference_docx_that_is_not_a_zip_names_the_file(tmp_path):
    workspace = make_workspace(tmp_path / "ws")
    folder = own_template(workspace)
    (folder / "reference.docx").write_bytes(b"not a zip at all")
    result = run_main("build", "-w", str(workspace), "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert f"{folder / 'reference.docx'}: reference.docx is not a Word .docx file" in result.stderr


# --- the figures workbook: inflated sizes checked before openpyxl -----------------------------


def test_an_xlsx_whose_strings_inflate_to_a_gigabyte_is_refused_at_once(tmp_path):
    workspace = make_workspace(tmp_path / "ws", "template: full\nfigures_sheet: figures.xlsx\n")
    sheet = workspace / "figures.xlsx"
    with zipfile.ZipFile(sheet, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/sharedStrings.xml", "w", force_zip64=True) as stream:
            block = b"<si><t>" + b"x" * (1 << 20) + b"</t></si>"
            for _ in range(300):  # 300 MB inflated, about 300 KB on disk
                stream.write(block)
    assert sheet.stat().st_size < 2 * 1024 * 1024
    result = run_cli("validate", "-w", str(workspace))
    assert result.returncode == 2, result.stderr
    assert "figures.xlsx: error: the workbook cannot be read safely: xl/sharedStrings.xml" in (
        result.stderr
    )
    assert result.max_rss_mb < 300, result.max_rss_mb


# --- nothing read from outside the workspace --------------------------------------------------


@pytest.mark.parametrize("what", ["layout.yaml", "theme.yaml", "reference.docx", "folder"])
def test_a_template_linking_outside_the_workspace_is_refused_unread(what, tmp_path):
    secret = tmp_path / "secret"
    secret.mkdir()
    (secret / "passwd").write_text("root:x:0:0:secret line:/root:/bin/bash\n", encoding="utf-8")
    workspace = make_workspace(tmp_path / "ws")
    if what == "folder":
        shutil.copytree(builtin_templates_dir() / "full", secret / "full")
        (workspace / "templates").mkdir()
        (workspace / "templates" / "full").symlink_to(secret / "full")
        link = workspace / "templates" / "full"
    else:
        folder = own_template(workspace)
        link = folder / what
        link.unlink()
        link.symlink_to(secret / "passwd")
    log = tmp_path / "build.log"
    result = run_cli(
        "build", "-w", str(workspace), "--out", str(tmp_path / "out"), "--log", str(log)
    )
    assert result.returncode == 2, result.stderr
    assert f"{link}: the template {'folder' if what == 'folder' else 'file'} links to" in (
        result.stderr
    )
    assert "outside the workspace" in result.stderr
    assert "secret line" not in result.stderr and "secret line" not in log.read_text()


def test_a_long_unknown_key_is_quoted_short(tmp_path):
    workspace = make_workspace(tmp_path / "ws")
    folder = own_template(workspace)
    key = "未知" * 200  # 400 characters (YAML allows implicit keys up to 1024)
    (folder / "theme.yaml").write_text(f"{key}: 1\n", encoding="utf-8")
    result = run_main("build", "-w", str(workspace), "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert "unknown field '未知未知" in result.stderr
    assert len(result.stderr) < 1000, len(result.stderr)


# --- nothing written outside out/ through a planted link ----------------------------------------


@pytest.mark.parametrize("planted", [".cache", ".gjz-brief.lock", ".sets", ".cache/charts"])
def test_a_link_planted_where_gjz_brief_writes_is_refused(planted, out, tmp_path):
    victim = tmp_path / "victim"
    victim.mkdir()
    if planted == ".sets":  # the sets hold the outputs: planted in a folder not built yet
        out = tmp_path / "fresh"
        out.mkdir()
    target = out / planted
    if target.is_dir() and not target.is_symlink():
        shutil.rmtree(target)
    elif target.exists():
        target.unlink()
    target.symlink_to(victim / "x" if planted.endswith(".lock") else victim)
    before = KeptOutputs(out) if planted != ".sets" else None
    result = run_cli("build", "--out", str(out))
    assert result.returncode == 1, result.stderr
    assert f"{target}: {planted} is a symbolic link" in result.stderr
    assert "gjz-brief writes nothing outside the output folder" in result.stderr
    assert list(victim.iterdir()) == []
    if before is not None:
        before.check()


def test_charts_and_briefing_links_planted_in_out_are_replaced_not_followed(out, tmp_path):
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "keep.txt").write_text("mine", encoding="utf-8")
    for name in ("charts", "briefing.docx", "briefing.pdf"):
        path = out / name
        path.unlink()
        path.symlink_to(victim if name == "charts" else victim / "keep.txt")
    result = run_cli("build", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert [p.name for p in victim.iterdir()] == ["keep.txt"]
    assert (victim / "keep.txt").read_text(encoding="utf-8") == "mine"
    assert os.readlink(out / "charts") == ".sets/current/charts"
    assert not list(out.glob("briefing.edited-*"))  # a planted link is not an edit


def test_a_log_file_planted_as_a_link_is_not_followed(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    victim = tmp_path / "victim.txt"
    (out / "build.log").symlink_to(victim)
    result = run_cli("build", "--out", str(out), "--log", str(out / "build.log"), "-f", "pdf")
    assert "cannot write the log file: it is a symbolic link" in result.stderr
    assert not victim.exists()


# --- output folders from before output sets ------------------------------------------------------


def test_a_folder_written_before_output_sets_is_taken_over_keeping_an_edit(built, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(built, out, symlinks=False, ignore=shutil.ignore_patterns(".sets"))
    assert not (out / "briefing.pdf").is_symlink()  # plain files, as older versions wrote
    edited = (out / "briefing.docx").read_bytes() + b"edited"
    (out / "briefing.docx").write_bytes(edited)
    result = run_cli("build", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert os.readlink(out / "briefing.pdf") == ".sets/current/briefing.pdf"
    kept = list(out.glob("briefing.edited-*.docx"))
    assert [p.read_bytes() for p in kept] == [edited]
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["outputs"]["briefing.docx"]["size"] == (out / "briefing.docx").stat().st_size


def test_a_symlinked_out_folder_still_works(built, tmp_path):
    real = tmp_path / "real"
    shutil.copytree(built, real, symlinks=True)
    link = tmp_path / "link"
    link.symlink_to(real)
    result = run_cli("build", "--out", str(link))
    assert result.returncode == 0, result.stderr
    assert (link / "briefing.pdf").stat().st_size > 10_000
    assert (real / ".sets" / "current").is_symlink()


# --- fonts checked on load ---------------------------------------------------------------------


def _damaged(tmp_path: Path, tag: str) -> Path:
    from fontTools.ttLib.sfnt import SFNTReader

    copy = tmp_path / f"damaged-{tag}.ttc"
    shutil.copyfile(ZENHEI, copy)
    with copy.open("r+b") as stream:
        entry = SFNTReader(stream, fontNumber=0).tables[tag]
        stream.seek(entry.offset)
        stream.write(b"\xff" * entry.length)
    return copy


@pytest.mark.skipif(not ZENHEI.exists() or not DEJAVU.exists(), reason="needs wqy-zenhei, DejaVu")
@pytest.mark.parametrize(
    ("font", "expected"),
    [
        ("latin", "maps 0 Chinese characters: the body role sets Chinese text"),
        ("cmap", "the character map (cmap) of"),
        ("glyf", "the glyph outlines of"),
    ],
)
def test_a_configured_font_is_checked_on_load(font, expected, tmp_path):
    path = DEJAVU if font == "latin" else _damaged(tmp_path, font)
    workspace = make_workspace(tmp_path / "ws", f"template: full\nfonts:\n  body: {path}\n")
    result = run_cli("build", "-w", str(workspace), "--out", str(tmp_path / "out"))
    assert result.returncode == 2, result.stderr
    assert_no_traceback(result)
    assert f"{path} [fonts.body]: " in result.stderr and expected in result.stderr
    assert "chart" not in result.stderr


@pytest.mark.skipif(not ZENHEI.exists(), reason="needs wqy-zenhei")
def test_a_damaged_face_in_the_font_folders_is_passed_over(tmp_path):
    folder = tmp_path / "fonts"
    folder.mkdir()
    shutil.move(_damaged(tmp_path, "cmap"), folder / "damaged.ttc")
    env = dict(os.environ, GJZ_BRIEF_FONT_DIRS=f"{folder}:/usr/share/fonts")
    result = run_cli("fonts", env=env)
    assert result.returncode == 0, result.stderr
    assert "damaged.ttc #0" not in result.stdout
    assert f"{ZENHEI} #0" in result.stdout  # the sound copy of the family stays a fallback


# --- arguments, environment and schedule --------------------------------------------------------


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        (["build", "--out", ""], "argument --out/-o: an empty path"),
        (["build", "--out", " "], "argument --out/-o: an empty path"),
        (["build", "--lock-timeout", "inf"], "'inf' is not a number of seconds from 0 to 86400"),
        (["build", "--lock-timeout", "nan"], "'nan' is not a number of seconds"),
        (["build", "--lock-timeout", "-1"], "'-1' is not a number of seconds"),
        (["build", "--issue", "0"], "'0' is not an issue number from 1 to 9999"),
        (["build", "--workspace", "a\nb"], "contains a control character"),
        (["schedule", "--out", "out/a\nb"], "contains a control character"),
        (["schedule", "--cron", "* * * *\n* * * * * rm -rf /"], "contains a control character"),
        (["schedule", "--cron", "*/30 * *"], "is not five cron time fields"),
    ],
)
def test_arguments_are_checked(arguments, expected, tmp_path):
    result = run_main(*arguments, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert expected in result.stderr
    assert not list(tmp_path.iterdir())  # nothing built into the current folder


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0", "SOURCE_DATE_EPOCH=0 is 1970-01-01, before the content's as-of date 2020-04-30"),
        ("99999999999", "after the year 2100"),
        ("-5", "is not a number of seconds"),
        ("1e9", "is not a number of seconds"),
    ],
)
def test_source_date_epoch_is_checked(value, expected, tmp_path):
    env = dict(os.environ, SOURCE_DATE_EPOCH=value)
    result = run_cli("build", "--out", str(tmp_path / "out"), "-f", "pdf", env=env)
    assert result.returncode == 2, result.stderr
    assert expected in result.stderr
    assert not (tmp_path / "out").exists()


def test_schedule_escapes_percent_and_dollar(tmp_path):
    out = tmp_path / "50% $HOME off"
    result = run_main("schedule", "--out", str(out))
    assert result.returncode == 0, result.stderr
    cron = next(line for line in result.stdout.splitlines() if line.startswith("*/30"))
    assert "50\\% $HOME off" in cron and "50%" not in cron.replace("50\\%", "")
    exec_start = next(line for line in result.stdout.splitlines() if line.startswith("ExecStart="))
    assert '"' + str(out).replace("%", "%%").replace("$", "$$") + '"' in exec_start
    assert "\n" not in cron


def test_a_newly_installed_face_makes_if_changed_rebuild(tmp_path):
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    env = dict(os.environ, GJZ_BRIEF_FONT_DIRS=f"/usr/share/fonts:{fonts}")
    out = tmp_path / "out"
    assert run_cli("build", "--out", str(out), "-f", "pdf", env=env).returncode == 0
    again = run_cli("build", "--if-changed", "--out", str(out), "-f", "pdf", env=env)
    assert "up to date" in again.stdout
    shutil.copyfile(DEJAVU, fonts / "new-face.ttf")  # any new face may change a role's choice
    changed = run_cli("build", "--if-changed", "--out", str(out), "-f", "pdf", env=env)
    assert changed.returncode == 0 and "up to date" not in changed.stdout, changed.stdout
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["inputs"]["fonts:folders"].startswith("folders:")


# --- limits after {{id}} expansion ----------------------------------------------------------------


def test_a_text_over_the_limit_once_its_references_are_filled_in_is_refused(workspace, tmp_path):
    figures = workspace / "content" / "figures.yaml"
    edit(figures, "    name: 规模以上工业企业\n", "    name: " + "规模以上工业企业" * 25 + "\n")
    narrative = workspace / "content" / "narrative.yaml"
    text = narrative.read_text(encoding="utf-8")
    first = re.search(r"(?m)^    paragraphs:\n", text)
    assert first is not None
    cites = "{{industrial_enterprises:name}}" * 600  # 18 000 characters written, 120 000 printed
    narrative.write_text(
        text[: first.end()] + f'      - "{cites}"\n' + text[first.end() :], encoding="utf-8"
    )
    started = time.monotonic()
    result = run_cli("validate", "-w", str(workspace))
    assert result.returncode == 2, result.stderr
    assert re.search(
        r"content/narrative\.yaml:\d+:\d+: error: sections\[0\]\.paragraphs\[0\]: with its "
        r"\{\{id\}\} references filled in, the text has 120000 characters, more than the "
        r"limit of 20000",
        result.stderr,
    ), result.stderr
    assert time.monotonic() - started < 30
    build = run_cli("build", "-w", str(workspace), "--out", str(tmp_path / "out"))
    assert build.returncode == 2 and build.stderr == result.stderr  # validate = build


def test_memory_of_a_refused_reference_is_bounded_in_process():
    """The refusal reads the central directory only (in-process check of the same path)."""
    from gjz_brief.errors import TemplateError
    from gjz_brief.template.reference import load_reference

    parts = reference_parts()
    parts["word/styles.xml"] = b"<w:styles>" + b" " * 50_000_000 + b"</w:styles>"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    started = time.monotonic()
    with pytest.raises(TemplateError, match="inflates to 50000021 bytes"):
        load_reference(buffer.getvalue(), Path("reference.docx"))
    assert time.monotonic() - started < 5
