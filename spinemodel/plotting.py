"""Figures that explain the model at a glance, for lectures, notebooks and papers.

Every function takes the model (and a pose), draws into a given Axes or a new
figure in the current style (see :mod:`spinemodel.styles`), and returns a
:class:`Drawn`: the figure, its axes, the artists by name, and an
:meth:`Drawn.update` method that moves the existing artists to a new pose in place
(widgets call it, then ``fig.canvas.draw_idle()``).

>>> import spinemodel as sm
>>> from spinemodel import plotting
>>> model = sm.SpineModel()
>>> with plotting.style("notebook"):  # doctest: +SKIP
...     drawn = plotting.plot_region_split(model, model.solve(total_deg=45.0))
...     drawn.update(model.solve(total_deg=40.0, pelvis="fixed"))

Every figure is labelled "model estimate": an educational model, not medical advice.
"""

from __future__ import annotations

import contextlib
import math
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ._extras import missing_extras

try:
    import matplotlib as mpl
    import matplotlib.pyplot as plt
    import numpy as np
    from matplotlib import colors as mcolors
    from matplotlib.axes import Axes
    from matplotlib.collections import LineCollection, PatchCollection, PolyCollection
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties
    from matplotlib.legend_handler import HandlerTuple
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch, Polygon, Rectangle
    from matplotlib.textpath import text_to_path
    from matplotlib.ticker import AutoLocator, MaxNLocator
except ModuleNotFoundError as exc:  # a plain install: name the pip command
    raise missing_extras(exc, "spinemodel.plotting") from None

from .anatomy import LEVELS, LUMBAR_LEVELS, THORACIC_LEVELS
from .model import Pose, SpineModel
from .population import nan_quantiles
from .scenarios import SCENARIOS, Strategy
from .styles import (
    FACET_CMAP,
    FOOTER,
    OKABE_ITO,
    REGION_COLORS,
    REGION_LABELS,
    REGION_LINESTYLES,
    REGION_MARKERS,
    STRAIN_CMAP,
    STRATEGY_STYLES,
    STYLES,
    ZONE_COLORS,
    ZONE_HATCHES,
    ZONE_LABELS,
    current_style,
    style,
    style_params,
    use_style,
)

__all__ = [
    "STYLES",
    "REGION_COLORS",
    "REGION_LABELS",
    "ZONE_COLORS",
    "ZONE_LABELS",
    "Drawn",
    "use_style",
    "style",
    "current_style",
    "plot_region_split",
    "plot_loads",
    "plot_levels",
    "plot_top_view",
    "plot_column",
    "plot_strategies",
    "plot_hip_stiffness",
    "plot_golf_backswing",
    "plot_scenarios",
    "save_figure",
    "drop_titles",
    "SAVE_FORMATS",
    "SPREAD_QUANTILES",
    "SPREAD_MIN_REACHED",
    "PopulationSweep",
    "population_sweep",
    "FORCED_STRETCH",
    "HIP_AND_UPPER_BACK",
]

#: File formats :func:`save_figure` writes.
SAVE_FORMATS: tuple[str, ...] = ("png", "svg", "pdf")

#: The seated twist stretch of :func:`plot_strategies`: the pelvis fixed on the seat, muscles
#: relaxed, default mobility (scenario ``seated_twist_stretch``'s conditions).
FORCED_STRETCH: dict[str, Any] = {"pelvis": "fixed", "strategy": "passive"}
#: The hip-led turn athletes are taught: standing, knees flexed, the hips turn the pelvis by the
#: share trained golfers use (McTeigue et al. 1994), the spine the rest.
HIP_AND_UPPER_BACK: dict[str, Any] = {"pelvis": "free", "strategy": "hip_led"}

_REGIONS = ("legs", "hips", "lumbar", "thoracic")
_COND_KEYS = ("pelvis", "hip_mobility", "thoracic_mobility", "lumbar_bracing", "hip_led", "knees_flexed")
_USER_COND_KEYS = ("pelvis", "strategy", "hip_mobility", "thoracic_mobility", "lumbar_bracing")
_SPINE_LEVELS = tuple(LEVELS[LEVELS.index(LUMBAR_LEVELS[0]) :])  # L5-S1 ... T1-T2
_VERTEBRAE = tuple(level.split("-")[0] for level in _SPINE_LEVELS)  # L5 ... L1, T12 ... T1
_STRATEGY_NAMES = {
    "passive": "passive",
    "braced": "low back braced",
    "hip_led": "hip-led",
    "custom": "custom strategy",
}
_DEG = "\N{DEGREE SIGN}"


# --- the returned object ------------------------------------------------------------------
@dataclass
class Drawn:
    """What a figure function drew.

    Attributes
    ----------
    figure : matplotlib.figure.Figure
        The figure drawn into.
    axes : tuple of Axes
        The axes of the drawing (twin axes and colourbar axes included).
    artists : dict
        The artists by name, for widgets and tests.

    Call :meth:`update` with a new pose to move the artists in place.
    """

    figure: Figure
    axes: tuple[Axes, ...]
    artists: dict[str, Any]
    _updater: Callable[[Pose], None] | None = field(default=None, repr=False)
    _spreader: Callable[[int | None], None] | None = field(default=None, repr=False)

    def update(self, pose: Pose) -> Drawn:
        """Show ``pose``: change the existing artists' data in place.

        No figure or artist is created and nothing is drawn; call
        ``drawn.figure.canvas.draw_idle()`` afterwards. Curves that depend on the
        conditions (pelvis, strategy, mobility, bracing) are recomputed when the
        pose's conditions differ from the ones drawn.

        Parameters
        ----------
        pose : Pose
            A single pose from :meth:`spinemodel.SpineModel.solve`.

        Returns
        -------
        Drawn
            ``self``.
        """
        _check_pose(pose)
        if self._updater is None:
            raise TypeError("this figure does not follow a pose; draw it again instead of updating it")
        self._updater(pose)
        return self

    def show_spread(self, spread: int | None) -> Drawn:
        """Shade the band of ``spread`` model bodies (5-95%), or hide it (``None``), in place.

        The band follows the drawn conditions: a later :meth:`update` with new conditions
        recomputes it (one vectorised :meth:`SpineModel.spread` call per conditions, cached:
        see :func:`population_sweep`). Nothing is drawn; call
        ``drawn.figure.canvas.draw_idle()`` afterwards.

        Parameters
        ----------
        spread : int or None
            Number of model bodies (2 to 100,000), or None for no band.

        Returns
        -------
        Drawn
            ``self``.

        Raises
        ------
        TypeError
            For a figure without a band (only the region split, the loads and the
            strategies figures have one) or a ``spread`` that is not a whole number.
        ValueError
            For a ``spread`` out of range.
        """
        spread = _check_spread(spread)
        if self._spreader is None:
            raise TypeError(
                "this figure has no population band; plot_region_split, plot_loads and plot_strategies do"
            )
        self._spreader(spread)
        return self


# --- helpers --------------------------------------------------------------------------------
def _check_model(model: object) -> SpineModel:
    if not isinstance(model, SpineModel):
        raise TypeError(f"model must be a spinemodel.SpineModel, got {type(model).__name__}")
    return model


def _check_pose(pose: object, name: str = "pose") -> Pose:
    if not isinstance(pose, Pose):
        raise TypeError(
            f"{name} must be a spinemodel Pose (from SpineModel.solve), got {type(pose).__name__}"
        )
    if np.ndim(pose.total_deg) != 0:
        raise ValueError(
            f"{name} must be a single pose; got an array pose of shape {np.shape(pose.total_deg)} "
            "(solve for one total_deg or torque_nm)"
        )
    return pose


def _check_ax(ax: object, name: str = "ax") -> Axes | None:
    if ax is not None and not isinstance(ax, Axes):
        raise TypeError(f"{name} must be a matplotlib Axes or None, got {type(ax).__name__}")
    return ax


def _cond_key(conditions: dict[str, Any]) -> tuple:
    return tuple(conditions[k] for k in _COND_KEYS)


def _solve_kwargs(conditions: dict[str, Any]) -> dict[str, Any]:
    """Keyword arguments of ``SpineModel.solve`` that reproduce a pose's conditions."""
    strategy = Strategy(
        hip_led=bool(conditions["hip_led"]),
        knees_flexed=bool(conditions["knees_flexed"]),
        lumbar_bracing=float(conditions["lumbar_bracing"]),
    )
    return {
        "pelvis": conditions["pelvis"],
        "strategy": strategy,
        "hip_mobility": conditions["hip_mobility"],
        "thoracic_mobility": conditions["thoracic_mobility"],
        "lumbar_bracing": conditions["lumbar_bracing"],
    }


def _initial_conditions(model: SpineModel, pose: Pose | None, conditions: dict[str, Any]) -> dict[str, Any]:
    """The conditions of the curves: the pose's, or the keywords' when no pose is given."""
    if pose is None:
        return dict(model.solve(total_deg=0.0, **conditions).conditions)
    _check_pose(pose)
    for key, value in conditions.items():
        if key not in _USER_COND_KEYS:
            raise TypeError(
                f"unknown condition {key!r}; the conditions are {', '.join(map(repr, _USER_COND_KEYS))}"
            )
        if pose.conditions.get(key) != value:
            raise ValueError(
                f"{key} = {value!r} disagrees with the pose's {key} = {pose.conditions.get(key)!r}; "
                "the curves follow the pose's conditions (give either the pose or the conditions)"
            )
    return dict(pose.conditions)


def _describe(conditions: dict[str, Any]) -> str:
    scenario = SCENARIOS.get(str(conditions.get("scenario")))
    if scenario is not None and scenario.setting is not None:
        pelvis = scenario.setting
    elif conditions["pelvis"] == "fixed":
        pelvis = "seated (pelvis fixed)"
    else:
        pelvis = "standing (pelvis free)"
    parts = [pelvis, _STRATEGY_NAMES.get(str(conditions.get("strategy")), "custom strategy")]
    if conditions["hip_mobility"] != 1.0 and conditions["pelvis"] == "free":
        parts.append(f"hips ×{conditions['hip_mobility']:g}")
    if conditions["thoracic_mobility"] != 1.0:
        parts.append(f"upper back ×{conditions['thoracic_mobility']:g}")
    return ", ".join(parts)


def _pose_summary(pose: Pose) -> str:
    r = pose.regions_deg
    return (
        f"total {abs(pose.total_deg):.0f}{_DEG}: pelvis {abs(r['pelvis']):.0f}{_DEG} "
        f"(legs {abs(r['legs']):.0f}{_DEG} + hips {abs(r['hips']):.0f}{_DEG}), "
        f"lumbar {abs(r['lumbar']):.1f}{_DEG}, "
        f"thoracic {abs(r['thoracic']):.0f}{_DEG} · {abs(pose.torque_nm):.1f} Nm"
    )


def _short_summary(pose: Pose) -> str:
    lum = abs(float(pose.regions_deg["lumbar"]))
    total = abs(float(pose.total_deg))
    return f"total {total:.0f}{_DEG}, lumbar {lum:.1f}{_DEG} of its {pose.lumbar_cap_deg:.1f}{_DEG} range"


def _reach(model: SpineModel, conditions: dict[str, Any]) -> float:
    """The envelope (deg) of a pose's conditions: where the living body's range ends."""
    return float(model.reachable_deg(**_solve_kwargs(conditions)))


def _ends_by(model: SpineModel, conditions: dict[str, Any]) -> str:
    """Which regions end the range under these conditions (joints at their tolerance at the reach)."""
    kwargs = _solve_kwargs(conditions)
    at_end = model.solve(total_deg=model.reachable_deg(**kwargs), **kwargs).joints_at_range_end(0.005)
    names = [lv for lv in ("legs", "hips") if lv in at_end]
    if any(lv in THORACIC_LEVELS for lv in at_end):
        names.append("upper back")
    return " and ".join(names) or "a joint"


def _keep_hatch(patches: Any) -> None:
    """Fix the hatch line width at drawing time's style (matplotlib >= 3.10 keeps it per patch)."""
    width = float(mpl.rcParams["hatch.linewidth"])
    for patch in patches:
        if hasattr(patch, "set_hatch_linewidth"):
            patch.set_hatch_linewidth(width)


def _marker_path(marker: str) -> Any:
    style = mpl.markers.MarkerStyle(marker)
    return style.get_path().transformed(style.get_transform())


def _fs(scale: float = 1.0) -> float:
    return float(mpl.rcParams["font.size"]) * scale


def _lw(scale: float = 1.0) -> float:
    return float(mpl.rcParams["lines.linewidth"]) * scale


def _add_footer(fig: Figure) -> None:
    """Write the "model estimate" footer once per figure and keep the layout clear of it."""
    if getattr(fig, "_spinemodel_footer", None) is not None:
        return
    size = _fs(0.7)
    text = fig.text(0.995, 0.006, FOOTER, ha="right", va="bottom", fontsize=size, color="#4D4D4D")
    fig._spinemodel_footer = text  # type: ignore[attr-defined]
    engine = fig.get_layout_engine()
    if engine is not None and hasattr(engine, "set") and "rect" in engine.get():
        height_in = fig.get_size_inches()[1]
        strip = min(0.12, size * 1.9 / 72.0 / height_in)
        engine.set(rect=(0.0, strip, 1.0, 1.0 - strip))


def _new_axes(ax: Axes | None, **subplot_kw: Any) -> tuple[Figure, Axes]:
    _check_ax(ax)
    if ax is None:
        fig, ax = plt.subplots(**subplot_kw)
    fig = ax.figure
    _add_footer(fig)
    return fig, ax


_FIGSIZE: list[tuple[float, float] | None] = [None]


def styled_params() -> dict[str, Any]:
    """The current style's rcParams, with the size set by :func:`figure_size` (if any)."""
    params = style_params(current_style())
    if _FIGSIZE[0] is not None:
        params["figure.figsize"] = _FIGSIZE[0]
    return params


@contextlib.contextmanager
def figure_size(width_in: float, height_in: float) -> Iterator[None]:
    """Inside the block, new figures of this module are ``width_in`` x ``height_in`` inches (the
    figure set's journal sizes in the paper style), whatever the style's own size."""
    before = _FIGSIZE[0]
    _FIGSIZE[0] = (float(width_in), float(height_in))
    try:
        yield
    finally:
        _FIGSIZE[0] = before


def drop_titles(drawn: Drawn) -> None:
    """Hide a figure's title (``drawn.artists["title"]`` and the figure's suptitle): in a paper
    the caption carries it. Panel headings stay. The paper style calls it for every figure."""
    title = drawn.artists.get("title")
    texts = [title] if isinstance(title, mpl.text.Text) else []
    if getattr(drawn.figure, "_suptitle", None) is not None:
        texts.append(drawn.figure._suptitle)
    for text in texts:
        text.set_visible(False)
        text.set_in_layout(False)


