"""Publishing is all or nothing for the set, also under kill -9 (issue #17).

Not random timing: the publishing code calls ``output.sets.checkpoint`` after every step
that changes the disk. A reference run counts the steps; then, for each step k in turn, a
fresh copy of the same folder is published by a process that kills itself (SIGKILL) at
step k. After each kill, a reader of out/ must see exactly the previous set or exactly the
new one (manifest, PDF, DOCX and charts alike), an edited DOCX must still be there under
one of its names, and the next run must finish the job and leave no debris.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from errors_support import SRC

from gjz_brief.output import manifest as mf

# One process imports gjz-brief once and forks a child per publishing run: each child runs
# the real publish() and, when told to, kills itself (SIGKILL) at the k-th step.
PUBLISH_SCRIPT = """
import json, os, signal, sys
from pathlib import Path
from gjz_brief.output import sets
from gjz_brief.output.publish import OutputFolder

for line in sys.stdin:
    job = json.loads(line)
    out, spec, kill_at = Path(job["out"]), job["spec"], job["kill_at"]
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        steps = []

        def checkpoint(step):
            steps.append(step)
            os.write(write, (json.dumps(step) + "\\n").encode())
            if len(steps) == kill_at:
                os.kill(os.getpid(), signal.SIGKILL)

        sets.checkpoint = checkpoint
        outputs = {name: data.encode("latin-1") for name, data in spec["outputs"].items()}
        with OutputFolder(out, lock_timeout=60) as folder:
            published = folder.publish(outputs, spec["manifest"].encode("utf-8"), spec["force"])
        os.write(write, (json.dumps({"kept": [str(p) for p in published.kept_edits]}) + "\\n").encode())
        os._exit(0)
    os.close(write)
    with os.fdopen(read) as stream:
        lines = [json.loads(text) for text in stream]
    _, status = os.waitpid(pid, 0)
    code = os.waitstatus_to_exitcode(status)
    steps = [x for x in lines if isinstance(x, str)]
    kept = next((x["kept"] for x in lines if isinstance(x, dict)), [])
    print(json.dumps({"code": code, "steps": steps, "kept": kept}), flush=True)
"""


class Publisher:
    """The driver process above: publish(out, spec, kill_at) → (exit status, steps, kept)."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", PUBLISH_SCRIPT],
            env=dict(os.environ, PYTHONPATH=str(SRC)),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def __call__(self, out: Path, spec: str, kill_at: int = 0) -> tuple[int, list[str], list]:
        job = {"out": str(out), "spec": json.loads(spec), "kill_at": kill_at}
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(json.dumps(job) + "\n")
        self.process.stdin.flush()
        answer = json.loads(self.process.stdout.readline())
        assert answer["code"] in (0, -9), answer
        return answer["code"], answer["steps"], answer["kept"]

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=60)


@pytest.fixture(scope="module")
def publish():
    publisher = Publisher()
    yield publisher
    publisher.close()


def outputs_of(label: str, formats: tuple[str, ...] = ("pdf", "docx")) -> dict[str, str]:
    """Small stand-ins for a build's outputs; each label gives different bytes."""
    files = {
        f"charts/chart_{i}.{kind}": f"{kind} {i} of {label}"
        for i in (1, 2)
        for kind in ("svg", "png")
    }
    if "pdf" in formats:
        files["briefing.pdf"] = f"%PDF-1.7 the briefing of {label}"
    if "docx" in formats:
        files["briefing.docx"] = f"PK the Word file of {label}"
    return files


def spec_of(label: str, formats: tuple[str, ...] = ("pdf", "docx"), force: bool = False) -> str:
    outputs = outputs_of(label, formats)
    manifest = mf.make_manifest(
        inputs={"content/x.yaml": f"sha256:{label}"},
        options={"formats": sorted(formats)},
        versions={},
        outputs={name: data.encode("latin-1") for name, data in outputs.items()},
        figures={},
        build_date="2020-04-30",
    )
    return json.dumps({"outputs": outputs, "manifest": manifest.decode("utf-8"), "force": force})


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def visible(out: Path) -> dict[str, str]:
    """What a reader of out/ sees: every published name, followed as a reader would."""
    seen = {}
    for name in ("manifest.json", "briefing.pdf", "briefing.docx"):
        if (out / name).is_file():
            seen[name] = digest(out / name)
    if (out / "charts").is_dir():
        for chart in sorted((out / "charts").iterdir()):
            seen[f"charts/{chart.name}"] = digest(chart)
    return seen


