"""The command line: same numbers as the model, one-line errors, no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import spinemodel as sm
from spinemodel.cli import main


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "spinemodel", *args], capture_output=True, text=True, timeout=120
    )


def test_pose_json_is_to_dict():
    result = run("pose", "--total-deg", "45", "--pelvis", "fixed", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    expected = json.loads(json.dumps(sm.SpineModel().solve(total_deg=45.0, pelvis="fixed").to_dict()))
    assert data == expected
    assert data["lumbar_cap_deg"] == pytest.approx(15.0)


def test_pose_by_torque_and_by_scenario(capsys):
    assert main(["pose", "--torque-nm", "20", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["torque_nm"] == pytest.approx(20.0)
    assert main(["pose", "--scenario", "golf_backswing", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["conditions"]["scenario"] == "golf_backswing"
    assert data["regions_deg"]["total"] == pytest.approx(100.0)


def test_pose_table_is_readable(capsys):
    assert main(["pose", "--scenario", "seated_twist_stretch"]) == 0
    out = capsys.readouterr().out
    assert "model estimate" in out and "not medical advice" in out
    for level in sm.LEVELS:
        assert level in out
    assert "beyond_limit" in out


def test_scenarios_and_parameters_list(capsys):
    assert main(["scenarios"]) == 0
    out = capsys.readouterr().out
    for name in sm.SCENARIOS:
        assert name in out
    assert main(["parameters"]) == 0
    out = capsys.readouterr().out
    assert "Niosi" in out and "[R]" in out


@pytest.mark.parametrize(
    "args, words",
    [
        (["pose", "--total-deg", "nan"], ["total_deg", "nan"]),
        (["pose", "--total-deg", "1000"], ["total_deg", "reach"]),
        (["pose", "--torque-nm", "-500"], ["torque_nm", "[-95, 95]"]),
        (["pose", "--total-deg", "abc"], ["--total-deg", "invalid float value"]),
        (["pose", "--total-deg", "5", "--torque-nm", "3"], ["not allowed with"]),
        (["pose"], ["--total-deg", "--torque-nm", "--scenario"]),
        (["pose", "--total-deg", "30", "--pelvis", "sideways"], ["--pelvis", "sideways"]),
        (["pose", "--total-deg", "30", "--hip-mobility", "-1"], ["hip_mobility", "-1"]),
        (["pose", "--scenario", "nope"], ["--scenario", "nope"]),
        (["dance"], ["invalid choice", "dance"]),
        ([], ["required"]),
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
