"""Properties of break_lines() over random Chinese text with punctuation and Latin runs."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st
from typeset_support import em_width

from gjz_brief.typeset.linebreak import TOLERANCE, Line, break_allowed, break_lines, segment

HANZI = list("甘井子区大连规划产业发展建设")
CLOSING = list("，。、；：？！）》」』】〕”’％…·")
OPENING = list("（《「『【〔“‘")
OTHER = ["——", "……", "38.86%", "5G", "2049", "3+3", " ", "VTP", "\n"]

pieces = st.lists(
    st.one_of(
        st.sampled_from(HANZI),
        st.sampled_from(CLOSING),
        st.sampled_from(OPENING),
        st.sampled_from(OTHER),
    ),
    max_size=80,
)


def without_space(text: str) -> str:
    return "".join(ch for ch in text if not ch.isspace())


def nearest_inked(line: Line, from_end: bool):
    units = reversed(line.units) if from_end else iter(line.units)
    return next((unit for unit in units if unit.kind != "space"), None)


def has_allowed_break_inside(line: Line) -> bool:
    inked = [unit for unit in line.units if unit.kind != "space"]
    return any(break_allowed(inked[i - 1], inked[i]) for i in range(1, len(inked)))


@settings(max_examples=300, deadline=None)
@given(
    pieces,
    st.floats(min_value=1.0, max_value=30.0),
    st.sampled_from([0.0, 2.0]),
    st.sampled_from([0.0, 0.1]),
)
def test_break_lines_properties(
    parts: list[str], measure: float, indent: float, squeeze: float
) -> None:
    text = "".join(parts)
    units = segment(text)
    lines = break_lines(units, em_width, measure, indent, max_squeeze=squeeze)

    # All text is kept, in order (only spaces at breaks and the newlines disappear).
    assert without_space("".join(line.text for line in lines)) == without_space(text)

    # No unit is split, except the fragments of a unit wider than its line.
    original = [unit for unit in units if unit.kind not in ("space", "newline")]
    placed = [unit for line in lines for unit in line.units if unit.kind != "space"]
    merged: list[str] = []
    previous_fragment = False
    for unit in placed:
        if unit.fragment and previous_fragment and merged:
            merged[-1] += unit.text  # glue consecutive fragments back together
        else:
            merged.append(unit.text)
        previous_fragment = unit.fragment
    original_texts = [unit.text for unit in original]
    fragment_words = [t for t in merged if t not in original_texts]
    for word in fragment_words:
        assert em_width(word) > measure - indent, word  # cut only because it could not fit
    if not any(unit.fragment for unit in placed):
        assert [unit.text for unit in placed] == original_texts

    for line in lines:
        # Lines never exceed the measure (beyond the allowed squeeze) unless a single
        # character is wider than the line itself.
        single_char = len(line.units) == 1 and len(line.units[0].text) == 1
        assert line.natural_width <= line.available + squeeze + TOLERANCE or single_char
        if not line.squeezed:
            assert line.natural_width <= line.available + TOLERANCE or single_char

    # Kinsoku holds at every break unless the line before it had no allowed break at all.
    for line, following in pairwise(lines):
        if line.is_last or not line.units or not following.units:
            continue
        end, start = nearest_inked(line, True), nearest_inked(following, False)
        if not break_allowed(end, start):
            assert line.forced and not has_allowed_break_inside(line), (line.text, following.text)
