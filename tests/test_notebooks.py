"""Every notebook: stored clean, carries the disclaimer, and runs top to bottom without error or warning.

The notebooks are executed with nbclient in a python3 kernel, one test per notebook
(so ``pytest -n 2`` splits them), each in a temporary copy of ``notebooks/``: a
notebook that writes files writes them there, never into the repository.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import time
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

NOTEBOOK_DIR = Path(__file__).resolve().parents[1] / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("*.ipynb"))
IDS = [p.stem for p in NOTEBOOKS]

# A guard against a hung kernel, not a speed check (execution times are reported in the summary).
CELL_TIMEOUT_S = 600
DISCLAIMER = re.compile(r"educational model.{0,40}not medical advice", re.IGNORECASE | re.DOTALL)
# Text a warning leaves in an output, whatever stream or display it went to.
WARNING_TEXT = re.compile(r"\b\w*Warning\b|\bwarnings\.warn\b")


def _read(path: Path):
    return nbformat.read(path, as_version=4)


def test_there_are_notebooks():
    assert NOTEBOOKS, f"no notebooks found in {NOTEBOOK_DIR}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_stored_without_outputs(path):
    nb = _read(path)
    nbformat.validate(nb)
    dirty = [
        i
        for i, cell in enumerate(nb.cells)
        if cell.cell_type == "code" and (cell.get("outputs") or cell.get("execution_count") is not None)
    ]
    assert not dirty, f"{path.name}: cells {dirty} are stored with outputs or execution counts; clear them"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_states_educational_model_not_medical_advice(path):
    nb = _read(path)
    text = "\n".join(cell.source for cell in nb.cells if cell.cell_type == "markdown")
    assert DISCLAIMER.search(text), f"{path.name}: no 'educational model, not medical advice' statement"


def _generator():
    spec = importlib.util.spec_from_file_location("build_notebooks", NOTEBOOK_DIR / "build_notebooks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GENERATED = sorted(_generator().NOTEBOOKS) if (NOTEBOOK_DIR / "build_notebooks.py").exists() else []


@pytest.mark.parametrize("name", GENERATED, ids=[Path(n).stem for n in GENERATED])
def test_stored_notebook_matches_its_generator(name):
    # The teaching notebooks are written by notebooks/build_notebooks.py: edit the script, then run it.
    built, _, _ = _generator().build(name)
    stored = _read(NOTEBOOK_DIR / name)
    assert [(c.cell_type, c.source) for c in stored.cells] == [
        (c.cell_type, c.source) for c in built.cells
    ], (
        f"{name} differs from what notebooks/build_notebooks.py writes; run "
        ".venv/bin/python notebooks/build_notebooks.py (add --images to refresh notebooks/img/)"
    )


def _kernel_env(tmp: Path) -> dict[str, str]:
    env = dict(os.environ)
    # Temporary files a notebook makes (tempfile.mkdtemp) land in the test's own folder.
    tmp.mkdir(exist_ok=True)
    env["TMPDIR"] = str(tmp)
    # The notebooks choose their backend (%matplotlib inline / widget); an inherited
    # MPLBACKEND=Agg (as `make test` sets for the other tests) would turn plt.show()
    # into a "non-interactive" warning inside the kernel.
    env["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
    env["PYTHONPATH"] = os.pathsep.join(
        [str(NOTEBOOK_DIR.parent), *filter(None, [env.get("PYTHONPATH", "")])]
    )
    env.pop("PYTHONWARNINGS", None)
    return env


def _problems(nb) -> list[str]:
    found = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        for out in cell.get("outputs", []):
            kind = out.get("output_type")
            if kind == "error":
                found.append(f"cell {i}: error {out.get('ename')}: {out.get('evalue')}")
            elif kind == "stream" and out.get("name") == "stderr":
                found.append(f"cell {i}: stderr: {out.get('text', '')[:400]}")
            elif kind == "stream" and WARNING_TEXT.search(out.get("text", "")):
                found.append(f"cell {i}: warning on stdout: {out.get('text', '')[:400]}")
            elif kind in ("display_data", "execute_result"):
                plain = out.get("data", {}).get("text/plain", "")
                if isinstance(plain, list):
                    plain = "".join(plain)
                if "Warning:" in plain:
                    found.append(f"cell {i}: warning in output: {plain[:400]}")
    return found


@pytest.mark.notebooks
@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_runs_top_to_bottom_without_error_or_warning(path, tmp_path, record_property):
    work = tmp_path / "notebooks"
    shutil.copytree(NOTEBOOK_DIR, work, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    nb = _read(work / path.name)
    client = nbclient.NotebookClient(
        nb,
        timeout=CELL_TIMEOUT_S,
        kernel_name="python3",
        allow_errors=False,
        resources={"metadata": {"path": str(work)}},
    )
    start = time.perf_counter()
    try:
        client.execute(env=_kernel_env(tmp_path / "tmp"), cwd=str(work))
    except nbclient.exceptions.CellExecutionError as exc:
        pytest.fail(f"{path.name} raised while executing:\n{exc}")
    elapsed = time.perf_counter() - start
    problems = _problems(nb)
    assert not problems, f"{path.name}:\n" + "\n".join(problems)
    # Reported in the run's summary (tests/conftest.py), never asserted: machines are shared.
    record_property("report", f"notebook {path.name}: executed in {elapsed:.1f} s")
