"""The chain in series: equal torque in every joint, angles adding up to the total.

For one set of conditions (pelvis free or fixed, mobility scales, bracing, drives)
the chain is tabulated once on a dense grid of transmitted torque ``T``: every
joint's angle ``theta_j(T)`` (each curve inverted exactly by Newton's method) and
their sum ``Theta(T)``. A pose is then a table look-up:

- torque-driven: the grid index follows from ``T`` in closed form;
- angle-driven: ``Theta`` is strictly increasing, so a binary search finds the cell.

Inside a cell all columns are interpolated with the *same* weight, so the joint
angles add up to the total to rounding error and the torque is the same in every
joint by construction. The grid is dense enough that the interpolated angles
differ from the exact curves by less than 1e-4 deg (tested).

Tables are cached per configuration by :class:`TableCache`, which is safe to share
between threads.

The muscles enter as torque factors on each joint's passive curve: a joint whose
muscles help the turn (an active hip or upper-back drive, gain ``g``) has its
passive tissues loaded by ``g * T``; a braced lumbar level has its stiffness
multiplied by ``1 + gain * bracing``, its tissues loaded by ``T / (1 + ...)``.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np

from .anatomy import LEVELS, LUMBAR_LEVELS, Joint
from .mechanics import Component, component_stiffness_nm_per_deg, component_torque_nm

__all__ = ["ChainConfig", "ChainTable", "TableCache", "build_table", "invert_joint", "joint_factors"]

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


@dataclass(frozen=True)
class ChainTable:
    """A tabulated chain: torques, joint angles and lumbar facet torques on one grid.

    Attributes
    ----------
    torque_nm : ndarray, shape (K,)
        Transmitted torque grid, 0 to ``max_torque_nm``.
    angles_deg : ndarray, shape (18, K)
        Joint angles in the order of :data:`~spinemodel.anatomy.LEVELS` (hips zero when fixed).
    total_deg : ndarray, shape (K,)
        Sum of the joint angles.
    facet_torque_nm : ndarray, shape (5, K)
        Torque carried by the facets of each lumbar level (tissue share, after bracing).
    """

    config: ChainConfig
    torque_nm: np.ndarray
    angles_deg: np.ndarray
    total_deg: np.ndarray
    facet_torque_nm: np.ndarray
    max_torque_nm: float

    @property
    def max_total_deg(self) -> float:
        """Largest total rotation reachable under the largest torque the model allows."""
        return float(self.total_deg[-1])

    def _interpolate(
        self, index: np.ndarray, weight: np.ndarray, sign: np.ndarray, torque: np.ndarray | None = None
    ) -> dict:
        lo, hi = index, index + 1
        w1 = weight
        w0 = 1.0 - weight
        angles = {}
        for row, level in enumerate(LEVELS):
            column = self.angles_deg[row]
            angles[level] = sign * (column[lo] * w0 + column[hi] * w1)
        facet = {}
        for row, level in enumerate(LUMBAR_LEVELS):
            column = self.facet_torque_nm[row]
            facet[level] = column[lo] * w0 + column[hi] * w1
        if torque is None:  # angle-driven: the torque is interpolated like every column
            torque = sign * (self.torque_nm[lo] * w0 + self.torque_nm[hi] * w1)
        return {"levels_deg": angles, "facet_torque_nm": facet, "torque_nm": torque}

    def from_torque(self, torque_nm: np.ndarray) -> dict:
        """Interpolate the chain at transmitted torques (Nm, already validated)."""
        magnitude = np.abs(torque_nm)
        k = self.torque_nm.size - 1
        u = np.arcsinh(magnitude / self.max_torque_nm * np.sinh(_GRID_STRETCH)) / _GRID_STRETCH * k
        index = np.minimum(u.astype(np.intp), k - 1)
        t0 = self.torque_nm[index]
        weight = (magnitude - t0) / (self.torque_nm[index + 1] - t0)
        # The given torque is exact: pass it through rather than interpolate it back.
        return self._interpolate(index, weight, np.sign(torque_nm), torque=np.array(torque_nm, dtype=float))

    def from_total(self, total_deg: np.ndarray) -> dict:
        """Interpolate the chain at total rotations (deg, already validated)."""
        magnitude = np.abs(total_deg)
        index = np.searchsorted(self.total_deg, magnitude, side="right") - 1
        index = np.clip(index, 0, self.total_deg.size - 2)
        a0 = self.total_deg[index]
        weight = (magnitude - a0) / (self.total_deg[index + 1] - a0)
        return self._interpolate(index, weight, np.sign(total_deg))


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
        if level == "hips" and config.pelvis == "fixed":
            continue
        scale, factor = factors[level]
        joint = joints[level]
        components = tuple(c.scaled(angle_scale=scale) for c in joint.components.values())
        key = (components, factor)
        if key not in solved:
            solved[key] = invert_joint(list(components), torque * factor)
        angles[row] = solved[key]
        if level in LUMBAR_LEVELS:
            facet[LUMBAR_LEVELS.index(level)] = component_torque_nm(joint.components["facets"], angles[row])
    total = angles.sum(axis=0)
    return ChainTable(config, torque, angles, total, facet, max_torque)


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
