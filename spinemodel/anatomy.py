"""Anatomy and tissue data: every default number of the model, with its source.

Each value is a :class:`Cited` record: the number, its unit, the source (author,
year, what was measured) and a verification mark, as in ``shared/literature.md``:

- ``R``  read in the source (abstract, table or full text);
- ``R2`` read in a secondary source that cites it;
- ``D``  derived here by arithmetic from R values (the derivation is given);
- ``U``  not verified against the source (a plausible textbook value);
- ``M``  a modelling choice, not a measurement: what it was chosen to reproduce
  is stated, so that a reader can judge it and change it.

:func:`build_joints` turns the records into the 18 joints of the chain. Angles
are one side (neutral to one end) unless a name says ``total``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .mechanics import Component, component_torque_nm

__all__ = [
    "Cited",
    "PARAMETERS",
    "CALIBRATION",
    "LUMBAR_LEVELS",
    "THORACIC_LEVELS",
    "LEVELS",
    "Joint",
    "build_joints",
    "default_values",
    "parameter_table",
]


@dataclass(frozen=True)
class Cited:
    """A number with its unit, its source and how the source was checked."""

    value: float
    unit: str
    source: str
    mark: str
    note: str = ""


#: Lumbar levels from the sacrum up, and thoracic levels from L1 up.
LUMBAR_LEVELS: tuple[str, ...] = ("L5-S1", "L4-L5", "L3-L4", "L2-L3", "L1-L2")
THORACIC_LEVELS: tuple[str, ...] = (
    "T12-L1",
    "T11-T12",
    "T10-T11",
    "T9-T10",
    "T8-T9",
    "T7-T8",
    "T6-T7",
    "T5-T6",
    "T4-T5",
    "T3-T4",
    "T2-T3",
    "T1-T2",
)
#: Every joint of the chain, from the feet up.
LEVELS: tuple[str, ...] = ("hips", *LUMBAR_LEVELS, *THORACIC_LEVELS)

_NIOSI = "Niosi et al. 2006, Eur Spine J 15:913 (L3-4 in vitro, pure moment 7.5 Nm, n=10)"
_WILKE = "Wilke et al. 2017, PLoS One 12:e0177823 (thoracic segments with rib joints, +/-7.5 Nm, n=68)"
_WP = "White & Panjabi 1990, Clinical Biomechanics of the Spine, 2nd ed. (representative values)"
_KOUY = "Kouyoumdjian et al. 2012, Orthop Traumatol Surg Res 98:17 (hip rotation, supine, n=120)"
_VANARKEL = "van Arkel, Amis & Jeffers 2015, J Biomech 48:3803 (cadaver hip capsule, 5 Nm)"
_FEA_1987 = "J Biomech Eng 1987;109:200 (3-D nonlinear FE model of a lumbar joint in torsion)"
_LARGE = "J Biomech 1986;19:79 (lumbar motion segments under large loads, up to 95 Nm, n=14)"
_DISC_MRI = (
    "Measuring Dimensions of Lumbar Intervertebral Discs in Normal Subjects, "
    "Anatomical Sciences Journal (Iran), MRI n=14, age 40-59 (abstract read; authors not read)"
)
_JAUMARD = (
    "Jaumard, Welch & Winkelstein 2011, J Biomech Eng 133:071010, Table 2 "
    "(T12-L2 facet forces from strain gauges, axial torsion up to 7.5 Nm)"
)

PARAMETERS: dict[str, Cited] = {
    # --- lumbar level, reference curve (a typical level with a 3 deg limit) ---
    "lumbar_neutral_zone_deg": Cited(0.3, "deg", _NIOSI + ", Table 2: neutral zone 0.3 +/- 0.3 deg", "R"),
    "lumbar_rom_at_7p5nm_deg": Cited(2.1, "deg", _NIOSI + ", Table 1: ROM 2.1 +/- 0.9 deg", "R"),
    "test_moment_nm": Cited(7.5, "Nm", _NIOSI + " and " + _WILKE + ": the standard test moment", "R"),
    "neutral_zone_stiffness_nm_per_deg": Cited(
        0.5,
        "Nm/deg",
        "PMC6388720 (hip impingement model: 0.5 Nm/deg in the free range)",
        "R",
        "used as the slope of every spinal neutral zone: the neutral zone (Panjabi's lax zone) "
        "is crossed under 0.15 Nm, 2% of the 7.5 Nm test moment",
    ),
    "facet_contact_gap_deg": Cited(
        1.0,
        "deg",
        "model choice",
        "M",
        "facet contact starts after 1 deg: past the neutral zone (0.3 deg, Niosi 2006) and before "
        "the 7.5 Nm rotation (2.1 deg), so the facets' share of the torque grows through the "
        "elastic zone as the FE model reports (" + _FEA_1987 + ")",
    ),
    "facet_force_contralateral_at_7p5nm_n": Cited(
        70.3, "N", _JAUMARD + ": contralateral 70.3 +/- 43.2 N", "R2"
    ),
    "facet_force_ipsilateral_at_7p5nm_n": Cited(31.3, "N", _JAUMARD + ": ipsilateral 31.3 +/- 33.4 N", "R2"),
    "facet_lever_arm_mm": Cited(
        35.0, "mm", "anatomy, axis of rotation to facet contact 30-40 mm (literature.md)", "U"
    ),
    "lumbar_block_rule_factor": Cited(
        2.0,
        "x limit",
        "derived: at the largest moment of the large-load study ("
        + _LARGE
        + ") a level reaches at most twice its limit, below the 10 deg at which isolated discs were "
        "first damaged (Adams & Hutton 1981, Spine 6:241, via Veres 2010, R2), as the facets act as a "
        "positive stop (Ahmed, Duncan & Burke 1990, Spine 15:391, R)",
        "D",
    ),
    "max_torque_nm": Cited(95.0, "Nm", _LARGE + ": largest moment applied", "R"),
    "spine_smooth_deg": Cited(
        0.1, "deg", "model choice", "M", "corner rounding so the curves and their slopes are continuous"
    ),
    # --- lumbar per-level limits (deg, one side); they sum to the 15 deg cap ---
    "limit_L1-L2_deg": Cited(3.0, "deg", _WP + ": upper limit 3 deg", "U"),
    "limit_L2-L3_deg": Cited(3.0, "deg", _WP + ": upper limit 3 deg", "U"),
    "limit_L3-L4_deg": Cited(
        3.5,
        "deg",
        _WP + ": upper limit 3 deg, plus 0.5 deg because L3-4 and L4-5 are slightly more mobile "
        "(Pearcy & Tibrewal 1984, Spine 9:582; Pearcy 1985, R)",
        "D",
    ),
    "limit_L4-L5_deg": Cited(
        3.5, "deg", _WP + ": upper limit 3 deg, plus 0.5 deg as for L3-L4 (Pearcy 1984, 1985, R)", "D"
    ),
    "limit_L5-S1_deg": Cited(2.0, "deg", _WP + ": upper limit 2 deg", "U"),
    # --- lumbar disc geometry for the annulus shear strain ---
    "disc_height_L1-L2_mm": Cited(10.0, "mm", _DISC_MRI + ": middle height", "R"),
    "disc_height_L2-L3_mm": Cited(11.59, "mm", _DISC_MRI + ": middle height", "R"),
    "disc_height_L3-L4_mm": Cited(12.45, "mm", _DISC_MRI + ": middle height", "R"),
    "disc_height_L4-L5_mm": Cited(13.82, "mm", _DISC_MRI + ": middle height", "R"),
    "disc_height_L5-S1_mm": Cited(12.99, "mm", _DISC_MRI + ": middle height", "R"),
    "disc_depth_L1-L2_mm": Cited(30.23, "mm", _DISC_MRI + ": anterior-posterior length", "R"),
    "disc_depth_L2-L3_mm": Cited(32.03, "mm", _DISC_MRI + ": anterior-posterior length", "R"),
    "disc_depth_L3-L4_mm": Cited(32.86, "mm", _DISC_MRI + ": anterior-posterior length", "R"),
    "disc_depth_L4-L5_mm": Cited(33.08, "mm", _DISC_MRI + ": anterior-posterior length", "R"),
    "disc_depth_L5-S1_mm": Cited(31.33, "mm", _DISC_MRI + ": anterior-posterior length", "R"),
    "disc_damage_rotation_deg": Cited(
        10.0,
        "deg",
        "Adams & Hutton 1981, Spine 6:241 (via Veres et al. 2010, Eur Spine J 19:1468): with the facets "
        "removed, discs were not damaged until rotated through 10-20 deg",
        "R2",
        "the lower end is used as the annulus damage threshold",
    ),
    # --- thoracic levels: one-side ROM at 7.5 Nm (deg) ---
    "rom_T1-T2_deg": Cited(6.0, "deg", _WILKE + ": T1-2 largest; 10-12 deg total at T1-T10", "D"),
    "rom_T2-T7_deg": Cited(5.5, "deg", _WILKE + ": 10-12 deg total (left + right) at T1-T10, halved", "D"),
    "rom_T7-T8_deg": Cited(5.5, "deg", _WILKE + ": 10-12 deg total at T1-T10, halved", "D"),
    "rom_T8-T9_deg": Cited(5.25, "deg", _WILKE + ": steady decrease T7 to T12, halved", "D"),
    "rom_T9-T10_deg": Cited(5.0, "deg", _WILKE + ": 10 deg total at the bottom of T1-T10, halved", "D"),
    "rom_T10-T11_deg": Cited(4.0, "deg", _WILKE + ": 7-8 deg total at T10-T12, halved", "D"),
    "rom_T11-T12_deg": Cited(3.75, "deg", _WILKE + ": 7-8 deg total at T10-T12, halved", "D"),
    "rom_T12-L1_deg": Cited(
        3.5,
        "deg",
        _WILKE + ": 7 deg total at the lowest level tested, halved; T12-L1 extrapolated from it "
        "(its facets are near-sagittal, Masharawi et al. 2004, Spine 29:1755, R)",
        "D",
    ),
    "thoracic_neutral_fraction": Cited(
        0.143,
        "of ROM",
        "derived: Niosi 2006's lumbar neutral zone over ROM, 0.3 / 2.1, applied to the thoracic levels",
        "D",
    ),
    # --- hips (one hip; the pelvis turn uses one hip in IR and the other in ER) ---
    "hip_internal_rotation_deg": Cited(29.6, "deg", _KOUY + ": internal rotation 29.6 deg", "R"),
    "hip_external_rotation_deg": Cited(38.5, "deg", _KOUY + ": external rotation 38.5 deg", "R"),
    "hip_slack_total_deg": Cited(50.0, "deg", _VANARKEL + ": unresisted mid-range 50 +/- 10 deg total", "R"),
    "hip_capsule_stiffness_nm_per_deg": Cited(0.8, "Nm/deg", _VANARKEL + ": 0.8 +/- 0.3 Nm/deg", "R"),
    "hip_impingement_stiffness_nm_per_deg": Cited(
        5.0, "Nm/deg", "PMC6388720 (impingement model: 5 Nm/deg past the impingement angle)", "R"
    ),
    "hip_slack_stiffness_nm_per_deg": Cited(
        0.05,
        "Nm/deg",
        "model choice",
        "M",
        "van Arkel 2015 calls the mid-range 'unresisted'; a small positive slope keeps the curve "
        "invertible (one tenth of PMC6388720's free-range value)",
    ),
    "hip_smooth_deg": Cited(1.0, "deg", "model choice", "M", "corner rounding of the hip curve"),
    # --- muscles: movement strategy ---
    "bracing_stiffness_gain": Cited(
        0.368,
        "fraction",
        "Gardner-Morse & Stokes 2001, J Biomech 34:457: trunk stiffness rose 36.8% (14.5 to 19.8 N/mm) "
        "from 20% to 40% of maximum effort",
        "R",
        "full lumbar bracing multiplies the lumbar levels' stiffness by 1.368",
    ),
    "hip_drive_gain": Cited(
        3.0,
        "x torque",
        "model choice",
        "M",
        "an active hip turn: the hip rotators add twice the transmitted torque to the pelvis turn. "
        "Chosen so the hip-led strategy makes a 100 deg turn (McLean 2010's shoulder turn) with the "
        "lumbar spine well below its cap; no direct measurement of this exists",
    ),
    "thoracic_drive_gain": Cited(
        2.0,
        "x torque",
        "model choice",
        "M",
        "an active upper-back turn: the thoracic rotators add the transmitted torque once more; "
        "chosen with hip_drive_gain (see there)",
    ),
}


#: Published ranges the model is checked against (the test suite asserts them).
CALIBRATION: dict[str, tuple[float, float, str]] = {
    "lumbar_L3-L4_rom_at_7p5nm_deg": (1.2, 3.0, _NIOSI + ", Table 1: 2.1 +/- 0.9 deg (R)"),
    "lumbar_neutral_zone_deg": (0.0, 0.6, _NIOSI + ", Table 2: 0.3 +/- 0.3 deg (R)"),
    "facet_share_at_7p5nm": (0.10, 0.40, _FEA_1987 + ": facets carry 10-40% of the torque (R)"),
    "facet_force_contralateral_at_7p5nm_n": (27.1, 113.5, _JAUMARD + ": 70.3 +/- 43.2 N (R2)"),
    "thoracic_T1-T10_rom_at_7p5nm_deg": (5.0, 6.0, _WILKE + ": 10-12 deg total per level, halved (D)"),
    "thoracic_T10-L1_rom_at_7p5nm_deg": (3.5, 4.0, _WILKE + ": 7-8 deg total per level, halved (D)"),
    "hip_limit_deg": (29.6, 35.2, _KOUY + ": internal rotation supine 29.6, prone 35.2 deg (R)"),
    "lumbar_cap_deg": (
        14.0,
        16.0,
        "mission: a bony block near 15 deg; " + _WP + " upper limits sum to 14 (U)",
    ),
}


def default_values() -> dict[str, float]:
    """The default value of every parameter, by name."""
    return {name: cited.value for name, cited in PARAMETERS.items()}


def parameter_table() -> list[dict[str, str]]:
    """Rows ``name, value, unit, mark, source, note`` of every cited default, for docs and notebooks."""
    return [
        {
            "name": name,
            "value": f"{c.value:g}",
            "unit": c.unit,
            "mark": c.mark,
            "source": c.source,
            "note": c.note,
        }
        for name, c in PARAMETERS.items()
    ]


@dataclass(frozen=True)
class Joint:
    """A joint of the chain: its components and the angles that bound its zones.

    ``neutral_deg`` ends the neutral zone and ``limit_deg`` the elastic zone;
    past ``limit_deg`` the joint is ``beyond_limit``. Lumbar joints also carry
    the geometry of the load estimates.
    """

    name: str
    region: str
    components: dict[str, Component]
    neutral_deg: float
    limit_deg: float
    disc_height_mm: float = 0.0
    disc_radius_mm: float = 0.0
    facet_lever_mm: float = 0.0
    notes: dict[str, str] = field(default_factory=dict)


# --- the reference lumbar level ---------------------------------------------------
# A typical level with a 3 deg limit; every level is this curve with its angles
# scaled by (its limit / 3 deg). Calibration (derived in the README):
#   neutral zone 0.3 deg at 0.5 Nm/deg -> 0.15 Nm at its edge;
#   facet torque at 7.5 Nm = 70.3 N * 35 mm = 2.46 Nm (Jaumard 2011 x lever arm);
#   facets touch at 1.0 deg, so their slope is 2.46 / (2.1 - 1.0) Nm/deg;
#   the disc and ligaments carry the rest at 2.1 deg: (7.5 - 2.46 - 0.15) / (2.1 - 0.3) Nm/deg;
#   block: the facet slope past the limit is set so that the level reaches twice its
#   limit at 95 Nm.
_REF_LIMIT_DEG = 3.0


def _basis(corners: tuple[float, ...], smooth: float, angle: float) -> np.ndarray:
    """Torque at ``angle`` of a component per unit of each slope (the curve is linear in its slopes)."""
    n = len(corners) + 1
    unit = np.eye(n)
    return np.array(
        [float(component_torque_nm(Component(tuple(unit[i]), corners, smooth), angle)) for i in range(n)]
    )


def _reference_lumbar(p: dict[str, float]) -> dict[str, Component]:
    nz = p["lumbar_neutral_zone_deg"]
    rom = p["lumbar_rom_at_7p5nm_deg"]
    moment = p["test_moment_nm"]
    k_nz = p["neutral_zone_stiffness_nm_per_deg"]
    gap = p["facet_contact_gap_deg"]
    facet_torque = p["facet_force_contralateral_at_7p5nm_n"] * p["facet_lever_arm_mm"] / 1000.0
    reach = p["lumbar_block_rule_factor"] * _REF_LIMIT_DEG
    s = p["spine_smooth_deg"]
    disc_corners, facet_corners = (nz,), (gap, _REF_LIMIT_DEG)
    d_rom, d_reach = _basis(disc_corners, s, rom), _basis(disc_corners, s, reach)
    f_rom, f_reach = _basis(facet_corners, s, rom), _basis(facet_corners, s, reach)
    # Unknown slopes (disc elastic, facet contact, facet block) from three conditions:
    # facets carry facet_torque at rom; the level carries the test moment at rom;
    # the level carries the maximum torque at reach (twice the limit).
    system = np.array(
        [
            [0.0, f_rom[1], f_rom[2]],
            [d_rom[1], f_rom[1], f_rom[2]],
            [d_reach[1], f_reach[1], f_reach[2]],
        ]
    )
    rhs = np.array([facet_torque, moment - k_nz * d_rom[0], p["max_torque_nm"] - k_nz * d_reach[0]])
    k_disc, k_facet, k_block = np.linalg.solve(system, rhs)
    return {
        "disc": Component((k_nz, float(k_disc)), disc_corners, s),
        "facets": Component((0.0, float(k_facet), float(k_block)), facet_corners, s),
    }


def _lumbar_joint(p: dict[str, float], level: str) -> Joint:
    limit = p[f"limit_{level}_deg"]
    scale = limit / _REF_LIMIT_DEG
    components = {k: c.scaled(angle_scale=scale) for k, c in _reference_lumbar(p).items()}
    return Joint(
        name=level,
        region="lumbar",
        components=components,
        neutral_deg=p["lumbar_neutral_zone_deg"] * scale,
        limit_deg=limit,
        disc_height_mm=p[f"disc_height_{level}_mm"],
        # Half the measured anterior-posterior depth: the radius of the posterior
        # annulus. The lateral margin is wider, so this underestimates the peak strain.
        disc_radius_mm=p[f"disc_depth_{level}_mm"] / 2.0,
        facet_lever_mm=p["facet_lever_arm_mm"],
    )


_THORACIC_ROM_KEY = {
    "T1-T2": "rom_T1-T2_deg",
    "T2-T3": "rom_T2-T7_deg",
    "T3-T4": "rom_T2-T7_deg",
    "T4-T5": "rom_T2-T7_deg",
    "T5-T6": "rom_T2-T7_deg",
    "T6-T7": "rom_T2-T7_deg",
    "T7-T8": "rom_T7-T8_deg",
    "T8-T9": "rom_T8-T9_deg",
    "T9-T10": "rom_T9-T10_deg",
    "T10-T11": "rom_T10-T11_deg",
    "T11-T12": "rom_T11-T12_deg",
    "T12-L1": "rom_T12-L1_deg",
}


def _thoracic_joint(p: dict[str, float], level: str) -> Joint:
    # The limit is the one-side ROM at the 7.5 Nm test moment (Wilke 2017): the end of
    # the physiological range. Neutral zone as a fraction of it, elastic slope so that
    # 7.5 Nm reaches the limit, block by the same rule as the lumbar levels.
    rom = p[_THORACIC_ROM_KEY[level]]
    k_nz = p["neutral_zone_stiffness_nm_per_deg"]
    nz = p["thoracic_neutral_fraction"] * rom
    reach = p["lumbar_block_rule_factor"] * rom
    s = p["spine_smooth_deg"]
    corners = (nz, rom)
    b_rom, b_reach = _basis(corners, s, rom), _basis(corners, s, reach)
    system = np.array([b_rom[1:], b_reach[1:]])
    rhs = np.array([p["test_moment_nm"] - k_nz * b_rom[0], p["max_torque_nm"] - k_nz * b_reach[0]])
    k_el, k_block = np.linalg.solve(system, rhs)
    component = Component((k_nz, float(k_el), float(k_block)), corners, s)
    return Joint(
        name=level, region="thoracic", components={"segment": component}, neutral_deg=nz, limit_deg=rom
    )


def _hip_joint(p: dict[str, float]) -> Joint:
    # Turning the pelvis toward one side rotates that side's hip internally and the
    # other externally: two hips in parallel, their torques add, the smaller range
    # (internal rotation) limits. Each hip: a slack mid-range, the capsule, impingement.
    ir = p["hip_internal_rotation_deg"]
    er = p["hip_external_rotation_deg"]
    capsule_band = (ir + er - p["hip_slack_total_deg"]) / 2.0  # engaged range at each end
    k0 = p["hip_slack_stiffness_nm_per_deg"]
    k1 = p["hip_capsule_stiffness_nm_per_deg"]
    k2 = p["hip_impingement_stiffness_nm_per_deg"]
    s = p["hip_smooth_deg"]
    internal = Component((k0, k1, k2), (ir - capsule_band, ir), s)
    external = Component((k0, k1, k2), (er - capsule_band, er), s)
    return Joint(
        name="hips",
        region="hips",
        components={"internal_rotation_hip": internal, "external_rotation_hip": external},
        neutral_deg=ir - capsule_band,
        limit_deg=min(ir, er),
    )


def build_joints(values: dict[str, float] | None = None) -> dict[str, Joint]:
    """The 18 joints, keyed by level name, from parameter values (defaults if None)."""
    p = default_values() if values is None else values
    joints = {"hips": _hip_joint(p)}
    joints.update({lv: _lumbar_joint(p, lv) for lv in LUMBAR_LEVELS})
    joints.update({lv: _thoracic_joint(p, lv) for lv in THORACIC_LEVELS})
    return joints
