"""Figure quality: no text collides with another or leaves the figure, and every pair of lines or
areas that must be told apart stays apart for a reader with a colour-vision deficiency.

**Collisions.** Every figure of the figure set (:data:`spinemodel.figures.FIGURES`, the
validation and sensitivity figures included) in every style, and frames of the stretch
animation, is drawn (the banded, validation and sensitivity figures from :data:`BODIES` model
bodies instead of the set's 1000: the same drawing code and layout, a few seconds instead of
a minute); the visible texts (titles, axis labels, tick labels, annotations,
legend texts and frames, colour-bar labels) are collected with their window extents. No two
may overlap by more than :data:`TOLERANCE_PX` and none may leave the figure. Texts are also
checked against the straight reference lines (a line of two points: axhline, axvline, the
shoulder line of the top view), which must not cross a label. Exceptions need a written reason
in :data:`ALLOWED`.

**Colour-vision deficiency.** Colours are simulated for deuteranopia, protanopia and
tritanopia (``colorspacious``, severity 100) and compared in CAM02-UCS. Pairs that figures
tell apart by colour alone must differ by at least :data:`MIN_DELTA_E` under every
simulation; the pairs that are too close (the regions' lumbar purple and thoracic green under
deuteranopia, for example) must differ by line style, marker or hatch, which is asserted on
the drawn artists.

Everything drawn is a model estimate: an educational model, not medical advice.
"""

from __future__ import annotations

import itertools
import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import same_color, to_rgb, to_rgba  # noqa: E402
from matplotlib.legend import Legend  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.text import Text  # noqa: E402
from matplotlib.transforms import Bbox  # noqa: E402

import spinemodel as sm  # noqa: E402
from spinemodel import evidence_plots, figures, plotting, styles  # noqa: E402

colorspacious = pytest.importorskip("colorspacious")

MODEL = sm.SpineModel()
#: Model bodies of the banded, validation and sensitivity figures here (the figure set uses 1000;
#: the layout is the same). 200 is the smallest population a sensitivity analysis accepts.
BODIES = 200
TOLERANCE_PX = 1.5  # overlap allowed between two text boxes (anti-aliasing, rounding)
MIN_DELTA_E = 15.0  # CAM02-UCS distance of colours told apart by colour alone
DEFICIENCIES = ("deuteranomaly", "protanomaly", "tritanomaly")

#: (figure, text a, text b) -> why the overlap is accepted. Texts are matched by their start.
#: None at present; "<line>" names a straight reference line.
ALLOWED: dict[tuple[str, str, str], str] = {}


# --- drawing --------------------------------------------------------------------------------------
@pytest.fixture(scope="module", autouse=True)
def _few_bodies():
    before = figures.FIGURE_BODIES
    figures.FIGURE_BODIES = BODIES
    yield
    figures.FIGURE_BODIES = before


def _headline(name: str) -> tuple[str, str]:
    """(output, scenario) of a sensitivity figure, from its name ("13_sensitivity_seated_facet")."""
    found = [
        (output, scenario)
        for output, scenario in evidence_plots.HEADLINES
        if output.split("_")[0] in name and scenario.split("_")[0] in name
    ]
    assert len(found) == 1, (name, found)
    return found[0]


def _draw_spec(spec: figures.FigureSpec) -> plotting.Drawn:
    """The figure as the set draws it, the validation and sensitivity figures from BODIES bodies
    (the set's own drawing functions take no population size)."""
    if spec.name.startswith("10_"):
        return evidence_plots.plot_validation(evidence_plots.cached_validation(MODEL, n=BODIES))
    if _sensitivity(spec.name):
        output, scenario = _headline(spec.name)
        result = evidence_plots.cached_sensitivity(MODEL, output, scenario, n=BODIES)
        return evidence_plots.plot_sensitivity(result)
    return spec.draw(MODEL)


def _sensitivity(name: str) -> bool:
    return name.startswith(("11_", "12_", "13_"))


