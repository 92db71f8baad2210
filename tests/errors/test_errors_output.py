"""Output problems (a file as --out, no permission, a full disk), interrupts, --debug and
internal errors: one message, the right exit code, previous outputs byte-identical."""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from errors_support import (
    SRC,
    KeptOutputs,
    assert_no_traceback,
    edit,
    leftovers,
    make_workspace,
    run_cli,
    run_main,
)
from prerequisites import require_tool

from gjz_brief.output import atomic, sets


def test_output_path_that_is_a_file(tmp_path):
    target = tmp_path / "report.pdf"
    target.write_bytes(b"%PDF-1.4 not ours")
    result = run_cli("build", "--out", str(target))
    assert result.returncode == 1
    assert_no_traceback(result)
    assert f"gjz-brief: error: {target}: the output path is a file, not a folder" in result.stderr
    assert "hint: choose a folder with --out" in result.stderr
    assert target.read_bytes() == b"%PDF-1.4 not ours"
    assert not leftovers(tmp_path)


def test_output_folder_below_a_file(tmp_path):
    (tmp_path / "file").write_text("x", encoding="utf-8")
    result = run_cli("build", "--out", str(tmp_path / "file" / "out"))
    assert result.returncode == 1
    assert "the output folder cannot be made: " + str(tmp_path / "file") + " is a file" in (
        result.stderr
    )


def _mount(*args: str) -> None:
    """mount(8) as root; a user skips the test (the only skips of the suite, in the README)."""
    if os.geteuid() != 0:
        pytest.skip("mounting a file system needs root")
    completed = subprocess.run([require_tool("mount"), *args], capture_output=True, check=False)
    assert completed.returncode == 0, f"mount {' '.join(args)}: {completed.stderr!r}"


def test_read_only_output_folder(out, kept, tmp_path):
    """A read-only bind mount: root cannot write there either (unlike chmod)."""
    _mount("--bind", "-o", "ro", str(out), str(out))
    try:
        result = run_cli("build", "--out", str(out))
    finally:
        subprocess.run(["umount", str(out)], check=True)
    assert result.returncode == 1
    assert_no_traceback(result)
    assert f"gjz-brief: error: {out}: no permission to write here" in result.stderr
    assert "hint: choose another folder with --out or fix its permissions" in result.stderr
    kept()


