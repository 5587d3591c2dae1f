"""The pip route a student takes, in fresh virtual environments (marked ``slow``; run by default).

1. ``pip install spinemodel`` from a built wheel (numpy only): the model works; every
   command or import that needs the extras says, in one line, which pip command to run.
2. ``pip install "spinemodel[notebooks]"`` from the source tree: ``spinemodel notebooks DIR``
   copies the notebooks and their images out of the installed package, and one of them
   runs there top to bottom (``jupyter nbconvert --execute``), far from the repository.

Both build from a copy of the project's files in a temporary folder (nothing is written
into the repository) and install with pip's own configuration and cache.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
HINT = 'pip install "spinemodel[notebooks]"'
PIP_TIMEOUT_S = 900  # a hang guard, not a speed check

pytestmark = pytest.mark.slow


def _env(tmp: Path) -> dict[str, str]:
    """The environment of a student's shell: nothing of this checkout or of the test run."""
    dropped = ("PYTHON", "VIRTUAL_ENV", "JUPYTER", "MPL")
    env = {k: v for k, v in os.environ.items() if not k.startswith(dropped)}
    env.update(
        PIP_DISABLE_PIP_VERSION_CHECK="1",
        JUPYTER_DATA_DIR=str(tmp / "jupyter-data"),  # only the new environment's kernel
        JUPYTER_CONFIG_DIR=str(tmp / "jupyter-config"),
        JUPYTER_RUNTIME_DIR=str(tmp / "jupyter-runtime"),
        TMPDIR=str(tmp),
    )
    return env


def _run(command: list[str], tmp: Path, *, cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=cwd, env=_env(tmp), capture_output=True, text=True, timeout=timeout)


def _pip(python: Path, *args: str, tmp: Path) -> subprocess.CompletedProcess:
    result = _run([str(python), "-m", "pip", *args], tmp, cwd=tmp, timeout=PIP_TIMEOUT_S)
    output = f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    assert result.returncode == 0, f"pip {' '.join(args)} failed:\n{output}"
    return result


def _new_venv(path: Path) -> Path:
    venv.EnvBuilder(with_pip=True, clear=True).create(path)
    return path / "bin" / "python"


@pytest.fixture(scope="module")
def source(tmp_path_factory) -> Path:
    """A copy of what a source distribution holds: the package, the notebooks, the metadata."""
    src = tmp_path_factory.mktemp("src") / "spinemodel"
    src.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy2(ROOT / name, src / name)
    skip = shutil.ignore_patterns("__pycache__", "*.pyc", ".ipynb_checkpoints", "explorer-figures")
    shutil.copytree(ROOT / "spinemodel", src / "spinemodel", ignore=skip)
    shutil.copytree(ROOT / "notebooks", src / "notebooks", ignore=skip)
    return src


def test_plain_install_runs_the_model_and_names_the_extras(source, tmp_path):
    dist = tmp_path / "dist"
    build = _pip(Path(sys.executable), "wheel", "--no-deps", "-w", str(dist), str(source), tmp=tmp_path)
    assert "deprecated" not in (build.stdout + build.stderr).lower(), build.stderr[-3000:]
    (wheel,) = dist.glob("spinemodel-*.whl")
    python = _new_venv(tmp_path / "plain")
    _pip(python, "install", str(wheel), tmp=tmp_path)
    scripts = python.parent
    work = tmp_path / "work"
    work.mkdir()

    frozen = _run([str(python), "-m", "pip", "list", "--format=freeze"], tmp_path, cwd=work).stdout.lower()
    assert "numpy==" in frozen and "matplotlib" not in frozen

    pose = _run(
        [str(scripts / "spinemodel"), "pose", "--scenario", "golf_backswing", "--json"], tmp_path, cwd=work
    )
    assert pose.returncode == 0, pose.stderr
    assert '"lumbar_cap_deg"' in pose.stdout

    for command in (
        [str(scripts / "spinemodel"), "figures", "--out", "figs"],
        [str(python), "-m", "spinemodel", "figures", "--out", "figs"],
    ):
        result = _run(command, tmp_path, cwd=work)
        assert result.returncode == 2, result
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and HINT in lines[0] and "matplotlib" in lines[0], result.stderr
        assert not (work / "figs").exists()

    for module in ("plotting", "figures", "styles", "widgets"):
        result = _run([str(python), "-c", f"import spinemodel.{module}"], tmp_path, cwd=work)
        assert result.returncode == 1
        last = result.stderr.strip().splitlines()[-1]
        assert last.startswith("spinemodel._extras.MissingExtrasError: spinemodel.") and HINT in last, last
        assert "During handling" not in result.stderr  # one error, not a chain

    usage = _run([str(scripts / "spinemodel")], tmp_path, cwd=work)
    assert usage.returncode == 2
    assert usage.stderr.startswith("usage: spinemodel ") and "spinemodel --help" in usage.stderr

    # Copying the notebooks needs no extra; the next step's does, and it says so.
    copied = _run([str(scripts / "spinemodel"), "notebooks", "lesson"], tmp_path, cwd=work)
    assert copied.returncode == 0, copied.stderr
    assert "jupyter lab lesson" in copied.stdout and HINT in copied.stderr
    assert sorted(p.name for p in (work / "lesson").glob("*.ipynb")) == sorted(
        p.name for p in (ROOT / "notebooks").glob("*.ipynb")
    )

    # The command the messages name adds the extras to this installation (spinemodel is not
    # on PyPI: pip keeps the installed one and resolves only what the extra needs).
    plan = _pip(python, "install", "--dry-run", HINT.split(" ", 2)[2].strip('"'), tmp=tmp_path)
    would = plan.stdout.lower()
    assert "would install" in would and "matplotlib" in would and "ipympl" in would, plan.stdout
    assert "spinemodel-" not in would.split("would install", 1)[1]


def test_notebooks_extra_copies_and_runs_a_notebook(source, tmp_path):
    python = _new_venv(tmp_path / "full")
    _pip(python, "install", f"{source}[notebooks]", tmp=tmp_path)
    scripts = python.parent
    work = tmp_path / "home"
    work.mkdir()

    result = _run([str(python), "-m", "spinemodel", "notebooks", "lesson"], tmp_path, cwd=work)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # JupyterLab is there: no hint
    lesson = work / "lesson"
    expected = sorted(p.relative_to(ROOT / "notebooks") for p in (ROOT / "notebooks").glob("*.ipynb"))
    expected += sorted(p.relative_to(ROOT / "notebooks") for p in (ROOT / "notebooks" / "img").glob("*.png"))
    assert sorted(p.relative_to(lesson) for p in lesson.rglob("*") if p.is_file()) == sorted(expected)
    assert not (lesson / "build_notebooks.py").exists()

    again = _run([str(scripts / "spinemodel"), "notebooks", "lesson"], tmp_path, cwd=work)
    assert again.returncode == 2 and "--force" in again.stderr and len(again.stderr.strip().splitlines()) == 1

    where = _run([str(python), "-c", "import spinemodel; print(spinemodel.__file__)"], tmp_path, cwd=lesson)
    assert "site-packages" in where.stdout and str(ROOT) not in where.stdout

    notebook = next(lesson.glob("*_what_the_stretch_does_not_address.ipynb")).name  # a short notebook
    run = _run(
        [str(scripts / "jupyter"), "nbconvert", "--to", "notebook", "--execute", notebook, "--output", "ran"],
        tmp_path,
        cwd=lesson,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    assert (lesson / "ran.ipynb").exists()
