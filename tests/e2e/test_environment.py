"""Scheduled builds meet environments nobody prepared: each case runs the real CLI, cold.

HOME unset, a file, unreadable, read-only or someone else's; XDG_CACHE_HOME, XDG_CONFIG_HOME
and MPLCONFIGDIR unusable; LANG=C; PATH=/usr/bin:/bin. The build succeeds, prints nothing
with --quiet (no warning from matplotlib about a temporary cache either), writes nothing into
a HOME it could not use, and its PDF is the same as the one a prepared environment gives.

Permissions do not stop root, so when the tests run as root the CLI runs without
CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH (dropped from its capability bounding set): it keeps
uid 0 but file modes apply to it as to any user. Each case first checks, with the same
restriction, that the folder really cannot be read or written.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from as_user import can_as_user, like_a_user, run_cli_as_user

NOBODY_UID = 65534  # nobody on Debian/Ubuntu; only needs to be another user than the runner


def tree(folder: Path) -> list[str]:
    """Everything under ``folder``, to show that nothing was added."""
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*"))


@dataclass
class Case:
    """An environment: what to set (None: unset), a folder the build must leave as it was
    (``before``: its contents when the case was made), and whether matplotlib must keep its
    settings and font list in the output folder's cache (its own folders being unusable)."""

    env: dict[str, str | None]
    untouched: Path | None = None
    before: list[str] | None = None
    matplotlib_in_output: bool = True


def _prepared_home(tmp_path: Path) -> Path:
    """A HOME with the folders the build would use: fonts, config, cache."""
    home = tmp_path / "home"
    for folder in (".local/share/fonts", ".config", ".cache", ".fonts"):
        (home / folder).mkdir(parents=True)
    return home


def _lock(folder: Path, mode: int) -> list[str]:
    """chmod ``mode`` everything in ``folder``; returns what is in it."""
    contents = tree(folder)
    for path in sorted(folder.rglob("*"), reverse=True):
        path.chmod(mode)
    folder.chmod(mode)
    return contents


def _unlock(folder: Path) -> None:
    """Back to usable modes and owner, top down (a locked folder cannot be listed first)."""
    if folder.stat().st_uid != os.geteuid():
        os.chown(folder, os.geteuid(), os.getegid())
    if folder.is_symlink() or not folder.is_dir():
        folder.chmod(0o644)
        return
    folder.chmod(0o755)
    for child in folder.iterdir():
        _unlock(child)


