"""The command line: same numbers as the model, one-line errors, no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import spinemodel as sm
from spinemodel.cli import SIGN_CONVENTION, build_parser, main

NOTEBOOK_DIR = Path(__file__).resolve().parents[1] / "notebooks"
#: The largest stretching torque standing (Nm): the default model's envelope.
STANDING_REACH_NM = sm.SpineModel().reachable_torque_nm(pelvis="free")


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "spinemodel", *args], capture_output=True, text=True, timeout=120
    )


def test_pose_json_is_to_dict():
    result = run("pose", "--total-deg", "45", "--pelvis", "fixed", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    model = sm.SpineModel()
    expected = json.loads(json.dumps(model.solve(total_deg=45.0, pelvis="fixed").to_dict()))
    assert data == expected
    assert data["lumbar_cap_deg"] == pytest.approx(sum(model.limits_deg[lv] for lv in sm.LUMBAR_LEVELS))
    assert data["regions_deg"]["pelvis"] == 0.0


def test_pose_by_torque_and_by_scenario(capsys):
    torque = round(STANDING_REACH_NM / 2, 3)
    assert main(["pose", "--torque-nm", str(torque), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["torque_nm"] == pytest.approx(torque)
    assert main(["pose", "--scenario", "golf_backswing", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["conditions"]["scenario"] == "golf_backswing"
    assert data["regions_deg"]["total"] == pytest.approx(sm.SCENARIOS["golf_backswing"].inputs["total_deg"])
    assert main(["pose", "--scenario", "seated_twist_stretch", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["regions_deg"]["total"] == pytest.approx(sm.SpineModel().reachable_deg(pelvis="fixed"))


def _table(out: str) -> dict[str, list[str]]:
    """The per-joint rows of a printed pose, split into words, by joint."""
    rows = {}
    for line in out.splitlines():
        words = line.split()
        if words and words[0] in sm.LEVELS:
            rows[words[0]] = words
    return rows


def test_pose_table_is_readable(capsys):
    pose = sm.SpineModel().solve(scenario="seated_twist_stretch")
    assert main(["pose", "--scenario", "seated_twist_stretch"]) == 0
    out = capsys.readouterr().out
    assert "model estimate" in out and "not medical advice" in out
    rows = _table(out)
    assert list(rows) == list(sm.LEVELS)  # legs and hips first, then lumbar and thoracic
    for level, words in rows.items():
        assert float(words[1]) == pytest.approx(pose.levels_deg[level], abs=0.006)
        assert words[2] == pose.zone[level] and words[2] in sm.ZONES
        if level in sm.LUMBAR_LEVELS:
            contra, ipsi = float(words[3]), float(words[4])
            assert contra == pytest.approx(pose.facet_force_n[level]["contralateral"], abs=0.06)
            assert ipsi == 0.0
        else:
            assert len(words) == 3
    r = pose.regions_deg
    assert f"pelvis {r['pelvis']:6.2f} deg (legs {r['legs']:.2f} + hips {r['hips']:.2f})" in out
    assert f"lumbar {r['lumbar']:6.2f} deg (block at {pose.lumbar_cap_deg:.1f})" in out
    lines = out.splitlines()
    footnotes = [line for line in lines if "ipsilateral facets gap in pure axial rotation" in line]
    legends = [line for line in lines if line.strip().startswith("zones:")]
    assert len(footnotes) == 1 and len(legends) == 1
    legend = legends[0]
    assert legend.count("beyond_limit") == 2 and legend.count("beyond_tolerance") == 2
    assert "lumbar" in legend and "thoracic, hips, legs" in legend
    tolerance = pose.tolerances_deg["L4-L5"]
    assert f"past {tolerance:g} deg" in legend
    # The seated stretch ends at the thoracic spine's in vivo maximum, which the table says.
    thoracic_max = sum(pose.tolerances_deg[lv] for lv in sm.THORACIC_LEVELS)
    assert f"end of range: the thoracic spine is at its in vivo maximum ({thoracic_max:.1f} deg)" in out


def test_pose_table_says_what_ends_the_turn_only_at_the_end(capsys):
    assert main(["pose", "--scenario", "standing_turn"]) == 0
    assert "end of range" not in capsys.readouterr().out
    assert main(["pose", "--scenario", "max_standing_turn"]) == 0
    out = capsys.readouterr().out
    assert "end of range: the legs and hips are at the end of their range" in out
    assert "thoracic spine is at its in vivo maximum" not in out
    assert main(["pose", "--scenario", "golf_backswing"]) == 0
    assert "(the spine's; the hip muscles turn the pelvis)" in capsys.readouterr().out


def test_scenarios_list_the_model_estimates(capsys):
    model = sm.SpineModel()
    assert main(["scenarios"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("spinemodel scenarios: model estimate")
    blocks = out.split("\n")
    for name, scenario in sm.SCENARIOS.items():
        start = blocks.index(f"{name}: {scenario.title}")
        block = "\n".join(blocks[start : start + 6])
        pose = model.solve(scenario=name)
        r = pose.regions_deg
        assert (
            f"pelvis {r['pelvis']:.1f} (legs {r['legs']:.1f} + hips {r['hips']:.1f}), lumbar "
            f"{r['lumbar']:.1f} (block at {pose.lumbar_cap_deg:.1f}), thoracic {r['thoracic']:.1f} deg"
            in block
        ), name
        reach = f"reach: {pose.total_deg:.1f} deg at {pose.torque_nm:.2f} Nm"
        assert (reach in block) == (scenario.inputs["total_deg"] == "reach"), name
    assert "there the thoracic spine is at its in vivo maximum" in out
    assert "there the legs and hips are at the end of their range" in out


def test_parameters_list_bounds_spread_and_papers(capsys):
    assert main(["parameters"]) == 0
    out = capsys.readouterr().out
    for name, cited in sm.PARAMETERS.items():
        low, high = cited.bounds
        head = (
            f"{name} = {cited.value:g} {cited.unit} [{cited.mark}]  bounds [{low:g}, {high:g}] {cited.unit}"
        )
        assert head in out, name
        if cited.spread:
            assert f"    spread: {cited.spread}" in out
    for paper in ("Yamamoto", "Miller", "Gregersen & Lucas 1967", "McTeigue", "Kouyoumdjian"):
        assert paper in out
    assert "literature.md" not in out


@pytest.mark.parametrize(
    "args, words",
    [
        (["pose", "--total-deg", "nan"], ["total_deg", "nan"]),
        (["pose", "--total-deg", "1000"], ["total_deg", "reach"]),
        (
            ["pose", "--torque-nm", "-500"],
            ["torque_nm", f"[{-STANDING_REACH_NM:.1f}, {STANDING_REACH_NM:.1f}]"],
        ),
        (["pose", "--total-deg", "30", "--strategy", "hip_led", "--pelvis", "fixed"], ["hip_led", "pelvis"]),
        (["pose", "--total-deg", "30", "--thoracic-mobility", "3"], ["thoracic_mobility", "3"]),
        (["pose", "--total-deg", "abc"], ["--total-deg", "invalid float value"]),
        (["pose", "--total-deg", "5", "--torque-nm", "3"], ["not allowed with"]),
        (["pose"], ["--total-deg", "--torque-nm", "--scenario"]),
        (["pose", "--total-deg", "30", "--pelvis", "sideways"], ["--pelvis", "sideways"]),
        (["pose", "--total-deg", "30", "--hip-mobility", "-1"], ["hip_mobility", "-1"]),
        (["pose", "--scenario", "nope"], ["--scenario", "nope"]),
        (["dance"], ["invalid choice", "dance"]),
        (["figures", "--out", "x", "--dpi", "0.5"], ["--dpi = 0.5 is out of range", "10 to 1200"]),
        (["figures", "--out", "x", "--dpi", "1"], ["--dpi = 1.0 is out of range", "10 to 1200"]),
        (["notebooks"], ["DIR"]),
    ],
)
def test_bad_arguments_print_one_line_and_exit_non_zero(args, words):
    result = run(*args)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in lines[0], lines[0]


def test_no_arguments_print_the_usage_and_point_to_help():
    result = run()
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith("usage: python -m spinemodel ")
    assert "{pose,scenarios,parameters,validate,sensitivity,figures,notebooks}" in result.stderr
    assert lines[-1] == "Run 'python -m spinemodel --help' for the commands and what they do."
    assert "Traceback" not in result.stderr


def test_help_lists_every_command_and_how_to_get_more():
    result = run("--help")
    assert result.returncode == 0
    for command in ("pose", "scenarios", "parameters", "figures", "notebooks"):
        assert command in result.stdout
    assert "COMMAND --help" in result.stdout


def test_pose_help_explains_the_sign_convention():
    result = run("pose", "--help")
    assert result.returncode == 0
    text = " ".join(result.stdout.split())
    assert " ".join(SIGN_CONVENTION.split()) in text
    assert "the sign is the direction" in text
    low, high = sm.MOBILITY_RANGE
    assert text.count(f"{low:g} to {high:g}") == 2  # hip and thoracic mobility
    assert "needs --pelvis free" in text


def test_a_negative_torque_mirrors_the_positive_one(capsys):
    torque = f"{sm.SpineModel().reachable_torque_nm(pelvis='fixed') * 0.8:.3f}"
    assert main(["pose", "--torque-nm", torque, "--pelvis", "fixed", "--json"]) == 0
    plus = json.loads(capsys.readouterr().out)
    assert main(["pose", "--torque-nm", f"-{torque}", "--pelvis", "fixed", "--json"]) == 0
    minus = json.loads(capsys.readouterr().out)
    assert minus["regions_deg"]["lumbar"] == pytest.approx(-plus["regions_deg"]["lumbar"])
    for level, forces in plus["facet_force_n"].items():
        assert minus["facet_force_n"][level] == pytest.approx(forces)
    assert minus["annulus_strain_pct"] == pytest.approx(plus["annulus_strain_pct"])


def test_the_program_name_follows_how_it_was_started():
    assert build_parser().prog == "python -m spinemodel"
    assert build_parser("spinemodel").format_usage().startswith("usage: spinemodel ")


def test_notebooks_copies_the_notebooks_and_their_images(tmp_path, capsys):
    target = tmp_path / "my lessons"
    assert main(["notebooks", str(target)]) == 0
    out = capsys.readouterr().out
    notebooks = sorted(p.name for p in NOTEBOOK_DIR.glob("*.ipynb"))
    images = sorted(p.name for p in (NOTEBOOK_DIR / "img").glob("*.png"))
    assert sorted(p.name for p in target.glob("*.ipynb")) == notebooks
    assert sorted(p.name for p in (target / "img").glob("*.png")) == images
    assert f"copied {len(notebooks)} notebooks and {len(images)} images" in out
    assert f"jupyter lab '{target}'" in out  # quoted: the path has a space
    first = NOTEBOOK_DIR / notebooks[0]
    assert (target / notebooks[0]).read_bytes() == first.read_bytes()


def test_notebooks_never_overwrites_without_force(tmp_path, capsys):
    target = tmp_path / "lessons"
    target.mkdir()
    mine = target / "02_the_twist_stretch.ipynb"
    mine.write_text("my answers")
    assert main(["notebooks", str(target)]) == 2
    err = capsys.readouterr().err
    assert "02_the_twist_stretch.ipynb" in err and "--force" in err and "nothing was copied" in err
    assert mine.read_text() == "my answers" and not (target / "img").exists()
    assert main(["notebooks", str(target), "--force"]) == 0
    assert mine.read_text() != "my answers"


def test_notebooks_refuses_a_file_as_the_folder(tmp_path, capsys):
    path = tmp_path / "file.txt"
    path.write_text("x")
    assert main(["notebooks", str(path)]) == 2
    assert "exists and is not a folder" in capsys.readouterr().err


def test_a_command_that_needs_the_extras_names_the_pip_command_when_they_are_missing(tmp_path):
    """As on a plain ``pip install spinemodel`` (matplotlib made unimportable here)."""
    code = (
        "import sys; sys.modules['matplotlib'] = None\n"
        "from spinemodel.cli import main\n"
        f"sys.exit(main(['figures', '--out', {str(tmp_path / 'figs')!r}]))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert lines == [
        "error: spinemodel.figures needs matplotlib, which is not installed; "
        'install the extras with: pip install "spinemodel[notebooks]"'
    ]
    assert not (tmp_path / "figs").exists()


@pytest.mark.parametrize("module", ["plotting", "styles", "figures", "widgets"])
def test_importing_a_module_that_needs_the_extras_names_the_pip_command(module):
    code = (
        "import sys; sys.modules['matplotlib'] = None; sys.modules['ipywidgets'] = None\n"
        f"import spinemodel.{module}"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("spinemodel._extras.MissingExtrasError: spinemodel.")
    assert last.endswith('install the extras with: pip install "spinemodel[notebooks]"')
    assert "During handling" not in result.stderr


def test_an_unrelated_missing_module_is_not_blamed_on_the_extras():
    from spinemodel._extras import MissingExtrasError, missing_extras

    original = ModuleNotFoundError("No module named 'somethingelse'", name="somethingelse")
    assert missing_extras(original, "x") is original
    error = missing_extras(ModuleNotFoundError("no", name="matplotlib.pyplot"), "spinemodel.plotting")
    assert isinstance(error, MissingExtrasError) and isinstance(error, ModuleNotFoundError)
    assert error.name == "matplotlib"


def test_notebooks_in_a_broken_installation_is_one_line(tmp_path, monkeypatch, capsys):
    from spinemodel import notebook_files

    monkeypatch.setattr(notebook_files, "_CANDIDATES", (tmp_path / "nowhere",))
    assert main(["notebooks", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "not in this installation" in err[0] and "reinstall" in err[0]


def test_pose_spread_prints_low_median_high(capsys):
    band = sm.SpineModel().spread(scenario="seated_twist_stretch", n=200, seed=4)
    assert main(["pose", "--scenario", "seated_twist_stretch", "--spread", "200", "--seed", "4"]) == 0
    out = capsys.readouterr().out
    assert "model estimate" in out and "200 model bodies" in out and "5%" in out and "95%" in out
    row = next(line.split() for line in out.splitlines() if line.strip().startswith("lumbar (deg)"))
    expected = (
        band.low.regions_deg["lumbar"],
        band.median.regions_deg["lumbar"],
        band.high.regions_deg["lumbar"],
    )
    assert [float(x) for x in row[2:5]] == pytest.approx(expected, abs=0.006)
    assert main(["pose", "--total-deg", "30", "--spread", "50", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {"low", "median", "high"} <= set(data) and data["n"] == 50
    assert data["low"]["regions_deg"]["lumbar"] <= data["median"]["regions_deg"]["lumbar"]
    assert data["median"]["regions_deg"]["lumbar"] <= data["high"]["regions_deg"]["lumbar"]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--spread", "1"], ["n = 1", "[2, 100000]"]),
        (["--spread", "10", "--seed", "-3"], ["seed = -3"]),
        (["--spread", "10", "--total-deg", "170", "--pelvis", "fixed"], ["no body of the population"]),
    ],
)
def test_pose_spread_errors_are_one_line(args, words):
    if "--total-deg" not in args:
        args = [*args, "--total-deg", "20"]
    result = run("pose", *args)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    for word in words:
        assert word in result.stderr
