from __future__ import annotations

from pathlib import Path

import pytest
from fonts_support import FONTS, NOTO, UMING, WENKAI, ZENHEI, make_font, needs_installed_fonts

from gjz_brief.errors import FontConfigError, FontNotFoundError
from gjz_brief.fonts.catalog import ROLES
from gjz_brief.fonts.coverage import cmap_of
from gjz_brief.fonts.resolve import describe_fonts, parse_font_setting, resolve_fonts

pytestmark = needs_installed_fonts


def test_default_folders_pick_the_free_substitutes(default_fonts):
    faces = {role: default_fonts.face(role) for role in ROLES}
    assert (faces["title"].path.name, faces["title"].index) == ("NotoSerifCJK-Bold.ttc", 2)
    assert faces["title"].outlines == "cff"
    assert (faces["body"].path, faces["body"].index) == (UMING, 0)
    assert (faces["heading"].path, faces["heading"].index) == (ZENHEI, 0)
    assert faces["kai"].path == WENKAI
    assert (faces["song"].path, faces["song"].family) == (UMING, "AR PL UMing CN")
    body = default_fonts.roles["body"]
    assert body.office_name == "仿宋_GB2312"
    assert body.reason.startswith("free substitute: no 仿宋 installed; fonts-arphic-uming")
    assert default_fonts.roles["title"].office_name == "方正小标宋简体"


def test_fallbacks_are_simplified_faces_widest_first(default_fonts):
    fallbacks = default_fonts.fallbacks
    families = [face.family for face in fallbacks]
    assert not [f for f in families if f.endswith((" HK", " TW", " JP", " KR", " TC", "MBE"))]
    assert "LXGW WenKai" in families and "Noto Sans CJK SC" in families
    sizes = [len(cmap_of(face)) for face in fallbacks]
    assert sizes == sorted(sizes, reverse=True)
    assert 0x20BB7 in cmap_of(fallbacks[0])  # the widest face draws 𠮷
    assert len(set(fallbacks)) == len(fallbacks)


def test_font_dirs_variable_limits_the_search_to_noto(noto_fonts):
    for role in ROLES:
        face = noto_fonts.face(role)
        assert face.path.parent == NOTO
        assert face.outlines == "cff"
        assert face.family.endswith(" SC")
    assert noto_fonts.face("heading").family == "Noto Sans CJK SC"
    assert noto_fonts.face("title").path.name == "NotoSerifCJK-Bold.ttc"


def test_search_dirs_argument_wins_over_the_variable(tmp_path):
    (tmp_path / "uming.ttc").symlink_to(UMING)  # a folder with one font, whatever else is here
    fonts = resolve_fonts(search_dirs=[tmp_path], environ={"GJZ_BRIEF_FONT_DIRS": str(NOTO)})
    assert {fonts.face(role).path for role in ROLES} == {tmp_path / "uming.ttc"}
    assert fonts.face("kai").family == "AR PL UMing CN"
    assert fonts.roles["kai"].reason.startswith("no 楷体 face or known substitute installed")


@pytest.mark.parametrize("folder", ["empty", "dejavu"])
def test_no_chinese_font_names_the_packages_to_install(tmp_path, folder):
    search = tmp_path if folder == "empty" else FONTS / "truetype" / "dejavu"
    with pytest.raises(FontNotFoundError) as caught:
        resolve_fonts(environ={"GJZ_BRIEF_FONT_DIRS": str(search)})
    hint = caught.value.hint or ""
    assert "apt-get install fonts-arphic-uming fonts-wqy-zenhei fonts-lxgw-wenkai" in hint
    assert "fonts-noto-cjk" in hint
    assert str(search) in caught.value.message


@pytest.mark.parametrize("english", ["FangSong", "FS"])
def test_office_face_is_preferred_and_found_by_either_name(tmp_path, english):
    make_font(tmp_path / "simfang.ttf", english, "仿宋甘井子", chinese_family="仿宋")
    fonts = resolve_fonts(search_dirs=[tmp_path, FONTS / "truetype" / "arphic"], environ={})
    body = fonts.roles["body"]
    assert body.face.path == tmp_path / "simfang.ttf"
    assert body.reason == f"office face 仿宋 found ({english})"
    # With five characters it is no help for rare ones: the last resort of the chain.
    assert fonts.fallbacks[-1] == body.face


def test_face_that_forbids_embedding_is_skipped(tmp_path):
    make_font(tmp_path / "simhei.ttf", "SimHei", "黑体", fs_type=0x0002)
    fonts = resolve_fonts(search_dirs=[tmp_path, FONTS / "truetype" / "wqy"], environ={})
    assert fonts.face("heading").path == ZENHEI


def test_override_with_index_is_used(default_fonts):
    fonts = resolve_fonts(
        overrides={"kai": f"{UMING}#2"},
        search_dirs=[FONTS / "truetype"],
        environ={},
    )
    kai = fonts.roles["kai"]
    assert (kai.face.path, kai.face.index, kai.face.family) == (UMING, 2, "AR PL UMing TW")
    assert kai.reason == f"configured in workspace: {UMING}#2"


def test_override_to_a_missing_file(tmp_path):
    missing = tmp_path / "nowhere" / "fangsong.ttf"
    with pytest.raises(FontConfigError) as caught:
        resolve_fonts(overrides={"body": str(missing)}, search_dirs=[tmp_path], environ={})
    assert caught.value.location.field == "fonts.body"
    assert caught.value.location.file == str(missing)
    assert "not found" in caught.value.message


def test_override_to_a_text_file(tmp_path):
    text_file = tmp_path / "fangsong.ttf"
    text_file.write_text("this is not a font\n", encoding="utf-8")
    with pytest.raises(FontConfigError) as caught:
        resolve_fonts(overrides={"title": str(text_file)}, search_dirs=[tmp_path], environ={})
    assert caught.value.location.field == "fonts.title"
    assert caught.value.location.file == str(text_file)
    assert "not a usable font" in caught.value.message


def test_override_with_a_face_index_out_of_range(tmp_path):
    with pytest.raises(FontConfigError) as caught:
        resolve_fonts(overrides={"song": f"{UMING}#7"}, search_dirs=[tmp_path], environ={})
    assert "face #7 does not exist" in caught.value.message


def test_override_of_an_unknown_role(tmp_path):
    with pytest.raises(FontConfigError) as caught:
        resolve_fonts(overrides={"footnote": str(UMING)}, search_dirs=[tmp_path], environ={})
    assert caught.value.location.field == "fonts.footnote"


def test_parse_font_setting_keeps_a_hash_that_is_not_an_index():
    assert parse_font_setting("/fonts/a.ttc#3") == (Path("/fonts/a.ttc"), 3)
    assert parse_font_setting("/fonts/c#d.ttf") == (Path("/fonts/c#d.ttf"), 0)


def test_describe_fonts_names_role_office_name_file_and_reason(default_fonts):
    text = "\n".join(describe_fonts(default_fonts))
    for role in ROLES:
        assert f"\n{role} " in "\n" + text
    assert "DOCX name 仿宋_GB2312" in text
    assert f"{UMING} #0" in text
    assert "(cff outlines)" in text and "(truetype outlines)" in text
    assert "free substitute: no 黑体 installed; fonts-wqy-zenhei" in text
    assert "fallbacks for characters" in text
