"""The model against every published value it was built from or is checked against.

In vitro sources are compared with an isolated level under a pure moment, as they
were measured; in vivo sources with the solved chain under the condition they were
measured in (seated or supine: pelvis fixed; standing: pelvis free). The published
ranges are ``spinemodel.CALIBRATION``.
"""

from __future__ import annotations

import numpy as np
import pytest

import spinemodel as sm
from spinemodel.anatomy import build_joints
from spinemodel.solver import invert_joint

MODEL = sm.SpineModel()
JOINTS = build_joints()
TOL = 1e-6


def _within(value: float, key: str) -> None:
    low, high, source = sm.CALIBRATION[key]
    assert low - TOL <= value <= high + TOL, f"{key}: {value:.3f} outside [{low:.3f}, {high:.3f}] ({source})"


def _angle(level: str, torque_nm: float) -> float:
    """Rotation of one isolated level under a pure moment, as in an in vitro test."""
    return float(invert_joint(list(JOINTS[level].components.values()), np.array([torque_nm]))[0])


def _torque(level: str, angle_deg: float) -> float:
    return float(JOINTS[level].torque_nm(np.array(angle_deg)))


# --- in vitro: each lumbar level its own (Yamamoto 1989, Niosi 2006) ---------------------------
@pytest.mark.parametrize(
    "level, published", [("L1-L2", 2.3), ("L2-L3", 2.6), ("L3-L4", 2.6), ("L4-L5", 2.2), ("L5-S1", 1.4)]
)
def test_each_lumbar_level_turns_its_measured_range_at_10_nm(level, published):
    """Yamamoto et al. 1989: one-side axial rotation at 10 Nm, in vitro, n=10."""
    assert _angle(level, 10.0) == pytest.approx(published, abs=1e-3)
    assert MODEL.limits_deg[level] == pytest.approx(published)


def test_l3_l4_at_the_niosi_moment():
    """Niosi et al. 2006: L3-4 at 7.5 Nm without preload, 2.1 +/- 0.9 deg."""
    _within(_angle("L3-L4", 7.5), "lumbar_L3-L4_rom_at_7p5nm_deg")


def test_l3_l4_neutral_zone():
    joint = JOINTS["L3-L4"]
    _within(joint.neutral_deg, "lumbar_L3-L4_neutral_zone_deg")
    # Crossing the lax zone costs a small fraction of the test moment.
    assert _torque("L3-L4", joint.neutral_deg) < 0.05 * 10.0


def test_l5_s1_is_measured_not_a_textbook_value():
    """L5-S1 takes Yamamoto's measured 1.4 deg, 0.64 of L4-L5's 2.2 deg (the textbook gave 2 of 3.5)."""
    assert MODEL.limits_deg["L5-S1"] / MODEL.limits_deg["L4-L5"] == pytest.approx(1.4 / 2.2)


@pytest.mark.parametrize("level", sm.LUMBAR_LEVELS)
def test_facet_share_of_the_torque(level):
    """Ueno & Liu 1987 (FE): the facets carry 10-40% of the torque in the physiological range."""
    joint = JOINTS[level]
    facets = float(sm.mechanics.component_torque_nm(joint.components["facets"], joint.limit_deg))
    _within(facets / 10.0, "facet_share_at_test_moment")


def test_contralateral_facet_force_at_7p5_nm():
    """Jaumard et al. 2011 (strain gauges, T12-L2): 70.3 +/- 43.2 N at 7.5 Nm; the model's L1-L2."""
    joint = JOINTS["L1-L2"]
    angle = _angle("L1-L2", 7.5)
    facets = float(sm.mechanics.component_torque_nm(joint.components["facets"], angle))
    contra, ipsi = sm.loads.facet_forces_n(facets, joint.facet_lever_mm)
    _within(float(contra), "facet_force_contralateral_at_7p5nm_n")
    assert float(ipsi) == 0.0


