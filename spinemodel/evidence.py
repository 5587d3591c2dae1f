"""How sure is the model? Its population against every published observation it uses or meets.

:data:`OBSERVATIONS` lists, one row each, the published observations the model is
built from (``role="input"``: the comparison only shows that the population of
bodies reproduces them) and those it is checked against (``role="check"``: nothing
in the model was fitted to them). For each, :func:`validate` computes *when it runs*
what the model predicts for the same quantity under the same condition, over a
population of bodies (:meth:`spinemodel.SpineModel.spread`, or an isolated joint in a
test rig, :meth:`spinemodel.bodies.Bodies.angle_at`): the median and the 5-95% band.

Whether a row agrees follows one of two stated rules:

``mean_in_band``
    the published mean lies inside the model's 5-95% band (used where the source
    gives a mean, with or without an SD);
``overlap``
    the published range and the model's band overlap (used where the source gives a
    range: of per-level means, of test results, ...).

Rows that disagree stay in the table with a note on why. Each row names what is
compared, since a published value and a model output are rarely exactly the same
quantity; where they differ, the note says how.

``python -m spinemodel validate`` prints the table (``--json`` for JSON). This module
is pure numpy and never imports a plotting or widget library.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from .anatomy import LUMBAR_LEVELS, PARAMETERS
from .model import LABEL, SpineModel
from .population import Band, Population, check_spread_arguments

__all__ = [
    "Observation",
    "ValidationRow",
    "OBSERVATIONS",
    "RULES",
    "validate",
    "format_validation",
]

#: The agreement rules, in words (the ``how`` of every row).
RULES: dict[str, str] = {
    "mean_in_band": "published mean inside the model band",
    "overlap": "published range and model band overlap",
}

#: The model band: the 5th and 95th percentile over the bodies, with the median between.
_QUANTILES = (0.05, 0.5, 0.95)


class _Runs:
    """The model's population and its bands for one validation run (each pose solved once)."""

    def __init__(self, model: SpineModel, n: int, seed: int) -> None:
        self.model, self.n, self.seed = model, n, seed
        self._bands: dict[tuple, Band] = {}

    @property
    def population(self) -> Population:
        return self.model.population(n=self.n, seed=self.seed)

    def band(self, **inputs: Any) -> Band:
        key = tuple(sorted(inputs.items()))
        if key not in self._bands:
            self._bands[key] = self.model.spread(n=self.n, seed=self.seed, quantiles=_QUANTILES, **inputs)
        return self._bands[key]

    def regions(self, **inputs: Any) -> dict[str, np.ndarray]:
        return self.band(**inputs).samples.regions_deg


@dataclass(frozen=True)
class Observation:
    """One published observation and how the model computes the same quantity.

    Attributes
    ----------
    key : str
        Short identifier.
    label : str
        A short name for tables and figures (quantity and condition in a few words).
    source : str
        Author(s), year, journal.
    quantity : str
        What was measured.
    condition : str
        In vivo or in vitro, posture, load.
    published : float
        The published mean, or the middle of a published range.
    published_low, published_high : float
        Mean - SD and mean + SD, or the range's ends; equal to ``published`` when
        the source reports no spread.
    spread : str
        What ``published_low``/``published_high`` are ("SD", "range of per-level
        means", "no spread reported", ...).
    units : str
    role : {"input", "check"}
        ``input``: the model was built from it; ``check``: independent.
    rule : {"mean_in_band", "overlap"}
        How agreement is decided (:data:`RULES`).
    compared : str
        What the model computes for the comparison.
    compute : callable
        ``compute(runs) -> ndarray`` of shape (n,): each body's value (NaN where a
        body cannot take the pose).
    note : str
        Why the row agrees or not, and what differs between the two quantities.
    """

    key: str
    label: str
    source: str
    quantity: str
    condition: str
    published: float
    published_low: float
    published_high: float
    spread: str
    units: str
    role: str
    rule: str
    compared: str
    compute: Callable[[_Runs], np.ndarray]
    note: str = ""

    def __post_init__(self) -> None:
        if self.role not in ("input", "check"):
            raise ValueError(f"{self.key}: role must be 'input' or 'check', got {self.role!r}")
        if self.rule not in RULES:
            raise ValueError(f"{self.key}: rule must be one of {', '.join(RULES)}, got {self.rule!r}")
        if not self.published_low <= self.published <= self.published_high:
            raise ValueError(f"{self.key}: published_low <= published <= published_high must hold")

    @property
    def cite(self) -> str:
        """The source in short: first author and year, e.g. ``Niosi 2006``."""
        author = re.split(r"[ ,&]", self.source, maxsplit=1)[0]
        year = re.search(r"\b(1[89]|20)\d\d\b", self.source)
        return f"{author} {year.group(0)}" if year else author

    def published_text(self) -> str:
        """The published value as the source gives it, e.g. ``2.1 +/- 0.9 (SD)``."""
        if self.published_low == self.published_high:
            return f"{self.published:g} ({self.spread})"
        if self.spread.startswith("SD"):
            return f"{self.published:g} +/- {self.published_high - self.published:.3g} ({self.spread})"
        return f"{self.published_low:g}-{self.published_high:g} ({self.spread})"


