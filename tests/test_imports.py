"""The imports of ``src/`` follow its floors: no module imports, even inside a function, one
that imports it back. The model reaches the layers above it through one late-binding point
(``model._above``), as pandas' methods reach matplotlib; nothing else loads a module of the
package by name."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _modules(src: Path) -> dict[str, tuple[Path, str]]:
    """Every module under ``src``: its dotted name, its file and the package it is in."""
    out = {}
    for path in src.rglob("*.py"):
        parts = list(path.relative_to(src).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
            package = ".".join(parts)
        else:
            package = ".".join(parts[:-1])
        out[".".join(parts)] = (path, package)
    return out


def import_graph(src: Path) -> dict[str, set[str]]:
    """Module → the package's modules it imports, at any depth of the code (in a function
    too), leaving out what is imported only for the type checker."""
    modules = _modules(src)

    def known(name: str) -> str | None:
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name or None

    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, (path, package) in modules.items():

        def visit(node: ast.AST, name: str = name, package: str = package) -> None:
            for child in ast.iter_child_nodes(node):
                if isinstance(child, ast.If) and _is_type_checking(child):
                    for other in child.orelse:
                        visit(other)
                    continue
                targets: list[str | None] = []
                if isinstance(child, ast.Import):
                    targets = [known(alias.name) for alias in child.names]
                elif isinstance(child, ast.ImportFrom):
                    base = child.module or ""
                    if child.level:
                        up = package.split(".")[: len(package.split(".")) - (child.level - 1)]
                        base = ".".join([*up, *([child.module] if child.module else [])])
                    targets = [
                        f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else known(base)
                        for alias in child.names
                    ]
                graph[name].update(t for t in targets if t and t != name)
                visit(child)

        visit(ast.parse(path.read_text(encoding="utf-8")))
    return graph


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The import circles: strongly connected groups of more than one module (Tarjan)."""
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
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            connect(node)
    return found


def test_no_import_circle_in_src() -> None:
    assert circles(import_graph(SRC)) == []


def test_the_one_late_binding_point() -> None:
    """Only ``model._above`` loads a module of the package by name (``ingest`` loads Dask's
    modules by name, untyped)."""
    calls = []
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef):
                continue
            for node in ast.walk(function):
                if isinstance(node, ast.Call) and getattr(node.func, "attr", None) in {
                    "import_module",
                    "__import__",
                }:
                    calls.append(f"{path.stem}.{function.name}")
                if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "__import__":
                    calls.append(f"{path.stem}.{function.name}")
    assert sorted(calls) == ["ingest._module", "model._above"]


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (
            {"a.py": "from . import b\n", "b.py": "def f():\n    from .a import x\n"},
            [["p.a", "p.b"]],
        ),
        (
            {"a.py": "import p.b\n", "b.py": "from p import c\n", "c.py": "from .a import y\n"},
            [["p.a", "p.b", "p.c"]],
        ),
        (
            {
                "a.py": "from typing import TYPE_CHECKING\n"
                "if TYPE_CHECKING:\n    from .b import x\n",
                "b.py": "from .a import y\n",
            },
            [],
        ),
        ({"a.py": "from .b import x\n", "b.py": "x = 1\n"}, []),
    ],
    ids=["in-a-function", "three", "type-checking-only", "none"],
)
def test_a_planted_circle_is_found(
    tmp_path: Path, files: dict[str, str], expected: list[list[str]]
) -> None:
    package = tmp_path / "p"
    package.mkdir()
    (package / "__init__.py").write_text("")
    for name, text in files.items():
        (package / name).write_text(text)
    assert circles(import_graph(tmp_path)) == expected
