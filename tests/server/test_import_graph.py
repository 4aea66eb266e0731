"""No import cycles in server/ or tui/: modules import one way, so each can be read (and
loaded) after the ones it names.

Imports are read with ast: every import in a module counts, also one inside a function (a
lazy import that dodges a cycle at load time is still a cycle between the two modules),
but not one under ``if TYPE_CHECKING:`` (annotations only).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imported_names(tree: ast.AST, module: str, is_package: bool) -> set[tuple[str, str | None]]:
    """What ``tree`` imports, absolute: (module, None) for ``import module``, (module, name)
    for ``from module import name`` (name may be a submodule or a name in module)."""
    found: set[tuple[str, str | None]] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.update((alias.name, None) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                package = module.split(".") if is_package else module.split(".")[:-1]
                base = package[: len(package) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.update((target, alias.name) for alias in node.names)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def import_graph(*packages: str) -> dict[str, set[str]]:
    files = {module_name(path): path for package in packages for path in (ROOT / package).rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for module, path in files.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        imported = imported_names(tree, module, path.name == "__init__.py")
        # ``from .x import y``: the submodule x.y if there is one, else x
        graph[module] = {
            f"{target}.{name}" if f"{target}.{name}" in files else target for (target, name) in imported
        } & set(files)
        graph[module].discard(module)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph[node]):
            if other not in index:
                connect(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            connect(node)
    return found


def test_the_reader_sees_relative_imports_and_skips_type_checking_blocks():
    tree = ast.parse(
        "from typing import TYPE_CHECKING\nfrom . import keys\nfrom ..storage.store import Store\n"
        "if TYPE_CHECKING:\n    from .events import EventHub\n"
        "def f():\n    import server.routes\n"
    )
    imported = imported_names(tree, "server.api.cases", is_package=False)
    assert {("server.api", "keys"), ("server.storage.store", "Store"), ("server.routes", None)} <= imported
    assert not any("events" in target + (name or "") for (target, name) in imported)
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


@pytest.mark.parametrize("package", ["server", "tui"])
def test_no_two_modules_import_each_other(package):
    found = cycles(import_graph(package))
    assert found == [], "import cycles:\n" + "\n".join(" <-> ".join(c) for c in found)
