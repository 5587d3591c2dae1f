"""Many bodies at once: the chain of :mod:`spinemodel.solver` for a population, vectorised.

A population is ``n`` sets of parameter values (arrays of length ``n``, one body
each). :func:`build_bodies` turns them into ``n`` chains of joints at once, with the
same array formulas as :func:`spinemodel.anatomy.build_joints` (its lumbar, thoracic
and pair helpers take arrays), and :func:`solve_bodies` solves every body for a
drive (a total rotation, a torque, or each body's own reach), vectorised over the
bodies and the drives. Nothing loops over bodies in Python.

How a chain is solved for ``n`` bodies:

- a joint's curve is inverted (angle at a torque) on a coarse per-body grid, then by
  Newton's method kept inside the grid cell (:func:`invert_curves`);
- a chain in series is tabulated on a coarse per-body torque grid, the total is
  located in each body's table, and the joint angles and the torque are polished by
  Newton's method on the whole chain (every joint at the same torque, the angles
  adding up to the total). The result matches :class:`~spinemodel.model.SpineModel`
  to about 1e-6 deg (tested).

Bodies whose values give an impossible joint (a negative stiffness, a thoracic
tolerance inside its neutral zone, a pelvis range no slack can reach) are flagged in
:attr:`Bodies.possible`; :mod:`spinemodel.population` draws such bodies again.

This module is pure numpy and never imports a plotting or widget library.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .anatomy import (
    LEVELS,
    LOWER_LIMB_JOINTS,
    LUMBAR_LEVELS,
    THORACIC_LEVELS,
    THORACIC_ROM_KEY,
    default_values,
    lever_arm_mm,
    lumbar_slopes,
    pair_slack_band,
    pelvis_ranges,
    thoracic_slopes,
)
from .loads import annulus_shear_strain_pct, facet_forces_n, zone_of
from .mechanics import curve_stiffness_nm_per_deg, curve_torque_nm
from .solver import ChainConfig

__all__ = ["Bodies", "BodyPoses", "build_bodies", "solve_bodies"]

_INVERT_GRID = 65  # per-body grid of a joint's curve before Newton's polish
_CHAIN_GRID = 33  # per-body torque grid of a chain before Newton's polish
_NEWTON_STEPS = 6
_STRETCH = 7.0  # the sinh spacing of solver.py: dense near zero torque

# A curve: (slopes, corners, smoothing), each entry an array of shape (n, 1) or a number.
Curve = tuple[tuple[Any, ...], tuple[Any, ...], Any]


def _torque(curves: tuple[Curve, ...], x: np.ndarray) -> np.ndarray:
    return sum(curve_torque_nm(k, a, s, x) for k, a, s in curves)


def _stiffness(curves: tuple[Curve, ...], x: np.ndarray) -> np.ndarray:
    return sum(curve_stiffness_nm_per_deg(k, a, s, x) for k, a, s in curves)


def _scaled(curves: tuple[Curve, ...], scale: Any) -> tuple[Curve, ...]:
    """The curves of a joint whose angles are ``scale`` times as large (a mobility or stance scale)."""
    if np.all(np.asarray(scale) == 1.0):
        return curves
    return tuple(
        (tuple(k / scale for k in slopes), tuple(a * scale for a in corners), smooth * scale)
        for slopes, corners, smooth in curves
    )


def _row_interp(x: np.ndarray, xp: np.ndarray, fp: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per-row ``np.interp``: ``x`` (n, m) on increasing rows ``xp`` (n, G) with values ``fp`` (n, G).

    The rows are laid end to end with offsets larger than any row's span, so one
    ``np.interp`` call serves all of them. Returns the values and each point's cell
    (the index of its right-hand grid point within the row, 1 to G - 1).
    """
    n, g = xp.shape
    low = xp[:, :1]
    span = float(np.max(xp[:, -1:] - low)) * 1.5 + 1.0
    offset = np.arange(n, dtype=float)[:, None] * span - low
    flat = (xp + offset).ravel()
    where = np.clip(x, low, xp[:, -1:]) + offset
    values = np.interp(where, flat, fp.ravel())
    cell = np.searchsorted(flat, where.ravel(), side="left").reshape(x.shape) - np.arange(n)[:, None] * g
    return values, np.clip(cell, 1, g - 1)


