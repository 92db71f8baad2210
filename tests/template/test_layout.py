"""The layout model: blocks name roles (or, for one content, ids)."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from gjz_brief.template.layout import ChartBlock, KeyFiguresBlock


def test_a_chart_block_names_a_role_or_an_id_not_both_nor_neither():
    assert ChartBlock.model_validate({"kind": "chart", "role": "milestone_line"}).id is None
    assert ChartBlock.model_validate({"kind": "chart", "id": "x"}).role is None
    for wrong in ({"kind": "chart"}, {"kind": "chart", "role": "a", "id": "b"}):
        with pytest.raises(ValidationError, match="either a role or an id"):
            ChartBlock.model_validate(wrong)


def test_key_figures_default_to_the_headline_role():
    block = KeyFiguresBlock.model_validate({"kind": "key_figures"})
    assert (block.role, block.figures) == ("headline", None)
