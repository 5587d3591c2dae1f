"""Figures: every figure renders in every style without warnings, labels its axes with
units, says "model estimate", keeps its text inside the figure, updates in place, and
matches its regression baseline.

Regression baselines live in ``tests/baseline/``: for each figure a small notebook-style
PNG (60 dpi) drawn with every text hidden and left out of the layout, compared with
``matplotlib.testing.compare.compare_images`` at an RMS tolerance of ``BASELINE_TOL``,
and ``NAME.texts.json``, the texts the figure shows (titles, labels, legends,
annotations; not the tick labels matplotlib formats), compared exactly. Hiding the text
makes the images independent of how a matplotlib release renders and measures fonts
(matplotlib 3.10 on Python 3.10 and 3.11 on newer Pythons draw them identically), while
a changed curve, bar, colour, layout or wording still fails. After an intended change of
a figure (or of the model's numbers), regenerate them with one command::

    make baselines

(which runs ``SPINEMODEL_UPDATE_BASELINES=1 MPLBACKEND=Agg .venv/bin/python -m pytest
tests/test_plotting.py -k test_baseline``), then look at the new PNGs and the texts'
diff before committing them.
"""

from __future__ import annotations

import json
import os
import re
import warnings
from collections.abc import Callable
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.legend  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import matplotlib.text  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.testing.compare import compare_images  # noqa: E402
from matplotlib.ticker import FixedFormatter  # noqa: E402

import spinemodel as sm  # noqa: E402
from spinemodel import plotting, styles  # noqa: E402
from spinemodel.population import nan_quantiles  # noqa: E402

BASELINE_DIR = Path(__file__).resolve().parent / "baseline"
BASELINE_DPI = 60
BASELINE_TOL = 1.0
UPDATE = os.environ.get("SPINEMODEL_UPDATE_BASELINES") == "1"

MODEL = sm.SpineModel()
SPREAD = 300  # model bodies of the banded figures in these tests


def _seated():
    return MODEL.solve(scenario="seated_twist_stretch")


def _standing():
    return MODEL.solve(scenario="standing_turn")


# name -> function drawing the figure (as the figure set draws it)
FIGURES: dict[str, Callable[[], plotting.Drawn]] = {
    "region_split": lambda: plotting.plot_region_split(MODEL, _standing()),
    "loads": lambda: plotting.plot_loads(MODEL, _seated()),
    "levels": lambda: plotting.plot_levels(MODEL, _seated()),
    "top_view": lambda: plotting.plot_top_view(MODEL, _seated()),
    "column": lambda: plotting.plot_column(MODEL, _seated()),
    "strategies": lambda: plotting.plot_strategies(MODEL),
    "hip_stiffness": lambda: plotting.plot_hip_stiffness(MODEL, _standing()),
    "golf_backswing": lambda: plotting.plot_golf_backswing(MODEL),
    "scenarios": lambda: plotting.plot_scenarios(MODEL),
    # with the population band, as the figure set draws them (300 bodies keep the tests quick)
    "region_split_spread": lambda: plotting.plot_region_split(MODEL, _standing(), spread=SPREAD),
    "loads_spread": lambda: plotting.plot_loads(MODEL, _seated(), spread=SPREAD),
    "strategies_spread": lambda: plotting.plot_strategies(MODEL, spread=SPREAD),
}


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _texts(fig) -> list:
    return [t for t in fig.findobj(matplotlib.text.Text) if t.get_visible() and t.get_text().strip()]


def _is_number(text: str) -> bool:
    try:
        float(text.replace("\N{MINUS SIGN}", "-"))
    except ValueError:
        return False
    return True


def _render(name: str, style: str):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with plotting.style(style):
            drawn = FIGURES[name]()
            drawn.figure.canvas.draw()
    return drawn


def _assert_inside(fig, what: str) -> None:
    """Nothing drawn (texts, tick labels, legends, colour bars) runs off the figure's edge."""
    renderer = fig.canvas.get_renderer()
    width, height = fig.get_size_inches()
    box = fig.get_tightbbox(renderer)
    loose = [
        t.get_text()[:40]
        for t in _texts(fig)
        if t in fig.texts or any(t in (*ax.texts, ax.title, ax._left_title) for ax in fig.axes)
        if not fig.bbox.expanded(1.0, 1.0).padded(1.0).contains(*t.get_window_extent(renderer).min)
        or not fig.bbox.padded(1.0).contains(*t.get_window_extent(renderer).max)
    ]
    assert not loose, f"{what}: text cut off: {loose}"
    tol = 0.02  # inches
    assert box.x0 >= -tol and box.y0 >= -tol and box.x1 <= width + tol and box.y1 <= height + tol, (
        f"{what}: drawing extends past the figure: {box} vs {width} x {height} in"
    )


def test_inside_check_can_fail():
    fig = plt.figure(figsize=(4, 3))
    fig.text(0.9, 0.5, "a long sentence running off the right edge")
    fig.canvas.draw()
    with pytest.raises(AssertionError, match="cut off"):
        _assert_inside(fig, "probe")


# --- every figure, every style ------------------------------------------------------------------
@pytest.mark.parametrize("style", plotting.STYLES)
@pytest.mark.parametrize("name", list(FIGURES))
def test_figure_renders_cleanly(name, style):
    drawn = _render(name, style)
    fig = drawn.figure
    assert isinstance(drawn, plotting.Drawn)
    assert drawn.axes and all(ax.figure is fig for ax in drawn.axes)
    assert isinstance(drawn.artists, dict) and drawn.artists

    # says it is a model estimate
    assert any("model estimate" in t.get_text() for t in _texts(fig)), "no 'model estimate' label"

    # every numeric axis names its quantity and unit; categorical axes name their items
    for ax in fig.axes:
        if not ax.axison:
            continue
        for axis, label in ((ax.yaxis, ax.get_ylabel()), (ax.xaxis, ax.get_xlabel())):
            if not axis.get_visible() or not any(t.get_visible() for t in axis.get_ticklabels()):
                continue
            if isinstance(axis.get_major_formatter(), FixedFormatter) or not all(
                _is_number(t.get_text()) for t in axis.get_ticklabels()
            ):
                continue  # named ticks (joints, levels, scenarios)
            shared = [
                a
                for a in fig.axes
                if a is not ax and axis is ax.xaxis and a.get_shared_x_axes().joined(a, ax)
            ]
            if axis is ax.xaxis and not label and any(a.get_xlabel() for a in shared):
                continue  # a twin Axes: the label sits on its partner
            assert label.strip(), f"{name}: an axis without a label"
            assert "(" in label and ")" in label, f"{name}: axis label {label!r} has no unit"

    _assert_inside(fig, f"{name} ({style})")


