"""The public contract, the lumbar cap, the strategies and the scenarios."""

from __future__ import annotations

import json

import numpy as np
import pytest

import spinemodel as sm

MODEL = sm.SpineModel()
LEVEL_NAMES = ["hips", "L5-S1", "L4-L5", "L3-L4", "L2-L3", "L1-L2", "T12-L1", "T11-T12"] + [
    f"T{i}-T{i + 1}" for i in range(10, 0, -1)
]


def test_public_contract():
    pose = MODEL.solve(total_deg=45.0, pelvis="fixed")
    assert list(pose.levels_deg) == LEVEL_NAMES == list(sm.LEVELS)
    assert set(pose.regions_deg) == {"hips", "lumbar", "thoracic", "total"}
    assert pose.regions_deg["total"] == pytest.approx(45.0, abs=1e-9)
    assert pose.levels_deg["hips"] == 0.0
    assert pose.torque_nm > 0
    assert set(pose.facet_force_n) == set(sm.LUMBAR_LEVELS)
    assert set(pose.facet_force_n["L4-L5"]) == {"contralateral", "ipsilateral"}
    assert set(pose.annulus_strain_pct) == set(sm.LUMBAR_LEVELS)
    assert pose.zone["L4-L5"] in sm.ZONES
    assert set(pose.zone) == set(sm.LEVELS)
    data = json.loads(json.dumps(pose.to_dict()))
    for key in (
        "total_deg",
        "torque_nm",
        "levels_deg",
        "regions_deg",
        "facet_force_n",
        "annulus_strain_pct",
        "zone",
    ):
        assert key in data
    assert data["lumbar_cap_deg"] == pytest.approx(15.0)
    assert "model estimate" in data["label"]


def test_to_dict_of_arrays_is_json_ready():
    pose = MODEL.solve(torque_nm=np.array([1.0, 5.0, 20.0]))
    data = json.loads(json.dumps(pose.to_dict()))
    assert len(data["levels_deg"]["L4-L5"]) == 3
    assert data["zone"]["L4-L5"][-1] == "beyond_limit"


def test_pelvis_free_lets_the_hips_take_part():
    free = MODEL.solve(total_deg=60.0, pelvis="free")
    fixed = MODEL.solve(total_deg=60.0, pelvis="fixed")
    assert free.levels_deg["hips"] > 10.0
    assert fixed.regions_deg["lumbar"] > free.regions_deg["lumbar"]


def test_the_cap_under_increasing_torque_with_the_pelvis_fixed():
    """Lumbar rotation approaches ~15 deg and is forced past it only slowly while facet force climbs."""
    torque = np.linspace(0.0, 60.0, 601)
    pose = MODEL.solve(torque_nm=torque, pelvis="fixed")
    lumbar = pose.regions_deg["lumbar"]
    force = pose.facet_force_n["L4-L5"]["contralateral"]
    cap = pose.lumbar_cap_deg
    reach = np.argmax(lumbar >= cap)
    assert 8.0 < torque[reach] < 20.0  # the block engages at a moderate stretch
    slope = np.gradient(lumbar, torque)
    below = slope[(torque > 2.0) & (lumbar < 0.8 * cap)].mean()
    beyond = slope[torque > torque[reach] + 10.0].mean()
    assert beyond < below / 5.0  # past the cap every extra degree costs > 5 times more torque
    assert lumbar[-1] < cap + 10.0  # even at 60 Nm (8 times the 7.5 Nm test moment) it stays near the cap
    # ... while the facet force keeps climbing steeply.
    force_slope = np.gradient(force, lumbar)
    assert (
        force_slope[torque > torque[reach] + 10.0].min()
        > 5.0 * force_slope[(lumbar > 3) & (lumbar < 8)].max()
    )
    assert force[-1] > 10.0 * force[np.argmin(np.abs(torque - 7.5))]


def test_beyond_limit_zone_follows_the_cap():
    pose = MODEL.solve(torque_nm=30.0, pelvis="fixed")
    assert pose.regions_deg["lumbar"] > pose.lumbar_cap_deg
    assert all(pose.zone[lv] == "beyond_limit" for lv in sm.LUMBAR_LEVELS)
    gentle = MODEL.solve(total_deg=20.0, pelvis="fixed")
    assert all(gentle.zone[lv] in ("neutral", "elastic") for lv in sm.LUMBAR_LEVELS)


def test_passive_standing_turn_pushes_the_lumbar_toward_its_cap_hip_led_keeps_it_below():
    for total, share in ((90.0, 0.55), (95.0, 0.65), (100.0, 0.7)):
        passive = MODEL.solve(total_deg=total, pelvis="free", strategy="passive")
        hip_led = MODEL.solve(total_deg=total, pelvis="free", strategy="hip_led")
        assert passive.regions_deg["lumbar"] > share * passive.lumbar_cap_deg
        assert hip_led.regions_deg["lumbar"] < 0.5 * hip_led.lumbar_cap_deg
        assert hip_led.levels_deg["hips"] > passive.levels_deg["hips"]
        force = passive.facet_force_n["L4-L5"]["contralateral"]
        assert hip_led.facet_force_n["L4-L5"]["contralateral"] < 0.5 * force


