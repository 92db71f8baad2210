"""`gjz-brief preview`: PNG thumbnails of every PDF page and a contact sheet."""

from __future__ import annotations

import shutil

import pdfplumber
import pytest
from PIL import Image
from template_support import run_cli

pytestmark = pytest.mark.usefixtures("poppler")


def test_preview_writes_a_thumbnail_per_page_and_a_contact_sheet(cli_builds, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    shutil.copy(cli_builds.get("--template", "jianbao") / "briefing.pdf", out / "briefing.pdf")
    with pdfplumber.open(out / "briefing.pdf") as pdf:
        pages = len(pdf.pages)
    assert pages >= 5

    result = run_cli("preview", "--out", str(out))
    assert result.returncode == 0, result.stderr
    folder = out / "preview"
    assert str(folder / "contact-sheet.png") in result.stdout
    thumbnails = sorted(folder.glob("page-*.png"))
    assert [p.name for p in thumbnails] == [f"page-{i:02d}.png" for i in range(1, pages + 1)]
    with Image.open(thumbnails[0]) as first:
        width, height = first.size
        assert height / width == pytest.approx(297 / 210, rel=0.02)  # an A4 page
        # The masthead is red: some pixels near the top are clearly red.
        top = first.convert("RGB").crop((0, 0, width, height // 3))
        colours = top.getcolors(maxcolors=top.width * top.height) or []
        assert any(r > 180 and g < 80 and b < 80 for _, (r, g, b) in colours)
    with Image.open(folder / "contact-sheet.png") as sheet:
        rows = (pages + 3) // 4
        assert sheet.width > 4 * width and sheet.height > rows * height
        assert sheet.height < (rows + 1) * height


def test_preview_drops_thumbnails_of_pages_that_no_longer_exist(cli_builds, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    shutil.copy(cli_builds.get("--template", "jianbao") / "briefing.pdf", out / "briefing.pdf")
    assert run_cli("preview", "--out", str(out)).returncode == 0
    shutil.copy(cli_builds.get("--template", "onepage") / "briefing.pdf", out / "briefing.pdf")
    assert run_cli("preview", "--out", str(out)).returncode == 0
    assert [p.name for p in sorted((out / "preview").glob("page-*.png"))] == ["page-01.png"]


def test_preview_without_a_build_says_what_to_do(tmp_path):
    result = run_cli("preview", "--out", str(tmp_path))
    assert result.returncode == 1
    assert "no briefing.pdf" in result.stderr and "gjz-brief build" in result.stderr
    assert not (tmp_path / "preview").exists()
