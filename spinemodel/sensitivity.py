"""Which parameters matter: first-order sensitivity indices over the model's population of bodies.

:func:`sensitivity` (``SpineModel.sensitivity``) solves a pose for a population of
bodies (:meth:`spinemodel.SpineModel.spread`) and ranks the parameters by how much
of the spread of one output each explains on its own: the first-order index

    S1_i = Var(E[Y | X_i]) / Var(Y),

the share of the output's variance that would go if parameter ``i`` were known. An
S1 of 0.3 means: knowing this parameter alone removes 30% of the output's variance
between bodies.

Why given-data estimators, not Saltelli's design
------------------------------------------------
Saltelli's design (SALib ``sample.sobol`` + ``analyze.sobol``) evaluates the model at
points it samples itself, from *independent* inputs. This population is not that:
each parameter has its own distribution (normal, log-normal, uniform, truncated to
its physical bounds), some are truncated by the values drawn before them (a lumbar
level's neutral zone below half its range, the slack below the hip capsule's
stiffness, the flexed knee's range above the straight knee's), and about a quarter of
the draws are rejected as impossible bodies (a negative stiffness). A Saltelli design
would put weight on bodies the population never contains, some of which cannot even
be built. So the indices are computed from the population sample itself, with SALib's
*given-data* estimators, which take any sample ``(X, Y)``:

- ``SALib.analyze.delta`` with ``method="sobol"``: S1 by equal-frequency binning of
  each parameter (Plischke, Borgonovo & Smith 2013), with a bootstrap confidence
  interval; this is the index reported as ``s1``.
- ``SALib.analyze.rbd_fast`` on the same sample: S1 by the EASI spectral estimator
  (Plischke 2010) with the bias correction of Tissot & Prieur (2012), reported as
  ``s1_rbd``, a cross-check by an independent method.

SALib's maintainers point to the delta method for samples one already has (SALib
issues #101 and #588). The indices are first order only: total-order indices
(interactions included) need the pick-freeze evaluations of Saltelli's design, which
this population cannot give, so an output whose indices sum to well below 1 is driven
by interactions this analysis does not attribute. Because the parameters of one body
are not independent (the truncations and rejections above), S1 of a parameter
includes what it carries of the parameters it is tied to, and the indices may sum to
more than 1.

Every estimate has a floor: *dummy* inputs, drawn independently of everything and
affecting nothing, get a small positive S1 from sampling noise and the binning's bias.
:attr:`Sensitivity.noise_floor` is the largest S1 plus confidence half-width of five
of them; indices below it are not distinguishable from zero.

Fixed parameters (the test moments, the corner rounding) are not varied and are left
out. This module does not import a plotting or widget library; it needs the
``analysis`` extra (SALib).
"""

from __future__ import annotations

import numbers
import threading
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ._extras import missing_extras
from .anatomy import LUMBAR_LEVELS
from .model import LABEL, SpineModel
from .population import VARIATION, Band, check_spread_arguments

__all__ = [
    "OUTPUTS",
    "PARAMETER_LABELS",
    "MIN_BODIES",
    "Output",
    "Sensitivity",
    "sensitivity",
    "varied_parameters",
    "format_sensitivity",
]

#: Fewest bodies a sensitivity analysis accepts: the binned estimator puts the sample into
#: about n**0.27 equal-frequency classes (7 for 1,000 bodies); with fewer than 200 bodies the
#: classes hold too few bodies for a stable mean (a modelling choice, M).
MIN_BODIES = 200
#: Fewest bodies that must be able to take the pose (the others are left out).
_MIN_USED = 100
#: Inputs that affect nothing, analysed with the parameters: the largest of their S1 + confidence
#: half-width is the noise floor (a modelling choice, M: five give a floor that one lucky draw cannot set).
_DUMMIES = 5
_SALIB_LOCK = threading.Lock()  # SALib's delta estimator seeds and draws from numpy's global generator


@dataclass(frozen=True)
class Output:
    """An output that :func:`sensitivity` can analyse: its description, unit and how it is read."""

    description: str
    unit: str
    read: Callable[[Band], np.ndarray] = field(repr=False)


def _region(name: str) -> Callable[[Band], np.ndarray]:
    return lambda band: np.asarray(band.samples.regions_deg[name], dtype=float)


