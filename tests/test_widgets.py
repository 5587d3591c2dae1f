"""The explorer driven from code: every control and every scenario preset moves the pose and
the drawn figure; the figure is built once and updated in place; errors are shown, not lost.

Headless (the explorer draws with Agg underneath ipympl or the inline image); no timing
is asserted.
"""

from __future__ import annotations

import math
import sys

import numpy as np
import pytest

pytest.importorskip("ipywidgets")
pytest.importorskip("matplotlib")

import spinemodel as sm  # noqa: E402
from spinemodel import widgets as W  # noqa: E402
from spinemodel.styles import ZONE_LABELS  # noqa: E402
from spinemodel.widgets import explore  # noqa: E402

BACKENDS = ["ipympl", "inline"]
REGIONS = ("legs", "hips", "pelvis", "lumbar", "thoracic", "total")


def _frame(explorer) -> np.ndarray | bytes:
    """What the screen would show: the Agg buffer (ipympl) or the PNG sent (inline)."""
    if explorer.backend == "inline":
        return bytes(explorer._figure_widget.value)
    return np.asarray(explorer.figure.canvas.buffer_rgba()).copy()


def _changed(a, b) -> bool:
    if isinstance(a, bytes):
        return a != b
    return bool((a != b).any())


def _expected(explorer) -> sm.Pose:
    c = explorer.controls
    kwargs = dict(
        pelvis=c["pelvis"].value,
        strategy=c["strategy"].value,
        hip_mobility=c["hip_mobility"].value,
        thoracic_mobility=c["thoracic_mobility"].value,
        lumbar_bracing=c["lumbar_bracing"].value,
    )
    # A drive slider at its end stands for the envelope itself (as far as the body can turn).
    if c["drive"].value == "total":
        total = c["total_deg"].value
        if total >= c["total_deg"].max:
            total = explorer.model.reachable_deg(**kwargs)
        return explorer.model.solve(total_deg=total, **kwargs)
    torque = c["torque_nm"].value
    if torque >= c["torque_nm"].max:
        torque = explorer.model.reachable_torque_nm(**kwargs)
    return explorer.model.solve(torque_nm=torque, **kwargs)


def _assert_pose_matches_controls(explorer) -> None:
    want = _expected(explorer)
    for region in REGIONS:
        assert explorer.pose.regions_deg[region] == pytest.approx(want.regions_deg[region], abs=1e-9)
    assert explorer.pose.torque_nm == pytest.approx(want.torque_nm, abs=1e-9)


@pytest.fixture(scope="module", params=BACKENDS)
def _shared(request, tmp_path_factory):
    # One explorer per backend for the module (building one takes a few tenths of a second);
    # every test starts from its reset state.
    return explore(backend=request.param, save_dir=tmp_path_factory.mktemp("saved"))


@pytest.fixture
def explorer(_shared):
    _shared.reset()
    _shared.errors.clear()
    _shared.notices.clear()
    return _shared


# --- structure ----------------------------------------------------------------------------------
def test_exposes_controls_figure_pose(explorer):
    assert explorer.backend in BACKENDS
    from matplotlib.figure import Figure

    assert set(explorer.controls) == set(W.CONTROL_NAMES)
    assert isinstance(explorer.figure, Figure)
    assert isinstance(explorer.pose, sm.Pose)
    assert {"top_view", "loads", "region_split"} <= set(explorer.panels)
    assert all(r.value for r in explorer.readouts.values())
    assert "not medical advice" in explorer.readouts["regions"].value
    assert explorer.errors == []
    bundle = explorer._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle


def test_slider_labels_carry_units(explorer):
    c = explorer.controls
    assert c["total_deg"].description == "Total rotation [deg]"
    assert "[Nm]" in c["torque_nm"].description
    for name in ("hip_mobility", "thoracic_mobility", "lumbar_bracing"):
        assert "[" in c[name].description and "]" in c[name].description


def _assert_sliders_follow_the_envelope(explorer, **conditions) -> None:
    model, c = explorer.model, explorer.controls
    reach, torque = model.reachable_deg(**conditions), model.reachable_torque_nm(**conditions)
    assert reach - c["total_deg"].step < c["total_deg"].max <= reach
    assert torque - c["torque_nm"].step < c["torque_nm"].max <= torque


def test_slider_ranges_come_from_the_model(explorer):
    c = explorer.controls
    _assert_sliders_follow_the_envelope(explorer, pelvis="free", strategy="passive")
    for name in ("hip_mobility", "thoracic_mobility"):
        assert (c[name].min, c[name].max) == sm.MOBILITY_RANGE


