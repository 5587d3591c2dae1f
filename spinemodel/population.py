"""A population of bodies: how each parameter varies, drawing bodies, and the band of a pose.

Every source the model uses reports a spread, and a student should see which
conclusions survive it. :data:`VARIATION` states, next to each parameter, how it
varies between bodies and where that spread comes from; :func:`draw_population`
draws ``n`` bodies; :func:`spread` (``SpineModel.spread``) solves all of them for a
pose and summarises each output by its percentiles (:class:`Band`).

How a body is drawn:

- Each parameter is drawn from its distribution around the model's value: normal
  (an SD in the parameter's unit), log-normal (a coefficient of variation, for
  positive quantities with a large spread), uniform or log-uniform (a range).
  Test conditions and numerical devices (the test moments, corner rounding) are
  fixed. A parameter whose source reports no spread is marked M and given a stated,
  plausible range.
- No source we found reports correlations between these parameters within one
  body, so they are drawn independently, with one exception left to the user:
  ``level_correlation`` (default 0) correlates the ranges of the five lumbar levels,
  and of the thoracic levels, within a body (M). The band of the lumbar total is
  wider when the levels are correlated; notebook 01 shows by how much.
- A body must be possible: every value inside its physical bounds, no constraint of
  :data:`spinemodel.anatomy.CONSTRAINTS` contradicted, every joint buildable (no
  negative stiffness). Bodies that are not are drawn again, so the population is
  the independent draws *conditioned* on a possible body. :attr:`Band.acceptance`
  says what share of draws was kept, :attr:`Band.rejected` why the rest was not.
- A body that cannot take a pose (the drive is beyond its own envelope) gives NaN
  for that pose (zone ``"unreachable"``); the percentiles are over the bodies that
  can take it, and :attr:`Band.fraction_reached` says how many that is.

This module is pure numpy and never imports a plotting or widget library.
"""

from __future__ import annotations

import math
import numbers
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .anatomy import CONSTRAINTS, LEVELS, LUMBAR_LEVELS, PARAMETERS
from .bodies import Bodies, BodyPoses, build_bodies, solve_bodies
from .solver import ChainConfig

__all__ = [
    "Variation",
    "VARIATION",
    "DISTRIBUTIONS",
    "Population",
    "PopulationCache",
    "PoseValues",
    "Band",
    "check_spread_arguments",
    "draw_population",
    "nan_quantiles",
    "spread_poses",
    "summarise",
    "variation_table",
]

#: The distributions a parameter may have.
DISTRIBUTIONS: tuple[str, ...] = ("normal", "lognormal", "uniform", "loguniform", "fixed")


@dataclass(frozen=True)
class Variation:
    """How a parameter varies between bodies, and the source of that spread.

    Attributes
    ----------
    kind : {"normal", "lognormal", "uniform", "loguniform", "fixed"}
        ``normal``: mean the model's value, ``spread = (sd,)`` in the parameter's
        unit. ``lognormal``: mean the model's value, ``spread = (cv,)``, the
        coefficient of variation. ``uniform`` / ``loguniform``: ``spread = (low,
        high)`` around the cited default (scaled with the value when the model
        overrides it). ``fixed``: not varied.
    spread : tuple of float
        The distribution's spread, as above.
    source : str
        Where the spread comes from (author, year, what was measured).
    mark : str
        ``R``/``R2``/``D``/``U``/``M`` as in :mod:`spinemodel.anatomy`.
    note : str
        Why this distribution, and what is assumed.
    """

    kind: str
    spread: tuple[float, ...] = ()
    source: str = ""
    mark: str = "M"
    note: str = ""

    def __post_init__(self) -> None:
        sizes = {"normal": 1, "lognormal": 1, "uniform": 2, "loguniform": 2, "fixed": 0}
        if self.kind not in sizes or len(self.spread) != sizes[self.kind]:
            raise ValueError(f"a {self.kind!r} variation needs {sizes.get(self.kind, '?')} spread values")

    def describe(self, unit: str = "") -> str:
        """The distribution in words, e.g. ``normal, SD 8.1 deg``."""
        u = f" {unit}" if unit and unit not in ("ratio",) else ""
        if self.kind == "normal":
            return f"normal, SD {self.spread[0]:g}{u}"
        if self.kind == "lognormal":
            return f"log-normal, CV {100 * self.spread[0]:.0f}%"
        if self.kind in ("uniform", "loguniform"):
            kind = "log-uniform" if self.kind == "loguniform" else "uniform"
            return f"{kind} {self.spread[0]:g}-{self.spread[1]:g}{u}"
        return "fixed"


