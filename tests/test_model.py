"""The public contract, the lumbar cap, the strategies and the scenarios."""

from __future__ import annotations

import json

import numpy as np
import pytest

import spinemodel as sm

MODEL = sm.SpineModel()
LEVEL_NAMES = ["legs", "hips", "L5-S1", "L4-L5", "L3-L4", "L2-L3", "L1-L2", "T12-L1", "T11-T12"] + [
    f"T{i}-T{i + 1}" for i in range(10, 0, -1)
]


def test_public_contract():
    pose = MODEL.solve(total_deg=45.0, pelvis="fixed")
    assert list(pose.levels_deg) == LEVEL_NAMES == list(sm.LEVELS)
    assert set(pose.regions_deg) == {"legs", "hips", "pelvis", "lumbar", "thoracic", "total"}
    assert pose.regions_deg["total"] == pytest.approx(45.0, abs=1e-9)
    assert pose.levels_deg["hips"] == pose.levels_deg["legs"] == pose.regions_deg["pelvis"] == 0.0
    assert pose.torque_nm > 0
    assert set(pose.facet_force_n) == set(sm.LUMBAR_LEVELS)
    assert set(pose.facet_force_n["L4-L5"]) == {"contralateral", "ipsilateral"}
    assert set(pose.annulus_strain_pct) == set(sm.LUMBAR_LEVELS)
    assert pose.zone["L4-L5"] in sm.ZONES
    assert set(pose.zone) == set(pose.tolerances_deg) == set(sm.LEVELS)
    assert sm.ZONES == ("neutral", "elastic", "beyond_limit", "beyond_tolerance")
    data = json.loads(json.dumps(pose.to_dict()))
    for key in (
        "total_deg",
        "torque_nm",
        "levels_deg",
        "regions_deg",
        "facet_force_n",
        "annulus_strain_pct",
        "zone",
        "tolerances_deg",
        "conditions",
    ):
        assert key in data
    assert data["lumbar_cap_deg"] == pytest.approx(2.3 + 2.6 + 2.6 + 2.2 + 1.4)
    assert "model estimate" in data["label"]
    assert set(data["conditions"]) == {
        "pelvis",
        "strategy",
        "hip_mobility",
        "thoracic_mobility",
        "lumbar_bracing",
        "hip_led",
        "knees_flexed",
        "scenario",
    }


def test_to_dict_of_arrays_is_json_ready():
    pose = MODEL.solve(torque_nm=np.array([0.05, 1.0, 5.0]), pelvis="fixed")
    data = json.loads(json.dumps(pose.to_dict()))
    assert len(data["levels_deg"]["L4-L5"]) == 3
    assert data["zone"]["L4-L5"] == ["neutral", "elastic", "elastic"]


def test_standing_the_pelvis_takes_most_of_the_turn():
    """Letting the pelvis turn over the feet takes rotation out of the lumbar spine."""
    free = MODEL.solve(total_deg=45.0, pelvis="free")
    fixed = MODEL.solve(total_deg=45.0, pelvis="fixed")
    assert free.regions_deg["pelvis"] > 0.5 * free.regions_deg["total"]
    assert free.levels_deg["legs"] > 0 and free.levels_deg["hips"] > free.levels_deg["legs"]
    assert fixed.regions_deg["lumbar"] > 3.0 * free.regions_deg["lumbar"]


def test_seated_lumbar_share_stays_near_a_fifth():
    """Pelvis fixed, the lumbar spine takes 15-20% at every stage of the turn (its curve is nearly
    straight: the thoracic spine ends the range before the lumbar block)."""
    reach = MODEL.reachable_deg(pelvis="fixed")
    total = np.linspace(0.2, 1.0, 50) * reach
    pose = MODEL.solve(total_deg=total, pelvis="fixed")
    share = pose.regions_deg["lumbar"] / total
    assert np.all((share > 0.15) & (share < 0.25))


def test_facet_force_rises_with_the_stretch_and_differs_by_level():
    torque = np.linspace(0.5, MODEL.reachable_torque_nm(pelvis="fixed"), 200)
    pose = MODEL.solve(torque_nm=torque, pelvis="fixed")
    for level in sm.LUMBAR_LEVELS:
        force = pose.facet_force_n[level]["contralateral"]
        assert np.all(np.diff(force) > 0)
    at_end = {lv: pose.facet_force_n[lv]["contralateral"][-1] for lv in sm.LUMBAR_LEVELS}
    # L5-S1's facets are the most coronal (Masharawi 2004): the shortest lever, the largest force.
    assert max(at_end, key=at_end.get) == "L5-S1"