@pytest.mark.parametrize(
    "conditions",
    [
        {"pelvis": "fixed"},
        {"strategy": "hip_led"},
        {"pelvis": "fixed", "strategy": "braced"},
        {"hip_mobility": 0.5},
        {"pelvis": "fixed", "thoracic_mobility": 1.5},
    ],
)
def test_slider_ranges_follow_the_envelope_of_the_conditions(explorer, conditions):
    c = explorer.controls
    for name, value in conditions.items():
        c[name].value = value
    assert explorer.errors == []
    full = {"pelvis": c["pelvis"].value, "strategy": c["strategy"].value}
    full |= {k: c[k].value for k in ("hip_mobility", "thoracic_mobility", "lumbar_bracing")}
    _assert_sliders_follow_the_envelope(explorer, **full)
    # the slider's end is the envelope: the pose there is the body's reach, not beyond
    c["total_deg"].value = c["total_deg"].max
    assert float(explorer.pose.total_deg) == pytest.approx(explorer.model.reachable_deg(**full))
    _assert_pose_matches_controls(explorer)


# --- every control --------------------------------------------------------------------------------
CONTROL_CHANGES = [
    ("total_deg", 55.0),
    ("pelvis", "fixed"),
    ("strategy", "hip_led"),
    ("hip_mobility", 0.6),
    ("thoracic_mobility", 1.4),
    ("lumbar_bracing", 0.8),
]


@pytest.mark.parametrize(("name", "value"), CONTROL_CHANGES, ids=[n for n, _ in CONTROL_CHANGES])
def test_every_control_updates_pose_and_drawing(explorer, name, value):
    before_pose = explorer.pose
    before_frame = _frame(explorer)
    draws = explorer.draw_count
    explorer.controls[name].value = value
    assert explorer.errors == []
    assert explorer.draw_count > draws
    assert explorer.pose is not before_pose
    _assert_pose_matches_controls(explorer)
    assert explorer.pose.regions_deg != before_pose.regions_deg or name == "total_deg"
    assert _changed(before_frame, _frame(explorer)), f"{name}: the drawn figure did not change"


def test_torque_drive_updates_pose_and_drawing(explorer):
    c = explorer.controls
    c["drive"].value = "torque"
    assert c["total_deg"].disabled and not c["torque_nm"].disabled
    frame = _frame(explorer)
    c["torque_nm"].value = 1.5
    assert explorer.pose.torque_nm == pytest.approx(1.5)
    _assert_pose_matches_controls(explorer)
    assert _changed(frame, _frame(explorer))
    # the inactive rotation slider follows the pose
    assert c["total_deg"].value == pytest.approx(float(explorer.pose.total_deg))


@pytest.mark.parametrize("drive", ["total", "torque"])
def test_switching_the_drive_keeps_the_pose(explorer, drive):
    c = explorer.controls
    if drive == "torque":
        c["drive"].value = "torque"
        c["torque_nm"].value = 1.25
        target = "total"
    else:
        c["total_deg"].value = 52.5
        target = "torque"
    before = explorer.pose
    c["drive"].value = target
    after = explorer.pose
    for region in REGIONS:
        assert after.regions_deg[region] == pytest.approx(before.regions_deg[region], abs=1e-6)
    assert after.torque_nm == pytest.approx(before.torque_nm, abs=1e-6)
    assert explorer.errors == []


def test_hip_mobility_disabled_when_pelvis_fixed_but_still_works(explorer):
    c = explorer.controls
    c["pelvis"].value = "fixed"
    assert c["hip_mobility"].disabled
    c["hip_mobility"].value = 1.4
    assert explorer.errors == []
    _assert_pose_matches_controls(explorer)
    assert explorer.pose.regions_deg["hips"] == 0.0
    assert explorer.pose.regions_deg["legs"] == 0.0
    c["pelvis"].value = "free"
    assert not c["hip_mobility"].disabled


def test_strategy_brings_its_bracing(explorer):
    explorer.controls["strategy"].value = "braced"
    assert explorer.controls["lumbar_bracing"].value == sm.STRATEGIES["braced"].lumbar_bracing
    _assert_pose_matches_controls(explorer)


def test_shrinking_reach_clamps_the_slider_and_says_so(explorer):
    c = explorer.controls
    c["total_deg"].value = 60.0
    c["thoracic_mobility"].value = 0.5
    reach = explorer.model.reachable_deg(pelvis="free", strategy="passive", thoracic_mobility=0.5)
    assert reach < 60.0
    assert c["total_deg"].max <= reach
    assert c["total_deg"].value <= c["total_deg"].max
    assert explorer.errors == []
    assert "clamped" in explorer.notices[-1] and "clamped" in explorer._status.value
    _assert_pose_matches_controls(explorer)
    # the slider can never ask for more than the model reaches
    c["total_deg"].value = 10_000.0
    assert explorer.errors == []
    assert float(explorer.pose.total_deg) <= reach


