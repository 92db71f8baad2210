"""The command line in-process: argument checks, messages, exit codes, the log file.

Builds through the CLI are tested in tests/e2e (a real process); here only what cli.py itself
decides: which arguments it refuses, what it prints, which exit code an error becomes.
"""

from __future__ import annotations

import argparse
import io
import signal
from pathlib import Path

import pytest

from gjz_brief import cli
from gjz_brief.errors import (
    EXIT_FAILURE,
    EXIT_INVALID_INPUT,
    EXIT_OK,
    ConfigError,
    InputError,
    OutputError,
    RenderError,
)


def run_cli(*argv: str, cwd: Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(list(argv), stdout=out, stderr=err, cwd=cwd)
    return code, out.getvalue(), err.getvalue()


# --- argument types ---------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["", "   ", "out\nrm -rf /", "a\x7fb"])
def test_a_path_argument_refuses_empty_and_control_characters(text: str) -> None:
    with pytest.raises(argparse.ArgumentTypeError):
        cli._path(text)


def test_a_path_argument_keeps_an_ordinary_name() -> None:
    assert cli._path("out/简报") == Path("out/简报")


@pytest.mark.parametrize("text", ["inf", "nan", "-1", "86400.5", "soon"])
def test_lock_timeout_refuses_what_is_not_a_day_or_less(text: str) -> None:
    with pytest.raises(argparse.ArgumentTypeError):
        cli._seconds(text)


@pytest.mark.parametrize(("text", "value"), [("0", 0.0), ("2.5", 2.5), ("86400", 86400.0)])
def test_lock_timeout_accepts_zero_to_a_day(text: str, value: float) -> None:
    assert cli._seconds(text) == value


@pytest.mark.parametrize("text", ["0", "10000", "x", "1.5"])
def test_issue_number_is_one_to_9999(text: str) -> None:
    with pytest.raises(argparse.ArgumentTypeError):
        cli._issue(text)
    assert cli._issue("9999") == 9999


# --- main: exit codes and messages -----------------------------------------------------------
def test_no_command_prints_help_and_is_invalid_input(tmp_path: Path) -> None:
    code, out, _ = run_cli(cwd=tmp_path)
    assert code == EXIT_INVALID_INPUT
    assert "usage: gjz-brief" in out and "exit codes:" in out


def test_a_bad_argument_is_one_message_with_a_hint(tmp_path: Path) -> None:
    code, out, err = run_cli("build", "--format", "odt", cwd=tmp_path)
    assert code == EXIT_INVALID_INPUT
    assert out == ""
    assert err.count("gjz-brief: error:") == 1
    assert "invalid choice: 'odt'" in err and "see 'gjz-brief build --help'" in err


def test_an_error_without_hint_gets_one_by_its_kind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*_args: object) -> int:
        raise OutputError("the disk is full")

    monkeypatch.setattr(cli, "_dispatch", fail)
    code, _, err = run_cli("templates", cwd=tmp_path)
    assert code == OutputError("x").exit_code
    assert "gjz-brief: error: the disk is full" in err
    assert "check the output folder (--out)" in err


@pytest.mark.parametrize(
    ("error", "hint"),
    [
        (InputError("x"), "correct the file or setting"),
        (OutputError("x"), "check the output folder"),
        (ConfigError("x"), "correct the file or setting"),
        (RenderError("x"), "run again with --debug"),
    ],
)
def test_default_hints(error: Exception, hint: str) -> None:
    assert hint in cli._default_hint(error)  # type: ignore[arg-type]


def test_a_bug_is_an_internal_error_and_debug_shows_the_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def bug(*_args: object) -> int:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(cli, "_dispatch", bug)
    code, _, err = run_cli("templates", cwd=tmp_path)
    assert code == EXIT_FAILURE
    assert "internal error: ZeroDivisionError: division by zero" in err
    assert "Traceback" not in err
    code, _, err = run_cli("templates", "--debug", cwd=tmp_path)
    assert code == EXIT_FAILURE and "Traceback (most recent call last)" in err


def test_ctrl_c_says_nothing_was_left_half_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*_args: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "_dispatch", interrupted)
    code, _, err = run_cli("templates", cwd=tmp_path)
    assert code == EXIT_FAILURE and "interrupted; no output file was left half-written" in err


def test_sigterm_becomes_an_interrupt_only_while_main_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = signal.getsignal(signal.SIGTERM)
    seen = []

    def dispatch(*_args: object) -> int:
        seen.append(signal.getsignal(signal.SIGTERM))
        return EXIT_OK

    monkeypatch.setattr(cli, "_dispatch", dispatch)
    assert run_cli("templates", cwd=tmp_path)[0] == EXIT_OK
    assert seen and seen[0] is not before and callable(seen[0])
    with pytest.raises(KeyboardInterrupt):
        seen[0](signal.SIGTERM, None)  # type: ignore[operator]
    assert signal.getsignal(signal.SIGTERM) is before


