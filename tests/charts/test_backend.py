"""matplotlib's side: aliases per face, fixed settings, and the settings folder given only
while matplotlib is imported."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from repository import SRC

from gjz_brief.charts import backend
from gjz_brief.fonts.model import FontFace


def test_an_alias_names_exactly_one_file_and_face():
    one = FontFace(Path("/f/a.ttc"), 0, "Same Name", "truetype")
    other = FontFace(Path("/f/b.ttc"), 0, "Same Name", "truetype")
    assert backend.font_alias(one) != backend.font_alias(other)
    assert backend.font_alias(one) == backend.font_alias(FontFace(Path("/f/a.ttc"), 0, "X", "cff"))


def test_the_settings_restore_matplotlibs_own():
    import matplotlib

    before = dict(matplotlib.rcParams)
    with backend.chart_settings():
        assert matplotlib.rcParams["svg.fonttype"] == "none"
    assert dict(matplotlib.rcParams) == before


SCRIPT = """
import os, sys
from pathlib import Path
from gjz_brief.charts import backend
before = dict(os.environ)
backend.prepare(Path(sys.argv[1]))
import matplotlib
print(matplotlib.get_configdir())
print(dict(os.environ) == before)
"""


def test_the_settings_folder_is_given_to_matplotlib_and_the_environment_left_as_it_was(tmp_path):
    environment = {key: value for key, value in os.environ.items() if key != "MPLCONFIGDIR"}
    environment["PYTHONPATH"] = str(SRC)
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path / "mpl")],
        env=environment, capture_output=True, text=True, check=True, timeout=120,
    )  # fmt: skip
    folder, unchanged = result.stdout.split()
    assert Path(folder) == tmp_path / "mpl" and unchanged == "True"
