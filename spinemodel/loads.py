"""Load estimates of a lumbar level: facet compression, annulus shear strain, zone.

Pure functions of a level's rotation and the torque its facets carry; arrays in,
arrays out. All outputs are model estimates for teaching, not measurements.
"""

from __future__ import annotations

import numpy as np

__all__ = [
    "ZONES",
    "facet_forces_n",
    "facet_lever_arm_mm",
    "annulus_shear_strain_pct",
    "zone_of",
]

#: Zone names, from the neutral position outwards. ``beyond_tolerance``: past the
#: angle at which the joint's tissues are known to fail or its anatomical range ends.
ZONES: tuple[str, ...] = ("neutral", "elastic", "beyond_limit", "beyond_tolerance")


def facet_lever_arm_mm(
    posterior_mm: float | np.ndarray, half_width_mm: float | np.ndarray, orientation_deg: float | np.ndarray
) -> float | np.ndarray:
    """Moment arm (mm) of a facet's contact force about the axis of axial rotation.

    The contact force acts along the normal of the facet surface. In the transverse
    plane a facet whose surface makes the angle ``beta`` with the mid-sagittal plane,
    centred ``d`` behind the axis and ``w`` to the side of it, has the normal
    ``(cos beta, sin beta)`` (lateral, anterior) at the point ``(w, -d)``; the arm of
    the force is the cross product ``d cos(beta) + w sin(beta)``. A sagittal facet
    (``beta = 0``) pushes sideways with the arm ``d``; a coronal one (``beta = 90``)
    pushes forwards with the arm ``w``.

    Parameters
    ----------
    posterior_mm : float or array_like
        Distance from the axis of rotation back to the facet centre (mm).
    half_width_mm : float or array_like
        Distance from the mid-sagittal plane to the facet centre (mm): half the
        interfacet width.
    orientation_deg : float or array_like
        Angle of the facet surface from the mid-sagittal plane (deg, 0 to 90).

    Returns
    -------
    float or ndarray
        The moment arm (mm).
    """
    beta = np.deg2rad(orientation_deg)
    arm = np.asarray(posterior_mm) * np.cos(beta) + np.asarray(half_width_mm) * np.sin(beta)
    return float(arm) if np.ndim(arm) == 0 else arm


def facet_forces_n(facet_torque_nm: np.ndarray, lever_arm_mm: float) -> tuple[np.ndarray, np.ndarray]:
    """Compression of the contralateral and ipsilateral facet (N) in pure axial rotation.

    In pure axial rotation about an axis in front of the facets, the inferior facet
    of the upper vertebra swings towards its partner on the side opposite to the
    turn (contralateral) and away from it on the turning side (ipsilateral). Only the
    contralateral facet is pressed together; it alone carries the facets' share of
    the torque, ``F_contra = T_facet / d``. A compressed ipsilateral facet behind the
    axis would push *with* the rotation, so the torque balance leaves it unloaded:
    the ipsilateral joint gaps (zero compression). Ipsilateral forces measured in
    specimens come from motions coupled with the rotation (flexion, side bending),
    which this model of pure axial rotation leaves out.

    Parameters
    ----------
    facet_torque_nm : array_like
        Torque carried by the level's facets (Nm); its magnitude is used.
    lever_arm_mm : float
        Moment arm of the contralateral facet's contact force (mm), see
        :func:`facet_lever_arm_mm`.

    Returns
    -------
    contralateral_n, ipsilateral_n : ndarray
        Compression forces (N), never negative; ``contralateral_n * d == |T_facet|``.
    """
    contralateral = np.abs(facet_torque_nm) / (lever_arm_mm / 1000.0)
    return contralateral, np.zeros_like(contralateral)


def annulus_shear_strain_pct(angle_deg: np.ndarray, radius_mm: float, height_mm: float) -> np.ndarray:
    """Engineering shear strain of the outer annulus in torsion (%).

    A disc of height ``h`` twisted by ``theta`` shears its fibres at radius ``r``
    by ``gamma = r * theta / h`` (theta in radians), the strain of a short cylinder
    in torsion. Reported as a magnitude in percent.
    """
    return 100.0 * radius_mm * np.deg2rad(np.abs(angle_deg)) / height_mm


def zone_of(
    angle_deg: np.ndarray, neutral_deg: float, limit_deg: float, tolerance_deg: float = np.inf
) -> np.ndarray | str:
    """Zone of a joint at ``angle_deg`` (magnitudes): ``neutral`` up to ``neutral_deg``,
    ``elastic`` up to ``limit_deg``, ``beyond_limit`` up to ``tolerance_deg`` and
    ``beyond_tolerance`` past it."""
    magnitude = np.abs(np.asarray(angle_deg, dtype=float))
    code = (magnitude > neutral_deg).astype(np.int8) + (magnitude > limit_deg) + (magnitude > tolerance_deg)
    names = np.array(ZONES)[code]
    return str(names) if names.ndim == 0 else names