class _StyledLocator(MaxNLocator):
    """matplotlib's automatic tick locator, spacing ticks for the tick-label size of the style the
    figure was made in, even when it is drawn after the ``with style(...)`` block has ended."""

    def __init__(self) -> None:
        super().__init__(nbins="auto", steps=[1, 2, 2.5, 5, 10])
        self._sizes = {k: mpl.rcParams[k] for k in ("xtick.labelsize", "ytick.labelsize", "font.size")}

    def tick_values(self, vmin: float, vmax: float) -> np.ndarray:
        with mpl.rc_context(self._sizes):
            return super().tick_values(vmin, vmax)


def _keep_tick_spacing(ax: Axes) -> None:
    for axis in (ax.xaxis, ax.yaxis):
        if type(axis.get_major_locator()) is AutoLocator:
            axis.set_major_locator(_StyledLocator())


def _styled(func: Callable) -> Callable:
    """Run a figure function under the current spinemodel style (fonts, sizes, layout)."""

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with mpl.rc_context(styled_params()):
            drawn = func(*args, **kwargs)
            for ax in drawn.axes:
                _keep_tick_spacing(ax)
            if current_style() == "paper":
                drop_titles(drawn)
            return drawn

    wrapper.__name__ = func.__name__
    wrapper.__qualname__ = func.__qualname__
    wrapper.__doc__ = func.__doc__
    wrapper.__wrapped__ = func  # type: ignore[attr-defined]
    return wrapper


_NORM_CONDITIONS = (
    {"pelvis": "fixed", "strategy": "passive"},
    {"pelvis": "fixed", "strategy": "braced"},
    {"pelvis": "free", "strategy": "passive"},
    {"pelvis": "free", "strategy": "hip_led"},
)


def _max_facet(pose: Pose) -> Any:
    """Contralateral facet force (N) of the most loaded lumbar level (arrays: per element)."""
    return np.max([pose.facet_force_n[lv]["contralateral"] for lv in LUMBAR_LEVELS], axis=0)


def _load_norms(model: SpineModel) -> tuple[mcolors.Normalize, mcolors.Normalize, float]:
    """Fixed colour scales shared by every column drawing: strain (%) up to the disc damage
    threshold, facet force (N) up to the largest force any strategy reaches inside its envelope."""
    damage = min(model.annulus_thresholds_pct(lv)["damage"] for lv in LUMBAR_LEVELS)
    strain_max = 5.0 * math.ceil(damage / 5.0)
    force = max(
        float(_max_facet(model.solve(total_deg=model.reachable_deg(**c), **c))) for c in _NORM_CONDITIONS
    )
    force_max = 10.0 * math.ceil(force * 1.15 / 10.0)
    return mcolors.Normalize(0.0, strain_max), mcolors.Normalize(0.0, force_max), damage


def _lumbar_zone_edges(model: SpineModel) -> tuple[float, float]:
    """Total lumbar rotation (deg) where the neutral zone ends and where the block begins."""
    neutral = sum(model.neutral_deg[lv] for lv in LUMBAR_LEVELS)
    return float(neutral), float(sum(model.limits_deg[lv] for lv in LUMBAR_LEVELS))


# --- the population spread ----------------------------------------------------------------------
#: Percentiles of the shaded bands (5th and 95th; the 50th is available but not drawn).
SPREAD_QUANTILES: tuple[float, float, float] = (0.05, 0.5, 0.95)
#: A band is drawn (and a readout's range given) only where at least this share of the bodies
#: can take the pose: beyond it, the few bodies that reach are a selection, not the population.
SPREAD_MIN_REACHED = 0.5
_SWEEP_BEYOND = 1.35  # the sweep runs past the default body's reach: most bodies' own reach is inside it
_SWEEP_POINTS = 81
_SWEEPS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_SWEEPS_KEPT = 12  # sweeps kept per model (the explorer's recent conditions)
_SWEEP_LOCK = threading.Lock()


def _check_spread(spread: object) -> int | None:
    """None (no band) or a number of bodies in [2, 100000]; else a clear error naming ``spread``."""
    if spread is None:
        return None
    if isinstance(spread, bool) or not isinstance(spread, (int, np.integer)):
        raise TypeError(
            f"spread must be None (no band) or a whole number of model bodies, e.g. 1000; got {spread!r}"
        )
    if not 2 <= int(spread) <= 100_000:
        raise ValueError(f"spread = {spread!r} is out of range; allowed range is [2, 100000] model bodies")
    return int(spread)


def _per_body(x: np.ndarray, y: np.ndarray, grid: np.ndarray) -> np.ndarray:
    """Each body's ``y`` read at ``grid`` values of its ``x`` (linear), vectorised over the bodies.

    ``x`` and ``y`` are ``(n, K)``: along K, ``x`` rises and is finite up to the body's own
    end (NaN beyond it). Returns ``(n, G)``: NaN where the grid value lies beyond a body's end.
    """
    finite = np.isfinite(x) & np.isfinite(y)
    count = finite.sum(axis=1)[:, None]
    xs = np.where(finite, x, np.inf)
    idx = (xs[:, :, None] <= grid[None, None, :]).sum(axis=1)  # points at or below each grid value
    last = np.maximum(count - 1, 0)
    j1 = np.minimum(idx, last)
    j0 = np.maximum(np.minimum(idx - 1, last), 0)
    x0, x1 = np.take_along_axis(xs, j0, 1), np.take_along_axis(xs, j1, 1)
    y0, y1 = np.take_along_axis(y, j0, 1), np.take_along_axis(y, j1, 1)
    with np.errstate(invalid="ignore", divide="ignore"):
        t = np.where(x1 > x0, (grid[None, :] - x0) / (x1 - x0), 0.0)
        value = y0 + t * (y1 - y0)
    inside = (idx >= 1) & ((idx < count) | (grid[None, :] == x1)) & (count > 0)
    return np.where(inside, value, np.nan)


class PopulationSweep:
    """A turn from zero to past the default body's reach, over a population of model bodies.

    One vectorised :meth:`SpineModel.spread` call over ``totals`` (0 to 1.35 times the
    default body's reach): every body turns to its own end (each has its own envelope),
    NaN beyond it. The banded figures and the explorer read their bands from it; build
    it with :func:`population_sweep`, which caches it per model and conditions.

    Attributes
    ----------
    band : spinemodel.population.Band
        The spread's result; ``band.samples`` and ``band.parameters`` per body.
    totals : ndarray
        The drive (deg of total trunk rotation), shape ``(K,)``.
    n, seed : int
        Number of bodies and the seed of their draw.
    outputs : dict of str to ndarray
        Per body, shape ``(n, K)``, magnitudes: ``total`` and the regions ``legs``, ``hips``,
        ``pelvis``, ``lumbar``, ``thoracic`` (deg), ``torque`` (Nm), ``facet`` (N, the pressed
        facet of the body's most loaded lumbar level) and ``strain`` (%, its most strained
        lumbar level).
    label : str
        How the band is labelled in figures and readouts, e.g. "5–95% of 1000 model bodies".

    All values are model estimates from an educational model, not medical advice.
    """

    def __init__(self, model: SpineModel, n: int, seed: int = 0, **conditions: Any) -> None:
        _check_model(model)
        n = _check_spread(n)
        if n is None:
            raise TypeError("n must be a whole number of model bodies, got None")
        reach = float(model.reachable_deg(**conditions))
        self.totals = np.linspace(0.0, _SWEEP_BEYOND * reach, _SWEEP_POINTS)
        self.band = model.spread(
            total_deg=self.totals, n=n, seed=seed, quantiles=SPREAD_QUANTILES, **conditions
        )
        self.n, self.seed, self.default_reach_deg = n, seed, reach
        s = self.band.samples
        out = {"total": np.abs(s.total_deg), "torque": np.abs(s.torque_nm)}
        out.update({r: np.abs(s.regions_deg[r]) for r in ("legs", "hips", "pelvis", "lumbar", "thoracic")})
        out["facet"] = np.max([s.facet_force_n[lv]["contralateral"] for lv in LUMBAR_LEVELS], axis=0)
        out["strain"] = np.max([s.annulus_strain_pct[lv] for lv in LUMBAR_LEVELS], axis=0)
        self.outputs = out
        q0, q1 = SPREAD_QUANTILES[0], SPREAD_QUANTILES[2]
        self.label = f"{100 * q0:.0f}–{100 * q1:.0f}% of {n} model bodies"

    def fraction_at(self, drive: str, values: Any) -> np.ndarray:
        """Share of the bodies whose envelope reaches ``values`` of ``drive`` ("total" deg or
        "torque" Nm), exactly (from each body's own reach)."""
        reach = self.band.reachable_deg if drive == "total" else self.band.reachable_torque_nm
        values = np.atleast_1d(np.asarray(values, dtype=float))
        return (reach[:, None] >= values[None, :] - 1e-9).mean(axis=0)

    def against(self, x: str, names: Sequence[str], grid: Any) -> dict[str, np.ndarray]:
        """Quantiles of outputs ``names`` at ``grid`` values of output ``x``, each body read at
        its own ``x`` (so the bodies are compared at the same lumbar rotation, total or torque).

        Returns ``{name: array (3, G)}`` (low, median, high; NaN where fewer than
        :data:`SPREAD_MIN_REACHED` of the bodies reach) and ``"fraction"``: the share of the
        bodies that reach each grid value (to the sweep's resolution for an ``x`` other than
        the drives ``total`` and ``torque``, whose reach is exact).
        """
        grid = np.atleast_1d(np.asarray(grid, dtype=float))
        xs = self.outputs[x]
        result: dict[str, np.ndarray] = {}
        reached = None
        for name in names:
            values = _per_body(xs, self.outputs[name], grid)
            reached = np.isfinite(values).mean(axis=0) if reached is None else reached
            result[name] = nan_quantiles(values, SPREAD_QUANTILES)
        fraction = self.fraction_at(x, grid) if x in ("total", "torque") else reached
        if fraction is None:
            fraction = np.isfinite(_per_body(xs, xs, grid)).mean(axis=0)
        enough = fraction >= SPREAD_MIN_REACHED
        for name in names:
            result[name] = np.where(enough[None, :], result[name], np.nan)
        result["fraction"] = fraction
        return result


def population_sweep(model: SpineModel, n: int, *, seed: int = 0, **conditions: Any) -> PopulationSweep:
    """The :class:`PopulationSweep` of ``n`` bodies under ``conditions``, cached per model.

    The first call for a model and ``(n, seed)`` draws the population (about 1-2 s for 1,000
    bodies); each new set of conditions costs one vectorised :meth:`SpineModel.spread` call
    over 81 totals (about 0.5 s for 300 bodies, 1.5 s for 1,000); a repeat is a dictionary
    look-up.

    Parameters
    ----------
    model : SpineModel
        The model; the bodies are drawn around its values.
    n : int
        Number of model bodies, 2 to 100,000.
    seed : int
        Seed of the draw (the same seed, the same bodies).
    **conditions
        ``pelvis``, ``strategy``, ``hip_mobility``, ``thoracic_mobility``, ``lumbar_bracing`` as
        in :meth:`SpineModel.solve`.

    Returns
    -------
    PopulationSweep
    """
    _check_model(model)
    key = (_cond_key(model.solve(total_deg=0.0, **conditions).conditions), _check_spread(n), seed)
    with _SWEEP_LOCK:
        store = _SWEEPS.setdefault(model, OrderedDict())
        if key in store:
            store.move_to_end(key)
            return store[key]
    sweep = PopulationSweep(model, n, seed, **conditions)
    with _SWEEP_LOCK:
        store[key] = sweep
        while len(store) > _SWEEPS_KEPT:
            store.popitem(last=False)
    return sweep


class _LabelledTuple(tuple):
    """Legend handles drawn side by side as one entry (matplotlib's HandlerTuple), with a label."""

    _label = ""

    def set_label(self, label: str) -> None:
        self._label = label

    def get_label(self) -> str:
        return self._label


def _band_verts(x: np.ndarray, low: np.ndarray, high: np.ndarray) -> list[np.ndarray]:
    """Polygon(s) of a band: one per run of finite values (none when all are NaN)."""
    ok = np.isfinite(low) & np.isfinite(high) & np.isfinite(x)
    polys = []
    edges = np.flatnonzero(np.diff(np.concatenate([[0], ok.astype(int), [0]])))
    for start, stop in zip(edges[::2], edges[1::2], strict=True):
        if stop - start >= 2:
            xs, lo, hi = x[start:stop], low[start:stop], high[start:stop]
            polys.append(np.column_stack([np.concatenate([xs, xs[::-1]]), np.concatenate([lo, hi[::-1]])]))
    return polys


def _empty_band(ax: Axes, color: Any, **kwargs: Any) -> PolyCollection:
    band = PolyCollection([], facecolors=[mcolors.to_rgba(color, kwargs.pop("alpha", 0.22))], **kwargs)
    band.set_visible(False)
    ax.add_collection(band, autolim=False)
    return band


# --- 1. where the rotation comes from -----------------------------------------------------------
def _region_curves(model: SpineModel, conditions: dict[str, Any]) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Each region's rotation (deg) from 0 to the envelope of the conditions."""
    kwargs = _solve_kwargs(conditions)
    totals = np.linspace(0.0, model.reachable_deg(**kwargs), 361)
    sweep = model.solve(total_deg=totals, **kwargs)
    return totals, {r: np.abs(sweep.regions_deg[r]) for r in _REGIONS}