_NIOSI_ROM = (
    "Niosi et al. 2006, Eur Spine J 15:913, Table 1: L3-4 axial range 2.1 +/- 0.9 deg at 7.5 Nm "
    "(in vitro, n=10)"
)
_NIOSI_NZ = (
    "Niosi et al. 2006, Eur Spine J 15:913, Table 2: L3-4 neutral zone 0.3 +/- 0.3 deg (in vitro, n=10)"
)
_FIXED_TEST = Variation(
    "fixed", note="the test condition that defines the measured ranges, not a property of a body"
)
_FIXED_NUMERIC = Variation(
    "fixed", note="corner rounding of the curves, a numerical device, not a property of a body"
)


def _lumbar_variation() -> dict[str, Variation]:
    out: dict[str, Variation] = {}
    for level in LUMBAR_LEVELS:
        out[f"limit_{level}_deg"] = Variation(
            "lognormal",
            (0.43,),
            _NIOSI_ROM + ": CV 0.9 / 2.1 = 43%",
            "D",
            "the spread of specimens in vitro, applied to every level and taken as the population's; "
            "Yamamoto 1989's abstract gives means only",
        )
        out[f"neutral_zone_{level}_deg"] = Variation(
            "lognormal", (1.0,), _NIOSI_NZ + ": CV 100%", "D", "applied to every level"
        )
        out[f"facet_orientation_{level}_deg"] = Variation(
            "normal",
            (5.0,),
            "Masharawi et al. 2004, Spine 29:1755 (abstract: ranges of per-level means, no SD)",
            "M",
            "SD 5 deg, a stated plausible spread: the per-level means differ by 4-16 deg between levels",
        )
        out[f"disc_height_{level}_mm"] = Variation(
            "normal",
            (1.5,),
            "the disc MRI study of anatomy.py (abstract: means only)",
            "M",
            "about 12% of the mean",
        )
        out[f"disc_depth_{level}_mm"] = Variation(
            "normal",
            (3.0,),
            "the disc MRI study of anatomy.py (abstract: means only)",
            "M",
            "about 10% of the mean",
        )
    return out


def _thoracic_variation() -> dict[str, Variation]:
    keys = ("rom_T1-T2_deg", "rom_T2-T7_deg", "rom_T7-T8_deg", "rom_T8-T9_deg", "rom_T9-T10_deg")
    keys += ("rom_T10-T11_deg", "rom_T11-T12_deg", "rom_T12-L1_deg")
    return {
        key: Variation(
            "lognormal",
            (0.43,),
            "no SD read for Wilke et al. 2017 (PLoS One 12:e0177823); " + _NIOSI_ROM,
            "M",
            "the lumbar in vitro spread (CV 43%) is used for the thoracic levels too",
        )
        for key in keys
    }


