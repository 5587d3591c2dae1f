"""Invariants of the chain, checked with hypothesis over drives and conditions."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

import spinemodel as sm
from spinemodel.mechanics import component_torque_nm
from spinemodel.solver import invert_joint, joint_factors

MODEL = sm.SpineModel()

conditions = st.fixed_dictionaries(
    {
        "pelvis": st.sampled_from(sm.PELVIS_CONDITIONS),
        "strategy": st.sampled_from(sorted(sm.STRATEGIES)),
        "hip_mobility": st.sampled_from([0.4, 1.0, 1.6]),
        "thoracic_mobility": st.sampled_from([0.5, 1.0, 2.0]),
        "lumbar_bracing": st.sampled_from([None, 0.0, 0.5, 1.0]),
    }
)
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
        regions["hips"] + regions["lumbar"] + regions["thoracic"], regions["total"], rtol=0, atol=1e-9
    )


@settings(max_examples=40, deadline=None)
@given(cond=conditions, values=fractions)
def test_torque_driven_levels_add_up_and_drive_back(cond, values):
    torque = np.asarray(values) * MODEL.max_torque_nm
    pose = MODEL.solve(torque_nm=torque, **cond)
    np.testing.assert_allclose(sum(pose.levels_deg.values()), pose.total_deg, rtol=0, atol=1e-9)
    again = MODEL.solve(total_deg=pose.total_deg, **cond)
    np.testing.assert_allclose(again.torque_nm, torque, rtol=1e-9, atol=1e-9)


@settings(max_examples=40, deadline=None)
@given(cond=conditions, values=fractions)
def test_the_torque_is_the_same_in_every_joint(cond, values):
    """Each joint's own curve, evaluated at its solved angle, carries the chain's torque."""
    pose = MODEL.solve(total_deg=_totals(cond, values), **cond)
    config = MODEL.conditions(**cond)
    factors = joint_factors(config, MODEL.values)
    for level in sm.LEVELS:
        if level == "hips" and cond["pelvis"] == "fixed":
            np.testing.assert_array_equal(pose.levels_deg["hips"], 0.0)
            continue
        scale, factor = factors[level]
        components = [c.scaled(angle_scale=scale) for c in MODEL.joints[level].components.values()]
        tissue = sum(component_torque_nm(c, pose.levels_deg[level]) for c in components)
        np.testing.assert_allclose(tissue / factor, pose.torque_nm, rtol=1e-4, atol=2e-4)


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
    torque = np.sort(np.asarray(values)) * MODEL.max_torque_nm
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
        assert np.all(ipsi >= 0)
        assert np.all(contra >= ipsi)
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
    torque = np.linspace(0.0, MODEL.max_torque_nm, 20011)
    pose = MODEL.solve(torque_nm=torque)
    for level in ("hips", "L4-L5", "T1-T2", "T12-L1"):
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
