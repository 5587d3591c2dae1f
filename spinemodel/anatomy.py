"""Anatomy and tissue data: every default number of the model, with its source.

Each value is a :class:`Cited` record: the number, its unit, the source (author,
year, what was measured), a verification mark, and the physically meaningful
bounds an override must respect. The marks:

- ``R``  read in the source (abstract, table or full text);
- ``R2`` read in a secondary source that cites it;
- ``D``  derived here by arithmetic from R values (the derivation is given);
- ``U``  not verified against the source (a plausible textbook value);
- ``M``  a modelling choice, not a measurement: the note says why it was made and
  what it does; it is never tuned to produce the lesson.

:data:`CONSTRAINTS` lists what a set of values may not contradict (a neutral zone
inside its range, an internal rotation range inside the external one, ...);
:func:`check_values` applies the bounds and the constraints to a whole set.

:func:`build_joints` turns the records into the 19 joints of the chain, from the
feet up: the legs (what turns the pelvis over the planted feet below the hips:
the knees' axial rotation is measured; ankle and foot rotation under planted feet
was not found measured and adds nothing here), the hips, five lumbar and twelve
thoracic levels. Angles are one side
(neutral to one end) unless a name says ``total``.

How the curves are calibrated (each step uses published data):

1. Every lumbar level is an in vitro motion segment of its own: its range at the
   10 Nm test moment and its neutral zone (Yamamoto et al. 1989), its facets'
   share of the torque (Schendel et al. 1993), its facet geometry (Masharawi et
   al. 2004) and, past its range, the stiffness measured under large loads
   (Miller et al. 1986). The lumbar curve is therefore a torque scale.
2. Every thoracic level is Wilke et al. (2017)'s in vitro range at 7.5 Nm,
   reduced by the rib cage (the ribs' removal raised thoracic axial range by
   58.8%, J Mech Behav Biomed Mater 2018). Its tolerance is the in vivo maximum
   (Gregersen & Lucas 1967).
3. The pelvis (legs + hips) is shaped so that, at the end of a maximal standing
   turn, the spine turns 0.41 times as far as the pelvis, as measured in vivo
   (Taniguchi et al. 2017), with the hips and knees at their measured ranges
   (Kouyoumdjian et al. 2012; knee rotation, Am J Sports Med 1983).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .loads import facet_lever_arm_mm
from .mechanics import Component, component_torque_nm, curve_basis, curve_torque_nm

__all__ = [
    "Cited",
    "Constraint",
    "PARAMETERS",
    "CONSTRAINTS",
    "CALIBRATION",
    "LUMBAR_LEVELS",
    "THORACIC_LEVELS",
    "LOWER_LIMB_JOINTS",
    "LEVELS",
    "REGIONS",
    "Joint",
    "build_joints",
    "check_values",
    "default_values",
    "parameter_table",
    "pelvis_end_torque_nm",
    "pelvis_ranges",
]


@dataclass(frozen=True)
class Cited:
    """A number with its unit, its source, how the source was checked, and its bounds.

    ``bounds`` is the closed range of physically meaningful values (an override
    outside it is an error); ``spread`` states the spread the source reports, or
    for a modelling choice the plausible range.
    """

    value: float
    unit: str
    source: str
    mark: str
    note: str = ""
    bounds: tuple[float, float] = (0.0, math.inf)
    spread: str = ""


@dataclass(frozen=True)
class Constraint:
    """A relation between parameters that a set of values may not contradict.

    ``holds`` takes the values by name, numbers or arrays (one body each), and returns
    a bool or a bool array.
    """

    name: str
    text: str
    holds: Callable[[dict[str, float]], bool]


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
#: The joints that turn the pelvis over the planted feet, from the feet up.
LOWER_LIMB_JOINTS: tuple[str, ...] = ("legs", "hips")
#: Every joint of the chain, from the feet up.
LEVELS: tuple[str, ...] = (*LOWER_LIMB_JOINTS, *LUMBAR_LEVELS, *THORACIC_LEVELS)
#: The joints of each region.
REGIONS: dict[str, tuple[str, ...]] = {
    "legs": ("legs",),
    "hips": ("hips",),
    "lumbar": LUMBAR_LEVELS,
    "thoracic": THORACIC_LEVELS,
}

_YAMAMOTO = (
    "Yamamoto, Panjabi, Crisco & Oxland 1989, Spine 14:1256 (lumbar segments in vitro, pure moment "
    "up to 10 Nm, no preload, n=10)"
)
_NIOSI = "Niosi et al. 2006, Eur Spine J 15:913 (L3-4 in vitro, pure moment 7.5 Nm, n=10)"
_WILKE = (
    "Wilke, Herkommer, Werner & Liebsch 2017, PLoS One 12:e0177823 (thoracic segments with "
    "costovertebral joints, +/-7.5 Nm, n=68)"
)
_RIBCAGE = (
    "J Mech Behav Biomed Mater 2018;84:258 (T1-T12 with and without the rib cage, 400 N follower "
    "load, +/-5 Nm, n=8)"
)
_GREGERSEN = (
    "Gregersen & Lucas 1967, J Bone Joint Surg Am 49:247 (Steinmann pins, 7 men, standing and sitting, "
    "pelvis fixed, turning from side to side as far as possible)"
)
_MASHARAWI = (
    "Masharawi et al. 2004, Spine 29:1755 (facet orientation to the mid-sagittal plane, dry bone, "
    "4,080 vertebrae): per-level means T12-L2 25.9-33.9 deg, L3-L5 40.4-56.3 deg"
)
_SCHENDEL = (
    "Schendel, Wood, Buttermann, Lewis & Ogilvie 1993, J Biomech 26:427 (L1-L2 facet force in torsion, "
    "strain gauges, n=5)"
)
_UENO = "Ueno & Liu 1987, J Biomech Eng 109:200 (FE model of a lumbar joint in torsion)"
_MILLER = (
    "Miller, Schultz, Warwick & Spencer 1986, J Biomech 19:79 (14 lumbar segments under moments up "
    "to 95 Nm): stiffness 6-11 Nm/deg, pooled over flexion, extension, lateral bending and torsion"
)
_KOUY = "Kouyoumdjian et al. 2012, Orthop Traumatol Surg Res 98:17 (passive hip rotation, n=120)"
_MURRAY = (
    "Murray et al. 2009, Phys Ther Sport 10:131 (hip rotation at 0 deg flexion, inclinometer, 36 controls)"
)
_VANARKEL = "van Arkel, Amis & Jeffers 2015, J Biomech 48:3803 (cadaver hip capsule, 5 Nm)"
_KNEE = (
    "Rotational motion of the knee, Am J Sports Med 1983;11:152 (passive knee axial rotation, 17 normal "
    "knees; authors not read)"
)
_TANIGUCHI = (
    "Taniguchi, Tateuchi, Ibuki & Ichihashi 2017, PLoS One 12:e0186369 (standing maximal trunk rotation, "
    "3-D motion analysis, 15 healthy controls)"
)
_MCTEIGUE = (
    "McTeigue, Lamb, Mottram & Pirozzolo 1994, Science and Golf II, ch. 8 (top of the backswing, "
    "51 PGA Tour players, instrumented linkage)"
)
_DISC_MRI = (
    "Measuring Dimensions of Lumbar Intervertebral Discs in Normal Subjects, "
    "Anatomical Sciences Journal (Iran), MRI n=14, age 40-59 (abstract read; authors not read)"
)


def _lumbar_entries() -> dict[str, Cited]:
    rom = {"L1-L2": 2.3, "L2-L3": 2.6, "L3-L4": 2.6, "L4-L5": 2.2, "L5-S1": 1.4}
    nz_both_sides = {"L1-L2": 0.9, "L2-L3": 0.8, "L3-L4": 0.7, "L4-L5": 0.4, "L5-S1": 0.4}
    orientation = {
        "L1-L2": (29.9, "D", "the middle of the T12-L2 range of means"),
        "L2-L3": (33.9, "U", "the upper end of the T12-L2 range (L2 is the lowest level of that group)"),
        "L3-L4": (40.4, "U", "the lower end of the L3-L5 range"),
        "L4-L5": (48.4, "D", "the middle of the L3-L5 range of means"),
        "L5-S1": (
            56.3,
            "U",
            "the upper end of the L3-L5 range (facets turn coronal caudally)",
        ),
    }
    height = {"L1-L2": 10.0, "L2-L3": 11.59, "L3-L4": 12.45, "L4-L5": 13.82, "L5-S1": 12.99}
    depth = {"L1-L2": 30.23, "L2-L3": 32.03, "L3-L4": 32.86, "L4-L5": 33.08, "L5-S1": 31.33}
    out: dict[str, Cited] = {}
    for level in LUMBAR_LEVELS:
        out[f"limit_{level}_deg"] = Cited(
            rom[level],
            "deg",
            _YAMAMOTO + f": axial rotation range {rom[level]} deg one side at 10 Nm",
            "R",
            "the end of the level's measured range; past it the facets block (large-load stiffness)",
            bounds=(0.5, 6.0),
            spread="no SD in the abstract; Niosi 2006's L3-4 value 2.1 +/- 0.9 deg suggests about +/-40%",
        )
        out[f"neutral_zone_{level}_deg"] = Cited(
            nz_both_sides[level] / 2.0,
            "deg",
            _YAMAMOTO + f": neutral zone {nz_both_sides[level]} deg for right and left axial torque, halved",
            "D",
            "halved because Yamamoto's neutral zone spans both directions: half of L3-4's 0.7 deg is 0.35, "
            "as Niosi 2006 measured one side (0.3 +/- 0.3 deg)",
            bounds=(0.01, 2.0),
        )
        value, mark, how = orientation[level]
        out[f"facet_orientation_{level}_deg"] = Cited(
            value,
            "deg",
            _MASHARAWI,
            mark,
            f"{how}; the abstract gives the ranges of per-level means, the assignment to levels is ours",
            bounds=(0.0, 90.0),
        )
        out[f"disc_height_{level}_mm"] = Cited(
            height[level], "mm", _DISC_MRI + ": middle height", "R", bounds=(4.0, 20.0)
        )
        out[f"disc_depth_{level}_mm"] = Cited(
            depth[level], "mm", _DISC_MRI + ": anterior-posterior length", "R", bounds=(20.0, 50.0)
        )
    return out


def _thoracic_entries() -> dict[str, Cited]:
    rows = {
        "rom_T1-T2_deg": (6.0, "T1-2 largest; 10-12 deg total at T1-T10"),
        "rom_T2-T7_deg": (5.5, "10-12 deg total (left + right) at T1-T10, halved"),
        "rom_T7-T8_deg": (5.5, "10-12 deg total at T1-T10, halved"),
        "rom_T8-T9_deg": (5.25, "steady decrease T7 to T12, halved"),
        "rom_T9-T10_deg": (5.0, "10 deg total at the bottom of T1-T10, halved"),
        "rom_T10-T11_deg": (4.0, "7-8 deg total at T10-T12, halved"),
        "rom_T11-T12_deg": (3.75, "7-8 deg total at T10-T12, halved"),
        "rom_T12-L1_deg": (
            3.5,
            "7 deg total at the lowest level tested, halved; T12-L1 extrapolated from it",
        ),
    }
    return {
        name: Cited(value, "deg", _WILKE + ": " + how, "D", bounds=(1.0, 10.0))
        for name, (value, how) in rows.items()
    }


PARAMETERS: dict[str, Cited] = {
    # --- lumbar levels: each its own measured range, neutral zone, facets and disc ---
    **_lumbar_entries(),
    "lumbar_test_moment_nm": Cited(
        10.0, "Nm", _YAMAMOTO + ": the largest moment applied", "R", bounds=(10.0, 10.0)
    ),
    "neutral_zone_torque_fraction": Cited(
        0.02,
        "of test moment",
        "modelling choice",
        "M",
        "the neutral zone is the lax range crossed at almost no load (Panjabi's definition); the model "
        "lets 2% of the test moment cross it so that every curve stays invertible",
        bounds=(0.001, 0.1),
        spread="0.5-5%",
    ),
    "facet_force_at_test_moment_n": Cited(
        65.0,
        "N",
        _SCHENDEL + ": 65 N in torsion at 10 Nm with a 150 N axial load",
        "R",
        "sets each level's facet share of the torque at its range (about 23%, inside the 10-40% of "
        + _UENO
        + "); the strain-gauge review of Jaumard 2011 (J Biomech Eng 133:071010) lists 70.3 +/- 43.2 N at "
        "7.5 Nm for T12-L2",
        bounds=(5.0, 300.0),
        spread="Jaumard 2011: +/-43 N at 7.5 Nm",
    ),
    "facet_axis_distance_mm": Cited(
        35.0,
        "mm",
        "anatomy: axis of rotation to the facet contact about 30-40 mm; the axis lies at the posterior "
        "border of the vertebral endplates (Samagh et al. 2011, J Rehabil Res Dev 48:587, R)",
        "U",
        bounds=(20.0, 50.0),
        spread="30-40 mm",
    ),
    "facet_half_width_mm": Cited(
        15.0,
        "mm",
        "Panjabi et al. 1993, Spine 18:1298: interfacet width 20.8-40.6 mm over C3-L5 (lumbar values "
        "per level not read); half of 30 mm",
        "U",
        bounds=(5.0, 25.0),
        spread="10-20 mm",
    ),
    "lumbar_block_stiffness_nm_per_deg": Cited(
        8.5,
        "Nm/deg",
        _MILLER,
        "D",
        "the middle of the measured 6-11 Nm/deg: each lumbar level's tangent stiffness past its range, "
        "unless the level is stiffer than that within its range (a stiff level does not soften past it: "
        "its facets keep their contact slope)",
        bounds=(2.0, 30.0),
        spread="6-11 Nm/deg",
    ),
    "lumbar_tolerance_deg": Cited(
        10.0,
        "deg",
        "Adams & Hutton 1981, Spine 6:241 (via Veres et al. 2010, Eur Spine J 19:1468): with the facets "
        "removed, discs were not damaged until rotated through 10-20 deg",
        "R2",
        "an upper bound for a lumbar level's failure: intact segments fail through the compressed facet "
        "first (Ahmed, Duncan & Burke 1990, Spine 15:391, R), at an angle no source we found reports",
        bounds=(3.0, 20.0),
        spread="10-20 deg",
    ),
    "spine_smooth_deg": Cited(
        0.1,
        "deg",
        "modelling choice",
        "M",
        "corner rounding so that curves and slopes are continuous",
        bounds=(0.01, 0.5),
    ),
    # --- thoracic levels: in vitro range at 7.5 Nm, the rib cage, the in vivo maximum ---
    **_thoracic_entries(),
    "thoracic_test_moment_nm": Cited(7.5, "Nm", _WILKE + ": the test moment", "R", bounds=(7.5, 7.5)),
    "thoracic_neutral_fraction": Cited(
        0.143,
        "of range",
        "derived: Niosi 2006's lumbar neutral zone over range, 0.3 / 2.1, applied to the thoracic levels",
        "D",
        bounds=(0.01, 0.5),
    ),
    "rib_cage_range_factor": Cited(
        0.63,
        "x range",
        _RIBCAGE + ": removing the rib cage raised axial rotation range by 58.8%, so the intact range "
        "is 1 / 1.588 = 0.63 of the rib-less one",
        "D",
        "scales Wilke's segments (costovertebral joints, no sternum) to a thorax with its rib cage; the "
        "stepwise-reduction study of Liebsch et al. 2017 (PLoS One, +94.4% without the anterior cage) "
        "gives 0.51",
        bounds=(0.2, 1.0),
        spread="0.51-0.63",
    ),
    "thoracic_max_deg": Cited(
        38.0,
        "deg",
        _GREGERSEN + ": about 6 deg at each thoracic level and 10 deg at the thoracolumbar joint, side to "
        "side; one side: 11 x 3 + 5 = 38 deg",
        "D",
        "the thoracic spine's in vivo maximum, its tolerance; seated clinical rotation tests give about "
        "41-45 deg for the whole thorax on the pelvis (Johnson et al. 2012, J Athl Train 47:52, R2)",
        bounds=(15.0, 80.0),
        spread="individual variation reported, no SD",
    ),
    "thoracic_smooth_deg": Cited(
        0.3, "deg", "modelling choice", "M", "corner rounding of the thoracic curves", bounds=(0.01, 1.0)
    ),
    # --- hips (one hip in internal, the other in external rotation) ---
    "hip_internal_rotation_deg": Cited(
        35.2,
        "deg",
        _KOUY + ": prone (hip extended, as in standing) internal rotation 35.2 deg",
        "R",
        "the anatomical range of the hip that limits the pelvis turn (the smaller of internal and external "
        "rotation does); supine 29.6 deg",
        bounds=(10.0, 60.0),
        spread=_MURRAY + ": passive medial rotation 31.1 +/- 8.1 deg",
    ),
    "hip_external_rotation_deg": Cited(
        41.8,
        "deg",
        _KOUY + ": prone external rotation 41.8 deg",
        "R",
        bounds=(10.0, 70.0),
    ),
    "hip_capsule_stiffness_nm_per_deg": Cited(
        0.8,
        "Nm/deg",
        _VANARKEL + ": capsular stiffness 0.8 +/- 0.3 Nm/deg beyond the slack range",
        "R",
        "in vitro; the slack range of the hips and legs follows from the in vivo standing split (see "
        "standing_spine_pelvis_ratio)",
        bounds=(0.1, 5.0),
        spread="+/-0.3 Nm/deg",
    ),
    "slack_stiffness_nm_per_deg": Cited(
        0.01,
        "Nm/deg",
        "modelling choice",
        "M",
        "van Arkel 2015 calls the hip's mid-range 'unresisted'; a small positive slope keeps the hip and "
        "leg curves invertible",
        bounds=(0.001, 0.1),
        spread="0.005-0.02 Nm/deg",
    ),
    "hip_smooth_deg": Cited(
        1.0, "deg", "modelling choice", "M", "corner rounding of the hip and leg curves", bounds=(0.1, 3.0)
    ),
    # --- legs: knees, ankles and feet below the hips ---
    "knee_internal_rotation_deg": Cited(
        10.0,
        "deg",
        _KNEE + ": at 5 deg of flexion, 23 deg external and 10 deg internal rotation",
        "R",
        "standing with nearly straight knees; the smaller of internal and external rotation limits the "
        "pelvis turn. Ankle and foot rotation under planted feet was not found measured and is not modelled",
        bounds=(2.0, 40.0),
    ),
    "knee_external_rotation_deg": Cited(
        23.0, "deg", _KNEE + ": 23 deg external rotation at 5 deg flexion", "R", bounds=(2.0, 60.0)
    ),
    "knee_flexed_internal_rotation_deg": Cited(
        25.0,
        "deg",
        _KNEE + ": at 30-90 deg of flexion, about 45 deg external and 25 deg internal rotation",
        "R",
        "the athletic stance of the hip-led turn (knees flexed)",
        bounds=(2.0, 60.0),
    ),
    "standing_spine_pelvis_ratio": Cited(
        0.41,
        "ratio",
        _TANIGUCHI + ": spine/pelvis ratio 0.41 +/- 0.12 at maximum rotation",
        "R",
        "read as spine rotation over pelvis rotation (the formula was not read, U; Montgomery et al. "
        "2011, Clin Biomech 26:707, give about 33 deg of trunk against 64 deg of pelvis, a ratio of 0.51). "
        "Fixes the torque at which the legs and hips reach the end of their ranges",
        bounds=(0.1, 2.0),
        spread="+/-0.12",
    ),
    # --- strategies ---
    "athlete_pelvis_share": Cited(
        0.632,
        "of total",
        _MCTEIGUE + ": hips (pelvis) 55 deg, upper body 87 deg; 55 / 87",
        "D",
        "in a hip-led turn the hip muscles turn the pelvis by this share of the total; amateurs: 53 / 87",
        bounds=(0.05, 0.95),
        spread="amateurs 0.61; no SD reported",
    ),
    "bracing_stiffness_gain": Cited(
        0.368,
        "fraction",
        "Gardner-Morse & Stokes 2001, J Biomech 34:457: trunk stiffness rose 36.8% from 20% to 40% of "
        "maximum extension effort",
        "M",
        "that is a translational stiffness; no measurement of axial (twisting) stiffness under bracing was "
        "found, so using it for the lumbar levels' axial stiffness is a modelling choice. Other directions "
        "rose 16-42% with abdominal pressure (Cholewicki et al. 1999, Eur Spine J 8:388)",
        bounds=(0.0, 1.0),
        spread="0.15-0.6",
    ),
}


def _constraints() -> tuple[Constraint, ...]:
    out = []
    for level in LUMBAR_LEVELS:
        nz, lim = f"neutral_zone_{level}_deg", f"limit_{level}_deg"
        out.append(
            Constraint(
                f"{level}: neutral zone inside the range",
                f"{nz} must be smaller than half of {lim} (the lax zone is a small part of the range)",
                lambda v, nz=nz, lim=lim: v[nz] < 0.5 * v[lim],
            )
        )
        out.append(
            Constraint(
                f"{level}: range below failure",
                f"{lim} must be smaller than lumbar_tolerance_deg",
                lambda v, lim=lim: v[lim] < v["lumbar_tolerance_deg"],
            )
        )
    out += [
        Constraint(
            "facet geometry",
            "facet_half_width_mm must be smaller than facet_axis_distance_mm (the facet is behind the axis)",
            lambda v: v["facet_half_width_mm"] < v["facet_axis_distance_mm"],
        ),
        Constraint(
            "knee flexion",
            "knee_internal_rotation_deg must not exceed knee_flexed_internal_rotation_deg (flexion frees the "
            "knee's rotation)",
            lambda v: v["knee_internal_rotation_deg"] <= v["knee_flexed_internal_rotation_deg"],
        ),
        Constraint(
            "slack softer than capsule",
            "slack_stiffness_nm_per_deg must be smaller than hip_capsule_stiffness_nm_per_deg",
            lambda v: v["slack_stiffness_nm_per_deg"] < v["hip_capsule_stiffness_nm_per_deg"],
        ),
    ]
    return tuple(out)


#: Relations a set of parameter values may not contradict (checked by :func:`check_values`).
CONSTRAINTS: tuple[Constraint, ...] = _constraints()


#: Published ranges the model is checked against (the test suite asserts them).
#: ``key: (low, high, source)``.
CALIBRATION: dict[str, tuple[float, float, str]] = {
    "lumbar_L3-L4_rom_at_7p5nm_deg": (1.2, 3.0, _NIOSI + ", Table 1: 2.1 +/- 0.9 deg (R)"),
    "lumbar_L3-L4_neutral_zone_deg": (0.0, 0.6, _NIOSI + ", Table 2: 0.3 +/- 0.3 deg (R)"),
    "facet_share_at_test_moment": (0.10, 0.40, _UENO + ": facets carry 10-40% of the torque (R)"),
    "facet_force_contralateral_at_7p5nm_n": (
        27.1,
        113.5,
        "Jaumard, Welch & Winkelstein 2011, J Biomech Eng 133:071010, Table 2: T12-L2, 70.3 +/- 43.2 N (R)",
    ),
    "lumbar_block_stiffness_nm_per_deg": (6.0, 11.0, _MILLER + " (R)"),
    "thoracic_in_vivo_rom_at_7p5nm_deg": (
        0.51 * 60.5,
        0.63 * 60.5,
        _WILKE + " (60.5 deg summed over T1-L1, one side) x the rib cage factor 0.51-0.63 (D)",
    ),
    "seated_lumbar_at_45deg": (
        6.0,
        8.5,
        "Fujii et al. 2007, Eur Spine J 16:1867: 1.2-1.7 deg per lumbar segment at 45 deg of trunk "
        "rotation, supine, pelvis held, MRI, n=10 (R); x 5 segments",
    ),
    "seated_max_total_deg": (
        41.0,
        50.0,
        _GREGERSEN + " (38 deg thoracic + 8-9 deg lumbar, D) and Johnson et al. 2012, J Athl Train 47:52: "
        "seated rotation about 41-45 deg (R2)",
    ),
    "standing_spine_pelvis_ratio": (0.29, 0.53, _TANIGUCHI + ": 0.41 +/- 0.12 (R)"),
    "hip_range_deg": (29.6, 35.2, _KOUY + ": internal rotation supine 29.6, prone 35.2 deg (R)"),
    "golf_pelvis_turn_deg": (53.0, 55.0, _MCTEIGUE + ": 55 deg (Tour), 53 deg (amateurs) at 87 deg (R)"),
}


def default_values() -> dict[str, float]:
    """The default value of every parameter, by name."""
    return {name: cited.value for name, cited in PARAMETERS.items()}


def parameter_table() -> list[dict[str, str]]:
    """Rows ``name, value, unit, mark, bounds, source, note`` of every cited default."""
    return [
        {
            "name": name,
            "value": f"{c.value:g}",
            "unit": c.unit,
            "mark": c.mark,
            "bounds": f"[{c.bounds[0]:g}, {c.bounds[1]:g}]",
            "source": c.source,
            "note": c.note,
        }
        for name, c in PARAMETERS.items()
    ]


def check_values(values: dict[str, float]) -> None:
    """Check a complete set of parameter values against the bounds and constraints.

    Raises
    ------
    ValueError
        Naming the first parameter out of its bounds (value, unit and allowed
        range), or every constraint the set contradicts.
    """
    for name, cited in PARAMETERS.items():
        value = values[name]
        low, high = cited.bounds
        if not (math.isfinite(value) and low <= value <= high):
            raise ValueError(
                f"{name} = {value!r} {cited.unit} is out of range; allowed range is [{low:g}, {high:g}] "
                f"{cited.unit}"
            )
    broken = [c for c in CONSTRAINTS if not c.holds(values)]
    if broken:
        raise ValueError(
            "these parameter values contradict each other: " + "; ".join(f"{c.text}" for c in broken)
        )


@dataclass(frozen=True)
class Joint:
    """A joint of the chain: its components and the angles that bound its zones.

    ``neutral_deg`` ends the neutral zone and ``limit_deg`` the elastic zone;
    ``tolerance_deg`` is where the joint's anatomical range ends (legs, hips,
    thoracic levels) or its tissues fail (lumbar levels). Lumbar joints also
    carry the geometry of the load estimates.
    """

    name: str
    region: str
    components: dict[str, Component]
    neutral_deg: float
    limit_deg: float
    tolerance_deg: float
    disc_height_mm: float = 0.0
    disc_radius_mm: float = 0.0
    facet_lever_mm: float = 0.0
    notes: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not 0.0 < self.neutral_deg <= self.limit_deg <= self.tolerance_deg:
            raise ValueError(
                f"{self.name}: the zones must be ordered, 0 < neutral ({self.neutral_deg:.3g}) <= limit "
                f"({self.limit_deg:.3g}) <= tolerance ({self.tolerance_deg:.3g}) deg"
            )

    def torque_nm(self, angle_deg: np.ndarray) -> np.ndarray:
        """Passive torque (Nm) the joint carries at ``angle_deg``."""
        return sum(component_torque_nm(c, angle_deg) for c in self.components.values())


def lever_arm_mm(values: dict[str, Any], level: str) -> Any:
    """Moment arm (mm) of a lumbar level's facet contact force (see :func:`loads.facet_lever_arm_mm`).

    The values may be numbers (a float is returned) or arrays (one body each).
    """
    r = values["facet_axis_distance_mm"]
    w = values["facet_half_width_mm"]
    return facet_lever_arm_mm(np.sqrt(r * r - w * w), w, values[f"facet_orientation_{level}_deg"])


def lumbar_slopes(p: dict[str, Any], level: str) -> tuple[Any, Any, Any, Any]:
    """Slopes (Nm/deg) of a lumbar level: neutral zone, disc elastic, facet contact, facet block.

    The unknown slopes meet three measured conditions: the level carries the test
    moment at its range (Yamamoto), its facets carry the measured share of it
    (Schendel, at L1-L2's lever arm), and past the range its tangent stiffness is the
    large-load value (Miller), unless the level is stiffer than that within its
    range: then past the range its facets keep their contact slope (the block slope
    equals the contact slope), so that no level softens past its range. The values
    may be numbers or arrays (one body each); a slope that is not positive means the
    values contradict each other.
    """
    rom = p[f"limit_{level}_deg"]
    nz = p[f"neutral_zone_{level}_deg"]
    moment = p["lumbar_test_moment_nm"]
    s = p["spine_smooth_deg"]
    k_nz = p["neutral_zone_torque_fraction"] * moment / nz
    share = p["facet_force_at_test_moment_n"] * lever_arm_mm(p, "L1-L2") / 1000.0 / moment
    d0, d1 = curve_basis((nz,), s, rom)  # the disc: neutral, then elastic
    _, f1, f2 = curve_basis((nz, rom), s, rom)  # the facets: no contact, contact, block
    # facets at the range: f1 k_f + f2 k_b = share M; the whole level: k_nz d0 + d1 k_d + (facets) = M;
    # past the range: k_d + k_b = block - k_nz.
    k_d = (moment - k_nz * d0 - share * moment) / d1
    k_b = p["lumbar_block_stiffness_nm_per_deg"] - k_nz - k_d
    k_f = (share * moment - f2 * k_b) / f1
    # A level stiffer within its range than the large-load value does not soften past it:
    # its facets keep their contact slope (k_b = k_f, no further stiffening).
    soft = k_b < k_f
    if np.any(soft):
        k_even = share * moment / (f1 + f2)
        k_f, k_b = np.where(soft, k_even, k_f), np.where(soft, k_even, k_b)
        if np.ndim(k_f) == 0:
            k_f, k_b = float(k_f), float(k_b)
    return k_nz, k_d, k_f, k_b


def _lumbar_joint(p: dict[str, float], level: str) -> Joint:
    rom = p[f"limit_{level}_deg"]
    nz = p[f"neutral_zone_{level}_deg"]
    s = p["spine_smooth_deg"]
    k_nz, k_d, k_f, k_b = (float(k) for k in lumbar_slopes(p, level))
    if min(k_d, k_f, k_b) <= 0:
        raise ValueError(
            f"{level}: these values give a negative stiffness (disc {k_d:.3g}, facet {k_f:.3g}, block "
            f"{k_b:.3g} Nm/deg): the facets' share of the test moment (facet_force_at_test_moment_n) and the "
            "neutral zone's (neutral_zone_torque_fraction) must leave the disc part of it"
        )
    disc_corners, facet_corners = (nz,), (nz, rom)
    return Joint(
        name=level,
        region="lumbar",
        components={
            "disc": Component((k_nz, k_d), disc_corners, s),
            "facets": Component((0.0, k_f, k_b), facet_corners, s),
        },
        neutral_deg=nz,
        limit_deg=rom,
        tolerance_deg=p["lumbar_tolerance_deg"],
        disc_height_mm=p[f"disc_height_{level}_mm"],
        # Half the measured anterior-posterior depth: the radius of the posterior
        # annulus. The lateral margin is wider, so this underestimates the peak strain.
        disc_radius_mm=p[f"disc_depth_{level}_mm"] / 2.0,
        facet_lever_mm=lever_arm_mm(p, level),
    )


#: The parameter that gives each thoracic level its range (T2-T7 share one).
THORACIC_ROM_KEY: dict[str, str] = {
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


def thoracic_slopes(p: dict[str, Any], level: str) -> tuple[Any, Any, Any, Any]:
    """Neutral and elastic slopes (Nm/deg), neutral zone and in vivo range (deg) of a thoracic level.

    In vivo range at 7.5 Nm: Wilke's in vitro range times the rib cage factor. A lax
    neutral zone, then an elastic zone through that point. Past the in vivo maximum
    (the tolerance) the envelope ends, so no end stiffening is needed: the curve
    carries on with its elastic slope, stiffening only through its rounded corner.
    The values may be numbers or arrays (one body each).
    """
    rom = p[THORACIC_ROM_KEY[level]] * p["rib_cage_range_factor"]
    moment = p["thoracic_test_moment_nm"]
    nz = p["thoracic_neutral_fraction"] * rom
    k_nz = p["neutral_zone_torque_fraction"] * moment / nz
    b0, b1 = curve_basis((nz,), p["thoracic_smooth_deg"], rom)
    return k_nz, (moment - k_nz * b0) / b1, nz, rom


def _thoracic_component(p: dict[str, float], level: str) -> tuple[Component, float, float]:
    k_nz, k_el, nz, rom = (float(v) for v in thoracic_slopes(p, level))
    return Component((k_nz, k_el), (nz,), p["thoracic_smooth_deg"]), nz, rom


def _thoracic_joints(p: dict[str, float]) -> dict[str, Joint]:
    parts = {lv: _thoracic_component(p, lv) for lv in THORACIC_LEVELS}
    # The in vivo maximum is a region total: each level's tolerance is its angle at the
    # torque where the levels together reach it (the levels turn together, in series).
    torque = _torque_for_angle([[parts[lv][0]] for lv in THORACIC_LEVELS], p["thoracic_max_deg"])
    joints = {}
    for level, (component, nz, rom) in parts.items():
        tolerance = float(_invert([component], np.array([torque]))[0])
        if tolerance <= nz:
            raise ValueError(
                f"these parameter values contradict each other: thoracic_max_deg ({p['thoracic_max_deg']:g}) "
                f"ends {level} at {tolerance:.3g} deg, inside its neutral zone ({nz:.3g} deg, from "
                "thoracic_neutral_fraction); raise thoracic_max_deg or lower thoracic_neutral_fraction"
            )
        joints[level] = Joint(
            name=level,
            region="thoracic",
            components={"segment": component},
            neutral_deg=nz,
            # The range at the test moment, unless the in vivo maximum ends the level first.
            limit_deg=min(rom, tolerance),
            tolerance_deg=tolerance,
        )
    return joints


def _invert(components: list[Component], torque_nm: np.ndarray) -> np.ndarray:
    from .solver import invert_joint

    return invert_joint(components, torque_nm)


def _torque_for_angle(joints: list[list[Component]], angle_deg: float) -> float:
    """Torque (Nm) at which joints in series turn ``angle_deg`` together (tabulated, then interpolated).

    Any one joint alone turning the whole angle needs at least that torque, so the largest
    such torque bounds the answer from above.
    """
    unique: dict[tuple[Component, ...], int] = {}
    for components in joints:
        key = tuple(components)
        unique[key] = unique.get(key, 0) + 1
    top = max(float(sum(component_torque_nm(c, angle_deg) for c in key)) for key in unique)
    grid = np.linspace(0.0, top, 2049)
    total = sum(count * _invert(list(key), grid) for key, count in unique.items())
    return float(np.interp(angle_deg, total, grid))


def pair_slack_band(p: dict[str, Any], inner_deg: Any, outer_deg: Any, end_torque_nm: Any) -> tuple[Any, Any]:
    """The slack range (deg) of two joints in parallel that reach ``inner_deg`` at ``end_torque_nm``.

    One joint turns inwards, the other outwards (the hips, the knees). Each is slack,
    then resisted by its capsule (van Arkel's stiffness), from ``band`` degrees short
    of its range's end. The band is found by bisection. The values may be numbers or
    arrays (one body each).

    Returns
    -------
    band_deg : float or ndarray
        Where each capsule engages, counted back from the end of its range (deg).
    possible : bool or ndarray
        False where no band makes the pair carry ``end_torque_nm`` at ``inner_deg``.
    """
    k0 = p["slack_stiffness_nm_per_deg"]
    k1 = p["hip_capsule_stiffness_nm_per_deg"]
    s = p["hip_smooth_deg"]

    def torque(band: Any) -> Any:
        inner = curve_torque_nm((k0, k1), (inner_deg - band,), s, inner_deg)
        return inner + curve_torque_nm((k0, k1), (np.maximum(outer_deg - band, 1e-3),), s, inner_deg)

    lo = np.full(np.shape(inner_deg * end_torque_nm), 1e-3)
    hi = inner_deg - 1e-3 + 0.0 * lo
    possible = (torque(hi) >= end_torque_nm) & (torque(lo) <= end_torque_nm)
    for _ in range(60):
        mid = 0.5 * (lo + hi)
        below = torque(mid) < end_torque_nm
        lo = np.where(below, mid, lo)
        hi = np.where(below, hi, mid)
    band = 0.5 * (lo + hi)
    if band.ndim == 0:
        return float(band), bool(possible)
    return band, possible


def _pair_joint(
    p: dict[str, float], name: str, inner_deg: float, outer_deg: float, end_torque_nm: float
) -> Joint:
    """Two joints in parallel, one turning inwards, the other outwards (see :func:`pair_slack_band`)."""
    band, possible = pair_slack_band(p, inner_deg, outer_deg, end_torque_nm)
    if not possible:
        raise ValueError(
            f"{name}: no slack range reaches {end_torque_nm:.3g} Nm at {inner_deg:g} deg with a capsule of "
            f"{p['hip_capsule_stiffness_nm_per_deg']:g} Nm/deg; check hip_capsule_stiffness_nm_per_deg and "
            "standing_spine_pelvis_ratio"
        )
    k0 = p["slack_stiffness_nm_per_deg"]
    k1 = p["hip_capsule_stiffness_nm_per_deg"]
    s = p["hip_smooth_deg"]
    return Joint(
        name=name,
        region=name,
        components={
            "inward": Component((k0, k1), (inner_deg - band,), s),
            "outward": Component((k0, k1), (max(outer_deg - band, 1e-3),), s),
        },
        neutral_deg=inner_deg - band,
        limit_deg=inner_deg,
        tolerance_deg=inner_deg,
    )


def pelvis_ranges(values: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """The (limiting, other) range (deg) of the legs and of the hips in a pelvis turn.

    Turning the pelvis to one side turns one hip (or knee) inwards and the other
    outwards; the smaller of the two ranges ends the turn. Numbers or arrays.
    """
    out = {}
    for name, inward, outward in (
        ("legs", "knee_internal_rotation_deg", "knee_external_rotation_deg"),
        ("hips", "hip_internal_rotation_deg", "hip_external_rotation_deg"),
    ):
        a, b = values[inward], values[outward]
        out[name] = (np.minimum(a, b), np.maximum(a, b)) if np.ndim(a) else (min(a, b), max(a, b))
    return out


def pelvis_end_torque_nm(spine: dict[str, Joint], values: dict[str, float]) -> float:
    """Torque (Nm) at which the legs and hips reach their ranges in a maximal standing turn.

    At that torque the spine (lumbar + thoracic, in series) turns
    ``standing_spine_pelvis_ratio`` times the pelvis's full range (hips + knees, each
    its smaller range: :func:`pelvis_ranges`).
    """
    ranges = pelvis_ranges(values)
    pelvis_range = ranges["hips"][0] + ranges["legs"][0]
    target = values["standing_spine_pelvis_ratio"] * pelvis_range
    return _torque_for_angle([list(j.components.values()) for j in spine.values()], target)


def build_joints(values: dict[str, float] | None = None) -> dict[str, Joint]:
    """The 19 joints, keyed by name in the order of :data:`LEVELS`, from parameter values.

    Parameters
    ----------
    values : dict, optional
        A complete set of parameter values (defaults if None); checked with
        :func:`check_values`.

    Raises
    ------
    ValueError
        If the values are out of bounds, contradict each other or give an
        impossible joint.
    """
    p = default_values() if values is None else values
    check_values(p)
    spine = {lv: _lumbar_joint(p, lv) for lv in LUMBAR_LEVELS}
    spine.update(_thoracic_joints(p))
    end = pelvis_end_torque_nm(spine, p)
    joints = {name: _pair_joint(p, name, *pair, end) for name, pair in pelvis_ranges(p).items()}
    joints.update(spine)
    return {lv: joints[lv] for lv in LEVELS}
