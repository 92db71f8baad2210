import re

import pytest
from repository import ARTICLE

from gjz_brief.content.punctuation import is_cjk, normalize_punctuation, suspicious_repetitions


def test_half_width_between_chinese_becomes_full_width():
    assert (
        normalize_punctuation("近日,大连市通过;决定:好?是!") == "近日，大连市通过；决定：好？是！"
    )
    assert (
        normalize_punctuation("(数据来源:大连甘井子区委宣传部)")
        == "（数据来源：大连甘井子区委宣传部）"
    )
    assert normalize_punctuation('打造"四个中心"核心') == "打造“四个中心”核心"


def test_latin_and_numbers_are_left_alone():
    assert normalize_punctuation("1,000 and 12:30") == "1,000 and 12:30"
    assert normalize_punctuation("共1,000家") == "共1,000家"


def test_repetitions():
    assert suspicious_repetitions("装备制造制造业") == ["制造制造"]
    assert suspicious_repetitions("复工率率达") == ["率率"]
    assert suspicious_repetitions("客滚滚装码头，常常") == []


# --- the source article, line by line --------------------------------------------------

HALF_WIDTH = ',;:?!()"'
FULL_WIDTH_OF = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
LATIN_RUN = re.compile(r"[0-9A-Za-z][0-9A-Za-z.%+\-/]*")


def article_lines() -> list[str]:
    lines = [line for line in ARTICLE.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(lines) >= 40
    return lines


def test_the_article_has_half_width_marks_to_normalise() -> None:
    marks = sum(line.count(mark) for line in article_lines() for mark in HALF_WIDTH)
    assert marks >= 200  # the seed article was typed with ASCII commas, colons, brackets


@pytest.mark.parametrize("line", article_lines())
def test_article_line_keeps_no_half_width_mark_next_to_chinese(line: str) -> None:
    normalised = normalize_punctuation(line)
    for index, char in enumerate(normalised):
        if char not in HALF_WIDTH:
            continue
        neighbours = normalised[max(index - 1, 0) : index] + normalised[index + 1 : index + 2]
        assert not any(is_cjk(n) for n in neighbours), (char, normalised[index - 5 : index + 5])
    # Only the marks changed, each to its full-width form; numbers and Latin words are intact.
    assert len(normalised) == len(line)
    for before, after in zip(line, normalised, strict=True):
        if before != after:
            assert before in HALF_WIDTH and after in (FULL_WIDTH_OF.get(before, ""), "“", "”")
    assert LATIN_RUN.findall(normalised) == LATIN_RUN.findall(line)
    assert normalize_punctuation(normalised) == normalised  # idempotent


def test_article_sentences_come_out_as_printed_in_the_briefing() -> None:
    lines = article_lines()
    first = next(line for line in lines if line.startswith("近日"))
    assert normalize_punctuation(first).startswith("近日，大连市通过关于推进实施《大连2049")
    source = next(line for line in lines if line.startswith("(数据来源"))
    assert normalize_punctuation(source) == "（数据来源：大连甘井子区委宣传部）"
    rate = next(line for line in lines if "38.86%" in line)
    assert "完成全年任务的38.86%，进资总量" in normalize_punctuation(rate)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("会议于12:30开始,共1,000人参加", "会议于12:30开始，共1,000人参加"),
        ("推进VTP小镇,5G物联网", "推进VTP小镇，5G物联网"),
        ("优化“3+3”格局;到2035年", "优化“3+3”格局；到2035年"),
        ("COVID-19, SARS-CoV-2 (2020)", "COVID-19, SARS-CoV-2 (2020)"),
        ("v2.0: see https://example.org/a,b", "v2.0: see https://example.org/a,b"),
    ],
)
def test_latin_and_number_contexts_next_to_chinese(text: str, expected: str) -> None:
    assert normalize_punctuation(text) == expected