@_styled
def plot_region_split(
    model: SpineModel,
    pose: Pose | None = None,
    *,
    ax: Axes | None = None,
    spread: int | None = None,
    **conditions: Any,
) -> Drawn:
    """Where the rotation comes from: the legs', hips', lumbar and thoracic rotation as the
    total grows, from zero to where the living body's range ends under the conditions.

    The lines are the default body (the cited values). With ``spread``, each region's
    5-95% band over that many model bodies (drawn from the published spreads, see
    :func:`population_sweep`) is shaded in its colour, where at least half of the bodies
    can turn that far (each body's range ends at its own total).

    Parameters
    ----------
    model : SpineModel
        The model.
    pose : Pose, optional
        The current pose, marked on the curves; its conditions choose the curves.
    ax : Axes, optional
        Draw into this Axes; by default a new figure in the current style.
    spread : int, optional
        Number of model bodies (2 to 100,000; 1000 for a lecture figure) whose 5-95% band
        is shaded; None (default) for the default body alone. :meth:`Drawn.show_spread`
        changes it later.
    **conditions
        ``pelvis``, ``strategy``, ``hip_mobility``, ``thoracic_mobility``,
        ``lumbar_bracing`` of :meth:`SpineModel.solve`, used when no pose is given.

    Returns
    -------
    Drawn
        Artists ``legs``, ``hips``, ``lumbar``, ``thoracic`` (curves, deg against total deg),
        ``bands`` (dict by region: the shaded 5-95% bands, hidden without ``spread``),
        ``cap``, ``cap_label``, ``cap_reached``, ``reach_line``, ``reach_label``,
        ``pose_line``, ``pose_points``, ``title``, ``legend``.
    """
    _check_model(model)
    state: dict[str, Any] = {"key": None, "spread": _check_spread(spread), "band_key": None}
    cond = _initial_conditions(model, pose, conditions)
    fig, ax = _new_axes(ax)
    cap = model.lumbar_cap_deg
    artists: dict[str, Any] = {"bands": {}}
    artists["end_labels"] = {}
    for region in _REGIONS:
        (artists[region],) = ax.plot(
            [], [], color=REGION_COLORS[region], ls=REGION_LINESTYLES[region], label=REGION_LABELS[region]
        )
        band = _empty_band(ax, REGION_COLORS[region], alpha=0.16, zorder=1.5)
        band.set_edgecolor(REGION_COLORS[region])
        band.set_linestyle(REGION_LINESTYLES[region])
        band.set_linewidth(_lw(0.22))
        artists["bands"][region] = band
        # each curve is named at its end (no legend entry: colour alone would not tell them apart)
        artists["end_labels"][region] = ax.text(
            0.0, 0.0, region, color=REGION_COLORS[region], fontsize=_fs(0.8), fontweight="bold",
            va="center", ha="left", zorder=6,
        )  # fmt: skip
    band_handle = Patch(facecolor="#9A9A9A", alpha=0.45, lw=0, label="")
    artists["cap"] = ax.axhline(
        cap,
        color=REGION_COLORS["lumbar"],
        lw=_lw(0.5),
        ls="--",
        zorder=1,
        label=f"lumbar range {cap:.1f}{_DEG}",
    )
    artists["cap_reached"] = ax.axvline(0.0, color=REGION_COLORS["lumbar"], lw=_lw(0.4), ls=":", zorder=1)
    artists["reach_line"] = ax.axvline(0.0, color="#333333", lw=_lw(0.5), ls="--", zorder=1)
    artists["reach_label"] = ax.text(
        0.0,
        0.98,
        "",
        transform=ax.get_xaxis_transform(),
        ha="right",
        va="top",
        fontsize=_fs(0.8),
        color="#333333",
    )
    artists["pose_line"] = ax.axvline(0.0, color="#333333", lw=_lw(0.45), ls="-", zorder=2, visible=False)
    artists["pose_points"] = ax.scatter(
        [0.0] * len(_REGIONS),
        [0.0] * len(_REGIONS),
        s=_fs(1.0) ** 2 * 1.3,
        c=[REGION_COLORS[r] for r in _REGIONS],
        edgecolors="black",
        linewidths=_lw(0.35),
        zorder=5,
        visible=False,
    )
    artists["pose_points"].set_paths([_marker_path(REGION_MARKERS[r]) for r in _REGIONS])
    artists["title"] = ax.set_title("", loc="left")
    ax.set_xlabel("total trunk rotation (deg)")
    ax.set_ylabel("rotation of each region (deg)")

    def make_legend() -> None:
        handles = [artists["cap"]]
        if state["spread"] is not None:
            band_handle.set_label(f"shaded: {state['sweep'].label}\n(where at least half of them reach)")
            handles.append(band_handle)
        old = ax.get_legend()
        if old is not None:
            old.remove()
        artists["legend"] = ax.legend(handles=handles, loc="upper left")
        artists["cap_label"] = artists["legend"].get_texts()[0]
        artists["cap_label"].set_text(state.get("cap_text", artists["cap"].get_label()))

    def draw_band() -> None:
        on = state["spread"] is not None
        top = state["top"]
        if on:
            sweep = population_sweep(model, state["spread"], **_solve_kwargs(state["cond"]))
            state["sweep"] = sweep
            grid = np.linspace(0.0, state["reach"] * 1.2, 121)
            found = sweep.against("total", _REGIONS, grid)
            for region in _REGIONS:
                low, _, high = found[region]
                artists["bands"][region].set_verts(_band_verts(grid, low, high))
                top = max(top, float(np.nanmax(high, initial=0.0)) * 1.12)
        for region in _REGIONS:
            artists["bands"][region].set_visible(on)
        ax.set_ylim(0.0, top)
        state["band_key"] = (state["key"], state["spread"])

    def headroom(highest: float) -> float:
        """The y limit that leaves room above ``highest`` for the two-line "range ends" note at
        the top and half an end label below it (the labels sit right of the note's end)."""
        y0, y1 = ax.get_ylim()
        share = min(0.5, _text_height_data(ax, 3.2) / max(abs(y1 - y0), 1e-9))
        return max(highest * 1.12, highest / (1.0 - share))

    def place_end_labels(totals: np.ndarray, regions: dict[str, np.ndarray]) -> None:
        """Name each curve just past its end, moved apart where the ends lie close."""
        top = headroom(max(max(float(r.max()) for r in regions.values()), cap))
        ax.set_ylim(0.0, top)
        ys = _spread_apart([float(regions[r][-1]) for r in _REGIONS], _text_height_data(ax), 0.0, top)
        for region, y in zip(_REGIONS, ys, strict=True):
            artists["end_labels"][region].set_position((float(totals[-1]) * 1.01, y))

    def draw_conditions(c: dict[str, Any]) -> None:
        totals, regions = _region_curves(model, c)
        for region in _REGIONS:
            artists[region].set_data(totals, regions[region])
        lumbar = regions["lumbar"]
        reach = float(totals[-1])
        if lumbar[-1] >= cap:
            at = float(np.interp(cap, lumbar, totals))
            artists["cap_reached"].set_xdata([at, at])
            artists["cap_reached"].set_visible(True)
            state["cap_text"] = f"lumbar range {cap:.1f}{_DEG}, reached at {at:.0f}{_DEG} total"
        else:
            artists["cap_reached"].set_visible(False)
            state["cap_text"] = f"lumbar range {cap:.1f}{_DEG} (not reached)"
        if "legend" in artists:
            artists["cap_label"].set_text(state["cap_text"])
        place_end_labels(totals, regions)
        artists["reach_line"].set_xdata([reach, reach])
        artists["reach_label"].set_x(reach * 0.99)
        artists["reach_label"].set_text(
            f"the range ends at {reach:.0f}{_DEG}:\n{_ends_by(model, c)} at their limit"
        )
        state["top"] = headroom(max(float(max(r.max() for r in regions.values())), cap))
        ax.set_xlim(0.0, reach * 1.2)
        state["key"] = _cond_key(c)
        state["cond"] = c
        state["reach"] = reach
        draw_band()

    def set_title(p: Pose | None) -> None:
        line1 = f"Where the rotation comes from — {_describe(state['cond'])}"
        if p is not None:
            line2 = f"marked: {_pose_summary(p)}"
        else:
            line2 = f"curves run to the end of the living body's range ({state['reach']:.0f}{_DEG})"
        artists["title"].set_text(f"{line1}\n{line2}")

    def update(p: Pose) -> None:
        if _cond_key(p.conditions) != state["key"]:
            draw_conditions(dict(p.conditions))
        total = abs(float(p.total_deg))
        xs = [total] * len(_REGIONS)
        ys = [abs(float(p.regions_deg[r])) for r in _REGIONS]
        artists["pose_points"].set_offsets(np.column_stack([xs, ys]))
        artists["pose_points"].set_visible(True)
        artists["pose_line"].set_xdata([total, total])
        artists["pose_line"].set_visible(True)
        set_title(p)

    def show_spread(n: int | None) -> None:
        if (state["key"], n) == state["band_key"]:
            return
        state["spread"] = n
        draw_band()
        make_legend()

    draw_conditions(cond)
    make_legend()
    set_title(None)
    if pose is not None:
        update(pose)
    return Drawn(fig, (ax,), artists, update, show_spread)


# --- 2. loads against lumbar rotation -----------------------------------------------------------
def _load_curves(model: SpineModel, conditions: dict[str, Any]) -> tuple[np.ndarray, ...]:
    """Lumbar rotation, largest facet force and largest annulus strain from 0 to the envelope."""
    kwargs = _solve_kwargs(conditions)
    torque = model.reachable_torque_nm(**kwargs) * np.linspace(0.0, 1.0, 1201) ** 2
    sweep = model.solve(torque_nm=torque, **kwargs)
    lumbar = np.abs(sweep.regions_deg["lumbar"])
    contra = _max_facet(sweep)
    strain = np.max([sweep.annulus_strain_pct[lv] for lv in LUMBAR_LEVELS], axis=0)
    return lumbar, contra, strain