def test_lecture_is_16_9_at_1920_px_or_more():
    drawn = _render("region_split", "lecture")
    width, height = drawn.figure.canvas.get_width_height()
    assert width >= 1920
    assert width / height == pytest.approx(16 / 9, rel=0.01)
    params = styles.style_params("lecture")
    assert params["figure.figsize"][0] * params["savefig.dpi"] >= 1920


def test_lecture_fonts_and_lines_are_bigger_than_notebook():
    lecture, notebook = styles.style_params("lecture"), styles.style_params("notebook")
    # relative to the figure height, lecture text is at least as large as the notebook's
    assert lecture["font.size"] / lecture["figure.figsize"][1] >= 0.98 * (
        notebook["font.size"] / notebook["figure.figsize"][1]
    )
    assert lecture["font.size"] >= 18 and lecture["lines.linewidth"] >= 4


# --- colours -------------------------------------------------------------------------------------
def test_palette_is_okabe_ito_and_regions_keep_their_colour():
    okabe = {c.upper() for c in styles.OKABE_ITO.values()}
    assert {c.upper() for c in plotting.REGION_COLORS.values()} <= okabe
    assert {c.upper() for c in plotting.ZONE_COLORS.values()} <= okabe
    assert set(plotting.ZONE_COLORS) == set(sm.ZONES)
    assert len(set(plotting.ZONE_COLORS.values())) == len(sm.ZONES)
    # legs, hips, lumbar and thoracic apart; the pelvis (legs + hips) takes the hips' colour
    parts = ("legs", "hips", "lumbar", "thoracic")
    assert len({plotting.REGION_COLORS[r] for r in parts}) == 4
    assert plotting.REGION_COLORS["pelvis"] == plotting.REGION_COLORS["hips"]
    assert set(_standing().regions_deg) - {"total"} <= set(plotting.REGION_COLORS)
    # a region's colour is never a zone's
    assert not {plotting.REGION_COLORS[r] for r in parts} & set(plotting.ZONE_COLORS.values())
    with plotting.style("notebook"):
        split = plotting.plot_region_split(MODEL, _standing())
        hips = plotting.plot_hip_stiffness(MODEL)
    for region in parts:
        assert matplotlib.colors.same_color(split.artists[region].get_color(), plotting.REGION_COLORS[region])
    default_curve = hips.artists["curves"][1.0]
    assert matplotlib.colors.same_color(default_curve.get_color(), plotting.REGION_COLORS["lumbar"])


def test_levels_bars_take_the_zone_colour_of_each_joint():
    pose = MODEL.solve(total_deg=30.0, pelvis="fixed")  # neutral and elastic joints
    with plotting.style("notebook"):
        drawn = plotting.plot_levels(MODEL, pose)
    zones = {str(pose.zone[lv]) for lv in sm.LEVELS}
    assert {"neutral", "elastic"} <= zones
    for bar, level in zip(drawn.artists["angle_bars"], sm.LEVELS, strict=True):
        expected = plotting.ZONE_COLORS[str(pose.zone[level])]
        assert matplotlib.colors.same_color(bar.get_facecolor(), expected), level
    # At the end of every scenario's range no joint is past its limit: no bar takes a "beyond" colour.
    beyond = [plotting.ZONE_COLORS["beyond_limit"], plotting.ZONE_COLORS["beyond_tolerance"]]
    for name in sm.SCENARIOS:
        drawn.update(MODEL.solve(scenario=name))
        for bar in drawn.artists["angle_bars"]:
            assert not any(matplotlib.colors.same_color(bar.get_facecolor(), c) for c in beyond), name
    plt.close(drawn.figure)


# --- styles -------------------------------------------------------------------------------------
def test_style_context_restores_settings():
    before = dict(matplotlib.rcParams)
    with plotting.style("lecture"):
        assert matplotlib.rcParams["font.size"] == styles.style_params("lecture")["font.size"]
        assert plotting.current_style() == "lecture"
    assert matplotlib.rcParams["font.size"] == before["font.size"]
    assert plotting.current_style() == "notebook"


def test_use_style_sets_globally_and_new_figures_follow_it():
    try:
        plotting.use_style("paper")
        assert plotting.current_style() == "paper"
        drawn = plotting.plot_region_split(MODEL)
        assert tuple(drawn.figure.get_size_inches()) == pytest.approx(
            styles.style_params("paper")["figure.figsize"]
        )
    finally:
        plotting.use_style("notebook")
        matplotlib.rcdefaults()


@pytest.mark.parametrize("bad", ["slides", "", "Lecture"])
def test_unknown_style_is_a_clear_error(bad):
    with pytest.raises(ValueError, match=r"style.*not a known style.*'lecture'"):
        plotting.use_style(bad)
    with pytest.raises(ValueError, match="not a known style"):
        with plotting.style(bad):
            pass


def test_style_must_be_a_string():
    with pytest.raises(TypeError, match="style must be a string"):
        plotting.use_style(3)


# --- update in place ----------------------------------------------------------------------------
def _snapshot(fig):
    """Identities of every artist drawn in the figure (tick marks excluded: they follow the limits)."""
    ids = {id(ax) for ax in fig.axes} | {id(t) for t in fig.texts}
    for ax in fig.axes:
        for group in (ax.lines, ax.patches, ax.collections, ax.texts, ax.images):
            ids |= {id(artist) for artist in group}
        if ax.get_legend() is not None:
            ids.add(id(ax.get_legend()))
    return frozenset(ids)