#: How each parameter of :data:`spinemodel.anatomy.PARAMETERS` varies between bodies.
VARIATION: dict[str, Variation] = {
    **_lumbar_variation(),
    "lumbar_test_moment_nm": _FIXED_TEST,
    "neutral_zone_torque_fraction": Variation(
        "loguniform",
        (0.005, 0.05),
        "modelling choice",
        "M",
        "the stated plausible range, 0.5-5% of the test moment",
    ),
    "facet_force_at_test_moment_n": Variation(
        "lognormal",
        (0.61,),
        "Jaumard, Welch & Winkelstein 2011, J Biomech Eng 133:071010, Table 2: T12-L2 facet force "
        "70.3 +/- 43.2 N at 7.5 Nm: CV 61%",
        "D",
        "the spread of the strain-gauge studies the review collects",
    ),
    "facet_axis_distance_mm": Variation(
        "uniform", (30.0, 40.0), "anatomy: 30-40 mm from the axis to the facet contact", "U"
    ),
    "facet_half_width_mm": Variation(
        "uniform",
        (10.0, 20.0),
        "Panjabi et al. 1993, Spine 18:1298: interfacet width 20.8-40.6 mm over C3-L5, halved",
        "U",
    ),
    "lumbar_block_stiffness_nm_per_deg": Variation(
        "uniform",
        (6.0, 11.0),
        "Miller, Schultz, Warwick & Spencer 1986, J Biomech 19:79: 6-11 Nm/deg under large loads",
        "R",
        "the measured range taken as the population's",
    ),
    "lumbar_tolerance_deg": Variation(
        "uniform",
        (10.0, 20.0),
        "Adams & Hutton 1981, Spine 6:241 (via Veres et al. 2010): discs not damaged until 10-20 deg",
        "R2",
    ),
    "spine_smooth_deg": _FIXED_NUMERIC,
    **_thoracic_variation(),
    "thoracic_test_moment_nm": _FIXED_TEST,
    "thoracic_neutral_fraction": Variation(
        "uniform",
        (0.07, 0.29),
        "modelling choice around Niosi 2006's 0.3 / 2.1",
        "M",
        "half to twice the derived fraction: Niosi's neutral zone alone spreads by 100%",
    ),
    "rib_cage_range_factor": Variation(
        "uniform",
        (0.51, 0.63),
        "Liebsch et al. 2017 (PLoS One, 0.51) and J Mech Behav Biomed Mater 2018;84:258 (0.63)",
        "D",
        "the two studies' factors bound the range",
    ),
    "thoracic_max_deg": Variation(
        "normal",
        (5.7,),
        "Gregersen & Lucas 1967 (individual variation, no SD); Johnson et al. 2012, J Athl Train 47:52: "
        "seated thoracic rotation 41-45 deg between tests (R2)",
        "M",
        "SD 15% of the mean, a stated plausible spread",
    ),
    "thoracic_smooth_deg": _FIXED_NUMERIC,
    "hip_internal_rotation_deg": Variation(
        "normal",
        (8.1,),
        "Murray et al. 2009, Phys Ther Sport 10:131: passive hip medial rotation 31.1 +/- 8.1 deg "
        "(36 controls)",
        "R",
    ),
    "hip_external_rotation_deg": Variation(
        "normal",
        (6.6,),
        "Fan 2014 via J Athl Train 2018;53:560, Table 1: healthy men 41.9 +/- 6.6 deg",
        "R2",
    ),
    "hip_capsule_stiffness_nm_per_deg": Variation(
        "normal", (0.3,), "van Arkel, Amis & Jeffers 2015, J Biomech 48:3803: 0.8 +/- 0.3 Nm/deg", "R"
    ),
    "slack_stiffness_nm_per_deg": Variation(
        "loguniform", (0.005, 0.02), "modelling choice", "M", "the stated plausible range"
    ),
    "hip_smooth_deg": _FIXED_NUMERIC,
    "knee_internal_rotation_deg": Variation(
        "normal", (3.0,), "Am J Sports Med 1983;11:152 (abstract: means only)", "M", "SD 30% of the mean"
    ),
    "knee_external_rotation_deg": Variation(
        "normal", (7.0,), "Am J Sports Med 1983;11:152 (abstract: means only)", "M", "SD 30% of the mean"
    ),
    "knee_flexed_internal_rotation_deg": Variation(
        "normal", (7.5,), "Am J Sports Med 1983;11:152 (abstract: means only)", "M", "SD 30% of the mean"
    ),
    "standing_spine_pelvis_ratio": Variation(
        "normal",
        (0.12,),
        "Taniguchi, Tateuchi, Ibuki & Ichihashi 2017, PLoS One 12:e0186369: 0.41 +/- 0.12 (15 controls)",
        "R",
    ),
    "athlete_pelvis_share": Variation(
        "uniform",
        (0.58, 0.68),
        "McTeigue et al. 1994 (Tour 55/87 = 0.63, amateurs 53/87 = 0.61; no SD)",
        "M",
        "a stated plausible range around the two group means",
    ),
    "bracing_stiffness_gain": Variation(
        "uniform", (0.15, 0.6), "modelling choice", "M", "the stated plausible range (anatomy.py's note)"
    ),
}

_LEVEL_GROUPS = (
    tuple(f"limit_{lv}_deg" for lv in LUMBAR_LEVELS),
    tuple(key for key in VARIATION if key.startswith("rom_T")),
)


