"""Which faces may serve each role, best first.

Office faces (what Word/WPS on a government PC has) come first, then faces shipped with
Windows or macOS in the same style, then free faces packaged by Debian/Ubuntu. Names are
matched against every family and full name in a font's name table, in any language.
"""

from __future__ import annotations

from dataclasses import dataclass

ROLES = ("title", "body", "heading", "kai", "song")

# The typeface the standard asks for, in Chinese, and the name a DOCX should use for it.
STYLE_OF_ROLE = {
    "title": "小标宋",
    "body": "仿宋",
    "heading": "黑体",
    "kai": "楷体",
    "song": "宋体",
}
OFFICE_NAME_OF_ROLE = {
    "title": "方正小标宋简体",
    "body": "仿宋_GB2312",
    "heading": "黑体",
    "kai": "楷体_GB2312",
    "song": "宋体",
}

INSTALL_HINT = (
    "install free Chinese fonts, e.g. "
    "`apt-get install fonts-arphic-uming fonts-wqy-zenhei fonts-lxgw-wenkai` "
    "(fonts-noto-cjk works too), or set GJZ_BRIEF_FONT_DIRS / the workspace `fonts:` "
    "settings to a folder or file with Chinese fonts"
)


@dataclass(frozen=True)
class Candidate:
    """A face that may serve a role."""

    names: tuple[str, ...]  # family or full names, any of which identifies the face
    kind: str  # "office" | "system" | "free"
    source: str  # vendor or Debian package, for the reason text
    weight: int = 400  # preferred usWeightClass when a family has several faces


def _office(*names: str) -> Candidate:
    return Candidate(names, "office", "office font")


def _system(source: str, *names: str, weight: int = 400) -> Candidate:
    return Candidate(names, "system", source, weight)


def _free(package: str, *names: str, weight: int = 400) -> Candidate:
    return Candidate(names, "free", package, weight)


_NOTO_SERIF = ("Noto Serif CJK SC", "Source Han Serif SC", "Source Han Serif CN")
_NOTO_SANS = ("Noto Sans CJK SC", "Source Han Sans SC", "Source Han Sans CN")

PREFERENCES: dict[str, tuple[Candidate, ...]] = {
    "title": (
        _office("方正小标宋简体", "FZXiaoBiaoSong-B05S"),
        _office("方正小标宋_GBK", "FZXiaoBiaoSong-B05"),
        # 小标宋 is a heavy Song; a bold Song is closer to it than any regular one.
        _free("fonts-noto-cjk", *_NOTO_SERIF, weight=700),
        _system("macOS", "Songti SC", weight=700),
        _system("Windows", "宋体", "SimSun"),
        _system("macOS", "STSong", "华文宋体"),
        _free("fonts-arphic-uming", "AR PL UMing CN"),
        _free("fonts-arphic-gbsn00lp", "AR PL SungtiL GB"),
    ),
    "body": (
        _office("仿宋_GB2312", "FangSong_GB2312"),
        _office("仿宋", "FangSong"),
        _system("macOS", "STFangsong", "华文仿宋"),
        # No free simplified 仿宋 is packaged; a plain Song reads closest in running text.
        _free("fonts-arphic-uming", "AR PL UMing CN"),
        _free("fonts-noto-cjk", *_NOTO_SERIF),
        _free("fonts-lxgw-wenkai", "LXGW WenKai"),
    ),
    "heading": (
        _office("黑体", "SimHei"),
        _system("macOS", "STHeiti", "华文黑体", "Heiti SC"),
        _free("fonts-wqy-zenhei", "WenQuanYi Zen Hei"),
        _free("fonts-wqy-microhei", "WenQuanYi Micro Hei"),
        _free("fonts-noto-cjk", *_NOTO_SANS),
    ),
    "kai": (
        _office("楷体_GB2312", "KaiTi_GB2312"),
        _office("楷体", "KaiTi"),
        _system("macOS", "STKaiti", "华文楷体", "Kaiti SC"),
        _free("fonts-lxgw-wenkai", "LXGW WenKai"),
        _free("fonts-arphic-ukai", "AR PL UKai CN"),
        _free("fonts-arphic-gkai00mp", "AR PL KaitiM GB"),
        _free("fonts-noto-cjk", *_NOTO_SERIF),
    ),
    "song": (
        _office("宋体", "SimSun"),
        _system("macOS", "Songti SC"),
        _system("macOS", "STSong", "华文宋体"),
        _free("fonts-arphic-uming", "AR PL UMing CN"),
        _free("fonts-arphic-gbsn00lp", "AR PL SungtiL GB"),
        _free("fonts-noto-cjk", *_NOTO_SERIF),
    ),
}


def reason_for(role: str, candidate: Candidate, family: str) -> str:
    """Why a candidate was chosen, in words for `gjz-brief fonts`."""
    style = STYLE_OF_ROLE[role]
    if candidate.kind == "office":
        return f"office face {style} found ({family})"
    if candidate.kind == "system":
        return f"no office {style} installed; {candidate.source} face {family} instead"
    return f"free substitute: no {style} installed; {candidate.source} ({family})"