UPDATABLE = ["region_split", "loads", "levels", "top_view", "column", "strategies", "hip_stiffness"]
UPDATABLE += ["region_split_spread", "loads_spread", "strategies_spread"]


@pytest.mark.parametrize("name", UPDATABLE)
def test_update_changes_data_without_new_artists(name):
    with plotting.style("notebook"):
        drawn = FIGURES[name]()
        fig = drawn.figure
        fig.canvas.draw()
        before = _snapshot(fig)
        figures_before = plt.get_fignums()
        image_before = np.asarray(fig.canvas.buffer_rgba()).copy()
        other = MODEL.solve(total_deg=40.0, pelvis="free", strategy="hip_led", hip_mobility=0.6)
        assert drawn.update(other) is drawn
        assert _snapshot(fig) == before, "update added or removed artists"
        assert plt.get_fignums() == figures_before, "update made a new figure"
        fig.canvas.draw()
        image_after = np.asarray(fig.canvas.buffer_rgba())
    assert image_after.shape == image_before.shape
    assert np.any(image_after != image_before), "update changed nothing that is drawn"


def test_region_split_recomputes_curves_when_the_conditions_change():
    drawn = plotting.plot_region_split(MODEL, MODEL.solve(total_deg=40.0, pelvis="free"))
    hips, legs = drawn.artists["hips"], drawn.artists["legs"]
    x0, y0 = (np.array(v, dtype=float) for v in hips.get_data())
    assert y0.max() > 10.0  # standing: the hips turn
    assert np.asarray(legs.get_ydata()).max() > 1.0  # and the legs
    # the curves run from 0 to the envelope, where a line marks the end of the range
    assert x0[0] == 0.0 and x0[-1] == pytest.approx(MODEL.reachable_deg(pelvis="free"))
    assert drawn.artists["reach_line"].get_xdata()[0] == pytest.approx(MODEL.reachable_deg(pelvis="free"))
    assert "legs and hips" in drawn.artists["reach_label"].get_text()
    drawn.update(MODEL.solve(total_deg=40.0, pelvis="fixed"))
    x1, y1 = (np.array(v, dtype=float) for v in hips.get_data())
    assert drawn.artists["hips"] is hips
    assert y1.max() == pytest.approx(0.0, abs=1e-9)  # seated: the hips take no part
    assert np.asarray(legs.get_ydata()).max() == pytest.approx(0.0, abs=1e-9)
    assert x1[-1] == pytest.approx(MODEL.reachable_deg(pelvis="fixed"))
    assert "upper back" in drawn.artists["reach_label"].get_text()
    # the lumbar spine does not reach its range inside the envelope, and the legend says so
    assert np.asarray(drawn.artists["lumbar"].get_ydata()).max() < MODEL.lumbar_cap_deg
    assert "not reached" in drawn.artists["cap_label"].get_text()
    assert f"{MODEL.lumbar_cap_deg:.1f}" in drawn.artists["cap_label"].get_text()
    # the marked pose moved onto the new curves
    offsets = drawn.artists["pose_points"].get_offsets()
    assert offsets[0][0] == pytest.approx(40.0)
    assert offsets[0][1] == pytest.approx(0.0, abs=1e-9)


def test_loads_marks_the_pose_on_its_curve():
    pose = MODEL.solve(total_deg=30.0, pelvis="fixed")
    drawn = plotting.plot_loads(MODEL, pose)
    x, y = drawn.artists["pose_force"].get_data()
    assert x[0] == pytest.approx(pose.regions_deg["lumbar"])
    most = max(pose.facet_force_n[lv]["contralateral"] for lv in sm.LUMBAR_LEVELS)
    assert y[0] == pytest.approx(most)  # the most loaded level's pressed facet
    cx, cy = (np.asarray(v, dtype=float) for v in drawn.artists["contralateral"].get_data())
    assert np.interp(x[0], cx, cy) == pytest.approx(y[0], rel=0.02)
    # the curves end where the body's range ends (seated: lumbar rotation at the envelope)
    end = MODEL.solve(scenario="seated_twist_stretch")
    assert cx[-1] == pytest.approx(end.regions_deg["lumbar"], rel=1e-6)
    assert drawn.artists["reach_line"].get_xdata()[0] == pytest.approx(cx[-1])
    assert cx[-1] < MODEL.lumbar_cap_deg
    # zones shaded where the lumbar spine's own limits put them
    assert drawn.artists["zone_beyond_limit"].get_x() == pytest.approx(MODEL.lumbar_cap_deg)
    # the damage threshold drawn is the model's
    damage = min(MODEL.annulus_thresholds_pct(lv)["damage"] for lv in sm.LUMBAR_LEVELS)
    assert drawn.artists["damage"].get_ydata()[0] == pytest.approx(damage)


def test_levels_shows_each_joints_own_limit_under_the_conditions():
    pose = MODEL.solve(total_deg=60.0, pelvis="free", hip_mobility=1.5)
    drawn = plotting.plot_levels(MODEL, pose)
    limits = drawn.artists["limits"].get_offsets()[:, 0]
    assert limits == pytest.approx([pose.limits_deg[lv] for lv in sm.LEVELS])
    widths = [bar.get_width() for bar in drawn.artists["angle_bars"]]
    assert widths == pytest.approx([abs(pose.levels_deg[lv]) for lv in sm.LEVELS])


def _turn_angle(x, y):
    """Turn (deg) of a point of the top view from straight ahead, counter-clockwise seen from above."""
    return np.degrees(np.arctan2(-np.asarray(x, dtype=float), np.asarray(y, dtype=float)))


def _wedge_span(wedge):
    """First and last angle (deg) of a top-view wedge's rim."""
    xy = np.asarray(wedge.get_xy(), dtype=float)
    rim = xy[np.hypot(xy[:, 0], xy[:, 1]) > 0.5]
    angles = _turn_angle(rim[:, 0], rim[:, 1])
    return angles[0], angles[-1]


