"""Test data for chart tests: a hand-built FontSet, a small plan, the built-in content."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import prerequisites
import yaml
from repository import BUILTIN_CONTENT

from gjz_brief.content.model import Plan
from gjz_brief.fonts.model import FontFace, FontSet, ResolvedFont

# The fonts scripts/setup installs (a test fails naming the package when one is missing).
UMING = str(prerequisites.UMING)
ZENHEI = str(prerequisites.ZENHEI)
WENKAI = str(prerequisites.WENKAI)


def face(path: str, index: int = 0, family: str = "", outlines: str = "truetype") -> FontFace:
    return FontFace(Path(path), index, family, outlines)


def make_font_set(
    body: FontFace | None = None,
    heading: FontFace | None = None,
    fallbacks: tuple[FontFace, ...] = (),
) -> FontSet:
    for path in (prerequisites.UMING, prerequisites.ZENHEI, prerequisites.WENKAI):
        prerequisites.require_file(path)
    uming = face(UMING, 0, "AR PL UMing CN")
    roles = {
        "title": ResolvedFont("title", uming, "test", "方正小标宋简体"),
        "body": ResolvedFont("body", body or uming, "test", "仿宋_GB2312"),
        "heading": ResolvedFont(
            "heading", heading or face(ZENHEI, 0, "WenQuanYi Zen Hei"), "test", "黑体"
        ),
        "kai": ResolvedFont("kai", face(WENKAI, 0, "LXGW WenKai"), "test", "楷体_GB2312"),
        "song": ResolvedFont("song", uming, "test", "宋体"),
    }
    return FontSet(roles=roles, fallbacks=fallbacks)


def chart_test_fonts() -> FontSet:
    """The chart tests' fonts: Song, Hei and Kai roles, and a Song face as the fallback.

    WenQuanYi Zen Hei draws “” half-width, so the heading's quotation marks come from the
    fallback (GB/T 15834 sets them full-width): a chart with them mixes two faces in one text.
    """
    return make_font_set(fallbacks=(face(UMING, 0, "AR PL UMing CN"),))


def small_plan_data() -> dict[str, Any]:
    source = "测试用原文句子。"
    return {
        "meta": {
            "title": "甘井子区发展简报",
            "issuer": "测试单位",
            "source": "大连甘井子区委宣传部",
            "source_title": "大连甘井子区——围绕“新愿景”建设“新枢纽”",
            "as_of": "2020-04-13",
        },
        "vision": {
            "plan_name": "大连2049城市愿景规划",
            "horizon_year": 2049,
            "positioning": "枢纽新城",
            "location": "大连市主城区西部",
            "transport_system": "海陆空交通体系",
        },
        "milestones": [
            {
                "id": "m2020",
                "year": 2020,
                "label": "2020年",
                "intent": "力争",
                "goal": "全面建成群众认可、经得起历史检验的小康社会",
                "source": source,
            },
            {
                "id": "m2030",
                "year": 2030,
                "label": "到2030年",
                "goal": "振兴发展各项目标全面实现",
                "source": source,
            },
            {
                "id": "m2035",
                "year": 2035,
                "label": "到2035年",
                "goal": "把甘井子区建设成为发展质量效益更高、民主法治更健全、生态环境更优美、"
                "人民群众更富裕、社会更加文明和谐的现代化新城区",
                "source": source,
            },
            {
                "id": "m2049",
                "year": 2049,
                "label": "2049年",
                "scope": "city",
                "goal": "《大连2049城市愿景规划》远景年",
                "source": source,
            },
        ],
        "industry": [
            {
                "id": "pattern_3_3",
                "name": "“3+3”现代产业发展格局",
                "kind": "pattern",
                "parts_stated": False,
                "inferred": True,
                "source": source,
                "note": "原文未列出组成，据签约项目领域推断。",
                "groups": [
                    {
                        "name": "先进制造业",
                        "fields": ["高端装备", "人工智能", "生物医药"],
                        "inferred": True,
                    },
                    {
                        "name": "现代服务业",
                        "fields": ["科技服务", "商贸物流", "文化旅游"],
                        "inferred": True,
                    },
                ],
            },
            {
                "id": "four_clusters",
                "name": "四大产业集群",
                "kind": "clusters",
                "parts_stated": True,
                "source": source,
                "groups": [{"name": n} for n in ("先进制造", "高新技术", "文化旅游", "商贸物流")],
            },
            {
                "id": "system_2213",
                "name": "“2213”产业体系",
                "kind": "system",
                "parts_stated": False,
                "source": source,
            },
        ],
        "figures": [
            {
                "id": "industrial",
                "name": "规模以上工业企业",
                "value": 288,
                "unit": "家",
                "kind": "count",
                "source": source,
            },
            {
                "id": "service",
                "name": "规模以上服务业企业",
                "value": 188,
                "unit": "家",
                "kind": "count",
                "source": source,
            },
            {
                "id": "construction",
                "name": "资质以上建筑业企业",
                "value": 250,
                "unit": "家",
                "kind": "count",
                "source": source,
            },
            {
                "id": "listed",
                "name": "上市企业",
                "value": 17,
                "unit": "家",
                "kind": "count",
                "source": source,
            },
            {
                "id": "world_500",
                "name": "在区设立营业机构或投资项目的世界500强企业",
                "value": 50,
                "unit": "家",
                "qualifier": "余",
                "kind": "count",
                "source": source,
            },
            {
                "id": "high_tech",
                "name": "高新技术企业",
                "value": 177,
                "unit": "家",
                "kind": "count",
                "source": source,
                "target": {"value": 200, "qualifier": "突破", "intent": "力争"},
            },
            {
                "id": "q1_share",
                "name": "一季度实际使用内资完成全年任务",
                "value": 38.86,
                "unit": "%",
                "kind": "share",
                "source": source,
                "period": "2020年一季度",
            },
            {
                "id": "resumption",
                "name": "复工率",
                "value": 98.3,
                "unit": "%",
                "kind": "rate",
                "source": source,
            },
            {
                "id": "loans",
                "name": "金融机构为企业办理贷款",
                "value": 42,
                "unit": "亿元",
                "qualifier": "超",
                "kind": "money",
                "source": source,
            },
            {
                "id": "investment",
                "name": "实际使用内资",
                "value": 68,
                "unit": "亿元",
                "kind": "money",
                "period": "2020年一季度",
                "source": source,
            },
        ],
        "charts": [
            {"id": "timeline", "kind": "timeline", "title": "甘井子区发展目标时间轴"},
            {
                "id": "enterprises",
                "kind": "bar",
                "title": "甘井子区企业基础",
                "figures": ["industrial", "service", "construction", "listed", "world_500"],
            },
            {
                "id": "progress",
                "kind": "progress",
                "title": "目标与完成进度",
                "figures": ["high_tech", "q1_share", "resumption"],
            },
            {
                "id": "structure",
                "kind": "structure",
                "title": "甘井子区现代产业体系",
                "frameworks": ["pattern_3_3", "four_clusters", "system_2213"],
            },
            {
                "id": "key_figures",
                "kind": "key_figures",
                "title": "核心指标",
                "figures": ["industrial", "world_500", "investment", "loans", "q1_share"],
            },
        ],
    }


def load_builtin_plan() -> Plan:
    """The built-in content merged from its YAML files."""
    files = sorted(BUILTIN_CONTENT.glob("*.yaml"))
    assert files, f"no built-in content in {BUILTIN_CONTENT}"
    merged: dict[str, Any] = {}
    for path in files:
        merged.update(yaml.safe_load(path.read_text(encoding="utf-8")) or {})
    return Plan.model_validate(merged)
