"""The explorer's state without widgets: resolve, envelope, URL query and JSON round trips,
readout texts. No widget and no figure is built here (except the last tests, which check
that the widget view reads and writes the same state)."""

from __future__ import annotations

import dataclasses
import json

import pytest

import spinemodel as sm
from spinemodel.explorer_state import (
    QUERY_KEYS,
    STATE_KEYS,
    ExplorerState,
    damage_threshold_pct,
    parse_query,
    readout_html,
)

MODEL = sm.SpineModel()

STATES = [{"scenario": name} for name in sm.SCENARIOS] + [
    {"total_deg": 30.0},
    {"total_deg": 0.0, "pelvis": "fixed"},
    {"torque_nm": 1.5, "strategy": "braced", "thoracic_mobility": 1.3},
    {"total_deg": 60.0, "strategy": "hip_led", "hip_mobility": 0.7, "lumbar_bracing": 0.4},
    {"scenario": "golf_backswing", "hip_mobility": 1.4},
    {"total_deg": "reach", "pelvis": "fixed"},
]


def _ids(states):
    return ["&".join(f"{k}={v}" for k, v in s.items()) for s in states]


@pytest.mark.parametrize("initial", STATES, ids=_ids(STATES))
@pytest.mark.parametrize("bands", [False, True])
def test_url_query_round_trip(initial, bands):
    state = ExplorerState.resolve(MODEL, bands=bands, **initial)
    query = state.to_query()
    assert ExplorerState.from_query(query, MODEL) == state, query
    assert ExplorerState.from_query("?" + query + "&style=lecture", MODEL) == state
    # the pose is the same too
    assert state.solve(MODEL).regions_deg["total"] == pytest.approx(
        ExplorerState.from_query(query, MODEL).solve(MODEL).regions_deg["total"]
    )


@pytest.mark.parametrize("initial", STATES, ids=_ids(STATES))
def test_json_round_trip_of_every_control(initial):
    state = ExplorerState.resolve(MODEL, bands=True, **initial)
    text = state.to_json()
    data = json.loads(text)
    assert set(STATE_KEYS) <= set(data)
    assert ExplorerState.from_json(text, MODEL) == state


def test_a_preset_is_its_name_and_overrides_are_custom():
    preset = ExplorerState.resolve(MODEL, scenario="golf_backswing")
    assert preset.to_query() == "scenario=golf_backswing"
    custom = ExplorerState.resolve(MODEL, scenario="golf_backswing", hip_mobility=1.4)
    assert custom.scenario is None
    query = custom.to_query()
    for key in ("total_deg", "pelvis", "strategy", "hip_mobility", "thoracic_mobility", "lumbar_bracing"):
        assert key + "=" in query


def test_the_preset_state_solves_as_the_model_does():
    for name in sm.SCENARIOS:
        state = ExplorerState.resolve(MODEL, scenario=name)
        want = MODEL.solve(scenario=name)
        assert float(state.solve(MODEL).total_deg) == pytest.approx(float(want.total_deg), abs=1e-6)


@pytest.mark.parametrize(
    "conditions",
    [
        {},
        {"pelvis": "fixed"},
        {"strategy": "hip_led"},
        {"strategy": "braced", "pelvis": "fixed"},
        {"hip_mobility": 0.5, "thoracic_mobility": 1.5},
        {"lumbar_bracing": 1.0},
    ],
)
def test_drive_never_leaves_the_envelope(conditions):
    state = ExplorerState.resolve(MODEL, **conditions)
    reach_deg, reach_nm = (
        MODEL.reachable_deg(**state.conditions()),
        MODEL.reachable_torque_nm(**state.conditions()),
    )
    assert state.envelope(MODEL) == pytest.approx((reach_deg, reach_nm))
    end_deg, end_nm = state.drive_max(MODEL)
    assert reach_deg - 0.1 < end_deg <= reach_deg and reach_nm - 0.01 < end_nm <= reach_nm
    # the end stands for the envelope itself
    at_end = ExplorerState.resolve(MODEL, total_deg=end_deg, **conditions)
    assert float(at_end.solve(MODEL).total_deg) == pytest.approx(reach_deg)
    torque_end = ExplorerState.resolve(MODEL, torque_nm=end_nm, **conditions)
    assert float(torque_end.solve(MODEL).torque_nm) == pytest.approx(reach_nm)
    # past the end: refused with the range, or clamped with a note
    with pytest.raises(ValueError, match="total_deg"):
        ExplorerState.resolve(MODEL, total_deg=reach_deg + 1.0, **conditions)
    beyond = dataclasses.replace(state, total_deg=reach_deg + 20.0)
    clamped, note = beyond.clamped(MODEL)
    assert clamped.total_deg == end_deg and "clamped" in note
    assert float(beyond.solve(MODEL).total_deg) <= reach_deg + 1e-9
    assert state.clamped(MODEL) == (state, "")


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("total_deg=500", ["total_deg", "500", "deg"]),
        ("total_deg=ninety", ["total_deg", "number", "ninety"]),
        ("torque_nm=nan", ["torque_nm", "finite"]),
        ("pelvis=sideways", ["pelvis", "sideways", "free"]),
        ("scenario=handstand", ["scenario", "handstand", "golf_backswing"]),
        ("totl_deg=30", ["totl_deg", "total_deg"]),
        ("total_deg=30&total_deg=40", ["total_deg", "twice"]),
        ("total_deg=30&torque_nm=1", ["total_deg", "torque_nm"]),
        ("bands=maybe", ["bands", "maybe"]),
        ("hip_mobility=5", ["hip_mobility", "5", "1.5"]),
    ],
)
def test_bad_query_is_one_clear_sentence(query, words):
    with pytest.raises(ValueError) as info:
        ExplorerState.from_query(query, MODEL)
    message = str(info.value)
    assert "\n" not in message
    for word in words:
        assert word in message, (word, message)


