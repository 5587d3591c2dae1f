"""The explorer driven from code: every control and every scenario preset moves the pose and
the drawn figure; the figure is built once and updated in place; errors are shown, not lost.

Headless (the explorer draws with Agg underneath ipympl or the inline image); no timing
is asserted.
"""

from __future__ import annotations

import sys

import numpy as np
import pytest

pytest.importorskip("ipywidgets")
pytest.importorskip("matplotlib")

import spinemodel as sm  # noqa: E402
from spinemodel import widgets as W  # noqa: E402
from spinemodel.widgets import explore  # noqa: E402

BACKENDS = ["ipympl", "inline"]
REGIONS = ("hips", "lumbar", "thoracic", "total")


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
    if c["drive"].value == "total":
        return explorer.model.solve(total_deg=c["total_deg"].value, **kwargs)
    return explorer.model.solve(torque_nm=c["torque_nm"].value, **kwargs)


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


def test_slider_ranges_come_from_the_model(explorer):
    model = explorer.model
    c = explorer.controls
    assert c["torque_nm"].max == model.max_torque_nm
    assert c["total_deg"].max <= model.reachable_deg(pelvis="free", strategy="passive")
    assert c["total_deg"].max > model.reachable_deg(pelvis="free", strategy="passive") - 0.5
    assert (c["hip_mobility"].min, c["hip_mobility"].max) == sm.MOBILITY_RANGE


# --- every control --------------------------------------------------------------------------------
CONTROL_CHANGES = [
    ("total_deg", 80.0),
    ("pelvis", "fixed"),
    ("strategy", "hip_led"),
    ("hip_mobility", 0.4),
    ("thoracic_mobility", 2.0),
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
    c["torque_nm"].value = 30.0
    assert explorer.pose.torque_nm == pytest.approx(30.0)
    _assert_pose_matches_controls(explorer)
    assert _changed(frame, _frame(explorer))
    # the inactive rotation slider follows the pose
    assert c["total_deg"].value == pytest.approx(float(explorer.pose.total_deg))


@pytest.mark.parametrize("drive", ["total", "torque"])
def test_switching_the_drive_keeps_the_pose(explorer, drive):
    c = explorer.controls
    if drive == "torque":
        c["drive"].value = "torque"
        c["torque_nm"].value = 12.5
        target = "total"
    else:
        c["total_deg"].value = 73.5
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
    c["hip_mobility"].value = 2.5
    assert explorer.errors == []
    _assert_pose_matches_controls(explorer)
    assert explorer.pose.regions_deg["hips"] == 0.0
    c["pelvis"].value = "free"
    assert not c["hip_mobility"].disabled


def test_strategy_brings_its_bracing(explorer):
    explorer.controls["strategy"].value = "braced"
    assert explorer.controls["lumbar_bracing"].value == sm.STRATEGIES["braced"].lumbar_bracing
    _assert_pose_matches_controls(explorer)


def test_shrinking_reach_clamps_the_slider_and_says_so(explorer):
    c = explorer.controls
    c["total_deg"].value = 140.0
    c["thoracic_mobility"].value = 0.1
    reach = explorer.model.reachable_deg(pelvis="free", strategy="passive", thoracic_mobility=0.1)
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
    assert totals[-1] == pytest.approx(c["total_deg"].max, abs=c["total_deg"].step)
    assert explorer.errors == []


def test_reset_restores_the_start(tmp_path):
    explorer = explore(backend="inline", scenario="golf_backswing", save_dir=tmp_path)
    start = {k: c.value for k, c in explorer.controls.items() if hasattr(c, "value")}
    explorer.controls["pelvis"].value = "fixed"
    explorer.controls["drive"].value = "torque"
    explorer.controls["torque_nm"].value = 50.0
    explorer.controls["reset"].click()
    now = {k: c.value for k, c in explorer.controls.items() if hasattr(c, "value")}
    assert now == start
    assert explorer.pose.regions_deg["total"] == pytest.approx(100.0)


def test_save_button_writes_a_png(explorer):
    explorer.controls["total_deg"].value = 95.0
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
    assert _changed(frame, _frame(explorer))
    assert sm.SCENARIOS[name].description[:30] in explorer._scenario_text.value.replace("&#x27;", "'")
    # moving a control afterwards leaves the preset
    c["thoracic_mobility"].value = 1.5
    assert c["scenario"].value == ""


@pytest.mark.parametrize("name", ["seated_twist_stretch", "golf_backswing"])  # torque- and angle-driven
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
    for value in (20.0, 60.0, 110.0):
        c["total_deg"].value = value
    c["pelvis"].value = "fixed"
    c["strategy"].value = "braced"
    c["thoracic_mobility"].value = 0.7
    c["scenario"].value = "supine_knee_drop"
    assert explorer.figure is fig and len(fig.axes) == n_axes
    new = {id(a) for a in fig.findobj()} - artists
    assert not new, f"{len(new)} artists were created by updates"


def test_drive_changes_blit_and_match_a_full_redraw(explorer):
    c = explorer.controls
    c["total_deg"].value = 50.0  # may learn moving artists
    full = explorer.full_draws
    for value in (55.0, 61.5, 70.0):
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
        ({"torque_nm": 200.0}, ValueError, ["torque_nm", "200", "95"]),
        ({"total_deg": 30.0, "torque_nm": 5.0}, ValueError, ["total_deg", "torque_nm"]),
        ({"hip_mobility": 5.0}, ValueError, ["hip_mobility", "5", "3"]),
        ({"thoracic_mobility": 0.0}, ValueError, ["thoracic_mobility", "0.1"]),
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
        st.tuples(st.just("torque_nm"), st.floats(0.0, 95.0)),
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
    explorer = explore(backend="inline", scenario="golf_backswing", hip_mobility=0.5)
    assert explorer.controls["scenario"].value == ""
    assert explorer.controls["hip_mobility"].value == 0.5
    assert explorer.controls["strategy"].value == "hip_led"
    _assert_pose_matches_controls(explorer)
