"""What the tests need from the system, and a failure that names the package when it is missing.

Every file and tool named here is installed by ``GJZ_SETUP_TESTS=1 scripts/setup``. A test that
finds one missing fails (it never skips): a skipped check on a machine without the tool would
look like a passed one. ``tests/test_system_dependencies.py`` checks with dpkg that each of
these belongs to a package setup installs (a module name unique across the test tree).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

SETUP_HINT = "`GJZ_SETUP_TESTS=1 scripts/setup` installs it"

FONTS = Path("/usr/share/fonts")
UMING = FONTS / "truetype" / "arphic" / "uming.ttc"
ZENHEI = FONTS / "truetype" / "wqy" / "wqy-zenhei.ttc"
WENKAI = FONTS / "truetype" / "lxgw-wenkai" / "LXGWWenKai-Regular.ttf"
NOTO = FONTS / "opentype" / "noto"
NOTO_SERIF = NOTO / "NotoSerifCJK-Regular.ttc"
DEJAVU = FONTS / "truetype" / "dejavu" / "DejaVuSans.ttf"
# LibreOffice's Python bridge, for Debian's own interpreter (tests/render/libreoffice_toc.py).
SYSTEM_PYTHON = Path("/usr/bin/python3")
UNO = Path("/usr/lib/python3/dist-packages/uno.py")

# The Debian package of each system file the tests open. DejaVu comes with fontconfig-config,
# a dependency of poppler-utils and LibreOffice (see tests/test_system_dependencies.py).
PACKAGE_OF_FILE = {
    UMING: "fonts-arphic-uming",
    ZENHEI: "fonts-wqy-zenhei",
    WENKAI: "fonts-lxgw-wenkai",
    NOTO: "fonts-noto-cjk",
    NOTO_SERIF: "fonts-noto-cjk",
    DEJAVU: "fonts-dejavu-core",
    SYSTEM_PYTHON: "python3-minimal",
    UNO: "python3-uno",
}

# The Debian package of each program the tests run.
PACKAGE_OF_TOOL = {
    "pdffonts": "poppler-utils",
    "pdftotext": "poppler-utils",
    "pdftoppm": "poppler-utils",
    "qpdf": "qpdf",
    "soffice": "libreoffice-writer-nogui",
    "mount": "mount",
    "umount": "mount",
}


def require_tool(name: str) -> str:
    """The path of program ``name``; fails the test, naming the package, when it is missing."""
    path = shutil.which(name)
    if path is None:
        package = PACKAGE_OF_TOOL[name]
        pytest.fail(f"{name} not found: install the Debian package {package} ({SETUP_HINT})")
    return path


def require_file(path: Path) -> Path:
    """``path`` (a file or folder); fails the test, naming the package, when it is missing."""
    if not path.exists():
        package = PACKAGE_OF_FILE[path]
        pytest.fail(f"{path} not found: install the Debian package {package} ({SETUP_HINT})")
    return path
