"""The model against the published values it was built from (spinemodel.CALIBRATION)."""

from __future__ import annotations

import numpy as np
import pytest

import spinemodel as sm
from spinemodel.anatomy import build_joints
from spinemodel.solver import invert_joint

MODEL = sm.SpineModel()
TOL = 1e-6


def _within(value: float, key: str) -> None:
    low, high, source = sm.CALIBRATION[key]
    assert low - TOL <= value <= high + TOL, f"{key}: {value:.3f} outside [{low}, {high}] ({source})"


def _single_level_angle(level: str, torque_nm: float) -> float:
    """Rotation of one isolated level under a pure moment, as in an in vitro test."""
    joint = build_joints()[level]
    return float(invert_joint(list(joint.components.values()), np.array([torque_nm]))[0])


def test_l3_l4_rotates_about_2_degrees_at_7p5_nm():
    """Niosi 2006: L3-4, 7.5 Nm, no preload: 2.1 +/- 0.9 deg."""
    _within(_single_level_angle("L3-L4", 7.5), "lumbar_L3-L4_rom_at_7p5nm_deg")


@pytest.mark.parametrize("level", sm.LUMBAR_LEVELS)
def test_every_lumbar_level_in_the_niosi_band_at_7p5_nm(level):
    # Niosi's band is for L3-4; the other levels are the same curve scaled by their limit.
    angle = _single_level_angle(level, 7.5)
    assert 1.2 - TOL <= angle <= 3.0 + TOL


def test_lumbar_neutral_zone_is_about_0p3_degrees():
    joint = build_joints()["L3-L4"]
    _within(joint.neutral_deg, "lumbar_neutral_zone_deg")
    # The neutral zone is lax: crossing it costs a small fraction of the 7.5 Nm test moment.
    torque = sum(
        float(sm.mechanics.component_torque_nm(c, joint.neutral_deg)) for c in joint.components.values()
    )
    assert torque < 0.05 * 7.5


@pytest.mark.parametrize("level", [f"T{i}-T{i + 1}" for i in range(1, 10)])
def test_upper_thoracic_levels_match_wilke(level):
    _within(_single_level_angle(level, 7.5), "thoracic_T1-T10_rom_at_7p5nm_deg")


@pytest.mark.parametrize("level", ["T10-T11", "T11-T12", "T12-L1"])
def test_lower_thoracic_levels_match_wilke(level):
    _within(_single_level_angle(level, 7.5), "thoracic_T10-L1_rom_at_7p5nm_deg")


def test_thoracic_mobility_falls_from_t7_to_t12():
    names = ["T7-T8", "T8-T9", "T9-T10", "T10-T11", "T11-T12", "T12-L1"]
    angles = [_single_level_angle(n, 7.5) for n in names]
    assert all(a > b for a, b in zip(angles, angles[1:], strict=False))
    assert _single_level_angle("T1-T2", 7.5) == max(_single_level_angle(n, 7.5) for n in sm.THORACIC_LEVELS)


def test_l3_l4_and_l4_l5_slightly_more_mobile():
    """Pearcy 1984/1985: about 2 deg per level, L3-4 and L4-5 slightly more."""
    angles = {lv: _single_level_angle(lv, 7.5) for lv in sm.LUMBAR_LEVELS}
    for mobile in ("L3-L4", "L4-L5"):
        for other in ("L1-L2", "L2-L3", "L5-S1"):
            assert angles[mobile] > angles[other]


def test_hip_range_from_kouyoumdjian():
    """The pelvis turn is limited by the smaller hip range (internal rotation)."""
    _within(MODEL.limits_deg["hips"], "hip_limit_deg")
    joint = build_joints()["hips"]
    # Within the slack mid-range the hips are nearly free (van Arkel 2015).
    torque_at_slack_edge = sum(
        float(sm.mechanics.component_torque_nm(c, joint.neutral_deg)) for c in joint.components.values()
    )
    torque_at_limit = sum(
        float(sm.mechanics.component_torque_nm(c, joint.limit_deg)) for c in joint.components.values()
    )
    assert torque_at_slack_edge < 0.3 * torque_at_limit
    # Past the impingement angle the pelvis stiffens to at least the impingement slope.
    stiffness = sum(
        float(sm.mechanics.component_stiffness_nm_per_deg(c, joint.limit_deg + 3.0))
        for c in joint.components.values()
    )
    assert stiffness >= 5.0


def test_facets_carry_10_to_40_percent_at_7p5_nm():
    for level in sm.LUMBAR_LEVELS:
        angle = _single_level_angle(level, 7.5)
        facet = float(sm.mechanics.component_torque_nm(build_joints()[level].components["facets"], angle))
        _within(facet / 7.5, "facet_share_at_7p5nm")


def test_contralateral_facet_force_at_7p5_nm_matches_strain_gauges():
    pose = MODEL.solve(torque_nm=7.5, pelvis="fixed")
    for level in sm.LUMBAR_LEVELS:
        _within(pose.facet_force_n[level]["contralateral"], "facet_force_contralateral_at_7p5nm_n")
        assert pose.facet_force_n[level]["ipsilateral"] < 0.5 * pose.facet_force_n[level]["contralateral"]


def test_facet_share_grows_toward_the_block():
    joint = build_joints()["L4-L5"]
    angles = np.linspace(0.5, joint.limit_deg * 1.5, 50)
    total = sum(sm.mechanics.component_torque_nm(c, angles) for c in joint.components.values())
    share = sm.mechanics.component_torque_nm(joint.components["facets"], angles) / total
    assert np.all(np.diff(share) >= -1e-12)
    assert share[0] < 0.01  # before the facets touch, the disc carries the torque


def test_lumbar_cap_is_near_15_degrees():
    _within(MODEL.lumbar_cap_deg, "lumbar_cap_deg")


def test_typical_everyday_lumbar_rotation_stays_well_under_the_cap():
    # An everyday active turn (hip-led, 60 deg) keeps the lumbar spine under half its cap.
    pose = MODEL.solve(total_deg=60.0, strategy="hip_led")
    assert pose.regions_deg["lumbar"] < 0.5 * pose.lumbar_cap_deg
