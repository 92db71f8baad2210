"""Shared fixtures: small content folders written to a temporary directory."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

MINIMAL = {
    "meta.yaml": """\
        meta:
          title: 甘井子区发展简报
          issuer: 大连甘井子区委宣传部
          source: 大连甘井子区委宣传部
          source_title: 测试文章
          as_of: 2020-04-30
        """,
    "vision.yaml": """\
        vision:
          plan_name: 大连2049城市愿景规划
          horizon_year: 2049
          positioning: 枢纽新城
          location: 大连市主城区西部
          transport_system: 海陆空交通体系
        """,
    "figures.yaml": """\
        figures:
          - id: industrial_enterprises
            name: 规模以上工业企业
            value: 288
            unit: 家
            kind: count
            source: 现有规模以上工业企业288家。
        sections:
          - id: base
            title: 产业基础
            paragraphs:
              - 现有规模以上工业企业{{industrial_enterprises}}。
        """,
}


@pytest.fixture
def write_content(tmp_path: Path):
    """write_content({"figures.yaml": "..."}) → a content folder with MINIMAL plus changes.

    A value of None removes that file.
    """

    def write(changes: dict[str, str | None] | None = None) -> Path:
        folder = tmp_path / "content"
        folder.mkdir(exist_ok=True)
        files = {**MINIMAL, **(changes or {})}
        for name, text in files.items():
            if text is not None:
                (folder / name).write_text(textwrap.dedent(text), encoding="utf-8")
        return folder

    return write