def variation_table() -> list[dict[str, str]]:
    """Rows ``name, value, unit, distribution, mark, source, note`` of every parameter's variation."""
    return [
        {
            "name": name,
            "value": f"{PARAMETERS[name].value:g}",
            "unit": PARAMETERS[name].unit,
            "distribution": v.describe(PARAMETERS[name].unit),
            "mark": v.mark if v.kind != "fixed" else "",
            "source": v.source,
            "note": v.note,
        }
        for name, v in VARIATION.items()
    ]


def _conditional_bounds(name: str, drawn: dict[str, np.ndarray]) -> tuple[Any, Any]:
    """Bounds a parameter must respect given those drawn before it (the constraints, drawn in order)."""
    if name.startswith("neutral_zone_L"):
        level = name[len("neutral_zone_") : -len("_deg")]
        return -np.inf, 0.5 * drawn[f"limit_{level}_deg"] * (1.0 - 1e-9)
    if name == "knee_flexed_internal_rotation_deg":
        return drawn["knee_internal_rotation_deg"], np.inf
    if name == "slack_stiffness_nm_per_deg":
        return -np.inf, drawn["hip_capsule_stiffness_nm_per_deg"] * (1.0 - 1e-9)
    return -np.inf, np.inf


def _draw(rng: np.random.Generator, values: dict[str, float], m: int, rho: float) -> dict[str, np.ndarray]:
    """``m`` draws of every parameter around ``values``, each inside its bounds.

    Parameters are drawn in the order of :data:`VARIATION`. Each is drawn from its
    distribution truncated to its physical bounds and, where a constraint ties it to
    a parameter drawn before it, to what that constraint allows (a neutral zone under
    half its level's range, the flexed knee's range at least the straight knee's, the
    slack softer than the capsule):
    values outside are drawn again. A body whose bounds leave no room keeps NaN and is
    rejected by the caller.
    """
    shared = {group: rng.standard_normal(m) for group in _LEVEL_GROUPS}
    # Fixed values first (the test moments, the corner rounding): later bounds may need them.
    out = {name: np.full(m, float(values[name])) for name, v in VARIATION.items() if v.kind == "fixed"}
    for name, variation in VARIATION.items():
        value, default = values[name], PARAMETERS[name].value
        low, high = PARAMETERS[name].bounds
        cond_low, cond_high = _conditional_bounds(name, out)
        low, high = np.maximum(low, cond_low) + np.zeros(m), np.minimum(high, cond_high) + np.zeros(m)
        common = next((shared[g] for g in _LEVEL_GROUPS if name in g), None)
        kind = variation.kind
        if kind == "fixed":
            continue
        if kind in ("uniform", "loguniform"):
            lo, hi = (a * value / default for a in variation.spread)
            lo, hi = np.maximum(lo, low), np.minimum(hi, high)
            u = rng.random(m)
            drawn = lo + (hi - lo) * u if kind == "uniform" else lo * (hi / np.where(lo > 0, lo, 1.0)) ** u
            out[name] = np.where(lo < hi, drawn, np.nan)
            continue
        sigma = math.sqrt(math.log1p(variation.spread[0] ** 2)) if kind == "lognormal" else 0.0

        def from_score(
            z: np.ndarray, sigma: float = sigma, v: Variation = variation, mean: float = value
        ) -> Any:
            if v.kind == "normal":
                return mean + v.spread[0] * z
            return mean * np.exp(sigma * z - 0.5 * sigma * sigma)

        def score(k: int, common: np.ndarray | None = common, where: Any = slice(None)) -> np.ndarray:
            own = rng.standard_normal(k)
            return own if common is None else math.sqrt(rho) * common[where] + math.sqrt(1.0 - rho) * own

        drawn = from_score(score(m))
        outside = ~((drawn >= low) & (drawn <= high))
        for _ in range(200):
            if not outside.any():
                break
            where = np.flatnonzero(outside)
            drawn[where] = from_score(score(where.size, where=where))
            outside[where] = ~((drawn[where] >= low[where]) & (drawn[where] <= high[where]))
        drawn[outside] = np.nan
        out[name] = drawn
    return out


