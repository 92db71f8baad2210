"""`gjz-brief schedule`: a crontab line and a systemd timer/service for this installation."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

from gjz_brief.errors import ConfigError, Location


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


def check_schedulable(command: list[str], cron: str, on_calendar: str) -> None:
    """Refuse what neither a crontab line nor a systemd unit can hold: a control character
    (a newline would end the line and start another command) in a path or a time field."""
    for value, what in [
        *((part, "path") for part in command),
        (cron, "--cron"),
        (on_calendar, "--on-calendar"),
    ]:
        if any(ord(character) < 32 or ord(character) == 127 for character in value):
            raise ConfigError(
                f"the {what} {value[:60]!r} contains a control character (a newline?), which "
                "a crontab line or a systemd unit cannot hold",
                Location(field=what if what != "path" else None),
                "rename the folder, or give another one with --out / --workspace",
            )
    fields = cron.split()
    if not (len(fields) == 5 or (len(fields) == 1 and cron.startswith("@"))):
        raise ConfigError(
            f"--cron {cron[:60]!r} is not five cron time fields",
            Location(field="--cron"),
            "write minute, hour, day, month and weekday, e.g. '*/30 * * * *'",
        )
    if "%" in cron or "%" in on_calendar:
        raise ConfigError(
            "a time field cannot hold '%'",
            Location(field="--cron" if "%" in cron else "--on-calendar"),
            "remove the '%'",
        )


def crontab_line(command: list[str], minute_spec: str) -> str:
    # cron runs with a minimal environment and no terminal; the command is self-contained
    # (absolute paths, no reliance on PATH, HOME or the working folder). cron turns an
    # unescaped '%' into a newline (crontab(5)): escaped as '\%'.
    return f"{minute_spec} {shlex.join(command).replace('%', chr(92) + '%')}"


_SYSTEMD_SAFE = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./:@+=,-")


def systemd_command(command: list[str]) -> str:
    """ExecStart= quoting (systemd.service(5), "Command lines"): double quotes with C-style
    escapes; '%' (specifiers) and '$' (variables) doubled."""
    words = []
    for part in command:
        if part and set(part) <= _SYSTEMD_SAFE:
            words.append(part)
        else:
            words.append('"' + part.replace("\\", "\\\\").replace('"', '\\"') + '"')
    return " ".join(words).replace("%", "%%").replace("$", "$$")


def systemd_units(command: list[str], on_calendar: str) -> tuple[str, str]:
    service = (
        "[Unit]\n"
        "Description=Rebuild the briefing (gjz-brief) when its inputs change\n\n"
        "[Service]\n"
        "Type=oneshot\n"
        f"ExecStart={systemd_command(command)}\n"
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
    check_schedulable(command, cron, on_calendar)
    service, timer = systemd_units(command, on_calendar)
    return (
        "# crontab (crontab -e):\n"
        f"{crontab_line(command, cron)}\n\n"
        "# systemd: save as /etc/systemd/system/gjz-brief.service\n"
        f"{service}\n"
        "# and /etc/systemd/system/gjz-brief.timer, then: systemctl enable --now gjz-brief.timer\n"
        f"{timer}"
    )
