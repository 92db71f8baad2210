"""The manifest: inputs, options and versions (their key), outputs and figures."""

from __future__ import annotations

import json

from gjz_brief.output import manifest as mf


def _manifest(**changes):
    values = {
        "inputs": {"content/a.yaml": "sha256:1"},
        "options": {"template": "full"},
        "versions": {"reportlab": "4"},
        "outputs": {"briefing.pdf": b"%PDF"},
        "figures": {"a": {"text": "5家"}},
        "build_date": "2020-04-30",
    }
    return mf.make_manifest(**{**values, **changes})


def test_the_manifest_is_repeatable_json_with_a_key_of_what_went_in(tmp_path):
    data = json.loads(_manifest())
    assert data["outputs"]["briefing.pdf"] == {"sha256": mf.sha256_bytes(b"%PDF"), "size": 4}
    assert data["inputs_key"] == mf.inputs_key(data["inputs"], data["options"], data["versions"])
    assert _manifest() == _manifest()
    assert (
        json.loads(_manifest(options={"template": "onepage"}))["inputs_key"] != (data["inputs_key"])
    )


def test_read_back_and_outputs_checked_against_it(tmp_path):
    (tmp_path / "briefing.pdf").write_bytes(b"%PDF")
    (tmp_path / mf.MANIFEST_FILE).write_bytes(_manifest())
    record = mf.read_manifest(tmp_path)
    assert record is not None and mf.changed_outputs(tmp_path, record) == []
    (tmp_path / "briefing.pdf").write_bytes(b"%PDF edited")
    assert mf.changed_outputs(tmp_path, record) == ["briefing.pdf"]
    (tmp_path / mf.MANIFEST_FILE).write_text("{broken", encoding="utf-8")
    assert mf.read_manifest(tmp_path) is None


def test_inputs_hash_text_files_and_identify_fonts_by_size_and_time(tmp_path):
    text, font = tmp_path / "a.yaml", tmp_path / "f.ttf"
    text.write_text("x: 1\n", encoding="utf-8")
    font.write_bytes(b"font")
    digests = mf.input_digests([("content/a.yaml", text)], [("font:f", font)])
    assert digests["content/a.yaml"] == "sha256:" + mf.sha256_file(text)
    assert digests["font:f"].startswith("size=4;mtime_ns=")
    added = json.loads(mf.add_outputs(_manifest(), {"briefing.docx": {"sha256": "x", "size": 1}}))
    assert set(added["outputs"]) == {"briefing.pdf", "briefing.docx"}