def invert_curves(curves: tuple[Curve, ...], torque_nm: np.ndarray) -> np.ndarray:
    """Angle (deg) at which each body's joint carries ``torque_nm`` (shape (n, m), >= 0).

    The array form of :func:`spinemodel.solver.invert_joint`: a per-body grid up to
    an angle that carries the largest torque, a per-row interpolation, then Newton's
    method kept inside the grid cell (the curve is smooth and increasing).
    """
    n = torque_nm.shape[0]
    top = torque_nm.max(axis=1, keepdims=True)
    hi = np.ones((n, 1))
    short = _torque(curves, hi) < top
    for _ in range(64):  # the curves grow at least linearly: a few doublings suffice
        if not short.any():
            break
        hi = np.where(short, 2.0 * hi, hi)
        short = _torque(curves, hi) < top
    grid = hi * np.linspace(0.0, 1.0, _INVERT_GRID)
    curve = _torque(curves, grid) + np.zeros_like(grid)
    angle, cell = _row_interp(torque_nm, curve, grid)
    lo = np.take_along_axis(grid, cell - 1, axis=1)
    up = np.take_along_axis(grid, cell, axis=1)
    for _ in range(_NEWTON_STEPS):
        step = (_torque(curves, angle) - torque_nm) / _stiffness(curves, angle)
        angle = np.clip(angle - step, lo, up)
    return angle


@dataclass(frozen=True)
class _Joints:
    """The distinct joints of one chain: curves, count (identical thoracic levels), load factor."""

    names: tuple[str, ...]
    curves: tuple[tuple[Curve, ...], ...]
    counts: tuple[int, ...]
    loads: tuple[Any, ...]

    def end_torque(self, tolerance: list[Any]) -> np.ndarray:
        """Transmitted torque (Nm, shape (n, 1)) at which the first joint reaches its tolerance."""
        ends = [_torque(c, t) / load for c, t, load in zip(self.curves, tolerance, self.loads, strict=True)]
        return np.min(np.concatenate(ends, axis=1), axis=1, keepdims=True)

    def angles_at(self, torque_nm: np.ndarray) -> list[np.ndarray]:
        """Each joint's angle (deg) at a transmitted torque (n, m)."""
        return [invert_curves(c, torque_nm * load) for c, load in zip(self.curves, self.loads, strict=True)]

    def total(self, angles: list[np.ndarray]) -> np.ndarray:
        return sum(count * a for count, a in zip(self.counts, angles, strict=True))

    def solve_total(self, end_nm: np.ndarray, total_deg: np.ndarray) -> tuple[np.ndarray, list[np.ndarray]]:
        """Transmitted torque (n, m) and joint angles at which the chain turns ``total_deg`` in all.

        ``end_nm`` (n, 1) bounds the torque (the chain turns at least ``total_deg`` there).
        """
        u = np.linspace(0.0, 1.0, _CHAIN_GRID)
        grid = end_nm * (np.sinh(_STRETCH * u) / np.sinh(_STRETCH))
        table = self.angles_at(grid)
        sums = self.total(table)
        torque, cell = _row_interp(total_deg, sums, grid)
        w_hi = (torque - np.take_along_axis(grid, cell - 1, axis=1)) / np.maximum(
            np.take_along_axis(grid, cell, axis=1) - np.take_along_axis(grid, cell - 1, axis=1), 1e-300
        )
        angles = [
            np.take_along_axis(a, cell - 1, axis=1) * (1.0 - w_hi)
            + np.take_along_axis(a, cell, axis=1) * w_hi
            for a in table
        ]
        # Newton on the whole chain: P_j(theta_j) = load_j T and sum(count_j theta_j) = total.
        for _ in range(_NEWTON_STEPS):
            residual = [
                _torque(c, a) - load * torque
                for c, a, load in zip(self.curves, angles, self.loads, strict=True)
            ]
            stiff = [_stiffness(c, a) for c, a in zip(self.curves, angles, strict=True)]
            gap = total_deg - self.total(angles)
            gap = gap + sum(n * r / k for n, r, k in zip(self.counts, residual, stiff, strict=True))
            give = sum(n * load / k for n, load, k in zip(self.counts, self.loads, stiff, strict=True))
            d_torque = gap / give
            angles = [
                np.maximum(a + (load * d_torque - r) / k, 0.0)
                for a, load, r, k in zip(angles, self.loads, residual, stiff, strict=True)
            ]
            torque = torque + d_torque
        return torque, angles