@dataclass(frozen=True)
class ValidationRow:
    """One row of :func:`validate`: an :class:`Observation` and the model's band for it.

    ``model``, ``model_low`` and ``model_high`` are the median, 5th and 95th percentile
    over the bodies that can take the pose (``fraction`` of them), computed when
    :func:`validate` ran: model estimates, not measurements.
    """

    observation: Observation
    model: float
    model_low: float
    model_high: float
    fraction: float
    agrees: bool

    @property
    def how(self) -> str:
        """The rule that decided ``agrees``, in words."""
        return RULES[self.observation.rule]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: ``source``, ``quantity``, ``published``, ``model``, ``model_low``,
        ``model_high``, ``agrees`` and the rest of the row."""
        o = self.observation
        return {
            "key": o.key,
            "observation": o.label,
            "cite": o.cite,
            "source": o.source,
            "quantity": o.quantity,
            "condition": o.condition,
            "role": o.role,
            "published": o.published,
            "published_low": o.published_low,
            "published_high": o.published_high,
            "published_spread": o.spread,
            "units": o.units,
            "compared": o.compared,
            "model": _plain(self.model),
            "model_low": _plain(self.model_low),
            "model_high": _plain(self.model_high),
            "bodies_included": self.fraction,
            "agrees": self.agrees,
            "how": self.how,
            "note": o.note,
            "label": LABEL,
        }


def _plain(value: float) -> float | None:
    return value if math.isfinite(value) else None


# --- the observations -------------------------------------------------------------------------
_YAMAMOTO = "Yamamoto, Panjabi, Crisco & Oxland 1989, Spine 14:1256"
_NIOSI = "Niosi et al. 2006, Eur Spine J 15:913"
_WILKE = "Wilke, Herkommer, Werner & Liebsch 2017, PLoS One 12:e0177823"
_MONTGOMERY = "Montgomery, Boocock & Hing 2011, Clin Biomech 26:707"
_MEAN_ONLY = "mean; no SD in the abstract"

#: The lumbar and thoracic test moments (Nm) of the in vitro studies: Yamamoto 1989 loaded to 10 Nm
#: (``lumbar_test_moment_nm``), Wilke 2017 and Niosi 2006 to 7.5 Nm.
_LUMBAR_MOMENT_NM = PARAMETERS["lumbar_test_moment_nm"].value
_THORACIC_MOMENT_NM = PARAMETERS["thoracic_test_moment_nm"].value
_NIOSI_MOMENT_NM = 7.5  # Niosi et al. 2006, Table 1: pure moment 7.5 Nm
_JAUMARD_MOMENT_NM = 7.5  # Jaumard et al. 2011, Table 2: facet force at 7.5 Nm
_FUJII_TOTAL_DEG = 45.0  # Fujii et al. 2007: lumbar rotation measured at 45 deg of trunk rotation


def _isolated_angle(level: str, torque_nm: float) -> Callable[[_Runs], np.ndarray]:
    return lambda runs: runs.population.bodies.angle_at(level, torque_nm)


def _per_level(**inputs: Any) -> Callable[[_Runs], np.ndarray]:
    """The mean lumbar angle per level (lumbar region / 5) of each body in a pose."""
    return lambda runs: np.asarray(runs.regions(**inputs)["lumbar"]) / len(LUMBAR_LEVELS)


def _region(name: str, **inputs: Any) -> Callable[[_Runs], np.ndarray]:
    return lambda runs: np.asarray(runs.regions(**inputs)[name], dtype=float)


def _spine_over_pelvis(runs: _Runs) -> np.ndarray:
    r = runs.regions(scenario="max_standing_turn")
    return (np.asarray(r["lumbar"]) + np.asarray(r["thoracic"])) / np.asarray(r["pelvis"])


def _facet_share(runs: _Runs) -> np.ndarray:
    """The facets' share of the axial torque at the test moment (the same at every level by construction)."""
    bodies = runs.population.bodies
    force = bodies.facet_force_at("L1-L2", _LUMBAR_MOMENT_NM)
    return force * bodies.lever_mm["L1-L2"][:, 0] / 1000.0 / _LUMBAR_MOMENT_NM


