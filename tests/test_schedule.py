"""`gjz-brief schedule`: a crontab line and systemd units that work without a terminal."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from gjz_brief.errors import ConfigError
from gjz_brief.schedule import build_command, crontab_line, schedule_text, systemd_command


def test_the_command_is_self_contained():
    command = build_command(Path("/ws"), Path("/ws/out"), Path("/ws/out/build.log"))
    assert command[:3] == [sys.executable, "-m", "gjz_brief"]
    assert "--if-changed" in command and "--quiet" in command
    assert command[command.index("--workspace") + 1] == "/ws"


def test_cron_and_systemd_quoting():
    command = ["python3", "-m", "gjz_brief", "--out", "out 50% $HOME"]
    assert crontab_line(command, "*/30 * * * *").endswith("'out 50\\% $HOME'")
    assert systemd_command(command).endswith('"out 50%% $$HOME"')


@pytest.mark.parametrize(
    ("cron", "words"), [("* * *", "five cron time fields"), ("* * * * *\nrm", "control")]
)
def test_what_no_crontab_can_hold_is_refused(cron, words):
    with pytest.raises(ConfigError, match=words):
        schedule_text(None, Path("/out"), cron, "*:0/30")


def test_the_text_holds_both(tmp_path):
    text = schedule_text(None, tmp_path, "*/30 * * * *", "*:0/30")
    assert "SuccessExitStatus=75" in text and "OnCalendar=*:0/30" in text