def _max_facet(band: Band) -> np.ndarray:
    forces = [
        np.asarray(band.samples.facet_force_n[lv]["contralateral"], dtype=float) for lv in LUMBAR_LEVELS
    ]
    return np.max(forces, axis=0)


def _lumbar_share(band: Band) -> np.ndarray:
    r = band.samples.regions_deg
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.asarray(r["lumbar"], dtype=float) / np.asarray(r["total"], dtype=float)


#: The outputs :func:`sensitivity` supports, by name.
OUTPUTS: dict[str, Output] = {
    "lumbar": Output("lumbar rotation (L5-S1 to L1-L2)", "deg", _region("lumbar")),
    "thoracic": Output("thoracic rotation (T12-L1 to T1-T2)", "deg", _region("thoracic")),
    "pelvis": Output("pelvis turn (legs + hips)", "deg", _region("pelvis")),
    "hips": Output("hip rotation", "deg", _region("hips")),
    "legs": Output("leg (knee) rotation", "deg", _region("legs")),
    "total": Output("total rotation", "deg", _region("total")),
    "torque": Output("stretching torque", "Nm", lambda band: np.asarray(band.samples.torque_nm, dtype=float)),
    "facet_force": Output("largest contralateral facet force over the lumbar levels", "N", _max_facet),
    "lumbar_share": Output("lumbar share of the total rotation", "fraction", _lumbar_share),
}


def _labels() -> dict[str, str]:
    out = {}
    for lv in LUMBAR_LEVELS:
        out[f"limit_{lv}_deg"] = f"{lv} range (in vitro, 10 Nm)"
        out[f"neutral_zone_{lv}_deg"] = f"{lv} neutral zone"
        out[f"facet_orientation_{lv}_deg"] = f"{lv} facet orientation"
        out[f"disc_height_{lv}_mm"] = f"{lv} disc height"
        out[f"disc_depth_{lv}_mm"] = f"{lv} disc depth"
    for key in VARIATION:
        if key.startswith("rom_T"):
            levels = key[len("rom_") : -len("_deg")]
            plural = "s, each" if levels == "T2-T7" else ""
            out[key] = f"{levels} level{plural} range (in vitro)"
    out.update(
        {
            "neutral_zone_torque_fraction": "neutral-zone torque (share of test moment)",
            "facet_force_at_test_moment_n": "facet force at the test moment",
            "facet_axis_distance_mm": "facet distance from the axis",
            "facet_half_width_mm": "facet half-width",
            "lumbar_block_stiffness_nm_per_deg": "lumbar block stiffness",
            "lumbar_tolerance_deg": "lumbar failure angle",
            "thoracic_neutral_fraction": "thoracic neutral zone (share of range)",
            "rib_cage_range_factor": "rib cage factor",
            "thoracic_max_deg": "thoracic in vivo maximum",
            "hip_internal_rotation_deg": "hip internal rotation range",
            "hip_external_rotation_deg": "hip external rotation range",
            "hip_capsule_stiffness_nm_per_deg": "hip capsule stiffness",
            "slack_stiffness_nm_per_deg": "hip slack stiffness",
            "knee_internal_rotation_deg": "knee internal rotation range",
            "knee_external_rotation_deg": "knee external rotation range",
            "knee_flexed_internal_rotation_deg": "knee internal rotation, flexed",
            "standing_spine_pelvis_ratio": "standing spine / pelvis ratio",
            "athlete_pelvis_share": "golfers' pelvis share",
            "bracing_stiffness_gain": "bracing stiffness gain",
        }
    )
    return out


#: A readable name of every varied parameter (for tables and figures).
PARAMETER_LABELS: dict[str, str] = _labels()


def varied_parameters() -> tuple[str, ...]:
    """The parameters the population varies (every parameter but the fixed test moments and roundings)."""
    return tuple(name for name, v in VARIATION.items() if v.kind != "fixed")