def _thoracic_without_ribs(level: str) -> Callable[[_Runs], np.ndarray]:
    """A thoracic level's angle at 7.5 Nm with the rib-cage factor undone (Wilke's segments had none)."""

    def compute(runs: _Runs) -> np.ndarray:
        population = runs.population
        angle = population.bodies.angle_at(level, _THORACIC_MOMENT_NM)
        return angle / population.values["rib_cage_range_factor"]

    return compute


def _yamamoto_rows() -> list[Observation]:
    rows = []
    for level in LUMBAR_LEVELS:
        value = PARAMETERS[f"limit_{level}_deg"].value  # Yamamoto 1989's published range at this level
        rows.append(
            Observation(
                key=f"yamamoto_{level}",
                label=f"{level} range, 10 Nm, in vitro",
                source=_YAMAMOTO,
                quantity=f"{level} axial rotation range, one side",
                condition="in vitro motion segment, pure moment 10 Nm, no preload, n=10",
                published=value,
                published_low=value,
                published_high=value,
                spread=_MEAN_ONLY,
                units="deg",
                role="input",
                rule="mean_in_band",
                compared=f"{level} alone under 10 Nm (Bodies.angle_at)",
                compute=_isolated_angle(level, _LUMBAR_MOMENT_NM),
                note="the level's range is this value; the population's median sits below it because ranges "
                "are drawn log-normal with this mean (CV 43%, Niosi 2006)",
            )
        )
    return rows