def _reasons(draws: dict[str, np.ndarray]) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Which draws are possible by bounds and constraints, and why the others are not."""
    why: dict[str, np.ndarray] = {}
    inside = np.ones(next(iter(draws.values())).shape, bool)
    for name, cited in PARAMETERS.items():
        low, high = cited.bounds
        ok = (draws[name] >= low) & (draws[name] <= high)  # False for NaN: no room left by the constraints
        if not ok.all():
            why[f"no value of {name} inside its bounds and constraints"] = ~ok
        inside &= ok
    for constraint in CONSTRAINTS:
        with np.errstate(invalid="ignore"):
            ok = np.asarray(constraint.holds(draws), bool)
        if not ok.all():
            why[constraint.name] = ~ok
        inside &= ok
    return inside, why


@dataclass
class Population:
    """``n`` possible bodies drawn around a model's values (see :func:`draw_population`).

    Attributes
    ----------
    values : dict of str to ndarray, shape (n,)
        Every parameter's value in each body.
    bodies : Bodies
        Their joints (:func:`spinemodel.bodies.build_bodies`).
    seed : int
    level_correlation : float
    acceptance : float
        Share of the draws that were possible bodies.
    rejected : dict of str to int
        Draws rejected, by reason (a draw may fail for several).
    """

    values: dict[str, np.ndarray]
    bodies: Bodies
    seed: int
    level_correlation: float
    acceptance: float
    rejected: dict[str, int] = field(default_factory=dict)

    @property
    def n(self) -> int:
        return self.bodies.n


def draw_population(
    values: dict[str, float], n: int, seed: int, level_correlation: float = 0.0
) -> Population:
    """Draw ``n`` possible bodies around ``values`` (a complete, checked set), reproducibly.

    Impossible draws (out of bounds, contradicting a constraint, or giving an
    impossible joint) are drawn again until ``n`` bodies are possible.

    Raises
    ------
    ValueError
        If fewer than 1 in 100 draws is a possible body (the values sit at the edge
        of what is possible).
    """
    rng = np.random.default_rng(seed)
    kept: list[Bodies] = []
    rejected: dict[str, int] = {}
    have = drawn = 0
    while have < n:
        rate = have / drawn if drawn else 0.7  # about 3 in 4 draws are possible bodies
        if drawn >= 100 * n and rate < 0.01:
            raise ValueError(
                f"fewer than 1 in 100 bodies drawn around these parameter values is possible ({have} of "
                f"{drawn}); most often rejected: {max(rejected, key=rejected.get)}"
            )
        m = int(min(max(1.1 * (n - have) / max(rate, 0.01), 16), 20 * n))
        draws = _draw(rng, values, m, level_correlation)
        drawn += m
        ok, why = _reasons(draws)
        for reason, bad in why.items():
            rejected[reason] = rejected.get(reason, 0) + int(bad.sum())
        if ok.any():
            bodies = build_bodies({k: v[ok] for k, v in draws.items()})
            impossible = int((~bodies.possible).sum())
            if impossible:
                reason = "an impossible joint (no slack range, or a negative stiffness)"
                rejected[reason] = rejected.get(reason, 0) + impossible
            kept.append(bodies.take(np.flatnonzero(bodies.possible)))
            have += kept[-1].n
    accepted = have
    if len(kept) > 1:  # a second round: build the kept values together (rare; the first round oversamples)
        values_n = {k: np.concatenate([b.values[k] for b in kept])[:n] for k in VARIATION}
        bodies = build_bodies(values_n)
    else:
        bodies = kept[0].take(np.arange(n))
    return Population(
        values=bodies.values,
        bodies=bodies,
        seed=seed,
        level_correlation=level_correlation,
        acceptance=accepted / drawn,
        rejected=rejected,
    )


class PopulationCache:
    """Populations per ``(n, seed, level_correlation)`` for one model (the last few kept; thread-safe)."""

    def __init__(self, values: dict[str, float], size: int = 4) -> None:
        self._values = values
        self._size = size
        self._store: OrderedDict[tuple, Population] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, n: int, seed: int, level_correlation: float) -> Population:
        key = (n, seed, level_correlation)
        with self._lock:
            if key in self._store:
                self._store.move_to_end(key)
                return self._store[key]
        population = draw_population(self._values, n, seed, level_correlation)
        with self._lock:
            self._store[key] = population
            while len(self._store) > self._size:
                self._store.popitem(last=False)
        return population


# --- the outputs -------------------------------------------------------------------------------
_OUTPUTS = (
    "total_deg",
    "torque_nm",
    "levels_deg",
    "regions_deg",
    "facet_force_n",
    "annulus_strain_pct",
    "disc_torque_nm",
    "lumbar_cap_deg",
    "limits_deg",
    "tolerances_deg",
)


class PoseValues:
    """A :class:`~spinemodel.model.Pose`-like set of outputs: every attribute of a pose, as numbers
    or arrays (the samples of a population, or one percentile of them).

    Attributes
    ----------
    total_deg, torque_nm, levels_deg, regions_deg, facet_force_n, annulus_strain_pct,
    disc_torque_nm, lumbar_cap_deg, limits_deg, tolerances_deg, conditions
        As :class:`~spinemodel.model.Pose`.
    zone : dict or None
        Per joint, each body's zone (samples only; a percentile has no zone: see
        :attr:`Band.zone_fractions`).

    All values are model estimates for teaching, not measurements.
    """

    def __init__(self, outputs: dict[str, Any], conditions: dict[str, Any], zone: dict | None = None) -> None:
        for name in _OUTPUTS:
            setattr(self, name, outputs[name])
        self.zone = zone
        self.conditions = conditions

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dictionary (lists for arrays, None for NaN)."""
        out = {"label": _LABEL}
        out.update({name: _plain(getattr(self, name)) for name in _OUTPUTS})
        if self.zone is not None:
            out["zone"] = _plain(self.zone)
        out["conditions"] = _plain(self.conditions)
        return out

    def __repr__(self) -> str:
        r = self.regions_deg
        if np.ndim(self.total_deg) == 0:
            return (
                f"PoseValues(total={self.total_deg:.1f} deg, torque={self.torque_nm:.2f} Nm, "
                f"pelvis={r['pelvis']:.1f}, lumbar={r['lumbar']:.1f}, thoracic={r['thoracic']:.1f} deg; "
                "model estimate)"
            )
        return f"PoseValues(shape={np.shape(self.total_deg)}; model estimate)"


