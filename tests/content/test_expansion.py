"""Limits on texts once their {{id}} references are filled in."""

from __future__ import annotations

from gjz_brief.content import expansion
from gjz_brief.content.expansion import expansion_problems
from gjz_brief.content.limits import MAX_TEXT_CHARS
from gjz_brief.errors import Location


def _where(path):
    return Location("content/x.yaml", len(path), field=".".join(map(str, path)))


def test_a_text_within_the_limits_is_fine(plan):
    data = {"sections": [{"paragraphs": ["共有{{industrial}}。"]}]}
    assert expansion_problems(plan, data, _where) == []


def test_a_text_too_long_once_expanded_is_located(plan):
    long_name = plan.figures[0].model_copy(update={"id": "long", "name": "长" * 200})
    plan = plan.model_copy(update={"figures": [*plan.figures, long_name]})
    text = "{{long:name}}" * (MAX_TEXT_CHARS // 200 + 1)  # short as written, long as printed
    assert len(text) < MAX_TEXT_CHARS
    problems = expansion_problems(plan, {"sections": [{"paragraphs": [text]}]}, _where)
    assert len(problems) == 1
    assert problems[0].location.field == "sections.0.paragraphs.0"
    assert "references filled in" in problems[0].message


def test_all_texts_together_have_a_limit(plan, monkeypatch):
    monkeypatch.setattr(expansion, "MAX_EXPANDED_CHARS", 10)
    data = {"a": ["一二三四五", "六七八九十", "十一"]}
    problems = expansion_problems(plan, data, _where)
    assert problems and "more than the limit of 10" in problems[-1].message