def _observations() -> tuple[Observation, ...]:
    hip_internal = PARAMETERS["hip_internal_rotation_deg"].value  # Kouyoumdjian 2012, prone
    schendel = PARAMETERS["facet_force_at_test_moment_n"].value  # Schendel 1993, 65 N at 10 Nm
    thoracic_max = PARAMETERS["thoracic_max_deg"].value  # Gregersen & Lucas 1967, 38 deg one side
    ratio = PARAMETERS["standing_spine_pelvis_ratio"].value  # Taniguchi 2017, 0.41 +/- 0.12
    golf_pelvis = 55.0  # McTeigue et al. 1994: PGA Tour pelvis turn at the top of the backswing (deg)
    golf_total = 87.0  # McTeigue et al. 1994: upper-body turn (deg), the golf_backswing scenario's total
    return (
        *_yamamoto_rows(),
        Observation(
            key="schendel_facet_force",
            label="L1-L2 facet force, 10 Nm, in vitro",
            source="Schendel, Wood, Buttermann, Lewis & Ogilvie 1993, J Biomech 26:427",
            quantity="L1-L2 contralateral facet force",
            condition="in vitro, torsion 10 Nm, 150 N axial load, strain gauges, n=5",
            published=schendel,
            published_low=schendel,
            published_high=schendel,
            spread="mean; no SD read",
            units="N",
            role="input",
            rule="mean_in_band",
            compared="L1-L2 alone under 10 Nm (Bodies.facet_force_at)",
            compute=lambda runs: runs.population.bodies.facet_force_at("L1-L2", _LUMBAR_MOMENT_NM),
            note="sets every level's facet share; the population's spread is Jaumard 2011's (CV 61%)",
        ),
        Observation(
            key="wilke_T1_T10",
            label="T1-T10 level range, 7.5 Nm, no ribs",
            source=_WILKE,
            quantity="thoracic level axial range, one side, T1-T10 (T5-T6 shown)",
            condition="in vitro segments with costovertebral joints, no sternum, +/-7.5 Nm, n=68",
            published=5.5,  # Wilke 2017: 10-12 deg total (left + right) at T1-T10, halved
            published_low=5.0,
            published_high=6.0,
            spread="range of per-level means, halved",
            units="deg",
            role="input",
            rule="overlap",
            compared="T5-T6 alone under 7.5 Nm divided by each body's rib-cage factor (undoes the model's "
            "in vivo scaling)",
            compute=_thoracic_without_ribs("T5-T6"),
            note="only shows the population reproduces its input; the model itself uses 0.51-0.63 of this "
            "range (the rib cage), for which no in vivo per-level check was found",
        ),
        Observation(
            key="wilke_T10_T12",
            label="T10-T12 level range, 7.5 Nm, no ribs",
            source=_WILKE,
            quantity="thoracic level axial range, one side, T10-T12 (T11-T12 shown)",
            condition="in vitro segments with costovertebral joints, no sternum, +/-7.5 Nm, n=68",
            published=3.75,  # Wilke 2017: 7-8 deg total at T10-T12, halved
            published_low=3.5,
            published_high=4.0,
            spread="range of per-level means, halved",
            units="deg",
            role="input",
            rule="overlap",
            compared="T11-T12 alone under 7.5 Nm divided by each body's rib-cage factor",
            compute=_thoracic_without_ribs("T11-T12"),
            note="as the row above",
        ),
        Observation(
            key="gregersen_thoracic_max",
            label="thoracic maximum, in vivo",
            source="Gregersen & Lucas 1967, J Bone Joint Surg Am 49:247",
            quantity="thoracic rotation at the end of range, one side",
            condition="in vivo, Steinmann pins, pelvis fixed, turning as far as possible, n=7",
            published=thoracic_max,
            published_low=thoracic_max,
            published_high=thoracic_max,
            spread="derived: about 6 deg per level, 10 deg at T12-L1, side to side, halved",
            units="deg",
            role="input",
            rule="mean_in_band",
            compared="thoracic region at the seated reach (seated_twist_stretch)",
            compute=_region("thoracic", scenario="seated_twist_stretch"),
            note="the thoracic in vivo maximum ends the seated turn by construction",
        ),
        Observation(
            key="kouyoumdjian_prone",
            label="hip internal rotation, prone",
            source="Kouyoumdjian et al. 2012, Orthop Traumatol Surg Res 98:17",
            quantity="hip internal rotation, prone",
            condition="in vivo, passive, hip extended, n=120",
            published=hip_internal,
            published_low=hip_internal,
            published_high=hip_internal,
            spread="mean; no SD read",
            units="deg",
            role="input",
            rule="mean_in_band",
            compared="hips at the end of a maximal standing turn (the smaller of internal and external "
            "range)",
            compute=_region("hips", scenario="max_standing_turn"),
            note="the model's hip range; the population's SD is Murray 2009's",
        ),
        Observation(
            key="taniguchi_ratio",
            label="spine / pelvis, standing maximum",
            source="Taniguchi, Tateuchi, Ibuki & Ichihashi 2017, PLoS One 12:e0186369",
            quantity="spine / pelvis rotation at maximal standing turn",
            condition="in vivo, standing, feet planted, 3-D motion analysis, 15 healthy controls",
            published=ratio,
            published_low=ratio - 0.12,  # Taniguchi 2017: SD 0.12
            published_high=ratio + 0.12,
            spread="SD",
            units="ratio",
            role="input",
            rule="mean_in_band",
            compared="(lumbar + thoracic) / pelvis at max_standing_turn",
            compute=_spine_over_pelvis,
            note="the hips' and legs' slack range is set so that each body meets its own drawn ratio",
        ),
        Observation(
            key="mcteigue_golf_pelvis",
            label="pelvis turn, golf backswing",
            source="McTeigue, Lamb, Mottram & Pirozzolo 1994, Science and Golf II, ch. 8",
            quantity="pelvis turn at the top of the backswing",
            condition=f"in vivo, 51 PGA Tour players, upper body turned {golf_total:g} deg",
            published=golf_pelvis,
            published_low=golf_pelvis,
            published_high=golf_pelvis,
            spread="mean; no SD reported",
            units="deg",
            role="input",
            rule="mean_in_band",
            compared="pelvis in golf_backswing (hip-led, 87 deg)",
            compute=_region("pelvis", scenario="golf_backswing"),
            note="imposed: the hip-led strategy turns the pelvis by each body's drawn share "
            "(athlete_pelvis_share); only bodies that can turn 87 deg are included",
        ),
        # --- independent checks ---
        Observation(
            key="niosi_rom",
            label="L3-L4 range, 7.5 Nm, in vitro",
            source=_NIOSI,
            quantity="L3-L4 axial rotation range, one side",
            condition="in vitro motion segment, pure moment 7.5 Nm, no preload, n=10 (Table 1)",
            published=2.1,
            published_low=2.1 - 0.9,
            published_high=2.1 + 0.9,
            spread="SD",
            units="deg",
            role="check",
            rule="mean_in_band",
            compared="L3-L4 alone under 7.5 Nm (Bodies.angle_at)",
            compute=_isolated_angle("L3-L4", _NIOSI_MOMENT_NM),
            note="the mean is independent (the model's ranges are Yamamoto's at 10 Nm); the population's "
            "spread of every level's range is this SD (CV 43%)",
        ),
        Observation(
            key="niosi_neutral_zone",
            label="L3-L4 neutral zone, in vitro",
            source=_NIOSI,
            quantity="L3-L4 neutral zone, one side",
            condition="in vitro motion segment, no preload, n=10 (Table 2)",
            published=0.3,
            published_low=0.0,
            published_high=0.3 + 0.3,
            spread="SD",
            units="deg",
            role="check",
            rule="mean_in_band",
            compared="L3-L4 neutral zone of each body (Yamamoto's, halved, and its drawn spread)",
            compute=lambda runs: np.asarray(runs.population.values["neutral_zone_L3-L4_deg"], dtype=float),
            note="the mean is independent; the population's spread of the neutral zones is this SD (CV 100%)",
        ),
        Observation(
            key="jaumard_facet_force",
            label="T12-L2 facet force, 7.5 Nm, in vitro",
            source="Jaumard, Welch & Winkelstein 2011, J Biomech Eng 133:071010 (review), Table 2",
            quantity="contralateral facet force, T12-L2",
            condition="in vitro, axial torque 7.5 Nm, strain gauges",
            published=70.3,
            published_low=70.3 - 43.2,
            published_high=70.3 + 43.2,
            spread="SD",
            units="N",
            role="check",
            rule="mean_in_band",
            compared="L1-L2 alone under 7.5 Nm (Bodies.facet_force_at)",
            compute=lambda runs: runs.population.bodies.facet_force_at("L1-L2", _JAUMARD_MOMENT_NM),
            note="the model's median is lower: its facet force is Schendel 1993's (65 N at 10 Nm), and at "
            "7.5 Nm a level is still inside its range, where the facets carry less of the torque; the "
            "population's spread of the facet force is this SD (CV 61%)",
        ),
        Observation(
            key="ueno_facet_share",
            label="facets' share of the torque, FE",
            source="Ueno & Liu 1987, J Biomech Eng 109:200",
            quantity="facets' share of the axial torque",
            condition="finite-element model of a lumbar joint in physiological torsion",
            published=0.25,  # middle of the 10-40% the paper reports
            published_low=0.10,
            published_high=0.40,
            spread="range",
            units="fraction",
            role="check",
            rule="overlap",
            compared="facet torque / 10 Nm of a lumbar level alone at 10 Nm (the same at every level)",
            compute=_facet_share,
            note="an FE model, not a measurement; the model's share follows from Schendel's force",
        ),
        Observation(
            key="kouyoumdjian_supine",
            label="hip internal rotation, supine",
            source="Kouyoumdjian et al. 2012, Orthop Traumatol Surg Res 98:17",
            quantity="hip internal rotation, supine",
            condition="in vivo, passive, n=120",
            published=29.6,
            published_low=29.6,
            published_high=29.6,
            spread="mean; no SD read",
            units="deg",
            role="check",
            rule="mean_in_band",
            compared="hips at the end of a maximal standing turn",
            compute=_region("hips", scenario="max_standing_turn"),
            note="the model uses the prone value (the hip extended, as standing); supine is another posture",
        ),
        Observation(
            key="murray_hip",
            label="hip internal rotation, passive",
            source="Murray et al. 2009, Phys Ther Sport 10:131",
            quantity="hip internal (medial) rotation, passive",
            condition="in vivo, hip at 0 deg flexion, inclinometer, 36 controls",
            published=31.1,
            published_low=31.1 - 8.1,
            published_high=31.1 + 8.1,
            spread="SD",
            units="deg",
            role="check",
            rule="mean_in_band",
            compared="hips at the end of a maximal standing turn",
            compute=_region("hips", scenario="max_standing_turn"),
            note="the mean is independent; its SD is the population's spread of the hip range",
        ),
        Observation(
            key="fujii_seated_45",
            label="lumbar per level at 45 deg, pelvis held",
            source="Fujii et al. 2007, Eur Spine J 16:1867",
            quantity="lumbar rotation per segment at 45 deg of trunk rotation",
            condition="in vivo, supine, pelvis held, MRI, n=10",
            published=1.45,
            published_low=1.2,
            published_high=1.7,
            spread="range of per-segment means",
            units="deg",
            role="check",
            rule="overlap",
            compared="lumbar region / 5 at a 45 deg turn, pelvis fixed",
            compute=_per_level(total_deg=_FUJII_TOTAL_DEG, pelvis="fixed"),
            note="the model puts more into the lumbar spine than was measured, though the bands overlap; "
            "bodies that cannot turn 45 deg with the pelvis fixed are left out",
        ),
        Observation(
            key="montgomery_ratio",
            label="trunk / pelvis, standing maximum",
            source=_MONTGOMERY,
            quantity="trunk / pelvis rotation, standing maximal turn",
            condition="in vivo, standing (derived from the abstract: 33 / 64 deg)",
            published=0.51,
            published_low=0.51,
            published_high=0.51,
            spread="no spread read",
            units="ratio",
            role="check",
            rule="mean_in_band",
            compared="(lumbar + thoracic) / pelvis at max_standing_turn",
            compute=_spine_over_pelvis,
            note="agrees in proportion; the angles themselves do not (next two rows)",
        ),
        Observation(
            key="montgomery_pelvis",
            label="pelvis, standing maximum",
            source=_MONTGOMERY,
            quantity="pelvis rotation, standing maximal turn",
            condition="in vivo, standing (derived from the abstract)",
            published=64.0,
            published_low=64.0,
            published_high=64.0,
            spread="no spread read",
            units="deg",
            role="check",
            rule="mean_in_band",
            compared="pelvis (legs + hips) at max_standing_turn",
            compute=_region("pelvis", scenario="max_standing_turn"),
            note="the model's pelvis ends at the hips' passive range plus the knees'; Montgomery's "
            "subjects turned further, perhaps with the feet and ankles the model leaves out, or with a "
            "different reference for the pelvis (not read)",
        ),
        Observation(
            key="montgomery_trunk",
            label="trunk on pelvis, standing maximum",
            source=_MONTGOMERY,
            quantity="trunk rotation on the pelvis, standing maximal turn",
            condition="in vivo, standing (derived from the abstract)",
            published=33.0,
            published_low=33.0,
            published_high=33.0,
            spread="no spread read",
            units="deg",
            role="check",
            rule="mean_in_band",
            compared="lumbar + thoracic at max_standing_turn",
            compute=lambda runs: (
                _region("lumbar", scenario="max_standing_turn")(runs)
                + _region("thoracic", scenario="max_standing_turn")(runs)
            ),
            note="a relaxed standing turn in the model ends when the hips do, with the spine far "
            "from its own range; an active turn can push the spine further than the passive chain does",
        ),
        Observation(
            key="johnson_seated_max",
            label="seated rotation, maximum",
            source="Johnson et al. 2012, J Athl Train 47:52 (with Gregersen & Lucas 1967)",
            quantity="seated trunk rotation, as far as possible",
            condition="in vivo, seated clinical rotation tests (values read in a secondary source)",
            published=43.0,
            published_low=41.0,
            published_high=45.0,
            spread="range between tests",
            units="deg",
            role="check",
            rule="overlap",
            compared="total at the seated reach (seated_twist_stretch)",
            compute=_region("total", scenario="seated_twist_stretch"),
            note="partly an input: the thoracic maximum that ends the seated turn is Gregersen & Lucas's",
        ),
        Observation(
            key="pearcy_in_vivo",
            label="lumbar per level, maximal twist",
            source="Pearcy & Tibrewal 1984, Spine 9:582",
            quantity="lumbar axial rotation per level",
            condition="in vivo, maximal voluntary twist, biplanar radiography, young men",
            published=2.0,
            published_low=2.0,
            published_high=2.0,
            spread="about 2 deg at each level; no SD read",
            units="deg",
            role="check",
            rule="mean_in_band",
            compared="lumbar region / 5 at the seated reach (pelvis fixed, as far as the body turns)",
            compute=_per_level(scenario="seated_twist_stretch"),
            note="compared with the pelvis-fixed reach: how the pelvis was held in the study was not read",
        ),
        Observation(
            key="ochia_in_vivo",
            label="lumbar per level, supine jig",
            source="Ochia et al. 2006, Spine 31:2073",
            quantity="lumbar axial rotation per level",
            condition="in vivo, supine, torso turned on the held hips in a jig, CT, n=15",
            published=1.4,
            published_low=0.6,
            published_high=2.2,
            spread="range over levels",
            units="deg",
            role="check",
            rule="overlap",
            compared="lumbar region / 5 at the seated reach (pelvis fixed, as far as the body turns)",
            compute=_per_level(scenario="seated_twist_stretch"),
            note="the torso rotation the jig imposed was not read; the model's is its reach",
        ),
        Observation(
            key="berry_in_vivo",
            label="lumbar per level, sitting",
            source="Berry et al. 2019, J Biomech 89:95",
            quantity="lumbar axial rotation per level",
            condition="in vivo, sitting axial rotation, upright MRI, n=13",
            published=1.5,
            published_low=1.0,
            published_high=2.0,
            spread="range over levels",
            units="deg",
            role="check",
            rule="overlap",
            compared="lumbar region / 5 at the seated reach (pelvis fixed, as far as the body turns)",
            compute=_per_level(scenario="seated_twist_stretch"),
            note="seated, as the model's pelvis-fixed reach; how far the subjects turned was not read",
        ),
    )


