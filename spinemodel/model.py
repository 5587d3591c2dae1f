"""The public model: :class:`SpineModel` solves poses, :class:`Pose` holds one.

>>> import spinemodel as sm
>>> model = sm.SpineModel()
>>> pose = model.solve(total_deg=45.0, pelvis="fixed")
>>> round(pose.regions_deg["lumbar"] + pose.regions_deg["thoracic"], 9)
45.0
>>> pose.zone["L4-L5"]
'elastic'
>>> model.solve(total_deg=200.0)  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
ValueError: total_deg = 200 deg is beyond what the body can reach under these conditions ...
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from typing import TYPE_CHECKING, Any

import numpy as np

from .anatomy import (
    LEVELS,
    LUMBAR_LEVELS,
    PARAMETERS,
    Joint,
    build_joints,
    default_values,
)
from .loads import annulus_shear_strain_pct, facet_forces_n, zone_of
from .population import Band, Population, PopulationCache, check_spread_arguments, spread_poses, summarise
from .scenarios import REACH, SCENARIOS, STRATEGIES, Strategy
from .solver import ChainConfig, ChainTable, TableCache
from .validation import check_array, check_choice, check_scalar

if TYPE_CHECKING:  # the sensitivity module needs SALib: imported when used
    from .sensitivity import Sensitivity

__all__ = ["SpineModel", "Pose", "PELVIS_CONDITIONS", "MOBILITY_RANGE"]

#: ``free``: standing, feet planted, the legs and hips take part; ``fixed``: seated or a held thorax.
PELVIS_CONDITIONS: tuple[str, ...] = ("free", "fixed")
#: Allowed range of the hip and thoracic mobility scales (1 = the cited defaults): the
#: population's spread. Passive hip medial rotation is 31.1 +/- 8.1 deg in healthy adults
#: (Murray et al. 2009, Phys Ther Sport 10:131, R): +/- 2 SD is 0.48 to 1.52 of the mean.
#: No in vivo SD of thoracic rotation was found; the same range is used (M).
MOBILITY_RANGE: tuple[float, float] = (0.5, 1.5)

_UNSET: Any = object()
LABEL = "model estimate (educational model, not medical advice)"

_LEVEL_ROW = {level: row for row, level in enumerate(LEVELS)}
_LUMBAR_ROW = {level: row for row, level in enumerate(LUMBAR_LEVELS)}
_CONFIG_CACHE_SIZE = 1024


# --- the per-level load formulas (small, so that they are easy to change) ---------------------
def _facet_force_n(facet_torque_nm: Any, joint: Joint, values: dict[str, float]) -> tuple[Any, Any]:
    """Contralateral and ipsilateral facet compression (N) of a lumbar level.

    Parameters
    ----------
    facet_torque_nm : float or ndarray
        Torque carried by the level's facets (Nm).
    joint : Joint
        The lumbar level (its ``facet_lever_mm``, mm).
    values : dict
        The model's parameter values.

    Returns
    -------
    contralateral_n, ipsilateral_n : float or ndarray
        Compression forces (N), numpy values (converted by the caller).
    """
    del values  # the geometry is the joint's own (facet_lever_mm)
    return facet_forces_n(facet_torque_nm, joint.facet_lever_mm)


def _zone(angle_deg: Any, joint: Joint, angle_scale: float) -> str | np.ndarray:
    """Zone name(s) of a joint at ``angle_deg`` (deg) under a mobility scale."""
    return zone_of(
        angle_deg,
        joint.neutral_deg * angle_scale,
        joint.limit_deg * angle_scale,
        joint.tolerance_deg * angle_scale,
    )


def _out(value: Any) -> Any:
    """A Python float for a scalar (numpy scalar or 0-d array), the array otherwise."""
    return float(value) if np.ndim(value) == 0 else value


# --- lazy containers ---------------------------------------------------------------------------
class _Pending:
    __slots__ = ()

    def __repr__(self) -> str:
        return "<not computed yet>"


_PENDING = _Pending()


class LazyDict(dict):
    """A ``dict`` whose values are computed on first access, one key at a time.

    The keys are fixed and present from the start (iteration, ``len`` and ``in`` need
    no computation); ``d[key]`` computes that one value and keeps it. Whatever shows
    every value (``values()``, ``items()``, ``==``, ``repr``, ``copy()``, JSON, pickling)
    computes the rest first. It is a ``dict`` in every other respect.

    Parameters
    ----------
    keys : iterable of str
        The keys, in order.
    compute : callable
        ``compute(key)`` returns the value of ``key``.
    """

    __slots__ = ("_compute",)

    def __init__(self, keys: Iterable[Hashable], compute: Callable[[Any], Any]) -> None:
        super().__init__(dict.fromkeys(keys, _PENDING))
        self._compute = compute

    @classmethod
    def fromkeys(cls, iterable: Iterable[Hashable], value: Any = None) -> dict:  # type: ignore[override]
        return dict.fromkeys(iterable, value)

    def __getitem__(self, key: Any) -> Any:
        value = dict.__getitem__(self, key)
        if value is _PENDING:
            value = self._compute(key)
            dict.__setitem__(self, key, value)
        return value

    def __iter__(self):  # defined so that dict(d), {**d} and update(d) read values through __getitem__
        return dict.__iter__(self)

    def _fill(self) -> LazyDict:
        for key in dict.keys(self):
            self[key]
        return self

    def get(self, key: Any, default: Any = None) -> Any:
        return self[key] if key in self else default

    def values(self):  # type: ignore[override]
        return dict.values(self._fill())

    def items(self):  # type: ignore[override]
        return dict.items(self._fill())

    def copy(self) -> dict:
        return dict(self._fill())

    def pop(self, key: Any, *default: Any) -> Any:
        if key in self:
            self[key]
        return dict.pop(self, key, *default)

    def popitem(self) -> tuple[Any, Any]:
        return dict.popitem(self._fill())

    def setdefault(self, key: Any, default: Any = None) -> Any:
        return self[key] if key in self else dict.setdefault(self, key, default)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, LazyDict):
            other._fill()
        return dict.__eq__(self._fill(), other)

    def __ne__(self, other: object) -> bool:
        if isinstance(other, LazyDict):
            other._fill()
        return dict.__ne__(self._fill(), other)

    __hash__ = None  # type: ignore[assignment]

    def __or__(self, other: Any) -> Any:
        return dict.__or__(self._fill(), other)

    def __ror__(self, other: Any) -> Any:
        return dict.__ror__(self._fill(), other)

    def __repr__(self) -> str:
        return dict.__repr__(self._fill())

    def __reduce__(self) -> tuple:
        return (dict, (dict(self.items()),))


class _ModelData:
    """What a pose needs from its model, fixed when the model was made."""

    __slots__ = ("joints", "values", "lumbar_cap_deg")

    def __init__(self, joints: dict[str, Joint], values: dict[str, float]) -> None:
        self.joints = dict(joints)
        self.values = dict(values)
        self.lumbar_cap_deg = float(sum(self.joints[lv].limit_deg for lv in LUMBAR_LEVELS))


_POSE_ATTRIBUTES = (
    "total_deg",
    "torque_nm",
    "levels_deg",
    "regions_deg",
    "facet_force_n",
    "annulus_strain_pct",
    "disc_torque_nm",
    "zone",
    "lumbar_cap_deg",
    "limits_deg",
    "tolerances_deg",
    "conditions",
)


class Pose:
    """One solved pose (or an array of poses, when the input was an array).

    Attributes
    ----------
    total_deg : float or ndarray
        Total trunk rotation (deg); positive turns to one side.
    torque_nm : float or ndarray
        Axial torque transmitted by every joint of the chain (Nm): for a stretch, the
        pull. In a hip-led turn, the torque the spine transmits (the hip muscles turn
        the pelvis; its joints carry a torque of their own).
    levels_deg : dict
        Rotation of each joint (deg), by name (``hips``, ``L5-S1``, ...).
    regions_deg : dict
        Sums (deg): ``legs`` (knees, ankles and feet), ``hips`` (the hip joints),
        ``lumbar``, ``thoracic``, ``pelvis`` (legs + hips: the pelvis's turn relative
        to the feet) and ``total``.
    facet_force_n : dict
        Per lumbar level, ``{"contralateral": N, "ipsilateral": N}``, compression. In
        pure axial rotation only the contralateral facet is pressed together; the
        ipsilateral one gaps (0 N).
    annulus_strain_pct : dict
        Per lumbar level, shear strain of the outer annulus (%), a magnitude.
    disc_torque_nm : dict
        Per lumbar level, torque carried by the disc and ligaments (Nm), a magnitude.
    zone : dict
        Per joint, ``neutral``, ``elastic``, ``beyond_limit`` or ``beyond_tolerance``
        (past the joint's tolerance: a lumbar level past the rotation at which its
        tissues fail).
    lumbar_cap_deg : float
        Sum of the lumbar levels' limits (deg): where the facet block engages.
    limits_deg : dict
        Each joint's own limit (deg) under these conditions (mobility scales applied).
    tolerances_deg : dict
        Each joint's tolerance (deg) under these conditions: its anatomical range or
        in vivo maximum (legs, hips, thoracic levels), or failure (lumbar levels).
    conditions : dict
        The inputs that produced the pose.

    All values are model estimates for teaching, not measurements.

    Notes
    -----
    A pose keeps only its cell in the chain's table (index and weight per pose), the
    sign and the drive; every value is computed on first access and then kept. The
    per-joint dictionaries compute one joint at a time (``levels_deg["L4-L5"]`` reads
    one column of the table), so a large sweep costs memory only for what is read.
    """

    __slots__ = (
        "_table",
        "_model",
        "_index",
        "_weight",
        "_sign",
        "_drive",
        "_by_torque",
        "_strategy",
        "_scenario",
        *(f"_{name}" for name in _POSE_ATTRIBUTES),
    )

    def __init__(self, **values: Any) -> None:
        for name, value in values.items():
            if name not in _POSE_ATTRIBUTES:
                raise TypeError(
                    f"Pose got an unknown attribute {name!r}; the attributes are {_POSE_ATTRIBUTES}"
                )
            setattr(self, f"_{name}", value)

    @classmethod
    def _from_table(
        cls,
        table: ChainTable,
        model: _ModelData,
        index: Any,
        weight: Any,
        sign: Any,
        drive: Any,
        by_torque: bool,
        strategy: str,
        scenario: str | None,
    ) -> Pose:
        """A pose that reads ``table`` at cells ``index``/``weight`` (see :meth:`ChainTable.locate_total`)
        with ``sign`` (+1, -1 or 0 per pose), given ``drive`` (the validated total or torque)."""
        pose = cls.__new__(cls)
        pose._table = table
        pose._model = model
        pose._index = index
        pose._weight = weight
        pose._sign = sign
        pose._drive = drive
        pose._by_torque = by_torque
        pose._strategy = strategy
        pose._scenario = scenario
        return pose

    # --- reading the table ------------------------------------------------------------------
    def _read(self, column: np.ndarray, signed: bool = True) -> Any:
        """A table column at this pose's cell(s): a float, or an array shaped like the input."""
        value = ChainTable.interpolate(column, self._index, self._weight)
        if type(self._index) is int:
            return float(self._sign * value if signed else value)
        if signed:
            value *= self._sign
        return value

    def _level(self, level: str) -> Any:
        return self._read(self._table.angles_deg[_LEVEL_ROW[level]])

    def _region(self, name: str) -> Any:
        if name == "total":
            return self.total_deg
        return self._read(self._table.regions_deg[name])

    def _facet_torque(self, level: str) -> Any:
        """Torque carried by a lumbar level's facets (Nm, a magnitude; numpy, not converted)."""
        column = self._table.facet_torque_nm[_LUMBAR_ROW[level]]
        return ChainTable.interpolate(column, self._index, self._weight)

    def _facet_force(self, level: str) -> dict[str, Any]:
        contra, ipsi = _facet_force_n(
            self._facet_torque(level), self._model.joints[level], self._model.values
        )
        return {"contralateral": _out(contra), "ipsilateral": _out(ipsi)}

    def _strain(self, level: str) -> Any:
        joint = self._model.joints[level]
        return _out(
            annulus_shear_strain_pct(self.levels_deg[level], joint.disc_radius_mm, joint.disc_height_mm)
        )

    def _disc_torque(self, level: str) -> Any:
        tissue = np.abs(self.torque_nm) * self._table.factors[level][1]
        return _out(np.maximum(tissue - self._facet_torque(level), 0.0))

    def _joint_zone(self, level: str) -> str | np.ndarray:
        return _zone(self.levels_deg[level], self._model.joints[level], self._table.factors[level][0])

    # --- the attributes -----------------------------------------------------------------------
    @property
    def total_deg(self) -> float | np.ndarray:
        try:
            return self._total_deg
        except AttributeError:
            pass
        value = self._read(self._table.total_deg) if self._by_torque else self._drive
        self._total_deg = value
        return value

    @property
    def torque_nm(self) -> float | np.ndarray:
        try:
            return self._torque_nm
        except AttributeError:
            pass
        value = self._drive if self._by_torque else self._read(self._table.torque_nm)
        self._torque_nm = value
        return value

    @property
    def levels_deg(self) -> dict[str, float | np.ndarray]:
        try:
            return self._levels_deg
        except AttributeError:
            pass
        self._levels_deg = value = LazyDict(LEVELS, self._level)
        return value

    @property
    def regions_deg(self) -> dict[str, float | np.ndarray]:
        try:
            return self._regions_deg
        except AttributeError:
            pass
        self._regions_deg = value = LazyDict(self._table.regions_deg, self._region)
        return value

    @property
    def facet_force_n(self) -> dict[str, dict[str, float | np.ndarray]]:
        try:
            return self._facet_force_n
        except AttributeError:
            pass
        self._facet_force_n = value = LazyDict(LUMBAR_LEVELS, self._facet_force)
        return value

    @property
    def annulus_strain_pct(self) -> dict[str, float | np.ndarray]:
        try:
            return self._annulus_strain_pct
        except AttributeError:
            pass
        self._annulus_strain_pct = value = LazyDict(LUMBAR_LEVELS, self._strain)
        return value

    @property
    def disc_torque_nm(self) -> dict[str, float | np.ndarray]:
        try:
            return self._disc_torque_nm
        except AttributeError:
            pass
        self._disc_torque_nm = value = LazyDict(LUMBAR_LEVELS, self._disc_torque)
        return value

    @property
    def zone(self) -> dict[str, str | np.ndarray]:
        try:
            return self._zone
        except AttributeError:
            pass
        self._zone = value = LazyDict(LEVELS, self._joint_zone)
        return value

    @property
    def lumbar_cap_deg(self) -> float:
        try:
            return self._lumbar_cap_deg
        except AttributeError:
            pass
        self._lumbar_cap_deg = value = self._model.lumbar_cap_deg
        return value

    @property
    def limits_deg(self) -> dict[str, float]:
        try:
            return self._limits_deg
        except AttributeError:
            pass
        joints, factors = self._model.joints, self._table.factors
        self._limits_deg = value = {lv: joints[lv].limit_deg * factors[lv][0] for lv in LEVELS}
        return value

    @property
    def tolerances_deg(self) -> dict[str, float]:
        try:
            return self._tolerances_deg
        except AttributeError:
            pass
        joints, factors = self._model.joints, self._table.factors
        self._tolerances_deg = value = {lv: joints[lv].tolerance_deg * factors[lv][0] for lv in LEVELS}
        return value

    @property
    def conditions(self) -> dict[str, Any]:
        try:
            return self._conditions
        except AttributeError:
            pass
        config = self._table.config
        self._conditions = value = {
            "pelvis": config.pelvis,
            "strategy": self._strategy,
            "hip_mobility": config.hip_mobility,
            "thoracic_mobility": config.thoracic_mobility,
            "lumbar_bracing": config.lumbar_bracing,
            "hip_led": config.hip_led,
            "knees_flexed": config.knees_flexed,
            "scenario": self._scenario,
        }
        return value

    def joints_at_range_end(self, rel_tol: float = 1e-3) -> tuple[str, ...]:
        """The joints other than lumbar levels that are at their tolerance in this pose.

        At the reach of a condition (:meth:`SpineModel.reachable_deg`) these are the
        joints that end the turn: the legs and hips standing, the thoracic levels seated.
        For an array of poses, the joints at their tolerance in any of them.

        Parameters
        ----------
        rel_tol : float
            How close to its tolerance a joint must be, as a fraction of the tolerance.

        Returns
        -------
        tuple of str
            Joint names, in the order of :data:`~spinemodel.anatomy.LEVELS`.
        """
        limit = 1.0 - check_scalar("rel_tol", rel_tol, 0.0, 0.5)
        return tuple(
            level
            for level in LEVELS
            if level not in LUMBAR_LEVELS
            and self.tolerances_deg[level] > 0.0
            and np.any(np.abs(self.levels_deg[level]) >= limit * self.tolerances_deg[level])
        )

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
            "tolerances_deg": plain(self.tolerances_deg),
            "conditions": plain(self.conditions),
        }

    def __repr__(self) -> str:
        r = self.regions_deg
        if np.ndim(self.total_deg) == 0:
            return (
                f"Pose(total={self.total_deg:.1f} deg, torque={self.torque_nm:.2f} Nm, "
                f"pelvis={r['pelvis']:.1f}, lumbar={r['lumbar']:.1f} of cap {self.lumbar_cap_deg:.1f}, "
                f"thoracic={r['thoracic']:.1f} deg; model estimate)"
            )
        return f"Pose(shape={np.shape(self.total_deg)}; model estimate)"


