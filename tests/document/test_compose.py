"""Composing the document tree from the plan and a layout."""

from __future__ import annotations

import datetime as dt

import pytest

from gjz_brief.document import tree
from gjz_brief.document.compose import (
    briefing_date,
    chinese_date,
    chinese_number,
    compose_document,
    counted_title,
)
from gjz_brief.errors import ConfigError, LayoutLimitError, TemplateError
from gjz_brief.template.layout import Layout

DATE = dt.date(2020, 4, 30)


def _layout(blocks, **options):
    return Layout.model_validate({"description": "测试", "blocks": blocks, **options})


@pytest.mark.parametrize(
    ("number", "text"), [(1, "一"), (10, "十"), (12, "十二"), (21, "二十一"), (105, "一百零五")]
)
def test_heading_numbers_in_chinese(number, text):
    assert chinese_number(number) == text


def test_dates_as_gb_t_9704_writes_them():
    assert chinese_date(dt.date(2020, 4, 3)) == "2020年4月3日"


def test_the_briefing_date_is_source_date_epoch_or_the_as_of_date():
    assert briefing_date({}, DATE) == DATE
    assert briefing_date({"SOURCE_DATE_EPOCH": "1590969600"}, DATE) == dt.date(2020, 6, 1)
    for bad in ("0", "abc", "99999999999"):
        with pytest.raises(ConfigError, match="SOURCE_DATE_EPOCH"):
            briefing_date({"SOURCE_DATE_EPOCH": bad}, DATE)


def test_layout_blocks_become_document_blocks_in_order(plan):
    layout = _layout(
        [
            {"kind": "title", "dateline": True},
            {"kind": "key_figures", "figures": ["industrial", "world_500"], "columns": 2},
            {"kind": "chart", "id": "enterprises"},
            {"kind": "heading", "text": "附录"},
            {"kind": "page_break"},
        ],
        number_headings=True,
    )
    document = compose_document(plan, layout, date=DATE, layout_name="test")
    kinds = [type(block).__name__ for block in document.blocks]
    assert kinds == ["Title", "KeyFigures", "FigureBlock", "Heading", "PageBreak"]
    title, tiles, figure, heading, _ = document.blocks
    assert title.subtitle == f"{plan.meta.issuer}\u3000{chinese_date(DATE)}"
    assert [tile.value for tile in tiles.tiles] == ["288家", "50余家"]
    assert (figure.number, figure.chart_id) == (1, "enterprises")
    assert heading.full_text == "一、附录" and heading.anchor == "h3"
    assert document.meta.date == DATE and document.template == "test"


def test_an_unknown_chart_or_figure_is_a_located_template_error(plan):
    for block in ({"kind": "chart", "id": "nothing"}, {"kind": "key_figures", "figures": ["x"]}):
        with pytest.raises(TemplateError) as raised:
            compose_document(plan, _layout([block]), date=DATE, layout_name="test")
        assert raised.value.location.file == "templates/test/layout.yaml"
        assert raised.value.location.field == "blocks[0]"


def test_changes_make_a_table_only_when_there_are_some(plan):
    layout = _layout([{"kind": "changes", "title": "本期变化"}])
    assert compose_document(plan, layout, date=DATE).blocks == ()
    document = compose_document(plan, layout, date=DATE, changes=(("甲", "1家", "2家"),))
    heading, table = document.blocks
    assert isinstance(table, tree.Table) and table.rows == (("甲", "1家", "2家"),)


def _messages(plan, count):
    return plan.model_copy(
        update={
            "meta": plan.meta.model_copy(
                update={"key_messages": [f"第{n}条。" for n in range(count)]}
            )
        }
    )


@pytest.mark.parametrize(("count", "title"), [(1, "一条要点"), (2, "两条要点"), (3, "三条要点")])
def test_the_key_messages_heading_names_their_real_count(plan, count, title):
    layout = _layout([{"kind": "key_messages", "title": "{count}条要点", "limit": 3}])
    document = compose_document(_messages(plan, count), layout, date=DATE, layout_name="test")
    heading, bullets = document.blocks
    assert heading.text == title and len(bullets.items) == count


def test_more_key_messages_than_the_layout_shows_is_an_error_at_the_first_left_over(plan):
    layout = _layout([{"kind": "key_messages", "title": "{count}条要点", "limit": 3}])
    with pytest.raises(LayoutLimitError) as raised:
        compose_document(_messages(plan, 4), layout, date=DATE, layout_name="onepage")
    assert raised.value.content_path == ("meta", "key_messages", 3)
    assert "has 4 messages, but the layout 'onepage' shows at most 3" in raised.value.message


def test_a_heading_naming_another_count_is_refused():
    assert counted_title("三条要点", 3) == "三条要点"
    assert counted_title("要点", 2) == "要点"
    assert counted_title("{count}项举措", 12) == "十二项举措"
    for title in ("三条要点", "3条要点"):
        with pytest.raises(TemplateError, match="names .* items, but the content has 2"):
            counted_title(title, 2, "test")


def test_more_figures_of_a_role_than_the_tiles_is_an_error_at_the_first_left_over(plan):
    named = plan.model_copy(
        update={"figures": [f.model_copy(update={"roles": ["headline"]}) for f in plan.figures]}
    )
    layout = _layout([{"kind": "key_figures", "role": "headline", "limit": 2}])
    with pytest.raises(LayoutLimitError) as raised:
        compose_document(named, layout, date=DATE, layout_name="test")
    assert raised.value.content_path == ("figures", 2)
    assert f"{len(plan.figures)} figures have the role 'headline'" in raised.value.message
    # by default the headline figures are the key-figure panel's: the panel's list is located
    panel = next(i for i, c in enumerate(plan.charts) if c.kind == "key_figures")
    with pytest.raises(LayoutLimitError) as raised:
        compose_document(plan, _layout([{"kind": "key_figures", "limit": 1}]), date=DATE)
    assert raised.value.content_path == ("charts", panel, "figures", 1)
