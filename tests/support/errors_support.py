"""Helpers for the error tests: a workspace to break, the CLI in a subprocess or in-process,
and the check that a failed build left the previous outputs exactly as they were."""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from repository import SRC

from gjz_brief.content.loader import BUILTIN_CONTENT

LOCK_NAME = ".gjz-brief.lock"


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str
    max_rss_mb: float = 0.0  # peak resident memory of the child process

    @property
    def message(self) -> str:
        return self.stderr


def run_cli(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None, timeout: float = 180
) -> Run:
    """The real CLI in its own process; its peak memory is read with wait4 (this child's own
    rusage, unlike RUSAGE_CHILDREN, which is the maximum over every child ever waited for)."""
    environment = dict(os.environ if env is None else env)
    environment["PYTHONPATH"] = str(SRC) + os.pathsep + environment.get("PYTHONPATH", "")
    with tempfile.TemporaryDirectory() as temp:
        rss_file = Path(temp) / "maxrss"
        out_path, err_path = Path(temp) / "out", Path(temp) / "err"
        with out_path.open("wb") as out, err_path.open("wb") as err:
            # A small launcher starts the CLI and reads its rusage: a child forked straight
            # from this (large) pytest process would report pytest's memory as its own peak.
            process = subprocess.Popen(
                [sys.executable, "-c", _LAUNCHER, str(rss_file), *args],
                cwd=cwd,
                env=environment,
                stdout=out,
                stderr=err,
                stdin=subprocess.DEVNULL,
            )
            try:
                process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        max_rss_kb = float(rss_file.read_text()) if rss_file.exists() else 0.0
        return Run(
            process.returncode,
            out_path.read_bytes().decode("utf-8", "replace"),
            err_path.read_bytes().decode("utf-8", "replace"),
            max_rss_kb / 1024,
        )


_LAUNCHER = """
import os, sys
pid = os.posix_spawn(sys.executable, [sys.executable, "-m", "gjz_brief", *sys.argv[2:]],
                     os.environ)
_, status, usage = os.wait4(pid, 0)
open(sys.argv[1], "w").write(str(usage.ru_maxrss))
sys.exit(os.waitstatus_to_exitcode(status))
"""


def run_main(*args: str, cwd: Path | None = None) -> Run:
    """The CLI's main() in this process: same code path, no interpreter start-up."""
    from gjz_brief.cli import main

    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), stdout=out, stderr=err, cwd=cwd or Path.cwd())
    return Run(code, out.getvalue(), err.getvalue())


def make_workspace(root: Path, config: str = "template: full\n") -> Path:
    """A workspace holding a copy of the built-in content and a small gjz-brief.yaml."""
    shutil.copytree(BUILTIN_CONTENT, root / "content")
    (root / "gjz-brief.yaml").write_text(config, encoding="utf-8")
    return root


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace ``old`` (which must occur) by ``new`` in a UTF-8 file."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    """1-based number of the first line of ``path`` that contains ``needle``."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


def snapshot(out: Path) -> dict[str, str]:
    """sha256 of every output a reader sees (following the links into the current set; not
    the cache, the sets' own folder or the lock file), by relative name."""
    found = {}
    for path in sorted(out.iterdir()):
        if path.name in (".cache", ".sets", LOCK_NAME):
            continue
        files = sorted(path.iterdir()) if path.is_dir() else [path]
        for file in files:
            if file.is_file():
                found[str(file.relative_to(out))] = hashlib.sha256(file.read_bytes()).hexdigest()
    return found


def leftovers(out: Path) -> list[Path]:
    """Temporary or pending files a build must not leave behind after a clean failure, and
    output sets that were never finished (no manifest)."""
    found = [
        path
        for path in out.rglob("*")
        if path.name.startswith(".gjz-tmp-") or path.name.endswith((".next", ".tmp"))
    ]
    sets = out / ".sets"
    if sets.is_dir():
        found += [
            path
            for path in sets.iterdir()
            if path.name != "current" and not (path / "manifest.json").is_file()
        ]
    return found


def assert_no_traceback(run: Run) -> None:
    assert "Traceback" not in run.stderr, run.stderr
    assert run.stderr.startswith("gjz-brief: "), run.stderr


class KeptOutputs:
    """Hash the outputs now; ``check()`` asserts they are byte-identical and nothing was left."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.before = snapshot(out)
        assert "briefing.pdf" in self.before and "briefing.docx" in self.before, self.before

    def check(self) -> None:
        assert snapshot(self.out) == self.before, "a failed build changed the previous outputs"
        assert not leftovers(self.out), leftovers(self.out)
