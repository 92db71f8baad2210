"""What a build reads, as the manifest records it, and the --if-changed fast path."""

from __future__ import annotations

from gjz_brief.build import run_build
from gjz_brief.fonts.resolve import resolve_fonts
from gjz_brief.inputs import FONT_FOLDERS_INPUT, build_inputs, is_up_to_date, text_inputs
from gjz_brief.request import BuildRequest
from gjz_brief.workspace import CONFIG_FILE, Workspace, WorkspaceConfig


def test_the_inputs_name_content_template_config_sheet_and_fonts(write_content, tmp_path):
    folder = write_content()
    (tmp_path / CONFIG_FILE).write_text("figures_sheet: s.csv\n", "utf-8")
    (tmp_path / "s.csv").write_text("编号\n", "utf-8")
    workspace = Workspace(tmp_path, WorkspaceConfig(figures_sheet="s.csv"))
    request = BuildRequest(workspace, tmp_path / "out", environ={})
    template_file = tmp_path / "layout.yaml"
    template_file.write_text("x: 1\n", "utf-8")
    names = [
        name for name, _ in text_inputs(request, sorted(folder.glob("*.yaml")), [template_file])
    ]
    assert names == ["content/figures.yaml", "content/meta.yaml", "content/vision.yaml",
                     "template/layout.yaml", CONFIG_FILE, "sheet/s.csv"]  # fmt: skip
    inputs = build_inputs(request, [], [], resolve_fonts())
    assert any(name.startswith("font:") for name in inputs) and FONT_FOLDERS_INPUT in inputs


def test_up_to_date_until_an_input_or_an_output_changes(write_content, tmp_path, minimal_content):
    write_content()
    request = BuildRequest(Workspace(tmp_path, WorkspaceConfig()), tmp_path / "out",
                           formats=("pdf",), environ={"HOME": str(tmp_path)})  # fmt: skip
    assert not is_up_to_date(request)  # nothing built yet
    run_build(request)
    assert is_up_to_date(request)
    figures = tmp_path / "content" / "figures.yaml"
    figures.write_text(minimal_content["figures.yaml"].replace("288", "289"), "utf-8")
    assert not is_up_to_date(request)
    figures.write_text(minimal_content["figures.yaml"], "utf-8")
    assert is_up_to_date(request)
    (tmp_path / "out" / "briefing.pdf").unlink()
    assert not is_up_to_date(request)
