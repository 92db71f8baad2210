"""The built-in content: valid, self-consistent, and faithful to the source article.

The project loader is written separately, so these tests read the YAML files directly
(``yaml.safe_load`` each, merge the top-level keys) and validate with ``Plan``.
The faithfulness checks compare the content with the seed article, kept in the repository
(assets/source).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from repository import ARTICLE

import gjz_brief
from gjz_brief.content.formatting import (
    REFERENCE,
    REFERENCE_PARTS,
    format_figure,
    format_number,
    format_target,
)
from gjz_brief.content.model import Plan

CONTENT_DIR = Path(gjz_brief.__file__).parent / "builtin" / "content"
# A verbatim copy of the seed article (the source the content was written from).
ARTICLE_PATH = ARTICLE

# Arabic numbers of the article that are part of a name, not figures. Each maps to the text
# around it in the article, which the tests check is really there.
NAME_NUMBERS = {
    "2049": "《大连2049城市愿景规划》",  # the plan's name (also its horizon year)
    "2213": "“2213”产业体系",  # the name of the industry system; its parts are not given
    "3": "“3+3”现代产业",  # the name of the industry pattern
    "5": "5G",  # the technology
    "500": "世界500强",  # the Fortune Global 500
}

# A photo caption printed in the middle of a sentence (at a page break of the original).
INTERRUPTING_CAPTION = "大连装备制造制造有限公司汽车发动机装配线"

# Copy errors of the article that must not reappear outside corrections.yaml.
ERRONEOUS_FORMS = ("制造制造", "文旅旅游", "率率", "合法权益和权益", "项目建设和带来")

NUMBER = re.compile(r"\d+(?:\.\d+)?")
FULL_TO_HALF = str.maketrans("，；：（）？！", ",;:()?!")
CJK = r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’]"
HALF_WIDTH_NEXT_TO_CJK = re.compile(rf"(?<={CJK})[,;:()?!]|[,;:()?!](?={CJK})")


def normalize(text: str) -> str:
    """Compare texts ignoring whitespace and full- versus half-width punctuation."""
    return re.sub(r"\s+", "", text).translate(FULL_TO_HALF)


def numbers_in(text: str) -> set[str]:
    return {format_number(float(match)) for match in NUMBER.findall(text)}


def content_files() -> list[Path]:
    return sorted(CONTENT_DIR.glob("*.yaml"))


def load_files() -> dict[str, dict[str, Any]]:
    return {path.name: yaml.safe_load(path.read_text(encoding="utf-8")) for path in content_files()}


def merged_content() -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for data in load_files().values():
        merged.update(data)
    return merged


def strings(node: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """Every string in a dumped model, with its dotted path."""
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from strings(value, f"{path}.{key}" if path else str(key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from strings(value, f"{path}[{index}]")


@pytest.fixture(scope="module")
def plan() -> Plan:
    # strict, as the project's validator runs it: no "288" strings coerced to numbers
    return Plan.model_validate(merged_content(), strict=True)


@pytest.fixture(scope="module")
def dumped(plan: Plan) -> dict[str, Any]:
    return plan.model_dump()


@pytest.fixture(scope="module")
def article() -> str:
    return ARTICLE_PATH.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def article_flat(article: str) -> str:
    return normalize(article)


@pytest.fixture(scope="module")
def article_prose(article_flat: str, plan: Plan) -> str:
    """The article as continuous prose with the content's corrections applied."""
    prose = article_flat.replace(INTERRUPTING_CAPTION, "")
    for correction in plan.corrections:
        if correction.status == "corrected":
            prose = prose.replace(normalize(correction.printed), normalize(correction.used))
    return prose


IDENTIFIER = re.compile(r"[a-z][a-z0-9_]*")