@dataclass
class Bodies:
    """``n`` bodies built from parameter arrays (see :func:`build_bodies`).

    Attributes
    ----------
    values : dict of str to ndarray, shape (n,)
        The parameter values, by name.
    possible : ndarray of bool, shape (n,)
        False for a body whose values give an impossible joint.
    curves : dict of str to tuple
        Each joint's curves (arrays of shape (n, 1)), by name.
    neutral_deg, limit_deg, tolerance_deg : dict of str to ndarray, shape (n, 1)
        Each joint's zone edges (deg).
    facet_curve : dict of str to tuple
        Each lumbar level's facet curve.
    lever_mm, disc_height_mm, disc_radius_mm : dict of str to ndarray, shape (n, 1)
        Each lumbar level's geometry.
    """

    values: dict[str, np.ndarray]
    possible: np.ndarray
    curves: dict[str, tuple[Curve, ...]] = field(default_factory=dict)
    neutral_deg: dict[str, np.ndarray] = field(default_factory=dict)
    limit_deg: dict[str, np.ndarray] = field(default_factory=dict)
    tolerance_deg: dict[str, np.ndarray] = field(default_factory=dict)
    facet_curve: dict[str, Curve] = field(default_factory=dict)
    lever_mm: dict[str, np.ndarray] = field(default_factory=dict)
    disc_height_mm: dict[str, np.ndarray] = field(default_factory=dict)
    disc_radius_mm: dict[str, np.ndarray] = field(default_factory=dict)

    @property
    def n(self) -> int:
        return int(self.possible.size)

    def take(self, index: np.ndarray) -> Bodies:
        """The bodies at ``index`` (an integer or boolean array), as a new :class:`Bodies`."""
        n = self.n

        def pick(item: Any) -> Any:
            if isinstance(item, np.ndarray) and item.ndim and item.shape[0] == n:
                return item[index]
            if isinstance(item, tuple):
                return tuple(pick(x) for x in item)
            if isinstance(item, dict):
                return {k: pick(v) for k, v in item.items()}
            return item

        return Bodies(**{name: pick(getattr(self, name)) for name in self.__dataclass_fields__})

    def angle_at(self, level: str, torque_nm: Any) -> np.ndarray:
        """Each body's angle (deg, shape (n,)) of one joint alone under ``torque_nm`` (>= 0): an isolated
        segment in a test rig, as the in vitro studies load it (no mobility scale, no bracing)."""
        torque = np.broadcast_to(np.asarray(torque_nm, dtype=float), (self.n,))[:, None]
        return invert_curves(self.curves[level], torque)[:, 0]

    def facet_force_at(self, level: str, torque_nm: Any) -> np.ndarray:
        """Each body's contralateral facet force (N, shape (n,)) of a lumbar level alone under a torque."""
        angle = self.angle_at(level, torque_nm)[:, None]
        facet_torque = curve_torque_nm(*self.facet_curve[level], angle)
        return facet_forces_n(facet_torque, self.lever_mm[level])[0][:, 0]

    def key(self, level: str) -> str:
        """Joints with the same key have identical curves in every body (T2-T7 share one range)."""
        return THORACIC_ROM_KEY.get(level, level)


def _series_torque_for_total(
    curves: list[tuple[Curve, ...]], counts: list[int], total_deg: np.ndarray
) -> np.ndarray:
    """Torque (n, 1) at which joints in series turn ``total_deg`` (n, 1) together (no load factors)."""
    # Any one joint alone turning the whole angle needs at least that torque: an upper bound.
    top = np.max(np.concatenate([_torque(c, total_deg) for c in curves], axis=1), axis=1, keepdims=True)
    chain = _Joints(tuple(map(str, range(len(curves)))), tuple(curves), tuple(counts), (1.0,) * len(curves))
    torque, _ = chain.solve_total(top, total_deg)
    return torque