def assert_consistent(out: Path, skip: str = "") -> None:
    """The manifest a reader sees describes exactly the briefing files a reader sees."""
    manifest = json.loads((out / "manifest.json").read_text())
    for name in ("briefing.pdf", "briefing.docx"):
        if name == skip:
            continue  # edited by hand: differs from the manifest on purpose
        record = manifest["outputs"].get(name)
        if record is None:
            assert not (out / name).exists(), name
        elif (out / name).exists():
            assert digest(out / name) == record["sha256"], name


def debris(out: Path) -> list[str]:
    """What a finished publish must not leave: temporaries, unfinished or surplus sets."""
    found = [str(p.relative_to(out)) for p in out.rglob(".gjz-tmp-*")]
    found += [p.name for p in out.glob("*.next")]
    sets = out / ".sets"
    if sets.is_dir():
        folders = [p for p in sets.iterdir() if p.name != "current"]
        if len(folders) > 2:  # the current set and the one before it
            found += [p.name for p in folders]
        found += [p.name for p in folders if not (p / "manifest.json").is_file()]
    return found


def legacy_folder(out: Path, label: str) -> None:
    """An output folder as gjz-brief wrote it before output sets: plain files."""
    spec = json.loads(spec_of(label))
    out.mkdir(parents=True)
    for name, data in spec["outputs"].items():
        (out / name).parent.mkdir(exist_ok=True)
        (out / name).write_bytes(data.encode("latin-1"))
    (out / "manifest.json").write_text(spec["manifest"], encoding="utf-8")


def prepare(publish: Publisher, kind: str, folder: Path) -> tuple[str, str | None]:
    """The folder before the build under test, its new build's spec and an edit made."""
    edited = None
    if kind == "first build":
        folder.mkdir(parents=True)
    elif kind == "legacy folder":
        legacy_folder(folder, "old")
    else:
        folder.mkdir(parents=True)
        assert publish(folder, spec_of("old"))[0] == 0
        assert publish(folder, spec_of("older"))[0] == 0  # so that a previous set exists
    if kind == "edited docx":
        edited = "PK the Word file, edited by a clerk"
        (folder / "briefing.docx").write_bytes(edited.encode())  # through our link
    if kind == "word replaced the link":
        edited = "PK saved by Word as a new file"
        (folder / "briefing.docx").unlink()
        (folder / "briefing.docx").write_bytes(edited.encode())
    formats = ("pdf",) if kind == "pdf only" else ("pdf", "docx")
    return spec_of("new", formats), edited


SCENARIOS = [
    "first build",
    "rebuild",
    "legacy folder",
    "edited docx",
    "word replaced the link",
    "pdf only",
]


@pytest.mark.parametrize("kind", SCENARIOS)
def test_kill_at_every_step_of_publishing_leaves_the_old_set_or_the_new(
    publish: Publisher, kind: str, tmp_path: Path
) -> None:
    initial = tmp_path / "initial"
    spec, edited = prepare(publish, kind, initial)
    before = visible(initial)
    reference = tmp_path / "reference"
    shutil.copytree(initial, reference, symlinks=True)
    code, steps, _ = publish(reference, spec)
    assert code == 0
    after = visible(reference)
    assert after != before and steps
    sets_before = [before]
    if edited is not None:
        # The edit, once kept under its own name, gives way to the set as it was written:
        # still the previous set, as its manifest describes it.
        manifest = json.loads((initial / "manifest.json").read_text())
        sets_before.append(
            {**before, "briefing.docx": manifest["outputs"]["briefing.docx"]["sha256"]}
        )
    outcomes = set()
    for kill_at in range(1, len(steps) + 1):
        out = tmp_path / f"killed-{kill_at}"
        shutil.copytree(initial, out, symlinks=True)
        code, _, _ = publish(out, spec, kill_at)
        assert code == -9, f"step {kill_at} ({steps[kill_at - 1]}) was not reached"
        seen = visible(out)
        where = f"killed after step {kill_at} of {len(steps)}: {steps[kill_at - 1]}"
        assert seen in (*sets_before, after), where
        outcomes.add("new" if seen == after else "old")
        if "manifest.json" in seen:
            assert_consistent(out, skip="briefing.docx" if edited and seen == before else "")
        if edited is not None:
            kept = [p.read_bytes().decode() for p in out.glob("briefing.edited-*.docx")]
            shown = (out / "briefing.docx").read_bytes().decode() if seen != after else None
            assert edited in [*kept, shown], f"{where}: the edited DOCX is lost"
        # the next run finishes the job and tidies up
        code, _, _ = publish(out, spec)
        assert code == 0
        assert visible(out) == after, where
        assert not debris(out), (where, debris(out))
        if edited is not None:
            kept = [p.read_bytes().decode() for p in out.glob("briefing.edited-*.docx")]
            assert kept == [edited], f"{where}: the edit must be kept exactly once"
        shutil.rmtree(out)
    assert outcomes == {"old", "new"}  # the kills fell on both sides of the switch


