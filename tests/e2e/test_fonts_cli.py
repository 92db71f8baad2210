"""Fonts through the real CLI: roles in both outputs, Noto-only machines, fallbacks for rare
characters (PDF and charts), characters no font has, and workspace overrides per role."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pdfplumber
import pytest
from briefing_layout import read_pages
from cli_support import run_cli
from fontTools.ttLib import TTFont
from prerequisites import NOTO as NOTO_DIR
from prerequisites import WENKAI, require_file

from gjz_brief.fonts.coverage import cmap_of
from gjz_brief.fonts.model import FontFace
from gjz_brief.fonts.resolve import resolve_fonts

RARE = "\U00020bb7"  # 𠮷, CJK Extension B: not in UMing, Zen Hei or the GB2312 faces
PRIVATE = "\ue000"  # private use: no font draws it
PARAGRAPH = "甘井子区位于大连市主城区西部"
FIGURE_NAME = "name: 上市企业\n"  # a figure drawn in the enterprise_base bar chart

needs_pdffonts = pytest.mark.usefixtures("poppler")


def postscript_name(face: FontFace) -> str:
    with TTFont(face.path, fontNumber=face.index, lazy=True) as font:
        return str(font["name"].getDebugName(6))


def pdffonts(pdf: Path) -> list[tuple[str, bool]]:
    """(base font name without the subset tag, embedded) for every font of the PDF."""
    listing = subprocess.run(
        ["pdffonts", str(pdf)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    # name type [type2] encoding emb sub uni object ID: emb is the 5th column from the end
    return [(line.split()[0].split("+")[-1], line.split()[-5] == "yes") for line in listing]


def chars_of(pdf: Path, wanted: str) -> list[dict]:
    with pdfplumber.open(pdf) as document:
        return [char for page in document.pages for char in page.chars if char["text"] in wanted]


def replace_in(path: Path, old: str, new: str) -> int:
    """Replace the first ``old`` in a YAML file; returns the 1-based line of the change."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return text[: text.index(new)].count("\n") + 1