#: Every figure but the sensitivity figures, in every style, one test each.
CASES = [
    (spec.name, style) for spec in figures.FIGURES if not _sensitivity(spec.name) for style in styles.STYLES
]
#: The sensitivity figures (11-13): one test each draws all the styles, so that each analysis (2-5 s
#: for 200 bodies, SALib) runs once per test run, whichever worker takes the test.
SENSITIVITY = [spec.name for spec in figures.FIGURES if _sensitivity(spec.name)]


def _render(name: str, style: str):
    spec = next(s for s in figures.FIGURES if s.name == name)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with plotting.style(style), figures.figure_size(spec, style):
            drawn = _draw_spec(spec)
            drawn.figure.canvas.draw()
    return drawn.figure


# --- the collision check --------------------------------------------------------------------------
def _tick_labels(ax) -> list[Text]:
    found = []
    for axis in (ax.xaxis, ax.yaxis):
        if not axis.get_visible():
            continue
        ticks = axis._update_ticks()  # the ticks matplotlib draws (inside the view)
        for tick in ticks:
            for label in (tick.label1, tick.label2):
                if label.get_visible() and label.get_text().strip():
                    found.append(label)
    return found


def text_boxes(fig) -> list[tuple[str, object, object]]:
    """(text, bbox, group) of every visible text of ``fig``; texts of one legend share a group."""
    renderer = fig.canvas.get_renderer()
    boxes: list[tuple[str, object, object]] = []

    def add(text: Text, group: object = None) -> None:
        if text.get_visible() and text.get_text().strip() and text.get_alpha() != 0:
            boxes.append((text.get_text(), text.get_window_extent(renderer), group if group else text))

    for text in fig.texts:
        add(text)
    if fig._suptitle is not None:
        add(fig._suptitle)
    legends = list(fig.legends)
    for ax in fig.axes:
        if not ax.get_visible():
            continue
        for text in [*ax.texts, ax.title, ax._left_title, ax._right_title]:
            add(text)
        if ax.axison:
            for label in (ax.xaxis.label, ax.yaxis.label):
                add(label)
            for label in _tick_labels(ax):
                add(label)
        if ax.get_legend() is not None:
            legends.append(ax.get_legend())
    for legend in legends:
        if not legend.get_visible():
            continue
        frame = legend.get_frame().get_window_extent(renderer)
        boxes.append(("<legend frame>", frame, legend))
        for text in [*legend.get_texts(), legend.get_title()]:
            add(text, legend)
    return boxes


def _overlap(a, b, tol: float) -> bool:
    return (
        min(a.x1, b.x1) - max(a.x0, b.x0) > tol
        and min(a.y1, b.y1) - max(a.y0, b.y0) > tol
        and a.width > 0
        and b.width > 0
    )


def _allowed(name: str, a: str, b: str) -> bool:
    for (fig_name, first, second), _reason in ALLOWED.items():
        if name.startswith(fig_name) and (
            (a.startswith(first) and b.startswith(second)) or (a.startswith(second) and b.startswith(first))
        ):
            return True
    return False


def collisions(fig, name: str = "") -> list[str]:
    """Every pair of overlapping texts, every text outside the figure, every reference line
    through a text."""
    found = []
    boxes = text_boxes(fig)
    page = fig.bbox
    for text, box, _ in boxes:
        if box.x0 < page.x0 - 1 or box.y0 < page.y0 - 1 or box.x1 > page.x1 + 1 or box.y1 > page.y1 + 1:
            found.append(f"outside the figure: {text[:50]!r}")
    for (ta, a, ga), (tb, b, gb) in itertools.combinations(boxes, 2):
        if ga is gb:  # the texts of one legend and its frame
            continue
        if _overlap(a, b, TOLERANCE_PX) and not _allowed(name, ta, tb):
            found.append(f"{ta[:40]!r} overlaps {tb[:40]!r}")
    for line in _reference_lines(fig):
        path = line.get_transform().transform(np.column_stack(line.get_data()).astype(float))
        for text, box, group in boxes:
            if isinstance(group, Legend) or text == "<legend frame>":
                continue
            inner = Bbox.from_extents(box.x0 + 0.06 * box.width, box.y0 + 0.15 * box.height,
                                      box.x1 - 0.06 * box.width, box.y1 - 0.15 * box.height)  # fmt: skip
            if _segment_hits(path[0], path[1], inner) and not _allowed(name, text, "<line>"):
                found.append(f"a reference line ({line.get_label()[:20]!r}) runs through {text[:40]!r}")
    return sorted(set(found))


