"""The package's layers point only down: every import of a kg module (at the top of a file or inside a function)
is checked against the layer rule of docs/architecture.md, read from the source with the standard library's ast."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import kg

PACKAGE = Path(kg.__file__).resolve().parent

# Each layer, bottom to top, with the kg modules it holds (a module belongs to the first prefix that matches).
LAYERS: dict[str, tuple[str, ...]] = {
    "base": ("kg.errors", "kg.resources", "kg.progress", "kg.registry"),
    "model": ("kg.model",),
    "sources": ("kg.sources",),
    "graph": ("kg.graph",),
    "neo4j_server": ("kg.neo4j_server",),
    "stores": ("kg.stores",),
    "questions": ("kg.questions",),
    "export": ("kg.export",),
    "api": ("kg.api", "kg"),
    "cli": ("kg.cli", "kg.render", "kg.answer_cache", "kg.launch", "kg.__main__"),
}

# What each layer may import besides itself. neo4j_server stands beside the data layers: it runs the database
# and knows nothing of the graph; stores and the CLI use it.
MAY_IMPORT: dict[str, set[str]] = {
    "base": set(),
    "model": {"base"},
    "sources": {"base", "model"},
    "graph": {"base", "model", "sources"},
    "neo4j_server": {"base"},
    "stores": {"base", "model", "sources", "graph", "neo4j_server"},
    "questions": {"base", "model", "graph", "stores"},
    "export": {"base", "model", "graph", "stores", "questions"},
    "api": {"base", "model", "sources", "graph", "neo4j_server", "stores", "questions", "export"},
    "cli": {"base", "model", "sources", "graph", "neo4j_server", "stores", "questions", "export", "api"},
}


def layer_of(module: str) -> str:
    """The layer of a kg module: the longest prefix of LAYERS that names it or a package above it."""
    best, best_len = None, -1
    for layer, prefixes in LAYERS.items():
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > best_len:
                best, best_len = layer, len(prefix)
    if best is None:
        raise AssertionError(f"{module} is in no layer: add it to LAYERS")
    return best


def module_name(path: Path, package: Path) -> str:
    parts = path.relative_to(package.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def kg_imports(path: Path, package: Path) -> list[tuple[int, str]]:
    """(line, module) for every import of a kg module in the file, wherever it stands; `from kg import x` names
    the module kg.x when x is a module, else kg itself."""
    module, is_package = module_name(path, package), path.name == "__init__.py"
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name == "kg" or a.name.startswith("kg.")]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = module.split(".") if is_package else module.split(".")[:-1]
                base = ".".join(package[: len(package) - node.level + 1] + ([base] if base else []))
            if base != "kg" and not base.startswith("kg."):
                continue
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                where = package.parent / Path(*sub.split("."))
                is_module = where.with_suffix(".py").is_file() or (where / "__init__.py").is_file()
                found.append((node.lineno, sub if is_module else base))
    return found


def upward_imports(package: Path) -> list[str]:
    """Every import in `package` that points up a layer, or sideways into a layer not allowed, as 'file:line: a -> b'."""
    bad = []
    for path in sorted(package.rglob("*.py")):
        if "_data" in path.parts:
            continue
        module = module_name(path, package)
        here = layer_of(module)
        for line, target in kg_imports(path, package):
            there = layer_of(target)
            if there != here and there not in MAY_IMPORT[here]:
                bad.append(f"{path.relative_to(package.parent)}:{line}: {module} ({here}) imports {target} ({there})")
    return bad


def test_every_import_points_down() -> None:
    assert upward_imports(PACKAGE) == []


def test_every_module_is_in_a_layer() -> None:
    for path in PACKAGE.rglob("*.py"):
        if "_data" not in path.parts:
            layer_of(module_name(path, PACKAGE))


def test_an_upward_import_is_caught(tmp_path: Path) -> None:
    """A model module that imports the CLI is reported, with its file and line."""
    (tmp_path / "kg" / "model").mkdir(parents=True)
    (tmp_path / "kg" / "__init__.py").write_text("")
    (tmp_path / "kg" / "model" / "__init__.py").write_text("")
    (tmp_path / "kg" / "model" / "bad.py").write_text('"""x"""\n\n\ndef f():\n    from kg import cli\n')
    (tmp_path / "kg" / "cli.py").write_text("")
    assert upward_imports(tmp_path / "kg") == ["kg/model/bad.py:5: kg.model.bad (model) imports kg.cli (cli)"]


@pytest.mark.parametrize("module, layer", [("kg.model", "model"), ("kg.stores.bulk", "stores"), ("kg", "api"),
                                           ("kg.cli", "cli"), ("kg.errors", "base")])
def test_layer_of(module: str, layer: str) -> None:
    assert layer_of(module) == layer


def test_modules_stay_small() -> None:
    """No module over 400 lines, and each opens with a docstring saying its job."""
    too_long, undocumented = [], []
    for path in sorted(PACKAGE.rglob("*.py")):
        if "_data" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        if len(text.splitlines()) > 400:
            too_long.append(f"{path.relative_to(PACKAGE.parent)} ({len(text.splitlines())} lines)")
        if text.strip() and ast.get_docstring(ast.parse(text)) is None:
            undocumented.append(str(path.relative_to(PACKAGE.parent)))
    assert (too_long, undocumented) == ([], [])
