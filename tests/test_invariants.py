"""Invariants of the chain, checked with hypothesis over drives and conditions."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import spinemodel as sm
from spinemodel.mechanics import component_torque_nm
from spinemodel.solver import invert_joint, joint_factors

MODEL = sm.SpineModel()

LOW, HIGH = sm.MOBILITY_RANGE
conditions = st.fixed_dictionaries(
    {
        "pelvis": st.sampled_from(sm.PELVIS_CONDITIONS),
        "strategy": st.sampled_from(sorted(sm.STRATEGIES)),
        "hip_mobility": st.sampled_from([LOW, 1.0, HIGH]),
        "thoracic_mobility": st.sampled_from([LOW, 1.0, HIGH]),
        "lumbar_bracing": st.sampled_from([None, 0.0, 0.5, 1.0]),
    }
).filter(lambda c: not (c["strategy"] == "hip_led" and c["pelvis"] == "fixed"))
PELVIS = ("legs", "hips")
fraction = st.floats(min_value=-1.0, max_value=1.0, allow_nan=False)
fractions = st.lists(fraction, min_size=1, max_size=40)


def _totals(cond: dict, values: list[float]) -> np.ndarray:
    return np.asarray(values) * MODEL.reachable_deg(**cond)


@settings(max_examples=60, deadline=None)
@given(cond=conditions, values=fractions)
def test_levels_add_up_to_the_total(cond, values):
    total = _totals(cond, values)
    pose = MODEL.solve(total_deg=total, **cond)
    summed = sum(pose.levels_deg[lv] for lv in sm.LEVELS)
    np.testing.assert_allclose(summed, total, rtol=0, atol=1e-9)
    regions = pose.regions_deg
    np.testing.assert_allclose(
        regions["legs"] + regions["hips"] + regions["lumbar"] + regions["thoracic"],
        regions["total"],
        rtol=0,
        atol=1e-9,
    )
    np.testing.assert_allclose(regions["pelvis"], regions["legs"] + regions["hips"], rtol=0, atol=1e-12)


@settings(max_examples=40, deadline=None)
@given(cond=conditions, values=fractions)
def test_torque_driven_levels_add_up_and_drive_back(cond, values):
    torque = np.asarray(values) * MODEL.reachable_torque_nm(**cond)
    pose = MODEL.solve(torque_nm=torque, **cond)
    np.testing.assert_allclose(sum(pose.levels_deg.values()), pose.total_deg, rtol=0, atol=1e-9)
    again = MODEL.solve(total_deg=pose.total_deg, **cond)
    np.testing.assert_allclose(again.torque_nm, torque, rtol=1e-9, atol=1e-9)


@settings(max_examples=40, deadline=None)
@given(cond=conditions, values=fractions)
def test_the_torque_is_the_same_in_every_joint(cond, values):
    """Each joint's own curve, evaluated at its solved angle, carries the chain's torque.

    In a hip-led turn the hip muscles turn the pelvis: the legs and hips then carry a
    torque of their own, the same in both, and the pelvis turns by the measured share.
    """
    pose = MODEL.solve(total_deg=_totals(cond, values), **cond)
    config = MODEL.conditions(**cond)
    factors = joint_factors(config, MODEL.values)

    def carried(level: str) -> np.ndarray:
        scale, factor = factors[level]
        components = [c.scaled(angle_scale=scale) for c in MODEL.joints[level].components.values()]
        return sum(component_torque_nm(c, pose.levels_deg[level]) for c in components) / factor

    for level in sm.LEVELS:
        if level in PELVIS and cond["pelvis"] == "fixed":
            np.testing.assert_array_equal(pose.levels_deg[level], 0.0)
        elif level in PELVIS and config.hip_led:
            np.testing.assert_allclose(carried(level), carried("hips"), rtol=1e-4, atol=2e-4)
        else:
            np.testing.assert_allclose(carried(level), pose.torque_nm, rtol=1e-4, atol=2e-4)
    if config.hip_led:
        share = MODEL.values["athlete_pelvis_share"]
        np.testing.assert_allclose(pose.regions_deg["pelvis"], share * pose.total_deg, rtol=1e-6, atol=1e-6)


@settings(max_examples=40, deadline=None)
@given(cond=conditions, values=fractions)
def test_mirror_symmetry(cond, values):
    total = _totals(cond, values)
    right = MODEL.solve(total_deg=total, **cond)
    left = MODEL.solve(total_deg=-total, **cond)
    np.testing.assert_allclose(left.torque_nm, -right.torque_nm, rtol=0, atol=1e-12)
    for level in sm.LEVELS:
        np.testing.assert_allclose(left.levels_deg[level], -right.levels_deg[level], rtol=0, atol=1e-12)
        np.testing.assert_array_equal(left.zone[level], right.zone[level])
    for level in sm.LUMBAR_LEVELS:
        for side in ("contralateral", "ipsilateral"):
            np.testing.assert_allclose(
                left.facet_force_n[level][side], right.facet_force_n[level][side], rtol=0, atol=1e-9
            )
        np.testing.assert_allclose(
            left.annulus_strain_pct[level], right.annulus_strain_pct[level], atol=1e-12
        )


@settings(max_examples=30, deadline=None)
@given(cond=conditions, values=fractions)
def test_monotonic_in_total_and_in_torque(cond, values):
    total = np.sort(_totals(cond, values))
    pose = MODEL.solve(total_deg=total, **cond)
    assert np.all(np.diff(pose.torque_nm) >= 0)
    for level in sm.LEVELS:
        assert np.all(np.diff(pose.levels_deg[level]) >= -1e-12), level
    torque = np.sort(np.asarray(values)) * MODEL.reachable_torque_nm(**cond)
    pose = MODEL.solve(torque_nm=torque, **cond)
    assert np.all(np.diff(pose.total_deg) >= -1e-12)
    for level in sm.LUMBAR_LEVELS:
        force = pose.facet_force_n[level]["contralateral"]
        assert np.all(np.diff(force[torque >= 0]) >= -1e-9)


@settings(max_examples=40, deadline=None)
@given(cond=conditions, values=fractions)
def test_loads_never_negative_and_contralateral_dominates(cond, values):
    pose = MODEL.solve(total_deg=_totals(cond, values), **cond)
    for level in sm.LUMBAR_LEVELS:
        contra = pose.facet_force_n[level]["contralateral"]
        ipsi = pose.facet_force_n[level]["ipsilateral"]
        assert np.all(contra >= 0)
        assert np.all(ipsi == 0)  # pure axial rotation: the ipsilateral facet gaps
        # The contralateral facet alone balances the facets' torque over its own lever arm.
        joint = MODEL.joints[level]
        facet_torque = np.abs(component_torque_nm(joint.components["facets"], pose.levels_deg[level]))
        np.testing.assert_allclose(contra * joint.facet_lever_mm / 1000.0, facet_torque, rtol=1e-4, atol=1e-4)
        assert np.all(pose.annulus_strain_pct[level] >= 0)
        assert np.all(pose.disc_torque_nm[level] >= 0)


@settings(max_examples=15, deadline=None)
@given(cond=conditions)
def test_no_jumps(cond):
    """A fine sweep moves every joint by at most the step of the total (all joints move together)."""
    reach = MODEL.reachable_deg(**cond)
    total = np.linspace(-reach, reach, 40001)
    pose = MODEL.solve(total_deg=total, **cond)
    step = total[1] - total[0]
    for level in sm.LEVELS:
        assert np.max(np.abs(np.diff(pose.levels_deg[level]))) <= step + 1e-9
    for level in sm.LUMBAR_LEVELS:
        force = pose.facet_force_n[level]["contralateral"]
        # Facet force is continuous: its steepest step is bounded by the block's slope.
        assert np.max(np.abs(np.diff(force))) < 30.0 * step / 0.035


def test_table_matches_the_exact_curves():
    """Interpolated joint angles differ from exactly inverted curves by < 1e-4 deg."""
    torque = np.linspace(0.0, MODEL.reachable_torque_nm(), 20011)
    pose = MODEL.solve(torque_nm=torque)
    for level in ("legs", "hips", "L4-L5", "T1-T2", "T12-L1"):
        exact = invert_joint(list(MODEL.joints[level].components.values()), torque)
        np.testing.assert_allclose(pose.levels_deg[level], exact, rtol=0, atol=1e-4)


def test_scalars_in_scalars_out_and_shapes_broadcast():
    scalar = MODEL.solve(total_deg=30.0)
    assert isinstance(scalar.torque_nm, float)
    assert isinstance(scalar.levels_deg["L4-L5"], float)
    assert isinstance(scalar.zone["L4-L5"], str)
    grid = MODEL.solve(total_deg=np.full((3, 4), 30.0))
    assert grid.levels_deg["L4-L5"].shape == (3, 4)
    assert grid.facet_force_n["L4-L5"]["contralateral"].shape == (3, 4)
    assert grid.zone["T1-T2"].shape == (3, 4)
    assert np.allclose(grid.levels_deg["L4-L5"], scalar.levels_deg["L4-L5"])


@settings(max_examples=40, deadline=None)
@given(cond=conditions, values=fractions, by_torque=st.booleans())
def test_no_allowed_input_takes_a_joint_past_its_anatomical_range(cond, values, by_torque):
    """Legs, hips and thoracic levels stay inside their ranges for every allowed drive."""
    if by_torque:
        pose = MODEL.solve(torque_nm=np.asarray(values) * MODEL.reachable_torque_nm(**cond), **cond)
    else:
        pose = MODEL.solve(total_deg=_totals(cond, values), **cond)
    for level in sm.LEVELS:
        if level in sm.LUMBAR_LEVELS:
            continue
        assert np.all(np.abs(pose.levels_deg[level]) <= pose.tolerances_deg[level] * (1 + 1e-9) + 1e-9), level
        assert not np.any(np.asarray(pose.zone[level]) == "beyond_tolerance"), level


@settings(max_examples=20, deadline=None)
@given(cond=conditions)
def test_the_envelope_is_where_the_first_bounded_joint_reaches_its_range(cond):
    reach = MODEL.reachable_deg(**cond)
    pose = MODEL.solve(total_deg=reach, **cond)
    gaps = [
        pose.tolerances_deg[lv] - abs(pose.levels_deg[lv])
        for lv in sm.LEVELS
        if lv not in sm.LUMBAR_LEVELS and pose.levels_deg[lv] != 0.0
    ]
    assert min(gaps) == pytest.approx(0.0, abs=1e-6)
    with pytest.raises(ValueError, match="beyond what the body can reach"):
        MODEL.solve(total_deg=reach * 1.001 + 0.01, **cond)
    with pytest.raises(ValueError, match="beyond what the body can reach"):
        MODEL.solve(torque_nm=MODEL.reachable_torque_nm(**cond) * 1.001 + 0.01, **cond)


@pytest.mark.parametrize("pelvis", sm.PELVIS_CONDITIONS)
def test_with_the_measured_ranges_the_envelope_ends_before_the_lumbar_block(pelvis):
    """Standing, the legs and hips reach their ranges first; seated, the thoracic spine its maximum.

    This is what the in vivo data say (Taniguchi 2017; Gregersen & Lucas 1967): within a living
    body's range no lumbar level is forced past its measured range.
    """
    pose = MODEL.solve(total_deg=MODEL.reachable_deg(pelvis=pelvis), pelvis=pelvis)
    assert pose.regions_deg["lumbar"] < pose.lumbar_cap_deg
    assert all(pose.zone[lv] in ("neutral", "elastic") for lv in sm.LUMBAR_LEVELS)


@pytest.mark.parametrize("thoracic_max_deg", [60.0, 70.0, 80.0])
def test_the_lumbar_curve_flattens_at_its_block_when_a_stretch_reaches_it(thoracic_max_deg):
    """If the thoracic spine could be forced further (Gregersen & Lucas read as one side: about
    70 deg), a pelvis-fixed stretch reaches the lumbar block and the lumbar curve flattens there:
    the block is the hardest stop of the chain."""
    model = sm.SpineModel(thoracic_max_deg=thoracic_max_deg)
    reach = model.reachable_deg(pelvis="fixed")
    total = np.linspace(0.0, reach, 4001)
    pose = model.solve(total_deg=total, pelvis="fixed")
    lumbar = pose.regions_deg["lumbar"]
    cap = pose.lumbar_cap_deg
    assert lumbar[-1] > cap + 1.0
    slope = np.gradient(lumbar, total)
    before = slope[(lumbar > 0.5 * cap) & (lumbar < 0.9 * cap)].mean()
    after = slope[lumbar > cap + 0.5].mean()
    assert after < 0.8 * before
    assert all(pose.zone[lv][-1] == "beyond_limit" for lv in ("L3-L4", "L4-L5"))
