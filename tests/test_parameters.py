"""Parameters as validated data: bounds, contradictions, and fuzzed overrides that either work or
raise a clear error (never a NaN pose)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import spinemodel as sm
from spinemodel.anatomy import CONSTRAINTS, check_values, default_values

NAMES = sorted(sm.PARAMETERS)


def _finite_pose(model: sm.SpineModel) -> None:
    for pelvis in sm.PELVIS_CONDITIONS:
        reach = model.reachable_deg(pelvis=pelvis)
        assert math.isfinite(reach) and reach > 0
        pose = model.solve(total_deg=np.linspace(-reach, reach, 7), pelvis=pelvis)
        for level in sm.LEVELS:
            assert np.all(np.isfinite(pose.levels_deg[level])), level
        for level in sm.LUMBAR_LEVELS:
            assert np.all(np.isfinite(pose.facet_force_n[level]["contralateral"])), level
            assert np.all(np.isfinite(pose.annulus_strain_pct[level])), level
        assert np.all(np.isfinite(pose.torque_nm))


@st.composite
def overrides(draw):
    """One to three parameters, each inside its bounds, near an edge, or anywhere."""
    names = draw(st.lists(st.sampled_from(NAMES), min_size=1, max_size=3, unique=True))
    out = {}
    for name in names:
        low, high = sm.PARAMETERS[name].bounds
        high = min(high, 1e6)
        out[name] = draw(
            st.one_of(
                st.floats(min_value=low, max_value=high, allow_nan=False),
                st.sampled_from([low, high, sm.PARAMETERS[name].value]),
            )
        )
    return out


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(values=overrides())
def test_in_bounds_overrides_work_or_name_the_contradiction(values):
    try:
        model = sm.SpineModel(**values)
    except ValueError as exc:
        message = str(exc)
        assert any(word in message for word in ("contradict", "negative stiffness", "slack range")), message
        assert any(name in message for name in sm.PARAMETERS), message
        return
    _finite_pose(model)


@settings(max_examples=60, deadline=None)
@given(
    name=st.sampled_from(NAMES),
    value=st.one_of(
        st.just(math.nan),
        st.just(math.inf),
        st.just(-math.inf),
        st.floats(min_value=-1e9, max_value=1e9, allow_nan=False),
        st.just(1e-300),
    ),
)
def test_out_of_bounds_or_non_finite_overrides_are_named(name, value):
    low, high = sm.PARAMETERS[name].bounds
    if math.isfinite(value) and low <= value <= high:
        return  # in bounds: covered above
    with pytest.raises(ValueError) as info:
        sm.SpineModel(**{name: value})
    message = str(info.value)
    assert name in message
    assert f"[{low:g}, {high:g}]" in message


@pytest.mark.parametrize("bad", ["wide", None, True, [1.0], np.array([1.0, 2.0]), 1 + 1j])
def test_wrong_types_are_named(bad):
    with pytest.raises((TypeError, ValueError), match="facet_axis_distance_mm"):
        sm.SpineModel(facet_axis_distance_mm=bad)


def test_every_parameter_has_bounds_the_default_respects():
    values = default_values()
    check_values(values)  # no error
    for name, cited in sm.PARAMETERS.items():
        low, high = cited.bounds
        assert low <= cited.value <= high, name
        assert cited.unit, name


def test_constraints_name_the_parameters_they_relate():
    values = default_values()
    for constraint in CONSTRAINTS:
        assert constraint.holds(values), constraint.name
        assert sum(name in constraint.text for name in sm.PARAMETERS) >= 2, constraint.name


def test_the_solver_range_is_not_a_calibration_point():
    """The envelope comes from the tolerances, not from a parameter chosen as the solver's range."""
    assert "max_torque_nm" not in sm.PARAMETERS
    base = sm.SpineModel()
    wider = sm.SpineModel(thoracic_max_deg=45.0)
    # Below the old envelope, changing the thoracic maximum changes nothing...
    for model in (base, wider):
        assert model.solve(total_deg=30.0, pelvis="fixed").regions_deg["lumbar"] == pytest.approx(
            base.solve(total_deg=30.0, pelvis="fixed").regions_deg["lumbar"]
        )
    # ...and only moves where the range ends.
    assert wider.reachable_deg(pelvis="fixed") > base.reachable_deg(pelvis="fixed")
