"""Figures of "How sure is the model?": the validation table and the sensitivity rankings.

:func:`plot_validation` draws every row of :func:`spinemodel.evidence.validate` on one
scale, the model's band divided by the published value (1 = the published mean, or
the middle of a published range), so that degrees, newtons and ratios read alike.
:func:`plot_sensitivity` draws the first-order indices of
:func:`spinemodel.sensitivity.sensitivity` as horizontal bars with their confidence
intervals. Both return a :class:`spinemodel.plotting.Drawn` and follow the current
style (:mod:`spinemodel.styles`). Everything drawn is a model estimate: an educational
model, not medical advice.
"""

from __future__ import annotations

from typing import Any

from ._extras import missing_extras

try:
    import matplotlib as mpl
    import matplotlib.pyplot as plt
    import numpy as np
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
except ModuleNotFoundError as exc:  # a plain install: name the pip command
    raise missing_extras(exc, "spinemodel.evidence_plots") from None

from .anatomy import LUMBAR_LEVELS
from .evidence import ValidationRow, validate
from .model import SpineModel
from .plotting import Drawn, drop_titles, styled_params
from .scenarios import SCENARIOS
from .sensitivity import Sensitivity, sensitivity
from .styles import FOOTER, OKABE_ITO, REGION_COLORS, current_style

__all__ = [
    "plot_validation",
    "plot_sensitivity",
    "cached_validation",
    "cached_sensitivity",
    "HEADLINES",
    "RATIO_LIMIT",
    "REGION_HATCHES",
]

#: The x-axis of the validation figure ends here (model / published); bands beyond it are cut
#: with an arrow (a drawing choice).
RATIO_LIMIT = 3.0

#: The headline results of the sensitivity figures: (output, scenario).
HEADLINES: tuple[tuple[str, str], ...] = (
    ("lumbar", "seated_twist_stretch"),
    ("lumbar", "golf_backswing"),
    ("facet_force", "seated_twist_stretch"),
)

_ROLE_COLORS = {"check": OKABE_ITO["blue"], "input": "#8C8C8C"}
_DISAGREE = OKABE_ITO["vermillion"]
_OTHER = "#8C8C8C"
#: Short names of the outputs for titles.
_SHORT = {
    "lumbar": "lumbar rotation",
    "thoracic": "thoracic rotation",
    "pelvis": "pelvis turn",
    "facet_force": "largest lumbar facet force",
    "lumbar_share": "lumbar share of the turn",
}


def _fs(scale: float = 1.0) -> float:
    return float(mpl.rcParams["font.size"]) * scale


def _footer(fig: Figure) -> None:
    fig.text(0.995, 0.006, FOOTER, ha="right", va="bottom", fontsize=_fs(0.7), color="#4D4D4D")
    engine = fig.get_layout_engine()
    if engine is not None and hasattr(engine, "set") and "rect" in engine.get():
        strip = min(0.12, _fs(0.7) * 1.9 / 72.0 / fig.get_size_inches()[1])
        engine.set(rect=(0.0, strip, 1.0, 1.0 - strip))


def _axes(ax: Axes | None) -> tuple[Figure, Axes]:
    if ax is not None and not isinstance(ax, Axes):
        raise TypeError(f"ax must be a matplotlib Axes or None, got {type(ax).__name__}")
    if ax is None:
        fig, ax = plt.subplots()
        _footer(fig)
    return ax.figure, ax


# --- caches: the figure set draws and captions each result once per model -----------------------
_CACHE: dict[tuple, Any] = {}
_CACHE_SIZE = 16


def _remember(key: tuple, compute: Any) -> Any:
    if key not in _CACHE:
        if len(_CACHE) >= _CACHE_SIZE:
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[key] = compute()
    return _CACHE[key]


def cached_validation(model: SpineModel, n: int = 1000, seed: int = 0) -> list[ValidationRow]:
    """:func:`spinemodel.evidence.validate` for a model, computed once per set of parameter values."""
    key = ("validate", tuple(sorted(model.values.items())), n, seed)
    return _remember(key, lambda: validate(model, n=n, seed=seed))


