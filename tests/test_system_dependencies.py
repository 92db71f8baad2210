"""Every system file and program the build or the tests name comes from a package setup installs.

A test that opens a font from a package installed by hand passes on that machine and fails on
every fresh one. So this reads the project's own files — source, tests, benchmarks, scripts —
for the system paths they name (string literals, and paths built from them with ``/``,
``joinpath`` or ``with_name``) and the programs they run (``subprocess`` commands,
``shutil.which``, ``require_tool``), and asks dpkg who owns each. The owner must be in the
set a fresh machine has after ``GJZ_SETUP_TESTS=1 scripts/setup`` (see system_packages.py).
"""

from __future__ import annotations

import ast
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from prerequisites import PACKAGE_OF_FILE, PACKAGE_OF_TOOL
from system_packages import fresh_machine_packages, owners, setup_packages

ROOT = Path(__file__).resolve().parents[1]
SCANNED = ("src", "tests", "benchmarks", "scripts", ".ci")

# Top folders of paths that some package could own (or that lie outside the repository);
# /tmp, /proc, /dev and /sys are left out: no package owns what is there.
_SYSTEM_TOP = (
    "usr|etc|bin|sbin|lib|lib32|lib64|libx32|opt|var|srv|home|root|work|mnt|media|"
    "nonexistent|Library|System|Applications|Users"
)
SYSTEM_PATH = re.compile(rf"(?<![\w.~$/-])/(?:{_SYSTEM_TOP})(?:/[^\s'\"`(),;:\]}}>*|\\]*)?")
_OUTSIDE_THE_REPOSITORY = ("/work/", "/home/", "/root/", "/mnt/", "/media/", "/srv/")
COMMAND_NAME = re.compile(r"^[a-z][a-z0-9._+-]*$")

# Paths that are named but need no package: each with the reason it is named.
NEEDS_NO_PACKAGE = {
    "/usr/local/share": "XDG_DATA_DIRS default: searched for fonts when present",
    "/usr/local/share/fonts": "fonts an administrator added: searched when present",
    "/Library/Fonts": "macOS font folder: searched when present",
    "/System/Library/Fonts": "macOS font folder: searched when present",
    "/nonexistent": "a HOME that does not exist, given to tests on purpose",
    "/etc/passwd": "a path outside the workspace that a test expects to be refused unread",
    "/etc/systemd/system/gjz-brief.service": "printed by `gjz-brief schedule`",
    "/etc/systemd/system/gjz-brief.timer": "printed by `gjz-brief schedule`",
    "/usr/share/fonts/xxx.ttf": "an example in the comment of a new workspace's gjz-brief.yaml",
    "/var/cache/fontconfig": "fontconfig's cache, which .ci/run hides (made by fc-cache)",
}


@dataclass(frozen=True)
class Mention:
    """Where a file names a system path or a program."""

    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


def project_files() -> Iterator[Path]:
    for top in SCANNED:
        folder = ROOT / top
        for path in sorted(folder.rglob("*")) if folder.is_dir() else ():
            wanted = path.is_file() and path.suffix in (".py", ".sh", "")
            if wanted and "__pycache__" not in path.parts and path != Path(__file__):
                yield from [path] if _is_text(path) else []


def _is_text(path: Path) -> bool:
    try:
        path.read_text(encoding="utf-8")
    except (UnicodeDecodeError, OSError):
        return False
    return True


# --- what the files name ------------------------------------------------------------------
_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)


def _own_nodes(scope: ast.AST) -> list[ast.AST]:
    """The nodes of a module or function in source order, without those inside the functions
    it defines (a nested function is listed itself, not its body)."""
    nodes: list[ast.AST] = []
    for node in ast.iter_child_nodes(scope):
        nodes.append(node)
        if not isinstance(node, _FUNCTIONS):
            nodes.extend(_own_nodes(node))
    return nodes