def _reference_lines(fig) -> list[Line2D]:
    lines = []
    for ax in fig.axes:
        if not ax.get_visible():
            continue
        for line in ax.lines:
            x, y = (np.asarray(v, dtype=float) for v in line.get_data())
            if line.get_visible() and len(x) == 2 and line.get_linestyle() not in ("None", "none", ""):
                lines.append(line)
    return lines


def _segment_hits(p0, p1, box) -> bool:
    """Whether the segment p0-p1 (display units) meets ``box``."""
    if not (np.all(np.isfinite(p0)) and np.all(np.isfinite(p1))):
        return False
    points = p0[None, :] + np.linspace(0.0, 1.0, 400)[:, None] * (p1 - p0)[None, :]
    inside = (points[:, 0] >= box.x0) & (points[:, 0] <= box.x1) & (points[:, 1] >= box.y0)
    return bool(np.any(inside & (points[:, 1] <= box.y1)))


def test_the_collision_check_can_fail():
    fig = plt.figure(figsize=(4, 3))
    fig.text(0.5, 0.5, "first label")
    fig.text(0.52, 0.5, "second label")
    fig.text(0.9, 0.1, "a long sentence running off the right edge")
    ax = fig.add_axes((0.1, 0.6, 0.8, 0.3))
    ax.axhline(0.5)
    ax.text(0.5, 0.5, "crossed", ha="center", va="center")
    fig.canvas.draw()
    found = collisions(fig)
    assert any("overlaps" in f for f in found)
    assert any("outside the figure" in f for f in found)
    assert any("runs through 'crossed'" in f for f in found)
    plt.close(fig)


@pytest.mark.parametrize(("name", "style"), CASES)
def test_no_text_collides(name, style):
    fig = _render(name, style)
    try:
        found = collisions(fig, name)
    finally:
        plt.close(fig)
    assert not found, f"{name} ({style}): " + "; ".join(found)


@pytest.mark.parametrize("name", SENSITIVITY)
def test_sensitivity_figure_has_no_collisions_and_hatches_its_bars(name):
    """Each sensitivity figure in every style: no collisions, and its bars differ by hatch by
    region as well as by colour (the regions' colours come close under deuteranopia)."""
    assert len(set(evidence_plots.REGION_HATCHES.values())) == len(evidence_plots.REGION_HATCHES)
    found = []
    for style in styles.STYLES:
        fig = _render(name, style)
        try:
            found += [f"({style}) {f}" for f in collisions(fig, name)]
        finally:
            plt.close(fig)
    assert not found, f"{name}: " + "; ".join(found)
    output, scenario = _headline(name)
    result = evidence_plots.cached_sensitivity(MODEL, output, scenario, n=BODIES)
    with plotting.style("notebook"):
        drawn = evidence_plots.plot_sensitivity(result)
    for bar, row in zip(drawn.artists["bars"], result.top(10), strict=True):
        region = evidence_plots._parameter_region(row["name"])
        assert (bar.get_hatch() or "") == evidence_plots.REGION_HATCHES[region], (name, row["name"])
    plt.close(drawn.figure)