@pytest.fixture(scope="module")
def workspace_template(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("init") / "workspace"
    result = run_cli("init", str(root))
    assert result.returncode == 0, result.stderr
    return root


@pytest.fixture
def workspace(workspace_template: Path, tmp_path: Path) -> Path:
    root = tmp_path / "workspace"
    shutil.copytree(workspace_template, root)
    return root


def noto_environment() -> dict[str, str]:
    return dict(os.environ, GJZ_BRIEF_FONT_DIRS=str(require_file(NOTO_DIR)))


@needs_pdffonts
def test_with_only_noto_visible_the_build_embeds_noto_subsets(tmp_path: Path) -> None:
    listing = run_cli("fonts", env=noto_environment())
    assert listing.returncode == 0, listing.stderr
    for role in ("title", "body", "heading", "kai", "song"):
        line = next(line for line in listing.stdout.splitlines() if line.startswith(role))
        assert "PDF face Noto S" in line and "(cff outlines)" in line, line
    out = tmp_path / "out"
    result = run_cli("build", "--format", "pdf", "--out", str(out), env=noto_environment())
    assert result.returncode == 0, result.stderr
    fonts = pdffonts(out / "briefing.pdf")
    assert fonts and all(embedded for _, embedded in fonts), fonts
    assert all(name.startswith(("NotoSerifCJK", "NotoSansCJK")) for name, _ in fonts), fonts
    text = "".join(char["text"] for char in chars_of(out / "briefing.pdf", "甘井子区发展规划"))
    assert text.count("甘") > 50


def test_a_character_no_font_has_stops_validate_and_build_naming_it(workspace: Path) -> None:
    narrative = workspace / "content" / "narrative.yaml"
    line = replace_in(narrative, PARAGRAPH, PARAGRAPH[:5] + PRIVATE + PARAGRAPH[5:])
    out = workspace / "out"
    for command in (["validate"], ["build", "--out", str(out)]):
        result = run_cli(*command, "--workspace", str(workspace))
        assert result.returncode == 2, (command, result.stdout, result.stderr)
        assert "U+E000" in result.stderr, result.stderr
        assert f"content/narrative.yaml:{line}:" in result.stderr, result.stderr
        assert "Traceback" not in result.stderr
    assert not (out / "briefing.pdf").exists()


@needs_pdffonts
def test_a_rare_character_comes_from_a_fallback_in_the_pdf_and_the_chart(
    workspace: Path,
) -> None:
    fonts = resolve_fonts()
    # With the fonts setup installs the body face (AR PL UMing) lacks 𠮷, LXGW WenKai and
    # Noto CJK have it.
    assert ord(RARE) not in cmap_of(fonts.face("body")), fonts.face("body")
    fallback = next((f for f in fonts.fallbacks if ord(RARE) in cmap_of(f)), None)
    assert fallback is not None, "no installed font has 𠮷: fonts-lxgw-wenkai, fonts-noto-cjk"
    replace_in(workspace / "content" / "narrative.yaml", PARAGRAPH, PARAGRAPH[:5] + RARE)
    replace_in(workspace / "content" / "figures.yaml", FIGURE_NAME, "name: 上市企业𠮷\n")
    out = workspace / "out"
    result = run_cli("validate", "--workspace", str(workspace))
    assert result.returncode == 0, result.stderr
    result = run_cli("build", "--format", "pdf", "--workspace", str(workspace), "--out", str(out))
    assert result.returncode == 0, result.stderr

    pdf = out / "briefing.pdf"
    fallback_name = postscript_name(fallback)
    assert any(name.startswith(fallback_name) for name, _ in pdffonts(pdf)), pdffonts(pdf)
    drawn = chars_of(pdf, RARE)
    assert len(drawn) >= 2  # the paragraph and the table rows naming the figure
    assert all(fallback_name in char["fontname"] for char in drawn)
    extracted = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert PARAGRAPH[:5] + RARE in extracted.replace("\n", "")

    # The chart's SVG keeps its text as text: the label with 𠮷 names the fallback face's
    # family among its fonts, so a viewer with that font draws the real glyph.
    svg = (out / "charts" / "enterprise_base.svg").read_text(encoding="utf-8")
    label = re.search(r'<text style="([^"]*)"[^>]*>[^<]*' + RARE, svg)
    assert label, "the chart label with the rare character is not SVG text"
    assert f"'{fallback.family}'" in label.group(1)
    with TTFont(fallback.path, fontNumber=fallback.index, lazy=True) as font:
        assert font.getBestCmap()[ord(RARE)] != ".notdef"


@needs_pdffonts
def test_a_workspace_font_for_the_body_changes_the_pdf_body_font(
    workspace: Path, built: Path
) -> None:
    require_file(WENKAI)
    config = workspace / "gjz-brief.yaml"
    replace_in(config, "fonts: {}", f"fonts:\n  body: {WENKAI}")
    listing = run_cli("fonts", "--workspace", str(workspace))
    assert listing.returncode == 0, listing.stderr
    body = next(line for line in listing.stdout.splitlines() if line.startswith("body"))
    assert "LXGW WenKai" in body and str(WENKAI) in body, listing.stdout
    assert "configured in workspace" in listing.stdout
    out = workspace / "out"
    result = run_cli("build", "--format", "pdf", "--workspace", str(workspace), "--out", str(out))
    assert result.returncode == 0, result.stderr

    def body_fonts(pdf: Path) -> set[str]:
        first_page_with_text = read_pages(pdf)[:4]
        segments = [segment for page in first_page_with_text for segment in page.segments]
        line = next(segment for segment in segments if segment.text.startswith("近日，大连市"))
        return {glyph.font for glyph in line.glyphs}

    wenkai_body = body_fonts(out / "briefing.pdf")
    assert wenkai_body and all(font.startswith("LXGWWenKai") for font in wenkai_body), wenkai_body
    default_body = postscript_name(resolve_fonts().face("body"))
    assert all(font.startswith(default_body) for font in body_fonts(built / "briefing.pdf"))


def test_docx_and_pdf_use_the_same_roles(built: Path) -> None:
    """The DOCX names the office faces (ascii/hAnsi/eastAsia slots), the PDF embeds the face
    `gjz-brief fonts` reports for the same role."""
    with zipfile.ZipFile(built / "briefing.docx") as archive:
        styles = archive.read("word/styles.xml").decode("utf-8")
    expected = {
        "Title": "方正小标宋简体",
        "Normal": "仿宋_GB2312",
        "Heading1": "黑体",
        "Heading2": "楷体_GB2312",
        "Heading3": "仿宋_GB2312",
        "Footer": "宋体",
    }
    for style_id, name in expected.items():
        match = re.search(rf'w:styleId="{style_id}".*?</w:style>', styles, re.DOTALL)
        assert match, style_id
        fonts = re.search(r"<w:rFonts [^>]*/>", match.group(0))
        assert fonts, style_id
        for slot in ("ascii", "hAnsi", "eastAsia"):
            assert f'w:{slot}="{name}"' in fonts.group(0), (style_id, fonts.group(0))
    assert "Theme=" not in styles  # no theme font attribute overrides the names

    listing = run_cli("fonts")
    assert listing.returncode == 0
    resolved = resolve_fonts()
    for role, office in (("title", "方正小标宋简体"), ("body", "仿宋_GB2312"), ("heading", "黑体")):
        line = next(line for line in listing.stdout.splitlines() if line.startswith(role))
        assert f"DOCX name {office}; PDF face {resolved.face(role).family}" in line, line
    # One line of each role, as printed: the title, a 黑体 heading, a body line.
    samples = {
        "title": "甘井子区发展规划简报",
        "heading": "一、总体定位",
        "body": "近日，大连市通过",
    }
    segments = [
        segment for page in read_pages(built / "briefing.pdf")[:4] for segment in page.segments
    ]
    for role, sample in samples.items():
        line = next(s for s in segments if s.text.startswith(sample) and s.size >= 16)
        fonts_used = {glyph.font for glyph in line.glyphs if glyph.text in sample}
        name = postscript_name(resolved.face(role))
        assert all(font.startswith(name) for font in fonts_used), (role, name, fonts_used)


def test_validate_warns_about_doubled_words_with_file_and_line(workspace: Path) -> None:
    narrative = workspace / "content" / "narrative.yaml"
    line = replace_in(narrative, "装备制造业集聚区", "装备制造制造业集聚区")
    result = run_cli("validate", "--workspace", str(workspace))
    assert result.returncode == 0, result.stderr
    output = result.stdout + result.stderr
    warning = next((x for x in output.splitlines() if "制造制造" in x), None)
    assert warning is not None, output
    assert f"content/narrative.yaml:{line}:" in warning and "repetition" in warning, warning