def test_play_sweeps_the_active_drive(explorer):
    c = explorer.controls
    totals = []
    for frame in (1, 30, 60, 90, c["play"].max):
        c["play"].value = frame
        totals.append(float(explorer.pose.total_deg))
    assert totals == sorted(totals) and totals[0] < 2.0
    # the sweep ends where the body's range ends under the current conditions
    assert totals[-1] == pytest.approx(explorer.model.reachable_deg(pelvis="free", strategy="passive"))
    c["pelvis"].value = "fixed"
    c["play"].value = 0
    c["play"].value = c["play"].max
    assert float(explorer.pose.total_deg) == pytest.approx(explorer.model.reachable_deg(pelvis="fixed"))
    assert explorer.errors == []


def test_play_sweeps_the_torque_to_the_envelope(explorer):
    c = explorer.controls
    c["pelvis"].value = "fixed"
    c["drive"].value = "torque"
    c["play"].value = 0
    c["play"].value = c["play"].max
    assert float(explorer.pose.torque_nm) == pytest.approx(explorer.model.reachable_torque_nm(pelvis="fixed"))
    assert float(explorer.pose.regions_deg["lumbar"]) < explorer.model.lumbar_cap_deg
    assert explorer.errors == []


def test_hip_led_needs_a_free_pelvis_and_never_crashes(explorer):
    c = explorer.controls
    c["pelvis"].value = "fixed"
    assert not c["pelvis"].disabled
    c["strategy"].value = "hip_led"  # choosing the hip-led turn frees the pelvis
    assert explorer.errors == []
    assert c["pelvis"].value == "free" and c["pelvis"].disabled
    assert "pelvis is now free" in explorer._status.value
    _assert_pose_matches_controls(explorer)
    assert explorer.pose.conditions["hip_led"] and explorer.pose.conditions["knees_flexed"]
    c["pelvis"].value = "fixed"  # from code, although the control is disabled: back to passive
    assert explorer.errors == []
    assert c["strategy"].value == "passive" and not c["pelvis"].disabled
    assert "strategy is now passive" in explorer._status.value
    _assert_pose_matches_controls(explorer)
    assert explorer.pose.regions_deg["pelvis"] == 0.0


def test_readouts_use_the_models_range_zones_and_damage_threshold(explorer):
    explorer.controls["scenario"].value = "seated_twist_stretch"
    pose, model = explorer.pose, explorer.model
    assert f"{pose.regions_deg['lumbar']:.1f}&deg; / {model.lumbar_cap_deg:.1f}&deg;" in (
        explorer.readouts["lumbar"].value
    )
    worst = max((pose.zone[lv] for lv in sm.LUMBAR_LEVELS), key=sm.ZONES.index)
    assert ZONE_LABELS[worst] in explorer.readouts["zone"].value
    reach = model.reachable_deg(pelvis="fixed")
    assert f"the range ends at {reach:.1f}&deg;" in explorer.readouts["regions"].value


def test_readout_and_plot_quote_the_same_damage_threshold(explorer):
    """The annulus readout and the loads panel's damage line give one number (the model's)."""
    import re

    explorer.controls["scenario"].value = "seated_twist_stretch"
    label = explorer.panels["loads"].artists["damage_label"].get_text()
    line = explorer.panels["loads"].artists["damage"].get_ydata()[0]
    plotted = re.search(r"(\d+(?:\.\d+)?)\s*%", label).group(1)
    quoted = re.search(r"disc damage seen near (\d+(?:\.\d+)?) %", explorer.readouts["annulus"].value).group(
        1
    )
    assert quoted == plotted, (quoted, label)
    threshold = min(explorer.model.annulus_thresholds_pct(lv)["damage"] for lv in sm.LUMBAR_LEVELS)
    assert float(line) == pytest.approx(threshold)
    assert float(quoted) == pytest.approx(threshold, abs=0.5)


def test_ties_between_levels_are_reported_as_ties(explorer):
    explorer.controls["total_deg"].value = 0.0  # no strain anywhere: every level ties
    text = _text(explorer.readouts["annulus"].value)
    assert "(tie)" in text and all(level in text for level in sm.LUMBAR_LEVELS), text
    explorer.controls["total_deg"].value = 45.0
    strains = {lv: round(float(explorer.pose.annulus_strain_pct[lv]), 1) for lv in sm.LUMBAR_LEVELS}
    top = [lv for lv, v in strains.items() if v == max(strains.values())]
    text = _text(explorer.readouts["annulus"].value)
    assert ("(tie)" in text) == (len(top) > 1) and all(lv in text for lv in top), (strains, text)