def cached_sensitivity(
    model: SpineModel, output: str, scenario: str, n: int = 1000, seed: int = 0
) -> Sensitivity:
    """:func:`spinemodel.sensitivity.sensitivity` of a scenario, computed once per set of parameter values."""
    key = ("sensitivity", tuple(sorted(model.values.items())), output, scenario, n, seed)
    return _remember(key, lambda: sensitivity(model, output, n=n, seed=seed, scenario=scenario))


# --- validation -----------------------------------------------------------------------------------
def _ratio(value: float, published: float) -> float:
    return value / published if published else float("nan")


def plot_validation(rows: list[ValidationRow], *, ax: Axes | None = None) -> Drawn:
    """Every validation row on one scale: the model's band and the published value, divided by the
    published mean (or the middle of a published range).

    Independent checks on top, inputs (which the population only reproduces) below. Each
    row: the model's 5-95% band (bar) and median (white dot); the published value (black
    diamond) with its SD or range (black line). A row that disagrees is drawn in red. On the
    right, the numbers with their units.

    Parameters
    ----------
    rows : list of ValidationRow
        From :func:`spinemodel.evidence.validate`.
    ax : Axes, optional
        Draw into this Axes; by default a new figure.

    Returns
    -------
    Drawn
        Artists ``bands`` (one bar per row), ``published`` (the diamonds), ``labels`` (row
        labels), ``values`` (the numbers on the right), ``title``.
    """
    if not isinstance(rows, list) or not rows or not all(isinstance(r, ValidationRow) for r in rows):
        raise TypeError("rows must be the non-empty list that spinemodel.evidence.validate returns")
    with mpl.rc_context(styled_params()):
        fig, ax = _axes(ax)
        ordered = [r for r in rows if r.observation.role == "check"] + [
            r for r in rows if r.observation.role == "input"
        ]
        n_check = sum(r.observation.role == "check" for r in rows)
        # one slot per row, and a gap with a heading between the groups
        y = np.array([k + 1.2 if k < n_check else k + 2.7 for k in range(len(ordered))], dtype=float)
        small = _fs(0.7)
        bands, published, labels, values = [], [], [], []
        for yy, r in zip(y, ordered, strict=True):
            o = r.observation
            color = _ROLE_COLORS[o.role] if r.agrees else _DISAGREE
            lo, mid, hi = (_ratio(v, o.published) for v in (r.model_low, r.model, r.model_high))
            left, right = max(lo, 0.0), min(hi, RATIO_LIMIT)
            bar = ax.barh(yy, right - left, left=left, height=0.62, color=color, alpha=0.85)[0]
            if not r.agrees:  # told apart by hatch as well as colour
                bar.set_hatch("xx")
                bar.set_edgecolor("#FFFFFF")
                bar.set_linewidth(0.0)
            bands.append(bar)
            if hi > RATIO_LIMIT:
                ax.annotate(
                    "",
                    xy=(RATIO_LIMIT + 0.08, yy),
                    xytext=(RATIO_LIMIT - 0.02, yy),
                    arrowprops={"arrowstyle": "-|>", "color": color, "lw": 2},
                )
            plo, phi = _ratio(o.published_low, o.published), _ratio(o.published_high, o.published)
            if phi > plo:
                ax.plot([plo, min(phi, RATIO_LIMIT)], [yy, yy], color="black", lw=2.2, zorder=3)
            published.append(ax.plot([1.0], [yy], "D", ms=_fs(0.42), color="black", zorder=4)[0])
            ax.plot(
                [min(mid, RATIO_LIMIT)], [yy], "o", ms=_fs(0.45), mfc="white", mec="black", mew=1.2, zorder=5
            )
            value = (
                f"{r.model:.3g} [{r.model_low:.3g}-{r.model_high:.3g}] vs "
                f"{o.published_text().split(' (')[0].replace('+/-', '±')} {o.units}"
            )
            values.append(
                ax.text(1.005, yy, value, transform=ax.get_yaxis_transform(), va="center", fontsize=small)
            )
        labels = [f"{r.observation.cite}: {r.observation.label}" for r in ordered]
        ax.set_yticks(y, labels, fontsize=small)
        for tick, r in zip(ax.get_yticklabels(), ordered, strict=True):
            if not r.agrees:
                tick.set_color(_DISAGREE)
        heading = {"fontsize": _fs(0.8), "fontweight": "bold", "va": "center", "ha": "left"}
        where = ax.get_yaxis_transform()
        del where  # the headings sit right of the published line (x = 1), clear of it
        ax.text(1.04, 0.3, "independent checks", **heading)
        ax.text(1.04, n_check + 1.8, "inputs (the population reproduces them)", **heading)
        ax.axvline(1.0, color="black", lw=1.2, ls="--", zorder=0)
        ax.set_xlim(0.0, RATIO_LIMIT + 0.1)
        ax.set_ylim(y[-1] + 0.7, -0.3)
        ax.grid(axis="y", visible=False)
        ax.set_xlabel("model ÷ published value (1 = published mean, or the middle of a published range)")
        agree = sum(r.agrees for r in rows)
        checks = [r for r in rows if r.observation.role == "check"]
        title = fig.suptitle(
            f"How sure is the model? {agree} of {len(rows)} published observations agree "
            f"({sum(r.agrees for r in checks)} of {len(checks)} independent checks)\n"
            "bar: the model's 5-95% over a population of bodies, ○ its median; ◆ published, line: its SD or "
            "range",
            x=0.01,
            ha="left",
            fontsize=_fs(0.85),
            fontweight="bold",
        )
        ax.legend(
            handles=[
                Patch(color=_ROLE_COLORS["check"], label="check agrees"),
                Patch(color=_ROLE_COLORS["input"], label="input reproduced"),
                Patch(facecolor=_DISAGREE, edgecolor="#FFFFFF", hatch="xx", lw=0, label="disagrees"),
            ],
            loc="lower right",
            fontsize=small,
        )
        artists = {"bands": bands, "published": published, "labels": labels, "values": values, "title": title}
        drawn = Drawn(fig, (ax,), artists, None)
        if current_style() == "paper":
            drop_titles(drawn)
        return drawn


