"""Project files agree with each other: pyproject extras, environment.yml, README, CI."""

from __future__ import annotations

import re
from pathlib import Path

import tomllib

ROOT = Path(__file__).resolve().parents[1]


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~ \[]", requirement.strip(), maxsplit=1)[0].lower()


def test_environment_yml_holds_the_pyproject_dependencies():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = {_name(r) for r in project["dependencies"]}
    for extra in project["optional-dependencies"].values():
        wanted |= {_name(r) for r in extra}
    listed = set()
    text = (ROOT / "environment.yml").read_text().split("dependencies:", 1)[1]
    for line in text.splitlines():
        match = re.match(r"^  - ([A-Za-z0-9_.\-]+)", line)
        if match and match.group(1) not in {"pip", "python"}:
            listed.add(_name(match.group(1)))
    assert wanted == listed, (
        f"only in pyproject: {wanted - listed}; only in environment.yml: {listed - wanted}"
    )


def test_model_depends_on_numpy_only():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert [_name(r) for r in project["dependencies"]] == ["numpy"]


def test_model_modules_never_import_plotting_or_widgets():
    for module in ("anatomy", "mechanics", "solver", "loads", "model", "scenarios", "validation", "cli"):
        source = (ROOT / "spinemodel" / f"{module}.py").read_text()
        for banned in ("matplotlib", "ipywidgets", "ipympl"):
            assert not re.search(rf"^\s*(import|from)\s+{banned}", source, re.M), f"{module} imports {banned}"


def test_readme_names_the_commands_and_ci_runs_the_test_command():
    readme = (ROOT / "README.md").read_text()
    blocks = re.findall(r"```(?:bash|sh)?\n(.*?)```", readme, re.S)
    lines = {line.strip() for block in blocks for line in block.splitlines()}
    assert "make lab" in lines and "make test" in lines
    assert "make test" in (ROOT / ".ci" / "run").read_text()
    assert "not medical advice" in readme
