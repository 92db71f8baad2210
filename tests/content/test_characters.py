"""Pasted characters: cleaned with a located warning, or refused, by kind (characters.py)."""

from __future__ import annotations

import textwrap
import unicodedata

import pytest

from gjz_brief.content.characters import clean_text
from gjz_brief.content.loader import load_content
from gjz_brief.content.yaml_source import YamlProblems, parse_yaml
from gjz_brief.errors import ContentError

# One or more members of each kind of the README's table, and what becomes of them.
REMOVED = [
    "\u200b",  # zero-width space
    "\u00ad",  # soft hyphen
    "\ufeff",  # byte-order mark inside a text
    "\u200d",  # zero-width joiner
    "\u200c",  # zero-width non-joiner
    "\u2060",  # word joiner
    "\u200e",  # left-to-right mark
    "\u2063",  # invisible separator
    "\U000e0041",  # tag letter A
    "\ufe0f",  # variation selector 16
    "\U000e0100",  # ideographic variation selector 17
]
REPLACED = {
    "\u00a0": " ",  # no-break space
    "\u2002": " ",  # en space
    "\u202f": " ",  # narrow no-break space
    "\uf900": "\u8c48",  # CJK compatibility ideograph 豈 → 豈
    "\U0002f800": "\u4e3d",  # compatibility supplement 丽 → 丽
    "\u2f00": "一",  # Kangxi radical one → 一
    "\u2f9c": "足",  # Kangxi radical foot → 足
    "\ufb01": "fi",  # ligature
}
REFUSED = [
    "\x07",  # control
    "\x85",  # C1 control (next line)
    "\u202e",  # right-to-left override
    "\u2066",  # left-to-right isolate
    "\ufff9",  # interlinear annotation anchor
    "\u0600",  # Arabic number sign (a prepended format character)
    "\ue000",  # private use
    "\U000f0000",  # supplementary private use
    "\ufffd",  # replacement character
    "\ufffc",  # object replacement character
    "\u2028",  # line separator
    "\ufdd0",  # noncharacter
    "\u0378",  # unassigned
    "\u2e9a",  # unassigned in the radicals supplement
    "\u2e81",  # a radical with no ideograph to stand for
]
KEPT = ["甘", "\u3000", " ", "，", "（", "Ａ", "１", "㈠", "²", "€", "𠮷", "\ufa0e"]


@pytest.mark.parametrize("character", REMOVED)
def test_invisible_format_characters_and_selectors_are_removed(character: str) -> None:
    cleaned, (finding,) = clean_text(f"甘井{character}子区")
    assert cleaned == "甘井子区" and finding.action == "removed" and finding.index == 2


@pytest.mark.parametrize(("character", "replacement"), REPLACED.items())
def test_look_alikes_and_spaces_are_replaced(character: str, replacement: str) -> None:
    cleaned, (finding,) = clean_text(f"甘井{character}区")
    assert cleaned == f"甘井{replacement}区"
    assert finding.action == "replaced" and finding.replacement == replacement


@pytest.mark.parametrize("character", REFUSED)
def test_characters_that_cannot_be_cleaned_are_refused(character: str) -> None:
    cleaned, (finding,) = clean_text(f"甘井{character}区")
    assert finding.action == "refused" and cleaned == f"甘井{character}区"


@pytest.mark.parametrize("character", KEPT)
def test_ordinary_characters_are_kept(character: str) -> None:
    assert clean_text(f"甘井{character}区") == (f"甘井{character}区", [])


def test_combining_marks_compose_or_are_refused() -> None:
    cleaned, (finding,) = clean_text("Cafe\u0301")
    assert cleaned == "Café" and finding.action == "replaced"
    cleaned, (finding,) = clean_text("甘\u0301")  # nothing to compose with
    assert finding.action == "refused" and finding.kind == "combining mark"


def test_every_format_character_is_decided() -> None:
    """The whole kind, not four examples: every Cf, Co, Cn, Zl, Zp and selector of the BMP
    and the special planes is removed or refused, never kept as it is."""
    for code in [*range(0x10000), *range(0xE0000, 0xE0200)]:
        character = chr(code)
        category = unicodedata.category(character)
        if category in ("Cf", "Co", "Cn", "Zl", "Zp") or 0xFE00 <= code <= 0xFE0F:
            _, findings = clean_text(character)
            assert findings and findings[0].action in ("removed", "refused"), hex(code)


def test_yaml_warnings_name_file_line_and_column() -> None:
    text = "a:\n  b: 甘井\u200b子区\u00ad发展\ufeff规划\u200d简报\n"
    document = parse_yaml(text, "c.yaml")
    assert document.data == {"a": {"b": "甘井子区发展规划简报"}}
    assert [str(w).split(": warning")[0] for w in document.warnings] == [
        "c.yaml:2:8",
        "c.yaml:2:11",
        "c.yaml:2:14",
        "c.yaml:2:17",
    ]
    assert "a.b: removed the invisible format character U+200B ZERO WIDTH SPACE" in str(
        document.warnings[0]
    )


def test_yaml_refusals_are_errors_at_their_column() -> None:
    with pytest.raises(YamlProblems) as caught:
        parse_yaml("t: 甘井\u202e子区\n", "c.yaml")
    (problem,) = caught.value.problems
    assert str(problem).startswith(
        "c.yaml:1:6: error: t: text contains the bidirectional control U+202E RIGHT-TO-LEFT "
        "OVERRIDE"
    )


def test_an_escaped_character_is_located_at_its_text() -> None:
    document = parse_yaml('t: "甘井\\u200b子区"\n', "c.yaml")
    assert document.data == {"t": "甘井子区"}
    assert str(document.warnings[0]).startswith("c.yaml:1:4: warning")


def test_the_loader_reports_the_warnings_and_cleans_the_content(write_content) -> None:
    folder = write_content(
        {
            "vision.yaml": textwrap.dedent(
                """\
                vision:
                  plan_name: 大连2049城市愿景规划
                  horizon_year: 2049
                  positioning: 枢纽\u200b新城
                  location: 大连市主城区西部
                  transport_system: 海陆空\u00ad交通体系
                """
            )
        }
    )
    loaded = load_content(folder, display_root=folder.parent)
    assert loaded.plan.vision.positioning == "枢纽新城"
    assert loaded.plan.vision.transport_system == "海陆空交通体系"
    shown = [str(w) for w in loaded.warnings]
    assert any(w.startswith("content/vision.yaml:4:18: warning: vision.positioning") for w in shown)
    assert any(w.startswith("content/vision.yaml:6:24: warning:") for w in shown), shown


def test_the_loader_refuses_private_use(write_content) -> None:
    folder = write_content(
        {
            "vision.yaml": "vision:\n  plan_name: 大连\ue000规划\n  horizon_year: 2049\n"
            "  positioning: 枢纽新城\n  location: 大连\n  transport_system: 海陆空\n"
        }
    )
    with pytest.raises(ContentError) as caught:
        load_content(folder, display_root=folder.parent)
    assert "content/vision.yaml:2:16: error: vision.plan_name: text contains the private-use" in (
        str(caught.value)
    )
