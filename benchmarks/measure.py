"""Run one command as a fresh child process and measure it: wall, CPU and peak memory.

The child is started with ``posix_spawn`` and reaped with ``os.wait4``, so the resource usage
is that child's own (plus any descendants it waited for, e.g. soffice.bin under the soffice
script) and never mixes with other children of the benchmark.
"""

from __future__ import annotations

import hashlib
import os
import statistics
import time
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass(frozen=True)
class Sample:
    """One run of one command."""

    wall_s: float
    cpu_s: float  # user + system time of the child and its reaped descendants
    user_s: float
    system_s: float
    max_rss_mb: float  # peak resident set of the largest process in the child's tree
    exit_code: int


class CommandFailed(RuntimeError):
    pass


def run_once(
    argv: Sequence[str], env: Mapping[str, str], cwd: Path, log: Path | None = None
) -> Sample:
    """Spawn ``argv``, wait for it and return its measurements; output goes to ``log``."""
    target = str(log) if log is not None else os.devnull
    actions = [
        (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
        (os.POSIX_SPAWN_OPEN, 1, target, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644),
        (os.POSIX_SPAWN_DUP2, 1, 2),
    ]
    executable = _which(argv[0], env)
    start = time.perf_counter()
    previous = os.getcwd()
    os.chdir(cwd)  # posix_spawn has no cwd argument; the benchmark is single-threaded
    try:
        pid = os.posix_spawn(executable, list(argv), dict(env), file_actions=actions)
    finally:
        os.chdir(previous)
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    return Sample(
        wall_s=wall,
        cpu_s=usage.ru_utime + usage.ru_stime,
        user_s=usage.ru_utime,
        system_s=usage.ru_stime,
        max_rss_mb=usage.ru_maxrss / 1024.0,  # Linux reports kilobytes
        exit_code=os.waitstatus_to_exitcode(status),
    )


def _which(program: str, env: Mapping[str, str]) -> str:
    if os.sep in program:
        return program
    for folder in env.get("PATH", os.defpath).split(os.pathsep):
        candidate = Path(folder) / program
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    raise CommandFailed(f"{program} not found on PATH")


@dataclass(frozen=True)
class Summary:
    """Medians (and spread) over several samples of the same measure."""

    runs: int
    wall_s: float
    wall_min_s: float
    wall_max_s: float
    cpu_s: float
    max_rss_mb: float
    samples: list[dict[str, float]]

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def summarise(samples: Sequence[Sample]) -> Summary:
    walls = [sample.wall_s for sample in samples]
    return Summary(
        runs=len(samples),
        wall_s=statistics.median(walls),
        wall_min_s=min(walls),
        wall_max_s=max(walls),
        cpu_s=statistics.median(sample.cpu_s for sample in samples),
        max_rss_mb=statistics.median(sample.max_rss_mb for sample in samples),
        samples=[asdict(sample) for sample in samples],
    )


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def folder_size(folder: Path) -> int:
    if not folder.is_dir():
        return 0
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def load_average() -> tuple[float, float, float]:
    return os.getloadavg()
