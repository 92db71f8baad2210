"""The command line: the one place that prints, logs and chooses exit codes."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import errno
import gc
import logging
import math
import os
import signal
import sys
import threading
import time
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from gjz_brief import __version__
from gjz_brief.errors import (
    EXIT_FAILURE,
    EXIT_INVALID_INPUT,
    EXIT_OK,
    EXIT_TEMPFAIL,
    BriefError,
    ConfigError,
    Location,
)

if TYPE_CHECKING:
    from gjz_brief.workspace import Workspace

EXIT_BROKEN_PIPE = 128 + signal.SIGPIPE  # 141, as a shell reports a process killed by SIGPIPE

EPILOG = f"""exit codes:
  {EXIT_OK}   success (also: --if-changed found nothing to do)
  {EXIT_FAILURE}   failure (rendering, writing, missing system fonts, internal error)
  {EXIT_INVALID_INPUT}   invalid input: content, template, configuration or arguments
  {EXIT_TEMPFAIL}  another build holds the output folder; try again later (EX_TEMPFAIL)
  {EXIT_BROKEN_PIPE} the reader of the output went away (e.g. `| head`); quietly stopped
"""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # argparse exits 2 already; keep one message
        raise ConfigError(message, hint=f"see '{self.prog} --help'")


class StreamWriteError(Exception):
    """Standard output or error could not be written (a full disk, a closed terminal): not
    a fault of the content or of gjz-brief, so never reported as an internal error."""

    def __init__(self, stream: str, error: OSError) -> None:
        super().__init__(f"{stream}: {error.strerror or error}")
        self.stream = stream


def _write(stream: TextIO, name: str, text: str) -> None:
    try:
        stream.write(text)
    except StreamWriteError:
        raise  # main reports it, whichever handler here was writing
    except BrokenPipeError:
        raise  # the reader went away: main stops quietly
    except OSError as error:
        raise StreamWriteError(name, error) from None


class Console:
    """Messages for the user, optionally also appended with a timestamp to a log file."""

    def __init__(self, out: TextIO, err: TextIO, quiet: bool, log: Path | None) -> None:
        self.out, self.err, self.quiet, self.log = out, err, quiet, log

    def _log(self, level: str, text: str) -> None:
        if self.log is None:
            return
        stamp = dt.datetime.now().astimezone().isoformat(timespec="seconds")
        try:
            # Not through a symbolic link: a link planted in out/ (where `schedule` puts the
            # log) would make every run append to a file elsewhere.
            flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW
            with open(os.open(self.log, flags, 0o644), "a", encoding="utf-8") as handle:
                for line in text.splitlines() or [""]:
                    handle.write(f"{stamp} {level} {line}\n")
        except OSError as error:
            self.log = None
            reason = (
                "it is a symbolic link"
                if error.errno == errno.ELOOP
                else (error.strerror or str(error))
            )
            _write(self.err, "standard error", f"gjz-brief: cannot write the log file: {reason}\n")

    def info(self, text: str) -> None:
        self._log("INFO", text)
        if not self.quiet:
            _write(self.out, "standard output", text + "\n")

    def detail(self, text: str) -> None:
        """Asked-for detail (e.g. --timings): on stderr, so it shows even with --quiet."""
        self._log("INFO", text)
        _write(self.err, "standard error", text + "\n")

    def warn(self, text: str) -> None:
        self._log("WARNING", text)
        _write(self.err, "standard error", text + "\n")

    def error(self, text: str) -> None:
        self._log("ERROR", text)
        _write(self.err, "standard error", text + "\n")


def _path(text: str) -> Path:
    """A path argument: not empty (``--out ""`` would mean the current folder), no control
    characters (a newline would break the crontab line `schedule` prints)."""
    if not text.strip():
        raise argparse.ArgumentTypeError("an empty path; give a folder or file name")
    if any(ord(character) < 32 or ord(character) == 127 for character in text):
        raise argparse.ArgumentTypeError(f"{text[:40]!r} contains a control character (a newline?)")
    return Path(text)


MAX_LOCK_TIMEOUT = 86_400.0  # a day, as lock_timeout_seconds in gjz-brief.yaml


def _seconds(text: str) -> float:
    """--lock-timeout: a finite number of seconds from 0 to a day (not inf, nan, -1)."""
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or not 0 <= value <= MAX_LOCK_TIMEOUT:
        raise argparse.ArgumentTypeError(
            f"{text[:20]!r} is not a number of seconds from 0 to {MAX_LOCK_TIMEOUT:g}"
        )
    return value


def _issue(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= 9999:
        raise argparse.ArgumentTypeError(f"{text[:20]!r} is not an issue number from 1 to 9999")
    return value


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="gjz-brief",
        description="Briefings (PDF and Word) on a development plan, from a YAML content model.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"gjz-brief {__version__}")
    common = _Parser(add_help=False)
    common.add_argument(
        "--workspace",
        "-w",
        type=_path,
        help="workspace folder (default: the "
        "current folder if it has gjz-brief.yaml, else the built-in content)",
    )
    common.add_argument("--debug", action="store_true", help="show tracebacks and debug notes")
    common.add_argument("--quiet", "-q", action="store_true", help="print nothing on success")
    common.add_argument("--log", type=_path, help="append timestamped lines to this file")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    build = commands.add_parser(
        "build",
        parents=[common],
        help="build the PDF and DOCX",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    build.add_argument("--out", "-o", type=_path, help="output folder (default: out)")
    build.add_argument("--format", "-f", choices=["pdf", "docx", "all"], default="all")
    build.add_argument("--template", "-t", help="template name (see 'gjz-brief templates')")
    build.add_argument(
        "--issue",
        type=_issue,
        help="简报期号 (a whole number 1-9999); rarely needed: after 'publish' the build "
        "drafts the next issue",
    )
    build.add_argument(
        "--if-changed",
        action="store_true",
        help="do nothing if inputs and outputs match the last manifest",
    )
    build.add_argument(
        "--changes",
        action="store_true",
        help="add a 本期变化 section: figures changed since the last published issue "
        "(see 'publish'; before the first, since the previous build)",
    )
    build.add_argument(
        "--force", action="store_true", help="overwrite outputs even if someone edited them"
    )
    build.add_argument(
        "--timings", action="store_true", help="print how long each stage took (on stderr)"
    )
    build.add_argument(
        "--lock-timeout",
        type=_seconds,
        metavar="SECONDS",
        help="how long to wait for another build of the same folder",
    )

    publish = commands.add_parser(
        "publish",
        parents=[common],
        help="freeze the current outputs as their issue (第N期) in OUT/issues; the next "
        "build drafts 第N+1期",
    )
    publish.add_argument("--out", "-o", type=_path, help="output folder (default: out)")
    publish.add_argument(
        "--lock-timeout",
        type=_seconds,
        metavar="SECONDS",
        help="how long to wait for a build of the same folder",
    )

    absorb = commands.add_parser(
        "absorb",
        parents=[common],
        help="write the edits made to the DOCX (in Word, WPS, LibreOffice) into the content",
        epilog="exit codes: 0 absorbed (or nothing to absorb); 2 conflicts, or the result would "
        "not validate: nothing is written",
    )
    absorb.add_argument(
        "file",
        nargs="?",
        type=_path,
        help="the edited DOCX (default: out/briefing.docx when edited, else the newest "
        "out/briefing.edited-*.docx)",
    )
    absorb.add_argument(
        "--dry-run", action="store_true", help="print the diff and the lists; write nothing"
    )
    absorb.add_argument("--out", "-o", type=_path, help="output folder (default: out)")

    init = commands.add_parser("init", parents=[common], help="create an editable workspace")
    init.add_argument("directory", type=_path)
    validate = commands.add_parser(
        "validate",
        parents=[common],
        help="run every check of a build (the same code, in memory) and write nothing",
    )
    validate.add_argument(
        "--template", "-t", help="check against this template (default: the workspace's)"
    )
    commands.add_parser("fonts", parents=[common], help="show which font file serves each role")
    commands.add_parser("templates", parents=[common], help="list the templates")
    schema = commands.add_parser(
        "schema", parents=[common], help="write JSON Schemas of the content, layout and theme files"
    )
    schema.add_argument(
        "--out",
        "-o",
        type=_path,
        default=Path("schema"),
        help="folder for the schema files (default: schema)",
    )
    preview = commands.add_parser(
        "preview", parents=[common], help="PNG thumbnails and a contact sheet of DIR/briefing.pdf"
    )
    preview.add_argument("--out", "-o", type=_path, help="the build's output folder (default: out)")
    schedule = commands.add_parser(
        "schedule", parents=[common], help="print a crontab line and systemd units for this setup"
    )
    schedule.add_argument("--out", "-o", type=_path, help="output folder (default: out)")
    schedule.add_argument("--cron", default="*/30 * * * *", help="cron time fields")
    schedule.add_argument("--on-calendar", default="*:0/30", help="systemd OnCalendar value")
    return parser


def run() -> NoReturn:
    """The program's entry point (console script, ``python -m gjz_brief``): main, then exit.

    A build is a short process whose objects (modules, fonts, layout) mostly live to its
    end, so the collector's frequent young-generation passes find little: they run far less
    often here (~0.03 s of a 0.55 s warm build; peak memory measured unchanged).
    Before exiting, the objects left are moved out of the garbage collector's reach: the
    interpreter would otherwise scan all of them (fonts, layout, outputs) on its way out,
    ~0.07 s of every build. Outputs are already written and synced; atexit handlers and
    stream flushing still run.
    """
    gc.set_threshold(50_000, 20, 100)  # Python 3.11: (700, 10, 10)
    code = main()
    gc.freeze()
    sys.exit(code)


def main(
    argv: Sequence[str] | None = None,
    *,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
    cwd: Path | None = None,
) -> int:
    """Run one command; its exit code (see EPILOG)."""
    try:
        return _main(argv, stdout=stdout, stderr=stderr, cwd=cwd)
    except StreamWriteError as error:
        # The messages could not be written (a full disk behind stdout, say). The outputs
        # are published whole or not at all, whatever point the command had reached.
        _silence_stdout()
        with contextlib.suppress(OSError):
            (stderr or sys.stderr).write(
                f"gjz-brief: error: could not write the messages to {error}\n"
            )
        return EXIT_FAILURE


def _main(
    argv: Sequence[str] | None,
    *,
    stdout: TextIO | None,
    stderr: TextIO | None,
    cwd: Path | None,
) -> int:
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    args_list = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args_list
    console = Console(out, err, False, None)
    previous_handler = _catch_sigterm()
    notes = _show_debug_notes(err) if debug else None
    try:
        args = _parser().parse_args(args_list)
        if args.command is None:
            _parser().print_help(out)
            return EXIT_INVALID_INPUT
        console = Console(out, err, args.quiet, args.log)
        code = _dispatch(args, console, cwd or Path.cwd())
        try:
            out.flush()  # a closed pipe or a full disk shows here, not at the interpreter's exit
        except BrokenPipeError:
            raise
        except OSError as error:
            raise StreamWriteError("standard output", error) from None
        return code
    except BriefError as error:
        if debug:
            traceback.print_exc(file=err)
        if not error.hint:
            error.hint = _default_hint(error)
        console.error(f"gjz-brief: error: {error}")
        return error.exit_code
    except KeyboardInterrupt:
        console.error("gjz-brief: interrupted; no output file was left half-written")
        return EXIT_FAILURE
    except StreamWriteError:  # noqa: TRY203 - not to the internal-error handler below
        raise  # main reports it, whichever handler here was writing
    except BrokenPipeError:
        # The reader of our output went away (`gjz-brief absorb --dry-run | head`): no fault
        # of ours or the user's. Quiet, like other Unix tools, with the shell's code for a
        # write to a closed pipe; the interpreter's last flush must not fail again.
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    except Exception as error:  # noqa: BLE001 - the one place that turns bugs into a message
        if debug:
            traceback.print_exc(file=err)
        console.error(
            f"gjz-brief: internal error: {type(error).__name__}: {error}\n"
            "  hint: run again with --debug and report the traceback"
        )
        return EXIT_FAILURE
    finally:
        if previous_handler is not None:
            signal.signal(signal.SIGTERM, previous_handler)
        if notes is not None:
            logging.getLogger("gjz_brief").removeHandler(notes)
            logging.getLogger("gjz_brief").setLevel(logging.NOTSET)


def _silence_stdout() -> None:
    """Point file descriptor 1 at /dev/null so Python's flush at exit finds no closed pipe."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout without a file descriptor (tests): nothing to do
        pass


