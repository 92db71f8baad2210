"""The theme model: defaults, partial styles, derived styles, what a layout can hold."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from gjz_brief.template.theme import STYLE_DERIVATION, STYLE_DESCRIPTIONS, Theme


def test_a_style_given_in_part_keeps_the_other_default_settings():
    theme = Theme.model_validate({"styles": {"heading1": {"size_pt": 18}, "masthead": {}}})
    heading = theme.style("heading1")
    assert heading.size_pt == 18 and heading.font == "heading" and heading.align == "left"
    assert theme.style("masthead").font == "title"  # derived from the title style
    assert theme.style("masthead").size_pt == 42  # with what the derivation changes
    assert theme.style("body").size_pt == 16  # untouched styles keep their defaults


def test_a_derived_style_follows_its_base_until_the_theme_sets_it():
    theme = Theme.model_validate(
        {
            "styles": {
                "title": {"font": "song"},
                "cover_title": {"bold": True},
                "body": {"size_pt": 15},
            }
        }
    )
    cover = theme.style("cover_title")
    assert (cover.font, cover.size_pt, cover.bold) == ("song", 30, True)
    assert theme.style("toc_title").font == "song"  # unset: follows the title as set
    assert theme.style("lead").size_pt == 15 and theme.style("distribution").size_pt == 14
    assert theme.style("key_note").size_pt == 9 and theme.style("source").size_pt == 12


def test_unknown_style_name_and_bad_values_are_refused():
    with pytest.raises(ValidationError, match="titel"):
        Theme.model_validate({"styles": {"titel": {"size_pt": 20}}})
    with pytest.raises(ValidationError, match="not a colour"):
        Theme.model_validate({"colours": {"accent": "#GG0000"}})
    with pytest.raises(ValidationError, match="bottom margin would be negative"):
        Theme.model_validate({"geometry": {"top_mm": 100, "text_height_mm": 250}})


def test_every_derived_style_has_a_described_base_before_it():
    names = list(STYLE_DESCRIPTIONS)
    for name, (base, _) in STYLE_DERIVATION.items():
        assert names.index(base) < names.index(name)  # complete_styles resolves in order
    assert set(Theme().styles.model_dump()) == set(STYLE_DESCRIPTIONS)