def test_the_switch_is_one_step(publish: Publisher, tmp_path: Path) -> None:
    """Of all steps, exactly one changes what a reader sees: the rename of .sets/current."""
    initial = tmp_path / "initial"
    spec, _ = prepare(publish, "rebuild", initial)
    before = visible(initial)
    reference = tmp_path / "reference"
    shutil.copytree(initial, reference, symlinks=True)
    _, steps, _ = publish(reference, spec)
    changed_at = []
    for kill_at in range(1, len(steps) + 1):
        out = tmp_path / f"k{kill_at}"
        shutil.copytree(initial, out, symlinks=True)
        publish(out, spec, kill_at)
        if visible(out) != before:
            changed_at.append(steps[kill_at - 1])
        shutil.rmtree(out)
    assert changed_at[0] == "switch current"
    assert steps.index("switch current") == len(steps) - len(changed_at)


def test_folder_layout_after_a_build(publish: Publisher, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    publish(out, spec_of("old"))
    publish(out, spec_of("new"))
    for name in ("briefing.pdf", "briefing.docx", "manifest.json", "charts"):
        assert os.readlink(out / name) == f".sets/current/{name}"
    current = os.readlink(out / ".sets" / "current")
    assert current.startswith("set-") and (out / ".sets" / current / "manifest.json").is_file()
    assert len([p for p in (out / ".sets").iterdir()]) == 3  # current, its set, the one before
    assert (out / "briefing.pdf").read_bytes() == b"%PDF-1.7 the briefing of new"


def test_pdf_only_build_holds_only_its_own_files(publish: Publisher, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    publish(out, spec_of("old"))
    publish(out, spec_of("new", ("pdf",)))
    assert (out / "briefing.pdf").read_bytes() == b"%PDF-1.7 the briefing of new"
    # the DOCX of the old build is not shown as part of the new set, nor listed in its manifest
    assert not os.path.lexists(out / "briefing.docx")
    current = out / ".sets" / os.readlink(out / ".sets" / "current")
    assert not (current / "briefing.docx").exists()
    manifest = json.loads((out / "manifest.json").read_text())
    assert "briefing.docx" not in manifest["outputs"]
    assert mf.unverified_outputs(current, manifest) == []
    assert not list(out.glob("briefing.edited-*"))  # it was not edited: nothing to keep


def test_pdf_only_build_keeps_a_docx_saved_over_the_link_and_clears_the_name(
    publish: Publisher, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    publish(out, spec_of("old"))
    (out / "briefing.docx").unlink()
    (out / "briefing.docx").write_bytes(b"PK saved by Word")  # Word replaces the link
    publish(out, spec_of("new", ("pdf",)))
    kept = list(out.glob("briefing.edited-*.docx"))
    assert [path.read_bytes() for path in kept] == [b"PK saved by Word"]
    assert not os.path.lexists(out / "briefing.docx")


def test_force_replaces_an_edit_without_keeping_it(publish: Publisher, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    publish(out, spec_of("old"))
    (out / "briefing.docx").write_bytes(b"PK edited")
    publish(out, spec_of("new", force=True))
    assert (out / "briefing.docx").read_bytes() == b"PK the Word file of new"
    assert not list(out.glob("briefing.edited-*"))