def test_zones_follow_each_joint():
    fixed = MODEL.solve(total_deg=MODEL.reachable_deg(pelvis="fixed"), pelvis="fixed")
    for level in sm.THORACIC_LEVELS:  # every thoracic level at its share of the in vivo maximum
        assert fixed.levels_deg[level] == pytest.approx(fixed.tolerances_deg[level], abs=1e-4)
        assert fixed.zone[level] in ("elastic", "beyond_limit")
    gentle = MODEL.solve(total_deg=10.0, pelvis="fixed")
    assert all(gentle.zone[lv] in ("neutral", "elastic") for lv in sm.LEVELS)
    standing = MODEL.solve(scenario="max_standing_turn")
    assert standing.zone["hips"] in ("elastic", "beyond_limit")


def test_past_a_lumbar_tolerance_the_zone_says_so():
    # A model whose lumbar failure angle is small: the seated envelope passes it.
    fragile = sm.SpineModel(lumbar_tolerance_deg=3.0, thoracic_max_deg=80.0)
    pose = fragile.solve(total_deg=fragile.reachable_deg(pelvis="fixed"), pelvis="fixed")
    assert "beyond_tolerance" in {pose.zone[lv] for lv in sm.LUMBAR_LEVELS}
    assert pose.levels_deg["L3-L4"] > pose.tolerances_deg["L3-L4"]


def test_stiff_hips_or_stiff_upper_back_push_rotation_into_the_lumbar_spine():
    base = MODEL.solve(total_deg=25.0)
    stiff_hips = MODEL.solve(total_deg=25.0, hip_mobility=0.5)
    stiff_back = MODEL.solve(total_deg=25.0, pelvis="fixed", thoracic_mobility=0.5)
    assert stiff_hips.regions_deg["lumbar"] > base.regions_deg["lumbar"]
    seated = MODEL.solve(total_deg=25.0, pelvis="fixed", thoracic_mobility=1.0)
    assert stiff_back.regions_deg["lumbar"] > seated.regions_deg["lumbar"]
    # Mobility scales a joint's range too: a stiff upper back shortens the seated reach.
    assert MODEL.reachable_deg(pelvis="fixed", thoracic_mobility=0.5) < MODEL.reachable_deg(pelvis="fixed")


def test_bracing_takes_rotation_out_of_the_lumbar_spine():
    relaxed = MODEL.solve(torque_nm=5.0, pelvis="fixed")
    braced = MODEL.solve(torque_nm=5.0, pelvis="fixed", lumbar_bracing=1.0)
    assert braced.regions_deg["lumbar"] < relaxed.regions_deg["lumbar"]
    assert braced.facet_force_n["L4-L5"]["contralateral"] < relaxed.facet_force_n["L4-L5"]["contralateral"]


def test_hip_led_turn_uses_the_golfers_pelvis_share_and_reaches_further():
    share = MODEL.values["athlete_pelvis_share"]
    pose = MODEL.solve(total_deg=60.0, strategy="hip_led")
    assert pose.regions_deg["pelvis"] == pytest.approx(share * 60.0)
    assert pose.conditions["hip_led"] and pose.conditions["knees_flexed"]
    # The athletic stance (knees flexed) reaches far beyond an upright standing turn.
    assert MODEL.reachable_deg(strategy="hip_led") > 1.4 * MODEL.reachable_deg()
    with pytest.raises(ValueError, match="needs pelvis='free'"):
        MODEL.solve(total_deg=30.0, pelvis="fixed", strategy="hip_led")


def test_custom_strategy_object():
    stance = sm.Strategy(knees_flexed=True)
    pose = MODEL.solve(total_deg=45.0, strategy=stance)
    upright = MODEL.solve(total_deg=45.0)
    assert pose.levels_deg["legs"] > upright.levels_deg["legs"]
    assert pose.conditions["strategy"] == "custom"
    assert MODEL.reachable_deg(strategy=stance) > MODEL.reachable_deg()


