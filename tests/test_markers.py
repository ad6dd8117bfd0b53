"""Every test that needs Prefect, a browser or PostgreSQL carries its marker, so that the quick
command of the README (``-m "not (slow or prefect or browser or postgres or metamorphic)"``)
never starts a Prefect server, Chromium or a database server.

Read from the source with ``ast``, not by running anything: what a test uses is what its body,
the module's top level, the helpers of its module it calls and the fixtures it takes (from its
module or ``conftest.py``, transitively) import, call or read. A fixture's parameter that
carries a marker (the ``db`` fixture's ``postgresql`` case) covers what that fixture needs.
"""

import ast
import re
import tomllib
from pathlib import Path

import pytest

from conftest import ROOT

TESTS = ROOT / "tests"

# What needs which marker.
MODULES = {  # imported (import x.y / from x import y), or named as a dotted string (monkeypatch)
    "prefect": "prefect", "prefect_dask": "prefect",
    "flows.ingest": "prefect", "flows.nightly": "prefect", "flows.serve": "prefect",
    "selenium": "browser", "playwright": "browser",
}
FIXTURES = {"prefect_harness": "prefect", "prefect_home": "prefect"}
CLI_COMMANDS = {"ingest": "prefect", "nightly": "prefect", "serve": "prefect"}  # kehoach CMD, flows.cli CMD
STRINGS = {"KEHOACH_TEST_PG_URL": "postgres", "chromium": "browser", "chromedriver": "browser"}
NEEDED = {"prefect", "browser", "postgres"}


def _mark_names(node: ast.AST) -> set[str]:
    """The markers named by ``pytest.mark.X``, ``pytest.mark.X(...)`` or a list of them."""
    if isinstance(node, (ast.List, ast.Tuple)):
        return set().union(*(_mark_names(e) for e in node.elts)) if node.elts else set()
    if isinstance(node, ast.Call):
        node = node.func
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Attribute) and node.value.attr == "mark":
        return {node.attr}
    return set()


def _module_of(name: str) -> str | None:
    for module, marker in MODULES.items():
        if name == module or name.startswith(module + "."):
            return marker
    return None


def _strings_need(nodes: list[ast.AST]) -> set[str]:
    """What string arguments name: a module given as a dotted string, $KEHOACH_TEST_PG_URL, a browser."""
    found = set()
    for n in nodes:
        if isinstance(n, ast.Constant) and isinstance(n.value, str):
            found |= {m for m in [_module_of(n.value)] if m}
            found |= {marker for s, marker in STRINGS.items() if s == n.value}
    return found


