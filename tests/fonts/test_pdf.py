from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from fonts_support import needs_installed_fonts
from reportlab.pdfgen import canvas

from gjz_brief.fonts.pdf import PdfFonts, register_pdf_fonts

pytestmark = needs_installed_fonts

RARE = "\U00020bb7"  # 𠮷
LINES = [
    ("title", "甘井子区发展简报"),
    ("heading", "一、总体目标"),
    ("kai", "（一）编者按"),
    ("body", f"2020年全区生产总值增长38.86%，{RARE}野家。"),
    ("song", "— 1 —"),
]
TEXT = "".join(text for _, text in LINES)
needs_poppler = pytest.mark.usefixtures("poppler")


def draw(pdf_fonts: PdfFonts, target: Path) -> Path:
    page = canvas.Canvas(str(target), invariant=1)
    y = 780.0
    for role, text in LINES:
        x = 60.0
        for font, piece in pdf_fonts.runs(role, text):
            page.setFont(font, 16)
            page.drawString(x, y, piece)
            x += page.stringWidth(piece, font, 16)
        y -= 40
    page.save()
    return target


def run(*command: str) -> str:
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


@needs_poppler
def test_noto_only_pdf_embeds_subsets_and_keeps_the_text(noto_fonts, tmp_path):
    pdf_fonts = register_pdf_fonts(noto_fonts, TEXT, cache_dir=tmp_path / "cache")
    pdf = draw(pdf_fonts, tmp_path / "noto.pdf")

    rows = [line.split() for line in run("pdffonts", str(pdf)).splitlines()[2:]]
    noto_rows = [row for row in rows if "Noto" in row[0]]
    # the face name carries a suffix unique to the subset (see _register_unique)
    assert {row[0].split("+")[1].rsplit("-", 1)[0] for row in noto_rows} == {
        "NotoSerifCJKsc-Bold",
        "NotoSansCJKsc-Regular",
        "NotoSerifCJKsc-Regular",
    }
    for row in noto_rows:
        assert row[1] == "TrueType"
        assert row[-5:-2] == ["yes", "yes", "yes"]  # embedded, subset, ToUnicode
    text = run("pdftotext", str(pdf), "-")
    for _, line in LINES:
        assert line.replace(" ", "") in text.replace(" ", "")
    assert RARE in text  # characters beyond U+FFFF survive text extraction
    assert len(list((tmp_path / "cache").glob("*.ttf"))) == 3  # one converted face per Noto file


def test_role_font_or_first_fallback_per_character(default_fonts):
    pdf_fonts = register_pdf_fonts(default_fonts, TEXT)
    body = pdf_fonts.name("body")
    assert pdf_fonts.font_for("body", "甘") == body
    assert pdf_fonts.font_for("body", " ") == body
    rare_font = pdf_fonts.font_for("body", RARE)
    assert rare_font != body
    assert rare_font == pdf_fonts.fallback_fonts[0]  # Noto Sans CJK SC, the widest face
    assert pdf_fonts.font_for("kai", RARE) == pdf_fonts.name("kai")  # LXGW WenKai has it
    assert pdf_fonts.runs("body", f"野{RARE}家") == [(body, "野"), (rare_font, RARE), (body, "家")]
    assert pdf_fonts.missing(f"甘{RARE}\ue000 \n") == {"\ue000"}


def test_names_follow_the_fonts_and_repeat_for_the_same_fonts(default_fonts, noto_fonts):
    first = register_pdf_fonts(default_fonts, TEXT)
    again = register_pdf_fonts(default_fonts, TEXT)
    noto = register_pdf_fonts(noto_fonts, TEXT)
    assert first.role_fonts == again.role_fonts
    assert first.name("body") != noto.name("body")
    assert first.name("body") == first.name("song")  # both are AR PL UMing CN
    assert first.name("title") == noto.name("title")  # same face, same subset
    assert all(name.startswith("GJZ-") for name in first.role_fonts.values())


def test_to_unicode_cmap_names_a_character_for_every_code_it_lists() -> None:
    """ReportLab maps a subset's unused codes to U+0000 and writes 𠮷 as <20BB7>; ours
    leaves the unused codes out (PDF/A-2u 6.2.11.7.2), writes UTF-16 beyond the BMP and
    keeps to 100 entries per bfchar block."""
    import re

    from gjz_brief.fonts.pdf import to_unicode_cmap

    subset = [0, 0x4E00, 0, 0x20BB7, 0xFEFF, *range(0x4E01, 0x4E01 + 200)]
    cmap = to_unicode_cmap("AAAAAA+Test", subset)
    blocks = "".join(re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S))
    entries = dict(re.findall(r"<([0-9A-F]{2})> <([0-9A-F]+)>", blocks))
    assert "00" not in entries and "02" not in entries and "04" not in entries
    assert entries["01"] == "4E00" and entries["03"] == "D842DFB7"  # 𠮷 as a surrogate pair
    assert len(entries) == len(subset) - 3
    counts = [int(n) for n in re.findall(r"(\d+) beginbfchar", cmap)]
    assert sum(counts) == len(entries) and max(counts) <= 100
    assert "<00> <CC>" in cmap  # the code space still covers every code of the subset