#: Every observation, inputs first, then the independent checks.
OBSERVATIONS: tuple[Observation, ...] = _observations()


def _agrees(o: Observation, low: float, high: float) -> bool:
    if not (math.isfinite(low) and math.isfinite(high)):
        return False
    if o.rule == "mean_in_band":
        return low <= o.published <= high
    return o.published_low <= high and low <= o.published_high


def validate(model: SpineModel | None = None, *, n: int = 1000, seed: int = 0) -> list[ValidationRow]:
    """Compare the model's population with every published observation of :data:`OBSERVATIONS`.

    Parameters
    ----------
    model : SpineModel, optional
        The model (cited defaults if None); overrides change its rows.
    n : int
        Number of bodies in the population, 2 to 100,000 (default 1,000; about 5 s).
    seed : int
        Seed of the population (0 to 2**63 - 1): the same seed gives the same table.

    Returns
    -------
    list of ValidationRow
        One row per observation, in the order of :data:`OBSERVATIONS`. Model values are
        model estimates (educational model, not medical advice).

    Raises
    ------
    TypeError, ValueError
        For a model that is not a :class:`SpineModel`, or ``n``/``seed`` out of range
        (naming the argument, its value and what is allowed).
    """
    if model is None:
        model = SpineModel()
    if not isinstance(model, SpineModel):
        raise TypeError(f"model must be a spinemodel.SpineModel or None, got {type(model).__name__}")
    n, seed, _, _ = check_spread_arguments(n, seed, _QUANTILES, 0.0)
    runs = _Runs(model, n, seed)
    rows = []
    for o in OBSERVATIONS:
        values = np.asarray(o.compute(runs), dtype=float)
        finite = values[np.isfinite(values)]
        if finite.size:
            low, mid, high = (float(v) for v in np.quantile(finite, _QUANTILES))
        else:
            low = mid = high = math.nan
        rows.append(
            ValidationRow(
                observation=o,
                model=mid,
                model_low=low,
                model_high=high,
                fraction=finite.size / values.size,
                agrees=_agrees(o, low, high),
            )
        )
    return rows


