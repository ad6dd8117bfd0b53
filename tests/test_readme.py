from conftest import ROOT


def test_ci_runs_the_readme_test_command_exactly():
    ci_commands = [line for line in (ROOT / ".ci/run").read_text().splitlines() if "python3.11 -m venv" in line]
    readme = (ROOT / "README.md").read_text()
    first_screen = readme[: readme.index("---")]
    assert ci_commands and all(cmd in first_screen for cmd in ci_commands)
    assert "pytest" in ci_commands[-1]
