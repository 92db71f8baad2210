"""Fonts by role: a FontSet answers with the face of a role."""

from __future__ import annotations

from pathlib import Path

import pytest

from gjz_brief.fonts.model import FontFace, FontSet, ResolvedFont


def test_a_role_has_its_face_and_an_unknown_role_is_an_error():
    face = FontFace(Path("/fonts/a.ttf"), 0, "A", "truetype")
    fonts = FontSet({"body": ResolvedFont("body", face, "test", "仿宋")}, ())
    assert fonts.face("body") == face
    with pytest.raises(KeyError):
        fonts.face("title")
    assert FontSet({}, ()) == FontSet({}, ())  # plain values: usable as cache keys
