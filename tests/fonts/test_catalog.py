"""Which faces may serve each role, best first, and why one was chosen."""

from __future__ import annotations

from gjz_brief.fonts.catalog import OFFICE_NAME_OF_ROLE, PREFERENCES, ROLES, reason_for


def test_every_role_prefers_the_office_face_and_has_a_free_substitute():
    for role in ROLES:
        candidates = PREFERENCES[role]
        assert candidates[0].kind == "office"
        assert any(candidate.kind == "free" for candidate in candidates), role
        assert OFFICE_NAME_OF_ROLE[role] in candidates[0].names or role == "song"


def test_the_reason_says_what_was_found():
    office, free = PREFERENCES["heading"][0], PREFERENCES["heading"][-1]
    assert reason_for("heading", office, "黑体").startswith("office face")
    reason = reason_for("heading", free, "Noto Sans CJK SC")
    assert "free substitute" in reason and free.source in reason
