"""How a figure is printed: number, qualifier and unit, as the article writes them."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from gjz_brief.content.model import PREFIX_QUALIFIERS, Figure, Plan, Target

# {{figure_id}} or {{figure_id:part}} inside narrative text.
REFERENCE = re.compile(r"\{\{\s*([A-Za-z0-9_]+)\s*(?::\s*([a-z_]+)\s*)?\}\}")
REFERENCE_PARTS = ("full", "number", "value", "target", "name", "period")


def format_number(value: float, decimals: int | None = None) -> str:
    """38.86 → "38.86", 288.0 → "288"; no thousands separators (Chinese usage: 7000万元).

    ``decimals``: the places the content wrote or the sheet showed (6.0 → "6.0", 512.3 with
    2 → "512.30"); the model refuses a ``decimals`` that would cut digits (check_decimals).
    """
    if decimals is not None and abs(value) < 1e15:
        exact = Decimal(format(value, ".15g"))
        shown = exact.quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
        return f"{abs(shown) if shown == 0 else shown:f}"
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return repr(float(value)).rstrip("0").rstrip(".")


def _qualified(number: str, qualifier: str) -> str:
    if not qualifier:
        return number
    if qualifier in PREFIX_QUALIFIERS:
        return qualifier + number
    return number + qualifier


def format_value(figure: Figure) -> str:
    """The number with its qualifier, without the unit: "50余", "超42", "38.86"."""
    if figure.printed:
        return figure.printed
    return _qualified(format_number(figure.value, figure.decimals), figure.qualifier)


def format_figure(figure: Figure) -> str:
    """The figure as printed in text: "50余家", "超42亿元", "38.86%", "两万多名"."""
    return format_value(figure) + figure.unit


def format_target(figure: Figure, target: Target | None = None) -> str:
    """The stated target: "力争突破200家"."""
    target = target or figure.target
    if target is None:
        return ""
    number = format_number(target.value, target.decimals)
    return target.intent + _qualified(number, target.qualifier) + figure.unit


def format_reference(figure: Figure, part: str | None) -> str:
    part = part or "full"
    if part == "full":
        return format_figure(figure)
    if part == "value":
        return format_value(figure)
    if part == "number":
        return format_number(figure.value, figure.decimals)
    if part == "target":
        return format_target(figure)
    if part == "name":
        return figure.name
    if part == "period":
        return figure.period or ""
    raise ValueError(f"unknown reference part {part!r}")


def resolve_references(text: str, figures: dict[str, Figure]) -> str:
    """Replace every {{id}} with the figure's printed form (ids are checked by validation)."""
    return REFERENCE.sub(lambda m: format_reference(figures[m.group(1)], m.group(2)), text)


def figure_records(plan: Plan) -> dict[str, dict[str, Any]]:
    """Figure id → what the manifest records of it: name, value, unit, qualifier and the
    text as printed (the figure audit and 本期变化 compare these texts)."""
    return {
        figure.id: {
            "name": figure.name,
            "value": figure.value,
            "unit": figure.unit,
            "qualifier": figure.qualifier,
            "text": format_figure(figure),
        }
        for figure in plan.figures
    }
