"""No import cycles in src/: the stages depend on each other in one direction only.

Every import of a gjz_brief module counts, at module level or inside a function (a local
import hides a cycle, it does not remove it); imports under ``if TYPE_CHECKING:`` do not
(they never run). A package's ``__init__`` counts as a module of its own; importing a
submodule (``from gjz_brief.charts import backend``) is not counted as importing its
package's ``__init__``, which Python runs first but which does not depend on it.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = "gjz_brief"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted((SRC / PACKAGE).rglob("*.py"))}


def _type_checking_only(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """The gjz_brief modules ``name`` imports when it runs."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _type_checking_only(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, *([base] if base else [])])
            for alias in node.names:
                # from a package, a submodule is imported as itself; a name, from __init__
                submodule = f"{base}.{alias.name}"
                found.add(submodule if submodule in known else base)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return {module for module in found if module in known and module != name}


def import_graph() -> dict[str, set[str]]:
    found = modules()
    return {name: imports_of(name, path, set(found)) for name, path in found.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                connect(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            connect(node)
    return groups


def test_src_has_no_import_cycles():
    found = cycles(import_graph())
    assert not found, "import cycles:\n" + "\n".join(" ↔ ".join(group) for group in found)


def test_the_checker_finds_a_cycle_and_ignores_type_checking_imports(tmp_path):
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]
    source = tmp_path / "m.py"
    source.write_text(
        "from typing import TYPE_CHECKING\n"
        "import gjz_brief.x\n"
        "if TYPE_CHECKING:\n    from gjz_brief import y\n"
        "def f():\n    from gjz_brief.z import thing\n",
        encoding="utf-8",
    )
    known = {"gjz_brief.x", "gjz_brief.y", "gjz_brief.z"}
    assert imports_of("gjz_brief.m", source, known) == {"gjz_brief.x", "gjz_brief.z"}


def test_the_build_imports_no_renderer_at_module_level():
    """The stages' libraries load only when a stage runs (build --if-changed stays light):
    nothing gjz_brief imports at module level reaches ReportLab or python-docx modules."""
    graph = import_graph()
    heavy = {
        name for name in graph if name.startswith(("gjz_brief.render.pdf", "gjz_brief.render.docx"))
    }
    reached: set[str] = set()
    todo = ["gjz_brief.inputs", "gjz_brief.cli"]
    # module-level imports only, for the --if-changed path
    while todo:
        name = todo.pop()
        if name in reached:
            continue
        reached.add(name)
        path = modules()[name]
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.ImportFrom) and node.module and node.module in graph:
                todo.append(node.module)
            elif isinstance(node, ast.Import):
                todo += [alias.name for alias in node.names if alias.name in graph]
    assert not reached & heavy
