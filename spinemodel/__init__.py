"""spinemodel: why the low back resists twisting, as an explorable model.

A turn of the body is shared by joints in series: the legs and hips turning the
pelvis over the planted feet, five lumbar and twelve thoracic levels. The lumbar
levels are the stiffest: their facets block rotation past each level's measured
range (about 11 degrees in all), and the contralateral facet is pressed harder the
further a stretch pulls. Every joint has a tolerance; a turn ends where the first
range ends (:meth:`SpineModel.reachable_deg`).

Every source reports a spread: :meth:`SpineModel.spread` solves a pose for a
population of bodies drawn from those spreads and gives each output's band.

Everything this package computes is a model estimate for teaching: an
educational model, not medical advice.

>>> import spinemodel as sm
>>> pose = sm.SpineModel().solve(scenario="golf_backswing")
>>> pose.regions_deg["lumbar"] < pose.lumbar_cap_deg
True
"""

from .anatomy import (
    CALIBRATION,
    LEVELS,
    LOWER_LIMB_JOINTS,
    LUMBAR_LEVELS,
    PARAMETERS,
    REGIONS,
    THORACIC_LEVELS,
    Cited,
    parameter_table,
)
from .loads import ZONES
from .model import MOBILITY_RANGE, PELVIS_CONDITIONS, Pose, SpineModel
from .population import VARIATION, Band, PoseValues, Variation
from .scenarios import SCENARIOS, STRATEGIES, Scenario, Strategy

__version__ = "0.1.0"

__all__ = [
    "CALIBRATION",
    "Cited",
    "LEVELS",
    "LOWER_LIMB_JOINTS",
    "LUMBAR_LEVELS",
    "MOBILITY_RANGE",
    "PARAMETERS",
    "PELVIS_CONDITIONS",
    "REGIONS",
    "Pose",
    "PoseValues",
    "Band",
    "VARIATION",
    "Variation",
    "SCENARIOS",
    "STRATEGIES",
    "Scenario",
    "SpineModel",
    "Strategy",
    "THORACIC_LEVELS",
    "ZONES",
    "parameter_table",
]