@pytest.mark.parametrize("style", styles.STYLES)
def test_animation_frames_have_no_collisions(style):
    torque = MODEL.reachable_torque_nm(pelvis="fixed", strategy="passive")
    fig, frame, poses, _ = figures._animation_drawer(MODEL, style, None, 6, torque)
    try:
        with plotting.style(style):
            for i in (0, 2, len(poses) - 1):
                frame(i)
                fig.canvas.draw()
                found = collisions(fig, "animation")
                assert not found, f"animation frame {i} ({style}): " + "; ".join(found)
    finally:
        plt.close(fig)


# --- colour-vision deficiency ---------------------------------------------------------------------
def _on_white(color, alpha: float | None = None) -> np.ndarray:
    r, g, b, a = to_rgba(color)
    a = a if alpha is None else alpha
    return np.array([r, g, b]) * a + (1.0 - a)


def delta_e(c1, c2, deficiency: str | None) -> float:
    """CAM02-UCS distance between two sRGB colours (0-1), as seen with ``deficiency``."""
    from colorspacious import cspace_convert, deltaE

    a, b = np.asarray(c1, float), np.asarray(c2, float)
    if deficiency is not None:
        cvd = {"name": "sRGB1+CVD", "cvd_type": deficiency, "severity": 100}
        a, b = (np.clip(cspace_convert(c, cvd, "sRGB1"), 0.0, 1.0) for c in (a, b))
    return float(deltaE(a, b, input_space="sRGB1", uniform_space="CAM02-UCS"))


#: Colours that figures tell apart by colour alone (what else tells them apart is in the comment).
COLOUR_ONLY: dict[str, tuple[object, object]] = {
    # the zone spans of the loads figure (alpha 0.28 on white); each span is also labelled in words
    "neutral vs elastic span": (
        _on_white(styles.ZONE_COLORS["neutral"], 0.28),
        _on_white(styles.ZONE_COLORS["elastic"], 0.28),
    ),
    # the facet force (black) and the annulus strain (grey) of the loads figure; also solid vs dashed
    "facet force vs strain": (to_rgb("black"), to_rgb("#6A6A6A")),
    # the strategies' colours (also line style and marker, labelled at the line end)
    **{
        f"strategy {a} vs {b}": (
            to_rgb(styles.STRATEGY_STYLES[a]["color"]),
            to_rgb(styles.STRATEGY_STYLES[b]["color"]),
        )
        for a, b in itertools.combinations(styles.STRATEGY_STYLES, 2)
    },
    # the braced strategy against every zone: no figure draws both, but a reader who has learnt the
    # zones' colours (vermillion: beyond the limit) must not read the braced curve as a zone
    **{
        f"strategy braced vs zone {zone}": (to_rgb(styles.STRATEGY_STYLES["braced"]["color"]), to_rgb(color))
        for zone, color in styles.ZONE_COLORS.items()
    },
    # the validation figure: an agreeing check (blue), an input (grey), a disagreeing row (hatched)
    "validation check vs input": (
        to_rgb(evidence_plots._ROLE_COLORS["check"]),
        to_rgb(evidence_plots._ROLE_COLORS["input"]),
    ),
    "validation check vs disagree": (
        to_rgb(evidence_plots._ROLE_COLORS["check"]),
        to_rgb(evidence_plots._DISAGREE),
    ),
}


@pytest.mark.parametrize("deficiency", DEFICIENCIES)
@pytest.mark.parametrize("pair", list(COLOUR_ONLY))
def test_colour_only_pairs_stay_apart(pair, deficiency):
    a, b = COLOUR_ONLY[pair]
    assert delta_e(a, b, deficiency) >= MIN_DELTA_E, (
        f"{pair}: ΔE {delta_e(a, b, deficiency):.1f} < {MIN_DELTA_E} under {deficiency}"
    )


