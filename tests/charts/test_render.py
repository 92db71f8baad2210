"""Every chart kind renders to SVG (text as paths) and PNG, deterministically and cleanly."""

from __future__ import annotations

import hashlib
import io
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ElementTree

import pytest
from chart_layout_checks import figure_problems, sketch_problems
from PIL import Image
from repository import SRC, SUPPORT

from gjz_brief.charts import CHART_KINDS, chart_figure, render_chart, sketch_chart
from gjz_brief.content.model import Plan
from gjz_brief.errors import BriefError, ContentError

SVG = "{http://www.w3.org/2000/svg}"
KINDS = sorted(CHART_KINDS)
SOURCE_ROOT = SRC


def _spec(plan: Plan, kind: str):  # noqa: ANN202
    return next(spec for spec in plan.charts if spec.kind == kind)


@pytest.fixture(scope="module")
def images(plan, fonts):  # noqa: ANN001, ANN201
    return {spec.id: render_chart(spec, plan, fonts) for spec in plan.charts}


def test_every_kind_is_in_the_small_plan(plan: Plan) -> None:
    assert sorted({spec.kind for spec in plan.charts}) == KINDS


@pytest.mark.parametrize("kind", KINDS)
def test_svg_keeps_text_as_text_with_the_font_named(kind: str, plan: Plan, images, fonts) -> None:  # noqa: ANN001
    """Every text line is an SVG <text> (searchable, selectable) whose font-family names the
    faces the chart sets it in, by their own family names (not matplotlib's aliases)."""
    spec = _spec(plan, kind)
    image = images[spec.id]
    root = ElementTree.fromstring(image.svg)
    assert root.tag == f"{SVG}svg"
    texts = list(root.iter(f"{SVG}text"))
    shown = "".join("".join(element.itertext()) for element in texts)
    lines = [s for s in sketch_chart(spec, plan, fonts).shapes if hasattr(s, "baseline")]
    assert sorted(shown.replace(" ", "")) == sorted("".join(t.text for t in lines).replace(" ", ""))
    families = {r.face.family for r in fonts.roles.values()} | {f.family for f in fonts.fallbacks}
    for element in texts:
        named = re.findall(r"'([^']+)'", element.get("style", ""))
        assert named and set(named) <= families, element.get("style")
    assert b"gjz-brief-" not in image.svg


@pytest.mark.parametrize("kind", KINDS)
def test_png_size_and_resolution_are_as_claimed(kind: str, plan: Plan, images) -> None:  # noqa: ANN001
    image = images[_spec(plan, kind).id]
    assert image.width_mm == 150.0
    assert 20.0 < image.height_mm < 250.0
    with Image.open(io.BytesIO(image.png)) as png:
        assert png.format == "PNG"
        dpi_x, dpi_y = png.info["dpi"]
        assert round(dpi_x) == round(dpi_y) == image.png_dpi == 220
        expected = (image.width_mm / 25.4 * 220, image.height_mm / 25.4 * 220)
        assert abs(png.size[0] - expected[0]) <= 1 and abs(png.size[1] - expected[1]) <= 1
        # Placed at width_mm, the picture keeps at least 200 dpi.
        assert png.size[0] / (image.width_mm / 25.4) >= 200


@pytest.mark.parametrize("kind", KINDS)
def test_texts_do_not_overlap_or_leave_the_chart(kind: str, plan: Plan, fonts) -> None:  # noqa: ANN001
    spec = _spec(plan, kind)
    assert sketch_problems(sketch_chart(spec, plan, fonts)) == []
    assert figure_problems(chart_figure(spec, plan, fonts)) == []


def test_rendering_twice_gives_identical_bytes(plan: Plan, fonts, images) -> None:  # noqa: ANN001
    again = {spec.id: render_chart(spec, plan, fonts) for spec in plan.charts}
    for chart_id, image in images.items():
        assert again[chart_id].svg == image.svg
        assert again[chart_id].png == image.png


SUBPROCESS_SCRIPT = """
import hashlib, sys
sys.path[:0] = [{tests!r}, {tests_root!r}]
from chart_fixtures import chart_test_fonts, small_plan_data
from gjz_brief.content.model import Plan
from gjz_brief.charts import render_chart
plan = Plan.model_validate(small_plan_data())
fonts = chart_test_fonts()
images = {{spec.id: render_chart(spec, plan, fonts) for spec in plan.charts}}
for chart_id, image in images.items():
    print(chart_id, hashlib.sha256(image.svg).hexdigest(), hashlib.sha256(image.png).hexdigest())
"""


def test_another_process_renders_the_same_bytes(images) -> None:  # noqa: ANN001
    script = SUBPROCESS_SCRIPT.format(tests=str(SUPPORT), tests_root=str(SRC))
    environment = {**os.environ, "PYTHONPATH": str(SOURCE_ROOT), "PYTHONHASHSEED": "123"}
    result = subprocess.run(
        [sys.executable, "-c", script], env=environment, capture_output=True, text=True, check=True
    )
    expected = {
        f"{chart_id} {hashlib.sha256(image.svg).hexdigest()} {hashlib.sha256(image.png).hexdigest()}"
        for chart_id, image in images.items()
    }
    assert set(result.stdout.split("\n")) - {""} == expected


def test_rendering_leaves_matplotlib_settings_alone(plan: Plan, fonts) -> None:  # noqa: ANN001
    import matplotlib

    before = dict(matplotlib.rcParams)
    render_chart(_spec(plan, "bar"), plan, fonts)
    assert dict(matplotlib.rcParams) == before
    assert matplotlib.rcParams["svg.fonttype"] == before["svg.fonttype"]


def test_unknown_figure_id_is_a_project_error(plan: Plan, fonts) -> None:  # noqa: ANN001
    spec = _spec(plan, "bar").model_copy(update={"figures": ["industrial", "no_such_figure"]})
    # An input error (exit 2) that names the chart's field, as validation would.
    with pytest.raises(ContentError, match="no_such_figure") as caught:
        render_chart(spec, plan, fonts)
    assert isinstance(caught.value, BriefError)
    assert caught.value.location is not None and "figures" in (caught.value.location.field or "")


def test_unknown_framework_id_is_a_project_error(plan: Plan, fonts) -> None:  # noqa: ANN001
    spec = _spec(plan, "structure").model_copy(update={"frameworks": ["nowhere"]})
    with pytest.raises(ContentError, match="nowhere"):
        render_chart(spec, plan, fonts)


def test_builtin_content_charts_render_cleanly(builtin_plan: Plan, fonts) -> None:  # noqa: ANN001
    assert builtin_plan.charts, "the built-in content defines charts"
    for spec in builtin_plan.charts:
        image = render_chart(spec, builtin_plan, fonts)
        assert b"<text" in image.svg and b"gjz-brief-" not in image.svg
        assert sketch_problems(sketch_chart(spec, builtin_plan, fonts)) == [], spec.id
        assert figure_problems(chart_figure(spec, builtin_plan, fonts)) == [], spec.id


def test_the_readme_lists_every_chart_kind():
    import re
    import typing

    from repository import REPO

    from gjz_brief.charts.render import CHART_KINDS
    from gjz_brief.content.model import ChartKind

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("Chart kinds") :].split("\n\n")[1]
    listed = re.findall(r"^\| `([a-z_]+)` \|", table, re.MULTILINE)
    assert sorted(listed) == sorted(typing.get_args(ChartKind)) == sorted(CHART_KINDS)
