"""The chain in series: equal torque in every joint, angles adding up to the total.

For one set of conditions (pelvis free or fixed, mobility scales, bracing, strategy)
the chain is tabulated once on a dense grid of transmitted torque ``T``, from no
torque to the *envelope*, where the first joint other than a lumbar level reaches
its tolerance (its anatomical range or in vivo maximum): every
joint's angle ``theta_j(T)`` (each curve inverted exactly by Newton's method),
their sum ``Theta(T)`` and the sum of each region. A pose is then a table look-up:
both ``T`` and ``Theta`` are strictly increasing along the grid, so a binary search
finds the cell (:meth:`ChainTable.locate_torque`, :meth:`ChainTable.locate_total`),
and any column is read at that cell on demand (:meth:`ChainTable.interpolate`).

Inside a cell all columns are interpolated with the *same* weight, so the joint
angles add up to the total to rounding error and the torque is the same in every
joint by construction. The grid is dense enough that the interpolated angles
differ from the exact curves by less than 1e-4 deg (tested).

The muscles enter in two measured ways. A braced lumbar level has its stiffness
multiplied by ``1 + gain * bracing``, its tissues loaded by ``T / (1 + ...)``. In a
hip-led turn the hip muscles turn the pelvis (legs and hips) by the share of the
total that trained golfers' pelvis takes; the grid is then the spine's torque, and
the legs and hips share the pelvis turn in series under their own torque.

Tables are cached per configuration by :class:`TableCache`, which is safe to share
between threads.
"""

from __future__ import annotations

import threading
from array import array
from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .anatomy import LEVELS, LOWER_LIMB_JOINTS, LUMBAR_LEVELS, THORACIC_LEVELS, Joint
from .mechanics import Component, component_stiffness_nm_per_deg, component_torque_nm

__all__ = [
    "ChainConfig",
    "ChainTable",
    "TableCache",
    "build_table",
    "invert_joint",
    "joint_factors",
    "region_levels",
]

_GRID_POINTS = 4096
_GRID_STRETCH = 7.0  # sinh mapping: the grid is dense near zero torque where curves bend most


@dataclass(frozen=True)
class ChainConfig:
    """The conditions that shape the chain (everything except the drive itself).

    Attributes
    ----------
    pelvis : {"free", "fixed"}
        ``fixed`` holds the pelvis: the legs and hips take no part.
    hip_mobility, thoracic_mobility : float
        Angle scales of the hips' and the thoracic levels' curves and ranges.
    lumbar_bracing : float
        0 to 1: the lumbar levels' stiffness rises by ``bracing_stiffness_gain`` times this.
    hip_led : bool
        The pelvis (legs and hips) turns by ``athlete_pelvis_share`` of the total.
    knees_flexed : bool
        The legs' curve and range are scaled by the flexed over the straight knee range.
    """

    pelvis: str = "free"
    hip_mobility: float = 1.0
    thoracic_mobility: float = 1.0
    lumbar_bracing: float = 0.0
    hip_led: bool = False
    knees_flexed: bool = False


def joint_factors(config: ChainConfig, values: dict[str, float]) -> dict[str, tuple[float, float]]:
    """Per joint ``(angle_scale, torque_factor)``: the mobility or stance scale of its
    angles, and the share of the transmitted torque its passive tissues carry."""
    legs = values["knee_flexed_internal_rotation_deg"] / values["knee_internal_rotation_deg"]
    brace = 1.0 + config.lumbar_bracing * values["bracing_stiffness_gain"]
    factors = {"legs": (legs if config.knees_flexed else 1.0, 1.0), "hips": (config.hip_mobility, 1.0)}
    for level in LUMBAR_LEVELS:
        factors[level] = (1.0, 1.0 / brace)
    for level in THORACIC_LEVELS:
        factors[level] = (config.thoracic_mobility, 1.0)
    return factors