def test_the_simulation_finds_the_pairs_the_issue_named():
    """The check can fail: the lumbar and thoracic colours turn alike under deuteranopia, vermillion
    and orange come close; so those pairs are told apart by line style as well."""
    lumbar, thoracic = (to_rgb(styles.REGION_COLORS[r]) for r in ("lumbar", "thoracic"))
    assert delta_e(lumbar, thoracic, None) > 40
    assert delta_e(lumbar, thoracic, "deuteranomaly") < MIN_DELTA_E
    assert (
        delta_e(to_rgb(styles.OKABE_ITO["vermillion"]), to_rgb(styles.OKABE_ITO["orange"]), "tritanomaly")
        < 20
    )


def test_regions_differ_by_line_style_and_marker_as_well_as_colour():
    regions = ("legs", "hips", "lumbar", "thoracic")
    assert len({str(styles.REGION_LINESTYLES[r]) for r in regions}) == 4
    assert len({styles.REGION_MARKERS[r] for r in regions}) == 4
    with plotting.style("notebook"):
        drawn = plotting.plot_region_split(MODEL, MODEL.solve(scenario="standing_turn"), spread=BODIES)
        drawn.figure.canvas.draw()
    styles_drawn = {r: str(drawn.artists[r]._unscaled_dash_pattern) for r in regions}
    assert len(set(styles_drawn.values())) == 4, styles_drawn
    # labelled directly at the line end, no legend entry needed
    labels = drawn.artists["end_labels"]
    for region in regions:
        assert labels[region].get_visible() and labels[region].get_text()
    legend = drawn.artists["legend"]
    assert not {t.get_text() for t in legend.get_texts()} & set(styles.REGION_LABELS.values())
    # the bands' edges take their region's line style
    band_styles = {str(drawn.artists["bands"][r].get_linestyle()) for r in regions}
    assert len(band_styles) == 4
    plt.close(drawn.figure)


def test_top_view_wedges_differ_by_hatch_and_edge_style_as_well_as_colour():
    """The top view's region wedges (lumbar purple and thoracic green turn alike under
    deuteranopia) differ by hatch and edge line style too, the hatches of the sensitivity
    figures' regions, and each wedge is labelled directly."""
    regions = ("legs", "hips", "lumbar", "thoracic")
    with plotting.style("notebook"):
        drawn = plotting.plot_top_view(MODEL, MODEL.solve(total_deg=60.0, pelvis="free"))
        drawn.figure.canvas.draw()
    wedges = drawn.artists["wedges"]
    hatches = {r: wedges[r].get_hatch() or "" for r in regions}
    assert hatches == {r: evidence_plots.REGION_HATCHES[r] for r in regions}
    assert len(set(hatches.values())) == 4, hatches
    edges = {r: str(wedges[r]._unscaled_dash_pattern) for r in regions}
    assert len(set(edges.values())) == 4, edges
    for region in regions:
        label = drawn.artists["labels"][region]
        assert wedges[region].get_visible() and label.get_visible() and label.get_text().startswith(region)
    plt.close(drawn.figure)


def test_zone_bars_differ_by_hatch_as_well_as_colour():
    assert len(set(styles.ZONE_HATCHES.values())) == len(styles.ZONE_HATCHES)
    # the loads figure's spans: past the limit hatched (on white at alpha 0.28, vermillion and yellow
    # come within a few ΔE of each other under every simulation)
    with plotting.style("notebook"):
        loads = plotting.plot_loads(MODEL, MODEL.solve(scenario="seated_twist_stretch"))
    assert loads.artists["zone_beyond_limit"].get_hatch() == styles.ZONE_HATCHES["beyond_limit"]
    with plotting.style("notebook"):
        levels = plotting.plot_levels(MODEL, MODEL.solve(total_deg=30.0, pelvis="fixed"))
        scenarios = plotting.plot_scenarios(MODEL)
    pose = MODEL.solve(total_deg=30.0, pelvis="fixed")
    for bar, level in zip(levels.artists["angle_bars"], sm.LEVELS, strict=True):
        assert (bar.get_hatch() or "") == styles.ZONE_HATCHES[str(pose.zone[level])], level
    for bar, name in zip(scenarios.artists["bars"], sm.SCENARIOS, strict=True):
        p = MODEL.solve(scenario=name)
        zone = max((str(p.zone[lv]) for lv in sm.LUMBAR_LEVELS), key=sm.ZONES.index)
        assert (bar.get_hatch() or "") == styles.ZONE_HATCHES[zone], name
    plt.close("all")


