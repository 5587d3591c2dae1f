"""Every notebook: stored clean, carries the disclaimer, and runs top to bottom without error or warning.

The notebooks are their own source (edited in Jupyter; there is no generator). What keeps their
prose true is checked here without pinning its wording: each prediction question is asked once,
in its own notebook, with a hint before the check that answers it; the guard cells that keep the
numbers in the prose true are hidden from students; glossary links land on a glossary entry; no
student-facing text cites a project file instead of a paper. The lecturer material lives in
``notebooks/instructor/`` (executed too, never copied to students by default).

The notebooks are executed with nbclient in a python3 kernel, one test per notebook
(so ``pytest -n 2`` splits them), each in a temporary copy of ``notebooks/``: a
notebook that writes files writes them there, never into the repository.

README's "The model" section is checked here too: its scenario table and the defaults it
quotes must be the model's (``scenario_table_rows`` prints the rows to paste).
"""

from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path

import numpy as np
import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

NOTEBOOK_DIR = Path(__file__).resolve().parents[1] / "notebooks"
STUDENT_NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("*.ipynb"))
NOTEBOOKS = STUDENT_NOTEBOOKS + sorted(NOTEBOOK_DIR.glob("instructor/*.ipynb"))
IDS = [p.relative_to(NOTEBOOK_DIR).with_suffix("").as_posix() for p in NOTEBOOKS]
TEACHING = [p for p in STUDENT_NOTEBOOKS if p.name[:2].isdigit()]

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
    assert not dirty, (
        f"{path.name}: cells {dirty} are stored with outputs or execution counts; clear them "
        "(Jupyter: Edit > Clear Outputs of All Cells, then save; or "
        f"jupyter nbconvert --clear-output --inplace notebooks/{path.name})"
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_states_educational_model_not_medical_advice(path):
    nb = _read(path)
    text = "\n".join(cell.source for cell in nb.cells if cell.cell_type == "markdown")
    assert DISCLAIMER.search(text), f"{path.name}: no 'educational model, not medical advice' statement"


# A saved figure: <img src="img/NAME.png" ...> or ![...](img/NAME.png) in the Markdown.
IMG_LINK = re.compile(r"""(?:src=["']|\]\()(img/[^"')\s]+)""")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_saved_figures_exist_and_are_redrawn_by_the_image_script(path):
    # scripts/update-images redraws img/NAME.png from the cell whose metadata says
    # {"spinemodel": {"image": "NAME.png"}}.
    nb = _read(path)
    linked = {m for c in nb.cells if c.cell_type == "markdown" for m in IMG_LINK.findall(c.source)}
    marked = {
        "img/" + c.metadata["spinemodel"]["image"]
        for c in nb.cells
        if c.cell_type == "code" and "image" in c.metadata.get("spinemodel", {})
    }
    missing = sorted(p for p in linked | marked if not (path.parent / p).is_file())
    assert not missing, f"{path.name}: no such saved figure {missing}; run scripts/update-images notebooks"
    unmarked = sorted(linked - marked)
    assert not unmarked, f"{path.name}: {unmarked} are shown but no cell is marked to redraw them"


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
    copy = work / path.relative_to(NOTEBOOK_DIR)
    nb = _read(copy)
    client = nbclient.NotebookClient(
        nb,
        timeout=CELL_TIMEOUT_S,
        kernel_name="python3",
        allow_errors=False,
        resources={"metadata": {"path": str(copy.parent)}},
    )
    start = time.perf_counter()
    try:
        client.execute(env=_kernel_env(tmp_path / "tmp"), cwd=str(copy.parent))
    except nbclient.exceptions.CellExecutionError as exc:
        pytest.fail(f"{path.name} raised while executing:\n{exc}")
    elapsed = time.perf_counter() - start
    problems = _problems(nb)
    assert not problems, f"{path.name}:\n" + "\n".join(problems)
    # Reported in the run's summary (tests/conftest.py), never asserted: machines are shared.
    record_property("report", f"notebook {path.name}: executed in {elapsed:.1f} s")


# --- questions, hints, guards, glossary: the notebooks teach in order ---------------------------
ASK = re.compile(r"""\bask\(["'](\w+)["']""")
CHECK = re.compile(r"""\bcheck_prediction\(["'](\w+)["']""")


def _notebook_number(path: Path) -> int:
    return int(path.name[:2])


def test_each_question_is_asked_once_in_its_notebook_with_a_hint_before_its_check():
    from spinemodel.exercises import QUESTIONS

    asked: dict[str, list[str]] = {}
    for path in TEACHING:
        cells = _read(path).cells
        for i, cell in enumerate(cells):
            if cell.cell_type != "code":
                continue
            for qid in ASK.findall(cell.source):
                asked.setdefault(qid, []).append(path.name)
                assert QUESTIONS[qid].notebook == _notebook_number(path), (qid, path.name)
                check = next(
                    (j for j in range(i + 1, len(cells)) if qid in CHECK.findall(cells[j].source)), None
                )
                assert check is not None, f"{path.name}: {qid} is asked but never checked"
                between = [c for c in cells[i + 1 : check] if c.cell_type == "markdown"]
                assert any("Hint" in c.source and "<details>" in c.source for c in between), (
                    f"{path.name}: {qid} has no folded hint between its question and its check"
                )
                # nothing between the question and its check computes or draws an answer
                assert all(c.cell_type == "markdown" for c in cells[i + 1 : check]), (path.name, qid)
            for qid in CHECK.findall(cell.source):
                assert qid in asked, f"{path.name}: {qid} is checked before it is asked"
    assert sorted(asked) == sorted(QUESTIONS), f"asked {sorted(asked)}, defined {sorted(QUESTIONS)}"
    twice = {qid: where for qid, where in asked.items() if len(where) > 1}
    assert not twice, f"questions asked more than once: {twice}"


def _is_guard(cell) -> bool:
    lines = [line for line in cell.source.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    return (
        bool(lines)
        and any(line.startswith("assert") for line in lines)
        and not any(re.search(r"\b(print|display|plt\.|plot_)", line) for line in lines)
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_guard_cells_are_hidden_from_students(path):
    # A guard (asserts that keep the prose's numbers true) is folded in Jupyter and left out of the
    # course website; a visible cell carries no assert.
    for i, cell in enumerate(_read(path).cells):
        if cell.cell_type != "code":
            continue
        tags = set(cell.metadata.get("tags", []))
        folded = cell.metadata.get("jupyter", {}).get("source_hidden")
        hidden = folded and {"remove-cell", "remove-input"} & tags
        if _is_guard(cell):
            assert hidden, f"{path.name} cell {i} is a guard but shown to students (tag it remove-cell)"
        if "remove-cell" in tags:
            # The website drops the whole cell, output included: a cell there must show nothing.
            shows = re.search(r"\b(plt\.show|plot_\w+|print|display|explore)\(", cell.source)
            assert not shows, f"{path.name} cell {i} is removed from the website but shows {shows.group(0)}"
        elif not hidden:
            assert not re.search(r"^\s*assert\b", cell.source, re.M), (
                f"{path.name} cell {i} shows an assert to students: move it into a hidden guard cell"
            )


GLOSSARY = NOTEBOOK_DIR / "06_glossary.ipynb"
GLOSSARY_LINK = re.compile(r"06_glossary\.ipynb(?:#([\w-]+))?")


def test_the_glossary_explains_the_words_and_every_link_lands_on_an_entry():
    text = "\n".join(c.source for c in _read(GLOSSARY).cells)
    anchors = set(re.findall(r'<a id="([\w-]+)"></a>', text))
    for word in (
        "contralateral",
        "neutral-zone",
        "annulus",
        "shear-strain",
        "facet-joint",
        "motion-segment",
        "in-vivo-in-vitro",
        "model-estimate",
    ):
        assert any(word in a for a in anchors), f"the glossary has no entry for {word}"
    linked = 0
    for path in TEACHING:
        for cell in _read(path).cells:
            if cell.cell_type == "markdown":
                for anchor in GLOSSARY_LINK.findall(cell.source):
                    linked += 1
                    assert not anchor or anchor in anchors, f"{path.name} links to a missing entry #{anchor}"
    assert linked >= len(TEACHING) - 1, "the notebooks do not link to the glossary"


@pytest.mark.parametrize("path", STUDENT_NOTEBOOKS, ids=[p.stem for p in STUDENT_NOTEBOOKS])
def test_students_see_papers_not_project_files(path):
    text = "\n".join(c.source for c in _read(path).cells if c.cell_type == "markdown")
    assert "literature.md" not in text and "anatomy.py" not in text, f"{path.name} cites a project file"


def test_students_folder_holds_no_answer_key():
    from spinemodel.notebook_files import notebook_files

    files = [p.as_posix() for p in notebook_files(NOTEBOOK_DIR)]
    assert not any(f.startswith("instructor/") for f in files)
    with_key = [p.as_posix() for p in notebook_files(NOTEBOOK_DIR, instructor=True)]
    assert "instructor/for_lecturers.ipynb" in with_key
    for path in STUDENT_NOTEBOOKS:
        for cell in _read(path).cells:
            assert "check_prediction(qid, None).expected" not in cell.source, f"{path.name} prints answers"


# --- README "The model": its numbers are the model's ------------------------------------
README = NOTEBOOK_DIR.parent / "README.md"


def _model_section() -> str:
    text = README.read_text(encoding="utf-8")
    return text[text.index("## The model") : text.index("## Figures")]


def scenario_table_rows() -> list[str]:
    """The rows of README's scenario table, computed from the model (paste them after a model change)."""
    import spinemodel as sm

    model = sm.SpineModel()
    pelvis = {"free": "feet planted", "fixed": "pelvis fixed"}
    strategy = {"passive": "relaxed", "braced": "braced", "hip_led": "hip-led, knees flexed"}
    rows = []
    for name, scenario in sm.SCENARIOS.items():
        given = scenario.inputs
        total = given["total_deg"]
        inputs = "as far as the body turns" if total == sm.scenarios.REACH else f"{total:g}°"
        inputs += f", {pelvis[given['pelvis']]}, {strategy[given['strategy']]}"
        pose = model.solve(scenario=name)
        r = pose.regions_deg
        force = pose.facet_force_n["L4-L5"]["contralateral"]
        rows.append(
            f"| `{name}` | {inputs} | {pose.total_deg:.1f}° | {r['pelvis']:.1f}° | {r['lumbar']:.1f}° | "
            f"{r['thoracic']:.1f}° | {pose.torque_nm:.2f} Nm | {force:.0f} N |"
        )
    return rows


def test_readme_scenario_table_is_the_models():
    import spinemodel as sm

    section = _model_section()
    assert f"| lumbar (of {sm.SpineModel().lumbar_cap_deg:.1f}°) |" in section
    printed = [line for line in section.splitlines() if line.startswith("| `")]
    assert printed == scenario_table_rows(), "README's scenario table differs from the model: paste new rows"


def test_readme_model_numbers_are_the_models():
    import spinemodel as sm

    model = sm.SpineModel()
    v = model.values
    text = " ".join(_model_section().split())  # line breaks as spaces
    limits = ", ".join(f"{lv} {model.limits_deg[lv]:g}" for lv in sm.LUMBAR_LEVELS)
    quoted = [
        f"({limits} degrees); their sum, {model.lumbar_cap_deg:.1f} degrees",
        f"({v['facet_force_at_test_moment_n']:g} N at {v['lumbar_test_moment_nm']:g} Nm)",
        f"({v['lumbar_block_stiffness_nm_per_deg']:g} Nm/degree, the middle of 6–11)",
        f"rib cage factor of {v['rib_cage_range_factor']:g}",
        f"in vivo maximum, {v['thoracic_max_deg']:g} degrees one side",
        f"capsule ({v['hip_capsule_stiffness_nm_per_deg']:g} Nm/degree)",
        f"prone internal rotation, {v['hip_internal_rotation_deg']:g} degrees",
        f"{v['knee_internal_rotation_deg']:g} degrees with the knee nearly straight and "
        f"{v['knee_flexed_internal_rotation_deg']:g} flexed",
        f"{v['standing_spine_pelvis_ratio']:g} times as much as the pelvis",
        f"stiffened by {100 * v['bracing_stiffness_gain']:.1f}%",
        f"failure ({v['lumbar_tolerance_deg']:g} degrees, an upper bound)",
        f"({sm.MOBILITY_RANGE[0]:g}–{sm.MOBILITY_RANGE[1]:g}, the spread between people)",
    ]
    missing = [q for q in quoted if q not in text]
    assert not missing, f"README 'The model' no longer quotes the model's values: {missing}"
    # The prose after the table:
    seated_45 = model.solve(total_deg=45.0, pelvis="fixed").regions_deg["lumbar"]
    assert f"seated, the lumbar spine turns {seated_45:.1f} degrees" in text
    share = v["athlete_pelvis_share"]
    assert abs(share - 55 / 87) < 1e-3 and "55 of 87 degrees" in text
    standing = model.solve(total_deg=45.0, pelvis="free")
    hip_led = model.solve(total_deg=45.0, pelvis="free", strategy="hip_led")
    assert hip_led.regions_deg["lumbar"] > standing.regions_deg["lumbar"]  # "leaves more in the lumbar spine"
    assert model.reachable_deg(pelvis="free", strategy="hip_led") > 87 > model.reachable_deg(pelvis="free")
    for name in sm.SCENARIOS:  # "No scenario takes a lumbar level past its limit"
        pose = model.solve(scenario=name)
        assert all(pose.zone[lv] in ("neutral", "elastic") for lv in sm.LUMBAR_LEVELS)
    seated = model.solve(scenario="seated_twist_stretch")
    assert 0.7 < seated.regions_deg["lumbar"] / seated.lumbar_cap_deg < 0.9  # "about four fifths"
    # "no lumbar level is beyond its limit in any reachable pose": each is at its limit at the test
    # moment, and no envelope carries that much torque.
    conditions = [("fixed", "passive"), ("fixed", "braced"), ("free", "passive"), ("free", "hip_led")]
    ends = [
        model.reachable_torque_nm(pelvis=pelvis, strategy=strategy, hip_mobility=m, thoracic_mobility=m)
        for pelvis, strategy in conditions
        for m in sm.MOBILITY_RANGE
    ]
    assert max(ends) < v["lumbar_test_moment_nm"]
    joint = model.joints["L4-L5"]
    assert abs(float(joint.torque_nm(np.array(joint.limit_deg))) - v["lumbar_test_moment_nm"]) < 0.05