_LABEL = "model estimate (educational model, not medical advice)"


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, np.ndarray):
        if value.dtype == object:
            return value.tolist()
        return np.where(np.isfinite(value), value, None).tolist() if value.ndim else _plain(float(value))
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    return value


def nan_quantiles(samples: np.ndarray, qs: Sequence[float]) -> np.ndarray:
    """Quantiles over axis 0 of the finite values (numpy's linear method), NaN where none is finite.

    The same numbers as ``np.nanquantile(samples, qs, axis=0)`` (tested), vectorised with one
    sort for all quantiles: ``np.nanquantile`` loops over the columns when NaNs are present.

    Parameters
    ----------
    samples : ndarray, shape (n, ...)
        Values, NaN where missing.
    qs : sequence of float
        Quantiles, each in [0, 1].

    Returns
    -------
    ndarray, shape (len(qs), ...)
    """
    finite = np.isfinite(samples)
    count = finite.sum(axis=0)
    ordered = np.sort(np.where(finite, samples, np.inf), axis=0)  # the missing ones last
    out = []
    for q in qs:
        pos = q * np.maximum(count - 1, 0)
        lo = np.floor(pos).astype(int)
        hi = np.minimum(lo + 1, np.maximum(count - 1, 0))
        a = np.take_along_axis(ordered, lo[None], 0)[0]
        b = np.take_along_axis(ordered, hi[None], 0)[0]
        with np.errstate(invalid="ignore"):
            value = a + (pos - lo) * (b - a)
        out.append(np.where(count > 0, value, np.nan))
    return np.array(out)


def _map(tree: Any, fn: Any) -> Any:
    if isinstance(tree, dict):
        return {k: _map(v, fn) for k, v in tree.items()}
    return fn(tree)