def test_the_braced_strategy_takes_no_zone_colour():
    braced = styles.STRATEGY_STYLES["braced"]["color"]
    assert not any(same_color(braced, zone) for zone in styles.ZONE_COLORS.values()), braced
    pairs = [p for p in COLOUR_ONLY if p.startswith("strategy") and "braced" in p]
    assert len(pairs) == len(styles.STRATEGY_STYLES) - 1 + len(styles.ZONE_COLORS), pairs


def test_strategies_differ_by_line_style_and_marker():
    names = list(styles.STRATEGY_STYLES)
    assert len({str(styles.STRATEGY_STYLES[s]["ls"]) for s in names}) == len(names)
    assert len({styles.STRATEGY_STYLES[s]["marker"] for s in names}) == len(names)
    with plotting.style("notebook"):
        drawn = plotting.plot_strategies(MODEL)
    standing = drawn.artists["panels"]["standing"]
    drawn_styles = {s: str(c._unscaled_dash_pattern) for s, c in standing["curves"].items()}
    assert len(set(drawn_styles.values())) == len(drawn_styles)
    for s, label in standing["labels"].items():
        assert label.get_text().startswith(plotting._STRATEGY_NAMES[s])
    plt.close("all")


def test_validation_disagreeing_rows_are_hatched():
    with plotting.style("notebook"):
        drawn = evidence_plots.plot_validation(evidence_plots.cached_validation(MODEL, n=BODIES))
    rows = evidence_plots.cached_validation(MODEL, n=BODIES)
    ordered = [r for r in rows if r.observation.role == "check"] + [
        r for r in rows if r.observation.role == "input"
    ]
    for bar, row in zip(drawn.artists["bands"], ordered, strict=True):
        assert bool(bar.get_hatch()) == (not row.agrees), row.observation.label
    plt.close("all")


def _scale_distance(cmap_a: str, cmap_b: str, deficiency: str | None, low: float = 0.2) -> float:
    """Smallest CAM02-UCS distance between two colour maps above ``low`` of each range."""
    steps = np.linspace(low, 1.0, 17)
    a = matplotlib.colormaps[cmap_a](steps)[:, :3]
    b = matplotlib.colormaps[cmap_b](steps)[:, :3]
    return min(delta_e(ca, cb, deficiency) for ca in a for cb in b)


@pytest.mark.parametrize("deficiency", (None, *DEFICIENCIES))
def test_column_strain_and_force_scales_stay_apart(deficiency):
    """The column shows two quantities, each on its own colour scale: a disc's strain colour must not
    read as a facet's force colour. Above the palest fifth (near white, where both scales meet and
    shape tells disc from facet) the two maps stay apart under every simulation; the earlier pair,
    YlOrRd and magma_r, both ran from pale yellow through orange and failed this."""
    assert _scale_distance(styles.STRAIN_CMAP, styles.FACET_CMAP, deficiency) >= MIN_DELTA_E
    assert _scale_distance("YlOrRd", "magma_r", deficiency) < MIN_DELTA_E  # the check can fail


def test_column_thoracic_discs_differ_by_hatch_not_by_a_scale_colour():
    with plotting.style("notebook"):
        drawn = plotting.plot_column(MODEL, MODEL.solve(scenario="seated_twist_stretch"))
    assert drawn.artists["thoracic_discs"].get_hatch()
    assert drawn.artists["thoracic_discs"].get_array() is None
    plt.close("all")
