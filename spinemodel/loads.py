"""Load estimates of a lumbar level: facet compression, annulus shear strain, zone.

Pure functions of a level's rotation and the torque its facets carry; arrays in,
arrays out. All outputs are model estimates for teaching, not measurements.
"""

from __future__ import annotations

import numpy as np

__all__ = [
    "ZONES",
    "facet_forces_n",
    "annulus_shear_strain_pct",
    "zone_of",
]

#: Zone names, from the neutral position outwards.
ZONES: tuple[str, ...] = ("neutral", "elastic", "beyond_limit")


def facet_forces_n(
    facet_torque_nm: np.ndarray, lever_arm_mm: float, ipsilateral_ratio: float
) -> tuple[np.ndarray, np.ndarray]:
    """Compression of the contralateral and ipsilateral facet (N).

    The facet opposite to the direction of rotation (contralateral) is pressed
    together and carries the facets' share of the torque over its lever arm:
    ``F_contra = T_facet / d``. The ipsilateral facet is loaded much less, through
    the coupled motions; the model takes it as a fixed fraction of the contralateral
    force, the ratio measured with strain gauges at 7.5 Nm (Jaumard et al. 2011,
    Table 2: 31.3 N / 70.3 N).

    Parameters
    ----------
    facet_torque_nm : array_like
        Torque carried by the level's facets (Nm); its magnitude is used.
    lever_arm_mm : float
        Distance from the axis of rotation to the facet contact (mm).
    ipsilateral_ratio : float
        Ipsilateral over contralateral force (0 to 1).

    Returns
    -------
    contralateral_n, ipsilateral_n : ndarray
        Compression forces (N), never negative.
    """
    contralateral = np.abs(facet_torque_nm) / (lever_arm_mm / 1000.0)
    return contralateral, ipsilateral_ratio * contralateral


def annulus_shear_strain_pct(angle_deg: np.ndarray, radius_mm: float, height_mm: float) -> np.ndarray:
    """Engineering shear strain of the outer annulus in torsion (%).

    A disc of height ``h`` twisted by ``theta`` shears its fibres at radius ``r``
    by ``gamma = r * theta / h`` (theta in radians), the strain of a short cylinder
    in torsion. Reported as a magnitude in percent.
    """
    return 100.0 * radius_mm * np.deg2rad(np.abs(angle_deg)) / height_mm


def zone_of(angle_deg: np.ndarray, neutral_deg: float, limit_deg: float) -> np.ndarray | str:
    """Zone of a joint at ``angle_deg``: ``neutral`` up to ``neutral_deg``,
    ``elastic`` up to ``limit_deg``, ``beyond_limit`` past it (magnitudes)."""
    magnitude = np.abs(np.asarray(angle_deg, dtype=float))
    code = (magnitude > neutral_deg).astype(np.int8) + (magnitude > limit_deg)
    names = np.array(ZONES)[code]
    return str(names) if names.ndim == 0 else names
