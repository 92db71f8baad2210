"""segment(): which pieces of Chinese text may never be split across lines."""

from __future__ import annotations

import pytest

from gjz_brief.typeset.linebreak import CANNOT_END, CANNOT_START, Unit, break_allowed, segment


def texts(text: str) -> list[str]:
    return [unit.text for unit in segment(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("完成全年任务的38.86%，", ["完", "成", "全", "年", "任", "务", "的", "38.86%", "，"]),
        ("推动5G、工业", ["推", "动", "5G", "、", "工", "业"]),
        ("世界500强企业", ["世", "界", "500", "强", "企", "业"]),
        ("优化“3+3”格局", ["优", "化", "“", "3+3", "”", "格", "局"]),
        ("“2213”产业", ["“", "2213", "”", "产", "业"]),
        ("大连2049城市", ["大", "连", "2049", "城", "市"]),
        ("复工率达98.3%", ["复", "工", "率", "达", "98.3%"]),
        ("推进VTP小镇", ["推", "进", "VTP", "小", "镇"]),
        ("COVID-19疫情", ["COVID-19", "疫", "情"]),
        ("约1,000元", ["约", "1,000", "元"]),
        ("到2020,甘井子", ["到", "2020", ",", "甘", "井", "子"]),
        ("气温25℃。", ["气", "温", "25℃", "。"]),
        ("增长5‰", ["增", "长", "5‰"]),
        ("5G.", ["5G", "."]),
    ],
)
def test_latin_and_digit_runs_stay_whole(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


def test_dash_and_ellipsis_are_two_character_clusters() -> None:
    units = segment("甘井子区——围绕……好")
    assert [(u.text, u.kind) for u in units if u.kind == "cluster"] == [
        ("——", "cluster"),
        ("……", "cluster"),
    ]
    assert texts("————") == ["——", "——"]
    assert texts("一—二") == ["一", "—", "二"]  # a single dash is just a character


def test_spaces_newlines_and_marks() -> None:
    units = segment("甲  乙\r\n丙\n\n丁")
    assert [(u.text, u.kind) for u in units] == [
        ("甲", "char"),
        ("  ", "space"),
        ("乙", "char"),
        ("\n", "newline"),
        ("丙", "char"),
        ("\n", "newline"),
        ("\n", "newline"),
        ("丁", "char"),
    ]
    assert texts("e\u0301a") == ["e\u0301a"]  # a combining accent stays with its letter
    assert texts("葛\U000e0100人") == ["葛\U000e0100", "人"]  # an ideographic variation


def test_every_listed_mark_has_its_class() -> None:
    for mark in "，。、；：？！）］｝》〉」』】〕”’％‰℃·…":
        assert mark in CANNOT_START
    for mark in "（［｛《〈「『【〔“‘":
        assert mark in CANNOT_END
    assert "中" not in CANNOT_START | CANNOT_END


def test_break_allowed_follows_the_classes() -> None:
    han, comma, open_quote = Unit("中", "char"), Unit("，", "char"), Unit("“", "char")
    assert break_allowed(han, han)
    assert not break_allowed(han, comma)
    assert not break_allowed(open_quote, han)
    assert break_allowed(comma, open_quote)
    assert break_allowed(None, comma) and break_allowed(open_quote, None)
    assert not Unit(" ", "space").cannot_start


def test_ideographic_space_is_a_character_cell_not_a_break() -> None:
    units = segment("\u3000\u3000正文 a\tb")
    assert [(u.text, u.kind) for u in units] == [
        ("\u3000", "char"),
        ("\u3000", "char"),
        ("正", "char"),
        ("文", "char"),
        (" ", "space"),
        ("a", "latin"),
        ("\t", "space"),
        ("b", "latin"),
    ]


# --- URLs and IDs (issue #19) ---------------------------------------------------------------
URL = "https://www.dlgjz.gov.cn/zwgk/tzgg/202004/t20200413_123456.html?id=5&page=2"


def test_a_url_is_cut_after_its_natural_break_points_into_joined_pieces() -> None:
    units = [unit for unit in segment(f"详见{URL}。") if unit.kind == "latin"]
    assert [unit.text for unit in units] == [
        "https://", "www.", "dlgjz.", "gov.", "cn/", "zwgk/", "tzgg/", "202004/",
        "t20200413_", "123456.", "html?", "id=5&", "page=2",
    ]  # fmt: skip
    assert [unit.joined for unit in units] == [False] + [True] * 12
    assert "".join(unit.text for unit in units) == URL  # the 。 after it is not part of it


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        ("发送至gjzfzb@dl.gov.cn，", ["gjzfzb@dl.", "gov.", "cn"]),
        ("编号GJZ-2020-FZ-000123号", ["GJZ-", "2020-", "FZ-", "000123"]),
        ("见www.dl.gov.cn。", ["www.", "dl.", "gov.", "cn"]),
        ("（见http://a.cn/b)", ["http://", "a.", "cn/", "b"]),  # the ) closes the sentence's
        ("网址https://a.cn/x_(1)。", ["https://", "a.", "cn/", "x_", "(1)"]),
    ],
)
def test_urls_mail_addresses_and_long_ids_break_at_natural_points(
    text: str, pieces: list[str]
) -> None:
    assert [u.text for u in segment(text) if u.kind == "latin"] == pieces


@pytest.mark.parametrize("text", ["COVID-19", "2020-2035", "1/2", "10:30", "3+3", "GB/T"])
def test_short_runs_and_numbers_stay_one_unit(text: str) -> None:
    (unit,) = [u for u in segment(f"甲{text}乙") if u.kind == "latin"]
    assert unit.text == text and not unit.joined