# --- sensitivity ------------------------------------------------------------------------------------
#: One hatch per region of the sensitivity bars: told apart by hatch as well as colour.
REGION_HATCHES: dict[str, str] = {"lumbar": "", "thoracic": "//", "hips": "..", "legs": "\\\\", "other": "xx"}


def _parameter_region(name: str) -> str:
    """The region a parameter belongs to ("other" for none)."""
    if any(lv in name for lv in LUMBAR_LEVELS) or name.startswith(("facet_", "lumbar_", "neutral_zone_t")):
        return "lumbar"
    if name.startswith(("rom_T", "thoracic_", "rib_cage")):
        return "thoracic"
    if name.startswith(("hip_", "slack_", "athlete_", "standing_")):
        return "hips"
    if name.startswith("knee_"):
        return "legs"
    return "other"


def _parameter_color(name: str) -> str:
    """The colour of the region a parameter belongs to (the regions' colours of every figure)."""
    region = _parameter_region(name)
    return _OTHER if region == "other" else REGION_COLORS[region]


def plot_sensitivity(result: Sensitivity, *, k: int = 10, ax: Axes | None = None) -> Drawn:
    """The ``k`` parameters with the largest first-order index, as horizontal bars.

    Bars: S1 (SALib delta's given-data estimator) with its confidence interval; black
    diamonds: the rbd_fast cross-check. Bars are coloured by the region the parameter
    belongs to; the grey band is the noise floor (indices inside it are not
    distinguishable from zero).

    Parameters
    ----------
    result : Sensitivity
        From :func:`spinemodel.sensitivity.sensitivity`.
    k : int
        Number of parameters, 1 to 20.
    ax : Axes, optional
        Draw into this Axes; by default a new figure.

    Returns
    -------
    Drawn
        Artists ``bars``, ``errorbars``, ``cross_check``, ``floor``, ``title``.
    """
    if not isinstance(result, Sensitivity):
        raise TypeError(f"result must be a Sensitivity, got {type(result).__name__}")
    if isinstance(k, bool) or not isinstance(k, int) or not 1 <= k <= 20:
        raise ValueError(f"k = {k!r} is out of range; allowed: a whole number from 1 to 20")
    with mpl.rc_context(styled_params()):
        fig, ax = _axes(ax)
        rows = result.top(k)
        y = np.arange(len(rows))
        s1 = np.array([r["s1"] for r in rows])
        conf = np.array([r["s1_conf"] for r in rows])
        colors = [_parameter_color(r["name"]) for r in rows]
        floor = ax.axvspan(0.0, result.noise_floor, color="#DDDDDD", zorder=0, lw=0)
        bars = ax.barh(y, s1, color=colors, height=0.66, edgecolor="#222222")
        for bar, r in zip(bars, rows, strict=True):
            bar.set_hatch(REGION_HATCHES[_parameter_region(r["name"])] or None)
        for bar in bars:
            if hasattr(bar, "set_hatch_linewidth"):
                bar.set_hatch_linewidth(float(mpl.rcParams["hatch.linewidth"]))
        errorbars = ax.errorbar(s1, y, xerr=conf, fmt="none", ecolor="black", elinewidth=2, capsize=5)
        cross = ax.plot([r["s1_rbd"] for r in rows], y, "D", color="black", ms=_fs(0.35), mfc="white")[0]
        ax.set_yticks(y, [r["label"] for r in rows])
        ax.set_ylim(len(rows) - 0.5, -0.6)
        rbd = np.array([r["s1_rbd"] for r in rows])
        top = float(max(np.max(s1 + conf), np.max(rbd)))
        ax.set_xlim(0.0, max(top * 1.08, result.noise_floor * 2, 0.1))
        ax.set_xlabel("S1: share of the spread between bodies this parameter explains alone")
        ax.grid(axis="y", visible=False)
        scenario = result.conditions.get("scenario")
        what = "in " + (SCENARIOS[scenario].title.lower() if scenario in SCENARIOS else "this pose")
        if scenario == "seated_twist_stretch":
            what = "at the end of a forced seated stretch"
        elif scenario == "golf_backswing":
            what = "in a golf backswing (hip-led, 87°)"
        title = fig.suptitle(
            f"What sets the {_SHORT.get(result.output, result.output)} {what}?\n"
            f"{result.n_used} bodies: median {result.median:.3g} {result.unit} (5-95% {result.low:.3g}-"
            f"{result.high:.3g}); grey band: noise floor {result.noise_floor:.2f}",
            x=0.01,
            ha="left",
            fontsize=_fs(0.9),
            fontweight="bold",
        )
        regions = {"lumbar": "lumbar", "thoracic": "thoracic", "hips": "hips and pelvis", "legs": "knees"}
        shown = {_parameter_region(r["name"]) for r in rows}
        handles = [
            Patch(
                facecolor=REGION_COLORS[key],
                edgecolor="#222222",
                hatch=REGION_HATCHES[key] or None,
                label=text,
            )
            for key, text in regions.items()
            if key in shown
        ]
        if "other" in shown:
            handles.append(
                Patch(facecolor=_OTHER, edgecolor="#222222", hatch=REGION_HATCHES["other"], label="other")
            )
        handles.append(Patch(color="#DDDDDD", label="noise floor"))
        handles.append(
            Line2D(
                [],
                [],
                marker="D",
                color="black",
                mfc="white",
                ls="none",
                ms=_fs(0.45),
                label="cross-check (rbd_fast)",
            )
        )
        ax.legend(handles=handles, loc="lower right", fontsize=_fs(0.75))
        artists = {"bars": bars, "errorbars": errorbars, "cross_check": cross, "floor": floor, "title": title}
        drawn = Drawn(fig, (ax,), artists, None)
        if current_style() == "paper":
            drop_titles(drawn)
        return drawn
