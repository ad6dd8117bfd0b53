"""No import circles in ``extractors``, ``schemas``, ``derive`` and ``flows``; ``derive`` reads and writes no file.

The import graph is built from the source with ``ast``, not by importing: every ``import``
statement counts, at module level or inside a function (a lazy import only hides a circle
until the function runs). ``from pkg import name`` points at ``pkg.name`` when that is a
submodule, else at ``pkg`` itself; relative imports are resolved against the importing module.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("extractors", "schemas", "derive", "flows")


def _modules(root: Path = ROOT, packages: tuple[str, ...] = PACKAGES) -> dict[str, Path]:
    """Every module of ``packages`` under ``root``, by dotted name (a package by its ``__init__``)."""
    found: dict[str, Path] = {}
    for package in packages:
        for path in sorted((root / package).rglob("*.py")):
            parts = list(path.relative_to(root).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def _is_package(name: str, modules: dict[str, Path]) -> bool:
    return modules[name].name == "__init__.py"


def _longest_module(dotted: str, modules: dict[str, Path]) -> str:
    parts = dotted.split(".")
    return next((".".join(parts[:n]) for n in range(len(parts), 0, -1) if ".".join(parts[:n]) in modules), dotted)


def _imported(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The modules of ``modules`` that ``name`` imports anywhere in its source."""
    out: set[str] = set()
    here = name if _is_package(name, modules) else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):  # "import a.b.c" where only a.b is a module imports a.b
            targets = [_longest_module(alias.name, modules) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = here.split(".")[: len(here.split(".")) - (node.level - 1)]
                base = ".".join(anchor + ([base] if base else []))
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base for alias in node.names]
        else:
            continue
        out |= {t for t in targets if t in modules and t != name}
    return out


def import_graph(root: Path = ROOT, packages: tuple[str, ...] = PACKAGES) -> dict[str, set[str]]:
    """Module name → the modules of ``packages`` it imports."""
    modules = _modules(root, packages)
    return {name: _imported(name, path, modules) for name, path in modules.items()}


def _groups(graph: dict[str, set[str]]) -> list[set[str]]:
    """The strongly connected groups of ``graph`` of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[set[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group: set[str] = set()
            while True:
                member = stack.pop()
                group.add(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(group)

    for start in sorted(graph):
        if start not in index:
            visit(start)
    return groups


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """A shortest import circle ``[a, b, …, a]`` through the first module of each strongly
    connected group of ``graph``; empty when there is no circle."""
    out = []
    for group in _groups(graph):
        start = min(group)
        paths = {start: [start]}
        queue = [start]
        while queue:
            node = queue.pop(0)
            if start in graph[node]:
                out.append(paths[node] + [start])
                break
            for n in sorted(graph[node] & group):
                if n not in paths:
                    paths[n] = paths[node] + [n]
                    queue.append(n)
    return sorted(out)


def test_the_graph_sees_lazy_and_from_imports() -> None:
    graph = import_graph()
    assert "extractors.readers" in graph and "schemas" in graph
    assert "extractors.document" in graph["extractors.readers"]
    assert "extractors.pdf_reader" in graph["extractors.readers"]  # "from extractors import pdf_reader"


def test_find_cycles_names_each_circle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a", "b"}, "d": {"a", "e"}, "e": {"d"}, "f": set()}
    assert find_cycles(graph) == [["a", "b", "c", "a"], ["d", "e", "d"]]
    assert find_cycles({"a": {"b"}, "b": set()}) == []


def test_lazy_and_relative_imports_make_a_circle(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text('"""A package."""\n')
    (package / "a.py").write_text("def f():\n    from pkg import b\n")
    (package / "b.py").write_text("from .a import f\nimport pkg.c\n")
    (package / "c.py").write_text("from pkg import names\n")
    graph = import_graph(tmp_path, ("pkg",))
    assert graph == {"pkg": set(), "pkg.a": {"pkg.b"}, "pkg.b": {"pkg.a", "pkg.c"}, "pkg.c": {"pkg"}}
    assert find_cycles(graph) == [["pkg.a", "pkg.b", "pkg.a"]]


def test_no_import_cycles() -> None:
    cycles = find_cycles(import_graph())
    assert not cycles, "import circles: " + "; ".join(" → ".join(c) for c in cycles)


# What reads or writes a file: pandas' readers and writers, open(), Path's own.
FILE_IO = {"open", "read_text", "write_text", "read_bytes", "write_bytes", "mkdir", "unlink", "to_csv", "to_excel",
           "to_parquet", "to_sql", "to_json", "to_html", "to_pickle", "read_csv", "read_excel", "read_parquet",
           "read_sql", "read_json", "read_html", "read_pickle", "ExcelWriter"}


def file_io_calls(path: Path) -> list[str]:
    """The calls in ``path`` of a function or method named in ``FILE_IO``, as "line: name"."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Call):
            f = node.func
            name = f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else None
            if name in FILE_IO:
                found.append(f"{node.lineno}: {name}")
    return found


def test_what_derives_from_records_reads_and_writes_no_file():
    calls = {str(p.relative_to(ROOT)): file_io_calls(p) for p in sorted((ROOT / "derive").rglob("*.py"))}
    assert calls and {p: c for p, c in calls.items() if c} == {}


def test_the_file_check_finds_a_write(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("import pandas as pd\n\ndef f(df, p):\n    df.to_csv(p)\n    return open(p).read()\n", "utf-8")
    assert file_io_calls(module) == ["4: to_csv", "5: open"]
