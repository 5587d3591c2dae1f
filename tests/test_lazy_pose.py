"""A pose computes its values when they are read, and still behaves like plain dicts of values."""

from __future__ import annotations

import copy
import json
import math
import pickle

import numpy as np
import pytest

import spinemodel as sm
from spinemodel.model import LazyDict
from spinemodel.solver import TableCache
from spinemodel.validation import check_array

MODEL = sm.SpineModel()
PER_LEVEL = ("levels_deg", "regions_deg", "facet_force_n", "annulus_strain_pct", "disc_torque_nm", "zone")


def test_nothing_per_level_is_computed_by_solve():
    pose = MODEL.solve(total_deg=np.linspace(-50.0, 50.0, 11))
    levels = pose.levels_deg
    assert list(levels) == list(sm.LEVELS) and len(levels) == len(sm.LEVELS) and "L4-L5" in levels
    assert not any(isinstance(v, np.ndarray) for v in dict.values(levels))  # still pending
    levels["L4-L5"]
    computed = [k for k, v in zip(levels, dict.values(levels), strict=True) if isinstance(v, np.ndarray)]
    assert computed == ["L4-L5"]
    assert levels["L4-L5"] is levels["L4-L5"]  # computed once, then kept


@pytest.mark.parametrize("drive", [{"total_deg": 37.5}, {"torque_nm": np.array([[-1.0, 2.0]])}])
def test_lazy_dicts_behave_like_dicts(drive):
    pose = MODEL.solve(**drive)
    data = pose.to_dict()
    for name in PER_LEVEL:
        lazy = getattr(pose, name)
        assert isinstance(lazy, dict)
        assert getattr(pose, name) is lazy
        plain = copy.deepcopy(dict(lazy))
        assert type(plain) is dict and list(plain) == list(lazy)
        if np.ndim(pose.total_deg) == 0:
            assert lazy == plain and plain == lazy and not (lazy != plain)
        elif name != "facet_force_n":  # dicts of arrays cannot be compared, plain or lazy
            with pytest.raises(ValueError):
                lazy == plain  # noqa: B015
        assert repr(lazy) == repr(plain)
        assert json.loads(json.dumps(data[name])) == json.loads(json.dumps(pose.to_dict()[name]))
        assert type(lazy.copy()) is dict and type(copy.copy(lazy)) is dict
        assert pickle.loads(pickle.dumps(lazy)).keys() == plain.keys()
        assert {**lazy}.keys() == plain.keys() and ({} | lazy).keys() == (lazy | {}).keys()
        assert lazy.get("no such key", "x") == "x"
        with pytest.raises(KeyError):
            lazy["no such key"]
    assert json.dumps(MODEL.solve(total_deg=10.0).levels_deg) == json.dumps(
        dict(MODEL.solve(total_deg=10.0).levels_deg)
    )


def test_lazy_dicts_can_be_changed_like_dicts():
    lazy = LazyDict(("a", "b", "c"), lambda key: key * 2)
    lazy["d"] = "new"
    assert lazy.pop("b") == "bb" and "b" not in lazy
    assert lazy.setdefault("a", None) == "aa"
    assert dict(lazy) == {"a": "aa", "c": "cc", "d": "new"}
    assert lazy.popitem() == ("d", "new")
    del lazy["a"]
    assert lazy == {"c": "cc"}


def test_pickled_pose_gives_the_same_values():
    pose = MODEL.solve(total_deg=np.array([-20.0, 5.0, 40.0]), pelvis="fixed")
    again = pickle.loads(pickle.dumps(pose))
    assert repr(again) == repr(pose)
    assert json.dumps(again.to_dict()) == json.dumps(pose.to_dict())


def test_a_pose_outlives_its_table_and_model():
    model = sm.SpineModel()
    model._tables = TableCache(model.joints, model.values, size=1)
    pose = model.solve(total_deg=40.0, hip_mobility=0.5)
    expected = sm.SpineModel().solve(total_deg=40.0, hip_mobility=0.5).to_dict()
    model.solve(total_deg=40.0, hip_mobility=1.5)  # evicts the first table
    model.values["facet_lever_arm_mm"] = 1.0  # (not a supported change; the pose must not see it)
    del model
    assert pose.to_dict() == expected


def test_scalar_and_array_solves_agree_exactly():
    rng = np.random.default_rng(3)
    for drive, limit in (
        ("total_deg", MODEL.reachable_deg(strategy="braced")),
        ("torque_nm", MODEL.reachable_torque_nm(strategy="braced")),
    ):
        values = np.concatenate([[0.0, limit, -limit], rng.uniform(-limit, limit, 20)])
        array = MODEL.solve(**{drive: values}, strategy="braced").to_dict()
        for i, value in enumerate(values):
            scalar = MODEL.solve(**{drive: float(value)}, strategy="braced").to_dict()
            for name in PER_LEVEL:
                for key, item in scalar[name].items():
                    if isinstance(item, dict):
                        assert item == {side: v[i] for side, v in array[name][key].items()}
                    else:
                        assert item == array[name][key][i], (drive, name, key)


@pytest.mark.parametrize(
    "value",
    [
        math.nan,
        math.inf,
        -math.inf,
        1e9,
        -3.0,
        np.float32("nan"),
        np.float64(1e3),
        np.int64(10**6),
        10**400,
        3,
        1.5,
        np.float64(-2.0),
    ],
)
def test_the_fast_scalar_check_raises_what_check_array_raises(value):
    """The fast path for plain numbers accepts and rejects exactly what check_array does; out of
    range, the message also names the reachable range."""
    for drive, limit, unit in (
        ("torque_nm", MODEL.reachable_torque_nm(), "Nm"),
        ("total_deg", MODEL.reachable_deg(), "deg"),
    ):
        try:
            check_array(drive, value, -limit, limit, unit=unit)
        except (TypeError, ValueError) as exc:
            with pytest.raises(type(exc)) as got:
                MODEL.solve(**{drive: value})
            if " is out of range" in str(exc):
                named = str(exc).split(" is out of range")[0]
                assert str(got.value).startswith(named + " is beyond what the body can reach")
            else:
                assert str(got.value) == str(exc)
        else:
            pose = MODEL.solve(**{drive: value})
            assert getattr(pose, drive) == float(value)


def test_conditions_are_remembered_but_types_still_matter():
    assert MODEL.conditions(hip_mobility=1.0) is MODEL.conditions(hip_mobility=1.0)
    assert MODEL.conditions(hip_mobility=1) == MODEL.conditions(hip_mobility=1.0)
    with pytest.raises(TypeError):
        MODEL.conditions(hip_mobility=True)
    with pytest.raises(TypeError):
        MODEL.conditions(lumbar_bracing=False)
    assert MODEL.conditions(lumbar_bracing=-0.0).lumbar_bracing == 0.0
    assert math.copysign(1.0, MODEL.conditions(lumbar_bracing=-0.0).lumbar_bracing) == 1.0