def home_unset(tmp_path: Path) -> Case:
    """The account's home (from the password database) is used; matplotlib is sent
    elsewhere so that the test does not write into the real one."""
    config = {name: str(tmp_path / name) for name in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME")}
    return Case({"HOME": None, **config}, matplotlib_in_output=False)


def home_missing(tmp_path: Path) -> Case:
    return Case({"HOME": str(tmp_path / "no-such-home")}, matplotlib_in_output=False)


def home_is_a_file(tmp_path: Path) -> Case:
    home = tmp_path / "home"
    home.write_text("not a folder\n", encoding="utf-8")
    return Case({"HOME": str(home)}, untouched=tmp_path, before=tree(tmp_path))


def home_unreadable(tmp_path: Path) -> Case:
    home = _prepared_home(tmp_path)
    before = _lock(home, 0o000)
    assert not can_as_user("read", home), "precondition: HOME cannot be read"
    return Case({"HOME": str(home)}, untouched=home, before=before)


def home_read_only(tmp_path: Path) -> Case:
    home = _prepared_home(tmp_path)
    before = _lock(home, 0o555)
    assert can_as_user("read", home) and not can_as_user("write", home / ".config")
    return Case({"HOME": str(home)}, untouched=home, before=before)


def home_of_someone_else(tmp_path: Path) -> Case:
    if os.geteuid() == 0:
        home = _prepared_home(tmp_path)
        for path in [home, *home.rglob("*")]:
            os.chown(path, NOBODY_UID, NOBODY_UID)
        _lock(home, 0o700)
    else:  # a user cannot give a folder away; root's home is another user's
        home = Path("/root")
    assert home.stat().st_uid != os.geteuid(), "precondition: HOME belongs to another user"
    assert not can_as_user("write", home), "precondition: HOME cannot be written"
    return Case({"HOME": str(home)})


def xdg_cache_home_is_a_file(tmp_path: Path) -> Case:
    cache = tmp_path / "cache"
    cache.write_text("not a folder\n", encoding="utf-8")
    return Case({"XDG_CACHE_HOME": str(cache)})


def xdg_cache_home_read_only(tmp_path: Path) -> Case:
    cache = tmp_path / "cache"
    cache.mkdir()
    before = _lock(cache, 0o555)
    assert not can_as_user("write", cache), "precondition: the cache folder cannot be written"
    return Case({"XDG_CACHE_HOME": str(cache)}, untouched=cache, before=before)


def xdg_config_home_is_a_file(tmp_path: Path) -> Case:
    config = tmp_path / "config"
    config.write_text("not a folder\n", encoding="utf-8")
    return Case({"XDG_CONFIG_HOME": str(config)})


def mplconfigdir_is_a_file(tmp_path: Path) -> Case:
    folder = tmp_path / "matplotlib"
    folder.write_text("not a folder\n", encoding="utf-8")
    return Case({"MPLCONFIGDIR": str(folder)})


def mplconfigdir_read_only(tmp_path: Path) -> Case:
    folder = tmp_path / "matplotlib"
    folder.mkdir()
    before = _lock(folder, 0o555)
    assert not can_as_user("write", folder), "precondition: MPLCONFIGDIR cannot be written"
    return Case({"MPLCONFIGDIR": str(folder)}, untouched=folder, before=before)


def mplconfigdir_cannot_be_made(tmp_path: Path) -> Case:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    return Case({"MPLCONFIGDIR": str(tmp_path / "file" / "matplotlib")})


def lang_c(tmp_path: Path) -> Case:
    return Case({"LANG": "C", "LC_ALL": None}, matplotlib_in_output=False)


def lc_all_c(tmp_path: Path) -> Case:
    return Case({"LC_ALL": "C", "LANG": None}, matplotlib_in_output=False)


def minimal_path(tmp_path: Path) -> Case:
    return Case({"PATH": "/usr/bin:/bin"}, matplotlib_in_output=False)


def everything_at_once(tmp_path: Path) -> Case:
    case = home_unreadable(tmp_path)
    (tmp_path / "file").write_text("x", encoding="utf-8")
    unusable = str(tmp_path / "file")
    return Case(
        {
            **case.env,
            "XDG_CACHE_HOME": unusable,
            "XDG_CONFIG_HOME": unusable,
            "XDG_DATA_HOME": unusable,
            "MPLCONFIGDIR": unusable,
            "LANG": None,
            "LC_ALL": "C",
            "PATH": "/usr/bin:/bin",
        },
        untouched=case.untouched,
        before=case.before,
    )


CASES: list[Callable[[Path], Case]] = [
    home_unset,
    home_missing,
    home_is_a_file,
    home_unreadable,
    home_read_only,
    home_of_someone_else,
    xdg_cache_home_is_a_file,
    xdg_cache_home_read_only,
    xdg_config_home_is_a_file,
    mplconfigdir_is_a_file,
    mplconfigdir_read_only,
    mplconfigdir_cannot_be_made,
    lang_c,
    lc_all_c,
    minimal_path,
    everything_at_once,
]


def prepared_environment(home: Path) -> dict[str, str]:
    """What a login shell would give: a usable HOME, a UTF-8 locale; nothing else inherited."""
    return {
        "HOME": str(home),
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "LANG": "C.UTF-8",
        "SOURCE_DATE_EPOCH": "1590969600",  # the same PDF bytes in every case
    }


@pytest.fixture(scope="module")
def reference_pdf(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The PDF's digest from a build in a prepared environment."""
    root = tmp_path_factory.mktemp("prepared")
    (root / "home").mkdir()
    result = run_cli_as_user(
        "build", "--quiet", "--out", str(root / "out"), env=prepared_environment(root / "home")
    )
    assert result.returncode == 0, result.stderr
    return hashlib.sha256((root / "out" / "briefing.pdf").read_bytes()).hexdigest()


@pytest.fixture
def case_folder(tmp_path: Path):  # noqa: ANN201
    folder = tmp_path / "case"
    folder.mkdir()
    yield folder
    _unlock(folder)  # let pytest remove what the case locked


@pytest.mark.slow
@pytest.mark.parametrize("make_case", CASES, ids=lambda make_case: make_case.__name__)
def test_a_cold_build_succeeds_quietly_in_an_unprepared_environment(
    make_case: Callable[[Path], Case], case_folder: Path, tmp_path: Path, reference_pdf: str
) -> None:
    usable_home = tmp_path / "usable-home"
    usable_home.mkdir()
    case = make_case(case_folder)
    env = prepared_environment(usable_home)
    for name, value in case.env.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    out = tmp_path / "out"

    result = run_cli_as_user("build", "--quiet", "--out", str(out), env=env)

    assert (result.returncode, result.stdout, result.stderr) == (0, "", ""), result.stderr
    assert hashlib.sha256((out / "briefing.pdf").read_bytes()).hexdigest() == reference_pdf
    assert (out / "briefing.docx").is_file() and (out / "manifest.json").is_file()
    fallback = out / ".cache" / "matplotlib"
    assert fallback.is_dir() == case.matplotlib_in_output, "matplotlib's folder is misplaced"
    if case.matplotlib_in_output:
        assert any(fallback.iterdir()), "matplotlib keeps its font list there"
    if case.untouched is not None:
        _unlock(case.untouched)
        assert tree(case.untouched) == case.before, "the build wrote into a folder it cannot use"


def test_no_usable_cache_at_all_still_builds(case_folder: Path, tmp_path: Path):
    """HOME unusable and the output folder's .cache a file: the build runs without caches."""
    case = home_is_a_file(case_folder)
    env = {**prepared_environment(case_folder), "HOME": case.env["HOME"] or ""}
    out = tmp_path / "out"
    out.mkdir()
    (out / ".cache").write_text("not a folder\n", encoding="utf-8")
    result = run_cli_as_user("build", "--quiet", "--out", str(out), env=env)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", ""), result.stderr
    assert (out / "briefing.pdf").is_file() and (out / "briefing.docx").is_file()
    assert (out / ".cache").read_text(encoding="utf-8") == "not a folder\n"


def test_an_unreadable_font_folder_is_skipped_with_a_debug_note(case_folder: Path, tmp_path):
    case = home_unreadable(case_folder)
    env = {**prepared_environment(case_folder), "HOME": case.env["HOME"] or ""}
    fonts = Path(env["HOME"]) / ".local" / "share" / "fonts"
    result = run_cli_as_user("fonts", "--debug", env=env)
    assert result.returncode == 0, result.stderr
    assert f"gjz-brief: debug: font folder {fonts} skipped: permission denied" in result.stderr
    assert "AR PL UMing CN" in result.stdout
    quiet = run_cli_as_user("fonts", env=env)
    assert quiet.returncode == 0 and quiet.stderr == ""


def test_the_cli_really_runs_like_a_user(case_folder: Path) -> None:
    """The premise of the cases above, checked once: root's overrides are gone in the CLI."""
    secret = case_folder / "secret"
    secret.write_text("x", encoding="utf-8")
    secret.chmod(0o000)
    script = "import sys; open(sys.argv[1]).read()"
    probe = subprocess.run(
        [sys.executable, "-c", script, str(secret)],
        preexec_fn=like_a_user,
        capture_output=True,
        text=True,
        check=False,
    )
    assert probe.returncode == 1 and "PermissionError" in probe.stderr