def test_stale_notes_clear(explorer):
    c = explorer.controls
    c["total_deg"].value = 60.0
    c["thoracic_mobility"].value = 0.5  # shrinks the reach: the drive is clamped
    assert "clamped" in explorer._status.value
    c["total_deg"].value = 20.0  # the next action: the note is gone
    assert explorer._status.value == ""


def test_reset_restores_the_start(tmp_path):
    explorer = explore(backend="inline", scenario="golf_backswing", save_dir=tmp_path)
    start = {k: c.value for k, c in explorer.controls.items() if hasattr(c, "value")}
    explorer.controls["pelvis"].value = "fixed"
    explorer.controls["drive"].value = "torque"
    explorer.controls["torque_nm"].value = 5.0
    explorer.controls["reset"].click()
    now = {k: c.value for k, c in explorer.controls.items() if hasattr(c, "value")}
    assert now == start
    assert explorer.pose.regions_deg["total"] == pytest.approx(87.0)


def test_save_button_writes_a_png(explorer):
    explorer.controls["total_deg"].value = 60.0
    before = set(explorer.save_dir.glob("spinemodel-explorer-*.png"))
    explorer.controls["save"].click()
    assert explorer.errors == []
    files = sorted(set(explorer.save_dir.glob("spinemodel-explorer-*.png")) - before)
    assert len(files) == 1 and files[0].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "download" in explorer._saved.value
    # the saved figure carries the moving artists too (they are drawn by blitting on screen)
    from matplotlib.image import imread

    saved = imread(files[0])
    assert saved.shape[0] > 500 and saved.std() > 0.05


# --- every scenario ----------------------------------------------------------------------------------
@pytest.mark.parametrize("name", list(sm.SCENARIOS))
def test_every_scenario_preset_sets_the_controls(explorer, name):
    explorer.controls["total_deg"].value = 30.0  # away from the start (the standing turn's pose)
    frame = _frame(explorer)
    explorer.controls["scenario"].value = name
    assert explorer.errors == []
    want = explorer.model.solve(scenario=name)
    for region in REGIONS:
        assert explorer.pose.regions_deg[region] == pytest.approx(want.regions_deg[region], abs=1e-6)
    inputs = sm.SCENARIOS[name].inputs
    c = explorer.controls
    assert c["pelvis"].value == inputs["pelvis"]
    assert c["strategy"].value == inputs["strategy"]
    assert c["drive"].value == ("torque" if "torque_nm" in inputs else "total")
    if inputs.get("total_deg") == sm.scenarios.REACH:  # as far as the body can turn: the slider's end
        assert c["total_deg"].value == c["total_deg"].max
    assert _changed(frame, _frame(explorer))
    assert sm.SCENARIOS[name].description[:30] in explorer._scenario_text.value.replace("&#x27;", "'")
    # moving a control afterwards leaves the preset
    c["thoracic_mobility"].value = 1.5
    assert c["scenario"].value == ""


@pytest.mark.parametrize("name", ["seated_twist_stretch", "golf_backswing"])  # to the reach, and 87 deg
def test_explore_starts_from_a_scenario(name):
    explorer = explore(backend="inline", scenario=name)
    want = explorer.model.solve(scenario=name)
    assert explorer.pose.regions_deg["total"] == pytest.approx(want.regions_deg["total"], abs=1e-6)
    assert explorer.controls["scenario"].value == name


# --- built once, updated in place -------------------------------------------------------------------
def test_figure_built_once_and_updated_in_place(explorer):
    fig = explorer.figure
    n_axes = len(fig.axes)
    artists = {id(a) for a in fig.findobj()}
    c = explorer.controls
    for value in (20.0, 40.0, 60.0):
        c["total_deg"].value = value
    c["pelvis"].value = "fixed"
    c["strategy"].value = "braced"
    c["thoracic_mobility"].value = 0.7
    c["scenario"].value = "supine_knee_drop"
    assert explorer.figure is fig and len(fig.axes) == n_axes
    # matplotlib makes tick marks as the limits need them: those are not the explorer's artists
    ticks = {id(a) for ax in fig.axes for axis in (ax.xaxis, ax.yaxis) for a in axis.findobj()}
    new = {id(a) for a in fig.findobj()} - artists - ticks
    assert not new, f"{len(new)} artists were created by updates"


