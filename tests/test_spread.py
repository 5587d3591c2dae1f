"""The population spread: cited variation, possible bodies, ordered and reproducible bands,
array drives, the vectorised solve against one model per body, and clear errors."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import spinemodel as sm
from spinemodel.anatomy import CONSTRAINTS, LOWER_LIMB_JOINTS, LUMBAR_LEVELS
from spinemodel.population import DISTRIBUTIONS, VARIATION, variation_table

MODEL = sm.SpineModel()
N = 200


def numbers(pose_values) -> dict[str, np.ndarray]:
    """Every numeric output of a PoseValues, flattened to name -> array."""
    out = {"total_deg": pose_values.total_deg, "torque_nm": pose_values.torque_nm}
    for group in ("levels_deg", "regions_deg", "annulus_strain_pct", "disc_torque_nm"):
        out.update({f"{group}.{k}": v for k, v in getattr(pose_values, group).items()})
    for level, forces in pose_values.facet_force_n.items():
        out[f"facet.{level}"] = forces["contralateral"]
    return {k: np.asarray(v, dtype=float) for k, v in out.items()}


# --- what varies --------------------------------------------------------------------------------
def test_every_parameter_has_a_stated_variation():
    assert set(VARIATION) == set(sm.PARAMETERS)
    for name, variation in VARIATION.items():
        assert variation.kind in DISTRIBUTIONS
        if variation.kind == "fixed":
            assert variation.note, name  # why it does not vary
            continue
        assert variation.source and variation.mark in ("R", "R2", "D", "U", "M"), name
        if variation.kind in ("uniform", "loguniform"):
            low, high = sm.PARAMETERS[name].bounds
            assert low <= variation.spread[0] < variation.spread[1] <= high, name
            assert variation.spread[0] <= sm.PARAMETERS[name].value <= variation.spread[1], name
    rows = variation_table()
    assert len(rows) == len(VARIATION) and all(row["distribution"] for row in rows)
    assert "normal, SD 8.1 deg" in {row["distribution"] for row in rows}


def test_drawn_bodies_are_possible_and_inside_their_bounds():
    band = MODEL.spread(total_deg=20.0, n=N, seed=3)
    values = band.parameters
    for name, cited in sm.PARAMETERS.items():
        low, high = cited.bounds
        assert np.all((values[name] >= low) & (values[name] <= high)), name
    for constraint in CONSTRAINTS:
        assert np.all(constraint.holds(values)), constraint.name
    assert 0.5 < band.acceptance <= 1.0
    # Parameters with a spread do vary; fixed ones do not.
    for name, variation in VARIATION.items():
        assert (np.ptp(values[name]) > 0) == (variation.kind != "fixed"), name


def test_normal_parameters_keep_their_published_spread():
    values = MODEL.spread(total_deg=10.0, n=1000, seed=0).parameters
    hip = values["hip_internal_rotation_deg"]
    assert abs(np.mean(hip) - 35.2) < 1.5 and abs(np.std(hip) - 8.1) < 1.0  # Murray 2009's SD
    limit = values["limit_L3-L4_deg"]
    assert 0.33 < np.std(limit) / np.mean(limit) < 0.5  # Niosi 2006's CV of 43%


# --- bands ------------------------------------------------------------------------------------
def test_band_is_ordered_reproducible_and_seeded():
    band = MODEL.spread(scenario="seated_twist_stretch", n=N, seed=0)
    low, median, high = (numbers(p) for p in (band.low, band.median, band.high))
    for key in low:
        assert low[key] <= median[key] + 1e-12 <= high[key] + 2e-12, key
    again = MODEL.spread(scenario="seated_twist_stretch", n=N, seed=0)
    fresh = sm.SpineModel().spread(scenario="seated_twist_stretch", n=N, seed=0)
    for other in (again, fresh):
        for key, value in numbers(other.median).items():
            assert value == median[key], key
    other_seed = MODEL.spread(scenario="seated_twist_stretch", n=N, seed=1)
    assert other_seed.median.regions_deg["lumbar"] != median["regions_deg.lumbar"]


def test_quantiles_choose_the_percentiles():
    wide = MODEL.spread(torque_nm=4.0, pelvis="fixed", n=N, seed=0)
    narrow = MODEL.spread(torque_nm=4.0, pelvis="fixed", n=N, seed=0, quantiles=(0.25, 0.5, 0.75))
    lumbar = wide.samples.regions_deg["lumbar"]
    assert narrow.low.regions_deg["lumbar"] == pytest.approx(np.nanquantile(lumbar, 0.25))
    assert wide.low.regions_deg["lumbar"] < narrow.low.regions_deg["lumbar"]
    assert narrow.high.regions_deg["lumbar"] < wide.high.regions_deg["lumbar"]
    assert narrow.median.regions_deg["lumbar"] == wide.median.regions_deg["lumbar"]


def test_samples_stay_inside_each_bodys_envelope():
    for conditions in ({"pelvis": "fixed"}, {}, {"strategy": "hip_led"}):
        band = MODEL.spread(total_deg=np.linspace(0.0, 90.0, 19), n=N, seed=2, **conditions)
        reached = band.reached
        total = band.samples.total_deg
        assert np.all(np.isnan(total) == ~reached)
        reach = band.reachable_deg[:, None]
        assert np.all(np.abs(total[reached]) <= np.broadcast_to(reach, total.shape)[reached] * (1 + 1e-9))
        for level in sm.LEVELS:
            if level in LUMBAR_LEVELS:
                continue
            angle = np.abs(band.samples.levels_deg[level])
            tolerance = np.broadcast_to(band.samples.tolerances_deg[level][:, None], angle.shape)
            assert np.all(angle[reached] <= tolerance[reached] * (1 + 1e-6) + 1e-9), (conditions, level)
            assert np.all(band.samples.zone[level][~reached] == "unreachable")
        assert np.all((band.fraction_reached >= 0) & (band.fraction_reached <= 1))
        # Bodies reach as far as they can: at their own reach they are at the end of a range.
        own = MODEL.spread(total_deg="reach", n=N, seed=2, **conditions)
        assert own.fraction_reached == 1.0
        assert np.allclose(np.abs(own.samples.total_deg), own.reachable_deg, rtol=1e-9)


def test_pelvis_fixed_keeps_legs_and_hips_still():
    band = MODEL.spread(total_deg=30.0, pelvis="fixed", n=N, seed=0)
    for joint in LOWER_LIMB_JOINTS:
        assert np.nanmax(np.abs(band.samples.levels_deg[joint])) == 0.0


def test_sample_axis_broadcasts_with_array_drives():
    drives = np.array([[-30.0, -10.0], [0.0, 25.0], [10.0, 30.0]])
    band = MODEL.spread(total_deg=drives, n=N, seed=0)
    assert band.samples.total_deg.shape == (N, 3, 2)
    assert band.samples.levels_deg["L4-L5"].shape == (N, 3, 2)
    assert band.median.regions_deg["lumbar"].shape == (3, 2)
    assert band.reached.shape == (N, 3, 2) and band.fraction_reached.shape == (3, 2)
    one = MODEL.spread(total_deg=25.0, n=N, seed=0)
    assert one.samples.total_deg.shape == (N,)
    assert np.allclose(
        one.samples.levels_deg["L4-L5"], band.samples.levels_deg["L4-L5"][:, 1, 1], equal_nan=True
    )
    # Turning the other way mirrors the angles; loads are magnitudes.
    mirrored = band.samples.levels_deg["L4-L5"]
    assert np.allclose(mirrored[:, 0, 0], -mirrored[:, 2, 1], equal_nan=True)
    forces = band.samples.facet_force_n["L4-L5"]["contralateral"]
    assert np.allclose(forces[:, 0, 0], forces[:, 2, 1], equal_nan=True)
    assert np.all(band.samples.levels_deg["L4-L5"][:, 1, 0] == 0.0)


@pytest.mark.parametrize(
    "drive",
    [
        {"total_deg": 40.0, "pelvis": "fixed"},
        {"torque_nm": 2.0},
        {"total_deg": 60.0, "strategy": "hip_led"},
        {"torque_nm": 1.5, "strategy": "hip_led"},
        {"total_deg": 20.0, "pelvis": "fixed", "strategy": "braced", "thoracic_mobility": 0.8},
        {"total_deg": 40.0, "hip_mobility": 1.3},
    ],
)
def test_vectorised_bodies_match_one_model_per_body(drive):
    band = MODEL.spread(n=12, seed=5, **drive)
    conditions = {k: v for k, v in drive.items() if k not in ("total_deg", "torque_nm")}
    for i in range(12):
        values = {k: float(v[i]) for k, v in band.parameters.items()}
        body = sm.SpineModel(**{k: v for k, v in values.items() if v != sm.PARAMETERS[k].value})
        try:
            pose = body.solve(**drive)
        except ValueError:  # beyond this body's envelope: NaN in the band
            assert not band.reached[i]
            assert body.reachable_deg(**conditions) == pytest.approx(band.reachable_deg[i], rel=5e-5)
            continue
        assert band.reached[i]
        # The one-body model finds the pelvis's calibration torque on a grid (about 1e-4 deg of spine
        # rotation off); the population polishes it by Newton's method: they agree to about 1e-5.
        for level in sm.LEVELS:
            assert band.samples.levels_deg[level][i] == pytest.approx(
                pose.levels_deg[level], rel=1e-4, abs=2e-4
            )
        assert band.samples.torque_nm[i] == pytest.approx(pose.torque_nm, rel=1e-4, abs=1e-6)
        for level in LUMBAR_LEVELS:
            force = band.samples.facet_force_n[level]["contralateral"][i]
            assert force == pytest.approx(pose.facet_force_n[level]["contralateral"], rel=1e-3, abs=1e-3)
            strain = band.samples.annulus_strain_pct[level][i]
            assert strain == pytest.approx(pose.annulus_strain_pct[level], rel=1e-3, abs=1e-6)
        assert band.reachable_deg[i] == pytest.approx(body.reachable_deg(**conditions), rel=5e-5)
        assert band.samples.lumbar_cap_deg[i] == pytest.approx(body.lumbar_cap_deg)


def test_level_correlation_widens_the_lumbar_band():
    def width(rho: float) -> float:
        band = MODEL.spread(torque_nm=4.0, pelvis="fixed", n=600, seed=0, level_correlation=rho)
        return band.high.regions_deg["lumbar"] - band.low.regions_deg["lumbar"]

    assert width(0.9) > 1.5 * width(0.0)  # about twice as wide with n=1000


def test_zone_fractions_and_json():
    band = MODEL.spread(scenario="seated_twist_stretch", n=N, seed=0)
    for level, shares in band.zone_fractions.items():
        assert sum(shares.values()) == pytest.approx(1.0), level
    text = json.dumps(band.to_dict(), allow_nan=False)
    data = json.loads(text)
    assert set(data) >= {"low", "median", "high", "quantiles", "n", "seed", "fraction_reached", "label"}
    assert data["median"]["regions_deg"]["lumbar"] == pytest.approx(band.median.regions_deg["lumbar"])
    assert "model estimate" in repr(band) and "model estimate" in repr(band.median)
    assert json.dumps(band.samples.to_dict(), allow_nan=False)  # NaN become null


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    n=st.integers(2, 40),
    seed=st.integers(0, 2**63 - 1),
    qs=st.lists(st.floats(0.0, 1.0), min_size=3, max_size=3, unique=True).map(sorted),
    rho=st.floats(0.0, 1.0),
    total=st.floats(-40.0, 40.0),
)
def test_any_valid_spread_arguments_give_an_ordered_band(n, seed, qs, rho, total):
    band = MODEL.spread(total_deg=total, pelvis="fixed", n=n, seed=seed, quantiles=qs, level_correlation=rho)
    assert band.samples.total_deg.shape == (n,)
    assert band.quantiles == tuple(qs)
    lumbar = [
        band.low.regions_deg["lumbar"],
        band.median.regions_deg["lumbar"],
        band.high.regions_deg["lumbar"],
    ]
    if total >= 0:
        assert lumbar[0] <= lumbar[1] <= lumbar[2]
    else:
        assert lumbar[0] <= lumbar[1] <= lumbar[2]  # percentiles of signed values stay ordered
    assert all(math.isfinite(x) for x in lumbar) or band.fraction_reached < 1


@pytest.mark.parametrize(
    ("kwargs", "error", "words"),
    [
        ({"n": 1}, ValueError, ["n = 1", "[2, 100000]"]),
        ({"n": 2.5}, TypeError, ["n must be a whole number", "2.5"]),
        ({"n": True}, TypeError, ["n must be"]),
        ({"seed": -1}, ValueError, ["seed = -1", "2**63"]),
        ({"seed": "zero"}, TypeError, ["seed must be a whole number", "'zero'"]),
        ({"seed": 1.5}, TypeError, ["seed"]),
        ({"quantiles": (0.5,)}, ValueError, ["quantiles must be three increasing fractions"]),
        ({"quantiles": (0.95, 0.5, 0.05)}, ValueError, ["quantiles must be three increasing", "0.95"]),
        ({"quantiles": (0.05, 0.5, 1.5)}, ValueError, ["quantiles", "[0, 1]"]),
        ({"quantiles": "low,mid,high"}, ValueError, ["quantiles must be three"]),
        ({"quantiles": (0.05, "mid", 0.95)}, TypeError, ["quantiles must be real numbers"]),
        ({"level_correlation": 2.0}, ValueError, ["level_correlation = 2.0", "[0, 1]"]),
        ({"level_correlation": float("nan")}, ValueError, ["level_correlation"]),
        ({"total_deg": float("nan")}, ValueError, ["total_deg", "nan"]),
        ({"total_deg": 400.0}, ValueError, ["total_deg = 400", "[-180, 180]"]),
        ({"total_deg": "far"}, TypeError, ["total_deg"]),
        ({"total_deg": 170.0, "pelvis": "fixed"}, ValueError, ["no body of the population", "reach is"]),
        ({"pelvis": "sideways", "total_deg": 10.0}, ValueError, ["pelvis must be one of"]),
        ({}, ValueError, ["give exactly one of total_deg and torque_nm"]),
    ],
)
def test_bad_spread_arguments_are_named(kwargs, error, words):
    arguments = {"n": 10, **kwargs}
    if "total_deg" not in arguments and "pelvis" not in kwargs and kwargs:
        arguments["total_deg"] = 10.0
    with pytest.raises(error) as info:
        MODEL.spread(**arguments)
    for word in words:
        assert word in str(info.value), (word, str(info.value))
