"""Hypothesis strategies for content documents: the model's structure, arbitrary Unicode text
(hostile snippets, figure references) and numbers (out of range, infinite, huge)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from hypothesis import strategies as st

from gjz_brief.content.formatting import REFERENCE, REFERENCE_PARTS

IDS = ["a", "b", "fig_1", "base", "x_2", "industrial_enterprises", "Bad-Id", ""]
KINDS = ["count", "money", "share", "rate", "year", "other"]
QUALIFIERS = ["", "超", "近", "约", "突破", "达", "逾", "余", "多", "以上"]
TODAY = dt.date(2026, 1, 1)  # the loader's "today": as-of dates after it are errors
CHART_KINDS = ["timeline", "bar", "progress", "structure", "key_figures"]
# fmt: off
HOSTILE = ["&", "<", ">", '"', "'", "<b>", "</font>", "<font color='red'>", "&amp;", "$x$",
           "\\", "{{", "}}", "%s", "\u200b", "\u3000", "\ufeff", "𠮷", "\n", "\t", "  ",
           "\U0010ffff", "\u202e", "\u0301"]
# fmt: on
LONG = ["A" * 300, "9" * 60]
CONTROLS = ["\x00", "\x07", "\x1f", "\x7f", "\ufffe", "\uffff"]


def text_strategy(
    alphabet: st.SearchStrategy[str] | None = None,
    max_size: int = 40,
    controls: bool = False,
    long: bool = True,
    min_size: int = 0,
):
    """Arbitrary Unicode, hostile snippets and figure references, mixed.

    Control characters (which must be refused) come only with ``controls``: spread over every
    field they would make nearly every document fail on the first check and hide the rest.
    """
    characters = st.text(
        alphabet or st.characters(exclude_categories=("Cs", "Cc")),
        min_size=min_size,
        max_size=max_size,
    )
    snippets = HOSTILE + (CONTROLS if controls else []) + (LONG if long else [])
    piece = st.one_of(
        characters,
        st.sampled_from(snippets),
        st.sampled_from(IDS).map(lambda i: "{{" + i + "}}"),
        st.tuples(
            st.sampled_from(IDS),
            st.sampled_from(["full", "value", "target", "name", "period", "number", "bogus"]),
        ).map(lambda p: "{{" + p[0] + ":" + p[1] + "}}"),
    )
    return st.lists(piece, min_size=1, max_size=4).map("".join)


# Text the installed Chinese fonts can draw: for builds that must get through rendering.
PRINTABLE = st.sampled_from(
    list("甘井子区大连发展规划枢纽新城产业企业亿元万家年月日，。、；：“”（）《》")
    + list("abcXYZ0123456789 &<>'\"%-+/")
)


@st.composite
def numbers(draw: st.DrawFn) -> Any:
    return draw(
        st.one_of(
            st.integers(min_value=-10, max_value=5000),
            st.floats(allow_nan=True, allow_infinity=True),
            st.integers(),
            st.sampled_from([0, 100, 100.5, 1e308, 10**60, -1, 2049, 1899]),
        )
    )


def _optional(draw: st.DrawFn, mapping: dict[str, Any], optional: dict[str, Any]) -> dict:
    for key, strategy in optional.items():
        if draw(st.booleans()):
            mapping[key] = draw(strategy)
    return mapping


@st.composite
def plan_data(
    draw: st.DrawFn,
    text: st.SearchStrategy[str] | None = None,
    max_items: int = 4,
    sane: bool = False,
) -> dict[str, Any]:
    """A content document with the model's structure; values may still be out of range.

    ``sane`` keeps years, dates and numbers in range and repairs ids and references, so that
    most documents validate and reach the composer and the renderers.
    """
    text = text_strategy() if text is None else text
    ids = st.sampled_from(IDS[:6])
    years = st.integers(1900, 2100) if sane else st.integers(min_value=1850, max_value=2200)
    dates = st.dates(
        min_value=dt.date(1900, 1, 1), max_value=TODAY if sane else dt.date(2100, 12, 31)
    )
    short = st.lists(text, max_size=3)

    def items(build: Callable[[], st.SearchStrategy[Any]]) -> list[Any]:
        return draw(st.lists(build(), max_size=max_items))

    meta = _optional(
        draw,
        {
            "title": draw(text),
            "issuer": draw(text),
            "source": draw(text),
            "source_title": draw(text),
            "as_of": draw(dates),
        },
        {
            "subtitle": text,
            "subject": text,
            "keywords": short,
            "header": text,
            "bulletin_name": text,
            "editor_note": text,
            "issue_number": st.integers(1, 9999) if sane else st.integers(-1, 10001),
            "key_messages": short,
            "distribution": st.fixed_dictionaries(
                {},
                optional={
                    "report_to": short,
                    "send_to": short,
                    "issue_to": short,
                    "copies": st.integers(1, 100000) if sane else st.integers(-1, 100001),
                },
            ),
        },
    )
    vision = _optional(
        draw,
        {
            "plan_name": draw(text),
            "horizon_year": draw(years),
            "positioning": draw(text),
            "location": draw(text),
            "transport_system": draw(text),
        },
        {"hubs": short, "statements": short},
    )
    target = st.fixed_dictionaries(
        {"value": st.integers(0, 10**6) if sane else numbers()},
        optional={
            "qualifier": st.sampled_from(QUALIFIERS),
            "intent": st.sampled_from(["", "力争", "确保"]),
            "year": years,
            "source": text,
        },
    )
    figure = st.fixed_dictionaries(
        {
            "id": ids,
            "name": text,
            "kind": st.sampled_from(KINDS),
            "value": st.integers(0, 100) | st.floats(0, 100) if sane else numbers(),
            "source": text,
        },
        optional={
            "unit": st.sampled_from(["", "家", "亿元", "%", "名", "个"]),
            "qualifier": st.sampled_from(QUALIFIERS),
            "status": st.sampled_from(["actual", "target", "plan"]),
            "printed": text,
            "period": text,
            "as_of": dates,
            "base_year": years,
            "target": target,
            "group": text,
            "inferred": st.booleans(),
            "note": text,
        },
    )
    section = st.fixed_dictionaries(
        {"id": ids, "title": text},
        optional={
            "paragraphs": short,
            "charts": st.lists(ids, max_size=2),
            "tables": st.lists(ids, max_size=2),
        },
    )
    chart = st.fixed_dictionaries(
        {
            "id": ids,
            "kind": st.sampled_from(CHART_KINDS),
            "title": text,
            "figures": st.lists(ids, max_size=4),
        },
        optional={"frameworks": st.lists(ids, max_size=2), "caption": text, "alt": text},
    )
    table = st.fixed_dictionaries(
        {"id": ids, "title": text, "figures": st.lists(ids, max_size=4)},
        optional={
            "columns": st.lists(
                st.sampled_from(["name", "value", "period", "target", "source"]),
                min_size=1,
                max_size=5,
            )
        },
    )
    group = st.fixed_dictionaries(
        {"name": text}, optional={"fields": short, "inferred": st.booleans(), "note": text}
    )
    framework = st.fixed_dictionaries(
        {
            "id": ids,
            "name": text,
            "kind": st.sampled_from(["system", "layout", "pattern", "clusters", "link"]),
            "parts_stated": st.booleans(),
            "source": text,
        },
        optional={"groups": st.lists(group, max_size=3), "inferred": st.booleans(), "note": text},
    )
    milestone = st.fixed_dictionaries(
        {
            "id": ids,
            "year": years,
            "label": text,
            "goal": text,
            "source": text,
        },
        optional={
            "intent": st.sampled_from(["", "力争"]),
            "scope": st.sampled_from(["district", "city"]),
        },
    )
    project = st.fixed_dictionaries(
        {"name": text, "source": text}, optional={"category": text, "description": text}
    )
    measure = st.fixed_dictionaries(
        {"id": ids, "name": text, "source": text}, optional={"description": text, "items": short}
    )
    correction = st.fixed_dictionaries(
        {
            "printed": text,
            "used": text,
            "reason": text,
            "status": st.sampled_from(["corrected", "flagged"]),
        }
    )
    honour = st.fixed_dictionaries(
        {"name": text, "holder": text, "source": text}, optional={"year": years}
    )
    data: dict[str, Any] = {"meta": meta, "vision": vision}
    for key, build in (
        ("figures", lambda: figure),
        ("sections", lambda: section),
        ("charts", lambda: chart),
        ("tables", lambda: table),
        ("industry", lambda: framework),
        ("milestones", lambda: milestone),
        ("projects", lambda: project),
        ("measures", lambda: measure),
        ("corrections", lambda: correction),
        ("honours", lambda: honour),
    ):
        if draw(st.booleans()):
            data[key] = items(build)
    if sane:
        _repair(data)
    return data


def _repair(data: dict[str, Any]) -> None:
    """Unique ids per list, references only to ids that exist, kinds that fit the values."""
    for key in ("figures", "sections", "charts", "tables", "industry", "milestones", "measures"):
        seen: set[str] = set()
        kept = []
        for item in data.get(key, []):
            if item["id"] not in seen and re.fullmatch(r"[a-z][a-z0-9_]*", item["id"]):
                seen.add(item["id"])
                kept.append(item)
        if key in data:
            data[key] = kept
    known = {
        key: {item["id"] for item in data.get(key, [])}
        for key in ("figures", "charts", "tables", "industry")
    }
    for figure in data.get("figures", []):
        if figure["kind"] == "year":
            figure["value"] = 2020
        if figure["kind"] == "count":
            figure["value"] = int(figure["value"])
        target = figure.get("target")
        if target and "year" in target and "base_year" in figure:
            target["year"] = max(target["year"], figure["base_year"])
    for chart in data.get("charts", []):
        chart["figures"] = [i for i in chart["figures"] if i in known["figures"]]
        chart["frameworks"] = [i for i in chart.get("frameworks", []) if i in known["industry"]]
    for table in data.get("tables", []):
        table["figures"] = [i for i in table["figures"] if i in known["figures"]]
    for section in data.get("sections", []):
        section["charts"] = [i for i in section.get("charts", []) if i in known["charts"]]
        section["tables"] = [i for i in section.get("tables", []) if i in known["tables"]]
    if data.get("sections"):  # place every chart and table, so the renderers meet them all
        data["sections"][0]["charts"] = sorted(known["charts"])
        data["sections"][0]["tables"] = sorted(known["tables"])

    def fix(value: Any) -> Any:
        if isinstance(value, str):
            return REFERENCE.sub(
                lambda m: (
                    m.group(0)
                    if m.group(1) in known["figures"] and (m.group(2) or "full") in REFERENCE_PARTS
                    else "x"
                ),
                value,
            )
        if isinstance(value, dict):
            return {k: fix(v) for k, v in value.items()}
        if isinstance(value, list):
            return [fix(v) for v in value]
        return value

    for key in list(data):
        if key != "corrections":
            data[key] = fix(data[key])
