"""The tests mirror src/: every source module with logic has a test module at the same path.

``src/gjz_brief/fonts/coverage.py`` is tested by ``tests/fonts/test_coverage.py``; a package's
``__init__.py`` with logic by ``tests/<package>/test_<package>.py``. A module has logic when it
defines a function or a method; modules of declarations only (constants, dataclasses without
methods, protocols) need none. The acceptance suites (tests/e2e, tests/errors) and the
cross-cutting checks (test_imports, test_packaging, …) come on top of the mirror.
"""

from __future__ import annotations

import ast
from pathlib import Path

from repository import SRC, TESTS

PACKAGE = SRC / "gjz_brief"
# Modules with logic but no test module of their own: path → why. Empty: keep it so.
EXEMPT: dict[str, str] = {}


def has_logic(path: Path) -> bool:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return any(
        isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and not _is_protocol_stub(node)
        for node in ast.walk(tree)
    )


def _is_protocol_stub(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """A body of constants only (a docstring, ``...``): a Protocol's or an overload's
    signature, no logic."""
    return all(
        isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant)
        for statement in node.body
    )


def expected_test(module: Path) -> Path:
    relative = module.relative_to(PACKAGE)
    if relative.name == "__init__.py":
        package = relative.parent
        return TESTS / package / f"test_{package.name}.py"
    return TESTS / relative.parent / f"test_{relative.name}"


def test_every_module_with_logic_has_its_test_module() -> None:
    missing = []
    for module in sorted(PACKAGE.rglob("*.py")):
        name = module.relative_to(PACKAGE).as_posix()
        if name in EXEMPT or not has_logic(module):
            continue
        test = expected_test(module)
        if not test.is_file():
            missing.append(f"{module.relative_to(SRC)} → {test.relative_to(TESTS.parent)}")
    assert not missing, "source modules without their test module:\n" + "\n".join(missing)


def test_the_check_finds_a_module_without_tests(tmp_path: Path) -> None:
    module = tmp_path / "stage.py"
    module.write_text("def run() -> int:\n    return 1\n", encoding="utf-8")
    assert has_logic(module)
    module.write_text("class P:\n    def run(self) -> int: ...\nLIMIT = 3\n", encoding="utf-8")
    assert not has_logic(module)
    module.write_text('class P:\n    def run(self) -> int:\n        """Run."""\n', encoding="utf-8")
    assert not has_logic(module)
    module.write_text("from gjz_brief.cli import run\n\nrun()\n", encoding="utf-8")
    assert not has_logic(module)  # __main__.py: a call, no logic of its own
    assert expected_test(PACKAGE / "fonts" / "coverage.py") == TESTS / "fonts" / "test_coverage.py"
    assert expected_test(PACKAGE / "render" / "__init__.py") == TESTS / "render" / "test_render.py"