@pytest.mark.parametrize("name", sorted(sm.SCENARIOS))
def test_every_scenario_solves_and_names_its_source(name):
    scenario = sm.SCENARIOS[name]
    assert scenario.source and scenario.description and scenario.title
    pose = MODEL.solve(scenario=name)
    assert pose.conditions["scenario"] == name
    assert ("total_deg" in scenario.inputs) != ("torque_nm" in scenario.inputs)
    total = scenario.inputs["total_deg"]
    if total == sm.scenarios.REACH:
        conditions = {k: v for k, v in scenario.inputs.items() if k != "total_deg"}
        assert pose.regions_deg["total"] == pytest.approx(MODEL.reachable_deg(**conditions))
    else:
        assert pose.regions_deg["total"] == pytest.approx(total)


def test_required_scenarios_exist():
    for name in (
        "standing_turn",
        "max_standing_turn",
        "seated_twist_stretch",
        "supine_knee_drop",
        "golf_backswing",
        "hip_and_upper_back",
    ):
        assert name in sm.SCENARIOS
    golf = sm.SCENARIOS["golf_backswing"]
    assert golf.reference["shoulder_turn_deg"] == 87.0


def test_scenario_keywords_override_the_preset():
    preset = MODEL.solve(60.0, scenario="golf_backswing")
    stiff = MODEL.solve(60.0, scenario="golf_backswing", hip_mobility=0.5)
    assert stiff.conditions["strategy"] == "hip_led"
    assert stiff.levels_deg["hips"] < preset.levels_deg["hips"]
    smaller = MODEL.solve(60.0, scenario="golf_backswing")
    assert smaller.regions_deg["total"] == pytest.approx(60.0)
    by_torque = MODEL.solve(scenario="standing_turn", torque_nm=1.0)
    assert by_torque.torque_nm == pytest.approx(1.0)
    fixed = MODEL.solve(scenario="standing_turn", pelvis="fixed")
    assert fixed.levels_deg["hips"] == 0.0


def test_parameter_overrides():
    model = sm.SpineModel(facet_axis_distance_mm=30.0)
    assert model.values["facet_axis_distance_mm"] == 30.0
    assert "facet_axis_distance_mm=30" in repr(model)
    assert model.joints["L4-L5"].facet_lever_mm < MODEL.joints["L4-L5"].facet_lever_mm
    wide = sm.SpineModel(**{"limit_L4-L5_deg": 3.0})
    assert wide.lumbar_cap_deg == pytest.approx(MODEL.lumbar_cap_deg + 0.8)


def test_every_parameter_cites_a_source_with_a_mark_and_bounds():
    for name, cited in sm.PARAMETERS.items():
        assert cited.source, name
        assert "literature.md" not in cited.source + cited.note, name
        assert cited.mark in {"R", "R2", "D", "U", "M"}, name
        if cited.mark == "M":
            assert cited.note, f"{name}: a modelling choice must say what it was chosen to reproduce"
        low, high = cited.bounds
        assert low <= cited.value <= high, name
    rows = sm.parameter_table()
    assert {r["name"] for r in rows} == set(sm.PARAMETERS)


def test_annulus_thresholds():
    thresholds = MODEL.annulus_thresholds_pct("L4-L5")
    assert 0 < thresholds["at_limit"] < thresholds["damage"]
    pose = MODEL.solve(total_deg=MODEL.reachable_deg(pelvis="fixed"), pelvis="fixed")
    # Within a living body's range no level reaches the isolated-disc damage rotation.
    assert pose.annulus_strain_pct["L4-L5"] < thresholds["damage"]


def test_docstring_examples_run():
    import doctest

    import spinemodel.model

    for module in (sm, spinemodel.model):
        failures, tried = doctest.testmod(module, raise_on_error=False)
        assert tried > 0 and failures == 0, module.__name__


def test_the_joints_that_end_the_range():
    standing = MODEL.solve(total_deg=MODEL.reachable_deg(), pelvis="free")
    assert set(standing.joints_at_range_end()) == {"legs", "hips"}
    seated = MODEL.solve(total_deg=MODEL.reachable_deg(pelvis="fixed"), pelvis="fixed")
    assert set(seated.joints_at_range_end()) == set(sm.THORACIC_LEVELS)
    assert MODEL.solve(total_deg=20.0).joints_at_range_end() == ()
    sweep = MODEL.solve(total_deg=np.linspace(0.0, MODEL.reachable_deg(), 5))
    assert set(sweep.joints_at_range_end()) == {"legs", "hips"}
    with pytest.raises(ValueError, match="rel_tol"):
        standing.joints_at_range_end(rel_tol=2.0)