class _PathValues:
    """Folds the path expressions of one scope into their possible string values.

    Knows str constants, f-strings, ``Path(...)``, ``a / b``, ``a + b``, ``.parent``,
    ``.joinpath()``, ``.with_name()``, ``str()``, names assigned such values in the scope or
    the module around it (every value a name is given counts), and names imported from
    another scanned module. Anything else is unknown (no value).
    """

    def __init__(self, names: dict[str, set[str]]) -> None:
        self.names: dict[str, set[str]] = {name: set(values) for name, values in names.items()}

    def inner(self, nodes: list[ast.AST]) -> _PathValues:
        """The values seen inside a function whose own nodes are ``nodes``."""
        scope = _PathValues(self.names)
        scope.learn(nodes)
        return scope

    def learn(self, nodes: list[ast.AST]) -> None:
        for _round in range(2):  # a name may be given a value from a name assigned later
            for node in nodes:
                if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
                    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                    values = self.values(node.value)
                    for target in targets:
                        if isinstance(target, ast.Name) and values:
                            self.names.setdefault(target.id, set()).update(values)

    def values(self, node: ast.AST) -> set[str]:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return {node.value}
        if isinstance(node, ast.Name):
            return set(self.names.get(node.id, ()))
        if isinstance(node, ast.JoinedStr):  # f"{FONT}#2"
            texts = {""}
            for part in node.values:
                pieces = self.values(part.value if isinstance(part, ast.FormattedValue) else part)
                texts = {text + piece for text in texts for piece in pieces}
            return texts
        if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Div, ast.Add)):
            join = _join if isinstance(node.op, ast.Div) else str.__add__
            return {join(a, b) for a in self.values(node.left) for b in self.values(node.right)}
        if isinstance(node, ast.Attribute) and node.attr == "parent":
            return {str(Path(value).parent) for value in self.values(node.value)}
        if isinstance(node, ast.Call):
            function = node.func
            arguments = [self.values(argument) for argument in node.args]
            if isinstance(function, ast.Name) and function.id in ("Path", "PurePath", "str"):
                return arguments[0] if len(arguments) == 1 else set()
            if isinstance(function, ast.Attribute) and len(arguments) == 1:
                base = self.values(function.value)
                if function.attr in ("joinpath", "with_name"):
                    combine = _join if function.attr == "joinpath" else _with_name
                    return {combine(a, b) for a in base for b in arguments[0]}
        return set()


def _join(left: str, right: str) -> str:
    return str(Path(left) / right)


def _with_name(path: str, name: str) -> str:
    return str(Path(path).with_name(name)) if Path(path).name else path


def _module_name(path: Path) -> str:
    return path.stem


def named_paths_and_tools() -> tuple[dict[str, list[Mention]], dict[str, list[Mention]]]:
    """{system path: where it is named}, {program: where it is run}, over the project's files."""
    paths: dict[str, list[Mention]] = {}
    tools: dict[str, list[Mention]] = {}
    files = list(project_files())
    texts = {path: path.read_text(encoding="utf-8") for path in files}
    for path, text in texts.items():
        for number, line in enumerate(text.splitlines(), start=1):
            for match in SYSTEM_PATH.finditer(line):
                _note(paths, match.group(), Mention(_rel(path), number))

    trees = {path: ast.parse(text) for path, text in texts.items() if path.suffix == ".py"}
    constants: dict[str, dict[str, set[str]]] = {}
    for _round in range(3):  # modules import each other's constants: settle in a few rounds
        for path, tree in trees.items():
            folder = _PathValues(_imports(tree, constants))
            folder.learn(_own_nodes(tree))
            constants[_module_name(path)] = folder.names
    for path, tree in trees.items():
        module = _PathValues(_imports(tree, constants)).inner(_own_nodes(tree))
        _scan_scope(_own_nodes(tree), module, _rel(path), paths, tools)
    return paths, tools


def _scan_scope(
    nodes: list[ast.AST],
    folder: _PathValues,
    file: str,
    paths: dict[str, list[Mention]],
    tools: dict[str, list[Mention]],
) -> None:
    for node in nodes:
        if isinstance(node, _FUNCTIONS):
            own = _own_nodes(node)
            _scan_scope(own, folder.inner(own), file, paths, tools)
        elif isinstance(node, ast.expr):
            for value in folder.values(node):
                if SYSTEM_PATH.fullmatch(value):
                    _note(paths, value, Mention(file, node.lineno))
            for tool in _programs_run(node, folder):
                _note(tools, tool, Mention(file, node.lineno))


def _note(found: dict[str, list[Mention]], name: str, mention: Mention) -> None:
    name = re.sub(r"#\d+$", "", name)  # "path#index": a face of a font collection
    name = name.rstrip(".").rstrip("/") or "/"
    mentions = found.setdefault(name, [])
    if mention not in mentions:
        mentions.append(mention)