def build_bodies(values: dict[str, np.ndarray]) -> Bodies:
    """The joints of ``n`` bodies from parameter arrays (each of shape (n,)), as in ``build_joints``.

    Bodies whose values give an impossible joint are marked in ``possible`` (their
    joints hold numbers that must not be used); bounds and constraints are the
    caller's to check (:func:`spinemodel.anatomy.check_values` for one body).
    """
    p = {name: np.asarray(v, dtype=float)[:, None] for name, v in values.items()}
    n = next(iter(p.values())).shape[0]
    bodies = Bodies(
        values={k: np.asarray(v, dtype=float) for k, v in values.items()}, possible=np.ones(n, bool)
    )
    ok = np.ones((n, 1), bool)
    for level in LUMBAR_LEVELS:
        ok &= np.all([k > 0 for k in lumbar_slopes(p, level)[1:]], axis=0)
    if not ok.all():
        # Negative slopes would make curves that never carry a torque: such bodies are built
        # with the default values instead (and stay marked impossible).
        defaults = default_values()
        p = {name: np.where(ok, column, defaults[name]) for name, column in p.items()}
    s = p["spine_smooth_deg"]
    for level in LUMBAR_LEVELS:
        k_nz, k_d, k_f, k_b = lumbar_slopes(p, level)
        nz, rom = p[f"neutral_zone_{level}_deg"], p[f"limit_{level}_deg"]
        facets: Curve = ((0.0, k_f, k_b), (nz, rom), s)
        bodies.curves[level] = (((k_nz, k_d), (nz,), s), facets)
        bodies.facet_curve[level] = facets
        bodies.neutral_deg[level], bodies.limit_deg[level] = nz, rom
        bodies.tolerance_deg[level] = p["lumbar_tolerance_deg"]
        bodies.lever_mm[level] = lever_arm_mm(p, level)
        bodies.disc_height_mm[level] = p[f"disc_height_{level}_mm"]
        bodies.disc_radius_mm[level] = p[f"disc_depth_{level}_mm"] / 2.0
    # Thoracic levels: their tolerance is each level's angle where the levels together reach the maximum.
    keys = list(dict.fromkeys(THORACIC_ROM_KEY[lv] for lv in THORACIC_LEVELS))
    first = {key: next(lv for lv in THORACIC_LEVELS if THORACIC_ROM_KEY[lv] == key) for key in keys}
    parts = {key: thoracic_slopes(p, first[key]) for key in keys}
    curves = {
        key: (((k_nz, k_el), (nz,), p["thoracic_smooth_deg"]),) for key, (k_nz, k_el, nz, _) in parts.items()
    }
    counts = [sum(THORACIC_ROM_KEY[lv] == key for lv in THORACIC_LEVELS) for key in keys]
    torque_t = _series_torque_for_total([curves[k] for k in keys], counts, p["thoracic_max_deg"])
    for level in THORACIC_LEVELS:
        key = THORACIC_ROM_KEY[level]
        _, _, nz, rom = parts[key]
        tolerance = invert_curves(curves[key], torque_t)
        ok &= tolerance > nz
        bodies.curves[level] = curves[key]
        bodies.neutral_deg[level] = nz
        bodies.limit_deg[level] = np.minimum(rom, tolerance)
        bodies.tolerance_deg[level] = tolerance
    # The pelvis: the torque at which the spine turns the measured ratio of the pelvis's range.
    spine_curves = [bodies.curves[lv] for lv in LUMBAR_LEVELS] + [curves[k] for k in keys]
    ranges = pelvis_ranges(p)
    target = p["standing_spine_pelvis_ratio"] * (ranges["hips"][0] + ranges["legs"][0])
    end = _series_torque_for_total(spine_curves, [1] * len(LUMBAR_LEVELS) + counts, target)
    k0, k1, sh = p["slack_stiffness_nm_per_deg"], p["hip_capsule_stiffness_nm_per_deg"], p["hip_smooth_deg"]
    for name, (inner, outer) in ranges.items():
        band, can = pair_slack_band(p, inner, outer, end)
        ok &= can
        bodies.curves[name] = (
            ((k0, k1), (inner - band,), sh),
            ((k0, k1), (np.maximum(outer - band, 1e-3),), sh),
        )
        bodies.neutral_deg[name] = inner - band
        bodies.limit_deg[name] = inner
        bodies.tolerance_deg[name] = inner
    ok &= np.isfinite(end)
    bodies.possible = ok[:, 0]
    return bodies


