"""Template models without a build: theme defaults and merging, the page-fit record."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from gjz_brief.render.pdf.pagefit import PageFit
from gjz_brief.template.layout import Layout
from gjz_brief.template.loader import builtin_templates_dir, load_template_folder
from gjz_brief.template.theme import MM, STYLE_DERIVATION, STYLE_DESCRIPTIONS, Theme


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


@pytest.mark.parametrize("name", ["full", "onepage", "jianbao"])
def test_built_in_templates_load(name):
    template = load_template_folder(builtin_templates_dir() / name)
    assert isinstance(template.layout, Layout)
    assert template.reference_docx is not None and template.reference_docx[:2] == b"PK"
    geometry = template.theme.geometry
    assert geometry.right_mm >= 0 and geometry.bottom_mm >= 0
    if name == "onepage":
        assert template.layout.max_pages == 1 and not template.layout.running_header
    else:
        assert (geometry.top_mm, geometry.left_mm) == (37, 28)  # GB/T 9704
        assert (geometry.text_width_mm, geometry.text_height_mm) == (156, 225)


class FakeFrame:
    def __init__(self, used: float, height: float = 700.0) -> None:
        self._y1, self._y2 = 50.0, 50.0 + height
        self._y = self._y2 - used


class FakeDoc:
    def __init__(self) -> None:
        self.page = 1
        self.frame = FakeFrame(0)


class Piece:
    """Stands in for a flowable: ReportLab is not needed for the record's logic."""


def place(fit: PageFit, doc: FakeDoc, block: int | None, page: int, used: float) -> None:
    piece = Piece()
    if block is not None:
        piece._gjz_block_index = block  # what pagefit.tag sets
    fit.before_flowable(piece)
    doc.page, doc.frame = page, FakeFrame(used)
    fit.after_flowable(doc, piece)


def test_overflow_message_names_the_first_block_past_the_limit():
    fit, doc = PageFit(labels={0: "title “A”", 1: "figure 图1", 2: "list of 3"}), FakeDoc()
    place(fit, doc, 0, 1, 100)
    place(fit, doc, 1, 1, 640)  # the page is full to 640 of 700 points
    place(fit, doc, 2, 2, 90)  # the list moved over: 90 points on page 2
    message = fit.overflow_message(1)
    assert message is not None
    assert "allows 1 page but the content needs 2" in message
    assert "list of 3 starts on page 2" in message
    assert f"about {round((640 + 90 - 700) / MM)} mm too tall" in message
    assert fit.overflow_message(2) is None


def test_a_block_split_over_the_limit_runs_over_and_later_blocks_are_listed():
    fit, doc = PageFit(labels={0: "paragraph “X”", 1: "heading “Y”"}), FakeDoc()
    place(fit, doc, 0, 1, 700)
    place(fit, doc, None, 2, 30)  # the second part of the split paragraph carries no tag
    place(fit, doc, 1, 2, 60)
    message = fit.overflow_message(1)
    assert "paragraph “X” runs over onto page 2 (then heading “Y”)" in message


def test_figure_shrinks_a_little_to_stay_on_its_page_but_not_more():
    from reportlab.graphics.shapes import Drawing
    from reportlab.platypus import Spacer

    from gjz_brief.render.pdf.figures import CAPTION_GAP, MIN_FIGURE_SCALE, FittedFigure

    figure = FittedFigure(Drawing(400, 200), Spacer(1, 16))
    natural = 200 + 16 + CAPTION_GAP
    assert figure.wrap(440, 600) == (440, natural) and figure.scale == 1.0
    room = natural - 20  # 20 points short: 10 % of the drawing
    assert figure.wrap(440, room)[1] == pytest.approx(room)
    assert figure.scale == pytest.approx(0.9)
    short = 16 + CAPTION_GAP + 200 * (MIN_FIGURE_SCALE - 0.05)
    assert figure.wrap(440, short)[1] == natural  # too short: it moves on at full size
    assert figure.split(440, short) == []
