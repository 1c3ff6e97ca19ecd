"""Meta-tests for docs/architecture.md: no import circle, even through imports inside functions, and
every import inside a function says why it is there (an optional dependency or its start-up cost).

The layers themselves are import-linter contracts in pyproject.toml (``make lint``); import-linter
counts imports inside functions too, but it would not notice a circle hidden behind one that no
contract covers.
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "crosswire"
REASONS = ("start-up cost", "optional")


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = ["crosswire", *path.relative_to(PACKAGE).with_suffix("").parts]
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


MODULES = _modules()


def _imported(node: ast.Import | ast.ImportFrom, module: str, path: Path) -> list[str]:
    """The crosswire modules an import statement loads (a package's ``__init__`` included)."""
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    else:
        base = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
        prefix = ".".join(base[: len(base) - node.level + 1] + [node.module or ""]) if node.level else node.module
        names = [f"{prefix}.{alias.name}" if f"{prefix}.{alias.name}" in MODULES else prefix for alias in node.names]
    loaded = set()
    for name in names:
        parts = (name or "").split(".")
        loaded |= {".".join(parts[:i]) for i in range(2, len(parts) + 1) if ".".join(parts[:i]) in MODULES}
    return sorted(loaded - {module})


def _type_checking_only(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    while node in parents:
        node = parents[node]
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            return True
    return False


@functools.cache
def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for module, path in MODULES.items():
        tree = ast.parse(path.read_text("utf-8"))
        parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
        graph[module] = {
            target
            for node in ast.walk(tree)
            if isinstance(node, ast.Import | ast.ImportFrom) and not _type_checking_only(node, parents)
            for target in _imported(node, module, path)
            if not module.startswith(target + ".")  # a submodule may use its own package
        }
    return graph


def _cycle_from(start: str, graph: dict[str, set[str]]) -> list[str] | None:
    """A path start -> ... -> start, if there is one (depth-first)."""
    stack, seen = [(start, [start])], set()
    while stack:
        module, path = stack.pop()
        for target in sorted(graph.get(module, ())):
            if target == start:
                return [*path, start]
            if target not in seen:
                seen.add(target)
                stack.append((target, [*path, target]))
    return None


@pytest.mark.parametrize("module", sorted(MODULES))
def test_module_is_in_no_import_circle(module: str) -> None:
    assert _cycle_from(module, _graph()) is None


def _function_imports() -> list[tuple[str, int, str]]:
    """(file, line, the line and the ``try:`` above it) for each import statement inside a function."""
    found = []
    for path in MODULES.values():
        text = path.read_text("utf-8")
        lines = text.splitlines()
        tree = ast.parse(text)
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(function):
                if isinstance(node, ast.Import | ast.ImportFrom):
                    said = lines[node.lineno - 1]
                    tries = [t for t in ast.walk(function) if isinstance(t, ast.Try) and node in ast.walk(t)]
                    said += "".join(lines[t.lineno - 1] for t in tries)
                    found.append((str(path.relative_to(PACKAGE)), node.lineno, said))
    return sorted(set(found))


@pytest.mark.parametrize(("path", "line", "said"), _function_imports())
def test_import_inside_a_function_says_why(path: str, line: int, said: str) -> None:
    assert any(reason in said for reason in REASONS), f"{path}:{line}: move it to the top, or say why it is here"
