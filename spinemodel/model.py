"""The public model: :class:`SpineModel` solves poses, :class:`Pose` holds one.

>>> import spinemodel as sm
>>> model = sm.SpineModel()
>>> pose = model.solve(total_deg=45.0, pelvis="fixed")
>>> round(pose.regions_deg["lumbar"] + pose.regions_deg["thoracic"], 9)
45.0
>>> pose.zone["L4-L5"]
'elastic'
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from .anatomy import (
    LEVELS,
    LUMBAR_LEVELS,
    PARAMETERS,
    THORACIC_LEVELS,
    Joint,
    build_joints,
    default_values,
)
from .loads import annulus_shear_strain_pct, facet_forces_n, zone_of
from .scenarios import SCENARIOS, STRATEGIES, Strategy
from .solver import ChainConfig, ChainTable, TableCache, joint_factors
from .validation import check_array, check_choice, check_scalar

__all__ = ["SpineModel", "Pose", "PELVIS_CONDITIONS", "MOBILITY_RANGE"]

#: ``free``: standing, feet planted, the hips take part; ``fixed``: seated or a held thorax.
PELVIS_CONDITIONS: tuple[str, ...] = ("free", "fixed")
#: Allowed range of the hip and thoracic mobility scales (1 = the cited defaults).
MOBILITY_RANGE: tuple[float, float] = (0.1, 3.0)

_UNSET: Any = object()
LABEL = "model estimate (educational model, not medical advice)"


def _out(array: np.ndarray) -> float | np.ndarray:
    return float(array) if np.ndim(array) == 0 else array


class Pose:
    """One solved pose (or an array of poses, when the input was an array).

    Attributes
    ----------
    total_deg : float or ndarray
        Total trunk rotation (deg); positive turns to one side.
    torque_nm : float or ndarray
        Axial torque transmitted by every joint of the chain (Nm). For a stretch it
        is the pull; for an active turn, the torque the muscles' drive produces.
    levels_deg : dict
        Rotation of each of the 18 joints (deg), by name (``hips``, ``L5-S1``, ...).
    regions_deg : dict
        Sums (deg): ``hips``, ``lumbar``, ``thoracic``, ``total``.
    facet_force_n : dict
        Per lumbar level, ``{"contralateral": N, "ipsilateral": N}``, compression.
    annulus_strain_pct : dict
        Per lumbar level, shear strain of the outer annulus (%), a magnitude.
    disc_torque_nm : dict
        Per lumbar level, torque carried by the disc and ligaments (Nm), a magnitude.
    zone : dict
        Per joint, ``neutral``, ``elastic`` or ``beyond_limit`` (computed on first access).
    lumbar_cap_deg : float
        Sum of the lumbar levels' limits (deg): where the facet block engages.
    limits_deg : dict
        Each joint's own limit (deg) under these conditions (mobility scales applied).
    conditions : dict
        The inputs that produced the pose.

    All values are model estimates for teaching, not measurements.
    """

    __slots__ = (
        "total_deg",
        "torque_nm",
        "levels_deg",
        "regions_deg",
        "facet_force_n",
        "annulus_strain_pct",
        "disc_torque_nm",
        "lumbar_cap_deg",
        "conditions",
        "limits_deg",
        "_neutral_deg",
        "_zone",
    )

    def __init__(self, **values: Any) -> None:
        for name, value in values.items():
            setattr(self, name, value)
        self._zone = None

    @property
    def zone(self) -> dict[str, str | np.ndarray]:
        if self._zone is None:
            self._zone = {
                level: zone_of(self.levels_deg[level], self._neutral_deg[level], limit)
                for level, limit in self.limits_deg.items()
            }
        return self._zone

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dictionary with the attribute names as keys (lists for arrays)."""

        def plain(value: Any) -> Any:
            if isinstance(value, dict):
                return {k: plain(v) for k, v in value.items()}
            if isinstance(value, np.ndarray):
                return value.tolist()
            if isinstance(value, (tuple, list)):
                return [plain(v) for v in value]
            return value

        return {
            "label": LABEL,
            "total_deg": plain(self.total_deg),
            "torque_nm": plain(self.torque_nm),
            "levels_deg": plain(self.levels_deg),
            "regions_deg": plain(self.regions_deg),
            "facet_force_n": plain(self.facet_force_n),
            "annulus_strain_pct": plain(self.annulus_strain_pct),
            "disc_torque_nm": plain(self.disc_torque_nm),
            "zone": plain(self.zone),
            "lumbar_cap_deg": self.lumbar_cap_deg,
            "limits_deg": plain(self.limits_deg),
            "conditions": plain(self.conditions),
        }

    def __repr__(self) -> str:
        r = self.regions_deg
        if np.ndim(self.total_deg) == 0:
            return (
                f"Pose(total={self.total_deg:.1f} deg, torque={self.torque_nm:.2f} Nm, "
                f"hips={r['hips']:.1f}, lumbar={r['lumbar']:.1f} of cap {self.lumbar_cap_deg:.1f}, "
                f"thoracic={r['thoracic']:.1f} deg; model estimate)"
            )
        return f"Pose(shape={np.shape(self.total_deg)}; model estimate)"


