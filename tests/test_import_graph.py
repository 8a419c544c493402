"""``fastpix_async`` has no import cycle: each module can be read, and loaded, on its own.

The graph is static: every ``import`` in every module counts, including those inside
functions (imported on first use) and under ``TYPE_CHECKING`` (what a type checker
follows), so a cycle can't hide behind a deferred import. An edge goes to the module an
import names, not to the packages above it that Python also runs: a lazy package's
``__init__`` names its modules for the type checker, which would put it in a cycle with
each of them.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import fastpix_async

PACKAGE_DIR = Path(fastpix_async.__file__).parent
PACKAGE = PACKAGE_DIR.name


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE_DIR.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE_DIR.rglob("*.py"))}


def imported_by(name: str, path: Path) -> Iterator[str]:
    """The package's modules that ``name`` imports (``from x import y`` counts as ``x.y``
    when ``y`` is a module, else as ``x``)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            targets = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base
                for alias in node.names
            ]
        else:
            continue
        yield from (target for target in targets if target in MODULES and target != name)


GRAPH = {name: sorted(set(imported_by(name, path))) for name, path in MODULES.items()}


def find_cycle(graph: dict[str, list[str]]) -> list[str] | None:
    """One cycle of ``graph`` as the modules along it (first repeated last), or None."""
    done: set[str] = set()
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        if node in path:
            return [*path[path.index(node) :], node]
        if node in done:
            return None
        path.append(node)
        for target in graph[node]:
            cycle = visit(target)
            if cycle is not None:
                return cycle
        path.pop()
        done.add(node)
        return None

    for start in graph:
        cycle = visit(start)
        if cycle is not None:
            return cycle
    return None


def all_cycles(graph: dict[str, list[str]]) -> list[list[str]]:
    """Cycles of ``graph`` until none is left (each found cycle's closing edge is dropped)."""
    remaining = {node: list(targets) for node, targets in graph.items()}
    found = []
    while (cycle := find_cycle(remaining)) is not None:
        found.append(cycle)
        remaining[cycle[-2]].remove(cycle[-1])
    return found


def test_the_package_has_no_import_cycle() -> None:
    cycles = all_cycles(GRAPH)
    assert not cycles, "import cycles:\n" + "\n".join(" -> ".join(c) for c in cycles)


def test_the_graph_sees_every_kind_of_import() -> None:
    assert f"{PACKAGE}._fastpath" in GRAPH[f"{PACKAGE}._serde"]  # inside a function
    assert f"{PACKAGE}.models.media" in GRAPH[f"{PACKAGE}.errors"]  # under TYPE_CHECKING
    assert f"{PACKAGE}.models.media" in GRAPH[f"{PACKAGE}.models.live"]  # relative, in a package
    assert f"{PACKAGE}._lazy" in GRAPH[f"{PACKAGE}.testing"]  # two levels up


def test_a_cycle_is_found_and_named() -> None:
    graph = {"a": ["b"], "b": ["c"], "c": ["a"], "d": []}
    assert find_cycle(graph) == ["a", "b", "c", "a"]
    assert find_cycle({"a": ["b"], "b": [], "c": ["a"]}) is None
    two = {"a": ["b"], "b": ["a", "c"], "c": ["d"], "d": ["c"]}
    assert all_cycles(two) == [["a", "b", "a"], ["c", "d", "c"]]
