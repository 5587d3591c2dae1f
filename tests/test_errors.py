"""Every bad input gets a clear error naming the parameter, the value and what is allowed."""

from __future__ import annotations

import math

import numpy as np
import pytest

import spinemodel as sm

MODEL = sm.SpineModel()


@pytest.mark.parametrize(
    "kwargs, error, words",
    [
        ({"total_deg": float("nan")}, ValueError, ["total_deg", "nan", "allowed range"]),
        ({"total_deg": math.inf}, ValueError, ["total_deg", "inf"]),
        ({"total_deg": -math.inf}, ValueError, ["total_deg", "inf"]),
        ({"torque_nm": float("nan")}, ValueError, ["torque_nm", "nan"]),
        ({"total_deg": np.array([1.0, np.nan])}, ValueError, ["total_deg", "nan"]),
        ({"total_deg": "45"}, TypeError, ["total_deg", "'45'"]),
        ({"torque_nm": "hard"}, TypeError, ["torque_nm", "'hard'"]),
        ({"total_deg": None}, TypeError, ["total_deg", "None"]),
        ({"total_deg": True}, TypeError, ["total_deg", "True"]),
        ({"total_deg": 1 + 2j}, TypeError, ["total_deg"]),
        ({"total_deg": [[1.0, 2.0], [3.0]]}, ValueError, ["total_deg", "regular array"]),
        ({"total_deg": np.array(["a", "b"])}, TypeError, ["total_deg", "real numbers"]),
        (
            {"total_deg": 30.0, "pelvis": "sideways"},
            ValueError,
            ["pelvis", "'sideways'", "'free'", "'fixed'"],
        ),
        ({"total_deg": 30.0, "pelvis": 1}, TypeError, ["pelvis", "'free'"]),
        ({"total_deg": 30.0, "strategy": "yoga"}, ValueError, ["strategy", "'yoga'", "'hip_led'"]),
        ({"total_deg": 30.0, "strategy": 3}, TypeError, ["strategy"]),
        ({"total_deg": 30.0, "hip_mobility": -0.5}, ValueError, ["hip_mobility", "-0.5", "[0.1, 3]"]),
        ({"total_deg": 30.0, "hip_mobility": 0.0}, ValueError, ["hip_mobility", "[0.1, 3]"]),
        ({"total_deg": 30.0, "thoracic_mobility": -1}, ValueError, ["thoracic_mobility", "-1"]),
        ({"total_deg": 30.0, "thoracic_mobility": float("nan")}, ValueError, ["thoracic_mobility", "nan"]),
        ({"total_deg": 30.0, "hip_mobility": np.array([1.0, 2.0])}, ValueError, ["hip_mobility", "single"]),
        ({"total_deg": 30.0, "lumbar_bracing": 1.5}, ValueError, ["lumbar_bracing", "1.5", "[0, 1]"]),
        ({"total_deg": 30.0, "lumbar_bracing": "yes"}, TypeError, ["lumbar_bracing"]),
        ({"total_deg": 30.0, "torque_nm": 5.0}, ValueError, ["exactly one", "both"]),
        ({}, ValueError, ["exactly one", "neither"]),
        ({"torque_nm": 500.0}, ValueError, ["torque_nm", "500", "[-95, 95] Nm"]),
        (
            {"total_deg": 30.0, "scenario": "cartwheel"},
            ValueError,
            ["scenario", "'cartwheel'", "golf_backswing"],
        ),
    ],
)
def test_bad_input_is_named(kwargs, error, words):
    with pytest.raises(error) as info:
        MODEL.solve(**kwargs)
    message = str(info.value)
    for word in words:
        assert word in message, f"{word!r} missing from: {message}"


def test_unreachable_total_says_the_reachable_range():
    reach = MODEL.reachable_deg(pelvis="fixed")
    with pytest.raises(ValueError) as info:
        MODEL.solve(total_deg=reach + 1.0, pelvis="fixed")
    message = str(info.value)
    assert f"{reach:.1f}" in message
    assert "largest torque" in message and "pelvis='fixed'" in message
    # The edge itself is reachable.
    assert MODEL.solve(total_deg=reach, pelvis="fixed").torque_nm == pytest.approx(MODEL.max_torque_nm)


def test_strategy_values_are_checked():
    with pytest.raises(ValueError, match=r"hip_drive = 2 is out of range; allowed range is \[0, 1\]"):
        sm.Strategy(hip_drive=2.0)


@pytest.mark.parametrize(
    "kwargs, error, words",
    [
        ({"facet_lever_arm_mm": -30.0}, ValueError, ["facet_lever_arm_mm", "-30", "(0, inf]"]),
        ({"facet_lever_arm_mm": float("nan")}, ValueError, ["facet_lever_arm_mm", "nan"]),
        ({"facet_lever_arm_mm": "wide"}, TypeError, ["facet_lever_arm_mm"]),
        ({"no_such_parameter": 1.0}, TypeError, ["no_such_parameter", "PARAMETERS"]),
        ({"hip_slack_total_deg": 200.0}, ValueError, ["impossible joint"]),
    ],
)
def test_bad_parameter_overrides(kwargs, error, words):
    with pytest.raises(error) as info:
        sm.SpineModel(**kwargs)
    for word in words:
        assert word in str(info.value)


def test_annulus_thresholds_reject_non_lumbar_levels():
    with pytest.raises(ValueError, match="level must be one of"):
        MODEL.annulus_thresholds_pct("T1-T2")
