"""Movement strategies and named scenarios, as data.

A *strategy* says what the muscles do during a turn; a *scenario* is a named set
of inputs to :meth:`spinemodel.SpineModel.solve` (condition, strategy, and the
total rotation or the stretching torque), with the source of each number.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .validation import check_scalar

__all__ = ["Strategy", "STRATEGIES", "Scenario", "SCENARIOS"]


@dataclass(frozen=True)
class Strategy:
    """What the muscles do while the trunk turns (each from 0 = none to 1 = full).

    Parameters
    ----------
    hip_drive : float
        The hip rotators turn the pelvis actively (a hip-led turn).
    thoracic_drive : float
        The upper-back rotators turn the thorax actively.
    lumbar_bracing : float
        The trunk muscles co-contract and stiffen the lumbar levels.
    """

    hip_drive: float = 0.0
    thoracic_drive: float = 0.0
    lumbar_bracing: float = 0.0

    def __post_init__(self) -> None:
        for name in ("hip_drive", "thoracic_drive", "lumbar_bracing"):
            check_scalar(name, getattr(self, name), 0.0, 1.0)


#: Named strategies, from a passive stretch to the hip-led turn athletes are taught.
STRATEGIES: dict[str, Strategy] = {
    # A stretch: the muscles relax and an external pull twists the chain.
    "passive": Strategy(0.0, 0.0, 0.0),
    # The same, with the low back braced.
    "braced": Strategy(0.0, 0.0, 1.0),
    # Turn the pelvis with the hips, rotate the upper back, keep the low back braced.
    "hip_led": Strategy(1.0, 1.0, 1.0),
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


_MCLEAN = (
    "McLean, X-Factor (Golf Digest 2010): shoulder turn about 100 deg, hip turn 45-60 deg (R, low evidence)"
)

SCENARIOS: dict[str, Scenario] = {
    s.name: s
    for s in (
        Scenario(
            "standing_turn",
            "Standing turn, passive",
            "Standing with the feet planted, the shoulders turned 100 deg by a pull (door frame, "
            "partner) with the muscles relaxed: hips, lumbar and thoracic spine share it passively.",
            {"total_deg": 100.0, "pelvis": "free", "strategy": "passive"},
            "total: a full shoulder turn, " + _MCLEAN,
        ),
        Scenario(
            "seated_twist_stretch",
            "Seated twist stretch",
            "Sitting (the pelvis fixed on the seat), an elbow levering against the knee pulls the "
            "trunk round with 20 Nm: the hips take no part.",
            {"torque_nm": 20.0, "pelvis": "fixed", "strategy": "passive"},
            "torque: model choice (M), a firm pull of 100 N at 0.2 m, 2.7 times the 7.5 Nm "
            "standard test moment (Niosi 2006, Wilke 2017)",
        ),
        Scenario(
            "supine_knee_drop",
            "Supine knee drop",
            "Lying on the back with the shoulders flat, both bent knees dropped to the floor: the "
            "pelvis and legs turn a right angle under a held thorax; the hips take no part.",
            {"total_deg": 90.0, "pelvis": "fixed", "strategy": "passive"},
            "total: geometry (M), the pelvis lying on its side under a flat thorax, about 90 deg; "
            "hip adduction takes part of it in reality, so this is an upper bound",
        ),
        Scenario(
            "golf_backswing",
            "Golf backswing",
            "A full backswing taught the athletic way: the hips turn the pelvis, the upper back "
            "rotates, the low back stays braced. Compare the model's hip turn with McLean's numbers.",
            {"total_deg": 100.0, "pelvis": "free", "strategy": "hip_led"},
            _MCLEAN,
            {"shoulder_turn_deg": 100.0, "hip_turn_deg": (45.0, 60.0)},
        ),
        Scenario(
            "hip_and_upper_back",
            "Hip and upper-back turn",
            "The standing turn of 'standing_turn' (100 deg), done as athletes are taught: "
            "the hips and the upper back drive it, the low back is braced.",
            {"total_deg": 100.0, "pelvis": "free", "strategy": "hip_led"},
            "total: as standing_turn, " + _MCLEAN,
        ),
        Scenario(
            "braced_seated_twist",
            "Seated twist, low back braced",
            "The seated twist stretch with the trunk muscles braced: bracing stiffens the lumbar "
            "levels (Gardner-Morse & Stokes 2001) but cannot add hip rotation while seated.",
            {"torque_nm": 20.0, "pelvis": "fixed", "strategy": "braced"},
            "as seated_twist_stretch; bracing gain from Gardner-Morse & Stokes 2001, J Biomech 34:457 (R)",
        ),
    )
}
