"""Figures in the PDF: a chart set a little smaller to stay on its page, never much."""

from __future__ import annotations

import pytest


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