def test_templates_lists_the_three_built_in_templates(tmp_path: Path) -> None:
    code, out, _ = run_cli("templates", cwd=tmp_path)
    assert code == EXIT_OK
    assert [line.split()[0] for line in out.splitlines()] == ["full", "jianbao", "onepage"]


def test_quiet_prints_nothing_on_success(tmp_path: Path) -> None:
    code, out, err = run_cli("templates", "--quiet", cwd=tmp_path)
    assert (code, out, err) == (EXIT_OK, "", "")


# --- the log file ---------------------------------------------------------------------------
def test_log_lines_are_timestamped_and_leveled(tmp_path: Path) -> None:
    log = tmp_path / "run.log"
    console = cli.Console(io.StringIO(), io.StringIO(), True, log)
    console.info("first\nsecond")
    console.warn("careful")
    lines = log.read_text(encoding="utf-8").splitlines()
    assert [line.split(" ", 2)[1:] for line in lines] == [
        ["INFO", "first"],
        ["INFO", "second"],
        ["WARNING", "careful"],
    ]
    assert all(line[:4].isdigit() and "T" in line.split(" ")[0] for line in lines)
    assert console.out.getvalue() == ""  # type: ignore[attr-defined]
    assert console.err.getvalue() == "careful\n"  # type: ignore[attr-defined]


def test_the_log_is_not_written_through_a_symbolic_link(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.txt"
    target.write_text("", encoding="utf-8")
    link = tmp_path / "run.log"
    link.symlink_to(target)
    err = io.StringIO()
    console = cli.Console(io.StringIO(), err, False, link)
    console.info("one")
    console.info("two")
    assert target.read_text(encoding="utf-8") == ""
    assert err.getvalue() == "gjz-brief: cannot write the log file: it is a symbolic link\n"
    assert console.log is None  # said once, then the log is dropped


def test_the_out_folder_is_taken_from_the_current_folder(tmp_path: Path) -> None:
    class Place:
        default_out = Path("out")

    assert cli._out_dir(None, Place(), tmp_path) == (tmp_path / "out").resolve()  # type: ignore[arg-type]
    assert cli._out_dir(Path("/x/y"), Place(), tmp_path) == Path("/x/y")  # type: ignore[arg-type]


# --- papercuts of issue #16 -------------------------------------------------------------------
def test_schedule_from_the_root_folder_asks_for_an_output_folder(tmp_path: Path) -> None:
    code, out, err = run_cli("schedule", cwd=Path("/"))
    assert code == EXIT_INVALID_INPUT and "/out" in err and "--out" in err
    assert "--out /out" not in out
    code, out, _ = run_cli("schedule", "--out", str(tmp_path / "out"), cwd=Path("/"))
    assert code == EXIT_OK and f"--out {tmp_path / 'out'}" in out


def test_init_names_a_command_that_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shlex
    import subprocess
    import sys

    monkeypatch.setenv("PATH", "/usr/bin:/bin")  # as after scripts/setup: .venv/bin not on it
    code, out, _ = run_cli("init", str(tmp_path / "ws"), cwd=tmp_path)
    assert code == EXIT_OK
    command = out.split("then run: ", 1)[1].strip()
    assert not command.startswith("gjz-brief ")
    script = Path(sys.executable).parent / "gjz-brief"
    assert command.startswith(str(script) if script.exists() else sys.executable)
    args = shlex.split(command)
    version = subprocess.run(
        [*args[: args.index("build")], "--version"], capture_output=True, text=True, check=False
    )
    assert version.returncode == 0 and "gjz-brief" in version.stdout


def test_a_reader_that_goes_away_stops_quietly_with_the_pipe_code(tmp_path):
    """`gjz-brief … | head`: the pipe closes under us; no "internal error", exit 141."""
    import subprocess
    import sys

    from repository import SRC

    process = subprocess.Popen(
        [sys.executable, "-m", "gjz_brief", "templates"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(SRC), "HOME": str(tmp_path)},
    )
    assert process.stdout is not None
    process.stdout.close()  # the reader leaves before the list is printed (start-up is slower)
    stderr = process.stderr.read().decode() if process.stderr else ""
    code = process.wait(timeout=120)
    assert code == 141, stderr
    assert "internal error" not in stderr and "Traceback" not in stderr, stderr


def test_a_full_disk_behind_stdout_is_said_plainly_not_an_internal_error(tmp_path):
    """stdout on /dev/full (a full disk): the command says it could not write its messages,
    exit 1, never "internal error"."""
    import subprocess
    import sys

    from repository import SRC

    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "gjz_brief", "templates"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(SRC), "HOME": str(tmp_path)},
            timeout=120,
        )
    assert result.returncode == 1, result.stderr
    assert "could not write the messages to standard output: No space left on device" in (
        result.stderr
    )
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
