"""BuildState: heading roles that never skip a level, printed page numbers, outline levels."""

from __future__ import annotations

from gjz_brief.render.pdf.state import BuildState


def test_heading_roles_never_skip_a_level() -> None:
    state = BuildState()
    # a document opening with a level-3 heading gets H1; deeper levels step one at a time
    assert [state.heading_role(level) for level in (3, 3, 2, 1, 3, 3, 9)] == [
        "H1",
        "H2",
        "H2",
        "H1",
        "H2",
        "H3",
        "H4",
    ]


def test_heading_roles_stop_at_h6() -> None:
    state = BuildState()
    assert [state.heading_role(9) for _ in range(8)][-3:] == ["H6", "H6", "H6"]


def test_page_label_counts_from_the_first_body_page() -> None:
    state = BuildState()
    assert state.page_label(5) is None  # not known yet
    state.body_start_page = 3
    assert [state.page_label(page) for page in (1, 2, 3, 4, 10)] == [None, None, 1, 2, 8]


def test_outline_levels_step_down_one_at_a_time() -> None:
    state = BuildState()
    assert [state.outline_level_for(level) for level in (2, 2, 0, 3, 1)] == [0, 1, 0, 1, 1]


def test_every_build_pass_starts_from_fresh_state() -> None:
    first, second = BuildState(), BuildState()
    first.heading_pages["a"] = 1
    first.pages_without_header.add(2)
    first.late_forms["x"] = lambda canvas, name: None
    assert second.heading_pages == {} and second.pages_without_header == set()
    assert second.late_forms == {} and second.structure is not first.structure