@dataclass
class Band:
    """The spread of a pose over a population of bodies (see ``SpineModel.spread``).

    Attributes
    ----------
    low, median, high : PoseValues
        Every output at the first, second and third of ``quantiles`` (by default the
        5th, 50th and 95th percentile), over the bodies that can take the pose. Each
        output's percentile is taken on its own: the low regions need not add up to
        the low total.
    samples : PoseValues
        Every body's outputs: arrays with a leading axis of length ``n`` (NaN where a
        body cannot take the pose).
    parameters : dict of str to ndarray, shape (n,)
        The sampled parameter values, by name.
    quantiles : tuple of float
    n, seed : int
    level_correlation : float
    reached : ndarray of bool, shape ``(n, *drive)``
        Whether each body can take the pose.
    fraction_reached : float or ndarray
        Share of the bodies that can take the pose.
    reachable_deg, reachable_torque_nm : ndarray, shape (n,)
        Each body's envelope under these conditions.
    zone_fractions : dict
        Per joint, the share of the bodies that can take the pose in each zone.
    acceptance : float
        Share of the draws that were possible bodies.
    rejected : dict of str to int
        Draws rejected, by reason.
    conditions : dict
        The inputs that produced the band.
    """

    low: PoseValues
    median: PoseValues
    high: PoseValues
    samples: PoseValues
    parameters: dict[str, np.ndarray]
    quantiles: tuple[float, float, float]
    n: int
    seed: int
    level_correlation: float
    reached: np.ndarray
    fraction_reached: Any
    reachable_deg: np.ndarray
    reachable_torque_nm: np.ndarray
    zone_fractions: dict[str, dict[str, Any]]
    acceptance: float
    rejected: dict[str, int]
    conditions: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: ``low``, ``median`` and ``high`` as :meth:`Pose.to_dict`, and the band's settings."""
        return {
            "label": _LABEL,
            "quantiles": list(self.quantiles),
            "n": self.n,
            "seed": self.seed,
            "level_correlation": self.level_correlation,
            "fraction_reached": _plain(self.fraction_reached),
            "acceptance": self.acceptance,
            "low": self.low.to_dict(),
            "median": self.median.to_dict(),
            "high": self.high.to_dict(),
        }

    def __repr__(self) -> str:
        if np.ndim(self.median.total_deg) == 0:
            r = {
                k: (self.low.regions_deg[k], self.median.regions_deg[k], self.high.regions_deg[k])
                for k in ("lumbar", "thoracic", "pelvis")
            }
            text = ", ".join(f"{k}={m:.1f} ({lo:.1f}-{hi:.1f})" for k, (lo, m, hi) in r.items())
            return (
                f"Band(n={self.n}, {text} deg; reached by {100 * self.fraction_reached:.0f}%; model estimate)"
            )
        return f"Band(n={self.n}, shape={np.shape(self.median.total_deg)}; model estimate)"


def check_spread_arguments(n: Any, seed: Any, quantiles: Any, level_correlation: Any) -> tuple:
    """Validated ``(n, seed, quantiles, level_correlation)`` of a spread, or a clear error."""
    if isinstance(n, bool) or not isinstance(n, numbers.Integral):
        raise TypeError(f"n must be a whole number of bodies, got {n!r}")
    if not 2 <= n <= 100_000:
        raise ValueError(f"n = {n} is out of range; allowed range is [2, 100000] bodies")
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
        raise TypeError(f"seed must be a whole number (a reproducible random seed), got {seed!r}")
    if not 0 <= seed < 2**63:
        raise ValueError(f"seed = {seed} is out of range; allowed range is [0, 2**63 - 1]")
    if isinstance(quantiles, (str, bytes)) or not hasattr(quantiles, "__len__") or len(quantiles) != 3:
        raise ValueError(
            f"quantiles must be three increasing fractions (low, median, high), e.g. (0.05, 0.5, 0.95); "
            f"got {quantiles!r}"
        )
    qs = []
    for q in quantiles:
        if isinstance(q, bool) or not isinstance(q, numbers.Real):
            raise TypeError(f"quantiles must be real numbers in [0, 1]; got {quantiles!r}")
        qs.append(float(q))
    if not all(0.0 <= q <= 1.0 for q in qs) or not qs[0] < qs[1] < qs[2]:
        raise ValueError(f"quantiles must be three increasing fractions in [0, 1]; got {quantiles!r}")
    if isinstance(level_correlation, bool) or not isinstance(level_correlation, numbers.Real):
        raise TypeError(f"level_correlation must be a real number in [0, 1], got {level_correlation!r}")
    rho = float(level_correlation)
    if not 0.0 <= rho <= 1.0:  # False for NaN
        raise ValueError(
            f"level_correlation = {level_correlation!r} is out of range; allowed range is [0, 1]"
        )
    return int(n), int(seed), tuple(qs), rho


