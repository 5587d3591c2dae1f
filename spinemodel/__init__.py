"""spinemodel: why the low back resists twisting, as an explorable model.

The trunk's axial rotation is shared by the hips, five lumbar and twelve thoracic
joints in series. The lumbar facets form a bony block near 15 degrees; a stretch
that forces rotation past it compresses the facets and shears the disc's annulus.

Everything this package computes is a model estimate for teaching: an
educational model, not medical advice.

>>> import spinemodel as sm
>>> pose = sm.SpineModel().solve(scenario="golf_backswing")
>>> pose.regions_deg["lumbar"] < pose.lumbar_cap_deg
True
"""

from .anatomy import CALIBRATION, LEVELS, LUMBAR_LEVELS, PARAMETERS, THORACIC_LEVELS, Cited, parameter_table
from .loads import ZONES
from .model import MOBILITY_RANGE, PELVIS_CONDITIONS, Pose, SpineModel
from .scenarios import SCENARIOS, STRATEGIES, Scenario, Strategy

__version__ = "0.1.0"

__all__ = [
    "CALIBRATION",
    "Cited",
    "LEVELS",
    "LUMBAR_LEVELS",
    "MOBILITY_RANGE",
    "PARAMETERS",
    "PELVIS_CONDITIONS",
    "Pose",
    "SCENARIOS",
    "STRATEGIES",
    "Scenario",
    "SpineModel",
    "Strategy",
    "THORACIC_LEVELS",
    "ZONES",
    "parameter_table",
]
