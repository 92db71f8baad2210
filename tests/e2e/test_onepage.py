"""The 一页纸: exactly one A4 page in the PDF and, through LibreOffice, from the DOCX; content
that does not fit fails the build with a message that says what overflowed."""

from __future__ import annotations

import re

import docx
import pdfplumber
import pytest
from template_support import is_red, page_texts, run_cli


@pytest.fixture(scope="module")
def onepage(builds):
    return builds.get("--template", "onepage")


def test_pdf_is_exactly_one_a4_page(onepage):
    with pdfplumber.open(onepage / "briefing.pdf") as pdf:
        assert len(pdf.pages) == 1
        page = pdf.pages[0]
        assert (page.width, page.height) == pytest.approx((595.28, 841.89), abs=0.5)


def test_pdf_has_title_dateline_tiles_milestones_structure_and_three_messages(onepage):
    text = page_texts(onepage / "briefing.pdf")[0]
    assert text.splitlines()[0].strip() == "甘井子区发展规划简报"
    assert "大连甘井子区委宣传部" in text and "2020年4月30日" in text  # dateline
    for value in ("288家", "50余家", "68亿元", "177家", "98.3%", "超800亿元"):
        assert value in text
    assert "阶段发展目标" in text  # caption of the milestone line
    assert "“3+3”现代产业发展格局" in text
    assert "三条要点" in text
    assert re.findall(r"（[123]）", text) == ["（1）", "（2）", "（3）"]
    assert "（4）" not in text


def test_tiles_show_the_values_big_and_in_the_accent_colour(onepage):
    with pdfplumber.open(onepage / "briefing.pdf") as pdf:
        chars = pdf.pages[0].chars
    values = "".join(
        c["text"] for c in chars if c["size"] >= 19 and is_red(c["non_stroking_color"])
    )
    assert "288家" in values and "超800亿元" in values


def test_no_running_header_on_the_one_page(onepage):
    with pdfplumber.open(onepage / "briefing.pdf") as pdf:
        page = pdf.pages[0]
        top = min(c["top"] for c in page.chars)
        first = "".join(c["text"] for c in page.chars if abs(c["top"] - top) < 2)
    assert first == "甘井子区发展规划简报"


def test_docx_is_exactly_one_page_in_libreoffice(onepage, libreoffice):
    converted = libreoffice(onepage / "briefing.docx")
    texts = page_texts(converted)
    assert len(texts) == 1
    assert "三条要点" in texts[0] and "98.3%" in texts[0]
    assert "（3）" in texts[0]


def test_docx_uses_the_onepage_geometry_and_sizes(onepage):
    document = docx.Document(str(onepage / "briefing.docx"))
    section = document.sections[-1]
    assert round(section.left_margin.mm) == 18 and round(section.top_margin.mm) == 15
    assert document.styles["Normal"].font.size.pt == 11
    assert document.styles["Title"].font.size.pt == 20


def test_overflow_fails_with_what_overflowed_and_keeps_the_previous_outputs(own_workspace):
    out = own_workspace / "out"
    good = run_cli("build", "-w", str(own_workspace), "--template", "onepage", "-f", "pdf")
    assert good.returncode == 0, good.stderr
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.iterdir() if p.is_file()}
    theme = own_workspace / "templates" / "onepage" / "theme.yaml"
    theme.write_text(
        theme.read_text(encoding="utf-8").replace("title: {size_pt: 20", "title: {size_pt: 60"),
        encoding="utf-8",
    )
    for formats in ("pdf", "docx"):  # a DOCX-only build is checked on the PDF layout too
        failed = run_cli("build", "-w", str(own_workspace), "--template", "onepage", "-f", formats)
        assert failed.returncode == 2, failed.stderr
        message = failed.stderr
        assert "Traceback" not in message
        assert "layout.yaml" in message and "max_pages" in message
        assert "allows 1 page but the content needs 2" in message
        assert re.search(r"about \d+ mm too tall", message)
        assert "page 2" in message and "三条要点" in message  # the block that moved over
    after = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.iterdir() if p.is_file()}
    assert after == before
    assert not (out / "briefing.docx").exists()


def test_key_messages_beyond_the_limit_stop_build_and_validate_at_the_first_left_over(
    own_workspace,
):
    # The 4th message used to be dropped without a word (new-user trial F2).
    meta = own_workspace / "content" / "meta.yaml"
    text = meta.read_text(encoding="utf-8")
    third = next(line for line in text.splitlines() if "复工率达" in line)
    fourth = "    - 第四条要点：营商环境持续优化。"
    meta.write_text(text.replace(third, third + "\n" + fourth), encoding="utf-8")
    line = meta.read_text(encoding="utf-8").splitlines().index(fourth) + 1
    expected = (
        f"error: content/meta.yaml:{line}:7 [meta.key_messages[3]]: meta.key_messages has 4 "
        "messages, but the layout 'onepage' shows at most 3"
    )
    for command in ("validate", "build"):
        failed = run_cli(command, "-w", str(own_workspace), "--template", "onepage")
        assert failed.returncode == 2, failed.stderr
        assert expected in failed.stderr and "Traceback" not in failed.stderr
        assert "hint: keep 3 messages in meta.key_messages" in failed.stderr
    assert not (own_workspace / "out" / "briefing.pdf").exists()


def test_two_key_messages_are_headed_with_their_real_count(own_workspace):
    meta = own_workspace / "content" / "meta.yaml"
    text = meta.read_text(encoding="utf-8")
    third = next(line for line in text.splitlines() if "复工率达" in line)
    meta.write_text(text.replace(third + "\n", ""), encoding="utf-8")
    built = run_cli("build", "-w", str(own_workspace), "--template", "onepage", "-f", "pdf")
    assert built.returncode == 0, built.stderr
    page = page_texts(own_workspace / "out" / "briefing.pdf")[0]
    assert "两条要点" in page and "三条要点" not in page
    assert re.findall(r"（[1234]）", page) == ["（1）", "（2）"]
