"""Project files agree with each other: pyproject extras, environment.yml, Binder, README, CI."""

from __future__ import annotations

import json
import re
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~ \[]", requirement.strip(), maxsplit=1)[0].lower()


def _conda_packages(path: Path) -> set[str]:
    listed = set()
    text = path.read_text().split("dependencies:", 1)[1]
    for line in text.splitlines():
        match = re.match(r"^  - ([A-Za-z0-9_.\-]+)", line)
        if match and match.group(1) not in {"pip", "python"}:
            listed.add(_name(match.group(1)))
    return listed


def test_environment_yml_holds_the_pyproject_dependencies():
    wanted = {_name(r) for r in PROJECT["dependencies"]}
    for extra in PROJECT["optional-dependencies"].values():
        wanted |= {_name(r) for r in extra}
    listed = _conda_packages(ROOT / "environment.yml")
    assert wanted == listed, (
        f"only in pyproject: {wanted - listed}; only in environment.yml: {listed - wanted}"
    )


def test_binder_installs_the_notebooks_extra_and_the_package():
    wanted = {_name(r) for r in PROJECT["dependencies"] + PROJECT["optional-dependencies"]["notebooks"]}
    listed = _conda_packages(ROOT / "binder" / "environment.yml")
    assert wanted == listed, f"only in pyproject: {wanted - listed}; only in binder/: {listed - wanted}"
    # repo2docker picks the Python of its frozen base environments by "python=X.Y".
    assert re.search(r"^  - python=3\.\d+$", (ROOT / "binder" / "environment.yml").read_text(), re.M)
    post_build = ROOT / "binder" / "postBuild"
    assert post_build.stat().st_mode & 0o111, "binder/postBuild must be executable"
    text = post_build.read_text()
    assert text.startswith("#!/bin/bash") and "set -e" in text and "pip install --no-deps" in text


def test_license_is_mit_as_an_spdx_string_with_its_file():
    assert PROJECT["license"] == "MIT"
    assert PROJECT["license-files"] == ["LICENSE"]
    assert (ROOT / "LICENSE").read_text().startswith("MIT License")


def test_one_repository_address_for_the_badges_and_the_colab_cell():
    repo = PROJECT["urls"]["Repository"]
    owner_name = repo.removeprefix("https://github.com/")
    readme = (ROOT / "README.md").read_text()
    assert f"https://mybinder.org/v2/gh/{owner_name}/HEAD" in readme
    assert f"https://colab.research.google.com/github/{owner_name}/blob/main/notebooks/" in readme
    # The Colab cell: the first cell of notebook 1 (tests/test_colab_cell.py checks the others match).
    notebook = json.loads(
        (ROOT / "notebooks" / "01_why_the_low_back_resists_twisting.ipynb").read_text(encoding="utf-8")
    )
    cell = "".join(notebook["cells"][0]["source"])
    assert f"spinemodel @ git+{repo}" in cell
    # the Colab cell pins what the notebooks extra pins
    pins = {_name(r): r for r in PROJECT["optional-dependencies"]["notebooks"]}
    assert f'"{pins["ipywidgets"]}"' in cell and f'"{pins["ipympl"]}"' in cell


def test_model_depends_on_numpy_only():
    assert [_name(r) for r in PROJECT["dependencies"]] == ["numpy"]


def test_model_modules_never_import_plotting_or_widgets():
    for module in (
        "anatomy",
        "mechanics",
        "solver",
        "loads",
        "model",
        "scenarios",
        "validation",
        "cli",
        "notebook_files",
    ):
        source = (ROOT / "spinemodel" / f"{module}.py").read_text()
        for banned in ("matplotlib", "ipywidgets", "ipympl"):
            assert not re.search(rf"^\s*(import|from)\s+{banned}", source, re.M), f"{module} imports {banned}"


def test_readme_names_the_commands_and_ci_runs_the_test_command():
    readme = (ROOT / "README.md").read_text()
    blocks = re.findall(r"```(?:bash|sh)?\n(.*?)```", readme, re.S)
    lines = {line.strip() for block in blocks for line in block.splitlines()}
    assert "make lab" in lines and "make test" in lines
    ci = (ROOT / ".ci" / "run").read_text()
    assert "make test" in ci and "make test-oldest" in ci
    assert "not medical advice" in readme


def test_readme_shows_the_pip_route_and_the_serving_options():
    readme = (ROOT / "README.md").read_text()
    for words in (
        "PORT=",
        "HOST=",
        'pip install ".[notebooks]"',
        "spinemodel notebooks ",
        "jupyter lab ",
        'pip install "spinemodel[notebooks]"',
        "make test-oldest",
        "binder/postBuild",
        "What was tried",
    ):
        assert words in readme, words