@dataclass(frozen=True)
class Sensitivity:
    """First-order sensitivity indices of one output over a population (see :func:`sensitivity`).

    Attributes
    ----------
    output, description, unit : str
        The output analysed and its unit.
    conditions : dict
        The pose's inputs (scenario, drive, pelvis, strategy, ...).
    names : tuple of str
        The varied parameters, largest ``s1`` first.
    labels : tuple of str
        Their readable names (:data:`PARAMETER_LABELS`).
    s1, s1_conf : ndarray
        First-order indices (binned given-data estimator of ``SALib.analyze.delta``) and
        the half-width of their confidence interval (bootstrap, ``conf_level``).
    s1_rbd, s1_rbd_conf : ndarray
        The same by ``SALib.analyze.rbd_fast`` (EASI, bias-corrected): a cross-check.
    noise_floor : float
        The largest S1 plus confidence half-width of five dummy inputs that affect
        nothing: indices below it are not distinguishable from zero.
    n, n_used, seed : int
        Bodies drawn, bodies that could take the pose (the sample analysed), seed.
    conf_level : float
    low, median, high : float
        The output's 5th, 50th and 95th percentile over the bodies analysed.
    """

    output: str
    description: str
    unit: str
    conditions: dict[str, Any]
    names: tuple[str, ...]
    labels: tuple[str, ...]
    s1: np.ndarray
    s1_conf: np.ndarray
    s1_rbd: np.ndarray
    s1_rbd_conf: np.ndarray
    noise_floor: float
    n: int
    n_used: int
    seed: int
    conf_level: float
    low: float
    median: float
    high: float

    def top(self, k: int = 10) -> list[dict[str, Any]]:
        """The ``k`` parameters with the largest S1: rows ``name, label, s1, s1_conf, s1_rbd, ...``."""
        if isinstance(k, bool) or not isinstance(k, numbers.Integral) or k < 1:
            raise ValueError(f"k must be a whole number of parameters, at least 1; got {k!r}")
        return [
            {
                "name": self.names[i],
                "label": self.labels[i],
                "s1": float(self.s1[i]),
                "s1_conf": float(self.s1_conf[i]),
                "s1_rbd": float(self.s1_rbd[i]),
                "s1_rbd_conf": float(self.s1_rbd_conf[i]),
                "above_noise": bool(self.s1[i] > self.noise_floor),
            }
            for i in range(min(int(k), len(self.names)))
        ]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: the output, its conditions and band, and every parameter's indices (ranked)."""
        return {
            "label": LABEL,
            "output": self.output,
            "description": self.description,
            "unit": self.unit,
            "conditions": dict(self.conditions),
            "method": "first-order indices from the population sample (SALib delta, method='sobol'; "
            "cross-check SALib rbd_fast)",
            "n": self.n,
            "n_used": self.n_used,
            "seed": self.seed,
            "conf_level": self.conf_level,
            "output_median": self.median,
            "output_low": self.low,
            "output_high": self.high,
            "noise_floor": self.noise_floor,
            "indices": self.top(len(self.names)),
        }

    def __repr__(self) -> str:
        best = ", ".join(f"{r['name']} {r['s1']:.2f}" for r in self.top(3))
        return f"Sensitivity({self.output}, n={self.n_used}: {best}; model estimate)"


def _check_output(output: Any) -> str:
    if not isinstance(output, str):
        raise TypeError(f"output must be a string, one of {', '.join(map(repr, OUTPUTS))}; got {output!r}")
    if output not in OUTPUTS:
        raise ValueError(
            f"output = {output!r} is not a known output; allowed: {', '.join(map(repr, OUTPUTS))}"
        )
    return output


