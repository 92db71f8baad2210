"""The baseline the DOCX carries (absorb/baseline.py): a slot for every content text, each
figure's place in its text, and a round trip through the custom XML part."""

from __future__ import annotations

import datetime as dt

import pytest

from gjz_brief.absorb.baseline import Baseline, make_baseline, value_at
from gjz_brief.content.formatting import format_reference
from gjz_brief.document.compose import compose_document
from gjz_brief.template.loader import load_template


@pytest.fixture(scope="module", params=["full", "onepage", "jianbao"])
def composed(request, builtin_plan):
    template = load_template(request.param, None)
    document = compose_document(
        builtin_plan, template.layout, date=dt.date(2020, 4, 30), layout_name=request.param
    )
    return document, make_baseline(document, builtin_plan)


def test_every_text_slot_names_the_content_it_came_from(composed, builtin_plan):
    _, baseline = composed
    texts = [slot for slot in baseline.slots if slot.kind == "text"]
    assert texts
    for slot in texts:
        assert value_at(builtin_plan, slot.path) == slot.source
    for slot in baseline.slots:
        assert slot.expected == slot.label + slot.prefix + slot.built + slot.suffix


def test_every_section_paragraph_is_a_slot(builtin_plan):
    template = load_template("full", None)
    document = compose_document(builtin_plan, template.layout, date=dt.date(2020, 4, 30))
    baseline = make_baseline(document, builtin_plan)
    paths = {slot.path for slot in baseline.slots}
    for index, section in enumerate(builtin_plan.sections):
        assert ("sections", index, "title") in paths
        for number in range(len(section.paragraphs)):
            assert ("sections", index, "paragraphs", number) in paths


def test_spans_point_at_each_printed_figure(composed, builtin_plan):
    _, baseline = composed
    figures = builtin_plan.figures_by_id()
    spans = [(slot, span) for slot in baseline.slots for span in slot.spans]
    assert spans
    for slot, (start, end, figure_id, part) in spans:
        assert slot.built[start:end] == format_reference(figures[figure_id], part)


def test_figure_cells_and_tiles_are_figure_slots(composed, builtin_plan):
    _, baseline = composed
    for slot in baseline.slots:
        if slot.kind == "figure":
            record = baseline.figures[slot.source]
            assert slot.built == record.text
            assert builtin_plan.figures[record.index].id == slot.source


def test_the_baseline_round_trips_through_its_xml(composed):
    _, baseline = composed
    again = Baseline.from_xml(baseline.to_xml())
    assert again == baseline


@pytest.mark.parametrize(
    "data",
    [b"<other/>", b"not xml", b'<baseline xmlns="urn:gjz-brief:baseline">[1]</baseline>'],
)
def test_foreign_xml_is_no_baseline(data):
    assert Baseline.from_xml(data) is None


def test_slot_names_are_unique_and_stable(composed, builtin_plan):
    document, baseline = composed
    names = [slot.name for slot in baseline.slots]
    assert len(names) == len(set(names))
    assert make_baseline(document, builtin_plan) == baseline