def _check_top_view(drawn, pose):
    """The top view of ``pose``: shoulders at the total, a wedge per region that turns, spanning its
    angle in order legs, hips, lumbar, thoracic from where the feet point, the lumbar range's end."""
    xs, ys = (np.asarray(v, dtype=float) for v in drawn.artists["shoulders"].get_data())
    assert np.degrees(np.arctan2(ys[1] - ys[0], xs[1] - xs[0])) == pytest.approx(pose.total_deg, abs=1e-6)
    start = 0.0
    for region in ("legs", "hips", "lumbar", "thoracic"):
        wedge, label = drawn.artists["wedges"][region], drawn.artists["labels"][region]
        angle = float(pose.regions_deg[region])
        turns = round(abs(angle), 1 if region == "lumbar" else 0) > 0
        assert wedge.get_visible() == label.get_visible() == turns, region
        if turns:
            first, last = _wedge_span(wedge)
            assert first == pytest.approx(start, abs=1e-6) and last - first == pytest.approx(angle, abs=1e-6)
            number = f"{abs(angle):.1f}°" if region == "lumbar" else f"{abs(angle):.0f}°"
            assert label.get_text().split() == [region, number], region
        start += angle
    assert start == pytest.approx(pose.total_deg, abs=1e-9)
    x, y = drawn.artists["range_line"].get_data()
    wall = pose.regions_deg["pelvis"] + np.sign(pose.total_deg) * pose.lumbar_cap_deg
    assert _turn_angle(x, y) == pytest.approx([wall, wall], abs=1e-6)
    assert f"({pose.lumbar_cap_deg:.1f}°)" in drawn.artists["range_label"].get_text()
    ticks = drawn.artists["level_ticks"].get_segments()
    cumulative = np.cumsum([pose.levels_deg[lv] for lv in sm.LEVELS])[2:]  # L5 ... T1
    assert [_turn_angle(*seg[1]) for seg in ticks] == pytest.approx(cumulative, abs=1e-6)


def test_top_view_shows_each_regions_share_as_a_wedge_up_to_the_shoulders():
    seated = _seated()
    drawn = plotting.plot_top_view(MODEL, seated)
    _check_top_view(drawn, seated)
    # seated: the legs and hips take no part, and leave no label
    assert not any(drawn.artists[k][r].get_visible() for k in ("wedges", "labels") for r in ("legs", "hips"))
    assert drawn.artists["pelvis_label"].get_text() == "pelvis 0°"
    # the lumbar wedge stops short of the bar where its range ends; the thoracic wedge runs on past it
    _, lumbar_end = _wedge_span(drawn.artists["wedges"]["lumbar"])
    wall = _turn_angle(*drawn.artists["range_line"].get_data())[0]
    assert 0 < lumbar_end < wall < _wedge_span(drawn.artists["wedges"]["thoracic"])[1]
    # standing: the legs and hips turn the pelvis over the planted feet (the same figure, updated)
    standing = MODEL.solve(total_deg=60.0, pelvis="free")
    drawn.update(standing)
    _check_top_view(drawn, standing)
    assert all(drawn.artists["wedges"][r].get_visible() for r in ("legs", "hips"))
    pelvis_x, pelvis_y = drawn.artists["pelvis"].get_data()
    widest = np.argmax(np.hypot(pelvis_x, pelvis_y))  # an end of the pelvis' long axis, turned with it
    turned = _turn_angle(pelvis_x[widest], pelvis_y[widest]) % 180.0
    assert turned == pytest.approx((standing.regions_deg["pelvis"] - 90.0) % 180.0, abs=2.0)
    drawn.update(seated)
    _check_top_view(drawn, seated)
    assert not drawn.artists["labels"]["legs"].get_visible()


def test_top_view_mirrors_a_turn_to_the_right():
    left = MODEL.solve(torque_nm=5.0, pelvis="fixed")
    right = MODEL.solve(torque_nm=-5.0, pelvis="fixed")
    drawn_left = plotting.plot_top_view(MODEL, left)
    drawn = plotting.plot_top_view(MODEL, right)
    _check_top_view(drawn, right)
    for region in ("lumbar", "thoracic"):
        x, y = np.asarray(drawn.artists["wedges"][region].get_xy(), dtype=float).T
        x_left, y_left = np.asarray(drawn_left.artists["wedges"][region].get_xy(), dtype=float).T
        assert x == pytest.approx(-x_left) and y == pytest.approx(y_left)  # the mirror image
        assert x.max() > 0.1 and x.min() >= -1e-9  # to the right of where the feet point
        label_x, label_y = drawn.artists["labels"][region].get_position()
        left_x, left_y = drawn_left.artists["labels"][region].get_position()
        assert (label_x, label_y) == pytest.approx((-left_x, left_y))
    assert drawn.artists["range_line"].get_xdata()[1] > 0