def region_levels(joints: dict[str, Joint]) -> dict[str, tuple[str, ...]]:
    """The levels of each region, by ``Joint.region``, in the order of :data:`~spinemodel.anatomy.LEVELS`.

    Regions come in the order their first joint appears in the chain; their sums are
    the table's region columns (and the keys of ``Pose.regions_deg`` besides ``total``).
    """
    regions: dict[str, list[str]] = {}
    for level in LEVELS:
        regions.setdefault(joints[level].region, []).append(level)
    return {name: tuple(levels) for name, levels in regions.items()}


def _joint_torque(components: list[Component], angle: np.ndarray) -> np.ndarray:
    return sum(component_torque_nm(c, angle) for c in components)


def _joint_stiffness(components: list[Component], angle: np.ndarray) -> np.ndarray:
    return sum(component_stiffness_nm_per_deg(c, angle) for c in components)


def invert_joint(components: list[Component], torque_nm: np.ndarray) -> np.ndarray:
    """Angle (deg) at which the joint's passive curve carries ``torque_nm`` (>= 0)."""
    torque_nm = np.asarray(torque_nm, dtype=float)
    top = float(torque_nm.max(initial=0.0))
    hi = 1.0
    while _joint_torque(components, np.array(hi)) < top:
        hi *= 2.0
    grid = np.linspace(0.0, hi, 2049)
    curve = _joint_torque(components, grid)
    angle = np.interp(torque_nm, curve, grid)
    for _ in range(4):  # Newton polish on a smooth, strictly increasing curve (quadratic: 4 steps suffice)
        residual = _joint_torque(components, angle) - torque_nm
        angle = np.maximum(angle - residual / _joint_stiffness(components, angle), 0.0)
    return angle


def _locate(grid: np.ndarray, grid_list: Sequence[float], magnitude: Any) -> tuple[Any, Any]:
    """Cell index and weight of ``magnitude`` (>= 0) on an increasing grid.

    A Python float gives a Python ``int`` and ``float`` (binary search on ``grid_list``,
    a copy of ``grid`` as an ``array.array``, no numpy call); an array gives an index
    array and a weight array of its shape. Both find the same cell and compute the weight
    with the same floating-point operations.
    """
    last = len(grid_list) - 2
    if type(magnitude) is float:
        index = bisect_right(grid_list, magnitude) - 1
        index = 0 if index < 0 else last if index > last else index
        g0 = grid_list[index]
        return index, (magnitude - g0) / (grid_list[index + 1] - g0)
    index = np.searchsorted(grid, magnitude, side="right")
    index -= 1
    np.clip(index, 0, last, out=index)
    g0 = grid.take(index)
    span = grid[1:].take(index)
    span -= g0
    weight = np.subtract(magnitude, g0, out=g0)
    weight /= span
    return index, weight


