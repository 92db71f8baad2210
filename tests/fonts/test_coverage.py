from __future__ import annotations

import os
import shutil

from fonts_support import FONTS, NOTO_SERIF, UMING, WENKAI, ZENHEI, make_font, needs_installed_fonts

from gjz_brief.errors import Location
from gjz_brief.fonts import coverage
from gjz_brief.fonts.coverage import check_coverage, cmap_of, is_drawn
from gjz_brief.fonts.model import FontFace
from gjz_brief.fonts.resolve import resolve_fonts

pytestmark = needs_installed_fonts

RARE = "\U00020bb7"  # 𠮷, CJK Extension B
PRIVATE_USE = "\ue000"


def test_which_installed_faces_have_the_rare_character():
    assert 0x20BB7 in cmap_of(FontFace(WENKAI, 0, "LXGW WenKai", "truetype"))
    assert 0x20BB7 in cmap_of(FontFace(NOTO_SERIF, 2, "Noto Serif CJK SC", "cff"))
    assert 0x20BB7 not in cmap_of(FontFace(UMING, 0, "AR PL UMing CN", "truetype"))
    assert 0x20BB7 not in cmap_of(FontFace(ZENHEI, 0, "WenQuanYi Zen Hei", "truetype"))


def test_character_only_a_fallback_has_is_fine(default_fonts):
    assert 0x20BB7 not in cmap_of(default_fonts.face("body"))
    text = f"{RARE}野家在甘井子区"
    assert check_coverage(default_fonts, [("body", text, None)]) == []


def test_rare_character_without_any_face_is_a_problem_at_its_location():
    fonts = resolve_fonts(search_dirs=[FONTS / "truetype" / "arphic"], environ={})
    location = Location(file="content/figures.yaml", line=12, field="sections[0].paragraphs[1]")
    problems = check_coverage(fonts, [("body", f"吉祥{RARE}字{RARE}", location)])
    assert len(problems) == 1  # reported once per text, not per occurrence
    problem = problems[0]
    assert "U+20BB7" in problem.message and RARE in problem.message
    assert problem.location == location
    assert problem.severity == "error"


def test_private_use_character_is_a_problem(default_fonts):
    problems = check_coverage(default_fonts, [("heading", f"标题{PRIVATE_USE}", None)])
    assert [p.message.split(" ")[1:3] for p in problems] == [["'\\ue000'", "(U+E000"]]
    assert problems[0].location == Location()


def test_whitespace_and_invisible_characters_are_ignored(default_fonts):
    text = "甘井子\n\t \u3000\u200b\ufeff\u00ad区\ufe0f"
    assert check_coverage(default_fonts, [("body", text, None)]) == []
    assert not is_drawn("\u3000") and is_drawn("。")


def test_each_text_is_checked_against_its_own_role(tmp_path):
    # A Song face of 1 200 ideographs (enough to count as Chinese): 甘井子区 but not 玥 (U+73A5).
    ideographs = "".join(chr(code) for code in range(0x4E00, 0x4E00 + 1200)) + "甘子区"
    make_font(tmp_path / "narrow.ttf", "Narrow Song", ideographs, chinese_family="窄宋")
    fonts = resolve_fonts(search_dirs=[tmp_path], environ={})
    assert "玥" not in ideographs and "井" in ideographs
    problems = check_coverage(
        fonts,
        [("body", "甘井子区", Location(field="a")), ("kai", "玥", Location(field="b"))],
    )
    assert [p.location.field for p in problems] == ["b"]
    assert "U+73A5" in problems[0].message


@needs_installed_fonts
def test_tables_kept_in_the_cache_equal_the_fonts_and_follow_a_changed_file(tmp_path):
    font = tmp_path / "uming.ttc"
    shutil.copyfile(FONTS / "truetype" / "arphic" / "uming.ttc", font)
    face = FontFace(font, 0, "AR PL UMing CN", "truetype")
    coverage.forget_tables()
    coverage.keep_tables([face], tmp_path / "cache")
    (stored,) = (tmp_path / "cache").glob("cmap-*.bin")
    read = coverage.cmap_of(face)
    coverage.forget_tables()
    coverage.keep_tables([face], tmp_path / "cache")  # from the stored table, not the font
    assert coverage.cmap_of(face) == read and set(coverage.cmap_of(face)) == set(read)
    assert 0x7518 in coverage.cmap_of(face)  # 甘
    status = font.stat()
    os.utime(font, ns=(status.st_atime_ns, status.st_mtime_ns + 1_000_000_000))
    coverage.forget_tables()
    coverage.keep_tables([face], tmp_path / "cache")
    assert len(list((tmp_path / "cache").glob("cmap-*.bin"))) == 2  # the file changed: read anew
    for table in (tmp_path / "cache").glob("cmap-*.bin"):
        table.write_bytes(b"garbage")
    coverage.forget_tables()
    coverage.keep_tables([face], tmp_path / "cache")  # a damaged table: read from the font
    assert coverage.cmap_of(face) == read
    assert stored.read_bytes() == b"garbage"  # the stale one is left; the current is rewritten
    assert len(read.to_bytes()) in {len(t.read_bytes()) for t in (tmp_path / "cache").iterdir()}
    coverage.forget_tables()