def test_column_colours_discs_by_strain_and_facets_by_force():
    pose = _seated()
    with plotting.style("notebook"):
        drawn = plotting.plot_column(MODEL, pose)
    drawn.figure.canvas.draw()
    strains = [pose.annulus_strain_pct[lv] for lv in sm.LUMBAR_LEVELS]
    contra = [pose.facet_force_n[lv]["contralateral"] for lv in sm.LUMBAR_LEVELS]
    damage = min(MODEL.annulus_thresholds_pct(lv)["damage"] for lv in sm.LUMBAR_LEVELS)
    discs, facets = drawn.artists["discs"], drawn.artists["facets"]
    assert np.asarray(discs.get_array()) == pytest.approx(strains)
    # the drawn colours are the one strain scale (and the one force scale) at the pose's values
    expected = matplotlib.colormaps[styles.STRAIN_CMAP](discs.norm(strains))
    assert np.asarray(discs.get_facecolors()) == pytest.approx(expected, abs=1e-6)
    assert discs.norm.vmin == 0.0 and discs.norm.vmax > damage
    assert np.asarray(facets.get_array()) == pytest.approx(contra)  # one pressed facet per level
    expected = matplotlib.colormaps[styles.FACET_CMAP](facets.norm(contra))
    assert np.asarray(facets.get_facecolors()) == pytest.approx(expected, abs=1e-6)
    # the colour bars show those scales and name their quantity and unit
    for bar, mappable, words in (
        (drawn.artists["strain_colorbar"], discs, ("strain", "(%)")),
        (drawn.artists["force_colorbar"], facets, ("force", "(N)")),
    ):
        assert bar.cmap.name == mappable.get_cmap().name
        assert (bar.norm.vmin, bar.norm.vmax) == (mappable.norm.vmin, mappable.norm.vmax)
        assert all(w in bar.ax.get_ylabel() for w in words), bar.ax.get_ylabel()
    assert drawn.axes[1:] == (drawn.artists["strain_colorbar"].ax, drawn.artists["force_colorbar"].ax)
    assert styles.STRAIN_CMAP != styles.FACET_CMAP
    # the damage threshold is drawn across the strain bar and named at its tick
    strain_ax = drawn.artists["strain_colorbar"].ax
    assert any(line.get_ydata()[0] == pytest.approx(damage) for line in strain_ax.lines)
    ticks = {t.get_text() for t in strain_ax.get_yticklabels()}
    assert f"{damage:.1f} damage" in ticks
    # the facets on the turning side gap: drawn open, without a colour of the force scale
    gapping = drawn.artists["gapping"]
    assert gapping.get_array() is None
    assert all(matplotlib.colors.same_color(c, "white") for c in gapping.get_facecolors())
    assert len(gapping.get_offsets()) == len(sm.LUMBAR_LEVELS)
    # the per-level labels give the same numbers
    for text, s, f in zip(drawn.artists["numbers"], strains, contra, strict=True):
        assert f"{s:.1f}%" in text.get_text() and f"{f:.0f} N" in text.get_text()
    plt.close(drawn.figure)


def test_column_says_the_thoracic_loads_are_not_modelled():
    drawn = plotting.plot_column(MODEL, _seated())
    drawn.figure.canvas.draw()
    thoracic = drawn.artists["thoracic_discs"]
    assert thoracic.get_array() is None  # no data, so no colour of either scale
    assert len(thoracic.get_paths()) == len(sm.THORACIC_LEVELS)
    assert thoracic.get_hatch()
    scale_colours = [
        matplotlib.colormaps[name](np.linspace(0.0, 1.0, 256))
        for name in (styles.STRAIN_CMAP, styles.FACET_CMAP)
    ]
    for face in thoracic.get_facecolors():
        for colours in scale_colours:
            assert np.min(np.abs(colours[:, :3] - face[:3]).sum(axis=1)) > 0.05  # not a scale colour
    label = drawn.artists["not_modelled"].get_text()
    assert drawn.artists["not_modelled"].get_visible()
    assert "thoracic" in label and "loads not modelled" in label
    legend = [t.get_text() for t in drawn.artists["legend"].get_texts()]
    assert any("not modelled" in t for t in legend)
    # the title claims only what the lumbar numbers show
    title = drawn.artists["title"].get_text()
    assert "low back" not in title and title.startswith("Lumbar loads")
    plt.close(drawn.figure)


def test_column_mirrors_the_pressed_facets_and_keeps_its_artists():
    drawn = plotting.plot_column(MODEL, _seated())
    xs = np.asarray(drawn.artists["facets"].get_offsets())[:, 0]
    assert np.all(xs > np.asarray(drawn.artists["gapping"].get_offsets())[:, 0])  # turning +: +x pressed
    torque = MODEL.reachable_torque_nm(pelvis="fixed")
    drawn.update(MODEL.solve(torque_nm=-torque, pelvis="fixed"))
    xs = np.asarray(drawn.artists["facets"].get_offsets())[:, 0]
    assert np.all(xs < np.asarray(drawn.artists["gapping"].get_offsets())[:, 0])
    drawn.update(MODEL.solve(total_deg=0.0, pelvis="fixed"))
    assert "none at this pose" in drawn.artists["title"].get_text()
    plt.close(drawn.figure)


def test_strategies_change_only_the_strategy_and_agree_with_the_scenarios():
    drawn = plotting.plot_strategies(MODEL, total_deg=45.0)
    seated, standing = drawn.artists["panels"]["seated"], drawn.artists["panels"]["standing"]
    assert set(seated["curves"]) == {"passive", "braced"}
    assert set(standing["curves"]) == {"passive", "braced", "hip_led"}
    # one thing changes: every compared pose shares the panel's pelvis and mobilities
    for panel, pelvis in ((seated, "fixed"), (standing, "free")):
        for strategy, pose in panel["poses"].items():
            assert pose.conditions["pelvis"] == pelvis
            assert pose.conditions["strategy"] == strategy
    # seated: the same pull, the end of each range: the seated scenarios' numbers (figures 02, 03, 09)
    for strategy, scenario in (("passive", "seated_twist_stretch"), ("braced", "braced_seated_twist")):
        pose, ref = seated["poses"][strategy], MODEL.solve(scenario=scenario)
        assert pose.regions_deg["lumbar"] == pytest.approx(ref.regions_deg["lumbar"], rel=1e-6)
        assert f"lumbar {ref.regions_deg['lumbar']:.1f}°" in seated["summary"].get_text()
        force = max(ref.facet_force_n[lv]["contralateral"] for lv in sm.LUMBAR_LEVELS)
        assert f"facet {force:.0f} N" in seated["summary"].get_text()
    torques = [abs(p.torque_nm) for p in seated["poses"].values()]
    assert max(torques) - min(torques) < 1e-6
    # standing: the same total, inside every envelope; the standing scenarios' numbers
    for strategy, scenario in (("passive", "standing_turn"), ("hip_led", "hip_and_upper_back")):
        pose, ref = standing["poses"][strategy], MODEL.solve(scenario=scenario)
        assert pose.total_deg == pytest.approx(45.0)
        assert pose.regions_deg["lumbar"] == pytest.approx(ref.regions_deg["lumbar"], rel=1e-6)
    for strategy, curve in standing["curves"].items():
        x = np.asarray(curve.get_xdata(), float)
        assert x[-1] == pytest.approx(MODEL.reachable_deg(pelvis="free", strategy=strategy)) and x[-1] > 45.0
    # the two panels share the lumbar axis
    assert drawn.axes[0].get_ylim() == pytest.approx(drawn.axes[1].get_ylim())


