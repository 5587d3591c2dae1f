"""Passive torque-angle curves of single joints.

Every joint of the chain (a lumbar level, a thoracic level, the pair of hips) is
described by one or more *components* (disc, facets, hip capsule, ...). A
component's torque grows piecewise linearly with the rotation angle: a slope in
the neutral zone, a slope in the elastic zone, a steep slope past the joint's
limit (the facet "bony block", the hip's impingement). The corners are rounded
with a softplus of width ``smooth_deg`` so that the curve and its slope are
continuous: the model has no jumps.

For an angle ``x >= 0`` (degrees) a component with slopes ``k0, k1, ..., kn``
(Nm/deg) and corner angles ``a1 < ... < an`` (deg) gives

    p(x) = k0 x + sum_i (k_i - k_(i-1)) s [softplus((x - a_i)/s) - softplus(-a_i/s)]

so ``p(0) = 0`` and ``p'(x) = k0 + sum_i (k_i - k_(i-1)) sigmoid((x - a_i)/s)``,
which is positive whenever every slope is positive: the curve is strictly
monotonic and can be inverted. Joints are mirror-symmetric: ``P(-x) = -P(x)``.

This module is pure numpy and never imports a plotting or widget library.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import numpy as np

__all__ = [
    "Component",
    "component_torque_nm",
    "component_stiffness_nm_per_deg",
    "curve_torque_nm",
    "curve_stiffness_nm_per_deg",
    "curve_basis",
]


@dataclass(frozen=True)
class Component:
    """One load-bearing structure of a joint, as a smoothed piecewise-linear curve.

    Parameters
    ----------
    slopes_nm_per_deg : tuple of float
        Stiffness in each zone, from the neutral position outwards (Nm/deg).
        The first may be zero (no contact yet, as for a facet before its gap
        closes) as long as another component of the joint keeps the joint's
        total slope positive.
    corners_deg : tuple of float
        Angles where the slope changes (deg, positive, increasing); one fewer
        than the slopes.
    smooth_deg : float
        Width of the rounded corners (deg).
    """

    slopes_nm_per_deg: tuple[float, ...]
    corners_deg: tuple[float, ...]
    smooth_deg: float

    def __post_init__(self) -> None:
        if len(self.slopes_nm_per_deg) != len(self.corners_deg) + 1:
            raise ValueError(
                "slopes_nm_per_deg must have one more entry than corners_deg, got "
                f"{len(self.slopes_nm_per_deg)} slopes and {len(self.corners_deg)} corners"
            )
        if any(not np.isfinite(k) or k < 0 for k in self.slopes_nm_per_deg):
            raise ValueError(f"slopes_nm_per_deg must be finite and >= 0, got {self.slopes_nm_per_deg}")
        corners = np.asarray(self.corners_deg, dtype=float)
        if np.any(~np.isfinite(corners)) or np.any(corners <= 0) or np.any(np.diff(corners) <= 0):
            raise ValueError(f"corners_deg must be positive and increasing, got {self.corners_deg}")
        if not (np.isfinite(self.smooth_deg) and self.smooth_deg > 0):
            raise ValueError(f"smooth_deg must be > 0, got {self.smooth_deg}")

    def scaled(self, angle_scale: float = 1.0, torque_scale: float = 1.0) -> Component:
        """Return the component with angles multiplied by ``angle_scale`` and
        torques multiplied by ``torque_scale``.

        ``angle_scale`` is a mobility factor: at the same torque the joint turns
        ``angle_scale`` times as far. ``torque_scale`` multiplies the torque at
        the same angle (a stiffer joint).
        """
        factor = torque_scale / angle_scale
        return replace(
            self,
            slopes_nm_per_deg=tuple(k * factor for k in self.slopes_nm_per_deg),
            corners_deg=tuple(a * angle_scale for a in self.corners_deg),
            smooth_deg=self.smooth_deg * angle_scale,
        )


def _softplus(z: np.ndarray) -> np.ndarray:
    # log(1 + e^z) without overflow for large z.
    return np.logaddexp(0.0, z)


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def curve_torque_nm(
    slopes: tuple[Any, ...], corners: tuple[Any, ...], smooth: Any, angle_deg: np.ndarray
) -> np.ndarray:
    """Torque (Nm) of a curve given by its slopes, corners and smoothing at ``angle_deg`` >= 0.

    The array form of :func:`component_torque_nm` (without the sign): each slope,
    corner and the smoothing width may be a number or an array that broadcasts with
    ``angle_deg`` (one curve per body of a population, say).
    """
    x = np.asarray(angle_deg, dtype=float)
    torque = slopes[0] * x
    for i, corner in enumerate(corners):
        step = slopes[i + 1] - slopes[i]
        torque = torque + step * smooth * (_softplus((x - corner) / smooth) - _softplus(-corner / smooth))
    return torque


def curve_stiffness_nm_per_deg(
    slopes: tuple[Any, ...], corners: tuple[Any, ...], smooth: Any, angle_deg: np.ndarray
) -> np.ndarray:
    """Tangent stiffness (Nm/deg) of a curve at ``angle_deg`` >= 0; arrays as :func:`curve_torque_nm`."""
    x = np.asarray(angle_deg, dtype=float)
    stiffness = slopes[0] + np.zeros_like(x)
    for i, corner in enumerate(corners):
        stiffness = stiffness + (slopes[i + 1] - slopes[i]) * _sigmoid((x - corner) / smooth)
    return stiffness


def curve_basis(corners: tuple[Any, ...], smooth: Any, angle_deg: Any) -> list[Any]:
    """Torque at ``angle_deg`` >= 0 per unit of each slope: the curve is linear in its slopes.

    ``curve_torque_nm(k, corners, smooth, x) == sum(k[i] * curve_basis(corners, smooth, x)[i])``.
    """
    x = np.asarray(angle_deg, dtype=float)
    ramps = [smooth * (_softplus((x - a) / smooth) - _softplus(-a / smooth)) for a in corners]
    edges = [x, *ramps]
    return [edges[i] - edges[i + 1] for i in range(len(corners))] + [edges[-1]]


def component_torque_nm(component: Component, angle_deg: np.ndarray) -> np.ndarray:
    """Torque (Nm) a component carries at a rotation ``angle_deg`` (deg); odd in the angle."""
    c = component
    return np.sign(angle_deg) * curve_torque_nm(
        c.slopes_nm_per_deg, c.corners_deg, c.smooth_deg, np.abs(np.asarray(angle_deg, dtype=float))
    )


def component_stiffness_nm_per_deg(component: Component, angle_deg: np.ndarray) -> np.ndarray:
    """Tangent stiffness dT/dangle (Nm/deg) of a component; even in the angle."""
    c = component
    return curve_stiffness_nm_per_deg(
        c.slopes_nm_per_deg, c.corners_deg, c.smooth_deg, np.abs(np.asarray(angle_deg, dtype=float))
    )