@_styled
def plot_loads(
    model: SpineModel,
    pose: Pose | None = None,
    *,
    ax: Axes | None = None,
    spread: int | None = None,
    **conditions: Any,
) -> Drawn:
    """Loads against lumbar rotation: facet compression and annulus shear strain, zones shaded,
    from zero to where the living body's range ends under the conditions.

    Facet compression (N, left axis) is that of the pressed (contralateral) facet of the most
    loaded level (L5-S1, the shortest lever arm); the other facet gaps (0 N). The strain
    (%, right axis) is that of the most strained level.

    The lines are the default body (the cited values). With ``spread``, the 5-95% band of
    that many model bodies (see :func:`population_sweep`) is shaded around each: every body
    is read at the same lumbar rotation (its own most loaded facet and most strained disc),
    where at least half of the bodies' ranges reach that lumbar rotation.

    Parameters
    ----------
    model : SpineModel
        The model.
    pose : Pose, optional
        The current pose, marked; its conditions choose the curves.
    ax : Axes, optional
        Draw into this Axes (a twin Axes is added for the strain); by default a new figure.
    spread : int, optional
        Number of model bodies (2 to 100,000; 1000 for a lecture figure) whose 5-95% bands
        are shaded; None (default) for the default body alone. :meth:`Drawn.show_spread`
        changes it later.
    **conditions
        Conditions of :meth:`SpineModel.solve`, used when no pose is given.

    Returns
    -------
    Drawn
        Axes ``(force_ax, strain_ax)``; artists ``contralateral`` (N), ``strain`` (%),
        ``force_band`` and ``strain_band`` (5-95%, hidden without ``spread``), ``legend``,
        ``damage``, zone spans ``zone_neutral``, ``zone_elastic``, ``zone_beyond_limit``,
        ``reach_line``, ``reach_label``, ``pose_line``, ``pose_force``, ``pose_strain``, ``title``.
    """
    _check_model(model)
    cond = _initial_conditions(model, pose, conditions)
    fig, ax = _new_axes(ax)
    ax2 = ax.twinx()
    ax2.grid(False)
    ax2.spines["right"].set_visible(True)
    cap = model.lumbar_cap_deg
    xmax = 1.3 * cap
    state: dict[str, Any] = {"key": None, "spread": _check_spread(spread), "band_key": None}
    norm_strain, norm_force, damage = _load_norms(model)
    nz, lim = _lumbar_zone_edges(model)
    artists: dict[str, Any] = {}
    spans = {"neutral": (0.0, nz), "elastic": (nz, lim), "beyond_limit": (lim, xmax)}
    for zone, (a, b) in spans.items():
        artists[f"zone_{zone}"] = ax2.axvspan(a, b, color=ZONE_COLORS[zone], alpha=0.28, lw=0, zorder=0)
        if ZONE_HATCHES[zone] and zone == "beyond_limit":  # apart from the elastic zone by hatch as well
            artists[f"zone_{zone}"].set_hatch(ZONE_HATCHES[zone])
            artists[f"zone_{zone}"].set_edgecolor(mcolors.to_rgba(ZONE_COLORS[zone], 0.6))
            _keep_hatch([artists[f"zone_{zone}"]])
    zone_text = {"neutral": "neutral", "elastic": "elastic zone", "beyond_limit": "beyond\nthe limit"}
    artists["zone_labels"] = {}
    for zone, (a, b) in spans.items():
        artists["zone_labels"][zone] = ax2.text(
            (a + b) / 2.0,
            0.985,
            zone_text[zone],
            transform=ax2.get_xaxis_transform(),
            ha="center",
            va="top",
            rotation=90 if zone == "neutral" else 0,
            fontsize=_fs(0.85),
            fontweight="bold",
            color="#333333",
        )
    force_color, strain_color = OKABE_ITO["black"], "#6A6A6A"
    (artists["contralateral"],) = ax.plot(
        [], [], color=force_color, label="facet force, most loaded level (N)"
    )
    (artists["strain"],) = ax2.plot(
        [], [], color=strain_color, ls="--", label="annulus strain, most strained level (%)"
    )
    gap = Line2D([], [], ls="none", label="the other facet gaps (0 N)")
    artists["force_band"] = _empty_band(ax, force_color, alpha=0.16, lw=0, zorder=1.5)
    artists["strain_band"] = _empty_band(ax2, "none", alpha=0.0, zorder=1.5)
    artists["strain_band"].set_edgecolor(strain_color)
    artists["strain_band"].set_hatch("///")
    artists["strain_band"].set_linewidth(0.0)
    _keep_hatch([artists["strain_band"]])
    force_handle = Patch(facecolor=mcolors.to_rgba(force_color, 0.16), lw=0, label="")
    strain_handle = Patch(facecolor="none", edgecolor=strain_color, hatch="///", lw=0, label="")
    _keep_hatch([strain_handle])
    band_handle = _LabelledTuple((force_handle, strain_handle))
    artists["damage"] = ax2.axhline(damage, color=strain_color, lw=_lw(0.4), ls=":")
    artists["damage_label"] = ax2.text(
        0.99,
        damage,
        f"discs damaged,\n{damage:.0f}% (Adams &\nHutton 1981)",
        transform=ax2.get_yaxis_transform(),
        ha="right",
        va="top",
        bbox={"boxstyle": "square,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8},
        color=strain_color,
        fontsize=_fs(0.75),
    )
    artists["reach_line"] = ax.axvline(0.0, color="#333333", lw=_lw(0.5), ls="--", zorder=3)
    artists["reach_label"] = ax.text(
        0.0,
        0.02,
        "",
        transform=ax.get_xaxis_transform(),
        rotation=90,
        ha="left",
        va="bottom",
        fontsize=_fs(0.8),
        color="#333333",
    )
    artists["pose_line"] = ax.axvline(0.0, color="#333333", lw=_lw(0.45), zorder=3, visible=False)
    (artists["pose_force"],) = ax.plot([], [], "o", color=force_color, mec="white", zorder=6)
    (artists["pose_strain"],) = ax2.plot([], [], "D", color=strain_color, mec="white", zorder=6)
    artists["title"] = ax.set_title("", loc="left")
    ax.set_xlim(0.0, xmax)
    ax.set_ylim(0.0, 1.4 * norm_force.vmax)
    ax2.set_ylim(0.0, norm_strain.vmax)
    ax.set_xlabel("total lumbar rotation, L5-S1 to L1-L2 (deg)")
    ax.set_ylabel("facet compression force (N)")
    ax2.set_ylabel("annulus shear strain (%)", color=strain_color)
    ax2.tick_params(axis="y", colors=strain_color)
    ax.set_zorder(ax2.get_zorder() + 1)
    ax.patch.set_visible(False)

    def make_legend() -> None:
        handles = [artists["contralateral"], gap, artists["strain"]]
        if state["spread"] is not None:
            band_handle.set_label(f"force, strain: {state['sweep'].label}")
            handles.append(band_handle)
        old = ax.get_legend()
        if old is not None:
            old.remove()
        # above the curves: the force axis leaves the top third free (the largest force any strategy
        # reaches is at most norm_force.vmax / 1.15; with a band, its top / 1.5)
        artists["legend"] = ax.legend(
            handles=handles,
            loc="upper left",
            bbox_to_anchor=(0.005, 0.8),
            handler_map={tuple: HandlerTuple(ndivide=None, pad=0.3)},
        )

    def draw_band() -> None:
        on = state["spread"] is not None
        if on:
            sweep = population_sweep(model, state["spread"], **_solve_kwargs(state["cond"]))
            state["sweep"] = sweep
            grid = np.linspace(0.0, xmax, 121)
            found = sweep.against("lumbar", ("facet", "strain"), grid)
            artists["force_band"].set_verts(_band_verts(grid, found["facet"][0], found["facet"][2]))
            artists["strain_band"].set_verts(_band_verts(grid, found["strain"][0], found["strain"][2]))
            top_force = float(np.nanmax(found["facet"][2], initial=0.0))
            top_strain = float(np.nanmax(found["strain"][2], initial=0.0))
            ax.set_ylim(0.0, max(1.4 * norm_force.vmax, 1.5 * top_force))
            ax2.set_ylim(0.0, max(norm_strain.vmax, 1.1 * top_strain))
        else:
            ax.set_ylim(0.0, 1.4 * norm_force.vmax)
            ax2.set_ylim(0.0, norm_strain.vmax)
        artists["force_band"].set_visible(on)
        artists["strain_band"].set_visible(on)
        state["band_key"] = (state["key"], state["spread"])

    def show_spread(n: int | None) -> None:
        if (state["key"], n) == state["band_key"]:
            return
        state["spread"] = n
        draw_band()
        make_legend()

    def draw_conditions(c: dict[str, Any]) -> None:
        lumbar, contra, strain = _load_curves(model, c)
        artists["contralateral"].set_data(lumbar, contra)
        artists["strain"].set_data(lumbar, strain)
        end = float(lumbar[-1])
        artists["reach_line"].set_xdata([end, end])
        artists["reach_label"].set_x(end + 0.012 * xmax)
        artists["reach_label"].set_text(f" the range ends ({_ends_by(model, c)})")
        state["key"] = _cond_key(c)
        state["cond"] = c
        state["end"] = end
        draw_band()

    def set_title(p: Pose | None) -> None:
        line1 = f"Loads on the low back — {_describe(state['cond'])}"
        if p is None:
            line2 = (
                f"the body's range ends at {state['end']:.1f}{_DEG} lumbar rotation, "
                f"below the lumbar range of {cap:.1f}{_DEG}"
            )
        else:
            f = float(_max_facet(p))
            s = max(p.annulus_strain_pct[lv] for lv in LUMBAR_LEVELS)
            line2 = (
                f"marked: lumbar {abs(p.regions_deg['lumbar']):.1f}{_DEG}, facet {f:.0f} N, annulus {s:.1f}%"
            )
        artists["title"].set_text(f"{line1}\n{line2}")

    def update(p: Pose) -> None:
        if _cond_key(p.conditions) != state["key"]:
            draw_conditions(dict(p.conditions))
        lumbar = abs(float(p.regions_deg["lumbar"]))
        force = float(_max_facet(p))
        strain = max(float(p.annulus_strain_pct[lv]) for lv in LUMBAR_LEVELS)
        artists["pose_line"].set_xdata([lumbar, lumbar])
        artists["pose_line"].set_visible(True)
        artists["pose_force"].set_data([lumbar], [force])
        artists["pose_strain"].set_data([lumbar], [strain])
        set_title(p)

    draw_conditions(cond)
    make_legend()
    set_title(None)
    if pose is not None:
        update(pose)
    return Drawn(fig, (ax, ax2), artists, update, show_spread)


# --- 3. per level -------------------------------------------------------------------------------
def _region_of(level: str) -> str:
    if level in ("legs", "hips"):
        return level
    return "lumbar" if level in LUMBAR_LEVELS else "thoracic"


def _joint_zone_color(level: str, zone: str) -> str:
    """Zone colour of a joint."""
    del level  # every joint's zones mean the same: its neutral zone, range, tolerance
    return ZONE_COLORS[zone]


_LEVEL_NAMES = {"legs": "legs (knees)", "hips": "hips"}


@_styled
def plot_levels(model: SpineModel, pose: Pose, *, axes: Sequence[Axes] | None = None) -> Drawn:
    """Per level: the rotation of all 19 joints (legs, hips, 5 lumbar, 12 thoracic) coloured by
    zone, each joint's own limit, and the pressed facet's compression at each lumbar level.

    Parameters
    ----------
    model : SpineModel
        The model.
    pose : Pose
        The pose to show.
    axes : pair of Axes, optional
        ``(angle_ax, facet_ax)``; by default a new figure with two panels.

    Returns
    -------
    Drawn
        Artists ``angle_bars`` (deg), ``limits`` (deg), ``facet_contra`` (N), ``facet_values``,
        ``title``.
    """
    _check_model(model)
    _check_pose(pose)
    if axes is None:
        fig, (ax, axf) = plt.subplots(1, 2, width_ratios=[1.75, 1.0])
        _add_footer(fig)
    else:
        if len(axes) != 2:
            raise ValueError(f"axes must be two Axes (angles, facet forces), got {len(axes)}")
        ax, axf = (_check_ax(a, "axes") for a in axes)
        fig = ax.figure
        _add_footer(fig)
    _, norm_force, _ = _load_norms(model)
    y = np.arange(len(LEVELS))
    artists: dict[str, Any] = {}
    artists["angle_bars"] = ax.barh(
        y, np.zeros(len(LEVELS)), height=0.72, edgecolor="#333333", linewidth=_lw(0.2)
    )
    artists["limits"] = ax.scatter(
        np.zeros(len(LEVELS)), y, marker="|", s=(_fs(1.5)) ** 2, c="black", linewidths=_lw(0.6), zorder=5
    )
    ax.set_yticks(y, [_LEVEL_NAMES.get(lv, lv) for lv in LEVELS])
    for tick, level in zip(ax.get_yticklabels(), LEVELS, strict=True):
        tick.set_color(REGION_COLORS[_region_of(level)])
        tick.set_fontweight("bold")
    ax.set_ylim(-0.6, len(LEVELS) - 0.4)
    ax.set_xlabel("rotation of the joint (deg)")
    ax.set_title("Each joint against its own limit", loc="left")
    ax.grid(axis="y", visible=False)
    handles = [
        Patch(
            facecolor=ZONE_COLORS[z], edgecolor="#333333", hatch=ZONE_HATCHES[z] or None, label=ZONE_LABELS[z]
        )
        for z in ZONE_COLORS
    ]
    _keep_hatch(handles)
    handles.append(
        Line2D(
            [],
            [],
            color="black",
            marker="|",
            ls="none",
            markersize=_fs(1.3),
            mew=_lw(0.6),
            label="own limit (range measured)",
        )
    )
    ax.legend(handles=handles, loc="upper right")

    yl = np.arange(len(LUMBAR_LEVELS))
    artists["facet_contra"] = axf.barh(
        yl, np.zeros(len(yl)), height=0.6, edgecolor="#333333", linewidth=_lw(0.2), label="pressed side"
    )
    axf.set_yticks(yl, list(LUMBAR_LEVELS))
    for tick in axf.get_yticklabels():
        tick.set_color(REGION_COLORS["lumbar"])
        tick.set_fontweight("bold")
    axf.set_ylim(-0.6, len(yl) - 0.4)
    axf.set_xlabel("facet compression force (N)")
    axf.set_title("Pressed lumbar facets\n(the other side: 0 N)", loc="left")
    axf.grid(axis="y", visible=False)
    artists["title"] = fig.suptitle("", fontweight="bold")
    artists["facet_values"] = [axf.text(0.0, yy, "", va="center", ha="left", fontsize=_fs(0.8)) for yy in yl]
    state = {"force_max": norm_force.vmax}

    def update(p: Pose) -> None:
        angles = np.array([abs(float(p.levels_deg[lv])) for lv in LEVELS])
        limits = np.array([p.limits_deg[lv] for lv in LEVELS])
        for bar, angle, level in zip(artists["angle_bars"], angles, LEVELS, strict=True):
            bar.set_width(angle)
            bar.set_facecolor(_joint_zone_color(level, str(p.zone[level])))
            bar.set_hatch(ZONE_HATCHES[str(p.zone[level])] or None)
        artists["limits"].set_offsets(np.column_stack([limits, y]))
        ax.set_xlim(0.0, max(angles.max(), limits.max()) * 1.12)
        contra = np.array([float(p.facet_force_n[lv]["contralateral"]) for lv in LUMBAR_LEVELS])
        for bar, value, level in zip(artists["facet_contra"], contra, LUMBAR_LEVELS, strict=True):
            bar.set_width(value)
            bar.set_facecolor(ZONE_COLORS[str(p.zone[level])])
            bar.set_hatch(ZONE_HATCHES[str(p.zone[level])] or None)
        xmax = max(state["force_max"], contra.max() * 1.25)
        axf.set_xlim(0.0, xmax)
        for text, value in zip(artists["facet_values"], contra, strict=True):
            text.set_x(value + 0.015 * xmax)
            text.set_text(f"{value:.0f} N")
        artists["title"].set_text(f"Per level — {_describe(p.conditions)}\n{_pose_summary(p)}")

    update(pose)
    return Drawn(fig, (ax, axf), artists, update)


# --- 4. top view --------------------------------------------------------------------------------
def _rot(points: np.ndarray, angle_deg: float) -> np.ndarray:
    a = np.deg2rad(angle_deg)
    c, s = np.cos(a), np.sin(a)
    return points @ np.array([[c, s], [-s, c]])


def _cumulative(p: Pose) -> np.ndarray:
    """Cumulative angle (deg) of the pelvis (legs + hips, over the planted feet) and each vertebra L5..T1."""
    return np.cumsum([float(p.levels_deg[lv]) for lv in LEVELS])[1:]


#: The top view's wedges differ by hatch and edge style as well as colour (the lumbar purple and
#: the thoracic green turn alike under deuteranopia); the hatches of the sensitivity figures'
#: regions (:data:`spinemodel.evidence_plots.REGION_HATCHES`).
_WEDGE_HATCHES: dict[str, str] = {"legs": "\\\\", "hips": "..", "lumbar": "", "thoracic": "//"}
#: Fill opacity of the wedges: the lumbar wedge, the one the figure is about, nearly solid.
_WEDGE_ALPHA: dict[str, float] = {"legs": 0.35, "hips": 0.35, "lumbar": 0.85, "thoracic": 0.35}
_DIAL = 1.0  # radius of the dial (data units); the rest of the drawing scales with it
_LABEL_RING = 1.12 * _DIAL  # labels outside the dial keep outside this circle
_RANGE_BAR = (0.3 * _DIAL, 1.1 * _DIAL)  # the bar where the lumbar range ends, from and to these radii
_SHOULDER = 0.72 * _DIAL  # half the shoulder bar
_PELVIS_HALF_AXES = (0.42 * _DIAL, 0.24 * _DIAL)  # the pelvis outline: half its width and depth
_BODY_GREY = "#4D4D4D"
_FLIP = {"left": "right", "right": "left", "center": "center"}


def _unit(angle_deg: Any) -> np.ndarray:
    """Direction(s) turned by ``angle_deg`` from straight ahead (+y), counter-clockwise seen from above."""
    a = np.deg2rad(np.asarray(angle_deg, dtype=float))
    return np.stack([-np.sin(a), np.cos(a)], axis=-1)


def _turn_of(xy: np.ndarray) -> np.ndarray:
    """Turn angle(s) (deg) of point(s) ``xy`` from straight ahead: the inverse of :func:`_unit`."""
    xy = np.asarray(xy, dtype=float)
    return np.degrees(np.arctan2(-xy[..., 0], xy[..., 1]))


def _sector(a0: float, a1: float) -> np.ndarray:
    """A wedge of the dial from its centre, between the turn angles ``a0`` and ``a1`` (deg)."""
    n = max(2, int(abs(a1 - a0) / 2.0) + 2)
    return np.vstack([[0.0, 0.0], _DIAL * _unit(np.linspace(a0, a1, n)), [0.0, 0.0]])


def _pelvis_outline(angle_deg: float) -> np.ndarray:
    """The pelvis seen from above, turned by ``angle_deg``."""
    t = np.linspace(0.0, 2.0 * np.pi, 73)
    width, depth = _PELVIS_HALF_AXES
    return _rot(np.column_stack([width * np.cos(t), depth * np.sin(t)]), angle_deg)


def _darker(color: str, amount: float = 0.35) -> tuple[float, float, float]:
    """``color`` mixed with black: text in a region's colour that reads on white."""
    r, g, b = (float(c) * (1.0 - amount) for c in mcolors.to_rgb(color))
    return (r, g, b)


def _text_size_pt(text: str, prop: FontProperties) -> tuple[float, float]:
    """Width and height (points) of ``text`` in font ``prop``, a round box's padding included."""
    lines = text.split("\n")
    width = max(text_to_path.get_text_width_height_descent(s, prop, ismath=False)[0] for s in lines)
    size = prop.get_size_in_points()
    return width + 0.6 * size, (len(lines) * 1.2 + 0.5) * size


def _points_per_unit(ax: Axes) -> float:
    """Points per data unit of an equal-aspect Axes as it is laid out now."""
    ax.apply_aspect()
    (x0, y0), (x1, y1) = ax.transData.transform([(0.0, 0.0), (1.0, 1.0)])
    return 72.0 / ax.figure.dpi * min(abs(x1 - x0), abs(y1 - y0))


def _box_in_wedge(center: np.ndarray, w: float, h: float, u0: float, u1: float) -> bool:
    """Whether a text box (data units) lies inside the wedge between the angles u0 and u1 (deg),
    clear of the centre and the rim ticks."""
    corners = center + np.array([(dx, dy) for dx in (-0.5, 0.0, 0.5) for dy in (-0.5, 0.0, 0.5)]) * [w, h]
    radius = np.hypot(corners[:, 0], corners[:, 1])
    angle = _turn_of(corners)
    return bool(np.all((radius < 0.87 * _DIAL) & (radius > 0.3 * _DIAL) & (angle > u0) & (angle < u1)))


def _x_along(start: np.ndarray, stop: np.ndarray, low: float, high: float) -> float | None:
    """The smallest x of the segment start-stop between the heights ``low`` and ``high`` (None if
    it does not pass them)."""
    lo, hi = max(low, min(start[1], stop[1])), min(high, max(start[1], stop[1]))
    if lo > hi or start[1] == stop[1]:
        return None
    xs = [start[0] + (y - start[1]) * (stop[0] - start[0]) / (stop[1] - start[1]) for y in (lo, hi)]
    return float(min(xs))


def _centred_spread(values: Sequence[float], gap: float, low: float, high: float) -> list[float]:
    """:func:`_spread_apart`, each run of labels it pushed together then centred on where its
    labels want to be (a crowd spreads both ways, not only up)."""
    wanted = np.asarray(values, dtype=float)
    placed = np.asarray(_spread_apart(wanted, gap, low, high))
    order = np.argsort(placed)
    for run in np.split(order, np.flatnonzero(np.diff(placed[order]) > gap * (1.0 + 1e-9)) + 1):
        placed[run] -= np.mean(placed[run] - wanted[run])
    return _spread_apart(placed, gap, low, high)


@_styled
def plot_top_view(model: SpineModel, pose: Pose, *, ax: Axes | None = None, compact: bool = False) -> Drawn:
    """Top view: looking down the body axis, each region's share of the turn as a wedge of a dial.

    The front of the body is up and 0° (dashed) is where the feet point. Wedges from the
    centre, in order legs, hips, lumbar, thoracic, span each region's rotation (deg) and carry
    its name and degrees (a thin wedge's label outside, with a leader); together they reach the
    shoulder bar, turned by the total. A black bar marks where the lumbar range ends (the pelvis
    angle plus ``pose.lumbar_cap_deg``); rim ticks, one per vertebra (L5 to T1) at its
    cumulative angle, bunch over the lumbar wedge and spread over the thoracic one. A simple
    pelvis outline turns with the pelvis. A turn to the right (negative) mirrors the drawing; a
    region that does not turn (seated: legs and hips) has no wedge and no label.

    Parameters
    ----------
    model : SpineModel
        The model.
    pose : Pose
        The pose to show.
    ax : Axes, optional
        Draw into this Axes; by default a new figure.
    compact : bool
        Smaller labels and no note on the rim ticks, for a panel of a shared figure (the
        animation uses it).

    Returns
    -------
    Drawn
        Artists ``wedges`` (dict per region: polygons), ``labels`` and ``leaders`` (dict per
        region: name and degrees, and the line from a thin wedge to its label outside),
        ``range_line``, ``range_label`` and ``range_leader`` (where the lumbar range ends),
        ``level_ticks`` (17 rim ticks, L5 to T1), ``pelvis`` and ``pelvis_label``, ``shoulders``
        (left end first) and ``shoulders_label``, ``feet_line`` and ``feet_label``, ``dial``,
        ``note``, ``title``.
    """
    _check_model(model)
    _check_pose(pose)
    own_figure = ax is None
    fig, ax = _new_axes(ax)
    size = _fs(0.8 if compact else 0.9)
    fonts = {
        weight: FontProperties(family=mpl.rcParams["font.family"], size=size, weight=weight)
        for weight in ("normal", "bold")
    }
    box = {"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.85}
    label_kw = {"fontsize": size, "va": "center", "linespacing": 1.1, "bbox": box, "zorder": 8}
    artists: dict[str, Any] = {}
    rim = _DIAL * _unit(np.linspace(-105.0, 105.0, 106))
    (artists["dial"],) = ax.plot(*rim.T, color="#BBBBBB", lw=_lw(0.3), zorder=1)
    feet_top = 1.34 * _DIAL
    (artists["feet_line"],) = ax.plot(
        [0.0, 0.0], [0.0, feet_top], color="#777777", lw=_lw(0.4), ls="--", zorder=5, label="feet point here"
    )
    artists["feet_label"] = ax.text(0, feet_top, "feet point here", color="#555555", fontsize=size, va="top")
    artists["wedges"], artists["labels"], artists["leaders"] = {}, {}, {}
    for region in _REGIONS:
        color = REGION_COLORS[region]
        artists["wedges"][region] = ax.add_patch(
            Polygon(
                _sector(0.0, 0.0),
                closed=True,
                facecolor=mcolors.to_rgba(color, _WEDGE_ALPHA[region]),
                edgecolor=color,
                hatch=_WEDGE_HATCHES[region],
                linestyle=REGION_LINESTYLES[region],
                linewidth=_lw(0.45),
                zorder=2,
                label=REGION_LABELS[region],
            )
        )
        (artists["leaders"][region],) = ax.plot([], [], color=_darker(color), lw=_lw(0.3), zorder=6)
        artists["labels"][region] = ax.text(0, 0, "", color=_darker(color), fontweight="bold", **label_kw)
    _keep_hatch(artists["wedges"].values())
    artists["level_ticks"] = ax.add_collection(
        LineCollection([np.zeros((2, 2))] * len(_VERTEBRAE), colors="#222222", linewidths=_lw(0.3), zorder=3)
    )
    (artists["pelvis"],) = ax.plot([], [], color=_BODY_GREY, lw=_lw(0.6), zorder=4, label="pelvis")
    artists["pelvis_label"] = ax.text(0.0, 0.0, "", color=_BODY_GREY, fontsize=size, va="top", zorder=7)
    (artists["shoulders"],) = ax.plot(
        [], [], color=_BODY_GREY, lw=_lw(0.9), marker="o", markersize=_fs(0.45), zorder=5, label="shoulders"
    )
    artists["shoulders_label"] = ax.text(
        0.0, 0.0, "", color="#222222", fontsize=size, fontweight="bold", va="center", zorder=7
    )
    (artists["range_line"],) = ax.plot(
        [], [], color="#222222", lw=_lw(1.0), solid_capstyle="butt", zorder=6, label="lumbar range ends"
    )
    (artists["range_leader"],) = ax.plot([], [], color="#222222", lw=_lw(0.3), zorder=6)
    artists["range_label"] = ax.text(0, 0, "", color=_darker(REGION_COLORS["lumbar"], 0.45), **label_kw)
    artists["note"] = ax.text(
        0.0,
        0.0,
        "" if compact else "rim ticks:\none per vertebra",
        color="#555555",
        fontsize=_fs(0.75),
        va="bottom",
        linespacing=1.1,
    )
    # room for the labels outside the dial: more on the side the body turns to
    turn_side, other_side = 1.95 * _DIAL, 1.55 * _DIAL
    ax.set_xlim(*((-turn_side, other_side) if float(pose.total_deg) >= 0.0 else (-other_side, turn_side)))
    ax.set_ylim(-0.8 * _DIAL, 1.5 * _DIAL)
    ax.set_aspect("equal", adjustable="box")
    ax.set_axis_off()
    title = f"Seen from above: where the turn happens\n{_describe(pose.conditions)}"
    artists["title"] = ax.set_title(title, loc="left")
    engine = fig.get_layout_engine()
    if own_figure and engine is not None:
        engine.execute(fig)  # lay the new figure out once: its labels are spaced at its final scale
    measured: dict[tuple[str, str], tuple[float, float]] = {}

    def text_size(text: str, weight: str = "bold") -> tuple[float, float]:
        """Width and height of a label (points)."""
        if (text, weight) not in measured:
            measured[text, weight] = _text_size_pt(text, fonts[weight])
        return measured[text, weight]

    def update(p: Pose) -> None:
        cum = _cumulative(p)
        total, legs, pelvis = float(cum[-1]), float(p.levels_deg["legs"]), float(cum[0])
        lumbar_end = float(cum[len(LUMBAR_LEVELS)])
        cap = float(p.lumbar_cap_deg)
        # The labels are laid out for a turn to the left (angles u = m * angle, the turn side at
        # x < 0), then mirrored (m = -1) for a turn to the right.
        m = 1.0 if total >= 0.0 else -1.0
        ax.set_xlim(*((-turn_side, other_side) if m > 0 else (-other_side, turn_side)))
        per_unit = _points_per_unit(ax)

        def place(text: Any, xy: Any, ha: str) -> None:
            text.set_position((m * float(xy[0]), float(xy[1])))
            text.set_horizontalalignment(ha if m > 0 else _FLIP[ha])

        # the body (pelvis, shoulders), one rim tick per vertebra, the end of the lumbar range
        artists["pelvis"].set_data(*_pelvis_outline(pelvis).T)
        artists["shoulders"].set_data(*(_SHOULDER * _unit([total + 90.0, total - 90.0])).T)
        ticks = _DIAL * _unit(cum[1:])[:, None, :] * np.array([0.9, 1.0])[None, :, None]
        artists["level_ticks"].set_segments(list(ticks))
        wall = pelvis + m * cap
        artists["range_line"].set_data(*np.array([r * _unit(wall) for r in _RANGE_BAR]).T)
        # the shoulders' readout goes to the bar's end away from the turn
        u_total, u_wall = m * total, m * wall
        end = _SHOULDER * _unit(u_total - 90.0 if u_total <= 90.0 else u_total + 90.0)
        cuts = [u_wall] + ([float(_turn_of(end))] if end[0] < 0.0 else [])
        outside: list[tuple[float, float, Any, Any, float]] = []  # angle, radius, label, leader, height
        bounds = {
            "legs": (0.0, legs),
            "hips": (legs, pelvis),
            "lumbar": (pelvis, lumbar_end),
            "thoracic": (lumbar_end, total),
        }
        for region, (a0, a1) in bounds.items():
            wedge, label, leader = (artists[k][region] for k in ("wedges", "labels", "leaders"))
            deg = abs(float(p.regions_deg[region]))
            digits = 1 if region == "lumbar" else 0
            shown = round(deg, digits) > 0.0  # a region that turns by 0 (as printed): no wedge, no label
            for artist in (wedge, label, leader):
                artist.set_visible(shown)
            if not shown:
                continue
            wedge.set_xy(_sector(a0, a1))
            u0, u1 = sorted((m * a0, m * a1))
            for cut in cuts:  # the label keeps to the larger part, clear of the range bar and shoulders
                if u0 < cut < u1:
                    u0, u1 = (u0, cut) if cut - u0 >= u1 - cut else (cut, u1)
            name, number = REGION_LABELS[region].split(" ")[0], f"{deg:.{digits}f}{_DEG}"
            w, h = (v / per_unit for v in text_size(f"{name}\n{number}"))
            inside = (r * _DIAL * _unit(0.5 * (u0 + u1)) for r in (0.64, 0.56, 0.72))
            center = next((c for c in inside if _box_in_wedge(c, w, h, u0 + 1.0, u1 - 1.0)), None)
            if center is not None:
                label.set_text(f"{name}\n{number}")
                label.set_multialignment("center")
                place(label, center, "center")
                leader.set_visible(False)
            else:
                label.set_text(f"{name} {number}")
                height = text_size(label.get_text())[1] / per_unit
                outside.append((0.5 * (u0 + u1), _DIAL, label, leader, height))
        range_text = f"lumbar range\n({cap:.1f}{_DEG}) ends here"
        artists["range_label"].set_text(range_text)
        height = text_size(range_text, "normal")[1] / per_unit
        outside.append((u_wall, _RANGE_BAR[1], artists["range_label"], artists["range_leader"], height))
        # the labels outside the dial: on the side the body turns to, in the order of the turn, apart
        outside.sort(key=lambda item: item[0])
        gap = max(item[4] for item in outside) + 0.02 * _DIAL
        wanted = [_LABEL_RING * float(np.cos(np.deg2rad(min(item[0], 180.0)))) for item in outside]
        y_low, y_high = ax.get_ylim()
        ys = _centred_spread(wanted, gap, y_low + 0.5 * gap, y_high - 0.5 * gap)
        leaders: list[tuple[np.ndarray, np.ndarray]] = []  # the leaders drawn so far (turn to the left)
        for (u, radius, label, leader, h), y in zip(outside, ys, strict=True):
            near = 0.0 if abs(y) < 0.5 * h else abs(y) - 0.5 * h
            x_right = -np.sqrt(max(_LABEL_RING**2 - near**2, 0.0)) - 0.04 * _DIAL
            for start, stop in leaders:  # keep left of the leaders that pass this label's height
                x = _x_along(start, stop, y - 0.5 * h, y + 0.5 * h)
                x_right = x_right if x is None else min(x_right, x - 0.04 * _DIAL)
            place(label, (x_right, y), "right")
            anchor, tip = radius * _unit(u), np.array([x_right + 0.02 * _DIAL, y])
            leader.set_data([m * anchor[0], m * tip[0]], [anchor[1], tip[1]])
            leaders.append((anchor, tip))
        # the other side: where the feet point, the shoulders, the pelvis
        place(artists["feet_label"], (0.05 * _DIAL, feet_top), "left")
        artists["shoulders_label"].set_text(f"shoulders {abs(total):.0f}{_DEG}")
        place(artists["shoulders_label"], end * (1.0 + 0.1 * _DIAL / _SHOULDER), "left")
        artists["pelvis_label"].set_text(f"pelvis {abs(pelvis):.0f}{_DEG}")
        lower_right = _pelvis_outline(m * pelvis)[-10]  # 45 degrees below its right end
        place(artists["pelvis_label"], lower_right + (0.02 * _DIAL, -0.03 * _DIAL), "left")
        place(artists["note"], (1.5 * _DIAL, -0.78 * _DIAL), "right")
        artists["title"].set_text(f"Seen from above: where the turn happens\n{_describe(p.conditions)}")

    update(pose)
    return Drawn(fig, (ax,), artists, update)


# --- 5. the column ------------------------------------------------------------------------------
#: Thoracic discs in the column: no load colour, a grey hatch (their loads are not modelled).
_NOT_MODELLED = {"facecolor": "#EBEBEB", "edgecolor": "#8C8C8C", "hatch": "////"}
#: The facet on the turning side, which gaps in pure axial rotation: an open circle, no scale colour.
_GAPPING_FACET = {"facecolor": "white", "edgecolor": "#6A6A6A"}


def _column_geometry() -> dict[str, Any]:
    """Heights and widths of the posterior view (body units, bottom up)."""
    y = 1.35  # top of the sacrum
    discs, bodies = [], []
    n_thor = len(THORACIC_LEVELS)
    for i, level in enumerate(_SPINE_LEVELS):
        lumbar = level in LUMBAR_LEVELS
        if lumbar:
            width, dh, vh = 1.75, 0.55, 1.35
        else:
            k = i - len(LUMBAR_LEVELS)
            width = 1.4 - 0.42 * k / (n_thor - 1)
            dh, vh = 0.2, 0.56
        discs.append((y, dh, width * 0.92))
        y += dh
        bodies.append((y, vh, width))
        y += vh
    return {"discs": discs, "bodies": bodies, "top": y}


def _column_peaks(p: Pose) -> tuple[str, float, str, float]:
    """The lumbar level of the largest annulus strain and that strain (%), the level whose pressed
    facet carries the most and that force (N)."""
    strain = {lv: float(p.annulus_strain_pct[lv]) for lv in LUMBAR_LEVELS}
    force = {lv: float(p.facet_force_n[lv]["contralateral"]) for lv in LUMBAR_LEVELS}
    ls, lf = max(strain, key=strain.__getitem__), max(force, key=force.__getitem__)
    return ls, strain[ls], lf, force[lf]


def _draw_column(
    ax: Axes, model: SpineModel, norms: tuple[mcolors.Normalize, mcolors.Normalize]
) -> tuple[dict[str, Any], Callable[[Pose], None]]:
    norm_strain, norm_force = norms
    geo = _column_geometry()
    n_lum = len(LUMBAR_LEVELS)
    artists: dict[str, Any] = {}
    # pelvis and sacrum
    pelvis_local = np.array(
        [
            [-0.8, 1.35],
            [-3.0, 1.45],
            [-3.2, 0.7],
            [-1.6, -0.1],
            [1.6, -0.1],
            [3.2, 0.7],
            [3.0, 1.45],
            [0.8, 1.35],
        ]
    )
    artists["pelvis"] = Polygon(
        pelvis_local,
        closed=True,
        facecolor=mcolors.to_rgba(REGION_COLORS["pelvis"], 0.12),
        edgecolor=REGION_COLORS["pelvis"],
        lw=_lw(0.5),
    )
    ax.add_patch(artists["pelvis"])
    ax.text(0.0, 0.55, "pelvis", ha="center", va="center", color=REGION_COLORS["pelvis"], fontsize=_fs(0.85))
    # discs: lumbar coloured by strain (the one strain scale), thoracic hatched grey (not modelled)
    lumbar_discs, thoracic_discs = [], []
    for level, (y0, dh, w) in zip(_SPINE_LEVELS, geo["discs"], strict=True):
        rect = Rectangle((-w / 2, y0), w, dh)
        (lumbar_discs if level in LUMBAR_LEVELS else thoracic_discs).append(rect)
    artists["discs"] = PatchCollection(
        lumbar_discs, cmap=STRAIN_CMAP, norm=norm_strain, edgecolor="#333333", linewidths=_lw(0.2), zorder=2
    )
    artists["discs"].set_array(np.zeros(n_lum))
    ax.add_collection(artists["discs"])
    artists["thoracic_discs"] = PatchCollection(
        thoracic_discs, linewidths=_lw(0.15), zorder=2, **_NOT_MODELLED
    )
    _keep_hatch([artists["thoracic_discs"]])
    ax.add_collection(artists["thoracic_discs"])
    # vertebral bodies and spinous processes (every vertebra turns: the rotation is modelled throughout)
    artists["spinous"] = []
    for i, (y0, vh, w) in enumerate(geo["bodies"]):
        region = _region_of(_SPINE_LEVELS[i])
        lumbar = region == "lumbar"
        body = Rectangle(
            (-w / 2, y0),
            w,
            vh,
            facecolor="#F4F0E8" if lumbar else "white",
            edgecolor=REGION_COLORS[region],
            lw=_lw(0.45 if lumbar else 0.3),
            zorder=3,
        )
        ax.add_patch(body)
        sp = Rectangle(
            (-0.13 * w, y0 + 0.1 * vh),
            0.26 * w,
            0.8 * vh,
            facecolor=mcolors.to_rgba(REGION_COLORS[region], 0.55),
            edgecolor=REGION_COLORS[region],
            lw=_lw(0.2),
            zorder=4,
        )
        ax.add_patch(sp)
        artists["spinous"].append(sp)
    # facets of the lumbar levels (at the disc height): the pressed one coloured by its force (the one
    # force scale), the one on the turning side open (it gaps: no compression, not a scale colour)
    facet_y = np.array([y0 + dh / 2 for y0, dh, _ in geo["discs"][:n_lum]])
    size = _fs(0.75) ** 2
    artists["facets"] = ax.scatter(
        np.zeros(n_lum),
        facet_y,
        c=np.zeros(n_lum),
        cmap=FACET_CMAP,
        norm=norm_force,
        s=size,
        edgecolors="#222222",
        linewidths=_lw(0.25),
        zorder=6,
    )
    artists["gapping"] = ax.scatter(
        np.zeros(n_lum),
        facet_y,
        label="facet on the turning side:\ngaps, no compression",
        s=size,
        facecolors=_GAPPING_FACET["facecolor"],
        edgecolors=_GAPPING_FACET["edgecolor"],
        linewidths=_lw(0.25),
        linestyles=(0, (1.5, 1.0)),
        zorder=6,
    )
    # vertebra names
    for i, (y0, vh, w) in enumerate(geo["bodies"]):
        name = _VERTEBRAE[i]
        if name.startswith("L") or name in ("T12", "T8", "T4", "T1"):
            region = _region_of(_SPINE_LEVELS[i])
            ax.text(
                -w / 2 - 0.25,
                y0 + vh / 2,
                name,
                ha="right",
                va="center",
                color=REGION_COLORS[region],
                fontsize=_fs(0.8),
                fontweight="bold",
            )
    # per lumbar level: strain and pressed-facet force, in words beside the disc
    x_num = 3.4  # right of the pelvis
    artists["numbers"] = [
        ax.text(x_num, y0 + dh / 2, "", ha="left", va="center", fontsize=_fs(0.85), color="#222222")
        for y0, dh, _ in geo["discs"][:n_lum]
    ]
    l1_y, l1_h, _ = geo["bodies"][n_lum - 1]
    artists["numbers_head"] = ax.text(
        x_num,
        l1_y + 0.75 * l1_h,
        "lumbar levels (model):\nstrain · pressed facet",
        ha="left",
        va="center",
        fontsize=_fs(0.75),
        color="#4D4D4D",
        linespacing=1.1,
    )
    # the thoracic part: bracket and direct label (no loads there, so no colour of either scale)
    t_lo, t_hi = geo["discs"][n_lum][0], geo["top"]
    thoracic_span = f"{THORACIC_LEVELS[-1].split('-')[0]}-{THORACIC_LEVELS[0].split('-')[1]}"  # T1-L1
    xb = 1.15
    ax.plot([xb - 0.15, xb, xb, xb - 0.15], [t_lo, t_lo, t_hi, t_hi], color="#6A6A6A", lw=_lw(0.3))
    artists["not_modelled"] = ax.text(
        xb + 0.25,
        (t_lo + t_hi) / 2,
        f"thoracic {thoracic_span}:\nloads not modelled",
        ha="left",
        va="center",
        fontsize=_fs(0.85),
        color="#4D4D4D",
        linespacing=1.15,
    )
    # An invisible frame sets the data limits; the equal aspect then widens x to fill the Axes. It
    # reaches further left than right, which puts the column right of centre: the key on the left.
    ax.add_patch(Rectangle((-6.0, -0.4), 9.6, geo["top"] + 0.8, fill=False, visible=False))
    ax.margins(0.0)
    ax.set_aspect(0.6, adjustable="datalim")  # drawn wider than tall, like a slide diagram
    ax.set_axis_off()

    def update(p: Pose) -> None:
        cum = _cumulative(p)
        c0 = math.cos(math.radians(cum[0]))
        artists["pelvis"].set_xy(pelvis_local * [abs(c0) if abs(c0) > 0.05 else 0.05, 1.0])
        strains = np.array([float(p.annulus_strain_pct[lv]) for lv in LUMBAR_LEVELS])
        artists["discs"].set_array(strains)
        for i, sp in enumerate(artists["spinous"]):
            y0, vh, w = geo["bodies"][i]
            shift = 0.55 * w * math.sin(math.radians(cum[i + 1]))
            sp.set_x(shift - 0.13 * w)
        pressed_x, gapping_x = [], []
        # posterior view: turning +, the +x facet is the contralateral (pressed) one
        sign = 1.0 if float(p.total_deg) >= 0 else -1.0
        for i in range(n_lum):
            _, _, w = geo["discs"][i]
            ang = math.radians((cum[i] + cum[i + 1]) / 2.0)
            for side, out in ((sign, pressed_x), (-sign, gapping_x)):
                out.append(side * 0.36 * w * math.cos(ang) + 0.3 * w * math.sin(ang))
        forces = np.array([float(p.facet_force_n[lv]["contralateral"]) for lv in LUMBAR_LEVELS])
        artists["facets"].set_offsets(np.column_stack([pressed_x, facet_y]))
        artists["facets"].set_array(forces)
        artists["gapping"].set_offsets(np.column_stack([gapping_x, facet_y]))
        for text, level, s, f in zip(artists["numbers"], LUMBAR_LEVELS, strains, forces, strict=True):
            text.set_text(f"{level}: {s:.1f}% · {f:.0f} N")

    return artists, update


def _column_colorbars(fig: Figure, axes: Any, norms: tuple, damage: float) -> tuple[Any, Any]:
    """One colour bar per quantity, strain beside the column, force beyond it; the damage
    threshold drawn across the strain bar and named at its tick."""
    norm_strain, norm_force = norms
    # made first, so it ends up outermost
    cb_force = fig.colorbar(
        mpl.cm.ScalarMappable(norm=norm_force, cmap=FACET_CMAP),
        ax=axes,
        extend="max",
        fraction=0.05,
        pad=0.01,
    )
    cb_force.set_label("pressed facet: compression force (N)")
    cb_force.locator = _StyledLocator()
    cb_strain = fig.colorbar(
        mpl.cm.ScalarMappable(norm=norm_strain, cmap=STRAIN_CMAP),
        ax=axes,
        extend="max",
        fraction=0.05,
        pad=0.01,
    )
    cb_strain.set_label("lumbar disc: annulus shear strain (%)")
    top = float(norm_strain.vmax)
    step = 5.0 if top > 10 else 1.0
    ticks = [t for t in np.arange(0.0, top + 1e-9, step) if abs(t - damage) > 0.15 * top]
    cb_strain.set_ticks(sorted([*ticks, damage]))
    cb_strain.ax.yaxis.set_major_formatter(
        mpl.ticker.FuncFormatter(lambda v, _: f"{v:.1f} damage" if abs(v - damage) < 1e-9 else f"{v:.0f}")
    )
    cb_strain.ax.axhline(damage, color="black", lw=_lw(0.5), ls="--")
    return cb_strain, cb_force


@_styled
def plot_column(model: SpineModel, pose: Pose, *, ax: Axes | None = None) -> Drawn:
    """The column seen from behind: stacked vertebrae and discs, the lumbar discs coloured by
    annulus shear strain and the pressed lumbar facets by compression force.

    The loads are model estimates for the lumbar levels (L5-S1 to L1-L2) only: the thoracic
    discs and facets (T12-L1 to T1-T2) carry no load in the model, so they are drawn hatched
    grey, outside both colour scales, and labelled "loads not modelled". The spinous processes
    shift sideways with each vertebra's cumulative rotation (modelled at every level), so the
    twist is visible. In pure axial rotation only the facet on the side away from the turn is
    pressed; the other gaps and is drawn as an open circle, not as a colour of the force scale.

    Parameters
    ----------
    model : SpineModel
        The model.
    pose : Pose
        The pose to show.
    ax : Axes, optional
        Draw into this Axes (colour bars are added beside it); by default a new figure.

    Returns
    -------
    Drawn
        Axes ``(ax, strain_colorbar_ax, force_colorbar_ax)``; artists ``discs`` (lumbar discs,
        strain %), ``thoracic_discs`` (hatched, no data), ``facets`` (pressed facets, N),
        ``gapping`` (open circles), ``spinous`` (17 rectangles), ``pelvis``, ``numbers``
        (texts), ``numbers_head``, ``not_modelled``, ``legend``, ``title``, ``strain_colorbar`` and
        ``force_colorbar`` (the two colour bars, one scale per quantity).
    """
    _check_model(model)
    _check_pose(pose)
    fig, ax = _new_axes(ax)
    norm_strain, norm_force, damage = _load_norms(model)
    artists, draw = _draw_column(ax, model, (norm_strain, norm_force))
    artists["strain_colorbar"], artists["force_colorbar"] = _column_colorbars(
        fig, ax, (norm_strain, norm_force), damage
    )
    artists["title"] = ax.set_title("", loc="left")
    handles = [
        Patch(
            facecolor=mpl.colormaps[STRAIN_CMAP](0.45),
            edgecolor="#333333",
            label="lumbar disc:\ncolour = strain",
        ),
        Line2D(
            [],
            [],
            ls="none",
            marker="o",
            markersize=_fs(0.75),  # as drawn (scatter size: its square)
            markerfacecolor=mpl.colormaps[FACET_CMAP](0.7),
            markeredgecolor="#222222",
            label="pressed facet (away\nfrom the turn): colour = force",
        ),
        artists["gapping"],  # the drawn open circles themselves (their dotted edge included)
        Patch(label="thoracic disc:\nloads not modelled", **_NOT_MODELLED),
        Patch(
            facecolor=mcolors.to_rgba(REGION_COLORS["lumbar"], 0.55),
            edgecolor=REGION_COLORS["lumbar"],
            label="spinous process: shifts\nas its vertebra turns",
        ),
    ]
    artists["legend"] = ax.legend(
        handles=handles,
        loc="center left",
        labelspacing=0.8,
        handler_map={artists["gapping"]: mpl.legend_handler.HandlerPathCollection(sizes=[_fs(0.75) ** 2])},
    )
    _keep_hatch(artists["legend"].get_patches())

    def update(p: Pose) -> None:
        draw(p)
        ls, s, lf, f = _column_peaks(p)
        if s < 0.05 and f < 0.5:
            head = "Lumbar loads: none at this pose"
        else:
            head = (
                f"Lumbar loads: strain largest at {ls} ({s:.1f}%; damage from {damage:.1f}%), "
                f"facet force at {lf}"
            )
        artists["title"].set_text(f"{head}\n{_describe(p.conditions)} · {_short_summary(p)}")

    update(pose)
    return Drawn(fig, (ax, artists["strain_colorbar"].ax, artists["force_colorbar"].ax), artists, update)


# --- 6. the strategies, one thing changed at a time ----------------------------------------------
def _strategies_for(pelvis: str) -> tuple[str, ...]:
    """The named strategies a pelvis condition allows (hip-led turns the pelvis: standing only)."""
    return ("passive", "braced") if pelvis == "fixed" else ("passive", "braced", "hip_led")


def _spread_apart(values: Sequence[float], gap: float, low: float, high: float) -> list[float]:
    """Move label positions (data units) apart by at least ``gap``, keeping their order, inside
    ``[low, high]`` where possible."""
    order = np.argsort(values)
    placed = np.array(values, dtype=float)[order]
    for k in range(1, len(placed)):
        placed[k] = max(placed[k], placed[k - 1] + gap)
    overshoot = placed[-1] - high if len(placed) else 0.0
    if overshoot > 0:
        placed -= overshoot
        for k in range(len(placed) - 2, -1, -1):
            placed[k] = min(placed[k], placed[k + 1] - gap)
    placed = np.maximum(placed, low) if len(placed) and placed[0] < low else placed
    out = np.empty_like(placed)
    out[order] = placed
    return [float(v) for v in out]


def _text_height_data(ax: Axes, lines: float = 1.0, scale: float = 0.8) -> float:
    """Height of ``lines`` lines of text (font size ``scale``) in the y data units of ``ax``,
    estimated from the Axes' current size (before a draw: from its subplot position)."""
    fig = ax.figure
    height_in = fig.get_size_inches()[1] * ax.get_position().height * 0.85  # layout margins
    y0, y1 = ax.get_ylim()
    return lines * 1.3 * _fs(scale) / 72.0 / max(height_in, 1e-3) * abs(y1 - y0)


@_styled
def plot_strategies(
    model: SpineModel,
    total_deg: float = 45.0,
    *,
    axes: Sequence[Axes] | None = None,
    forced: dict[str, Any] | None = None,
    athletic: dict[str, Any] | None = None,
    spread: int | None = None,
) -> Drawn:
    """The strategies compared like with like: only the strategy changes (passive, braced,
    hip-led), seated in one panel and standing in the other.

    Each curve is the lumbar rotation of one strategy as the total turn grows, up to where
    the living body's range ends under it (:meth:`SpineModel.reachable_deg`, the end mark).
    Seated (pelvis fixed) the strategies are compared at the same pull: the stretch ends
    where the upper back reaches its in vivo maximum, at the same torque for both, so the end
    marks are the comparison (the numbers of the seated scenarios in figures 02, 03 and 09).
    Standing (pelvis free) they are compared at the same total, ``total_deg``, which lies
    inside every standing strategy's envelope. The numbers at the comparison (lumbar rotation
    and the pressed facet's force at the most loaded level) are written in each panel.

    The curves and numbers are the default body (the cited values). With ``spread``, each
    curve's 5-95% band over that many model bodies (see :func:`population_sweep`) is shaded,
    where at least half of the bodies can turn that far; its edges take the curve's line
    style.

    Parameters
    ----------
    model : SpineModel
        The model.
    total_deg : float
        The same total trunk rotation of the standing comparison (deg, default 45, where Fujii
        et al. 2007 measured the lumbar spine in vivo); 0 < total_deg <= the smallest standing
        envelope.
    axes : pair of Axes, optional
        ``(seated_ax, standing_ax)``; by default a new figure with two panels sharing the
        lumbar axis.
    forced, athletic : dict, optional
        Base conditions of the two panels (``pelvis``, ``hip_mobility``, ``thoracic_mobility``);
        default :data:`FORCED_STRETCH` (pelvis fixed) and :data:`HIP_AND_UPPER_BACK` (pelvis
        free). Their ``strategy`` is ignored: the panel compares every named strategy its
        pelvis allows (pelvis fixed: passive and braced; free: passive, braced and hip-led).
    spread : int, optional
        Number of model bodies (2 to 100,000; 1000 for a lecture figure) whose 5-95% bands
        are shaded; None (default) for the default body alone. :meth:`Drawn.show_spread`
        changes it later.

    Returns
    -------
    Drawn
        ``update(pose)`` moves the comparison: a standing pose's total (at most the largest
        total every standing strategy reaches) or a seated pose's pull (at most the smallest
        seated envelope's torque). Artists ``panels`` (dict ``seated``/``standing``; also as
        ``forced`` and ``athletic``), each a dict with ``curves``, ``ends``, ``labels``,
        ``bands`` (dicts by strategy), ``points`` (dict by strategy: the compared poses),
        ``compare_line``, ``summary`` (text), ``poses`` (the compared poses), ``conditions``;
        and ``cap``, ``title``.

    Raises
    ------
    ValueError
        If ``total_deg`` is not inside every standing strategy's envelope.
    TypeError
        If ``total_deg`` is not a number.
    """
    _check_model(model)
    if isinstance(total_deg, bool) or not isinstance(total_deg, (int, float, np.integer, np.floating)):
        raise TypeError(f"total_deg must be a number of degrees, got {total_deg!r}")
    bases = {
        "seated": {k: v for k, v in dict(FORCED_STRETCH if forced is None else forced).items()},
        "standing": {k: v for k, v in dict(HIP_AND_UPPER_BACK if athletic is None else athletic).items()},
    }
    for base in bases.values():
        base.pop("strategy", None)
        base.pop("lumbar_bracing", None)
        base.setdefault("pelvis", "fixed")
    if axes is None:
        fig, axs = plt.subplots(1, 2, sharey=True, width_ratios=[1.0, 1.35])
        _add_footer(fig)
    else:
        if len(axes) != 2:
            raise ValueError(f"axes must be two Axes (seated, standing), got {len(axes)}")
        axs = tuple(_check_ax(a, "axes") for a in axes)
        fig = axs[0].figure
        _add_footer(fig)
    cap = model.lumbar_cap_deg
    state: dict[str, Any] = {"spread": _check_spread(spread)}
    artists: dict[str, Any] = {"panels": {}}
    top = cap * 1.3
    for (name, base), ax in zip(bases.items(), axs, strict=True):
        strategies = _strategies_for(base["pelvis"])
        conditions = {s: {**base, "strategy": s} for s in strategies}
        reach = {s: float(model.reachable_deg(**c)) for s, c in conditions.items()}
        reach_nm = {s: float(model.reachable_torque_nm(**c)) for s, c in conditions.items()}
        panel: dict[str, Any] = {
            "conditions": conditions,
            "reach": reach,
            "reach_nm": reach_nm,
            "curves": {},
            "ends": {},
            "labels": {},
            "bands": {},
            "points": {},
            "by": "torque" if base["pelvis"] == "fixed" else "total",
        }
        for s, c in conditions.items():
            st = STRATEGY_STYLES[s]
            totals, regions = _region_curves(model, model.solve(total_deg=0.0, **c).conditions)
            (panel["curves"][s],) = ax.plot(
                totals, regions["lumbar"], color=st["color"], ls=st["ls"], zorder=3
            )
            (panel["ends"][s],) = ax.plot(
                [totals[-1]], [regions["lumbar"][-1]], st["marker"], color=st["color"], mec="white", zorder=5
            )
            panel["labels"][s] = ax.text(
                totals[-1], regions["lumbar"][-1], "", color=st["color"], fontsize=_fs(0.8),
                fontweight="bold", va="center", ha="left",
            )  # fmt: skip
            band = _empty_band(ax, st["color"], alpha=0.13, zorder=1.5)
            band.set_edgecolor(st["color"])
            band.set_linestyle(st["ls"])
            band.set_linewidth(_lw(0.25))
            panel["bands"][s] = band
            (panel["points"][s],) = ax.plot(
                [], [], st["marker"], color=st["color"], mec="black", mew=_lw(0.2), ms=_fs(0.55), zorder=6
            )
            top = max(top, float(regions["lumbar"].max()) * 1.15)
        panel["compare_line"] = ax.axvline(0.0, color="#555555", lw=_lw(0.4), ls=":", zorder=2)
        panel["summary"] = ax.text(
            0.02, 0.98, "", transform=ax.transAxes, va="top", ha="left", fontsize=_fs(0.78),
            color="#222222", linespacing=1.35, zorder=7,
            bbox={"boxstyle": "round,pad=0.3", "fc": "white", "ec": "#BBBBBB", "alpha": 0.92},
        )  # fmt: skip
        panel["heading"] = ax.set_title(
            "Seated (pelvis fixed)" if base["pelvis"] == "fixed" else "Standing (pelvis free)", loc="left"
        )
        ax.set_xlim(0.0, max(reach.values()) * 1.3)
        ax.set_xlabel("total trunk rotation (deg)")
        artists["panels"][name] = panel
    artists["forced"], artists["athletic"] = artists["panels"]["seated"], artists["panels"]["standing"]
    axs[0].set_ylabel("lumbar rotation, L5-S1 to L1-L2 (deg)")
    artists["cap"] = []
    for ax in axs:
        ax.set_ylim(0.0, top)
        artists["cap"].append(ax.axhline(cap, color=REGION_COLORS["lumbar"], lw=_lw(0.5), ls="--", zorder=1))
    artists["cap_label"] = axs[-1].text(
        0.99, cap, f"lumbar block {cap:.1f}{_DEG}", transform=axs[-1].get_yaxis_transform(),
        ha="right", va="bottom", fontsize=_fs(0.75), color=REGION_COLORS["lumbar"],
    )  # fmt: skip
    artists["title"] = fig.suptitle(
        "Only the strategy changes: lumbar rotation as the turn grows\n"
        "each curve ends where the living body's range ends under its strategy",
        fontweight="bold",
    )
    # room above the lumbar block for the comparison's numbers (top left of each panel)
    state["top"] = top = max(top, cap / 0.64)

    standing = artists["panels"]["standing"]
    standing_reach = min(standing["reach"].values())
    if not 0.0 < float(total_deg) <= standing_reach + 1e-9:
        raise ValueError(
            f"total_deg = {total_deg!r} is out of range; allowed: more than 0 and at most "
            f"{standing_reach:.1f} deg, the smallest reach of the compared standing strategies"
        )

    def place_labels(panel: dict[str, Any], ax: Axes) -> None:
        ys = [float(panel["curves"][s].get_ydata()[-1]) for s in panel["curves"]]
        placed = _spread_apart(ys, _text_height_data(ax, 1.0, 0.8), 0.0, ax.get_ylim()[1])
        for (s, text), y in zip(panel["labels"].items(), placed, strict=True):
            x = float(panel["curves"][s].get_xdata()[-1])
            text.set_position((x + 0.025 * ax.get_xlim()[1], y))
            text.set_text(f"{_STRATEGY_NAMES[s]}: ends at {x:.0f}{_DEG}")

    def compare(name: str, value: float) -> None:
        panel = artists["panels"][name]
        ax = axs[list(artists["panels"]).index(name)]
        rows = []
        panel["poses"] = {}
        for s, c in panel["conditions"].items():
            if panel["by"] == "torque":
                p = model.solve(torque_nm=min(value, panel["reach_nm"][s]), **c)
            else:
                p = model.solve(total_deg=value, **c)
            panel["poses"][s] = p
            lum = abs(float(p.regions_deg["lumbar"]))
            panel["points"][s].set_data([abs(float(p.total_deg))], [lum])
            f = float(_max_facet(p))
            rows.append(f"{_STRATEGY_NAMES[s]}: lumbar {lum:.1f}{_DEG}, facet {f:.0f} N")
        if panel["by"] == "torque":
            head = f"at the same pull, {value:.1f} Nm"
            if value >= min(panel["reach_nm"].values()) - 1e-6:
                head += "\n(where each range ends)"
            panel["compare_line"].set_visible(False)
        else:
            head = f"at the same {value:.0f}{_DEG} turn"
            panel["compare_line"].set_xdata([value, value])
            # up to the lumbar block, below the comparison's numbers (top left, above the block)
            panel["compare_line"].set_ydata([0.0, min(1.0, cap / ax.get_ylim()[1])])
            panel["compare_line"].set_visible(True)
        if state["spread"] is not None:
            rows.append(f"shaded: {state['label']}")
        panel["summary"].set_text(head + ":\n" + "\n".join(rows))
        panel["value"] = value
        place_labels(panel, ax)

    def draw_bands() -> None:
        n = state["spread"]
        top = state["top"]
        for panel in artists["panels"].values():
            for s, c in panel["conditions"].items():
                band = panel["bands"][s]
                if n is None:
                    band.set_visible(False)
                    continue
                sweep = population_sweep(model, n, **c)
                grid = np.linspace(0.0, 1.2 * panel["reach"][s], 97)
                low, _, high = sweep.against("total", ("lumbar",), grid)["lumbar"]
                band.set_verts(_band_verts(grid, low, high))
                band.set_visible(True)
                state["label"] = sweep.label
                if np.isfinite(high).any():
                    top = max(top, float(np.nanmax(high)) * 1.08)
        for ax in axs:
            ax.set_ylim(0.0, top)

    def show_spread(n: int | None) -> None:
        if n == state["spread"] and "value" in artists["panels"]["seated"]:
            return
        state["spread"] = n
        draw_bands()
        for name, panel in artists["panels"].items():
            if "value" in panel:
                compare(name, panel["value"])

    seated = artists["panels"]["seated"]
    show_spread(state["spread"])
    compare("seated", min(seated["reach_nm"].values()) if seated["by"] == "torque" else float(total_deg))
    compare("standing", float(total_deg) if standing["by"] == "total" else min(standing["reach_nm"].values()))

    def update(p: Pose) -> None:
        name = "seated" if p.conditions["pelvis"] == "fixed" else "standing"
        panel = artists["panels"][name]
        if panel["by"] == "torque":
            compare(name, min(abs(float(p.torque_nm)), min(panel["reach_nm"].values())))
        else:
            compare(name, min(abs(float(p.total_deg)), 0.999 * min(panel["reach"].values())))

    return Drawn(fig, tuple(axs), artists, update, show_spread)


# --- extras: stiff hips, golf backswing, scenarios ---------------------------------------------
@_styled
def plot_hip_stiffness(
    model: SpineModel,
    pose: Pose | None = None,
    *,
    ax: Axes | None = None,
    hip_mobilities: Sequence[float] = (0.5, 1.0, 1.5),
) -> Drawn:
    """The effect of stiff hips: lumbar rotation against the total, standing (pelvis free,
    passive), for several hip mobilities, each curve to where its range ends. At the same
    total, stiff hips send more of the turn into the low back, and the turn ends sooner.

    Each curve is labelled directly above its end (no legend): the labels end where their
    curve ends and stand one above the other, the curve that ends furthest right highest, each
    joined to its end point by a short line in the curve's colour.

    Parameters
    ----------
    model : SpineModel
        The model.
    pose : Pose, optional
        A pose to mark (total deg, lumbar deg), labelled "marked pose" beside the mark.
    ax : Axes, optional
        Draw into this Axes; by default a new figure.
    hip_mobilities : sequence of float
        Hip mobility scales (inside :data:`spinemodel.MOBILITY_RANGE`; 1 = cited defaults).

    Returns
    -------
    Drawn
        Artists ``curves`` (dict by mobility), ``ends`` (dict by mobility: the envelope's
        end points), ``labels`` and ``leaders`` (dicts by mobility: the curves' direct labels
        and the lines joining them to the end points), ``cap``, ``pose_point``, ``pose_label``,
        ``title``.
    """
    _check_model(model)
    if len(hip_mobilities) == 0:
        raise ValueError("hip_mobilities must name at least one hip mobility scale, got an empty sequence")
    fig, ax = _new_axes(ax)
    cap = model.lumbar_cap_deg
    artists: dict[str, Any] = {"curves": {}, "ends": {}, "labels": {}, "leaders": {}}
    styles = ["-", "--", ":", "-."]
    shades = [0.55, 1.0, 0.7, 0.4]
    top = cap
    right = 0.0
    for k, m in enumerate(hip_mobilities):
        cond = {"pelvis": "free", "strategy": "passive", "hip_mobility": float(m)}
        c = model.solve(total_deg=0.0, **cond).conditions
        totals, regions = _region_curves(model, c)
        base = mcolors.to_rgb(REGION_COLORS["lumbar"])
        color = tuple(v * shades[k % 4] for v in base) if shades[k % 4] < 1 else base
        (artists["curves"][float(m)],) = ax.plot(totals, regions["lumbar"], color=color, ls=styles[k % 4])
        (artists["ends"][float(m)],) = ax.plot(
            [totals[-1]], [regions["lumbar"][-1]], "o", color=color, mec="white", zorder=5
        )
        top = max(top, float(regions["lumbar"].max()))
        right = max(right, float(totals[-1]))
    artists["cap"] = ax.axhline(cap, color="black", lw=_lw(0.45), ls="--")
    ax.text(
        0.01,
        cap,
        f"lumbar range (in vitro, 10 Nm) {cap:.1f}{_DEG}",
        transform=ax.get_yaxis_transform(),
        va="bottom",
        fontsize=_fs(0.85),
        fontweight="bold",
    )
    (artists["pose_point"],) = ax.plot([], [], "D", color="black", mec="white", zorder=6)
    artists["pose_label"] = ax.annotate(
        "",
        (0.0, 0.0),
        xytext=(0.5 * _fs(), -1.5 * _fs()),
        textcoords="offset points",
        ha="left",
        va="top",
        fontsize=_fs(0.8),
        arrowprops={"arrowstyle": "-", "color": "black", "lw": _lw(0.3), "relpos": (0.0, 1.0), "shrinkA": 0},
        visible=False,
    )
    ax.set_xlim(0.0, right * 1.05)
    ax.set_ylim(0.0, top * 1.15)
    ax.set_xlabel("total trunk rotation (deg)")
    ax.set_ylabel("lumbar rotation (deg)")
    artists["title"] = ax.set_title(
        "Stiff hips send more of the turn into the low back, and the turn ends sooner\n"
        "standing (pelvis free), passive; ×: hip mobility; dots: the end of the body's range",
        loc="left",
    )
    # Direct labels, right-aligned at their curve's end and stacked upwards from left to right:
    # a label reaches left over the curves that end before its own, so it stands above their labels.
    by_end = sorted(artists["curves"], key=lambda m: float(artists["curves"][m].get_xdata()[-1]))
    gap = _text_height_data(ax, 1.0, 0.8)
    wanted, floor = [], -np.inf
    for rank, m in enumerate(by_end):
        floor = max(floor, float(artists["curves"][m].get_ydata()[-1]) + 0.35 * gap)
        wanted.append(floor + 1e-6 * rank)  # equal ends: the one further right above
    placed = _spread_apart(wanted, gap, 0.0, cap - 0.2 * gap)
    for m, y in zip(by_end, placed, strict=True):
        curve = artists["curves"][m]
        x_end, y_end = float(curve.get_xdata()[-1]), float(curve.get_ydata()[-1])
        name = "stiff hips" if m < 1 else ("default hips" if m == 1 else "mobile hips")
        artists["labels"][m] = ax.text(
            x_end,
            y,
            f"{name} (×{m:g}): ends at {x_end:.0f}{_DEG}",
            ha="right",
            va="bottom",
            color=curve.get_color(),
            fontsize=_fs(0.8),
            fontweight="bold",
        )
        # a leader up from the end point (drawn over its foot) to the label's lower right corner
        artists["leaders"][m] = ax.plot([x_end, x_end], [y_end, y], color=curve.get_color(), lw=_lw(0.35))[0]
    for key in ("labels", "leaders"):
        artists[key] = {float(m): artists[key][float(m)] for m in artists["curves"]}

    def update(p: Pose) -> None:
        total, lumbar = abs(float(p.total_deg)), abs(float(p.regions_deg["lumbar"]))
        artists["pose_point"].set_data([total], [lumbar])
        artists["pose_label"].xy = (total, lumbar)
        artists["pose_label"].set_text(f"marked pose: {total:.0f}{_DEG}")
        artists["pose_label"].set_visible(True)

    if pose is not None:
        _check_pose(pose)
        update(pose)
    return Drawn(fig, (ax,), artists, update)


@_styled
def plot_golf_backswing(model: SpineModel, *, ax: Axes | None = None) -> Drawn:
    """A golf backswing taught the athletic way (scenario ``golf_backswing``: knees flexed,
    hip-led) against McTeigue et al. 1994 (pelvis 53-55 deg, upper body 87 deg at the top of
    the backswing), with the largest upright, relaxed standing turn (``max_standing_turn``)
    for comparison: the golfer's turn is beyond its reach.

    Parameters
    ----------
    model : SpineModel
        The model.
    ax : Axes, optional
        Draw into this Axes; by default a new figure.

    Returns
    -------
    Drawn
        Artists ``golf`` and ``passive`` (bar containers, deg), ``reference``, ``title``.
    """
    _check_model(model)
    fig, ax = _new_axes(ax)
    ref = SCENARIOS["golf_backswing"].reference
    golf = model.solve(scenario="golf_backswing")
    passive = model.solve(scenario="max_standing_turn")
    rows = ["shoulder turn (total)", "thoracic spine", "lumbar spine", "pelvis turn (legs + hips)"]
    keys = ["total", "thoracic", "lumbar", "pelvis"]
    y = np.arange(len(rows))
    h = 0.36
    colors = ["#333333", REGION_COLORS["thoracic"], REGION_COLORS["lumbar"], REGION_COLORS["pelvis"]]
    gv = [abs(float(golf.regions_deg[k])) for k in keys]
    pv = [abs(float(passive.regions_deg[k])) for k in keys]
    artists: dict[str, Any] = {}
    artists["golf"] = ax.barh(
        y - h / 2,
        gv,
        height=h,
        color=colors,
        edgecolor="#222222",
        label="model: backswing, knees flexed, hip-led",
    )
    artists["passive"] = ax.barh(
        y + h / 2,
        pv,
        height=h,
        color=colors,
        alpha=0.45,
        hatch="//",
        edgecolor="#222222",
        label="model: upright relaxed turn, as far as it goes",
    )
    _keep_hatch(artists["passive"])
    xmax = max(max(gv), max(pv)) * 1.3
    cap = model.lumbar_cap_deg

    def value_x(v: float, key: str) -> float:
        # beside the bar; on the lumbar row past the range line, which would cross the text
        return (max(v, cap) if key == "lumbar" else v) + 0.012 * xmax

    for yy, v, key in zip(y - h / 2, gv, keys, strict=True):
        ax.text(
            value_x(v, key),
            yy,
            f"{v:.1f}{_DEG}" if v < 10 else f"{v:.0f}{_DEG}",
            va="center",
            fontsize=_fs(0.8),
        )
    for yy, v, key in zip(y + h / 2, pv, keys, strict=True):
        ax.text(
            value_x(v, key),
            yy,
            f"{v:.1f}{_DEG}" if v < 10 else f"{v:.0f}{_DEG}",
            va="center",
            fontsize=_fs(0.8),
            color="#555555",
        )
    lo, hi = ref["hip_turn_deg"]
    artists["reference"] = ax.fill_between(
        [lo, hi],
        3 - 0.5,
        3 + 0.5,
        color=OKABE_ITO["orange"],
        alpha=0.5,
        lw=0,
        label=f"McTeigue 1994: pelvis {lo:.0f}–{hi:.0f}{_DEG}",
    )
    ax.plot(
        [ref["shoulder_turn_deg"]] * 2,
        [-0.5, 0.5],
        color=OKABE_ITO["orange"],
        lw=_lw(1.2),
        label=f"McTeigue 1994: upper body {ref['shoulder_turn_deg']:.0f}{_DEG}",
    )
    ax.plot(
        [cap, cap],
        [2 - 0.5, 2 + 0.5],
        color="black",
        ls="--",
        lw=_lw(0.6),
        label=f"lumbar range (in vitro) {cap:.1f}{_DEG}",
    )
    ax.set_yticks(y, rows)
    for tick, c in zip(ax.get_yticklabels(), colors, strict=True):
        tick.set_color(c)
        tick.set_fontweight("bold")
    ax.set_xlim(0.0, xmax)
    ax.set_ylim(-0.6, len(rows) - 0.4)
    ax.invert_yaxis()
    ax.set_xlabel("rotation (deg)")
    ax.grid(axis="y", visible=False)
    handles, _ = ax.get_legend_handles_labels()
    ax.legend(handles=handles, loc="center right")
    artists["title"] = ax.set_title(
        f"Golf backswing ({gv[0]:.0f}{_DEG}): lumbar {gv[2]:.1f}{_DEG} of its {cap:.1f}{_DEG}\n"
        f"upright and relaxed, a turn ends at {pv[0]:.0f}{_DEG}",
        loc="left",
    )
    return Drawn(fig, (ax,), artists, None)


@_styled
def plot_scenarios(model: SpineModel, *, ax: Axes | None = None) -> Drawn:
    """Every named scenario's lumbar rotation against the lumbar range, coloured by the
    furthest zone a lumbar level is in.

    Parameters
    ----------
    model : SpineModel
        The model.
    ax : Axes, optional
        Draw into this Axes; by default a new figure.

    Returns
    -------
    Drawn
        Artists ``bars`` (deg), ``cap``, ``title``.
    """
    _check_model(model)
    fig, ax = _new_axes(ax)
    names = list(SCENARIOS)
    cap = model.lumbar_cap_deg
    rank = {z: k for k, z in enumerate(ZONE_COLORS)}
    values, colors, over, zones = [], [], [], []
    for name in names:
        p = model.solve(scenario=name)
        lum = abs(float(p.regions_deg["lumbar"]))
        zone = max((str(p.zone[lv]) for lv in LUMBAR_LEVELS), key=rank.__getitem__)
        values.append(lum)
        zones.append(zone)
        colors.append(ZONE_COLORS[zone])
        if rank[zone] >= rank["beyond_limit"]:
            over.append(SCENARIOS[name].title)
    y = np.arange(len(names))
    artists: dict[str, Any] = {}
    artists["bars"] = ax.barh(y, values, color=colors, edgecolor="#222222", height=0.66)
    for bar, zone in zip(artists["bars"], zones, strict=True):
        bar.set_hatch(ZONE_HATCHES[zone] or None)
    _keep_hatch(artists["bars"])
    for yy, v in zip(y, values, strict=True):
        ax.text(v + 0.1, yy, f"{v:.1f}{_DEG}", va="center", fontsize=_fs(0.85))
    artists["cap"] = ax.axvline(cap, color="black", ls="--", lw=_lw(0.6))
    ax.annotate(
        f"lumbar range {cap:.1f}{_DEG}",
        (cap, -0.62),
        xytext=(0.4 * _fs(), 0),
        textcoords="offset points",
        va="center",
        ha="left",
        fontsize=_fs(0.85),
    )
    ax.set_yticks(y, [SCENARIOS[n].title for n in names])
    ax.set_ylim(len(names) - 0.5, -0.95)
    ax.set_xlim(0.0, max(max(values), cap) * 1.5)
    ax.set_xlabel("lumbar rotation, L5-S1 to L1-L2 (deg)")
    ax.grid(axis="y", visible=False)
    used = [z for z in ZONE_COLORS if z in zones]  # only the zones a bar shows
    legend_handles = [
        Patch(
            facecolor=ZONE_COLORS[z], edgecolor="#222222", hatch=ZONE_HATCHES[z] or None, label=ZONE_LABELS[z]
        )
        for z in used
    ]
    _keep_hatch(legend_handles)
    ax.legend(
        handles=legend_handles,
        title="furthest lumbar zone",
        loc="center right",
        bbox_to_anchor=(1.0, 0.42),
    )
    if over:
        line2 = f"past a lumbar level's limit: {', '.join(over)}"
    else:
        line2 = "none passes a lumbar level's limit: the body's range ends first"
    artists["title"] = ax.set_title(
        f"The scenarios against the lumbar range ({cap:.1f}{_DEG}, in vitro at 10 Nm)\n{line2}", loc="left"
    )
    return Drawn(fig, (ax,), artists, None)


# --- export --------------------------------------------------------------------------------------
def save_figure(fig: Figure, path: str | Path, *, dpi: float | None = None) -> Path:
    """Save a figure as PNG, SVG or PDF (chosen by the file's suffix).

    Parameters
    ----------
    fig : Figure
        The figure (or a :class:`Drawn`).
    path : str or Path
        Output file; its suffix must be ``.png``, ``.svg`` or ``.pdf``. Folders are created.
    dpi : float, optional
        Resolution (dots per inch) of PNGs; default the style's ``savefig.dpi``.

    Returns
    -------
    Path
        The written file.

    Raises
    ------
    ValueError
        For an unknown suffix or a dpi that is not a positive finite number.
    """
    if isinstance(fig, Drawn):
        fig = fig.figure
    if not isinstance(fig, Figure):
        raise TypeError(f"fig must be a matplotlib Figure or a Drawn, got {type(fig).__name__}")
    path = Path(path)
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in SAVE_FORMATS:
        raise ValueError(f"path = {str(path)!r} has suffix {path.suffix!r}; allowed: .png, .svg, .pdf")
    kwargs: dict[str, Any] = {"format": fmt}
    if dpi is not None:
        if isinstance(dpi, bool) or not isinstance(dpi, (int, float)) or not math.isfinite(dpi) or dpi <= 0:
            raise ValueError(f"dpi = {dpi!r} must be a positive finite number (dots per inch)")
        kwargs["dpi"] = float(dpi)
    path.parent.mkdir(parents=True, exist_ok=True)
    metadata = {"png": {"Software": "spinemodel (model estimate)"}, "svg": {"Description": FOOTER}}
    metadata["pdf"] = {"Subject": FOOTER}
    fig.savefig(path, metadata=metadata[fmt], **kwargs)
    return path