def test_strategies_refuse_an_unreachable_total():
    total = MODEL.reachable_deg(pelvis="free", strategy="braced") + 1.0  # past the braced standing reach
    with pytest.raises(ValueError, match="total_deg = .*out of range"):
        plotting.plot_strategies(MODEL, total_deg=total)
    with pytest.raises(TypeError, match="total_deg must be a number"):
        plotting.plot_strategies(MODEL, total_deg="100")


# --- input errors ---------------------------------------------------------------------------------
def test_bad_inputs_are_clear_errors():
    pose = _seated()
    with pytest.raises(TypeError, match="model must be a spinemodel.SpineModel"):
        plotting.plot_loads("model", pose)
    with pytest.raises(TypeError, match="pose must be a spinemodel Pose"):
        plotting.plot_top_view(MODEL, {"total_deg": 3})
    with pytest.raises(ValueError, match="single pose"):
        plotting.plot_levels(MODEL, MODEL.solve(total_deg=[10.0, 20.0]))
    with pytest.raises(TypeError, match="ax must be a matplotlib Axes"):
        plotting.plot_region_split(MODEL, ax="left")
    with pytest.raises(ValueError, match="pelvis = 'free' disagrees"):
        plotting.plot_region_split(MODEL, pose, pelvis="free")
    with pytest.raises(ValueError, match="pelvis"):
        plotting.plot_region_split(MODEL, pelvis="sideways")
    with pytest.raises(ValueError, match="axes must be two Axes"):
        plotting.plot_levels(MODEL, pose, axes=[plt.figure().add_subplot()])
    drawn = plotting.plot_golf_backswing(MODEL)
    with pytest.raises(TypeError, match="does not follow a pose"):
        drawn.update(pose)
    with pytest.raises(TypeError, match="pose must be"):
        plotting.plot_loads(MODEL, pose).update(None)


def test_draws_into_a_given_axes():
    fig, (a, b) = plt.subplots(1, 2)
    drawn = plotting.plot_region_split(MODEL, _standing(), ax=b)
    assert drawn.figure is fig and drawn.axes == (b,)
    assert len(a.lines) == 0
    assert any("model estimate" in t.get_text() for t in fig.texts)


# --- export ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", plotting.SAVE_FORMATS)
def test_save_figure_writes_each_format(tmp_path, fmt):
    drawn = plotting.plot_scenarios(MODEL)
    path = plotting.save_figure(drawn.figure, tmp_path / "sub" / f"scenarios.{fmt}", dpi=30)
    head = path.read_bytes()[:8]
    assert {"png": b"\x89PNG", "svg": b"<?xml", "pdf": b"%PDF"}[fmt] in head


def test_save_figure_png_dpi_sets_the_pixel_size(tmp_path):
    from PIL import Image

    with plotting.style("lecture"):
        drawn = plotting.plot_scenarios(MODEL)
        path = plotting.save_figure(drawn, tmp_path / "a.png")
        assert Image.open(path).size == (1920, 1080)
        small = plotting.save_figure(drawn, tmp_path / "b.png", dpi=30)
        assert Image.open(small).size == (480, 270)


@pytest.mark.parametrize(
    ("path", "dpi", "message"),
    [("x.jpg", None, "suffix '.jpg'"), ("x.png", 0, "dpi = 0"), ("x.png", float("nan"), "dpi = nan")],
)
def test_save_figure_rejects_bad_arguments(tmp_path, path, dpi, message):
    drawn = plotting.plot_scenarios(MODEL)
    with pytest.raises(ValueError, match=message):
        plotting.save_figure(drawn.figure, tmp_path / path, dpi=dpi)


# --- regression baselines -------------------------------------------------------------------------
def _structure_only(fig) -> list[str]:
    """Hide every text of ``fig`` and take it out of the layout; return the texts that were shown.

    Titles, axis labels, tick labels, legends, annotations and figure texts are hidden and
    excluded from the layout, so the layout engine places the axes from their geometry alone
    and the saved image does not depend on how a matplotlib release renders or measures
    text. The returned list (in drawing order) holds the texts spinemodel wrote; tick labels
    and offset texts, which matplotlib formats, are left out.
    """
    for ax in fig.axes:
        ax.tick_params(which="both", labelbottom=False, labeltop=False, labelleft=False, labelright=False)
    formatted = set()
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            formatted |= {id(t) for t in axis.get_ticklabels(which="both")} | {id(axis.offsetText)}
    shown = []
    for artist in fig.findobj(lambda a: isinstance(a, (matplotlib.text.Text, matplotlib.legend.Legend))):
        if isinstance(artist, matplotlib.text.Text):
            if artist.get_visible() and artist.get_text().strip() and id(artist) not in formatted:
                shown.append(artist.get_text())
        artist.set_visible(False)
        artist.set_in_layout(False)
    return shown


