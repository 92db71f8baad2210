"""The Debian packages a fresh machine has after ``scripts/setup``, and the files they own.

A fresh Debian/Ubuntu machine has its base system (the Essential and Priority: required
packages), then ``scripts/setup`` installs its packages with their dependencies (never their
recommendations: it passes --no-install-recommends). Anything else on this machine was put
there by hand and is absent on a fresh one. dpkg answers both questions: which packages are
in that set (``dpkg-query -W``), and which package owns a path (``dpkg-query -S``).

Used by tests/test_system_dependencies.py and by .ci/run, which runs it as a script:

    python tests/system_packages.py packages   # the package set, one a line
    python tests/system_packages.py fonts      # what those packages put under /usr/share/fonts
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SYSTEM_FONTS = "/usr/share/fonts"

# A dependency "name:any (>= 1.0)" → "name".
_DEPENDENCY_NAME = re.compile(r"^\s*([^\s:(]+)")


@dataclass(frozen=True)
class InstalledPackage:
    name: str
    base: bool  # Essential, or Priority: required — part of every Debian/Ubuntu system
    provides: tuple[str, ...]
    depends: tuple[tuple[str, ...], ...]  # Pre-Depends and Depends; each a tuple of alternatives


def setup_packages() -> list[str]:
    """The packages ``GJZ_SETUP_TESTS=1 scripts/setup`` installs (``scripts/setup --list``)."""
    completed = subprocess.run(
        [str(ROOT / "scripts" / "setup"), "--list"],
        env={**os.environ, "GJZ_SETUP_TESTS": "1"},
        capture_output=True,
        text=True,
        check=True,
    )
    return completed.stdout.split()


def installed_packages() -> dict[str, InstalledPackage]:
    """Every package dpkg lists as installed, by name (architecture qualifiers dropped)."""
    fields = "${db:Status-Abbrev}\t${Package}\t${Essential}\t${Priority}\t${Provides}\t"
    fields += "${Pre-Depends}\t${Depends}\n"
    listing = subprocess.run(
        ["dpkg-query", "-W", "-f", fields], capture_output=True, text=True, check=True
    ).stdout
    packages: dict[str, InstalledPackage] = {}
    for line in listing.splitlines():
        status, name, essential, priority, provides, pre_depends, depends = line.split("\t")
        if not status.startswith("ii"):
            continue
        packages[name] = InstalledPackage(
            name=name,
            base=essential == "yes" or priority == "required",
            provides=tuple(_names(provides.split(","))),
            depends=tuple(
                tuple(_names(group.split("|")))
                for group in f"{pre_depends},{depends}".split(",")
                if group.strip()
            ),
        )
    return packages


def fresh_machine_packages(
    roots: Iterable[str], installed: dict[str, InstalledPackage] | None = None
) -> set[str]:
    """The base system, ``roots`` and everything they depend on, as apt would choose it.

    Of alternatives ("fonts-dejavu-core | fonts-liberation") the first one installed here
    counts, as apt takes the first it can; a virtual package counts as its installed
    providers. A root that is not installed (setup skips a package the release's archive
    lacks) adds nothing.
    """
    installed = installed_packages() if installed is None else installed
    providers: dict[str, list[str]] = {}
    for package in installed.values():
        for virtual in package.provides:
            providers.setdefault(virtual, []).append(package.name)
    chosen: set[str] = set()
    queue = [root for root in roots if root in installed]
    queue += [package.name for package in installed.values() if package.base]
    while queue:
        name = queue.pop()
        if name in chosen:
            continue
        chosen.add(name)
        for alternatives in installed[name].depends:
            for alternative in alternatives:
                if alternative in installed:
                    queue.append(alternative)
                    break
                if alternative in providers:
                    queue.extend(providers[alternative])
                    break
    return chosen


def owners(paths: Iterable[str]) -> dict[str, set[str]]:
    """The packages that own each path (an empty set: dpkg knows no owner).

    With merged /usr, dpkg may know /usr/bin/mount as /bin/mount (or the reverse); a symbolic
    link's target is asked too. Architecture qualifiers (":amd64") are dropped.
    """
    paths = list(dict.fromkeys(paths))
    result: dict[str, set[str]] = {path: set() for path in paths}
    asked: dict[str, list[str]] = {}
    for path in paths:
        for alias in _aliases(path):
            asked.setdefault(alias, []).append(path)
    if not asked:
        return result
    listing = subprocess.run(
        ["dpkg-query", "-S", *asked], capture_output=True, text=True, check=False
    ).stdout
    for line in listing.splitlines():
        if line.startswith("diversion by") or ": " not in line:
            continue
        names, found = line.split(": ", 1)
        for path in asked.get(found, []):
            result[path].update(_names(names.split(",")))
    return result


def package_files(packages: Iterable[str]) -> list[str]:
    """Every path (files, folders, links) the packages installed, from ``dpkg-query -L``."""
    listing = subprocess.run(
        ["dpkg-query", "-L", *sorted(packages)], capture_output=True, text=True, check=True
    ).stdout
    return sorted({line for line in listing.splitlines() if line.startswith("/")})


def fresh_machine_fonts(packages: Iterable[str]) -> list[str]:
    """What the packages put under /usr/share/fonts: the fonts a fresh machine has there."""
    prefix = SYSTEM_FONTS + "/"
    return [path for path in package_files(packages) if path.startswith(prefix)]


def _aliases(path: str) -> list[str]:
    aliases = [path]
    merged = re.match(r"^/usr(/(?:s?bin|lib\w*)/.*)$", path)
    unmerged = re.match(r"^/(?:s?bin|lib\w*)/.*$", path)
    if merged:
        aliases.append(merged.group(1))
    elif unmerged:
        aliases.append("/usr" + path)
    if os.path.islink(path):
        aliases.append(os.path.realpath(path))
    return aliases


def _names(items: Iterable[str]) -> list[str]:
    names = []
    for item in items:
        match = _DEPENDENCY_NAME.match(item)
        if match:
            names.append(match.group(1))
    return names


def main(argv: list[str]) -> int:
    if argv not in (["packages"], ["fonts"]):
        print(__doc__, file=sys.stderr)
        return 2
    packages = fresh_machine_packages(setup_packages())
    lines = sorted(packages) if argv == ["packages"] else fresh_machine_fonts(packages)
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