class SpineModel:
    """The trunk as hips, five lumbar and twelve thoracic joints in series.

    Parameters
    ----------
    **overrides : float
        Replace cited defaults by name (see :data:`spinemodel.PARAMETERS` or
        :func:`spinemodel.parameter_table`), e.g. ``SpineModel(facet_lever_arm_mm=30)``.
        Values must be finite and positive.

    Notes
    -----
    Each joint has a passive torque-angle curve (neutral zone, elastic zone, steep
    end-range block; :mod:`spinemodel.mechanics`). In a chain in series every joint
    carries the same axial torque, so a pose is the torque at which the joint angles
    add up to the total. Solving is a look-up in a table built once per set of
    conditions (:mod:`spinemodel.solver`).
    """

    def __init__(self, **overrides: float) -> None:
        values = default_values()
        for name, value in overrides.items():
            if name not in PARAMETERS:
                raise TypeError(
                    f"SpineModel got an unknown parameter {name!r}; the parameters are the names in "
                    "spinemodel.PARAMETERS"
                )
            values[name] = check_scalar(name, value, 0.0, math.inf, low_open=True, unit=PARAMETERS[name].unit)
        try:
            self.joints: dict[str, Joint] = build_joints(values)
        except (ValueError, np.linalg.LinAlgError) as exc:
            raise ValueError(
                f"these parameter overrides give an impossible joint ({overrides}): {exc}"
            ) from exc
        self.values = values
        self._tables = TableCache(self.joints, values)

    # --- derived constants -------------------------------------------------------
    @property
    def lumbar_cap_deg(self) -> float:
        """Sum of the lumbar levels' limits (deg): the facet block of the lumbar spine."""
        return float(sum(self.joints[lv].limit_deg for lv in LUMBAR_LEVELS))

    @property
    def limits_deg(self) -> dict[str, float]:
        """Each joint's own limit (deg), where its zone turns to ``beyond_limit``."""
        return {lv: j.limit_deg for lv, j in self.joints.items()}

    @property
    def neutral_deg(self) -> dict[str, float]:
        """Each joint's neutral-zone edge (deg)."""
        return {lv: j.neutral_deg for lv, j in self.joints.items()}

    @property
    def max_torque_nm(self) -> float:
        """Largest torque the model allows (Nm)."""
        return float(self.values["max_torque_nm"])

    def annulus_thresholds_pct(self, level: str) -> dict[str, float]:
        """Annulus shear strain (%) of a lumbar level at its limit and at the rotation
        where isolated discs were first damaged (10 deg, Adams & Hutton 1981)."""
        check_choice("level", level, LUMBAR_LEVELS)
        j = self.joints[level]
        return {
            "at_limit": float(annulus_shear_strain_pct(j.limit_deg, j.disc_radius_mm, j.disc_height_mm)),
            "damage": float(
                annulus_shear_strain_pct(
                    self.values["disc_damage_rotation_deg"], j.disc_radius_mm, j.disc_height_mm
                )
            ),
        }

    # --- solving -----------------------------------------------------------------
    def conditions(
        self,
        *,
        pelvis: str = "free",
        strategy: str | Strategy = "passive",
        hip_mobility: float = 1.0,
        thoracic_mobility: float = 1.0,
        lumbar_bracing: float | None = None,
    ) -> ChainConfig:
        """Validate the conditions of a solve and return the chain configuration."""
        check_choice("pelvis", pelvis, PELVIS_CONDITIONS)
        if isinstance(strategy, str):
            strategy_obj = STRATEGIES[check_choice("strategy", strategy, STRATEGIES)]
        elif isinstance(strategy, Strategy):
            strategy_obj = strategy
        else:
            raise TypeError(
                f"strategy must be one of {', '.join(map(repr, STRATEGIES))} or a Strategy; got {strategy!r}"
            )
        lo, hi = MOBILITY_RANGE
        hip_m = check_scalar("hip_mobility", hip_mobility, lo, hi)
        thor_m = check_scalar("thoracic_mobility", thoracic_mobility, lo, hi)
        bracing = strategy_obj.lumbar_bracing if lumbar_bracing is None else lumbar_bracing
        bracing = check_scalar("lumbar_bracing", bracing, 0.0, 1.0)
        return ChainConfig(
            pelvis=pelvis,
            hip_mobility=hip_m,
            thoracic_mobility=thor_m,
            lumbar_bracing=bracing,
            hip_drive=strategy_obj.hip_drive,
            thoracic_drive=strategy_obj.thoracic_drive,
        )

    def table(self, config: ChainConfig) -> ChainTable:
        """The tabulated chain for a configuration (built once, then cached)."""
        return self._tables.get(config)

    def reachable_deg(self, **conditions: Any) -> float:
        """Largest total rotation (deg) reachable under the largest allowed torque."""
        return self.table(self.conditions(**conditions)).max_total_deg

    def solve(
        self,
        total_deg: Any = _UNSET,
        torque_nm: Any = _UNSET,
        *,
        scenario: str | None = None,
        pelvis: Any = _UNSET,
        strategy: Any = _UNSET,
        hip_mobility: Any = _UNSET,
        thoracic_mobility: Any = _UNSET,
        lumbar_bracing: Any = _UNSET,
    ) -> Pose:
        """Solve the chain for a total rotation or a stretching torque.

        Parameters
        ----------
        total_deg : float or array_like, optional
            Total trunk rotation (deg), angle-driven. Positive turns to one side.
        torque_nm : float or array_like, optional
            Stretching torque (Nm), torque-driven: how hard the stretch pulls.
            Give exactly one of ``total_deg`` and ``torque_nm``.
        scenario : str, optional
            Name of a preset in :data:`spinemodel.SCENARIOS`; other keyword
            arguments given with it override the preset's values (giving
            ``total_deg`` or ``torque_nm`` replaces the preset's drive).
        pelvis : {"free", "fixed"}
            ``free``: standing with the feet planted, the hips take part (default).
            ``fixed``: seated twist or a held thorax, the hips take no part.
        strategy : str or Strategy
            ``passive`` (default), ``braced`` or ``hip_led``; see :data:`spinemodel.STRATEGIES`.
        hip_mobility, thoracic_mobility : float
            Scale the hips' or the thoracic levels' rotation at a given torque
            (1 = cited defaults; 0.5 = stiff; allowed 0.1 to 3).
        lumbar_bracing : float, optional
            0 (relaxed) to 1 (fully braced); defaults to the strategy's.

        Returns
        -------
        Pose
            Joint angles, torque and loads; arrays shaped like the input.

        Raises
        ------
        TypeError, ValueError
            For bad input, naming the parameter, its value and what is allowed.
        """
        inputs: dict[str, Any] = {}
        if scenario is not None:
            name = check_choice("scenario", scenario, SCENARIOS)
            inputs.update(SCENARIOS[name].inputs)
        given = {
            "pelvis": pelvis,
            "strategy": strategy,
            "hip_mobility": hip_mobility,
            "thoracic_mobility": thoracic_mobility,
            "lumbar_bracing": lumbar_bracing,
        }
        inputs.update({k: v for k, v in given.items() if v is not _UNSET})
        if total_deg is not _UNSET or torque_nm is not _UNSET:
            inputs.pop("total_deg", None)
            inputs.pop("torque_nm", None)
            if total_deg is not _UNSET:
                inputs["total_deg"] = total_deg
            if torque_nm is not _UNSET:
                inputs["torque_nm"] = torque_nm
        drive_total = inputs.pop("total_deg", _UNSET)
        drive_torque = inputs.pop("torque_nm", _UNSET)
        if (drive_total is _UNSET) == (drive_torque is _UNSET):
            raise ValueError(
                "give exactly one of total_deg and torque_nm (or a scenario); got "
                + ("both" if drive_total is not _UNSET else "neither")
            )
        config = self.conditions(**inputs)
        table = self.table(config)
        if drive_total is not _UNSET:
            limit = table.max_total_deg
            try:
                total = check_array("total_deg", drive_total, -limit, limit, unit="deg")
            except ValueError as exc:
                if "out of range" not in str(exc):
                    raise
                raise ValueError(
                    f"{exc}: the joints cannot reach more than {limit:.1f} deg under the largest torque the "
                    f"model allows ({table.max_torque_nm:g} Nm) with pelvis={config.pelvis!r}"
                ) from None
            raw = table.from_total(total)
            raw["total_deg"] = total
        else:
            tmax = table.max_torque_nm
            torque = check_array("torque_nm", drive_torque, -tmax, tmax, unit="Nm")
            raw = table.from_torque(torque)
            raw["total_deg"] = sum(raw["levels_deg"].values())
        return self._pose(raw, config, inputs, scenario)

    def _pose(self, raw: dict, config: ChainConfig, inputs: dict, scenario: str | None) -> Pose:
        levels = raw["levels_deg"]
        torque = raw["torque_nm"]
        lumbar = sum(levels[lv] for lv in LUMBAR_LEVELS)
        thoracic = sum(levels[lv] for lv in THORACIC_LEVELS)
        regions = {
            "hips": _out(levels["hips"]),
            "lumbar": _out(lumbar),
            "thoracic": _out(thoracic),
            "total": _out(np.asarray(raw["total_deg"], dtype=float)),
        }
        factors = joint_factors(config, self.values)
        ratio = (
            self.values["facet_force_ipsilateral_at_7p5nm_n"]
            / self.values["facet_force_contralateral_at_7p5nm_n"]
        )
        facet_force: dict[str, dict[str, Any]] = {}
        strain: dict[str, Any] = {}
        disc_torque: dict[str, Any] = {}
        for level in LUMBAR_LEVELS:
            j = self.joints[level]
            facet_t = raw["facet_torque_nm"][level]
            contra, ipsi = facet_forces_n(facet_t, j.facet_lever_mm, ratio)
            facet_force[level] = {"contralateral": _out(contra), "ipsilateral": _out(ipsi)}
            strain[level] = _out(annulus_shear_strain_pct(levels[level], j.disc_radius_mm, j.disc_height_mm))
            tissue = np.abs(torque) * factors[level][1]
            disc_torque[level] = _out(np.maximum(tissue - facet_t, 0.0))
        strategy = inputs.get("strategy", "passive")
        conditions = {
            "pelvis": config.pelvis,
            "strategy": strategy if isinstance(strategy, str) else "custom",
            "hip_mobility": config.hip_mobility,
            "thoracic_mobility": config.thoracic_mobility,
            "lumbar_bracing": config.lumbar_bracing,
            "hip_drive": config.hip_drive,
            "thoracic_drive": config.thoracic_drive,
            "scenario": scenario,
        }
        return Pose(
            total_deg=regions["total"],
            torque_nm=_out(np.asarray(torque, dtype=float)),
            levels_deg={lv: _out(levels[lv]) for lv in LEVELS},
            regions_deg=regions,
            facet_force_n=facet_force,
            annulus_strain_pct=strain,
            disc_torque_nm=disc_torque,
            lumbar_cap_deg=self.lumbar_cap_deg,
            conditions=conditions,
            limits_deg={lv: self.joints[lv].limit_deg * factors[lv][0] for lv in LEVELS},
            _neutral_deg={lv: self.joints[lv].neutral_deg * factors[lv][0] for lv in LEVELS},
        )

    def __repr__(self) -> str:
        changed = {k: v for k, v in self.values.items() if v != PARAMETERS[k].value}
        return f"SpineModel({', '.join(f'{k}={v:g}' for k, v in changed.items())})"