def format_validation(rows: list[ValidationRow]) -> str:
    """A readable table of :func:`validate`'s rows, then each row's source, comparison, rule and note."""
    if not isinstance(rows, list) or not all(isinstance(r, ValidationRow) for r in rows):
        raise TypeError("rows must be the list that spinemodel.evidence.validate returns")
    agree = sum(r.agrees for r in rows)
    checks = [r for r in rows if r.observation.role == "check"]
    lines = [
        f"spinemodel validate: {LABEL}",
        "model = median [5-95% band] over a population of bodies drawn around the cited defaults.",
        "role: input = the model was built from it (the row shows the population reproduces it); "
        "check = independent.",
        f"{agree} of {len(rows)} rows agree ({sum(r.agrees for r in checks)} of {len(checks)} checks).",
        "",
        f"{'#':>2s}  {'agrees':6s} {'role':5s}  {'source':17s} {'observation':40s} {'published':>14s}  "
        f"{'model [5-95%]':>21s}  units",
    ]
    for k, r in enumerate(rows, 1):
        o = r.observation
        pub = o.published_text().split(" (")[0]
        model = f"{r.model:.3g} [{r.model_low:.3g}-{r.model_high:.3g}]"
        lines.append(
            f"{k:2d}  {'yes' if r.agrees else 'NO':6s} {o.role:5s}  {o.cite:17s} {o.label:40s} {pub:>14s}  "
            f"{model:>21s}  {o.units}"
        )
    lines += ["", "Rows in full:"]
    for k, r in enumerate(rows, 1):
        o = r.observation
        included = "" if r.fraction == 1.0 else f" ({100 * r.fraction:.0f}% of the bodies can take this pose)"
        lines += [
            f"{k:2d}. {o.source}: {o.quantity}; {o.condition}. Published {o.published_text()}.",
            f"    model: {o.compared}{included}. {RULES[o.rule].capitalize()}: "
            f"{'yes' if r.agrees else 'NO'}. {o.note[0].upper() + o.note[1:]}.",
        ]
    return "\n".join(lines)