def _render_baseline(name: str, path: Path, **rc) -> list[str]:
    """Save figure ``name`` (notebook style, text hidden) to ``path``; return its texts."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with plotting.style("notebook"), matplotlib.rc_context(rc):
            drawn = FIGURES[name]()
            texts = _structure_only(drawn.figure)
            plotting.save_figure(drawn.figure, path, dpi=BASELINE_DPI)
    return texts


def _baseline_texts(name: str) -> Path:
    return BASELINE_DIR / f"{name}.texts.json"


@pytest.mark.parametrize("name", list(FIGURES))
def test_baseline(name, tmp_path):
    baseline = BASELINE_DIR / f"{name}.png"
    if UPDATE:
        texts = _render_baseline(name, baseline)
        _baseline_texts(name).write_text(json.dumps(texts, indent=1, ensure_ascii=False) + "\n", "utf-8")
        pytest.skip(f"baseline written: {baseline} and {_baseline_texts(name).name}")
    assert baseline.exists() and _baseline_texts(name).exists(), (
        f"missing baseline {baseline} or its texts; write them with `make baselines` "
        "(see this module's docstring)"
    )
    actual = tmp_path / f"{name}.png"
    texts = _render_baseline(name, actual)
    result = compare_images(str(baseline), str(actual), tol=BASELINE_TOL)
    assert result is None, f"{name}: the drawing differs from its baseline: {result}"
    expected = json.loads(_baseline_texts(name).read_text("utf-8"))
    assert texts == expected, (
        f"{name}: the texts differ from {_baseline_texts(name).name}: "
        f"now {sorted(set(texts) - set(expected))}, before {sorted(set(expected) - set(texts))}"
    )


@pytest.mark.parametrize("name", list(FIGURES))
def test_baseline_does_not_depend_on_the_font(name, tmp_path):
    """Another font (other glyphs, other text sizes on screen) draws the same baseline image."""
    default = _render_baseline(name, tmp_path / "default.png")
    serif = _render_baseline(name, tmp_path / "serif.png", **{"font.family": "DejaVu Serif"})
    assert serif == default
    assert compare_images(str(tmp_path / "default.png"), str(tmp_path / "serif.png"), tol=0.0) is None


def test_baseline_comparison_catches_a_changed_figure(tmp_path):
    """The regression check can fail: a figure of another pose, or with another label, does not pass."""
    baseline = BASELINE_DIR / "loads.png"
    if not baseline.exists():
        pytest.skip("no baseline yet")
    changed = tmp_path / "loads.png"
    with plotting.style("notebook"):
        drawn = plotting.plot_loads(MODEL, MODEL.solve(torque_nm=3.5, pelvis="fixed"))
        _structure_only(drawn.figure)
        plotting.save_figure(drawn.figure, changed, dpi=BASELINE_DPI)
    assert compare_images(str(baseline), str(changed), tol=BASELINE_TOL) is not None
    with plotting.style("notebook"):
        relabelled = FIGURES["loads"]()
        relabelled.axes[0].set_xlabel("lumbar rotation (rad)")
        texts = _structure_only(relabelled.figure)
    assert texts != json.loads(_baseline_texts("loads").read_text("utf-8"))


@pytest.mark.parametrize("name", ["levels", "column", "loads"])
def test_a_figure_made_in_a_style_block_draws_the_same_after_it(name, tmp_path):
    """Notebooks show a figure after the cell's ``with style(...)`` block has ended."""
    with plotting.style("lecture"):
        inside = FIGURES[name]()
        plotting.save_figure(inside.figure, tmp_path / "inside.png", dpi=40)
        later = FIGURES[name]()
    plotting.save_figure(later.figure, tmp_path / "after.png", dpi=40)
    assert compare_images(str(tmp_path / "inside.png"), str(tmp_path / "after.png"), tol=0.01) is None


def test_strategies_update_moves_the_comparison_inside_the_envelopes():
    drawn = plotting.plot_strategies(MODEL)
    standing = drawn.artists["panels"]["standing"]
    drawn.update(MODEL.solve(total_deg=90.0, pelvis="free", strategy="hip_led"))  # past passive's reach
    reach = min(MODEL.reachable_deg(pelvis="free", strategy=s) for s in ("passive", "braced", "hip_led"))
    assert standing["compare_line"].get_xdata()[0] <= reach
    drawn.update(MODEL.solve(total_deg=30.0, pelvis="free"))
    assert standing["summary"].get_text().startswith("at the same 30° turn")
    seated = drawn.artists["panels"]["seated"]
    drawn.update(MODEL.solve(torque_nm=3.0, pelvis="fixed"))
    assert seated["summary"].get_text().startswith("at the same pull, 3.0 Nm")


def test_golf_backswing_against_mcteigue_and_the_upright_reach():
    drawn = plotting.plot_golf_backswing(MODEL)
    golf = MODEL.solve(scenario="golf_backswing")
    upright = MODEL.solve(scenario="max_standing_turn")
    keys = ["total", "thoracic", "lumbar", "pelvis"]
    assert [b.get_width() for b in drawn.artists["golf"]] == pytest.approx(
        [golf.regions_deg[k] for k in keys]
    )
    assert [b.get_width() for b in drawn.artists["passive"]] == pytest.approx(
        [upright.regions_deg[k] for k in keys]
    )
    lo, hi = sm.SCENARIOS["golf_backswing"].reference["hip_turn_deg"]
    texts = [t.get_text() for t in drawn.axes[0].get_legend().get_texts()]
    assert f"McTeigue 1994: pelvis {lo:.0f}–{hi:.0f}°" in texts
    assert not any("McLean" in t for t in texts)
    # the golfer's turn is beyond an upright relaxed turn's reach, which the title says
    assert golf.total_deg > upright.total_deg
    assert f"ends at {upright.total_deg:.0f}°" in drawn.artists["title"].get_text()


def test_hip_stiffness_curves_end_where_the_range_ends():
    drawn = plotting.plot_hip_stiffness(MODEL)
    for m, curve in drawn.artists["curves"].items():
        x = np.asarray(curve.get_xdata(), dtype=float)
        assert x[-1] == pytest.approx(MODEL.reachable_deg(pelvis="free", hip_mobility=m))
        assert drawn.artists["ends"][m].get_xdata()[0] == pytest.approx(x[-1])
    lo, hi = sm.MOBILITY_RANGE
    assert set(drawn.artists["curves"]) == {lo, 1.0, hi}
    # labelled directly, not by a legend: each label ends where its curve ends and says where
    assert drawn.axes[0].get_legend() is None
    for m, curve in drawn.artists["curves"].items():
        label, end = drawn.artists["labels"][m], float(np.asarray(curve.get_xdata(), float)[-1])
        assert label.get_position()[0] == pytest.approx(end)
        assert label.get_text().endswith(f"ends at {end:.0f}°") and f"×{m:g}" in label.get_text()
        assert matplotlib.colors.same_color(label.get_color(), curve.get_color())
    # at the same total, stiffer hips put more rotation into the lumbar spine
    at = 40.0
    lumbar = {
        m: np.interp(at, np.asarray(c.get_xdata(), float), np.asarray(c.get_ydata(), float))
        for m, c in drawn.artists["curves"].items()
    }
    assert lumbar[lo] > lumbar[1.0] > lumbar[hi]


