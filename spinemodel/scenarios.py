"""Movement strategies and named scenarios, as data.

A *strategy* says what the muscles do during a turn; a *scenario* is a named set
of inputs to :meth:`spinemodel.SpineModel.solve` (condition, strategy, and the
total rotation or the stretching torque), with the source of each number.

A scenario's ``total_deg`` may be the string ``"reach"``: the largest total the
body can reach under the scenario's conditions (the envelope of the model).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .validation import check_scalar

__all__ = ["Strategy", "STRATEGIES", "Scenario", "SCENARIOS", "REACH"]

#: A scenario's ``total_deg`` that means "as far as the body can turn under these conditions".
REACH = "reach"


@dataclass(frozen=True)
class Strategy:
    """What the muscles and the stance do while the trunk turns.

    Parameters
    ----------
    hip_led : bool
        The hip muscles turn the pelvis (legs and hips) by the share of the total
        that trained golfers' pelvis takes at the top of the backswing
        (``athlete_pelvis_share``, McTeigue et al. 1994); the spine takes the rest.
        Otherwise every joint turns passively under the same torque.
    knees_flexed : bool
        The athletic stance: knees flexed 30-90 deg, where the knee rotates about
        25 deg instead of 10 (``knee_flexed_internal_rotation_deg``).
    lumbar_bracing : float
        0 (relaxed) to 1: the trunk muscles co-contract and stiffen the lumbar
        levels by ``bracing_stiffness_gain`` (a modelling choice, M).
    """

    hip_led: bool = False
    knees_flexed: bool = False
    lumbar_bracing: float = 0.0

    def __post_init__(self) -> None:
        for name in ("hip_led", "knees_flexed"):
            value = getattr(self, name)
            if not isinstance(value, bool):
                raise TypeError(f"{name} must be True or False, got {value!r}")
        check_scalar("lumbar_bracing", self.lumbar_bracing, 0.0, 1.0)


#: Named strategies, from a passive stretch to the hip-led turn athletes are taught.
STRATEGIES: dict[str, Strategy] = {
    # A stretch: the muscles relax and an external pull twists the chain.
    "passive": Strategy(),
    # The same, with the low back braced.
    "braced": Strategy(lumbar_bracing=1.0),
    # The golfer's turn: knees flexed, the hips turn the pelvis by the measured share.
    "hip_led": Strategy(hip_led=True, knees_flexed=True),
}


@dataclass(frozen=True)
class Scenario:
    """A named preset of :meth:`~spinemodel.SpineModel.solve` inputs."""

    name: str
    title: str
    description: str
    inputs: dict[str, object]
    source: str
    reference: dict[str, object] = field(default_factory=dict)
    #: How figure titles name the setting where the pelvis condition alone would misname it
    #: (None: "seated (pelvis fixed)" or "standing (pelvis free)").
    setting: str | None = None


_MCTEIGUE = (
    "McTeigue, Lamb, Mottram & Pirozzolo 1994, Science and Golf II: at the top of the backswing PGA Tour "
    "players turned the pelvis 55 deg and the upper body 87 deg (amateurs 53 and 87; R)"
)
_FUJII = (
    "Fujii et al. 2007, Eur Spine J 16:1867: in vivo lumbar rotation measured at 45 deg of trunk rotation (R)"
)
_STANDING = (
    "Taniguchi et al. 2017, PLoS One 12:e0186369: maximal standing rotation, spine/pelvis ratio "
    "0.41 +/- 0.12 in healthy adults (R); Montgomery, Boocock & Hing 2011, Clin Biomech 26:707: about "
    "33 deg of trunk and 64 deg of pelvis rotation standing (derived from the abstract)"
)
_SEATED = (
    "Gregersen & Lucas 1967, J Bone Joint Surg Am 49:247 (pins, pelvis fixed, as far as possible) and "
    "Johnson et al. 2012, J Athl Train 47:52 (seated rotation about 41-45 deg, R2)"
)

SCENARIOS: dict[str, Scenario] = {
    s.name: s
    for s in (
        Scenario(
            "standing_turn",
            "Standing turn, passive",
            "Standing with the feet planted, the shoulders turned 45 deg by a pull with the muscles "
            "relaxed: legs, hips, lumbar and thoracic spine share it passively.",
            {"total_deg": 45.0, "pelvis": "free", "strategy": "passive"},
            "total: the 45 deg at which the lumbar spine was measured in vivo, " + _FUJII,
        ),
        Scenario(
            "max_standing_turn",
            "Maximal standing turn",
            "A healthy adult turning as far as they can while standing, feet planted: the legs and "
            "hips reach the end of their range and the spine takes the rest.",
            {"total_deg": REACH, "pelvis": "free", "strategy": "passive"},
            "total: the model's reach standing; compare " + _STANDING,
            {"spine_pelvis_ratio": (0.29, 0.53)},
        ),
        Scenario(
            "seated_twist_stretch",
            "Seated twist stretch",
            "Sitting (the pelvis fixed on the seat), an elbow levering against the knee pulls the "
            "trunk round to the end of its range: the legs and hips take no part.",
            {"total_deg": REACH, "pelvis": "fixed", "strategy": "passive"},
            "total: the model's reach with the pelvis fixed; compare " + _SEATED,
        ),
        Scenario(
            "supine_knee_drop",
            "Supine knee drop",
            "Lying on the back with the shoulders flat, both bent knees dropped to one side: the pelvis "
            "turns under a held thorax until the spine reaches the end of its range. The rest of the "
            "drop to the floor comes from hip adduction, which this axial model leaves out.",
            {"total_deg": REACH, "pelvis": "fixed", "strategy": "passive"},
            "total: the model's reach with the thorax held (pelvis fixed relative to the turn); " + _SEATED,
            setting="supine knee drop (thorax held; drawn relative to the pelvis)",
        ),
        Scenario(
            "golf_backswing",
            "Golf backswing",
            "A full backswing taught the athletic way: knees flexed, the hips turn the pelvis by the "
            "share trained golfers use, the spine takes the rest. Upper body turned 87 deg.",
            {"total_deg": 87.0, "pelvis": "free", "strategy": "hip_led"},
            _MCTEIGUE,
            {"shoulder_turn_deg": 87.0, "hip_turn_deg": (53.0, 55.0)},
        ),
        Scenario(
            "hip_and_upper_back",
            "Hip-led turn",
            "The 45 deg standing turn of 'standing_turn', done as athletes are taught: knees flexed, "
            "the hips turn the pelvis by the golfers' share.",
            {"total_deg": 45.0, "pelvis": "free", "strategy": "hip_led"},
            "total: as standing_turn; pelvis share from " + _MCTEIGUE,
        ),
        Scenario(
            "braced_seated_twist",
            "Seated twist, low back braced",
            "The seated twist stretch with the trunk muscles braced: bracing stiffens the lumbar levels "
            "(a modelling choice) but cannot add hip rotation while seated.",
            {"total_deg": REACH, "pelvis": "fixed", "strategy": "braced"},
            "as seated_twist_stretch; bracing gain: Gardner-Morse & Stokes 2001, J Biomech 34:457, a "
            "translational stiffness used for axial stiffness (M)",
        ),
    )
}
