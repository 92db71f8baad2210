"""The body style keeps the GB/T 9704 grid: 28 characters a line, 22 lines."""

from __future__ import annotations

from docx_sample import (
    W,
    part,
)


def test_body_style_follows_gb_t_9704(output: bytes) -> None:
    styles = part(output, "word/styles.xml")
    normal = styles.find(f"{W}style[@{W}styleId='Normal']")
    assert normal.find(f"{W}rPr/{W}sz").get(f"{W}val") == "32"  # 3号 = 16 pt
    assert normal.find(f"{W}pPr/{W}ind").get(f"{W}firstLineChars") == "200"
    assert normal.find(f"{W}pPr/{W}jc").get(f"{W}val") == "both"
    spacing = normal.find(f"{W}pPr/{W}spacing")
    assert (spacing.get(f"{W}line"), spacing.get(f"{W}lineRule")) == ("579", "exact")
    assert (spacing.get(f"{W}before"), spacing.get(f"{W}after")) == ("0", "0")
    title = styles.find(f"{W}style[@{W}styleId='Title']")
    assert title.find(f"{W}rPr/{W}sz").get(f"{W}val") == "44"  # 2号 = 22 pt
    assert title.find(f"{W}rPr/{W}rFonts").get(f"{W}eastAsia") == "方正小标宋简体"
    assert title.find(f"{W}pPr/{W}jc").get(f"{W}val") == "center"
