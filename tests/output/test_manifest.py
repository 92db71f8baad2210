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
    assert data["outputs"]["briefing.pdf"] == {
        "sha256": mf.sha256_bytes(b"%PDF"),
        "size": 4,
        "build": data["inputs_key"],  # the build that made it
    }
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


def test_a_folder_is_verified_as_exactly_the_outputs_of_its_build(tmp_path):
    outputs = {"briefing.pdf": b"%PDF", "charts/a.svg": b"<svg/>"}
    (tmp_path / "charts").mkdir()
    for name, data in outputs.items():
        (tmp_path / name).write_bytes(data)
    record = json.loads(_manifest(outputs=outputs))
    assert mf.unverified_outputs(tmp_path, record) == []
    # a file the build did not make, lying in the folder
    (tmp_path / "briefing.docx").write_bytes(b"PK older")
    assert mf.unverified_outputs(tmp_path, record) == [
        "briefing.docx is not one of this build's outputs"
    ]
    # ... and listed as if it were (as a --format pdf build carried it over before)
    carried = json.loads(json.dumps(record))
    carried["outputs"]["briefing.docx"] = {"sha256": mf.sha256_bytes(b"PK older"), "size": 8}
    assert mf.unverified_outputs(tmp_path, carried) == [
        "briefing.docx is not recorded as made by this build"
    ]
    carried["outputs"]["briefing.docx"]["build"] = "another build's key"
    assert mf.unverified_outputs(tmp_path, carried) == [
        "briefing.docx is not recorded as made by this build"
    ]
    (tmp_path / "briefing.docx").unlink()
    (tmp_path / "charts" / "a.svg").write_bytes(b"<svg>edited</svg>")
    assert mf.unverified_outputs(tmp_path, record) == [
        "charts/a.svg is missing or differs from what this build wrote"
    ]
    (tmp_path / "charts" / "a.svg").unlink()
    assert mf.unverified_outputs(tmp_path, record) == [
        "charts/a.svg is missing or differs from what this build wrote"
    ]
    assert mf.unverified_outputs(tmp_path, {**record, "outputs": {}}) == [
        "manifest.json lists no outputs"
    ]


def test_inputs_hash_text_files_and_identify_fonts_by_size_and_time(tmp_path):
    text, font = tmp_path / "a.yaml", tmp_path / "f.ttf"
    text.write_text("x: 1\n", encoding="utf-8")
    font.write_bytes(b"font")
    digests = mf.input_digests([("content/a.yaml", text)], [("font:f", font)])
    assert digests["content/a.yaml"] == "sha256:" + mf.sha256_file(text)
    assert digests["font:f"].startswith("size=4;mtime_ns=")