@pytest.mark.parametrize("level", sm.LUMBAR_LEVELS)
def test_block_stiffness_agrees_with_the_large_load_study(level):
    """Miller et al. 1986: 6-11 Nm/deg under large loads; the model's tangent past each range."""
    joint = JOINTS[level]
    angle = joint.limit_deg + 2.0
    stiffness = sum(
        float(sm.mechanics.component_stiffness_nm_per_deg(c, angle)) for c in joint.components.values()
    )
    _within(stiffness, "lumbar_block_stiffness_nm_per_deg")


def test_levels_differ_in_facet_load_at_the_same_torque():
    pose = MODEL.solve(torque_nm=5.0, pelvis="fixed")
    forces = [pose.facet_force_n[lv]["contralateral"] for lv in sm.LUMBAR_LEVELS]
    assert len({round(f, 3) for f in forces}) == len(forces)
    levers = [JOINTS[lv].facet_lever_mm for lv in sm.LUMBAR_LEVELS]
    assert len({round(x, 3) for x in levers}) == len(levers)


# --- thoracic: in vitro range, rib cage, in vivo maximum ---------------------------------------
def test_thoracic_range_at_7p5_nm_is_the_rib_cage_reduced_in_vitro_range():
    """Wilke 2017 (60.5 deg over T1-L1, one side) x 0.51-0.63 (rib cage studies)."""
    total = sum(_angle(lv, 7.5) for lv in sm.THORACIC_LEVELS)
    _within(total, "thoracic_in_vivo_rom_at_7p5nm_deg")


def test_thoracic_mobility_falls_from_t7_to_t12():
    names = ["T7-T8", "T8-T9", "T9-T10", "T10-T11", "T11-T12", "T12-L1"]
    angles = [_angle(n, 7.5) for n in names]
    assert all(a > b for a, b in zip(angles, angles[1:], strict=False))


def test_thoracic_spine_ends_at_its_in_vivo_maximum():
    """Gregersen & Lucas 1967: about 38 deg one side (pins, side to side, halved)."""
    reach = MODEL.solve(total_deg=MODEL.reachable_deg(pelvis="fixed"), pelvis="fixed")
    assert reach.regions_deg["thoracic"] == pytest.approx(MODEL.values["thoracic_max_deg"], abs=0.05)


# --- in vivo: seated and standing -------------------------------------------------------------
def test_seated_lumbar_rotation_at_45_degrees():
    """Fujii et al. 2007: 1.2-1.7 deg per lumbar segment at 45 deg of trunk rotation, pelvis held."""
    _within(MODEL.solve(total_deg=45.0, pelvis="fixed").regions_deg["lumbar"], "seated_lumbar_at_45deg")


def test_seated_maximal_turn():
    """Gregersen & Lucas 1967; Johnson et al. 2012: about 41-50 deg with the pelvis on the seat."""
    _within(MODEL.reachable_deg(pelvis="fixed"), "seated_max_total_deg")


def test_standing_maximal_turn_splits_as_measured():
    """Taniguchi et al. 2017: spine/pelvis 0.41 +/- 0.12 at the end of a maximal standing turn."""
    pose = MODEL.solve(scenario="max_standing_turn")
    r = pose.regions_deg
    _within((r["lumbar"] + r["thoracic"]) / r["pelvis"], "standing_spine_pelvis_ratio")
    assert r["pelvis"] > r["lumbar"] + r["thoracic"]  # the pelvis supplies most of a standing turn
    assert r["pelvis"] == pytest.approx(r["legs"] + r["hips"])


def test_hip_range_from_kouyoumdjian():
    _within(JOINTS["hips"].tolerance_deg, "hip_range_deg")
    reach = MODEL.solve(scenario="max_standing_turn")
    assert reach.levels_deg["hips"] <= JOINTS["hips"].tolerance_deg + 1e-6
    assert reach.levels_deg["legs"] <= JOINTS["legs"].tolerance_deg + 1e-6


