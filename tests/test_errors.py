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
        ({"total_deg": 30.0, "hip_mobility": -0.5}, ValueError, ["hip_mobility", "-0.5", "[0.5, 1.5]"]),
        ({"total_deg": 30.0, "hip_mobility": 0.0}, ValueError, ["hip_mobility", "[0.5, 1.5]"]),
        ({"total_deg": 30.0, "hip_mobility": 3.0}, ValueError, ["hip_mobility", "3", "[0.5, 1.5]"]),
        ({"total_deg": 30.0, "thoracic_mobility": -1}, ValueError, ["thoracic_mobility", "-1"]),
        ({"total_deg": 30.0, "thoracic_mobility": float("nan")}, ValueError, ["thoracic_mobility", "nan"]),
        ({"total_deg": 30.0, "hip_mobility": np.array([1.0, 1.2])}, ValueError, ["hip_mobility", "single"]),
        ({"total_deg": 30.0, "lumbar_bracing": 1.5}, ValueError, ["lumbar_bracing", "1.5", "[0, 1]"]),
        ({"total_deg": 30.0, "lumbar_bracing": "yes"}, TypeError, ["lumbar_bracing"]),
        ({"total_deg": 30.0, "torque_nm": 5.0}, ValueError, ["exactly one", "both"]),
        ({}, ValueError, ["exactly one", "neither"]),
        ({"torque_nm": 500.0}, ValueError, ["torque_nm = 500 Nm", "beyond what the body can reach", "Nm"]),
        ({"total_deg": 272.0}, ValueError, ["total_deg = 272 deg", "reachable range is [-63.7, 63.7] deg"]),
        (
            {"total_deg": 30.0, "pelvis": "fixed", "strategy": "hip_led"},
            ValueError,
            ["hip_led", "pelvis='free'", "pelvis='fixed'"],
        ),
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
    assert f"[-{reach:.1f}, {reach:.1f}] deg" in message
    assert "beyond what the body can reach" in message and "pelvis='fixed'" in message
    # The edge itself is reachable, and it is the envelope's torque.
    edge = MODEL.solve(total_deg=reach, pelvis="fixed")
    assert edge.torque_nm == pytest.approx(MODEL.reachable_torque_nm(pelvis="fixed"))
    with pytest.raises(ValueError, match=r"torque_nm = 9 Nm is beyond what the body can reach"):
        MODEL.solve(torque_nm=9.0, pelvis="fixed")


def test_strategy_values_are_checked():
    with pytest.raises(ValueError, match=r"lumbar_bracing = 2 is out of range; allowed range is \[0, 1\]"):
        sm.Strategy(lumbar_bracing=2.0)
    with pytest.raises(TypeError, match="hip_led must be True or False, got 1"):
        sm.Strategy(hip_led=1)


@pytest.mark.parametrize(
    "kwargs, error, words",
    [
        ({"facet_axis_distance_mm": -30.0}, ValueError, ["facet_axis_distance_mm", "-30", "[20, 50] mm"]),
        ({"facet_axis_distance_mm": float("nan")}, ValueError, ["facet_axis_distance_mm", "nan"]),
        ({"facet_axis_distance_mm": "wide"}, TypeError, ["facet_axis_distance_mm"]),
        ({"no_such_parameter": 1.0}, TypeError, ["no_such_parameter", "PARAMETERS"]),
        (
            {"hip_capsule_stiffness_nm_per_deg": 1e-300},
            ValueError,
            ["hip_capsule_stiffness_nm_per_deg", "[0.1, 5]"],
        ),
        # Each within its bounds, but together contradictory:
        (
            {"knee_internal_rotation_deg": 30.0, "knee_flexed_internal_rotation_deg": 20.0},
            ValueError,
            ["contradict", "knee_internal_rotation_deg must not exceed knee_flexed_internal_rotation_deg"],
        ),
        (
            {"neutral_zone_L3-L4_deg": 1.5, "limit_L3-L4_deg": 2.0},
            ValueError,
            ["contradict", "neutral_zone_L3-L4_deg must be smaller than half of limit_L3-L4_deg"],
        ),
        (
            {"facet_force_at_test_moment_n": 300.0},
            ValueError,
            ["negative stiffness", "facet_force_at_test_moment_n"],
        ),
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