@dataclass
class BodyPoses:
    """Every output of :class:`~spinemodel.model.Pose` for ``n`` bodies: arrays of shape (n, *drive).

    ``reached`` is False where a body cannot take the pose (the drive is beyond its
    envelope); every output is NaN there (``zone``: ``"unreachable"``).
    """

    total_deg: np.ndarray
    torque_nm: np.ndarray
    levels_deg: dict[str, np.ndarray]
    regions_deg: dict[str, np.ndarray]
    facet_force_n: dict[str, dict[str, np.ndarray]]
    annulus_strain_pct: dict[str, np.ndarray]
    disc_torque_nm: dict[str, np.ndarray]
    zone: dict[str, np.ndarray]
    lumbar_cap_deg: np.ndarray
    limits_deg: dict[str, np.ndarray]
    tolerances_deg: dict[str, np.ndarray]
    reached: np.ndarray
    reachable_deg: np.ndarray
    reachable_torque_nm: np.ndarray


def _factors(bodies: Bodies, config: ChainConfig) -> dict[str, tuple[Any, Any]]:
    """Per joint ``(angle_scale, torque_factor)`` (arrays (n, 1) where they vary), as ``joint_factors``."""
    v = {k: a[:, None] for k, a in bodies.values.items()}
    legs = v["knee_flexed_internal_rotation_deg"] / v["knee_internal_rotation_deg"]
    brace = 1.0 + config.lumbar_bracing * v["bracing_stiffness_gain"]
    out: dict[str, tuple[Any, Any]] = {
        "legs": (legs if config.knees_flexed else 1.0, 1.0),
        "hips": (config.hip_mobility, 1.0),
    }
    out.update({lv: (1.0, 1.0 / brace) for lv in LUMBAR_LEVELS})
    out.update({lv: (config.thoracic_mobility, 1.0) for lv in THORACIC_LEVELS})
    return out


def _chain(bodies: Bodies, levels: list[str], factors: dict) -> _Joints:
    """The distinct joints of ``levels`` (thoracic levels sharing a range are one joint, counted)."""
    order: dict[str, list[str]] = {}
    for level in levels:
        order.setdefault(bodies.key(level), []).append(level)
    names = tuple(group[0] for group in order.values())
    return _Joints(
        names=names,
        curves=tuple(_scaled(bodies.curves[lv], factors[lv][0]) for lv in names),
        counts=tuple(len(group) for group in order.values()),
        loads=tuple(factors[lv][1] for lv in names),
    )


def _expand(
    chain: _Joints, angles: list[np.ndarray], levels: list[str], bodies: Bodies
) -> dict[str, np.ndarray]:
    by_key = {bodies.key(name): a for name, a in zip(chain.names, angles, strict=True)}
    return {lv: by_key[bodies.key(lv)] for lv in levels}


