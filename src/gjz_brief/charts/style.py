"""The look of every chart: sizes, palette, type sizes and the fixed matplotlib settings.

Bump ``CHART_STYLE_VERSION`` whenever a change here or in a drawing function alters the
pictures, so cached charts are redrawn.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType

CHART_STYLE_VERSION = "6"  # 6: no title inside the chart (the caption is its title)

# Placed width: 150 mm fits the 156 mm GB/T 9704 text block; at 220 dpi the PNG keeps
# 220 dpi when Word shows it at that width.
WIDTH_MM = 150.0
PNG_DPI = 220
MARGIN_MM = 3.0
PT_MM = 25.4 / 72.0  # one point in millimetres

# Sober palette: greys and one muted blue; red only as the single accent.
ACCENT = "#C00000"
INK = "#262626"  # main text
MUTED_INK = "#595959"  # secondary text
FAINT_INK = "#8C8C8C"  # notes, city-horizon elements
PRIMARY = "#4A6A8A"  # bars, group boxes
PRIMARY_LIGHT = "#DCE4EC"  # tracks, field box fills
TRACK = "#E6E6E6"
RULE = "#BFBFBF"
TILE = "#F3F3F3"
WHITE = "#FFFFFF"

# Type sizes in points.
LABEL_PT = 9.0
VALUE_PT = 9.5
SMALL_PT = 8.0
NOTE_PT = 7.5
YEAR_PT = 12.0
TILE_VALUE_PT = 17.0
LEADING = 1.3  # line pitch as a multiple of the type size

# Font roles: the 黑体 role for titles and labels, the body role for small text.
LABEL_ROLE = "heading"
SMALL_ROLE = "body"

INFERRED_MARK = "（推断）"

# Fixed settings applied on top of matplotlib's defaults inside every render, so a user's
# matplotlibrc cannot change the output and nothing leaks into the caller's settings.
RC_PARAMS: dict[RcKeyType, Any] = {  # Any: matplotlib's own type for rcParams' values
    # Text stays text in the SVG, with its font named (backend.save_svg).
    "svg.fonttype": "none",
    "svg.hashsalt": "gjz-brief-charts",
    "svg.id": "gjz-chart",
    "text.usetex": False,
    "axes.unicode_minus": False,
    "path.simplify": False,
    "figure.facecolor": WHITE,
    "savefig.facecolor": WHITE,
    "savefig.transparent": False,
    "savefig.bbox": None,
    "savefig.pad_inches": 0.0,
    "text.antialiased": True,
    "lines.antialiased": True,
    "patch.antialiased": True,
}