@dataclass(frozen=True)
class ChainTable:
    """A tabulated chain: torques, joint angles, region sums and lumbar facet torques on one grid.

    Attributes
    ----------
    config : ChainConfig
        The conditions the table was built for.
    torque_nm : ndarray, shape (K,)
        Transmitted torque grid (Nm), 0 to ``max_torque_nm`` (the spine's torque in a
        hip-led turn).
    angles_deg : ndarray, shape (len(LEVELS), K)
        Joint angles (deg) in the order of :data:`~spinemodel.anatomy.LEVELS` (zero for
        joints that take no part, as the hips with the pelvis fixed).
    total_deg : ndarray, shape (K,)
        Sum of the joint angles (deg).
    facet_torque_nm : ndarray, shape (len(LUMBAR_LEVELS), K)
        Torque carried by the facets of each lumbar level (Nm; tissue share, after bracing).
    max_torque_nm : float
        Largest torque of the grid (Nm): the torque at the envelope, where the first
        joint other than a lumbar level reaches its tolerance.
    regions_deg : dict of str to ndarray, shape (K,)
        Sum of the joint angles of each region (deg), by region name, then ``pelvis``
        (legs + hips) and ``total``.
    factors : dict of str to (float, float)
        Per joint, the ``(angle_scale, torque_factor)`` the table was built with
        (:func:`joint_factors`).
    """

    config: ChainConfig
    torque_nm: np.ndarray
    angles_deg: np.ndarray
    total_deg: np.ndarray
    facet_torque_nm: np.ndarray
    max_torque_nm: float
    regions_deg: dict[str, np.ndarray] = field(default_factory=dict)
    factors: dict[str, tuple[float, float]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Copies for the scalar look-up: bisect on an array.array is ~5 times faster than numpy
        # on one value, and takes 8 bytes per grid point (a list would take 32).
        object.__setattr__(self, "_torque_list", array("d", self.torque_nm))
        object.__setattr__(self, "_total_list", array("d", self.total_deg))

    @property
    def max_total_deg(self) -> float:
        """Largest total rotation (deg) the body can reach under these conditions: the envelope."""
        return float(self.total_deg[-1])

    def locate_total(self, magnitude_deg: Any) -> tuple[Any, Any]:
        """Cell ``(index, weight)`` of total rotations (deg, magnitudes, already validated).

        Parameters
        ----------
        magnitude_deg : float or ndarray
            ``|total|`` (deg). A Python float gives a Python int and float.

        Returns
        -------
        index : int or ndarray of intp
            Grid cell, ``0 <= index < K - 1``.
        weight : float or ndarray
            Position inside the cell, 0 at ``index`` and 1 at ``index + 1``.
        """
        return _locate(self.total_deg, self._total_list, magnitude_deg)

    def locate_torque(self, magnitude_nm: Any) -> tuple[Any, Any]:
        """Cell ``(index, weight)`` of transmitted torques (Nm, magnitudes, already validated);
        as :meth:`locate_total`."""
        return _locate(self.torque_nm, self._torque_list, magnitude_nm)

    @staticmethod
    def interpolate(column: np.ndarray, index: Any, weight: Any) -> Any:
        """A column of the table (shape (K,)) read at cells from :meth:`locate_total` or
        :meth:`locate_torque`: ``column[i] * (1 - w) + column[i + 1] * w``.

        Returns a numpy float for a scalar cell, else a new array shaped like ``index``.
        """
        if type(index) is int:
            return column[index] * (1.0 - weight) + column[index + 1] * weight
        low = column.take(index)
        low *= 1.0 - weight
        high = column[1:].take(index)
        high *= weight
        low += high
        return low


def _torque_grid(max_torque_nm: float) -> np.ndarray:
    u = np.linspace(0.0, 1.0, _GRID_POINTS + 1)
    grid = max_torque_nm * np.sinh(_GRID_STRETCH * u) / np.sinh(_GRID_STRETCH)
    grid[-1] = max_torque_nm
    return grid


def _takes_part(joint: Joint, config: ChainConfig) -> bool:
    """Whether a joint turns under ``config`` (with the pelvis fixed, the legs and hips do not)."""
    return not (config.pelvis == "fixed" and joint.region in LOWER_LIMB_JOINTS)


def _scaled(joint: Joint, scale: float) -> tuple[Component, ...]:
    return tuple(c.scaled(angle_scale=scale) for c in joint.components.values())


def _end_torque_nm(joint: Joint, factor: tuple[float, float]) -> float:
    """Transmitted torque (Nm) at which a joint reaches its (scaled) tolerance."""
    scale, load = factor
    return float(_joint_torque(list(_scaled(joint, scale)), np.array(joint.tolerance_deg * scale))) / load


def _angles(joints: dict[str, Joint], factors: dict, levels: list[str], torque: np.ndarray) -> dict:
    """Each joint's angle (deg) at the transmitted torques (identical joints solved once)."""
    solved: dict[tuple, np.ndarray] = {}
    out = {}
    for level in levels:
        scale, load = factors[level]
        components = _scaled(joints[level], scale)
        key = (components, load)
        if key not in solved:
            solved[key] = invert_joint(list(components), torque * load)
        out[level] = solved[key]
    return out


def build_table(joints: dict[str, Joint], values: dict[str, float], config: ChainConfig) -> ChainTable:
    """Tabulate the chain for ``config``, from no torque to the envelope (tens of milliseconds).

    The envelope ends where the first joint other than a lumbar level reaches its
    tolerance (its anatomical range or in vivo maximum): no pose beyond it is a
    pose a living body can take. In a hip-led turn the grid is the spine's torque;
    the pelvis turns by its share of the total, the legs and hips sharing it in
    series under their own torque.
    """
    factors = joint_factors(config, values)
    taking_part = [lv for lv in LEVELS if _takes_part(joints[lv], config)]
    spine = [lv for lv in taking_part if lv not in LOWER_LIMB_JOINTS]
    pelvis = [lv for lv in taking_part if lv in LOWER_LIMB_JOINTS]
    bounded = lambda levels: [lv for lv in levels if joints[lv].region != "lumbar"]  # noqa: E731
    if not config.hip_led or not pelvis:
        end = min(_end_torque_nm(joints[lv], factors[lv]) for lv in bounded(taking_part))
        torque = _torque_grid(end)
        angle = _angles(joints, factors, taking_part, torque)
    else:
        share = values["athlete_pelvis_share"]
        spine_end = min(_end_torque_nm(joints[lv], factors[lv]) for lv in bounded(spine))
        pelvis_end = min(_end_torque_nm(joints[lv], factors[lv]) for lv in pelvis)
        pelvis_torque = _torque_grid(pelvis_end)
        pelvis_angle = _angles(joints, factors, pelvis, pelvis_torque)
        pelvis_total = sum(pelvis_angle.values())
        # The spine's torque at which the pelvis share reaches the pelvis's reach.
        probe = _torque_grid(spine_end)
        angle = _angles(joints, factors, spine, probe)
        spine_total = sum(angle.values())
        limit = pelvis_total[-1] * (1.0 - share) / share
        end, torque = spine_end, probe
        if spine_total[-1] > limit:  # the pelvis ends the turn first: tabulate up to there
            end = float(np.interp(limit, spine_total, probe))
            torque = _torque_grid(end)
            angle = _angles(joints, factors, spine, torque)
        wanted = sum(angle.values()) * share / (1.0 - share)
        inner = np.interp(wanted, pelvis_total, pelvis_torque)
        angle.update(_angles(joints, factors, pelvis, inner))
    angles = np.zeros((len(LEVELS), torque.size))
    facet = np.zeros((len(LUMBAR_LEVELS), torque.size))
    for row, level in enumerate(LEVELS):
        if level in angle:
            angles[row] = angle[level]
        if level in LUMBAR_LEVELS and level in angle:
            facet[LUMBAR_LEVELS.index(level)] = component_torque_nm(
                joints[level].components["facets"], angles[row]
            )
    total = angles.sum(axis=0)
    rows = {level: row for row, level in enumerate(LEVELS)}
    regions = {}
    for name, levels in region_levels(joints).items():
        column = angles[rows[levels[0]]].copy()
        for level in levels[1:]:
            column += angles[rows[level]]
        regions[name] = column
    regions["pelvis"] = regions["legs"] + regions["hips"]
    regions["total"] = total
    return ChainTable(config, torque, angles, total, facet, end, regions, factors)


class TableCache:
    """Tables per configuration for one model, least recently used dropped first.

    Safe to share between threads: the bookkeeping is done under a lock, a missing
    table is built outside it (two threads may build the same table at once; both
    get the one stored first).
    """

    def __init__(self, joints: dict[str, Joint], values: dict[str, float], size: int = 64) -> None:
        self._joints = joints
        self._values = values
        self._size = size
        self._tables: OrderedDict[ChainConfig, ChainTable] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._tables)

    def get(self, config: ChainConfig) -> ChainTable:
        """The table for ``config``, built on first use."""
        with self._lock:
            table = self._tables.get(config)
            if table is not None:
                self._tables.move_to_end(config)
                return table
        table = build_table(self._joints, self._values, config)
        with self._lock:
            stored = self._tables.setdefault(config, table)
            self._tables.move_to_end(config)
            while len(self._tables) > self._size:
                self._tables.popitem(last=False)
        return stored