def test_drive_changes_blit_and_match_a_full_redraw(explorer):
    c = explorer.controls
    c["total_deg"].value = 50.0  # may learn moving artists
    full = explorer.full_draws
    for value in (55.0, 58.5, 62.0):
        c["total_deg"].value = value
    assert explorer.full_draws == full, "a drive-only change redrew the whole figure"
    blitted = np.asarray(explorer.figure.canvas.buffer_rgba()).copy()
    explorer.draw(full=True)
    redrawn = np.asarray(explorer.figure.canvas.buffer_rgba()).copy()
    assert (blitted == redrawn).all(), "the blitted frame differs from a full redraw"


def test_condition_change_redraws_everything(explorer):
    full = explorer.full_draws
    explorer.controls["hip_mobility"].value = 0.5
    assert explorer.full_draws == full + 1


# --- errors -------------------------------------------------------------------------------------------
def test_callback_exception_is_shown_not_lost(explorer, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("solver exploded on purpose")

    monkeypatch.setattr(explorer.model, "solve", broken)
    explorer.controls["total_deg"].value = 33.0
    assert len(explorer.errors) == 1 and isinstance(explorer.errors[0], RuntimeError)
    assert "solver exploded on purpose" in explorer._error.value
    assert explorer._error.layout.display != "none"
    monkeypatch.undo()
    explorer.controls["total_deg"].value = 34.0
    assert explorer._error.layout.display == "none"
    _assert_pose_matches_controls(explorer)


@pytest.mark.parametrize(
    ("kwargs", "exc", "words"),
    [
        ({"colour": "red"}, TypeError, ["colour", "total_deg"]),
        ({"total_deg": 500.0}, ValueError, ["total_deg", "500", "deg"]),
        ({"total_deg": -5.0}, ValueError, ["total_deg", "-5"]),
        ({"total_deg": "ninety"}, TypeError, ["total_deg"]),
        (
            {"torque_nm": 200.0},
            ValueError,
            ["torque_nm", "200", f"{math.floor(100 * sm.SpineModel().reachable_torque_nm()) / 100:g}"],
        ),
        ({"total_deg": 30.0, "torque_nm": 5.0}, ValueError, ["total_deg", "torque_nm"]),
        ({"hip_mobility": 5.0}, ValueError, ["hip_mobility", "5", "1.5"]),
        ({"thoracic_mobility": 0.0}, ValueError, ["thoracic_mobility", "0.5"]),
        ({"pelvis": "fixed", "strategy": "hip_led"}, ValueError, ["hip_led", "pelvis='free'"]),
        ({"lumbar_bracing": 1.5}, ValueError, ["lumbar_bracing", "1.5"]),
        ({"pelvis": "sideways"}, ValueError, ["pelvis", "sideways", "free"]),
        ({"strategy": "yoga"}, ValueError, ["strategy", "yoga", "hip_led"]),
        ({"scenario": "handstand"}, ValueError, ["scenario", "handstand", "golf_backswing"]),
        ({"scenario": 3}, TypeError, ["scenario"]),
        ({"backend": "svg"}, ValueError, ["backend", "svg", "ipympl"]),
        ({"style": "poster"}, ValueError, ["style", "poster", "lecture"]),
        ({"dpi": 5000}, ValueError, ["dpi", "5000"]),
    ],
)
def test_bad_arguments_raise_clear_errors(kwargs, exc, words):
    with pytest.raises(exc) as info:
        explore(**kwargs)
    message = str(info.value)
    for word in words:
        assert word in message, f"{word!r} not in {message!r}"


def test_falls_back_to_inline_without_ipympl(monkeypatch):
    monkeypatch.setitem(sys.modules, "ipympl", None)
    monkeypatch.setitem(sys.modules, "ipympl.backend_nbagg", None)
    explorer = explore()
    assert explorer.backend == "inline"
    frame = _frame(explorer)
    explorer.controls["total_deg"].value = 90.0
    assert _changed(frame, _frame(explorer))
    with pytest.raises(ImportError, match="ipympl"):
        explore(backend="ipympl")


def test_random_control_sequences_never_error():
    hypothesis = pytest.importorskip("hypothesis")
    st = hypothesis.strategies
    explorer = explore(backend="inline")
    c = explorer.controls
    lo, hi = sm.MOBILITY_RANGE
    action = st.one_of(
        st.tuples(st.just("total_deg"), st.floats(0.0, 400.0)),
        st.tuples(st.just("torque_nm"), st.floats(0.0, 10.0)),
        st.tuples(st.just("drive"), st.sampled_from(["total", "torque"])),
        st.tuples(st.just("pelvis"), st.sampled_from(list(sm.PELVIS_CONDITIONS))),
        st.tuples(st.just("strategy"), st.sampled_from(list(sm.STRATEGIES))),
        st.tuples(st.just("hip_mobility"), st.floats(lo, hi)),
        st.tuples(st.just("thoracic_mobility"), st.floats(lo, hi)),
        st.tuples(st.just("lumbar_bracing"), st.floats(0.0, 1.0)),
        st.tuples(st.just("scenario"), st.sampled_from(list(sm.SCENARIOS))),
        st.tuples(st.just("play"), st.integers(0, c["play"].max)),
    )

    @hypothesis.settings(max_examples=8, deadline=None, derandomize=True)
    @hypothesis.given(st.lists(action, min_size=1, max_size=4))
    def run(actions):
        for name, value in actions:
            widget = c[name]
            if hasattr(widget, "max") and isinstance(value, float):
                value = min(value, widget.max)
            widget.value = value
            assert explorer.errors == [], (name, value, explorer.errors)
            _assert_pose_matches_controls(explorer)

    run()


def test_scenario_with_overrides_starts_custom():
    explorer = explore(backend="inline", scenario="golf_backswing", hip_mobility=1.4)
    assert explorer.controls["scenario"].value == ""
    assert explorer.controls["hip_mobility"].value == 1.4
    assert explorer.controls["strategy"].value == "hip_led"
    _assert_pose_matches_controls(explorer)


# --- the population spread ------------------------------------------------------------------------
def _text(html_value: str) -> str:
    import html as _html
    import re

    return _html.unescape(re.sub(r"<[^>]+>", "", html_value))


def test_bands_toggle_shows_ranges_and_shades_the_panels(explorer):
    assert explorer.controls["bands"].value is False and explorer.pose_range() is None
    assert "–" not in _text(explorer.readouts["lumbar"].value)
    draws = explorer.full_draws
    explorer.controls["bands"].value = True
    try:
        assert explorer.errors == []
        assert explorer.full_draws > draws  # the shading is drawn at once
        spread = explorer.pose_range()
        lumbar = float(explorer.pose.regions_deg["lumbar"])
        low, high = spread["lumbar"]
        assert low < lumbar < high  # the default body lies inside the population's 5-95%
        assert 0.5 <= spread["fraction"] <= 1.0
        assert f"{lumbar:.1f}° ({low:.1f}–{high:.1f})" in _text(explorer.readouts["lumbar"].value)
        assert f"lumbar {lumbar:.1f}° ({low:.1f}–{high:.1f})" in _text(explorer.readouts["regions"].value)
        assert f"5–95% of {W.BAND_BODIES} model bodies" in _text(explorer.readouts["regions"].value)
        facet_low, facet_high = spread["facet"]
        assert f"({facet_low:.0f}–{facet_high:.0f})" in _text(explorer.readouts["facet"].value)
        for name in ("region_split", "loads"):
            bands = explorer.panels[name].artists
            shaded = list(bands["bands"].values()) if "bands" in bands else [bands["force_band"]]
            assert all(b.get_visible() and b.get_paths() for b in shaded)
        # a slider step reads the cached sweep: no new spread, the range moves with the pose
        sweep = explorer.sweep
        explorer.controls["total_deg"].value = 30.0
        assert explorer.sweep is sweep
        low30, high30 = explorer.pose_range()["lumbar"]
        assert low30 < float(explorer.pose.regions_deg["lumbar"]) < high30 and high30 < high
        # a condition change computes the sweep of the new conditions
        explorer.controls["pelvis"].value = "fixed"
        assert explorer.sweep is not sweep and explorer.errors == []
        assert explorer.pose_range()["lumbar"][0] < float(explorer.pose.regions_deg["lumbar"])
    finally:
        explorer.controls["bands"].value = False
    assert explorer.pose_range() is None
    assert "–" not in _text(explorer.readouts["lumbar"].value)
    assert not explorer.panels["loads"].artists["force_band"].get_visible()


def test_bands_say_when_too_few_bodies_reach(explorer):
    explorer.controls["bands"].value = True
    try:
        c = explorer.controls
        c["total_deg"].value = c["total_deg"].max  # the default body's reach: about half reach it
        spread = explorer.pose_range()
        text = _text(explorer.readouts["regions"].value)
        if spread["fraction"] >= 0.5:
            assert f"{100 * spread['fraction']:.0f}% of them reach this pose" in text
        else:
            assert "too few for a range" in text and "(" not in _text(explorer.readouts["lumbar"].value)
    finally:
        explorer.controls["bands"].value = False


def test_bands_in_torque_drive_and_reset():
    explorer = explore(backend="inline", scenario="seated_twist_stretch", bands=True)
    assert explorer.controls["bands"].value is True and explorer.errors == []
    explorer.controls["drive"].value = "torque"
    explorer.controls["torque_nm"].value = 3.0
    low, high = explorer.pose_range()["lumbar"]
    assert low < float(explorer.pose.regions_deg["lumbar"]) < high
    explorer.controls["bands"].value = False
    explorer.reset()
    assert explorer.controls["bands"].value is True and explorer.pose_range() is not None
    with pytest.raises(TypeError, match="bands"):
        explore(backend="inline", bands="yes")


# --- the live-figure helper on its own ------------------------------------------------------------
@pytest.mark.parametrize("backend", BACKENDS)
def test_live_figure_blits_what_a_full_redraw_draws(backend, tmp_path):
    from matplotlib.figure import Figure

    from spinemodel.live_figure import LiveFigure

    live = LiveFigure(Figure(figsize=(4, 3), dpi=50), backend=backend, css_class="x")
    ax = live.figure.add_subplot()
    ax.set(xlim=(0, 1), ylim=(0, 1))
    (line,) = ax.plot([0, 1], [0, 1])
    ax.set_title("fixed")
    live.learn(lambda: line.set_ydata([1, 0]), lambda: line.set_ydata([0, 1]))
    assert line.get_animated() and live.size_px == (200, 150)
    live.draw()
    full = live.full_draws
    line.set_ydata([0.2, 0.8])
    live.draw()
    assert live.full_draws == full, "a moving artist forced a full redraw"
    blitted = np.asarray(live.figure.canvas.buffer_rgba()).copy()
    live.draw(full=True)
    assert (blitted == np.asarray(live.figure.canvas.buffer_rgba())).all()
    ax.set_title("changed")  # a static artist changed: a full redraw
    live.draw()
    assert live.full_draws == full + 2
    live.savefig(tmp_path / "f.png")  # the animated line is in the file
    from matplotlib.image import imread

    assert imread(tmp_path / "f.png").std() > 0.01
    with pytest.raises(TypeError, match="figure"):
        LiveFigure("not a figure")
    with pytest.raises(ValueError, match="backend"):
        LiveFigure(Figure(), backend="svg")


# --- the small panels' legends ----------------------------------------------------------------------
@pytest.mark.parametrize("style", ["notebook", "lecture"])
@pytest.mark.parametrize("scenario", ["standing_turn", "golf_backswing", "seated_twist_stretch"])
def test_small_panels_legends_clear_their_notes(style, scenario):
    """The region split's legend sits below its "the range ends" note, the loads' below its
    "discs damaged" label, with and without the population bands (whose legends are built again
    in the explorer's style); the loads title clears the strain axis' top tick label."""
    explorer = explore(backend="inline", style=style, scenario=scenario)
    split, loads = explorer.panels["region_split"], explorer.panels["loads"]
    sizes = {}
    for bands in (False, True, False):
        explorer.controls["bands"].value = bands
        explorer.draw(full=True)
        renderer = explorer.figure.canvas.get_renderer()
        for legend, note in (
            (split.axes[0].get_legend(), split.artists["reach_label"]),
            (loads.axes[0].get_legend(), loads.artists["damage_label"]),
        ):
            box, clear = legend.get_window_extent(renderer), note.get_window_extent(renderer)
            assert box.y1 < clear.y0 or not box.overlaps(clear), (bands, note.get_text())
            assert explorer.figure.bbox.contains(box.x0, box.y0) and explorer.figure.bbox.contains(
                box.x1, box.y1
            )
        # the panel still writes the lumbar range into the legend it was given
        assert split.axes[0].get_legend().get_texts()[0].get_text().startswith("lumbar range")
        assert split.artists["legend"] is split.axes[0].get_legend()
        for name, legend in (("split", split.axes[0].get_legend()), ("loads", loads.axes[0].get_legend())):
            sizes.setdefault(name, set()).add(legend.get_texts()[0].get_fontsize())
        title = loads.axes[0].title.get_window_extent(renderer)
        for tick in loads.axes[1].yaxis.get_ticklabels():
            if tick.get_visible() and tick.get_text():
                assert not title.overlaps(tick.get_window_extent(renderer)), tick.get_text()
    assert explorer.errors == []
    assert all(len(found) == 1 for found in sizes.values()), sizes  # bands on or off: one font size


# --- the pieces on their own -----------------------------------------------------------------------
def test_controls_read_and_set_a_state():
    from spinemodel._explorer_controls import CONTROL_NAMES, Controls
    from spinemodel.explorer_state import ExplorerState

    model = sm.SpineModel()
    notes = []
    controls = Controls(model, notify=notes.append)
    assert tuple(controls.by_name) == CONTROL_NAMES and not controls.quiet
    state = ExplorerState.resolve(model, scenario="seated_twist_stretch", bands=True)
    controls.set_values(state)
    assert ExplorerState(**controls.values()) == state
    assert controls.conditions() == state.conditions()
    assert controls["total_deg"].max == pytest.approx(state.drive_max(model)[0])
    assert notes and "sliders run to" in notes[-1]  # the seated range is shorter: said once
    assert sm.SCENARIOS["seated_twist_stretch"].description[:20] in controls.scenario_text.value.replace(
        "&#x27;", "'"
    )
    controls.mark_custom()
    assert controls["scenario"].value == "" and "Pick a scenario" in controls.scenario_text.value
    controls.sweep_to(60)  # halfway along the active drive
    assert controls["total_deg"].value == pytest.approx(controls["total_deg"].max / 2, abs=0.1)
    pose = model.solve(total_deg=20.0, **controls.conditions())
    controls.follow(pose)  # the inactive drive follows the pose and is disabled
    assert controls["torque_nm"].disabled and controls["torque_nm"].value == pytest.approx(
        float(pose.torque_nm), abs=0.01
    )
    with controls.silenced():
        assert controls.quiet
    controls.show_export("?total_deg=20", '{"a": 1}')
    assert controls["state_json"].value == '{"a": 1}' and "total_deg=20" in controls.state_link.value


def test_readouts_notes_errors_and_saved_line(tmp_path):
    from spinemodel._explorer_readouts import READOUT_NAMES, Readouts, pose_spread

    readouts = Readouts()
    model = sm.SpineModel()
    pose = model.solve(total_deg=30.0)
    readouts.show(model, pose, reach_deg=model.reachable_deg())
    assert set(readouts.by_name) == set(READOUT_NAMES) and all(w.value for w in readouts.by_name.values())
    readouts.notify("first")
    readouts.notify("second", append=True)
    assert "first" in readouts.status.value and "second" in readouts.status.value
    assert readouts.notices == ["first", "second"]
    readouts.clear_notes()
    assert readouts.status.value == ""
    try:
        raise RuntimeError("on purpose <b>")
    except RuntimeError as exc:
        readouts.show_error(exc)
    assert readouts.error.layout.display == "block" and "on purpose &lt;b&gt;" in readouts.error.value
    readouts.hide_error()
    assert readouts.error.layout.display == "none" and readouts.errors
    png = tmp_path / "f.png"
    png.write_bytes(b"\x89PNG")
    readouts.show_saved(png)
    assert "download" in readouts.saved.value and "f.png" in readouts.saved.value
    from spinemodel import plotting

    sweep = plotting.population_sweep(model, 50)
    spread = pose_spread(sweep, pose, total_mode=True)
    assert 0.0 <= spread["fraction"] <= 1.0 and len(spread["lumbar"]) == 2


def test_layout_css_is_scoped_and_sizes_are_checked():
    from spinemodel._explorer_figure import figure_size
    from spinemodel._explorer_layout import explorer_css

    css = explorer_css("spinemodel-xabc", 960, 592, lecture=True)
    rules = [line for line in css.splitlines() if "{" in line]
    assert rules and all(line.startswith(".spinemodel-xabc") for line in rules)
    assert "min(960px" in css and ".spinemodel-lecture" in css
    assert ".spinemodel-lecture" not in explorer_css("spinemodel-xabc", 960, 592, lecture=False)
    assert figure_size("notebook", None, None) == ((12.0, 7.4), 80.0)
    assert figure_size("lecture", None, None) == ((17.0, 10.5), 52.0)
    with pytest.raises(ValueError, match="figsize"):
        figure_size("notebook", (0.5, 3.0), None)
    with pytest.raises(TypeError, match="figsize"):
        figure_size("notebook", "big", None)
    with pytest.raises(ValueError, match="dpi"):
        figure_size("notebook", None, 1000)


def test_page_keys_helper_sits_in_the_explorer(monkeypatch):
    from spinemodel._explorer_keys import PAGE_STEPS, page_keys

    pytest.importorskip("anywidget")
    explorer = explore(backend="inline")
    keys = explorer._page_keys
    assert keys in explorer.widget.children and keys.steps == PAGE_STEPS == 10
    assert keys.scope in explorer.widget._dom_classes
    assert set(keys.sliders) == {"spinemodel-control-total-deg", "spinemodel-control-torque-nm"}
    assert all(f"spinemodel-control-{n}" in explorer.controls[m]._dom_classes for n, m in
               (("total-deg", "total_deg"), ("torque-nm", "torque_nm")))  # fmt: skip
    with pytest.raises(ValueError, match="steps"):
        page_keys("x", (), steps=0)
    with pytest.raises(ValueError, match="scope"):
        page_keys("", ())
    monkeypatch.setitem(sys.modules, "anywidget", None)  # without anywidget: ipywidgets' own keys
    assert page_keys("x", ("y",)) is None
    assert explore(backend="inline")._page_keys is None
