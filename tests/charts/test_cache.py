"""The chart cache: a chart stored under its key comes back the same; a damaged or planted
entry is a miss, never an error."""

from __future__ import annotations

from gjz_brief.charts.cache import ChartCache
from gjz_brief.document.tree import ChartImage

IMAGE = ChartImage("c", b"<svg/>", b"\x89PNG", 150.0, 80.5, 220, b"stream", pdf_text=b"[]")


def test_a_stored_chart_comes_back_the_same(tmp_path, plan, fonts):
    cache = ChartCache(tmp_path / "charts")
    assert cache.is_empty()
    spec = plan.charts[1]
    key, found = cache.lookup(spec, plan, fonts)
    assert found is None
    cache.store(key, IMAGE)
    assert not cache.is_empty()
    again_key, again = cache.lookup(spec, plan, fonts)
    assert again_key == key and again == ChartImage(spec.id, *[getattr(IMAGE, f) for f in (
        "svg", "png", "width_mm", "height_mm", "png_dpi", "pdf_stream")], pdf_text=b"[]")  # fmt: skip


def test_a_damaged_or_linked_entry_is_a_miss(tmp_path, plan, fonts):
    cache = ChartCache(tmp_path / "charts")
    spec = plan.charts[1]
    key, _ = cache.lookup(spec, plan, fonts)
    cache.store(key, IMAGE)
    (tmp_path / "charts" / f"{key}.json").write_text("{not json", encoding="utf-8")
    assert cache.lookup(spec, plan, fonts)[1] is None
    cache.store(key, IMAGE)
    svg = tmp_path / "charts" / f"{key}.svg"
    svg.unlink()
    svg.symlink_to(tmp_path / "elsewhere.svg")
    (tmp_path / "elsewhere.svg").write_bytes(b"<svg>other</svg>")
    assert cache.lookup(spec, plan, fonts)[1] is None  # a link planted in the cache


def test_a_cache_that_cannot_be_written_costs_nothing(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    ChartCache(blocker / "charts").store("k", IMAGE)  # no exception
    assert blocker.read_text(encoding="utf-8") == "x"
