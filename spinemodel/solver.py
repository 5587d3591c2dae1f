"""The chain in series: equal torque in every joint, angles adding up to the total.

For one set of conditions (pelvis free or fixed, mobility scales, bracing, drives)
the chain is tabulated once on a dense grid of transmitted torque ``T``: every
joint's angle ``theta_j(T)`` (each curve inverted exactly by Newton's method),
their sum ``Theta(T)`` and the sum of each region. A pose is then a table look-up:
both ``T`` and ``Theta`` are strictly increasing along the grid, so a binary search
finds the cell (:meth:`ChainTable.locate_torque`, :meth:`ChainTable.locate_total`),
and any column is read at that cell on demand (:meth:`ChainTable.interpolate`).

Inside a cell all columns are interpolated with the *same* weight, so the joint
angles add up to the total to rounding error and the torque is the same in every
joint by construction. The grid is dense enough that the interpolated angles
differ from the exact curves by less than 1e-4 deg (tested).

The muscles enter as torque factors on each joint's passive curve: a joint whose
muscles help the turn (an active hip or upper-back drive, gain ``g``) has its
passive tissues loaded by ``g * T``; a braced lumbar level has its stiffness
multiplied by ``1 + gain * bracing``, its tissues loaded by ``T / (1 + ...)``.

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

from .anatomy import LEVELS, LUMBAR_LEVELS, Joint
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
    """The conditions that shape the chain (everything except the drive itself)."""

    pelvis: str = "free"
    hip_mobility: float = 1.0
    thoracic_mobility: float = 1.0
    lumbar_bracing: float = 0.0
    hip_drive: float = 0.0
    thoracic_drive: float = 0.0


def joint_factors(config: ChainConfig, values: dict[str, float]) -> dict[str, tuple[float, float]]:
    """Per joint ``(angle_scale, torque_factor)``: mobility, and how much of the
    transmitted torque loads the joint's passive tissues."""
    hip_gain = 1.0 + config.hip_drive * (values["hip_drive_gain"] - 1.0)
    thor_gain = 1.0 + config.thoracic_drive * (values["thoracic_drive_gain"] - 1.0)
    brace = 1.0 + config.lumbar_bracing * values["bracing_stiffness_gain"]
    factors = {"hips": (config.hip_mobility, hip_gain)}
    for level in LEVELS[1:]:
        if level in LUMBAR_LEVELS:
            factors[level] = (1.0, 1.0 / brace)
        else:
            factors[level] = (config.thoracic_mobility, thor_gain)
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


def _takes_part(joint: Joint, config: ChainConfig) -> bool:
    """Whether a joint turns under ``config`` (with the pelvis fixed, the hips do not)."""
    return not (config.pelvis == "fixed" and joint.region == "hips")


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
    for _ in range(8):  # Newton polish on a smooth, strictly increasing curve
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
        Transmitted torque grid (Nm), 0 to ``max_torque_nm``.
    angles_deg : ndarray, shape (len(LEVELS), K)
        Joint angles (deg) in the order of :data:`~spinemodel.anatomy.LEVELS` (zero for
        joints that take no part, as the hips with the pelvis fixed).
    total_deg : ndarray, shape (K,)
        Sum of the joint angles (deg).
    facet_torque_nm : ndarray, shape (len(LUMBAR_LEVELS), K)
        Torque carried by the facets of each lumbar level (Nm; tissue share, after bracing).
    max_torque_nm : float
        Largest torque of the grid (Nm).
    regions_deg : dict of str to ndarray, shape (K,)
        Sum of the joint angles of each region (deg), by region name, then ``total``.
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
        """Largest total rotation reachable under the largest torque the model allows (deg)."""
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


def build_table(joints: dict[str, Joint], values: dict[str, float], config: ChainConfig) -> ChainTable:
    """Tabulate the chain for ``config`` (a few milliseconds)."""
    max_torque = values["max_torque_nm"]
    torque = _torque_grid(max_torque)
    factors = joint_factors(config, values)
    angles = np.zeros((len(LEVELS), torque.size))
    facet = np.zeros((len(LUMBAR_LEVELS), torque.size))
    solved: dict[tuple, np.ndarray] = {}  # identical levels (T2-T7, ...) are solved once
    for row, level in enumerate(LEVELS):
        joint = joints[level]
        if not _takes_part(joint, config):
            continue
        scale, factor = factors[level]
        components = tuple(c.scaled(angle_scale=scale) for c in joint.components.values())
        key = (components, factor)
        if key not in solved:
            solved[key] = invert_joint(list(components), torque * factor)
        angles[row] = solved[key]
        if level in LUMBAR_LEVELS:
            facet[LUMBAR_LEVELS.index(level)] = component_torque_nm(joint.components["facets"], angles[row])
    total = angles.sum(axis=0)
    rows = {level: row for row, level in enumerate(LEVELS)}
    regions = {}
    for name, levels in region_levels(joints).items():
        column = angles[rows[levels[0]]].copy()
        for level in levels[1:]:
            column += angles[rows[level]]
        regions[name] = column
    regions["total"] = total
    return ChainTable(config, torque, angles, total, facet, max_torque, regions, factors)


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