def _imports(tree: ast.AST, constants: dict[str, dict[str, set[str]]]) -> dict[str, set[str]]:
    imported: dict[str, set[str]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            module = constants.get(node.module.rpartition(".")[2], {})
            for alias in node.names:
                if alias.name in module:
                    imported[alias.asname or alias.name] = module[alias.name]
    return imported


_SUBPROCESS_CALLS = {"run", "Popen", "call", "check_call", "check_output"}


def _programs_run(node: ast.expr, folder: _PathValues) -> set[str]:
    """Programs ``node`` runs or looks up: which("x"), require_tool("x"), run(["x", ...])."""
    if not isinstance(node, ast.Call) or not node.args:
        return set()
    function = node.func
    name = function.attr if isinstance(function, ast.Attribute) else getattr(function, "id", "")
    first = node.args[0]
    if name in ("which", "require_tool"):
        candidates = folder.values(first)
    elif name in _SUBPROCESS_CALLS and isinstance(first, (ast.List, ast.Tuple)) and first.elts:
        candidates = folder.values(first.elts[0])
    else:
        return set()
    return {value for value in candidates if COMMAND_NAME.fullmatch(value)}


def _rel(path: Path) -> str:
    return str(path.relative_to(ROOT))


# --- what dpkg says about them ------------------------------------------------------------
@pytest.fixture(scope="module")
def fresh_packages() -> set[str]:
    if shutil.which("dpkg-query") is None:
        pytest.fail("dpkg-query not found: the tests need a Debian or Ubuntu system")
    return fresh_machine_packages(setup_packages())


@pytest.fixture(scope="module")
def named() -> tuple[dict[str, list[Mention]], dict[str, list[Mention]]]:
    return named_paths_and_tools()


def path_problems(
    paths: dict[str, list[Mention]], owned_by: dict[str, set[str]], fresh: set[str]
) -> list[str]:
    """One line per named path that a fresh machine after setup does not have."""
    problems = []
    for path, mentions in sorted(paths.items()):
        if path in NEEDS_NO_PACKAGE:
            continue
        where = ", ".join(str(mention) for mention in mentions[:3])
        packages = owned_by.get(path, set())
        if not packages and path.startswith(_OUTSIDE_THE_REPOSITORY):
            problems.append(
                f"{where}: {path} lies outside the repository, on this machine only: "
                "keep a copy of what the test needs in the repository and read that"
            )
        elif not packages:
            problems.append(
                f"{where}: {path} belongs to no installed Debian package, so a fresh machine "
                "lacks it: add its package to scripts/setup (GJZ_SETUP_TESTS=1 for a test-only "
                "need), stop depending on it, or list it in NEEDS_NO_PACKAGE with the reason"
            )
        elif not packages & fresh:
            problems.append(
                f"{where}: {path} comes from {', '.join(sorted(packages))}, which scripts/setup "
                "does not install (nor anything it depends on)"
            )
    return problems


def test_every_system_path_named_is_installed_by_setup(named, fresh_packages):
    paths, _tools = named
    problems = path_problems(paths, owners(paths), fresh_packages)
    assert not problems, "\n".join(problems)


def test_every_program_run_is_installed_by_setup(named, fresh_packages):
    _paths, tools = named
    found = {tool: shutil.which(tool) for tool in tools}
    missing = [
        f"{tools[tool][0]}: {tool} is not installed" for tool, path in found.items() if not path
    ]
    owned_by = owners(path for path in found.values() if path)
    foreign = [
        f"{tools[tool][0]}: {tool} ({path}) comes from "
        f"{', '.join(sorted(owned_by[path])) or 'no package'}, which scripts/setup does not install"
        for tool, path in sorted(found.items())
        if path and not owned_by[path] & fresh_packages
    ]
    assert not missing + foreign, "\n".join(missing + foreign)


def test_prerequisites_name_the_package_that_owns_each_file_and_program(fresh_packages):
    """The failure messages of prerequisites.py name a package that really ships the thing."""
    tool_paths = {tool: shutil.which(tool) or f"/usr/bin/{tool}" for tool in PACKAGE_OF_TOOL}
    owned_by = owners([*map(str, PACKAGE_OF_FILE), *tool_paths.values()])
    for path, package in PACKAGE_OF_FILE.items():
        assert package in owned_by[str(path)], (path, package, owned_by[str(path)])
        assert package in fresh_packages, package
    for tool, package in PACKAGE_OF_TOOL.items():
        owner = owned_by[tool_paths[tool]]
        assert owner & fresh_machine_packages([package]) and package in fresh_packages, (
            tool,
            package,
            owner,
        )


def test_the_scan_finds_the_paths_and_programs_the_suite_relies_on(named):
    """The scanner itself: paths built with / and with_name, imported constants, commands."""
    paths, tools = named
    assert "/usr/share/fonts/truetype/arphic/uming.ttc" in paths
    built = paths["/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf"]
    assert any(mention.file == "tests/support/prerequisites.py" for mention in built)
    # FONTS / "truetype" / "arphic", FONTS imported from fonts_support, which has it from
    # prerequisites
    arphic = paths["/usr/share/fonts/truetype/arphic"]
    assert any(mention.file == "tests/fonts/test_coverage.py" for mention in arphic)
    assert {"pdffonts", "qpdf", "soffice", "pdftoppm", "mount"} <= set(tools)


def test_every_path_said_to_need_no_package_is_still_named(named):
    """The list of exceptions stays as short as the project needs."""
    paths, _tools = named
    assert [path for path in NEEDS_NO_PACKAGE if path not in paths] == []


def test_path_expressions_are_folded_into_paths():
    source = """
FONTS = Path("/usr/share/fonts")
KAI = FONTS / "truetype" / "arphic" / "uming.ttc"
OTHER = KAI.with_name("ukai.ttc")
DEJAVU = OTHER.parent.parent.joinpath("dejavu") / "DejaVuSans.ttf"
SETTING = str(OTHER) + "#0"
OVERRIDE = f"{KAI}#2"
subprocess.run(["qpdf", "--check", "x.pdf"])
shutil.which(TOOL)
"""
    tree = ast.parse(source)
    folder = _PathValues({"TOOL": {"pdffonts"}}).inner(_own_nodes(tree))
    assert folder.names["OTHER"] == {"/usr/share/fonts/truetype/arphic/ukai.ttc"}
    assert folder.names["DEJAVU"] == {"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"}
    assert folder.names["SETTING"] == {"/usr/share/fonts/truetype/arphic/ukai.ttc#0"}
    assert folder.names["OVERRIDE"] == {"/usr/share/fonts/truetype/arphic/uming.ttc#2"}
    calls = [node for node in ast.walk(tree) if isinstance(node, ast.Call)]
    assert set().union(*(_programs_run(call, folder) for call in calls)) == {"qpdf", "pdffonts"}


def test_a_file_from_a_package_setup_does_not_install_is_reported(fresh_packages):
    """The verdicts, on made-up owners: a package outside the set, no owner, and the allowed."""
    probe = [Mention("tests/probe.py", 3)]
    paths = {
        "/usr/share/fonts/truetype/arphic/ukai.ttc": probe,
        "/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf": probe,
        "/usr/share/fonts/truetype/arphic/uming.ttc": probe,
        "/usr/local/share/fonts": probe,
    }
    owned_by = {
        "/usr/share/fonts/truetype/arphic/ukai.ttc": {"fonts-arphic-ukai"},
        "/usr/share/fonts/truetype/arphic/uming.ttc": {"fonts-arphic-uming"},
    }
    problems = path_problems(paths, owned_by, fresh_packages)
    assert len(problems) == 2
    assert (
        "ukai.ttc comes from fonts-arphic-ukai, which scripts/setup does not install"
        in (problems[1])
    )
    assert problems[0].startswith("tests/probe.py:3: /usr/share/fonts/truetype/arphic-gbsn00lp")
    assert "belongs to no installed Debian package" in problems[0]


def test_the_fresh_machine_set_follows_dependencies_not_recommendations(fresh_packages):
    assert "fonts-dejavu-core" in fresh_packages  # fontconfig-config's first alternative
    assert "fonts-arphic-uming" in fresh_packages
    assert "fonts-arphic-ukai" not in fresh_packages
    assert "fonts-arphic-gbsn00lp" not in fresh_packages