def test_scenarios_bars_show_each_scenarios_lumbar_rotation_in_its_furthest_zone():
    drawn = plotting.plot_scenarios(MODEL)
    for bar, name in zip(drawn.artists["bars"], sm.SCENARIOS, strict=True):
        pose = MODEL.solve(scenario=name)
        assert bar.get_width() == pytest.approx(pose.regions_deg["lumbar"])
        zone = max((pose.zone[lv] for lv in sm.LUMBAR_LEVELS), key=sm.ZONES.index)
        assert matplotlib.colors.same_color(bar.get_facecolor(), plotting.ZONE_COLORS[zone])
    assert drawn.artists["cap"].get_xdata()[0] == pytest.approx(MODEL.lumbar_cap_deg)
    assert "none passes" in drawn.artists["title"].get_text()


# --- the population band ---------------------------------------------------------------------------
def _band_polys(collection) -> list:
    return [p.vertices for p in collection.get_paths()]


def test_band_contains_the_default_body_and_stops_where_fewer_than_half_reach():
    drawn = plotting.plot_region_split(MODEL, _standing(), spread=SPREAD)
    sweep = plotting.population_sweep(MODEL, SPREAD, pelvis="free", strategy="passive")
    band = drawn.artists["bands"]["lumbar"]
    assert band.get_visible()
    (verts,) = _band_polys(band)
    x = verts[:, 0]
    # the band ends at the last step of its grid (0 to 1.2 x the reach, 121 values) that half reach
    end = float(x.max())
    grid_step = 1.2 * MODEL.reachable_deg(pelvis="free", strategy="passive") / 120
    assert sweep.fraction_at("total", [end])[0] >= plotting.SPREAD_MIN_REACHED
    assert sweep.fraction_at("total", [end + grid_step])[0] < plotting.SPREAD_MIN_REACHED
    # the default body's lumbar curve lies inside the band at 45 deg
    found = sweep.against("total", ("lumbar",), [45.0])["lumbar"]
    lumbar = abs(float(_standing().regions_deg["lumbar"]))
    assert found[0, 0] < lumbar < found[2, 0]
    texts = [t.get_text() for t in drawn.artists["legend"].get_texts()]
    assert any(f"5–95% of {SPREAD} model bodies" in t for t in texts)


def test_spread_is_one_vectorised_spread_call_per_conditions(monkeypatch):
    model = sm.SpineModel()
    calls = []
    original = model.spread

    def counting(*args, **kwargs):
        calls.append(np.shape(kwargs.get("total_deg")))
        return original(*args, **kwargs)

    monkeypatch.setattr(model, "spread", counting)
    seated = model.solve(scenario="seated_twist_stretch")
    plotting.plot_region_split(model, seated, spread=50)
    plotting.plot_loads(model, seated, spread=50)
    assert len(calls) == 1 and len(calls[0]) == 1 and calls[0][0] > 10  # one array of drives, shared
    drawn = plotting.plot_loads(model, seated, spread=50)
    drawn.update(model.solve(total_deg=30.0, pelvis="free"))
    assert len(calls) == 2


def test_show_spread_toggles_the_band_in_place():
    drawn = plotting.plot_loads(MODEL, _seated())
    assert not drawn.artists["force_band"].get_visible()
    assert len(drawn.artists["legend"].get_texts()) == 3
    assert drawn.show_spread(SPREAD) is drawn
    assert drawn.artists["force_band"].get_visible() and drawn.artists["strain_band"].get_visible()
    assert any("model bodies" in t.get_text() for t in drawn.artists["legend"].get_texts())
    drawn.show_spread(None)
    assert not drawn.artists["force_band"].get_visible()
    assert len(drawn.artists["legend"].get_texts()) == 3
    with pytest.raises(TypeError, match="no population band"):
        plotting.plot_levels(MODEL, _seated()).show_spread(SPREAD)


@pytest.mark.parametrize(
    ("spread", "exc", "words"),
    [(True, TypeError, "spread must be"), (2.5, TypeError, "spread must be"), (1, ValueError, "[2, 100000]")],
)
def test_bad_spread_is_a_clear_error(spread, exc, words):
    with pytest.raises(exc, match=re.escape(words)):
        plotting.plot_region_split(MODEL, spread=spread)


def test_strategies_bands_follow_each_strategy():
    drawn = plotting.plot_strategies(MODEL, spread=SPREAD)
    for panel in drawn.artists["panels"].values():
        for strategy, band in panel["bands"].items():
            assert band.get_visible()
            assert band.get_linestyle() == panel["curves"][strategy].get_linestyle() or band.get_linestyle()
        assert f"{SPREAD} model bodies" in panel["summary"].get_text()
    drawn.show_spread(None)
    assert not any(b.get_visible() for p in drawn.artists["panels"].values() for b in p["bands"].values())


def test_fast_quantiles_match_numpy():
    rng = np.random.default_rng(1)
    samples = rng.normal(size=(57, 9))
    samples[rng.random(samples.shape) < 0.3] = np.nan
    samples[:, 0] = np.nan
    got = nan_quantiles(samples, (0.05, 0.5, 0.95))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        want = np.nanquantile(samples, (0.05, 0.5, 0.95), axis=0)
    np.testing.assert_allclose(got, want, equal_nan=True)