def _needs(node: ast.AST) -> set[str]:
    """What this code needs by itself (not through fixtures or helpers)."""
    found = set()
    for n in ast.walk(node):
        if isinstance(n, ast.Import):
            found |= {m for a in n.names if (m := _module_of(a.name))}
        elif isinstance(n, ast.ImportFrom) and n.module and n.level == 0:
            found |= {m for m in [_module_of(n.module)] if m}
            found |= {m for a in n.names if (m := _module_of(f"{n.module}.{a.name}"))}
        elif isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name) and n.value.id == "flows":
            found |= {m for m in [_module_of(f"flows.{n.attr}")] if m}
        elif isinstance(n, ast.Subscript):  # os.environ["KEHOACH_TEST_PG_URL"]
            found |= _strings_need([n.slice])
        elif isinstance(n, ast.Call):  # os.environ.get(...), shutil.which(...), monkeypatch.setattr("flows.ingest.x", ...)
            found |= _strings_need(n.args)
            args = [a.value for a in n.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
            name = n.func.id if isinstance(n.func, ast.Name) else getattr(n.func, "attr", "")
            if name == "kehoach" and args and args[0] in CLI_COMMANDS:
                found.add(CLI_COMMANDS[args[0]])
        if isinstance(n, (ast.List, ast.Tuple)):  # [sys.executable, "-m", "flows.cli", "ingest", ...]
            words = [e.value for e in n.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
            for i, w in enumerate(words[:-1]):
                if w in ("flows.cli", "kehoach") and words[i + 1] in CLI_COMMANDS:
                    found.add(CLI_COMMANDS[words[i + 1]])
    return found


def _is_fixture(fn: ast.FunctionDef) -> bool:
    for d in fn.decorator_list:
        d = d.func if isinstance(d, ast.Call) else d
        if (isinstance(d, ast.Attribute) and d.attr == "fixture") or (isinstance(d, ast.Name) and d.id == "fixture"):
            return True
    return False


def _param_marks(fn: ast.FunctionDef) -> set[str]:
    """Markers carried by the parameters of a fixture: ``params=[..., pytest.param(x, marks=...)]``."""
    marks = set()
    for d in fn.decorator_list:
        if isinstance(d, ast.Call):
            for kw in d.keywords:
                if kw.arg == "params":
                    for n in ast.walk(kw.value):
                        if isinstance(n, ast.Call) and getattr(n.func, "attr", "") == "param":
                            marks |= set().union(*(_mark_names(k.value) for k in n.keywords if k.arg == "marks"))
    return marks


def _functions(tree: ast.Module) -> dict[str, ast.FunctionDef]:
    return {n.name: n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}


class Analysis:
    def __init__(self, tree: ast.Module, conftest: ast.Module):
        self.functions = _functions(tree)
        fixtures = {n: f for n, f in _functions(conftest).items() if _is_fixture(f)}
        fixtures.update({n: f for n, f in self.functions.items() if _is_fixture(f)})
        self.fixtures = fixtures
        self.top = set()
        for stmt in tree.body:
            if not isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                self.top |= _needs(stmt)

    def of_function(self, fn: ast.FunctionDef, seen: frozenset = frozenset()) -> set[str]:
        if fn.name in seen:
            return set()
        seen = seen | {fn.name}
        found = _needs(fn)
        for arg in [a.arg for a in fn.args.args + fn.args.kwonlyargs]:
            if arg in FIXTURES:
                found.add(FIXTURES[arg])
            if arg in self.fixtures:
                fixture = self.fixtures[arg]
                found |= self.of_function(fixture, seen) - _param_marks(fixture)
        for n in ast.walk(fn):  # helpers of the module it calls
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id in self.functions:
                helper = self.functions[n.func.id]
                if not _is_fixture(helper):
                    found |= self.of_function(helper, seen)
        return found


def missing_marks(source: str, conftest_source: str = "") -> dict[str, set[str]]:
    """{test name: markers it needs and lacks} for the source of a test module."""
    tree, conftest = ast.parse(source), ast.parse(conftest_source)
    analysis = Analysis(tree, conftest)
    module_marks = set()
    for stmt in tree.body:
        if isinstance(stmt, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "pytestmark" for t in stmt.targets):
            module_marks |= _mark_names(stmt.value)
    tests = [(n, set()) for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
    for cls in (n for n in tree.body if isinstance(n, ast.ClassDef) and n.name.startswith("Test")):
        cls_marks = set().union(*(_mark_names(d) for d in cls.decorator_list)) if cls.decorator_list else set()
        for stmt in cls.body:
            if isinstance(stmt, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "pytestmark" for t in stmt.targets):
                cls_marks |= _mark_names(stmt.value)
        tests += [(n, cls_marks) for n in cls.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
    missing = {}
    for fn, outer in tests:
        if not fn.name.startswith("test") or _is_fixture(fn):
            continue
        marks = module_marks | outer | set().union(*(_mark_names(d) for d in fn.decorator_list))
        lacking = ((analysis.top | analysis.of_function(fn)) & NEEDED) - marks
        if lacking:
            missing[fn.name] = lacking
    return missing


CONFTEST = (TESTS / "conftest.py").read_text(encoding="utf-8")


@pytest.mark.parametrize("path", sorted(TESTS.glob("test_*.py")), ids=lambda p: p.name)
def test_every_test_needing_prefect_a_browser_or_postgresql_has_its_marker(path: Path):
    missing = missing_marks(path.read_text(encoding="utf-8"), CONFTEST)
    assert missing == {}, "add these markers (pytestmark = [...] or @pytest.mark.X): " + "; ".join(
        f"{name}: {', '.join(sorted(m))}" for name, m in missing.items()
    )


def test_the_postgresql_case_of_the_db_fixture_is_marked():
    (db,) = [f for f in ast.parse(CONFTEST).body if isinstance(f, ast.FunctionDef) and f.name == "db"]
    assert "postgres" in _param_marks(db)
    assert "postgres" in _needs(db)  # it reads $KEHOACH_TEST_PG_URL, which the mark covers


def test_the_check_finds_what_is_unmarked():
    source = '''
import pytest
from flows.ingest import ingest_flow

pytestmark = pytest.mark.slow


@pytest.fixture
def chrome():
    from selenium import webdriver
    return webdriver


def run(inbox):
    import subprocess, sys
    subprocess.run([sys.executable, "-m", "flows.cli", "nightly", inbox])


def test_flow():
    ingest_flow([])


@pytest.mark.prefect
def test_marked():
    ingest_flow([])


def test_browser(chrome):
    pass


def test_server(prefect_harness):
    pass


def test_helper(tmp_path):
    run(str(tmp_path))


def test_pg(monkeypatch):
    import os
    os.environ["KEHOACH_TEST_PG_URL"]


def test_cli():
    kehoach("ingest", "samples")


def test_pure():
    assert 1


class TestGroup:
    def test_in_a_class(self):
        import prefect


@pytest.mark.prefect
class TestMarked:
    def test_in_a_marked_class(self):
        import prefect
'''
    # the module imports flows.ingest at its top: every test needs `prefect`
    assert set(missing_marks(source)) == {
        "test_flow", "test_browser", "test_server", "test_helper", "test_pg", "test_cli", "test_pure", "test_in_a_class"
    }
    local = source.replace("from flows.ingest import ingest_flow\n", "")
    assert missing_marks(local) == {
        "test_browser": {"browser"},
        "test_server": {"prefect"},
        "test_helper": {"prefect"},
        "test_pg": {"postgres"},
        "test_cli": {"prefect"},
        "test_in_a_class": {"prefect"},
    }
    all_marks = "pytestmark = [pytest.mark.prefect, pytest.mark.browser, pytest.mark.postgres]"
    assert missing_marks(local.replace("pytestmark = pytest.mark.slow", all_marks)) == {}


def test_the_quick_command_leaves_out_every_registered_marker():
    """The README's quick command excludes every marker of pyproject.toml."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["pytest"]["ini_options"]
    registered = {m.split(":")[0].strip() for m in config["markers"]}
    assert {"slow", "prefect", "browser", "postgres", "metamorphic"} <= registered
    assert "--strict-markers" in config["addopts"]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick = re.findall(r'pytest -q -m "not \(([a-z_ ]+)\)"', readme)
    assert quick, "the README gives no quick command"
    for expression in quick:
        assert set(expression.split(" or ")) == registered, expression