def spread_poses(
    population: Population,
    config: ChainConfig,
    *,
    total_deg: Any = None,
    torque_nm: Any = None,
) -> tuple[BodyPoses, Any]:
    """Solve every body of ``population`` for a drive of any shape (signed, validated), or its reach.

    Returns the poses (arrays of shape (n, drive.size), magnitudes) and the drive's sign
    (an array of the drive's shape, or 1.0).
    """
    drive = total_deg if torque_nm is None else torque_nm
    if drive is None:
        sign, magnitude = np.ones(1), None
    else:
        sign, magnitude = np.sign(drive).ravel(), np.abs(np.asarray(drive, dtype=float)).ravel()
    column = None if magnitude is None else np.broadcast_to(magnitude, (population.n, magnitude.size))
    share = population.values["athlete_pelvis_share"][:, None]
    if torque_nm is None:
        poses = solve_bodies(population.bodies, config, total_deg=column, share=share)
    else:
        poses = solve_bodies(population.bodies, config, torque_nm=column, share=share)
    return poses, sign


def summarise(
    poses: BodyPoses,
    sign: np.ndarray,
    shape: tuple[int, ...],
    population: Population,
    quantiles: tuple[float, float, float],
    conditions: dict[str, Any],
) -> Band:
    """The band of solved poses: samples shaped (n, *shape), signed, and their percentiles."""
    n = population.n
    sign_of_drive = np.reshape(sign, shape)  # broadcasts against (n, *shape)

    def per_body(a: np.ndarray, signed_output: bool) -> np.ndarray:
        out = a.reshape((n, *shape))
        return out * sign_of_drive if signed_output else out

    fields = {
        "total_deg": per_body(poses.total_deg, True),
        "torque_nm": per_body(poses.torque_nm, True),
        "levels_deg": {k: per_body(v, True) for k, v in poses.levels_deg.items()},
        "regions_deg": {k: per_body(v, True) for k, v in poses.regions_deg.items()},
        "facet_force_n": {
            lv: {side: per_body(f, False) for side, f in forces.items()}
            for lv, forces in poses.facet_force_n.items()
        },
        "annulus_strain_pct": {k: per_body(v, False) for k, v in poses.annulus_strain_pct.items()},
        "disc_torque_nm": {k: per_body(v, False) for k, v in poses.disc_torque_nm.items()},
        "lumbar_cap_deg": poses.lumbar_cap_deg,
        "limits_deg": poses.limits_deg,
        "tolerances_deg": poses.tolerances_deg,
    }
    zone = {lv: z.reshape((n, *shape)) for lv, z in poses.zone.items()}
    reached = poses.reached.reshape((n, *shape))
    if not reached.any():
        reach = poses.reachable_deg
        raise ValueError(
            f"no body of the population ({n} bodies) can take this pose under these conditions; their "
            f"reach is {np.min(reach):.1f} to {np.max(reach):.1f} deg (torque up to "
            f"{np.max(poses.reachable_torque_nm):.2f} Nm)"
        )

    three = _map(fields, lambda a: nan_quantiles(a, quantiles))  # one sort per output

    def pick(i: int) -> PoseValues:
        return PoseValues(_map(three, lambda q: float(q[i]) if np.ndim(q[i]) == 0 else q[i]), conditions)

    fraction = reached.mean(axis=0)
    counts = np.maximum(reached.sum(axis=0), 1)
    zone_fractions = {}
    for lv in LEVELS:
        shares = {
            name: (zone[lv] == name).sum(axis=0) / counts
            for name in ("neutral", "elastic", "beyond_limit", "beyond_tolerance")
        }
        zone_fractions[lv] = {k: (float(v) if np.ndim(v) == 0 else v) for k, v in shares.items()}
    return Band(
        low=pick(0),
        median=pick(1),
        high=pick(2),
        samples=PoseValues(fields, conditions, zone),
        parameters=dict(population.values),
        quantiles=quantiles,
        n=n,
        seed=population.seed,
        level_correlation=population.level_correlation,
        reached=reached,
        fraction_reached=float(fraction) if np.ndim(fraction) == 0 else fraction,
        reachable_deg=poses.reachable_deg,
        reachable_torque_nm=poses.reachable_torque_nm,
        zone_fractions=zone_fractions,
        acceptance=population.acceptance,
        rejected=dict(population.rejected),
        conditions=conditions,
    )
