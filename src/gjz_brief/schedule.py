"""`gjz-brief schedule`: a crontab line and a systemd timer/service for this installation."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path


def build_command(workspace: Path | None, out_dir: Path, log: Path) -> list[str]:
    command = [
        sys.executable,
        "-m",
        "gjz_brief",
        "build",
        "--if-changed",
        "--quiet",
        "--out",
        str(out_dir),
        "--log",
        str(log),
    ]
    if workspace is not None:
        command[4:4] = ["--workspace", str(workspace)]
    return command


def crontab_line(command: list[str], minute_spec: str) -> str:
    # cron runs with a minimal environment and no terminal; the command is self-contained
    # (absolute paths, no reliance on PATH, HOME or the working folder).
    return f"{minute_spec} {shlex.join(command)}"


def systemd_units(command: list[str], on_calendar: str) -> tuple[str, str]:
    service = (
        "[Unit]\n"
        "Description=Rebuild the Ganjingzi briefing (gjz-brief) when its inputs change\n\n"
        "[Service]\n"
        "Type=oneshot\n"
        f"ExecStart={shlex.join(command)}\n"
        # exit code 75 means "another build is running": not a failure of this unit
        "SuccessExitStatus=75\n"
    )
    timer = (
        "[Unit]\n"
        "Description=Run gjz-brief on a schedule\n\n"
        "[Timer]\n"
        f"OnCalendar={on_calendar}\n"
        "Persistent=true\n\n"
        "[Install]\n"
        "WantedBy=timers.target\n"
    )
    return service, timer


def schedule_text(workspace: Path | None, out_dir: Path, cron: str, on_calendar: str) -> str:
    log = out_dir / "build.log"
    command = build_command(workspace, out_dir, log)
    service, timer = systemd_units(command, on_calendar)
    return (
        "# crontab (crontab -e):\n"
        f"{crontab_line(command, cron)}\n\n"
        "# systemd: save as /etc/systemd/system/gjz-brief.service\n"
        f"{service}\n"
        "# and /etc/systemd/system/gjz-brief.timer, then: systemctl enable --now gjz-brief.timer\n"
        f"{timer}"
    )
