"""The linters and the type checker, configured in ``pyproject.toml``, run clean: ruff (style,
imports, bugbear, annotations), import-linter (the extractors and the schemas never import
the flows, Prefect, SQLAlchemy, Alembic or pandas; flows above extractors above schemas) and
mypy (extractors, schemas, flows). Each runs from the venv's bin directory, in the repository."""

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.slow

BIN = Path(sys.executable).parent

COMMANDS = {
    "ruff": ["ruff", "check", "extractors", "schemas", "flows", "tests"],
    "import-linter": ["lint-imports"],
    "mypy": ["mypy"],
}


@pytest.mark.parametrize("tool", list(COMMANDS))
def test_runs_clean(tool):
    name, *args = COMMANDS[tool]
    exe = BIN / name
    assert exe.exists(), f"{exe} is missing: install the dev extra (.venv/bin/pip install -e '.[dev]')"
    result = subprocess.run([str(exe), *args], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, f"{name} {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