def _show_debug_notes(err: TextIO) -> logging.Handler:
    """--debug: the library's debug notes (a font folder skipped, a cache not usable) on
    stderr. Returns the handler, to be removed when the command is done."""
    handler = logging.StreamHandler(err)
    handler.setFormatter(logging.Formatter("gjz-brief: debug: %(message)s"))
    logger = logging.getLogger("gjz_brief")
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    return handler


def _catch_sigterm() -> Any:
    """SIGTERM (systemd stop, kill) unwinds like Ctrl-C, so temporary files are removed.

    Returns the previous handler, or None where handlers cannot be set (not the main thread).
    """

    def interrupt(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    if threading.current_thread() is not threading.main_thread():
        return None
    return signal.signal(signal.SIGTERM, interrupt)


def _default_hint(error: BriefError) -> str:
    """For the few errors raised without a hint: at least say where to look next."""
    from gjz_brief.errors import InputError, OutputError

    if isinstance(error, InputError):
        return "correct the file or setting named above and run again"
    if isinstance(error, OutputError):
        return "check the output folder (--out): that it is a folder, writable, with free space"
    return "run again with --debug to see the details"


def _dispatch(args: argparse.Namespace, console: Console, cwd: Path) -> int:
    from gjz_brief.workspace import find_workspace

    if args.command == "init":
        from gjz_brief.init import create_workspace

        root = create_workspace(args.directory)
        console.info(
            f"workspace created in {root}\n  edit {root}/content/*.yaml, then run: "
            f"{_command_name()} build --workspace {root}"
        )
        return EXIT_OK
    workspace = find_workspace(args.workspace, cwd)
    if args.command == "validate":
        return _validate(args, workspace, console, cwd)
    if args.command == "fonts":
        from gjz_brief.fonts.resolve import describe_fonts, resolve_workspace_fonts

        for line in describe_fonts(resolve_workspace_fonts(workspace, os.environ)):
            console.info(line)
        return EXIT_OK
    if args.command == "templates":
        from gjz_brief.template.loader import available_templates, describe_template

        for name, folder in available_templates(workspace.root).items():
            console.info(f"{name:10} {describe_template(folder, workspace.root)}")
        return EXIT_OK
    if args.command == "build":
        return _build(args, workspace, console, cwd)
    if args.command == "publish":
        from gjz_brief.output.issues import draft_issue, publish_issue

        out_dir = _out_dir(args.out, workspace, cwd)
        timeout = (
            args.lock_timeout
            if args.lock_timeout is not None
            else workspace.config.lock_timeout_seconds
        )
        issue = publish_issue(out_dir, timeout)
        draft = draft_issue(out_dir) or issue.number + 1  # after the last published issue
        console.info(
            f"published 第{issue.number}期 in {issue.folder}\n"
            f"  the next build is the draft of 第{draft}期; "
            f"--changes compares it with 第{draft - 1}期"
        )
        return EXIT_OK
    if args.command == "absorb":
        return _absorb(args, workspace, console, cwd)
    if args.command == "schema":
        from gjz_brief.schema import write_schemas

        folder = args.out if args.out.is_absolute() else cwd / args.out
        for path in write_schemas(folder):
            console.info(f"wrote {path}")
        return EXIT_OK
    if args.command == "preview":
        from gjz_brief.preview import make_preview

        out_dir = _out_dir(args.out, workspace, cwd)
        sheet = make_preview(out_dir)
        console.info(f"preview: {sheet}")
        return EXIT_OK
    if args.command == "schedule":
        from gjz_brief.schedule import schedule_text

        out_dir = _out_dir(args.out, workspace, cwd)
        if args.out is None and out_dir.parent == Path(out_dir.anchor):
            # Run from / (or another folder at the root), the default "out" would put the
            # scheduled builds in /out: say so rather than print it.
            raise ConfigError(
                f"the default output folder here would be {out_dir}, at the root of the file "
                "system",
                Location(field="--out"),
                "give the output folder with --out FOLDER, or run 'schedule' from the "
                "workspace folder",
            )
        home = workspace.root.resolve() if workspace.root is not None else None
        console.info(schedule_text(home, out_dir, args.cron, args.on_calendar).rstrip())
        return EXIT_OK
    raise ConfigError(f"unknown command {args.command}")


def _command_name() -> str:
    """How to run gjz-brief again from any folder: its name when PATH finds this very
    installation, else the full path of its script in the virtual environment (scripts/setup
    puts it in .venv/bin, which is not on PATH), else ``python -m gjz_brief``."""
    import shlex

    script = Path(sys.executable).parent / "gjz-brief"
    folders = [Path(entry) for entry in os.environ.get("PATH", "").split(os.pathsep) if entry]
    if script.exists() and script.parent.resolve() in {folder.resolve() for folder in folders}:
        return "gjz-brief"  # this installation's folder of scripts is on PATH
    if script.exists():
        return shlex.quote(str(script))
    return f"{shlex.quote(sys.executable)} -m gjz_brief"


def _out_dir(out: Path | None, workspace: Workspace, cwd: Path) -> Path:
    out_dir: Path = out if out is not None else workspace.default_out
    return (out_dir if out_dir.is_absolute() else cwd / out_dir).resolve()


def _validate(args: argparse.Namespace, workspace: Workspace, console: Console, cwd: Path) -> int:
    """``validate`` is a build that publishes nothing: the same stages and checks, so the two
    give the same verdict on the same content. Its cache is the output folder's .cache when
    that folder exists (the next build then starts warm), a temporary folder otherwise."""
    import tempfile

    from gjz_brief.build import run_build
    from gjz_brief.request import BuildRequest

    out_dir = _out_dir(None, workspace, cwd)
    with tempfile.TemporaryDirectory(prefix="gjz-validate-") as temporary:
        request = BuildRequest(
            workspace=workspace,
            out_dir=out_dir if out_dir.is_dir() else Path(temporary),
            template=args.template,
            dry_run=True,
        )
        result = run_build(request)
    for warning in result.warnings:
        console.warn(str(warning))
    for note in result.notes:
        console.info(str(note))
    assert result.content is not None  # a build that did not raise loaded its content
    plan = result.content.plan
    console.info(
        f"content is valid: {len(plan.figures)} figures, {len(plan.sections)} "
        f"sections, {len(plan.charts)} charts, {len(result.warnings)} warnings"
        + (f", {len(result.notes)} notes on the sheet" if result.notes else "")
    )
    return EXIT_OK


def _absorb(args: argparse.Namespace, workspace: Workspace, console: Console, cwd: Path) -> int:
    """``absorb``: the edits of a DOCX into the content; nothing written on a conflict."""
    from gjz_brief.absorb.run import (
        conflict_lines,
        find_edited_docx,
        prepare_absorb,
        write_absorbed,
    )

    out_dir = _out_dir(args.out, workspace, cwd)
    if args.file is not None:
        docx = args.file if args.file.is_absolute() else cwd / args.file
    else:
        docx = find_edited_docx(out_dir)
    report = prepare_absorb(workspace, docx, out_dir, dict(os.environ))
    absorbed, edited = report.absorbed, report.edited
    console.info(
        f"absorbing {docx}: {absorbed.edited_paragraphs} paragraphs, {absorbed.edited_cells} "
        f"table cells, {absorbed.edited_figures} figures edited; "
        f"{len(edited.revisions)} tracked changes, {len(edited.comments)} comments"
    )
    for revision in edited.revisions:
        console.info(
            f"tracked change ({revision.kind}) by {revision.author}"
            + (f" on {revision.date}" if revision.date else "")
            + f" at {revision.where}: “{revision.text}” (read as accepted)"
        )
    for comment in edited.comments:
        console.info(
            f"comment by {comment.author}"
            + (f" on {comment.date}" if comment.date else "")
            + f" at {comment.where} on “{comment.anchored}”: {comment.text}"
        )
    for item in absorbed.not_absorbed:
        console.warn(f"not absorbed: {item}")
    for note in absorbed.notes:
        console.info(f"note: {note}")
    diff = report.diff()
    if (args.dry_run or not report.ok) and diff:
        console.info(diff.rstrip("\n"))
    if not report.ok:
        for line in conflict_lines(report):
            console.error(f"gjz-brief: conflict: {line}")
        console.error("gjz-brief: nothing was written")
        return EXIT_INVALID_INPUT
    if args.dry_run:
        console.info("dry run: nothing was written")
        return EXIT_OK
    write_absorbed(report, out_dir)
    for path in report.written:
        console.info(f"wrote {report.displays.get(path, path)}")
    if not report.written:
        console.info("nothing to write: the content already says what the DOCX says")
    return EXIT_OK


def _absorb_command(args: argparse.Namespace, file: Path | None = None) -> str:
    """The ``gjz-brief absorb …`` line for the build ``args`` describe, runnable as printed:
    the program as ``_command_name`` finds it, folders as absolute paths (a scheduled build
    runs from another folder than the clerk's shell)."""
    import shlex

    words = ["absorb"]
    if args.workspace is not None:
        words += ["--workspace", str(Path(args.workspace).resolve())]
    if args.out is not None:
        words += ["--out", str(Path(args.out).resolve())]
    if file is not None:
        words.append(str(Path(file).resolve()))
    return f"{_command_name()} {shlex.join(words)}"


def _edit_summary(docx: Path) -> str:
    """What was edited in a kept DOCX (paragraphs, cells, figures, tracked changes,
    comments), or why that cannot be told."""
    from gjz_brief.absorb.engine import count_edits
    from gjz_brief.absorb.read import read_edited_docx

    try:
        edited = read_edited_docx(docx.read_bytes(), str(docx))
    except (OSError, BriefError) as error:
        reason = error.message if isinstance(error, BriefError) else str(error)
        return f"its edits cannot be read: {reason}"
    counts = count_edits(edited)
    return (
        f"edited: {counts.paragraphs} paragraphs, {counts.cells} table cells, "
        f"{counts.figures} figures, {counts.revisions} tracked changes, "
        f"{counts.comments} comments"
    )


def _build(args: argparse.Namespace, workspace: Workspace, console: Console, cwd: Path) -> int:
    from gjz_brief.inputs import edited_by_hand, is_up_to_date
    from gjz_brief.output.atomic import check_output_folder
    from gjz_brief.request import BuildRequest

    out_dir = _out_dir(args.out, workspace, cwd)
    check_output_folder(out_dir)  # before minutes of rendering, not after
    formats = ("pdf", "docx") if args.format == "all" else (args.format,)
    request = BuildRequest(
        workspace=workspace,
        out_dir=out_dir,
        formats=formats,
        template=args.template,
        issue_number=args.issue,
        force=args.force,
        show_changes=args.changes,
        lock_timeout_seconds=args.lock_timeout,
    )
    # --if-changed decides before the build's stages (and their libraries) are imported.
    started = time.perf_counter()
    if args.if_changed and is_up_to_date(request):
        if args.timings:
            elapsed = time.perf_counter() - started
            console.detail(f"timing: {elapsed:6.3f} s  compare inputs with the manifest")
        console.info(f"up to date: {out_dir}")
        return EXIT_OK
    edited = edited_by_hand(request) if args.if_changed and not args.force else []
    if edited:
        # Nothing changed but a clerk's edit: rebuilding would only move the file aside.
        for name in edited:
            console.info(f"{name} was edited by hand; kept (the inputs are unchanged)")
            if name.endswith(".docx"):
                console.info(f"  to write the edits into the content: {_absorb_command(args)}")
        return EXIT_OK
    from gjz_brief.build import run_build

    result = run_build(request)
    if args.timings:
        for stage, seconds in result.timings:
            console.detail(f"timing: {seconds:6.3f} s  {stage}")
    for warning in result.warnings:
        console.warn(str(warning))
    for kept in result.published.kept_edits:
        console.warn(f"kept an edited file as {kept} (it differed from the last build)")
        if kept.suffix == ".docx":
            console.warn(f"  {_edit_summary(kept)}")
            console.warn(f"  to write the edits into the content: {_absorb_command(args, kept)}")
    for name in result.published.dropped:
        console.info(
            f"{name} of the previous build is no longer in {out_dir}: this build did not "
            f"make it (--format {args.format}), and a set holds one build's files only"
        )
    for change in result.changes:
        console.info(f"changed: {change}")
    names = ", ".join(
        str(p.relative_to(out_dir))
        for p in result.published.written
        if p.suffix in (".pdf", ".docx")
    )
    console.info(f"built {names} in {out_dir}")
    return EXIT_OK