def solve_bodies(
    bodies: Bodies,
    config: ChainConfig,
    *,
    total_deg: np.ndarray | None = None,
    torque_nm: np.ndarray | None = None,
    share: np.ndarray | None = None,
) -> BodyPoses:
    """Solve ``n`` bodies for one drive each (arrays of shape (n, m), or None for the reach).

    Give ``total_deg`` (deg) or ``torque_nm`` (Nm) as magnitudes of shape (n, m), or
    neither: each body turns as far as it can (its reach). ``share`` (n, 1) is the
    pelvis's share of the total in a hip-led turn (``athlete_pelvis_share``).
    Signs are the caller's; outputs are magnitudes.
    """
    n = bodies.n
    f = _factors(bodies, config)
    taking_part = [lv for lv in LEVELS if not (config.pelvis == "fixed" and lv in LOWER_LIMB_JOINTS)]
    spine = [lv for lv in taking_part if lv not in LOWER_LIMB_JOINTS]
    pelvis = [lv for lv in taking_part if lv in LOWER_LIMB_JOINTS]
    scale = {lv: f[lv][0] for lv in LEVELS}

    def tolerances(chain: _Joints) -> list[Any]:
        return [bodies.tolerance_deg[lv] * scale[lv] for lv in chain.names]

    def bounded(chain: _Joints) -> np.ndarray:
        keep = [i for i, lv in enumerate(chain.names) if lv not in LUMBAR_LEVELS]
        part = _Joints(
            *(tuple(getattr(chain, a)[i] for i in keep) for a in ("names", "curves", "counts", "loads"))
        )
        return part.end_torque(tolerances(part))

    levels: dict[str, np.ndarray] = {}
    if not config.hip_led or not pelvis:
        chain = _chain(bodies, taking_part, f)
        end = bounded(chain)
        reach = chain.total(chain.angles_at(end))
        if torque_nm is not None:
            reached = torque_nm <= end * (1.0 + 1e-12)
            torque = np.minimum(torque_nm, end)
            angles = chain.angles_at(torque)
        else:
            total = reach if total_deg is None else total_deg
            reached = total <= reach * (1.0 + 1e-12)
            torque, angles = chain.solve_total(end, np.minimum(total, reach))
        levels.update(_expand(chain, angles, taking_part, bodies))
        end_torque = end
    else:
        s = share
        spine_chain, pelvis_chain = _chain(bodies, spine, f), _chain(bodies, pelvis, f)
        spine_end = bounded(spine_chain)
        pelvis_end = pelvis_chain.end_torque(tolerances(pelvis_chain))
        spine_reach = spine_chain.total(spine_chain.angles_at(spine_end))
        pelvis_reach = pelvis_chain.total(pelvis_chain.angles_at(pelvis_end))
        reach = np.minimum(spine_reach / (1.0 - s), pelvis_reach / s)
        spine_top = (1.0 - s) * reach
        end_torque, _ = spine_chain.solve_total(spine_end, spine_top)
        if torque_nm is not None:
            reached = torque_nm <= end_torque * (1.0 + 1e-12)
            torque = np.minimum(torque_nm, end_torque)
            angles = spine_chain.angles_at(torque)
            total = spine_chain.total(angles) / (1.0 - s)
        else:
            total = reach if total_deg is None else total_deg
            reached = total <= reach * (1.0 + 1e-12)
            total = np.minimum(total, reach)
            torque, angles = spine_chain.solve_total(spine_end, (1.0 - s) * total)
        levels.update(_expand(spine_chain, angles, spine, bodies))
        _, pelvis_angles = pelvis_chain.solve_total(pelvis_end, s * total)
        levels.update(_expand(pelvis_chain, pelvis_angles, pelvis, bodies))
    shape = torque.shape
    reached = reached & bodies.possible[:, None]
    nan = np.where(reached, 1.0, np.nan)
    zero = np.zeros(shape)
    raw = {lv: levels.get(lv, zero) for lv in LEVELS}
    levels = {lv: raw[lv] * nan for lv in LEVELS}
    regions = {
        "legs": levels["legs"],
        "hips": levels["hips"],
        "lumbar": sum(levels[lv] for lv in LUMBAR_LEVELS),
        "thoracic": sum(levels[lv] for lv in THORACIC_LEVELS),
    }
    regions["pelvis"] = regions["legs"] + regions["hips"]
    regions["total"] = regions["pelvis"] + regions["lumbar"] + regions["thoracic"]
    torque = torque * nan
    facet, strain, disc = {}, {}, {}
    for level in LUMBAR_LEVELS:
        facet_torque = curve_torque_nm(*bodies.facet_curve[level], raw[level]) * nan
        contra, ipsi = facet_forces_n(facet_torque, bodies.lever_mm[level])
        facet[level] = {"contralateral": contra, "ipsilateral": ipsi}
        strain[level] = annulus_shear_strain_pct(
            levels[level], bodies.disc_radius_mm[level], bodies.disc_height_mm[level]
        )
        disc[level] = np.maximum(torque * f[level][1] - facet_torque, 0.0)
    zones = {}
    for lv in LEVELS:
        zone = zone_of(
            levels[lv],
            bodies.neutral_deg[lv] * scale[lv],
            bodies.limit_deg[lv] * scale[lv],
            bodies.tolerance_deg[lv] * scale[lv],
        ).astype(object)
        zone[~reached] = "unreachable"
        zones[lv] = zone
    col = lambda a: np.broadcast_to(np.asarray(a, dtype=float), (n, 1))[:, 0].copy()  # noqa: E731
    return BodyPoses(
        total_deg=regions["total"],
        torque_nm=torque,
        levels_deg=levels,
        regions_deg=regions,
        facet_force_n=facet,
        annulus_strain_pct=strain,
        disc_torque_nm=disc,
        zone=zones,
        lumbar_cap_deg=col(sum(bodies.limit_deg[lv] for lv in LUMBAR_LEVELS)),
        limits_deg={lv: col(bodies.limit_deg[lv] * scale[lv]) for lv in LEVELS},
        tolerances_deg={lv: col(bodies.tolerance_deg[lv] * scale[lv]) for lv in LEVELS},
        reached=reached,
        reachable_deg=col(reach),
        reachable_torque_nm=col(end_torque),
    )