def _describe_condition(value: Any) -> str:
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"{value:g}"
    return "custom"


def _scalar_drive(value: Any, limit: float) -> float | None:
    """``value`` as a float when it is a plain real number in ``[-limit, limit]``, else None.

    The fast path of the drive check: anything else (arrays, bad types, NaN, out of
    range) goes through :func:`~spinemodel.validation.check_array`, which accepts or
    raises exactly as for every other input.
    """
    kind = type(value)
    if kind is float or kind is int or isinstance(value, (np.floating, np.integer)):
        try:
            number = float(value)
        except OverflowError:
            return None
        if -limit <= number <= limit:  # False for NaN
            return number
    return None


def _config_key(args: tuple) -> tuple | None:
    """Cache key of raw conditions, or None when they cannot be cached (arrays, unusual types)."""
    for arg in args:
        if type(arg) not in (str, float, int, type(None), Strategy):
            return None
    return (args, tuple(map(type, args)))  # types too: True == 1 == 1.0, but only 1 and 1.0 are valid


def _resolve_inputs(total_deg: Any, torque_nm: Any, scenario: str | None, given: dict[str, Any]) -> tuple:
    """The conditions and the drive of a solve: a scenario's preset, overridden by what was given.

    ``given`` holds the condition arguments (``_UNSET`` when not given). Returns
    ``(conditions, drive_total, drive_torque)``, exactly one drive set (the other ``_UNSET``).
    """
    if scenario is None:
        conditions = {k: v for k, v in given.items() if v is not _UNSET}
        drive_total, drive_torque = total_deg, torque_nm
    else:
        name = check_choice("scenario", scenario, SCENARIOS)
        conditions = dict(SCENARIOS[name].inputs)
        conditions.update({k: v for k, v in given.items() if v is not _UNSET})
        if total_deg is not _UNSET or torque_nm is not _UNSET:
            conditions.pop("total_deg", None)
            conditions.pop("torque_nm", None)
            if total_deg is not _UNSET:
                conditions["total_deg"] = total_deg
            if torque_nm is not _UNSET:
                conditions["torque_nm"] = torque_nm
        drive_total = conditions.pop("total_deg", _UNSET)
        drive_torque = conditions.pop("torque_nm", _UNSET)
    if (drive_total is _UNSET) == (drive_torque is _UNSET):
        raise ValueError(
            "give exactly one of total_deg and torque_nm (or a scenario); got "
            + ("both" if drive_total is not _UNSET else "neither")
        )
    return conditions, drive_total, drive_torque