def test_query_keys_and_voila_keys():
    assert set(QUERY_KEYS) == (set(STATE_KEYS) - {"drive"}) | {"style"}
    assert parse_query("?voila-theme=dark&style=lecture&bands=yes&total_deg=reach") == {
        "style": "lecture",
        "bands": True,
        "total_deg": "reach",
    }
    # an empty query (or style alone) gives the defaults
    start = ExplorerState.from_query("style=lecture", MODEL, scenario="standing_turn")
    assert start == ExplorerState.resolve(MODEL, scenario="standing_turn")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("{not json", ["not valid JSON"]),
        ("[1, 2]", ["not an explorer state"]),
        ('{"spinemodel_explorer_state": 1, "colour": "red"}', ["unknown key", "colour"]),
        ('{"spinemodel_explorer_state": 1, "total_deg": 500}', ["total_deg", "500"]),
        ('{"spinemodel_explorer_state": 1, "drive": "sideways"}', ["drive", "sideways"]),
        ('{"spinemodel_explorer_state": 1, "scenario": "handstand"}', ["scenario", "handstand"]),
        ('{"spinemodel_explorer_state": 1, "total_deg": "lots"}', ["total_deg"]),
    ],
)
def test_bad_json_is_one_clear_sentence(text, words):
    with pytest.raises(ValueError) as info:
        ExplorerState.from_json(text, MODEL)
    for word in words:
        assert word in str(info.value), (word, str(info.value))


def test_readouts_quote_the_plots_damage_threshold_and_ties():
    state = ExplorerState.resolve(MODEL, scenario="seated_twist_stretch")
    pose = state.solve(MODEL)
    texts = readout_html(MODEL, pose, reach_deg=state.envelope(MODEL)[0])
    assert set(texts) == {"lumbar", "zone", "facet", "annulus", "regions"}
    threshold = damage_threshold_pct(MODEL)
    assert threshold == min(MODEL.annulus_thresholds_pct(lv)["damage"] for lv in sm.LUMBAR_LEVELS)
    assert f"disc damage seen near {threshold:.0f} %" in texts["annulus"]
    assert "not medical advice" in texts["regions"]
    rest = ExplorerState.resolve(MODEL, total_deg=0.0).solve(MODEL)
    texts = readout_html(MODEL, rest, reach_deg=60.0)
    assert "(tie)" in texts["annulus"] and "(tie)" in texts["facet"]


def test_summary_names_the_conditions():
    state = ExplorerState.resolve(MODEL, scenario="braced_seated_twist")
    line = state.summary(state.solve(MODEL))
    for word in ("braced_seated_twist", "seated", "braced", "hip mobility", "lumbar bracing", "Nm"):
        assert word in line


# --- the widget view reads and writes the same state -------------------------------------------
def test_explorer_state_url_and_json(tmp_path):
    pytest.importorskip("ipywidgets")
    from spinemodel.widgets import explore

    explorer = explore(backend="inline", query="total_deg=30&pelvis=fixed&bands=0", save_dir=tmp_path)
    assert explorer.controls["pelvis"].value == "fixed" and explorer.controls["total_deg"].value == 30.0
    assert explorer.state == ExplorerState.from_query("total_deg=30&pelvis=fixed", MODEL)
    assert explorer.url_query().startswith("?total_deg=30&pelvis=fixed")
    # export -> change -> import: every control comes back
    explorer.controls["export_state"].click()
    saved = explorer.controls["state_json"].value
    assert json.loads(saved)["pelvis"] == "fixed"
    explorer.controls["scenario"].value = "golf_backswing"
    explorer.controls["bands"].value = False
    explorer.controls["import_state"].click()
    assert explorer.state == ExplorerState.from_json(saved, MODEL) and explorer.errors == []
    # a bad JSON text: one sentence under the controls, no traceback, controls unchanged
    before = explorer.state
    explorer.controls["state_json"].value = "{oops"
    explorer.controls["import_state"].click()
    assert "not imported" in explorer._status.value and "Traceback" not in explorer._status.value
    assert explorer.state == before and explorer.errors == []
    # lecture style from the query
    assert explore(backend="inline", query="style=lecture").style == "lecture"


def test_bad_query_starts_the_usual_state_and_says_why():
    pytest.importorskip("ipywidgets")
    from spinemodel.widgets import explore

    explorer = explore(backend="inline", scenario="standing_turn", query="total_deg=500")
    assert explorer.controls["scenario"].value == "standing_turn"
    assert "address was not used" in explorer._status.value and "total_deg" in explorer._status.value
    assert "Traceback" not in explorer._status.value and explorer.errors == []
    assert explorer.style == "notebook"
    assert "style" in explore(backend="inline", query="style=poster")._status.value


def test_saved_figure_is_stamped_with_its_conditions(tmp_path):
    pytest.importorskip("ipywidgets")
    from PIL import Image

    from spinemodel.widgets import explore

    explorer = explore(backend="inline", scenario="seated_twist_stretch", save_dir=tmp_path)
    path = explorer.save()
    info = Image.open(path).text
    assert "seated_twist_stretch" in info["Description"] and "seated (pelvis fixed)" in info["Description"]
    assert ExplorerState.from_json(info["Comment"], MODEL) == explorer.state
    assert explorer._stamp.get_text() == ""  # on screen the stamp is empty