def test_no_permission_found_late_in_process(out, kept, monkeypatch):
    """Permissions that only show when writing (os.access said yes): same message, kept."""
    real = os.open

    def refusing_open(path, flags, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        if flags & os.O_CREAT and Path(path).parent.parent == out / ".sets":
            raise PermissionError(errno.EACCES, "Permission denied")  # a file of the new set
        return real(path, flags, *args, **kwargs)

    monkeypatch.setattr(sets.os, "open", refusing_open)
    result = run_main("build", "--out", str(out))
    assert result.returncode == 1, result.stderr
    assert f"gjz-brief: error: {out}: no permission to write here" in result.stderr
    kept()


def test_full_disk_in_process(out, kept, monkeypatch):
    """ENOSPC while the temporary files are flushed: nothing overwritten, temporaries gone."""

    def fsync(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", fsync)
    result = run_main("build", "--out", str(out))
    assert result.returncode == 1, result.stderr
    assert f"gjz-brief: error: {out}: the disk is full; nothing was overwritten" in result.stderr
    assert "hint: free some space and build again" in result.stderr
    kept()


def test_full_disk_on_a_tiny_tmpfs(built, tmp_path):
    mount_point = tmp_path / "tiny"
    mount_point.mkdir()
    used = sum(p.stat().st_size for p in built.rglob("*") if p.is_file())
    size_kb = used // 1024 + 400  # the old build fits, a second copy of it does not
    _mount("-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs", str(mount_point))
    try:
        out = mount_point / "out"
        shutil.copytree(built, out, symlinks=True)
        kept = KeptOutputs(out)
        # other content, so that the build really writes new bytes
        workspace = make_workspace(tmp_path / "ws")
        edit(
            workspace / "content" / "meta.yaml",
            "  title: 甘井子区发展规划简报",
            "  title: 甘井子区发展规划简报（修订）",
        )
        result = run_cli("build", "--workspace", str(workspace), "--out", str(out))
        assert result.returncode == 1, result.stderr
        assert_no_traceback(result)
        assert f"gjz-brief: error: {out}: the disk is full; nothing was overwritten" in (
            result.stderr
        )
        kept.check()
    finally:
        subprocess.run(["umount", str(mount_point)], check=True)


def test_names_with_spaces_and_chinese(tmp_path):
    workspace = make_workspace(tmp_path / "工作区 with spaces")
    out = tmp_path / "输出 甘井子 out"
    result = run_cli("build", "--workspace", str(workspace), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert f"in {out}" in result.stdout
    assert (out / "briefing.pdf").stat().st_size > 10_000
    assert (out / "briefing.docx").stat().st_size > 10_000


def test_keyboard_interrupt_while_rendering(out, kept, monkeypatch):
    import gjz_brief.render.docx as docx_renderer

    def interrupted(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        raise KeyboardInterrupt

    monkeypatch.setattr(docx_renderer, "render_docx", interrupted)
    result = run_main("build", "--out", str(out))
    assert result.returncode == 1
    assert result.stderr == "gjz-brief: interrupted; no output file was left half-written\n"
    kept()


def test_keyboard_interrupt_while_writing_temporary_files(out, kept, monkeypatch):
    calls = []
    real = os.fsync

    def fsync(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 3:  # after two temporary outputs are on disk
            raise KeyboardInterrupt
        real(fd)

    monkeypatch.setattr(atomic.os, "fsync", fsync)
    result = run_main("build", "--out", str(out))
    assert result.returncode == 1
    assert "interrupted" in result.stderr
    assert len(calls) >= 3
    kept()


def test_sigterm_during_a_build_keeps_the_previous_outputs(out, tmp_path):
    workspace = make_workspace(tmp_path / "ws")
    environment = dict(os.environ, PYTHONPATH=str(SRC))
    interrupted = False
    # A warm build takes about half a second; SIGTERM must land after the CLI took over
    # the signal (a few tenths in) and before the build ends, so the delay is searched.
    for attempt, delay in enumerate((0.5, 0.4, 0.3, 0.22, 0.15, 0.35, 0.27, 0.45)):
        # new text each time: the chart and font caches cannot make the build instant
        edit(
            workspace / "content" / "meta.yaml",
            "  title: 甘井子区发展规划简报",
            f"  title: 甘井子区发展规划简报{attempt}",
        )
        guard = KeptOutputs(out)
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gjz_brief",
                "build",
                "--workspace",
                str(workspace),
                "--out",
                str(out),
            ],
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        time.sleep(delay)
        process.send_signal(signal.SIGTERM)
        stdout, stderr = process.communicate(timeout=120)
        if process.returncode == 0:
            continue  # it finished before the signal: try again, earlier
        if process.returncode == -signal.SIGTERM:
            continue  # still starting Python: the default handler ended it; try later
        assert process.returncode == 1, stderr
        assert "gjz-brief: interrupted; no output file was left half-written" in stderr
        assert "Traceback" not in stderr
        interrupted = True
        break
    assert interrupted, "every build finished before SIGTERM arrived"
    guard.check()


def test_internal_error_is_one_line_without_traceback(out, kept, monkeypatch):
    import gjz_brief.build as build

    def broken(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        raise RuntimeError("boom")

    monkeypatch.setattr(build, "compose_document", broken)
    result = run_main("build", "--out", str(out))
    assert result.returncode == 1
    assert result.stderr == (
        "gjz-brief: internal error: RuntimeError: boom\n"
        "  hint: run again with --debug and report the traceback\n"
    )
    kept()


def test_debug_shows_the_traceback_of_an_internal_error(out, monkeypatch):
    import gjz_brief.build as build

    def broken(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        raise RuntimeError("boom")

    monkeypatch.setattr(build, "compose_document", broken)
    result = run_main("build", "--debug", "--out", str(out))
    assert result.returncode == 1
    assert result.stderr.startswith("Traceback (most recent call last):")
    assert 'raise RuntimeError("boom")' in result.stderr
    assert result.stderr.rstrip().endswith("report the traceback")


def test_debug_shows_the_traceback_of_an_input_error_in_a_subprocess(workspace, out, kept):
    edit(workspace / "content" / "figures.yaml", "    value: 288\n", "    value: -288\n")
    plain = run_cli("build", "--workspace", str(workspace), "--out", str(out))
    debug = run_cli("build", "--debug", "--workspace", str(workspace), "--out", str(out))
    assert plain.returncode == debug.returncode == 2
    assert "Traceback" not in plain.stderr
    assert "Traceback (most recent call last):" in debug.stderr
    assert "ContentError" in debug.stderr
    assert plain.stderr in debug.stderr  # the same message after the traceback
    kept()


def test_bad_argument_exits_2_with_one_message():
    result = run_cli("build", "--format", "odt")
    assert result.returncode == 2
    assert_no_traceback(result)
    assert "argument --format/-f: invalid choice: 'odt'" in result.stderr
    assert "hint: see 'gjz-brief build --help'" in result.stderr


def test_snapshot_helper_notices_a_change(out):
    """The helper itself: a changed byte or a left temporary file is caught."""
    kept = KeptOutputs(out)
    pdf = out / "briefing.pdf"
    data = pdf.read_bytes()
    pdf.write_bytes(data[:-1] + bytes([data[-1] ^ 1]))
    with pytest.raises(AssertionError):
        kept.check()
    pdf.write_bytes(data)
    kept.check()
    (out / ".gjz-tmp-abc-briefing.pdf").write_bytes(b"")
    with pytest.raises(AssertionError):
        kept.check()
    assert hashlib.sha256(pdf.read_bytes()).hexdigest() == kept.before["briefing.pdf"]
