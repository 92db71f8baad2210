"""Property: ``validate`` and ``build`` give the same verdict on the same content, and a
content error is never exit 1 or an "internal error".

Contents are the built-in one with generated changes of the kinds that used to pass
``validate`` and then fail the build (issue #12): mixed units in a bar chart, a progress
target of 0 or none, a chart without figures, repeated table columns, long titles and
keywords, negative and huge values, YAML 1.1 number forms, pasted invisible characters,
stale fixed wording, plus the generic mutations of the fuzz tests. Both commands run
through the CLI's ``main`` (the same code path as the console script, without a new
interpreter each time), for the three templates.

HYPOTHESIS_PROFILE=long runs 400 examples instead of 25.
"""

from __future__ import annotations

import copy
import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from errors_support import run_main
from fuzz_mutations import mutated
from fuzz_support import BUILTIN, to_files, write_files
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

EXAMPLES = 400 if os.environ.get("HYPOTHESIS_PROFILE") == "long" else 25
PASTED = ["\u200b", "\u00ad", "\ufeff", "\u200d", "\ufe0f", "\u202e", "\ue000", "\uf900", "\u2f00"]
LOCATED = re.compile(r"^(\S+):(\d+):(\d+)(?: \[[^\]]*\])?: error: ", re.MULTILINE)
# A template's own limit (the 一页纸 must fit on one page) names the layout file and field.
PAGE_LIMIT = re.compile(r"layout\.yaml \[max_pages\]: the template allows")

Change = Callable[[dict[str, Any], st.DrawFn], str]


def _figure(data: dict[str, Any], figure_id: str) -> dict[str, Any]:
    return next(f for f in data["figures"] if f.get("id") == figure_id)


def _chart(data: dict[str, Any], kind: str) -> dict[str, Any]:
    return next(c for c in data["charts"] if c.get("kind") == kind)


def mix_units(data: dict[str, Any], draw: st.DrawFn) -> str:
    bar = _chart(data, "bar")
    bar["figures"].append(draw(st.sampled_from(["q1_domestic_investment", "resumption_rate"])))
    return "mixed units"


def progress_target(data: dict[str, Any], draw: st.DrawFn) -> str:
    figure = _figure(data, "high_tech_enterprises")
    if draw(st.booleans()):
        figure.setdefault("target", {})["value"] = draw(st.sampled_from([0, 0.5, 200, 10**6]))
    else:
        figure.pop("target", None)
    return "progress target"


def chart_without_figures(data: dict[str, Any], draw: st.DrawFn) -> str:
    chart = draw(st.sampled_from([c for c in data["charts"] if "figures" in c]))
    chart["figures"] = []
    return "chart without figures"


def table_columns(data: dict[str, Any], draw: st.DrawFn) -> str:
    table = draw(st.sampled_from(data["tables"]))
    names = ["name", "value", "period", "target", "source"]
    table["columns"] = draw(st.lists(st.sampled_from(names), min_size=1, max_size=200))
    return "table columns"


def long_text(data: dict[str, Any], draw: st.DrawFn) -> str:
    field = draw(st.sampled_from(["title", "subject", "subtitle"]))
    data["meta"][field] = "甘井子区发展规划" * draw(st.integers(1, 100))
    return f"long {field}"


def long_keywords(data: dict[str, Any], draw: st.DrawFn) -> str:
    data["meta"]["keywords"] = [
        "甘井子区枢纽新城" * draw(st.integers(1, 25)) for _ in range(draw(st.integers(1, 5)))
    ]
    return "keywords"


def odd_value(data: dict[str, Any], draw: st.DrawFn) -> str:
    figure = draw(st.sampled_from(data["figures"]))
    figure["value"] = draw(
        st.sampled_from([-17, -0.5, 0, 1e308, 10**13, 2.5, 101, 1e-9, 10**15 + 1])
    )
    if draw(st.booleans()):
        figure["kind"] = "other"
    return "odd value"


def stale_wording(data: dict[str, Any], draw: st.DrawFn) -> str:
    figure = _figure(data, "online_viewers")
    figure["value"] = draw(st.sampled_from([20000, 35000, 20001]))
    figure["printed"] = draw(st.sampled_from(["两万多", "三万五千多", "数万", "两万"]))
    return "wording"


def pasted(data: dict[str, Any], draw: st.DrawFn) -> str:
    section = draw(st.sampled_from(data["sections"]))
    paragraphs = section.setdefault("paragraphs", ["甘井子区"])
    index = draw(st.integers(0, len(paragraphs) - 1))
    text = paragraphs[index]
    at = draw(st.integers(0, len(text)))
    paragraphs[index] = text[:at] + draw(st.sampled_from(PASTED)) + text[at:]
    return "pasted character"


CHANGES: list[Change] = [
    mix_units,
    progress_target,
    chart_without_figures,
    table_columns,
    long_text,
    long_keywords,
    odd_value,
    stale_wording,
    pasted,
]
YAML_NUMBERS = ["1:20", "2_50", "010", "0x1F", "+12", ".5", "1.0e+3", "288", "38.86"]


@st.composite
def contents(draw: st.DrawFn) -> tuple[dict[str, str], str]:
    data = copy.deepcopy(BUILTIN)
    for change in draw(st.lists(st.sampled_from(CHANGES), max_size=2)):
        event(change(data, draw))
    if draw(st.integers(0, 4)) == 0:
        data = draw(mutated(data))
        event("generic mutation")
    files = to_files(data)
    if draw(st.integers(0, 4)) == 0:
        number = draw(st.sampled_from(YAML_NUMBERS))
        files["figures.yaml"] = files["figures.yaml"].replace("value: 288\n", f"value: {number}\n")
        event(f"value: {number}")
    return files, draw(st.sampled_from(["full", "onepage", "jianbao"]))


@pytest.mark.slow
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(contents())
def test_validate_and_build_give_the_same_verdict(content: tuple[dict[str, str], str]) -> None:
    files, template = content
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        write_files(root / "content", files)
        (root / "gjz-brief.yaml").write_text(f"template: {template}\n", encoding="utf-8")
        (root / "out").mkdir()  # validate fills its cache; the build then reuses it
        checked = run_main("validate", "--workspace", str(root))
        built = run_main("build", "--workspace", str(root), "--quiet")
        written = sorted(p.name for p in (root / "out").glob("briefing.*"))
    event(f"exit {built.returncode}")
    for result in (checked, built):
        assert "internal error" not in result.stderr, result.stderr
        assert result.returncode in (0, 2), (result.returncode, result.stderr)
    assert checked.returncode == built.returncode, (checked.stderr, built.stderr)
    if built.returncode == 2:
        # The same words and places in both, each content error at file:line:column.
        assert _errors(checked.stderr) == _errors(built.stderr)
        assert LOCATED.search(built.stderr) or PAGE_LIMIT.search(built.stderr), built.stderr
    else:
        assert written == ["briefing.docx", "briefing.pdf"], (written, built.stderr)


def _errors(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ": error: " in line or "error:" in line]
