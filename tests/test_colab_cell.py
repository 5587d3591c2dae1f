"""The first cell of every notebook sets up Google Colab and does nothing anywhere else.

Colab itself cannot be reached from the test machine: the cell is run here as plain
Python, once as it runs everywhere else (no ``google.colab`` module) and once with a
stand-in ``google.colab`` module that records what the cell asks of it.

The notebooks are their own source: the cell is read from notebook 1, and every other
notebook with code must open with the very same cell (edit it in one, copy it to the
others). tests/test_packaging.py checks that it installs from pyproject's repository
address with the notebooks extra's pins.
"""

from __future__ import annotations

import subprocess
import sys
import types
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")

NOTEBOOK_DIR = Path(__file__).resolve().parents[1] / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("*.ipynb")) + sorted(NOTEBOOK_DIR.glob("instructor/*.ipynb"))


#: The notebook whose first cell is the reference (the README's Colab badge opens it).
REFERENCE = NOTEBOOK_DIR / "01_why_the_low_back_resists_twisting.ipynb"


def colab_cell_source() -> str:
    """The Colab set-up cell: the first cell of notebook 1."""
    return nbformat.read(REFERENCE, as_version=4).cells[0].source


SOURCE = colab_cell_source()


def _has_code(path: Path) -> bool:
    return any(c.cell_type == "code" for c in nbformat.read(path, as_version=4).cells)


def test_the_reference_cell_is_the_colab_cell():
    assert SOURCE.startswith("# Google Colab only"), "notebook 1 does not open with the Colab cell"
    assert '"google.colab" in sys.modules' in SOURCE


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_every_notebook_with_code_opens_with_the_colab_cell(path):
    if not _has_code(path):
        pytest.skip(f"{path.name} holds no code (nothing to install)")
    first = nbformat.read(path, as_version=4).cells[0]
    assert first.cell_type == "code"
    assert first.source == SOURCE, f"{path.name}: the first cell differs from notebook 1's Colab cell"


def test_the_cell_is_a_no_op_outside_colab(monkeypatch):
    assert "google.colab" not in sys.modules
    calls = []
    monkeypatch.setattr(subprocess, "run", lambda *a, **k: calls.append((a, k)))
    modules_before = set(sys.modules)
    namespace: dict = {}
    exec(compile(SOURCE, "colab-cell", "exec"), namespace)
    assert calls == [], "the cell ran a command outside Colab"
    assert set(sys.modules) == modules_before, "the cell imported something outside Colab"
    assert set(namespace) - {"__builtins__"} == {"sys"}, "the cell left names other than sys"


def test_in_colab_the_cell_installs_the_package_and_enables_the_widget_manager(monkeypatch):
    enabled = []
    google = types.ModuleType("google")
    colab = types.ModuleType("google.colab")
    output = types.ModuleType("google.colab.output")
    output.enable_custom_widget_manager = lambda: enabled.append(True)
    colab.output = output
    google.colab = colab
    for name, module in (("google", google), ("google.colab", colab), ("google.colab.output", output)):
        monkeypatch.setitem(sys.modules, name, module)
    calls = []
    monkeypatch.setattr(subprocess, "run", lambda command, **kwargs: calls.append((command, kwargs)))
    exec(compile(SOURCE, "colab-cell", "exec"), {})
    assert len(calls) == 1
    command, kwargs = calls[0]
    assert command[:4] == [sys.executable, "-m", "pip", "install"]
    assert any(arg.startswith("spinemodel @ git+https://") for arg in command)
    assert {"ipywidgets>=8.1", "ipympl>=0.9.4"} <= set(command)
    assert kwargs.get("check") is True
    assert enabled == [True]