class SpineModel:
    """The body's axial rotation as legs, hips, five lumbar and twelve thoracic joints in series.

    Parameters
    ----------
    **overrides : float
        Replace cited defaults by name (see :data:`spinemodel.PARAMETERS` or
        :func:`spinemodel.parameter_table`), e.g. ``SpineModel(facet_axis_distance_mm=30)``.
        Each value must lie inside the parameter's ``bounds``, and the whole set must
        not contradict :data:`spinemodel.anatomy.CONSTRAINTS`.

    Notes
    -----
    Each joint has a passive torque-angle curve (neutral zone, elastic zone, steep
    end-range block; :mod:`spinemodel.mechanics`). In a chain in series every joint
    carries the same axial torque, so a pose is the torque at which the joint angles
    add up to the total. Solving is a look-up in a table built once per set of
    conditions (:mod:`spinemodel.solver`). A model may be shared between threads.
    """

    def __init__(self, **overrides: float) -> None:
        values = default_values()
        for name, value in overrides.items():
            if name not in PARAMETERS:
                raise TypeError(
                    f"SpineModel got an unknown parameter {name!r}; the parameters are the names in "
                    "spinemodel.PARAMETERS"
                )
            low, high = PARAMETERS[name].bounds
            values[name] = check_scalar(name, value, low, high, unit=PARAMETERS[name].unit)
        try:
            self.joints: dict[str, Joint] = build_joints(values)
        except np.linalg.LinAlgError as exc:
            raise ValueError(
                f"these parameter overrides give an impossible joint ({overrides}): {exc}"
            ) from exc
        self.values = values
        self._tables = TableCache(self.joints, values)
        self._data = _ModelData(self.joints, values)
        self._configs: dict[tuple, ChainConfig] = {}
        self._populations = PopulationCache(values)

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
    def tolerances_deg(self) -> dict[str, float]:
        """Each joint's tolerance (deg): anatomical range, in vivo maximum or failure."""
        return {lv: j.tolerance_deg for lv, j in self.joints.items()}

    def annulus_thresholds_pct(self, level: str) -> dict[str, float]:
        """Annulus shear strain (%) of a lumbar level at its limit and at the rotation
        where isolated discs were first damaged (``lumbar_tolerance_deg``, 10 deg,
        Adams & Hutton 1981)."""
        check_choice("level", level, LUMBAR_LEVELS)
        j = self.joints[level]
        return {
            "at_limit": float(annulus_shear_strain_pct(j.limit_deg, j.disc_radius_mm, j.disc_height_mm)),
            "damage": float(
                annulus_shear_strain_pct(
                    self.values["lumbar_tolerance_deg"], j.disc_radius_mm, j.disc_height_mm
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
        """Validate the conditions of a solve and return the chain configuration.

        Valid conditions are remembered (per model, keyed by the raw values and their
        types), so repeating them costs a dictionary look-up.
        """
        args = (pelvis, strategy, hip_mobility, thoracic_mobility, lumbar_bracing)
        key = _config_key(args)
        if key is not None:
            config = self._configs.get(key)
            if config is not None:
                return config
        config = self._check_conditions(*args)
        if key is not None:
            if len(self._configs) >= _CONFIG_CACHE_SIZE:
                self._configs.clear()
            self._configs[key] = config
        return config

    def _check_conditions(
        self, pelvis: Any, strategy: Any, hip_mobility: Any, thoracic_mobility: Any, lumbar_bracing: Any
    ) -> ChainConfig:
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
        if strategy_obj.hip_led and pelvis == "fixed":
            raise ValueError(
                "strategy 'hip_led' turns the pelvis with the hips and needs pelvis='free'; "
                "got pelvis='fixed'"
            )
        # "+ 0.0" turns -0.0 into 0.0: equal conditions give equal-looking configurations.
        return ChainConfig(
            pelvis=pelvis,
            hip_mobility=hip_m + 0.0,
            thoracic_mobility=thor_m + 0.0,
            lumbar_bracing=bracing + 0.0,
            hip_led=strategy_obj.hip_led,
            knees_flexed=strategy_obj.knees_flexed,
        )

    def table(self, config: ChainConfig) -> ChainTable:
        """The tabulated chain for a configuration (built once, then cached)."""
        return self._tables.get(config)

    def reachable_deg(self, **conditions: Any) -> float:
        """Largest total rotation (deg) the body can reach under these conditions (the envelope).

        The envelope ends where the first joint other than a lumbar level reaches its
        tolerance (its anatomical range or in vivo maximum). Keyword arguments are the
        conditions of :meth:`solve`.
        """
        return self.table(self.conditions(**conditions)).max_total_deg

    def reachable_torque_nm(self, **conditions: Any) -> float:
        """Largest stretching torque (Nm) under these conditions: the torque at the envelope.

        In a hip-led turn it is the spine's torque. Keyword arguments are the
        conditions of :meth:`solve`.
        """
        return self.table(self.conditions(**conditions)).max_torque_nm

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
            ``total_deg`` or ``torque_nm`` replaces the preset's drive). A preset
            whose total is ``"reach"`` turns as far as the body can.
        pelvis : {"free", "fixed"}
            ``free``: standing with the feet planted, the legs and hips take part
            (default). ``fixed``: seated twist or a held thorax, they take no part.
        strategy : str or Strategy
            ``passive`` (default), ``braced`` or ``hip_led``; see :data:`spinemodel.STRATEGIES`.
        hip_mobility, thoracic_mobility : float
            Scale the hips' or the thoracic levels' rotation and range (1 = cited
            defaults; 0.5 = stiff; allowed 0.5 to 1.5, the population's spread).
        lumbar_bracing : float, optional
            0 (relaxed) to 1 (fully braced); defaults to the strategy's.

        Returns
        -------
        Pose
            Joint angles, torque and loads; arrays shaped like the input. Values are
            computed when first read (see :class:`Pose`).

        Raises
        ------
        TypeError, ValueError
            For bad input, naming the parameter, its value and what is allowed. A
            total or a torque beyond the envelope (:meth:`reachable_deg`,
            :meth:`reachable_torque_nm`) is a ``ValueError`` naming the reachable range.
        """
        conditions, drive_total, drive_torque = _resolve_inputs(
            total_deg,
            torque_nm,
            scenario,
            {
                "pelvis": pelvis,
                "strategy": strategy,
                "hip_mobility": hip_mobility,
                "thoracic_mobility": thoracic_mobility,
                "lumbar_bracing": lumbar_bracing,
            },
        )
        config = self.conditions(**conditions)
        table = self._tables.get(config)
        by_torque = drive_total is _UNSET
        if drive_total is REACH:
            drive_total = table.max_total_deg
        if by_torque:
            drive = self._drive("torque_nm", drive_torque, table.max_torque_nm, "Nm", conditions)
        else:
            drive = self._drive("total_deg", drive_total, table.max_total_deg, "deg", conditions)
        if type(drive) is float:
            magnitude = abs(drive)
            sign = 1.0 if drive > 0.0 else -1.0 if drive < 0.0 else 0.0  # as np.sign
        else:
            magnitude = np.abs(drive)
            sign = np.sign(drive).astype(np.int8)
        index, weight = table.locate_torque(magnitude) if by_torque else table.locate_total(magnitude)
        del magnitude
        strategy_used = conditions.get("strategy", "passive")
        return Pose._from_table(
            table,
            self._data,
            index,
            weight,
            sign,
            drive,
            by_torque,
            strategy_used if isinstance(strategy_used, str) else "custom",
            scenario,
        )

    def spread(
        self,
        total_deg: Any = _UNSET,
        torque_nm: Any = _UNSET,
        *,
        n: int = 1000,
        seed: int = 0,
        quantiles: Any = (0.05, 0.5, 0.95),
        level_correlation: float = 0.0,
        scenario: str | None = None,
        pelvis: Any = _UNSET,
        strategy: Any = _UNSET,
        hip_mobility: Any = _UNSET,
        thoracic_mobility: Any = _UNSET,
        lumbar_bracing: Any = _UNSET,
    ) -> Band:
        """The spread of a pose over a population of ``n`` bodies drawn around this model's values.

        Each parameter varies with its reported spread (:data:`spinemodel.population.VARIATION`);
        every body is possible (inside its bounds and constraints). All ``n`` bodies are
        tabulated and solved at once, vectorised (about a second for 1,000 bodies).

        Parameters
        ----------
        total_deg, torque_nm, scenario, pelvis, strategy, hip_mobility, thoracic_mobility, lumbar_bracing
            As :meth:`solve`. ``total_deg`` may be ``"reach"``: each body turns as far as
            it can. Drives may be arrays: the samples then have the shape ``(n, *drive)``.
        n : int
            Number of bodies, 2 to 100,000.
        seed : int
            Seed of the random draws (0 to 2**63 - 1): the same seed gives the same band.
        quantiles : three increasing fractions
            The percentiles of ``band.low``, ``band.median`` and ``band.high``.
        level_correlation : float
            0 to 1: correlation of the lumbar levels' ranges (and of the thoracic
            levels') within a body. No source reports it; 0 (independent) by default.

        Returns
        -------
        Band
            ``low``, ``median``, ``high`` (Pose-like percentiles), ``samples`` (each body),
            ``parameters`` (the drawn values), ``fraction_reached`` and more. Bodies that
            cannot take the pose (beyond their own envelope) are NaN in ``samples`` and
            left out of the percentiles.

        Raises
        ------
        TypeError, ValueError
            For bad input, naming the argument, its value and what is allowed; a
            ``ValueError`` when no body can take the pose.
        """
        n, seed, qs, rho = check_spread_arguments(n, seed, quantiles, level_correlation)
        conditions, drive_total, drive_torque = _resolve_inputs(
            total_deg,
            torque_nm,
            scenario,
            {
                "pelvis": pelvis,
                "strategy": strategy,
                "hip_mobility": hip_mobility,
                "thoracic_mobility": thoracic_mobility,
                "lumbar_bracing": lumbar_bracing,
            },
        )
        config = self.conditions(**conditions)
        if drive_total is REACH:
            total, torque, shape = None, None, ()
        elif drive_torque is _UNSET:
            total, torque = check_array("total_deg", drive_total, -180.0, 180.0, unit="deg"), None
            shape = total.shape
        else:
            total, torque = None, check_array("torque_nm", drive_torque, -500.0, 500.0, unit="Nm")
            shape = torque.shape
        population = self._populations.get(n, seed, rho)
        poses, sign = spread_poses(population, config, total_deg=total, torque_nm=torque)
        strategy_used = conditions.get("strategy", "passive")
        described = {
            "pelvis": config.pelvis,
            "strategy": strategy_used if isinstance(strategy_used, str) else "custom",
            "hip_mobility": config.hip_mobility,
            "thoracic_mobility": config.thoracic_mobility,
            "lumbar_bracing": config.lumbar_bracing,
            "hip_led": config.hip_led,
            "knees_flexed": config.knees_flexed,
            "scenario": scenario,
            "drive": "reach" if drive_total is REACH else "torque_nm" if torque is not None else "total_deg",
        }
        return summarise(poses, sign, shape, population, qs, described)

    def population(self, *, n: int = 1000, seed: int = 0, level_correlation: float = 0.0) -> Population:
        """The population of ``n`` bodies that :meth:`spread` uses (drawn once, then cached).

        Its ``bodies`` answer questions about one isolated joint, as a test rig loads it:
        ``population(n=200).bodies.angle_at("L3-L4", 7.5)`` is each body's L3-L4 angle
        (deg) under 7.5 Nm. Arguments as :meth:`spread`.
        """
        n, seed, _, rho = check_spread_arguments(n, seed, (0.05, 0.5, 0.95), level_correlation)
        return self._populations.get(n, seed, rho)

    def sensitivity(
        self,
        output: str = "lumbar",
        total_deg: Any = _UNSET,
        torque_nm: Any = _UNSET,
        *,
        n: int = 1000,
        seed: int = 0,
        scenario: str | None = None,
        **conditions: Any,
    ) -> Sensitivity:
        """Which parameters explain the spread of an output over the population (first-order indices).

        Delegates to :func:`spinemodel.sensitivity.sensitivity` (needs the ``analysis``
        extra, SALib); see there for the outputs, the method and its limits.
        """
        from .sensitivity import sensitivity

        drive = {}
        if total_deg is not _UNSET:
            drive["total_deg"] = total_deg
        if torque_nm is not _UNSET:
            drive["torque_nm"] = torque_nm
        return sensitivity(self, output, n=n, seed=seed, scenario=scenario, **drive, **conditions)

    def _drive(self, name: str, value: Any, limit: float, unit: str, conditions: dict) -> float | np.ndarray:
        """The checked drive; out of range, a ``ValueError`` naming the reachable range."""
        drive = _scalar_drive(value, limit)
        if drive is not None:
            return drive
        try:
            return self._check_drive(name, value, limit, unit)
        except ValueError as exc:
            if "out of range" not in str(exc):
                raise
            bad = str(exc).split(" is out of range")[0]
            described = ", ".join(
                f"{k}={v!r}"
                if isinstance(v, str)
                else f"{k}={v:g}"
                if isinstance(v, (int, float))
                else f"{k}=custom"
                for k, v in {"pelvis": "free", "strategy": "passive", **conditions}.items()
            )
            raise ValueError(
                f"{bad} is beyond what the body can reach under these conditions ({described}); the "
                f"reachable range is [{-limit:.1f}, {limit:.1f}] {unit}"
            ) from None

    @staticmethod
    def _check_drive(name: str, value: Any, limit: float, unit: str) -> float | np.ndarray:
        """The drive after :func:`check_array`: a float for one value, else an array the pose owns."""
        array = check_array(name, value, -limit, limit, unit=unit)
        if array.ndim == 0:
            return float(array)
        if isinstance(value, np.ndarray) and np.may_share_memory(array, value):
            array = array.copy()  # the pose must not change when the caller reuses the array
        return array

    def __repr__(self) -> str:
        changed = {k: v for k, v in self.values.items() if v != PARAMETERS[k].value}
        return f"SpineModel({', '.join(f'{k}={v:g}' for k, v in changed.items())})"