def test_stiff_hips_or_stiff_upper_back_push_rotation_into_the_lumbar_spine():
    base = MODEL.solve(total_deg=80.0)
    stiff_hips = MODEL.solve(total_deg=80.0, hip_mobility=0.5)
    stiff_back = MODEL.solve(total_deg=80.0, thoracic_mobility=0.5)
    assert stiff_hips.regions_deg["lumbar"] > base.regions_deg["lumbar"]
    assert stiff_back.regions_deg["lumbar"] > base.regions_deg["lumbar"]


def test_bracing_takes_rotation_out_of_the_lumbar_spine():
    relaxed = MODEL.solve(torque_nm=20.0, pelvis="fixed")
    braced = MODEL.solve(torque_nm=20.0, pelvis="fixed", lumbar_bracing=1.0)
    assert braced.regions_deg["lumbar"] < relaxed.regions_deg["lumbar"]
    assert braced.facet_force_n["L4-L5"]["contralateral"] < relaxed.facet_force_n["L4-L5"]["contralateral"]


def test_custom_strategy_object():
    half = sm.Strategy(hip_drive=0.5, thoracic_drive=0.5, lumbar_bracing=0.5)
    pose = MODEL.solve(total_deg=100.0, strategy=half)
    passive = MODEL.solve(total_deg=100.0)
    hip_led = MODEL.solve(total_deg=100.0, strategy="hip_led")
    assert hip_led.regions_deg["lumbar"] < pose.regions_deg["lumbar"] < passive.regions_deg["lumbar"]
    assert pose.conditions["strategy"] == "custom"


@pytest.mark.parametrize("name", sorted(sm.SCENARIOS))
def test_every_scenario_solves_and_names_its_source(name):
    scenario = sm.SCENARIOS[name]
    assert scenario.source and scenario.description and scenario.title
    pose = MODEL.solve(scenario=name)
    assert pose.conditions["scenario"] == name
    assert ("total_deg" in scenario.inputs) != ("torque_nm" in scenario.inputs)
    if "total_deg" in scenario.inputs:
        assert pose.regions_deg["total"] == pytest.approx(scenario.inputs["total_deg"])
    else:
        assert pose.torque_nm == pytest.approx(scenario.inputs["torque_nm"])


def test_required_scenarios_exist():
    for name in (
        "standing_turn",
        "seated_twist_stretch",
        "supine_knee_drop",
        "golf_backswing",
        "hip_and_upper_back",
    ):
        assert name in sm.SCENARIOS
    golf = sm.SCENARIOS["golf_backswing"]
    assert golf.reference["shoulder_turn_deg"] == 100.0


def test_scenario_keywords_override_the_preset():
    preset = MODEL.solve(scenario="golf_backswing")
    stiff = MODEL.solve(scenario="golf_backswing", hip_mobility=0.5)
    assert stiff.conditions["strategy"] == "hip_led"
    assert stiff.levels_deg["hips"] < preset.levels_deg["hips"]
    smaller = MODEL.solve(60.0, scenario="golf_backswing")
    assert smaller.regions_deg["total"] == pytest.approx(60.0)
    by_torque = MODEL.solve(scenario="standing_turn", torque_nm=5.0)
    assert by_torque.torque_nm == pytest.approx(5.0)
    fixed = MODEL.solve(scenario="standing_turn", pelvis="fixed")
    assert fixed.levels_deg["hips"] == 0.0


def test_stretches_force_the_lumbar_spine_past_its_cap():
    for name in ("seated_twist_stretch", "supine_knee_drop"):
        pose = MODEL.solve(scenario=name)
        assert pose.regions_deg["lumbar"] > pose.lumbar_cap_deg, name


def test_parameter_overrides():
    stiff_facets = sm.SpineModel(facet_lever_arm_mm=30.0)
    assert stiff_facets.values["facet_lever_arm_mm"] == 30.0
    assert "facet_lever_arm_mm=30" in repr(stiff_facets)
    wide = sm.SpineModel(**{"limit_L4-L5_deg": 4.0})
    assert wide.lumbar_cap_deg == pytest.approx(15.5)


def test_every_parameter_cites_a_source_with_a_mark():
    for name, cited in sm.PARAMETERS.items():
        assert cited.source, name
        assert cited.mark in {"R", "R2", "D", "U", "M"}, name
        if cited.mark == "M":
            assert cited.note, f"{name}: a modelling choice must say what it was chosen to reproduce"
    rows = sm.parameter_table()
    assert {r["name"] for r in rows} == set(sm.PARAMETERS)


def test_annulus_thresholds():
    thresholds = MODEL.annulus_thresholds_pct("L4-L5")
    assert 0 < thresholds["at_limit"] < thresholds["damage"]
    pose = MODEL.solve(total_deg=MODEL.reachable_deg(pelvis="fixed"), pelvis="fixed")
    # Even at the largest torque the model allows, no level reaches the isolated-disc damage rotation.
    assert pose.annulus_strain_pct["L4-L5"] < thresholds["damage"]


def test_docstring_examples_run():
    import doctest

    import spinemodel.model

    for module in (sm, spinemodel.model):
        failures, tried = doctest.testmod(module, raise_on_error=False)
        assert tried > 0 and failures == 0, module.__name__