def prose(dumped: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """Every string except identifiers (ids and id lists such as ``district_2020``, ``q1_…``)."""
    return ((path, text) for path, text in strings(dumped) if not IDENTIFIER.fullmatch(text))


def content_text(dumped: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """Prose outside the corrections, where corrected forms must be used."""
    return ((path, text) for path, text in prose(dumped) if not path.startswith("corrections"))


# ── 1. structure and validation ───────────────────────────────────────────────


def test_each_top_level_key_is_in_exactly_one_file() -> None:
    owners: dict[str, list[str]] = {}
    for name, data in load_files().items():
        assert isinstance(data, dict), name
        for key in data:
            owners.setdefault(key, []).append(name)
    assert {key: files for key, files in owners.items() if len(files) > 1} == {}
    # default_source serves figures without a source; every built-in figure cites its own.
    assert set(owners) == set(Plan.model_fields) - {"default_source"}


def test_every_file_starts_with_a_bilingual_comment() -> None:
    for path in content_files():
        head = path.read_text(encoding="utf-8").splitlines()[:6]
        comments = [line for line in head if line.startswith("#")]
        assert any(re.search(r"[\u4e00-\u9fff]", line) for line in comments), path.name
        assert any(re.search(r"[A-Za-z]{4,} [A-Za-z]{3,}", line) for line in comments), path.name


def test_merged_content_validates(plan: Plan) -> None:
    assert plan.meta.bulletin_name == "甘井子区发展简报"
    assert len(plan.figures) >= 30
    assert [section.id for section in plan.sections] == [
        "positioning",
        "goals",
        "industry",
        "investment",
        "innovation",
        "epidemic",
    ]


def test_ids_are_unique(plan: Plan) -> None:
    for items in (
        plan.figures,
        plan.milestones,
        plan.industry,
        plan.sections,
        plan.charts,
        plan.tables,
        plan.measures,
    ):
        ids = [item.id for item in items]
        assert len(ids) == len(set(ids)), ids


# ── 2. references ─────────────────────────────────────────────────────────────


def test_every_reference_names_an_existing_figure_and_part(
    plan: Plan, dumped: dict[str, Any]
) -> None:
    figures = plan.figures_by_id()
    found = 0
    for path, text in strings(dumped):
        for match in REFERENCE.finditer(text):
            found += 1
            figure_id, part = match.group(1), match.group(2)
            assert figure_id in figures, f"{path}: unknown figure {figure_id!r}"
            assert part is None or part in REFERENCE_PARTS, f"{path}: unknown part {part!r}"
            if part == "target":
                assert figures[figure_id].target is not None, f"{path}: {figure_id} has no target"
            if part == "period":
                assert figures[figure_id].period, f"{path}: {figure_id} has no period"
        assert "{{" not in REFERENCE.sub("", text), f"{path}: malformed reference"
    assert found >= 30


def test_charts_and_tables_name_existing_figures_and_frameworks(plan: Plan) -> None:
    figure_ids = set(plan.figures_by_id())
    framework_ids = {framework.id for framework in plan.industry}
    for spec in [*plan.charts, *plan.tables]:
        assert set(spec.figures) <= figure_ids, spec.id
    for chart in plan.charts:
        assert set(chart.frameworks) <= framework_ids, chart.id
        if chart.kind in ("bar", "progress", "key_figures"):
            assert chart.figures, chart.id
        if chart.kind == "progress":
            for figure_id in chart.figures:
                figure = plan.figure(figure_id)
                assert figure.target is not None or figure.unit == "%", figure_id
    assert {chart.id for chart in plan.charts} >= {
        "milestone_timeline",
        "enterprise_base",
        "target_progress",
        "industry_structure",
        "key_figures",
    }


def test_each_chart_and_table_is_placed_in_exactly_one_section(plan: Plan) -> None:
    placed_charts = [chart for section in plan.sections for chart in section.charts]
    placed_tables = [table for section in plan.sections for table in section.tables]
    assert sorted(placed_charts) == sorted(chart.id for chart in plan.charts)
    assert sorted(placed_tables) == sorted(table.id for table in plan.tables)


def test_every_figure_is_cited_in_the_narrative(plan: Plan) -> None:
    cited = {
        match.group(1)
        for section in plan.sections
        for paragraph in section.paragraphs
        for match in REFERENCE.finditer(paragraph)
    }
    assert set(plan.figures_by_id()) - cited == set()


def test_no_figure_is_written_as_a_literal_number(plan: Plan, dumped: dict[str, Any]) -> None:
    """Outside quotations, numbers are references, dates (…年/月/日) or parts of names."""
    for path, text in content_text(dumped):
        if path.endswith((".source", ".printed")) or path == "meta.source":
            continue
        bare = REFERENCE.sub("", text)
        for match in NUMBER.finditer(bare):
            number = format_number(float(match.group()))
            is_date = bare[match.end() : match.end() + 1] in ("年", "月", "日")
            assert is_date or number in NAME_NUMBERS, f"{path}: literal number {number} in {text}"


# ── 3. coverage: every number of the article is in the content ────────────────


def test_name_numbers_really_are_names(article_flat: str) -> None:
    for number, context in NAME_NUMBERS.items():
        assert normalize(context) in article_flat, number
        assert number in numbers_in(context)


def test_every_number_of_the_article_is_accounted_for(plan: Plan, article: str) -> None:
    accounted: set[str] = set()
    for figure in plan.figures:
        accounted.add(format_number(figure.value))
        accounted |= numbers_in(figure.period or "")
        if figure.target:
            accounted.add(format_number(figure.target.value))
        if figure.as_of:
            accounted |= {str(figure.as_of.year), str(figure.as_of.month), str(figure.as_of.day)}
        if figure.base_year:
            accounted.add(str(figure.base_year))
    accounted |= {str(milestone.year) for milestone in plan.milestones}
    accounted.add(str(plan.vision.horizon_year))
    missing = numbers_in(article) - accounted - set(NAME_NUMBERS)
    assert missing == set()


# ── 4. nothing that is not in the article ─────────────────────────────────────


def test_every_figure_is_printed_in_the_article(plan: Plan, article_flat: str) -> None:
    for figure in plan.figures:
        printed = normalize(format_figure(figure))
        assert printed in article_flat, f"{figure.id}: {printed} is not in the article"
        assert printed in normalize(figure.source), f"{figure.id}: source lacks {printed}"
        if figure.target:
            stated = format_target(figure).removeprefix(figure.target.intent)
            assert normalize(stated) in article_flat, figure.id
            assert figure.target.source and figure.target.intent in figure.target.source


def test_figure_values_and_dates_are_numbers_of_the_article(plan: Plan, article: str) -> None:
    article_numbers = numbers_in(article)
    for figure in plan.figures:
        if figure.printed:
            assert figure.printed in article, figure.id
        else:
            assert format_number(figure.value) in article_numbers, figure.id
        assert numbers_in(figure.period or "") <= article_numbers, figure.id


def test_literal_numbers_in_the_content_come_from_the_article(
    dumped: dict[str, Any], article: str
) -> None:
    article_numbers = numbers_in(article)
    for path, text in prose(dumped):
        assert numbers_in(REFERENCE.sub("", text)) <= article_numbers, path


def test_every_quoted_source_is_in_the_article(dumped: dict[str, Any], article_prose: str) -> None:
    quoted = 0
    for path, text in strings(dumped):
        if path.split(".")[-1] != "source":
            continue
        for piece in text.split("……"):
            quoted += 1
            assert normalize(piece) in article_prose, f"{path}: {piece}"
    assert quoted >= 60


def test_corrections_quote_the_article_and_cover_the_seed_table(
    plan: Plan, article_flat: str, dumped: dict[str, Any]
) -> None:
    assert len(plan.corrections) == 7
    elsewhere = "".join(text for _, text in content_text(dumped))
    for correction in plan.corrections:
        assert normalize(correction.printed) in article_flat, correction.printed
        if correction.status == "corrected":
            assert correction.used != correction.printed
            assert correction.used in elsewhere, correction.used
            assert correction.printed not in elsewhere, correction.printed


# ── 5. printed forms ──────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("figure_id", "printed"),
    [
        ("industrial_enterprises", "288家"),
        ("world_500_enterprises", "50余家"),
        ("q1_domestic_investment", "68亿元"),
        ("q1_investment_share", "38.86%"),
        ("epidemic_loans", "超42亿元"),
        ("loan_enterprises", "200余家"),
        ("enterprise_rewards", "近7000万元"),
        ("completed_investment", "约60亿元"),
        ("online_viewers", "两万多名"),
        ("maker_space_tenants", "突破200家"),
        ("symposium_experts", "50余位"),
        ("signed_contract_value", "超800亿元"),
        ("resumption_rate", "98.3%"),
        ("second_resumption_rate", "86.7%"),
    ],
)
def test_figures_format_as_printed(plan: Plan, figure_id: str, printed: str) -> None:
    assert format_figure(plan.figure(figure_id)) == printed


def test_target_formats_as_printed(plan: Plan) -> None:
    figure = plan.figure("high_tech_enterprises")
    assert format_target(figure) == "力争突破200家"
    assert figure.status == "actual" and figure.value == 177
    assert plan.figure("double_hundred_implemented").status == "target"
    assert plan.figure("science_projects").status == "plan"


def test_unstated_parts_stay_empty_and_inferences_are_marked(plan: Plan) -> None:
    frameworks = {framework.id: framework for framework in plan.industry}
    for framework in frameworks.values():
        if not framework.parts_stated:
            assert framework.inferred or not framework.groups, framework.id
            assert framework.note, framework.id
    pattern = frameworks["modern_industry_3_3"]
    assert pattern.inferred and all(group.inferred for group in pattern.groups)
    assert [len(group.fields) for group in pattern.groups] == [3, 3]
    assert [group.name for group in frameworks["four_clusters"].groups] == [
        "先进制造",
        "高新技术",
        "文化旅游",
        "商贸物流",
    ]


# ── 6. typography ─────────────────────────────────────────────────────────────


def test_no_half_width_punctuation_next_to_chinese(dumped: dict[str, Any]) -> None:
    for path, text in strings(dumped):
        match = HALF_WIDTH_NEXT_TO_CJK.search(text)
        assert match is None, f"{path}: {text[max(0, match.start() - 8) : match.end() + 8]}"


def test_erroneous_printed_forms_appear_only_in_corrections() -> None:
    for path in content_files():
        if path.name == "corrections.yaml":
            continue
        text = path.read_text(encoding="utf-8")
        for form in ERRONEOUS_FORMS:
            assert form not in text, f"{path.name}: {form}"