def _check_fraction(name: str, value: Any, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number in ({low:g}, {high:g}); got {value!r}")
    if not low < float(value) < high:  # False for NaN
        raise ValueError(f"{name} = {value!r} is out of range; allowed range is ({low:g}, {high:g})")
    return float(value)


def _import_salib() -> tuple[Any, Any]:
    try:
        from SALib.analyze import delta, rbd_fast
    except ModuleNotFoundError as exc:
        raise missing_extras(exc, "spinemodel.sensitivity", extra="analysis") from None
    return delta, rbd_fast


def _first_order(
    x: np.ndarray, y: np.ndarray, names: list[str], seed: int, resamples: int, conf_level: float
) -> dict[str, np.ndarray]:
    """S1 and its confidence half-width by SALib's two given-data estimators (deterministic per seed)."""
    delta, rbd_fast = _import_salib()
    problem = {
        "num_vars": len(names),
        "names": names,
        "bounds": [[float(c.min()), float(c.max())] for c in x.T],  # unused by the given-data estimators
    }
    # SALib's delta estimator draws from numpy's global generator and changes the warning filters and
    # their format: seed it here and restore all three afterwards, one call at a time.
    with _SALIB_LOCK, warnings.catch_warnings(record=True):
        state, formatwarning = np.random.get_state(), warnings.formatwarning  # noqa: NPY002
        try:
            np.random.seed(seed % 2**32)  # noqa: NPY002 (SALib draws from it)
            binned = delta.analyze(
                problem, x, y, num_resamples=resamples, conf_level=conf_level, method="sobol", seed=None
            )
            spectral = rbd_fast.analyze(
                problem, x, y, num_resamples=resamples, conf_level=conf_level, seed=seed
            )
        finally:
            np.random.set_state(state)  # noqa: NPY002
            warnings.formatwarning = formatwarning
    return {
        "s1": np.asarray(binned["S1"], dtype=float),
        "s1_conf": np.asarray(binned["S1_conf"], dtype=float),
        "s1_rbd": np.asarray(spectral["S1"], dtype=float),
        "s1_rbd_conf": np.asarray(spectral["S1_conf"], dtype=float),
    }


def sensitivity(
    model: SpineModel,
    output: str = "lumbar",
    *,
    n: int = 1000,
    seed: int = 0,
    resamples: int = 100,
    conf_level: float = 0.95,
    **pose: Any,
) -> Sensitivity:
    """Rank the parameters by the share of an output's variance over the population each explains.

    Parameters
    ----------
    model : SpineModel
        The model; the population is drawn around its values.
    output : str
        One of :data:`OUTPUTS`: ``lumbar``, ``thoracic``, ``pelvis``, ``hips``, ``legs``,
        ``total`` (deg), ``torque`` (Nm), ``facet_force`` (the largest contralateral facet
        force over the lumbar levels, N) or ``lumbar_share`` (lumbar / total).
    n : int
        Bodies drawn, :data:`MIN_BODIES` (200) to 100,000 (default 1,000: about 3 s).
    seed : int
        Seed of the population and of the bootstrap (0 to 2**63 - 1): the same seed gives
        the same indices.
    resamples : int
        Bootstrap resamples of the confidence intervals, 10 to 10,000.
    conf_level : float
        Confidence level of the intervals, in (0, 1).
    **pose
        The pose, as :meth:`SpineModel.spread`: ``scenario=``, ``total_deg=`` (or
        ``"reach"``) or ``torque_nm=``, and the conditions (``pelvis``, ``strategy``, ...).
        Bodies that cannot take the pose are left out.

    Returns
    -------
    Sensitivity
        Indices of every varied parameter, largest first, with the output's band.

    Raises
    ------
    TypeError, ValueError
        For bad input (naming the argument, its value and what is allowed), an output that
        does not vary under these conditions, or fewer than 100 bodies able to take the pose.
    spinemodel._extras.MissingExtrasError
        Without SALib: the message names ``pip install "spinemodel[analysis]"``.
    """
    if not isinstance(model, SpineModel):
        raise TypeError(f"model must be a spinemodel.SpineModel, got {type(model).__name__}")
    output = _check_output(output)
    n, seed, _, _ = check_spread_arguments(n, seed, (0.05, 0.5, 0.95), 0.0)
    if n < MIN_BODIES:
        raise ValueError(
            f"n = {n} is too small for a sensitivity analysis; allowed range is [{MIN_BODIES}, 100000] bodies"
        )
    if isinstance(resamples, bool) or not isinstance(resamples, numbers.Integral):
        raise TypeError(f"resamples must be a whole number, got {resamples!r}")
    if not 10 <= resamples <= 10_000:
        raise ValueError(f"resamples = {resamples} is out of range; allowed range is [10, 10000]")
    conf_level = _check_fraction("conf_level", conf_level, 0.0, 1.0)
    _import_salib()  # fail before solving when SALib is missing
    band = model.spread(n=n, seed=seed, **pose)
    spec = OUTPUTS[output]
    y = spec.read(band)
    if y.shape != (n,):
        raise ValueError(f"the pose must be a single pose (one drive value); got outputs of shape {y.shape}")
    used = np.isfinite(y)
    if used.sum() < _MIN_USED:
        raise ValueError(
            f"only {int(used.sum())} of {n} bodies can take this pose; a sensitivity analysis needs at least "
            f"{_MIN_USED}: raise n or choose a pose more bodies can reach"
        )
    y = y[used]
    if np.ptp(y) == 0.0:
        raise ValueError(
            f"output {output!r} does not vary under these conditions (every body gives {y[0]:g} "
            f"{spec.unit}): there is nothing to rank"
        )
    names = list(varied_parameters())
    # Inputs that affect nothing, drawn independently: their indices are the estimators' noise floor.
    dummies = np.random.default_rng([seed, 1]).random((int(used.sum()), _DUMMIES))
    x = np.column_stack([np.asarray(band.parameters[k], dtype=float)[used] for k in names] + [dummies])
    dummy_names = [f"dummy{j}" for j in range(_DUMMIES)]
    indices = _first_order(x, y, [*names, *dummy_names], seed, int(resamples), conf_level)
    real = slice(0, len(names))
    floor = float(np.max(indices["s1"][len(names) :] + indices["s1_conf"][len(names) :]))
    order = np.argsort(-indices["s1"][real], kind="stable")
    low, mid, high = (float(v) for v in np.quantile(y, (0.05, 0.5, 0.95)))
    conditions = {k: v for k, v in pose.items()}
    conditions.update({k: v for k, v in band.conditions.items() if k not in conditions and v is not None})
    return Sensitivity(
        output=output,
        description=spec.description,
        unit=spec.unit,
        conditions=conditions,
        names=tuple(names[i] for i in order),
        labels=tuple(PARAMETER_LABELS.get(names[i], names[i]) for i in order),
        s1=indices["s1"][real][order],
        s1_conf=indices["s1_conf"][real][order],
        s1_rbd=indices["s1_rbd"][real][order],
        s1_rbd_conf=indices["s1_rbd_conf"][real][order],
        noise_floor=floor,
        n=n,
        n_used=int(used.sum()),
        seed=seed,
        conf_level=conf_level,
        low=low,
        median=mid,
        high=high,
    )


def format_sensitivity(result: Sensitivity, k: int = 10) -> str:
    """A readable table of the ``k`` parameters with the largest first-order index."""
    if not isinstance(result, Sensitivity):
        raise TypeError(
            f"result must be a Sensitivity (from spinemodel.sensitivity), got {type(result).__name__}"
        )
    cond = ", ".join(f"{key}={value}" for key, value in result.conditions.items())
    pct = round(100 * result.conf_level)
    lines = [
        f"spinemodel sensitivity: {LABEL}",
        f"output: {result.description} ({result.unit}); {cond}",
        f"over {result.n_used} of {result.n} bodies (seed {result.seed}): median {result.median:.3g} "
        f"[5-95% {result.low:.3g}-{result.high:.3g}] {result.unit}",
        "S1 = share of the output's variance between bodies that this parameter explains on its own "
        f"(first order, +/- {pct}% confidence); below the noise floor {result.noise_floor:.3f} it is not "
        "distinguishable from zero.",
        "",
        f"{'#':>2s}  {'parameter':42s} {'S1':>6s} {'+/-':>6s}   {'S1 (rbd_fast)':>13s} {'+/-':>6s}",
    ]
    for j, row in enumerate(result.top(k), 1):
        flag = "" if row["above_noise"] else "  (noise)"
        lines.append(
            f"{j:2d}  {row['label'][:42]:42s} {row['s1']:6.3f} {row['s1_conf']:6.3f}   {row['s1_rbd']:13.3f} "
            f"{row['s1_rbd_conf']:6.3f}{flag}"
        )
    above = result.s1 > result.noise_floor
    lines += [
        "",
        f"sum of the {int(above.sum())} S1 above the noise floor: {float(np.sum(result.s1[above])):.2f} "
        "(first order only: interactions are not attributed; tied parameters share what they carry, so "
        "the sum may pass 1)",
    ]
    return "\n".join(lines)
