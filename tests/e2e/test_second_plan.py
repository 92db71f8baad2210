"""Any plan builds in every built-in template, with no trace of the Ganjingzi article.

The plan in tests/support/second_plan is made-up test data (测试数据): another place, three
milestones 2024–2026, a “1+3” framework, no corrections, projects, honours or measures, and
no roles named (the layouts' defaults apply). Every output is read back: the PDF text, every
XML part of the DOCX (body, headers, document properties), the chart SVGs and the manifest.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import zipfile
from pathlib import Path

import pikepdf
import pytest
from cli_support import run_cli
from repository import ARTICLE, SUPPORT

from gjz_brief.content.punctuation import normalize_punctuation
from gjz_brief.output.audit import pdf_text

PLAN = SUPPORT / "second_plan"
TEMPLATES = ("full", "onepage", "jianbao")
RUN = 8  # characters: a run this long shared with the article is copied text
FORBIDDEN = ("甘井子", "原文", "大连")


@pytest.fixture(scope="module")
def second_plan_builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("second-plan")
    workspace = root / "workspace"
    shutil.copytree(PLAN, workspace)
    outs = {}
    for template in TEMPLATES:
        out = root / f"out-{template}"
        result = run_cli("build", "--workspace", str(workspace), "-t", template, "--out", str(out))
        assert result.returncode == 0, f"{template}: {result.stderr}"
        outs[template] = out
    return outs


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


def output_texts(out: Path) -> dict[str, str]:
    """Every text a reader (or a program) can find in the outputs, by file."""
    texts = {"briefing.pdf": pdf_text((out / "briefing.pdf").read_bytes())}
    with pikepdf.open(out / "briefing.pdf") as pdf:
        texts["briefing.pdf metadata"] = " ".join(
            str(value) for value in pdf.docinfo.values()
        ) + pdf.Root.Metadata.read_bytes().decode("utf-8")
    with zipfile.ZipFile(out / "briefing.docx") as package:
        for name in package.namelist():
            if name.endswith((".xml", ".rels")):
                texts[f"briefing.docx:{name}"] = package.read(name).decode("utf-8")
            elif name.endswith(".xlsx"):  # a native chart's embedded workbook
                with zipfile.ZipFile(io.BytesIO(package.read(name))) as workbook:
                    for part in workbook.namelist():
                        if part.endswith(".xml"):
                            texts[f"briefing.docx:{name}:{part}"] = workbook.read(part).decode()
    for svg in sorted((out / "charts").glob("*.svg")) if (out / "charts").exists() else []:
        texts[f"charts/{svg.name}"] = svg.read_text(encoding="utf-8")
    texts["manifest.json"] = json.dumps(
        json.loads((out / "manifest.json").read_text(encoding="utf-8")), ensure_ascii=False
    )
    return texts


def article_runs() -> set[str]:
    """Every run of RUN characters of the article, as printed and with its punctuation
    made full-width (as the content loader would)."""
    runs = set()
    for text in (ARTICLE.read_text(encoding="utf-8"), ""):
        for line in (text or normalize_punctuation(ARTICLE.read_text(encoding="utf-8"))).split(
            "\n"
        ):
            compact = _compact(line)
            runs.update(compact[i : i + RUN] for i in range(len(compact) - RUN + 1))
    return runs


@pytest.mark.slow
@pytest.mark.parametrize("template", TEMPLATES)
def test_the_second_plan_builds_in_every_template(
    second_plan_builds: dict[str, Path], template: str
) -> None:
    out = second_plan_builds[template]
    text = pdf_text((out / "briefing.pdf").read_bytes())
    assert "青禾区数字经济三年行动计划" in _compact(text)
    assert "约86.4亿元" in _compact(text)


@pytest.mark.slow
@pytest.mark.parametrize("template", TEMPLATES)
def test_no_output_names_the_source_district_or_article(
    second_plan_builds: dict[str, Path], template: str
) -> None:
    runs = article_runs()
    assert len(runs) > 1000  # the article was read
    for name, text in output_texts(second_plan_builds[template]).items():
        for word in FORBIDDEN:
            assert word not in text, f"{template} {name} contains {word}"
        compact = _compact(text)
        copied = sorted(run for run in runs if run in compact)
        assert not copied, f"{template} {name} repeats the article: {copied[:5]}"


@pytest.mark.slow
def test_parts_without_content_are_left_out(second_plan_builds: dict[str, Path]) -> None:
    text = _compact(pdf_text((second_plan_builds["full"] / "briefing.pdf").read_bytes()))
    for absent in ("更正", "重点项目", "主要举措", "资料来源", "排印错误"):
        assert absent not in text
    # the derived names follow the title: the running header is the title
    with pikepdf.open(second_plan_builds["full"] / "briefing.pdf") as pdf:
        assert "青禾区数字经济" in str(pdf.docinfo["/Title"])


@pytest.mark.slow
def test_the_masthead_follows_the_title(second_plan_builds: dict[str, Path]) -> None:
    text = _compact(pdf_text((second_plan_builds["jianbao"] / "briefing.pdf").read_bytes()))
    assert text.count("青禾区数字经济三年行动计划") >= 2  # masthead and title
    assert "第1期" in text


@pytest.mark.slow
def test_a_title_that_wraps_breaks_between_words_in_pdf_and_docx(tmp_path):
    """The issue's example: "西湖区数字经济三 / 年行动计划简报" must not happen."""
    from pypdf import PdfReader

    workspace = tmp_path / "workspace"
    shutil.copytree(PLAN, workspace)
    meta = workspace / "content" / "meta.yaml"
    meta.write_text(
        re.sub(r"  title: .*", "  title: 西湖区数字经济三年行动计划简报", meta.read_text("utf-8")),
        "utf-8",
    )
    out = tmp_path / "out"
    result = run_cli("build", "-w", str(workspace), "-t", "full", "--out", str(out))
    assert result.returncode == 0, result.stderr
    cover = PdfReader(out / "briefing.pdf").pages[0].extract_text().splitlines()
    assert "西湖区数字经济" in cover and "三年行动计划简报" in cover
    with zipfile.ZipFile(out / "briefing.docx") as package:
        body = package.read("word/document.xml").decode("utf-8")
    cover_title = re.search(r'<w:pStyle w:val="GJZCoverTitle"/>.*?</w:p>', body).group(0)
    runs = re.findall(r"<w:t[^>]*>([^<]*)</w:t>|(<w:br/>)", cover_title)
    assert [text or "|" for text, br in runs] == ["西湖区数字经济", "|", "三年行动计划简报"]
