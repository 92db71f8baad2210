"""Every text of plain content, with its field path."""

from __future__ import annotations

from gjz_brief.content.walk import walk_texts


def test_every_string_with_its_path_and_nothing_else():
    data = {"a": "一", "b": [1, {"c": "二"}, ["三"]], "d": None, "e": 2.5}
    assert list(walk_texts(data)) == [(("a",), "一"), (("b", 1, "c"), "二"), (("b", 2, 0), "三")]
    assert list(walk_texts("四", ("x",))) == [(("x",), "四")]