def test_golf_pelvis_turn_from_mcteigue():
    """McTeigue et al. 1994: pelvis 55 deg (Tour), 53 deg (amateurs) at an 87 deg upper-body turn."""
    pose = MODEL.solve(scenario="golf_backswing")
    _within(pose.regions_deg["pelvis"], "golf_pelvis_turn_deg")
    assert pose.levels_deg["legs"] <= JOINTS["legs"].tolerance_deg * 2.5 + 1e-6


def test_every_calibration_key_is_tested():
    tested = {
        "lumbar_L3-L4_rom_at_7p5nm_deg",
        "lumbar_L3-L4_neutral_zone_deg",
        "facet_share_at_test_moment",
        "facet_force_contralateral_at_7p5nm_n",
        "lumbar_block_stiffness_nm_per_deg",
        "thoracic_in_vivo_rom_at_7p5nm_deg",
        "seated_lumbar_at_45deg",
        "seated_max_total_deg",
        "standing_spine_pelvis_ratio",
        "hip_range_deg",
        "golf_pelvis_turn_deg",
    }
    assert tested == set(sm.CALIBRATION)


def test_facet_force_at_10_nm_is_schendels():
    """Schendel et al. 1993: 65 N on the L1-L2 facet in torsion at 10 Nm (strain gauges)."""
    joint = JOINTS["L1-L2"]
    facets = float(sm.mechanics.component_torque_nm(joint.components["facets"], _angle("L1-L2", 10.0)))
    contra, _ = sm.loads.facet_forces_n(facets, joint.facet_lever_mm)
    assert float(contra) == pytest.approx(65.0, rel=1e-3)


def test_facet_levers_follow_the_facet_orientation():
    """Masharawi et al. 2004: facets turn from near-sagittal (T12-L2) towards coronal (L3-L5);
    a more coronal facet pushes with a shorter arm about the axis."""
    levers = [JOINTS[lv].facet_lever_mm for lv in reversed(sm.LUMBAR_LEVELS)]  # L1-L2 down to L5-S1
    assert all(a > b for a, b in zip(levers, levers[1:], strict=False))


def test_legs_take_the_measured_knee_range():
    """Knee axial rotation (Am J Sports Med 1983): internal 10 deg near extension, 25 deg flexed 30-90 deg."""
    assert JOINTS["legs"].tolerance_deg == pytest.approx(10.0)
    upright = MODEL.solve(scenario="max_standing_turn")
    athletic = MODEL.solve(total_deg=MODEL.reachable_deg(strategy="hip_led"), strategy="hip_led")
    assert upright.tolerances_deg["legs"] == pytest.approx(10.0)
    assert athletic.tolerances_deg["legs"] == pytest.approx(25.0)


def test_mobility_range_is_the_hips_population_spread():
    """Murray et al. 2009: passive hip medial rotation 31.1 +/- 8.1 deg; +/- 2 SD is 0.48-1.52 of the mean."""
    low, high = sm.MOBILITY_RANGE
    assert low == pytest.approx(1 - 2 * 8.06 / 31.06, abs=0.03)
    assert high == pytest.approx(1 + 2 * 8.06 / 31.06, abs=0.03)


def test_montgomerys_standing_split_lies_in_the_band_too():
    """Montgomery, Boocock & Hing 2011: about 33 deg of trunk on 64 deg of pelvis standing (0.51)."""
    low, high, _ = sm.CALIBRATION["standing_spine_pelvis_ratio"]
    assert low <= 32.6 / 63.8 <= high


def test_isolated_disc_damage_is_beyond_every_allowed_pose():
    """Adams & Hutton 1981: isolated discs were not damaged below 10 deg; no allowed pose gets there."""
    for pelvis in sm.PELVIS_CONDITIONS:
        pose = MODEL.solve(total_deg=MODEL.reachable_deg(pelvis=pelvis), pelvis=pelvis)
        for level in sm.LUMBAR_LEVELS:
            assert pose.levels_deg[level] < MODEL.values["lumbar_tolerance_deg"]
