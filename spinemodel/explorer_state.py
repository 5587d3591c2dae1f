"""The explorer's state without widgets: control values -> model inputs -> pose -> readouts.

>>> import spinemodel as sm
>>> from spinemodel.explorer_state import ExplorerState
>>> state = ExplorerState.resolve(sm.SpineModel(), scenario="standing_turn")
>>> state.to_query()
'scenario=standing_turn'
>>> ExplorerState.from_query("total_deg=30&pelvis=fixed", sm.SpineModel()).total_deg
30.0

An :class:`ExplorerState` holds the value of every control of the explorer
(:mod:`spinemodel.widgets`). It checks them against the model (names parameter, value
and allowed range), keeps the drive inside the physiological envelope
(:meth:`spinemodel.SpineModel.reachable_deg`, :meth:`~spinemodel.SpineModel.reachable_torque_nm`),
solves the pose, writes the readouts' texts and reads and writes the two forms a lecturer
prepares a state in: the URL query of the app (``?scenario=...&total_deg=...``) and JSON.

Every number is a model estimate from an educational model, not medical advice.
"""

from __future__ import annotations

import dataclasses
import html
import json
import math
from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qsl, urlencode

from .anatomy import LUMBAR_LEVELS
from .loads import ZONES
from .model import LABEL, Pose, SpineModel
from .scenarios import REACH, SCENARIOS, STRATEGIES
from .styles import ZONE_COLORS, ZONE_LABELS
from .validation import check_scalar

__all__ = [
    "ExplorerState",
    "STATE_KEYS",
    "QUERY_KEYS",
    "TOTAL_STEP",
    "TORQUE_STEP",
    "damage_threshold_pct",
    "parse_query",
    "readout_html",
    "scenario_state",
]

#: The keys of a state (every control that holds a value), in the order of the JSON export.
STATE_KEYS: tuple[str, ...] = (
    "drive",
    "total_deg",
    "torque_nm",
    "pelvis",
    "strategy",
    "hip_mobility",
    "thoracic_mobility",
    "lumbar_bracing",
    "scenario",
    "bands",
)
#: Keys understood in the app's URL query: the state's (except ``drive``: the drive is the one of
#: ``total_deg`` and ``torque_nm`` given) and ``style``. Keys starting with ``voila`` are Voilà's.
QUERY_KEYS: tuple[str, ...] = tuple(k for k in STATE_KEYS if k != "drive") + ("style",)
#: Rotation slider step (deg): one arrow key.
TOTAL_STEP = 1.0
#: Torque slider step (Nm): one arrow key.
TORQUE_STEP = 0.05
#: Resolution of the drives' ends: the envelope rounded down to 0.1 deg and 0.01 Nm.
TOTAL_RESOLUTION = 0.1
TORQUE_RESOLUTION = 0.01
_JSON_TAG = "spinemodel_explorer_state"
_JSON_VERSION = 1
_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off", "")
_ZONE_RANK = {zone: rank for rank, zone in enumerate(ZONES)}


def _floor_step(value: float, step: float) -> float:
    """``value`` rounded down to a multiple of ``step`` (the explorer's controls use it too)."""
    return round(math.floor(value / step + 1e-9) * step, 9)


def _choices(values: Any) -> str:
    return ", ".join(map(repr, values))


@dataclasses.dataclass(frozen=True)
class ExplorerState:
    """The value of every control of the explorer (immutable; build it with :meth:`resolve`).

    Attributes
    ----------
    drive : {"total", "torque"}
        Which input drives the pose.
    total_deg : float or None
        Total trunk rotation [deg] with ``drive="total"`` (else None). The envelope rounded
        down to 0.1 deg (the slider's end) stands for the envelope itself.
    torque_nm : float or None
        Stretch torque [Nm] with ``drive="torque"`` (else None).
    pelvis : {"free", "fixed"}
    strategy : str
        A name in :data:`spinemodel.STRATEGIES`.
    hip_mobility, thoracic_mobility : float
        Times the cited default, within :data:`spinemodel.MOBILITY_RANGE`.
    lumbar_bracing : float
        0 (relaxed) to 1 (fully braced).
    scenario : str or None
        The preset these values are, or None (custom).
    bands : bool
        Show the population spread.
    """

    drive: str = "total"
    total_deg: float | None = 45.0
    torque_nm: float | None = None
    pelvis: str = "free"
    strategy: str = "passive"
    hip_mobility: float = 1.0
    thoracic_mobility: float = 1.0
    lumbar_bracing: float = 0.0
    scenario: str | None = None
    bands: bool = False

    # --- building -----------------------------------------------------------------------------
    @classmethod
    def resolve(cls, model: SpineModel, *, bands: bool = False, **initial: Any) -> ExplorerState:
        """Check starting values against ``model`` and return the state they describe.

        Parameters
        ----------
        model : SpineModel
            The model whose conditions and envelope the values are checked against.
        bands : bool
            Show the population spread.
        **initial
            ``scenario`` (a name in :data:`spinemodel.SCENARIOS`, its inputs first),
            ``total_deg`` [deg] (or ``"reach"``: as far as the body can turn) or ``torque_nm``
            [Nm] (at most one), ``pelvis``, ``strategy``, ``hip_mobility``,
            ``thoracic_mobility``, ``lumbar_bracing``; None means "not given". A scenario with
            any other value given is no longer the scenario (custom).

        Returns
        -------
        ExplorerState

        Raises
        ------
        TypeError
            For an unknown name or a value of the wrong type.
        ValueError
            For a value out of its range; the drive must lie inside the envelope of the
            conditions (the message names parameter, value and allowed range).
        """
        if not isinstance(bands, bool):
            raise TypeError(f"bands must be True or False (show the population spread), got {bands!r}")
        allowed = tuple(k for k in STATE_KEYS if k not in ("drive", "bands"))
        unknown = sorted(set(initial) - set(allowed))
        if unknown:
            raise TypeError(
                f"explore() got an unknown parameter {unknown[0]!r}; the parameters are "
                f"{', '.join(allowed)} (and model, backend, style, save_dir, figsize, dpi, bands, query)"
            )
        state = dict(dataclasses.asdict(cls()))
        state["lumbar_bracing"] = None
        scenario = initial.get("scenario")
        if scenario is not None:
            if not isinstance(scenario, str):
                raise TypeError(f"scenario must be one of {_choices(SCENARIOS)}; got {scenario!r}")
            if scenario not in SCENARIOS:
                raise ValueError(f"scenario must be one of {_choices(SCENARIOS)}; got {scenario!r}")
            state.update(scenario_state(scenario))
        if initial.get("total_deg") is not None and initial.get("torque_nm") is not None:
            raise ValueError(
                "give at most one of total_deg and torque_nm: the explorer is driven by one at a time; "
                f"got total_deg={initial['total_deg']!r} and torque_nm={initial['torque_nm']!r}"
            )
        for name in ("pelvis", "strategy", "hip_mobility", "thoracic_mobility", "lumbar_bracing"):
            if initial.get(name) is not None:
                state[name] = initial[name]
        if initial.get("strategy") is not None and initial.get("lumbar_bracing") is None:
            state["lumbar_bracing"] = None  # the strategy brings its own bracing
        if initial.get("total_deg") is not None:
            state.update(drive="total", total_deg=initial["total_deg"], torque_nm=None)
        if initial.get("torque_nm") is not None:
            state.update(drive="torque", torque_nm=initial["torque_nm"], total_deg=None)
        if any(initial.get(name) is not None for name in allowed if name != "scenario"):
            state["scenario"] = None  # a preset with overrides is no longer the preset
        if not isinstance(state["strategy"], str):
            raise TypeError(f"strategy must be one of {_choices(STRATEGIES)}; got {state['strategy']!r}")
        # The model checks the conditions and names parameter, value and allowed range.
        config = model.conditions(
            pelvis=state["pelvis"],
            strategy=state["strategy"],
            hip_mobility=state["hip_mobility"],
            thoracic_mobility=state["thoracic_mobility"],
            lumbar_bracing=state["lumbar_bracing"],
        )
        state["hip_mobility"] = float(config.hip_mobility)
        state["thoracic_mobility"] = float(config.thoracic_mobility)
        state["lumbar_bracing"] = float(config.lumbar_bracing)
        state["bands"] = bands
        new = cls(**state)
        reach_deg, reach_nm = new.drive_max(model)
        if new.drive == "total":
            total = reach_deg if new.total_deg == REACH else new.total_deg
            if initial.get("total_deg") is None and scenario is None:
                total = min(float(total), reach_deg)  # the default rotation, inside a smaller envelope
            total = check_scalar("total_deg", total, 0.0, reach_deg, unit="deg")
            return dataclasses.replace(new, total_deg=total)
        torque = check_scalar("torque_nm", new.torque_nm, 0.0, reach_nm, unit="Nm")
        return dataclasses.replace(new, torque_nm=torque)

    @classmethod
    def from_query(cls, query: str, model: SpineModel, **defaults: Any) -> ExplorerState:
        """The state of an app address's query, e.g. ``"scenario=golf_backswing&bands=1"``.

        Parameters
        ----------
        query : str
            The query (a leading ``?`` is allowed). Keys: :data:`QUERY_KEYS`; ``style`` and
            keys starting with ``voila`` are ignored here. An empty query (or one with only
            those keys) gives the state of ``defaults``.
        model : SpineModel
        **defaults
            Starting values used when the query names no control (as for :meth:`resolve`).

        Raises
        ------
        ValueError
            For an unknown key, a repeated key, a value that is not a number, or a value
            out of range (one sentence naming key, value and allowed values).
        """
        values = parse_query(query)
        values.pop("style", None)
        bands = values.pop("bands", defaults.pop("bands", False))
        if not values:
            return cls.resolve(model, bands=bands, **defaults)
        try:
            return cls.resolve(model, bands=bands, **values)
        except TypeError as exc:  # a query holds text: a wrong type is a wrong value
            raise ValueError(str(exc)) from None

    @classmethod
    def from_json(cls, text: str | bytes, model: SpineModel) -> ExplorerState:
        """The state of a JSON export (:meth:`to_json`).

        Raises
        ------
        ValueError
            For text that is not JSON, not an explorer state, has unknown keys or values out of
            range (one sentence).
        """
        try:
            data = json.loads(text)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise ValueError(f"the state is not valid JSON ({exc})") from None
        if not isinstance(data, dict) or data.get(_JSON_TAG) != _JSON_VERSION:
            raise ValueError(
                f'the JSON is not an explorer state: it needs "{_JSON_TAG}": {_JSON_VERSION} '
                "(export one with the explorer's Export button)"
            )
        data = {k: v for k, v in data.items() if k != _JSON_TAG}
        unknown = sorted(set(data) - set(STATE_KEYS))
        if unknown:
            raise ValueError(
                f"the state has an unknown key {unknown[0]!r}; the keys are {', '.join(STATE_KEYS)}"
            )
        drive = data.pop("drive", None)
        if drive not in (None, "total", "torque"):
            raise ValueError(f"drive must be 'total' or 'torque'; got {drive!r}")
        if drive == "total":
            data["torque_nm"] = None
        elif drive == "torque":
            data["total_deg"] = None
        bands = data.pop("bands", False)
        scenario = data.pop("scenario", None)
        if scenario is not None and (not isinstance(scenario, str) or scenario not in SCENARIOS):
            raise ValueError(f"scenario must be one of {_choices(SCENARIOS)} or null; got {scenario!r}")
        try:
            preset = cls.resolve(model, bands=bands, scenario=scenario) if scenario is not None else None
            given = {k: v for k, v in data.items() if v is not None}
            if preset is not None and not given:
                return preset
            state = cls.resolve(model, bands=bands, **data)
        except TypeError as exc:
            raise ValueError(str(exc)) from None
        if preset is not None and dataclasses.replace(preset, scenario=None) == state:
            return preset  # the values are still those of the preset
        return state

    # --- model inputs -------------------------------------------------------------------------
    def conditions(self) -> dict[str, Any]:
        """The conditions of the state as keyword arguments of :meth:`SpineModel.solve`."""
        return {
            "pelvis": self.pelvis,
            "strategy": self.strategy,
            "hip_mobility": float(self.hip_mobility),
            "thoracic_mobility": float(self.thoracic_mobility),
            "lumbar_bracing": float(self.lumbar_bracing),
        }

    def envelope(self, model: SpineModel) -> tuple[float, float]:
        """The physiological envelope of the conditions: (reach [deg], torque at reach [Nm])."""
        conditions = self.conditions()
        return float(model.reachable_deg(**conditions)), float(model.reachable_torque_nm(**conditions))

    def drive_max(self, model: SpineModel) -> tuple[float, float]:
        """The drives' ends: the envelope rounded down to 0.1 deg and 0.01 Nm."""
        reach_deg, reach_nm = self.envelope(model)
        return _floor_step(reach_deg, TOTAL_RESOLUTION), _floor_step(reach_nm, TORQUE_RESOLUTION)

    @property
    def drive_value(self) -> float:
        """The active drive's value (deg or Nm)."""
        value = self.total_deg if self.drive == "total" else self.torque_nm
        return float(value)  # type: ignore[arg-type]

    def clamped(self, model: SpineModel) -> tuple[ExplorerState, str]:
        """This state with its drive inside the envelope, and a note saying what was clamped
        (empty when nothing was)."""
        ends = self.drive_max(model)
        if self.drive == "total":
            value, end, name, unit, digits = self.total_deg, ends[0], "total_deg", "deg", 1
        else:
            value, end, name, unit, digits = self.torque_nm, ends[1], "torque_nm", "Nm", 2
        value = float(value)  # type: ignore[arg-type]
        new = min(max(value, 0.0), end)
        if new == value:
            return self, ""
        note = (
            f"The drive was clamped from {value:.{digits}f} to {new:.{digits}f} {unit}: "
            "the body's range ends there."
        )
        return dataclasses.replace(self, **{name: new}), note

    def solve(self, model: SpineModel) -> Pose:
        """The pose of the state. A drive at its end (:meth:`drive_max`) stands for the envelope
        itself: as far as the body can turn."""
        reach = self.envelope(model)
        ends = self.drive_max(model)
        i = 0 if self.drive == "total" else 1
        value = min(max(self.drive_value, 0.0), ends[i])
        if value >= ends[i] - 1e-9:
            value = reach[i]
        if self.drive == "total":
            return model.solve(total_deg=value, **self.conditions())
        return model.solve(torque_nm=value, **self.conditions())

    # --- saving ---------------------------------------------------------------------------
    def as_dict(self) -> dict[str, Any]:
        """Every control's value, keyed as :data:`STATE_KEYS`."""
        return {k: getattr(self, k) for k in STATE_KEYS}

    def to_json(self) -> str:
        """The state as JSON (read back with :meth:`from_json`)."""
        return json.dumps({_JSON_TAG: _JSON_VERSION, **self.as_dict()}, indent=1)

    def to_query(self, *, style: str | None = None) -> str:
        """The state as an app address's query (without ``?``), read back by :meth:`from_query`.

        A preset is its name; any other state names the drive and every condition.

        Parameters
        ----------
        style : str, optional
            Added as ``style=...`` (``lecture`` for a projector) unless None or ``notebook``.
        """
        items: list[tuple[str, str]] = []
        if self.scenario is not None:
            items.append(("scenario", self.scenario))
        else:
            drive = "total_deg" if self.drive == "total" else "torque_nm"
            items.append((drive, f"{self.drive_value:g}"))
            items += [("pelvis", self.pelvis), ("strategy", self.strategy)]
            items += [
                (k, f"{getattr(self, k):g}") for k in ("hip_mobility", "thoracic_mobility", "lumbar_bracing")
            ]
        if self.bands:
            items.append(("bands", "1"))
        if style not in (None, "notebook"):
            items.append(("style", str(style)))
        return urlencode(items)

    def summary(self, pose: Pose) -> str:
        """One line of conditions and pose, stamped on saved figures."""
        stance = "standing (pelvis free)" if self.pelvis == "free" else "seated (pelvis fixed)"
        parts = [
            f"scenario {self.scenario}" if self.scenario else "custom",
            stance,
            f"strategy {self.strategy}",
            f"hip mobility ×{self.hip_mobility:.2f}",
            f"thoracic mobility ×{self.thoracic_mobility:.2f}",
            f"lumbar bracing {self.lumbar_bracing:.2f}",
            f"total {float(pose.total_deg):.1f}° at {float(pose.torque_nm):.2f} Nm",
        ]
        if self.bands:
            parts.append("population spread shown")
        return "; ".join(parts)


def scenario_state(name: str) -> dict[str, Any]:
    """The state values of a preset of :data:`spinemodel.SCENARIOS` (``total_deg`` may be
    ``"reach"``; ``lumbar_bracing`` None: the strategy's own)."""
    inputs = SCENARIOS[name].inputs
    state: dict[str, Any] = {
        "scenario": name,
        "pelvis": inputs.get("pelvis", "free"),
        "strategy": str(inputs.get("strategy", "passive")),
        "hip_mobility": float(inputs.get("hip_mobility", 1.0)),
        "thoracic_mobility": float(inputs.get("thoracic_mobility", 1.0)),
        "lumbar_bracing": inputs.get("lumbar_bracing"),
    }
    if "torque_nm" in inputs:
        state.update(drive="torque", torque_nm=float(inputs["torque_nm"]), total_deg=None)
    else:
        total = inputs["total_deg"]
        state.update(drive="total", total_deg=REACH if total == REACH else float(total), torque_nm=None)
    return state


def parse_query(query: str) -> dict[str, Any]:
    """Split an app address's query into values: numbers as floats, ``bands`` as bool.

    Raises
    ------
    ValueError
        For an unknown or repeated key, or a value that is not a number where one is needed.
    """
    if not isinstance(query, str):
        raise TypeError(f"query must be a str such as 'scenario=golf_backswing', got {type(query).__name__}")
    pairs = parse_qsl(query.lstrip("?"), keep_blank_values=True)
    values: dict[str, Any] = {}
    for key, raw in pairs:
        if key.startswith("voila"):
            continue
        if key not in QUERY_KEYS:
            raise ValueError(
                f"the address has an unknown setting {key!r}; the settings are {', '.join(QUERY_KEYS)}"
            )
        if key in values:
            raise ValueError(f"the address gives {key} twice; give it once")
        text = raw.strip()
        if key == "bands":
            if text.lower() not in _TRUE + _FALSE:
                raise ValueError(f"bands must be 1 or 0 (true or false); got {raw!r}")
            values[key] = text.lower() in _TRUE
        elif key in ("total_deg", "torque_nm", "hip_mobility", "thoracic_mobility", "lumbar_bracing"):
            if key == "total_deg" and text == REACH:
                values[key] = REACH
                continue
            try:
                number = float(text)
            except ValueError:
                extra = " or 'reach'" if key == "total_deg" else ""
                raise ValueError(f"{key} must be a number{extra}; got {raw!r}") from None
            if not math.isfinite(number):
                raise ValueError(f"{key} must be a finite number; got {raw!r}")
            values[key] = number
        else:
            values[key] = text
    return values


# --- readouts ---------------------------------------------------------------------------------
def damage_threshold_pct(model: SpineModel) -> float:
    """The disc-damage threshold of annulus shear strain (%) the loads panel draws and the
    readouts quote: the lowest of the lumbar levels' (:meth:`SpineModel.annulus_thresholds_pct`)."""
    return min(model.annulus_thresholds_pct(level)["damage"] for level in LUMBAR_LEVELS)


def _text_colour(background: str) -> str:
    """Black or white, whichever reads better on ``background`` (a matplotlib colour)."""
    from matplotlib.colors import to_rgb

    r, g, b = to_rgb(background)
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return "#000000" if luminance > 0.45 else "#ffffff"


def _tied(values: Mapping[Any, float], digits: int) -> list[Any]:
    """The keys whose value, as shown (rounded to ``digits``), equals the highest shown."""
    shown = {k: round(float(v), digits) for k, v in values.items()}
    top = max(shown.values())
    return [k for k, v in shown.items() if v == top]


def _names(items: list[str]) -> str:
    if len(items) == 1:
        return items[0]
    return f"{', '.join(items[:-1])} and {items[-1]} (tie)"


def readout_html(
    model: SpineModel,
    pose: Pose,
    *,
    reach_deg: float,
    spread: Mapping[str, Any] | None = None,
    spread_label: str = "",
    spread_n: int = 0,
    spread_min_reached: float = 0.5,
) -> dict[str, str]:
    """The readouts' HTML: ``lumbar``, ``zone``, ``facet``, ``annulus``, ``regions``.

    Numbers are shown as rounded; levels whose shown values are equal are reported as a tie.

    Parameters
    ----------
    model : SpineModel
    pose : Pose
    reach_deg : float
        Where the body's range ends under the pose's conditions [deg].
    spread : mapping, optional
        The population's range at the pose (``fraction`` and ``(low, high)`` per output,
        see :meth:`spinemodel.widgets.Explorer.pose_range`); None: no ranges.
    spread_label, spread_n : str, int
        The population's label and size.
    spread_min_reached : float
        The share of bodies that must reach the pose for a range to be shown.
    """
    lumbar = float(pose.regions_deg["lumbar"])
    cap = float(pose.lumbar_cap_deg)
    zones = {lv: pose.zone[lv] for lv in LUMBAR_LEVELS}
    worst = max(zones.values(), key=_ZONE_RANK.__getitem__)
    at = [lv for lv, z in zones.items() if z == worst]
    forces = {
        (lv, side): float(pose.facet_force_n[lv][side])
        for lv in LUMBAR_LEVELS
        for side in ("contralateral", "ipsilateral")
    }
    facet_at = _tied(forces, 0)
    facet = max(forces.values())
    strains = {lv: float(pose.annulus_strain_pct[lv]) for lv in LUMBAR_LEVELS}
    strain_at = _tied(strains, 1)
    strain = max(strains.values())
    damage = damage_threshold_pct(model)
    share = min(lumbar / cap, 1.5) if cap > 0 else 0.0
    zc = ZONE_COLORS[worst]
    box = "padding:0.25em 0.5em;margin:0 0.25em 0.25em 0;border-radius:4px;border:1px solid #999;"
    big = "font-size:1.45em;font-weight:bold;line-height:1.2"
    small = "font-size:0.8em;line-height:1.2"

    def rng(name: str, digits: int, unit: str = "", *, big_text: bool = False) -> str:
        """`` (low–high)`` of the population, or nothing (bands off, or too few bodies reach)."""
        if spread is None or not math.isfinite(spread[name][0]):
            return ""
        low, high = spread[name]
        if high - low < 0.5 * 10.0**-digits:  # no spread (the legs and hips of a fixed pelvis)
            return ""
        style = " style='font-size:0.62em;font-weight:normal'" if big_text else ""
        text = f"({low:.{digits}f}&ndash;{high:.{digits}f}{unit})"
        return f" <span class='spinemodel-range'{style}>{text}</span>"

    if facet_at and len({lv for lv, _ in facet_at}) == 1 and len(facet_at) == 2:
        facet_where = f"{facet_at[0][0]}, both sides (tie)"
    else:
        facet_where = _names(
            [f"{lv} {side}" if len(facet_at) > 1 else f"{lv}, {side}" for lv, side in facet_at]
        )
    out = {
        "lumbar": (
            f"<div style='{box}'><div style='{small}'>Lumbar rotation / measured range</div>"
            f"<div style='{big}'>{lumbar:.1f}&deg;{rng('lumbar', 1, big_text=True)} / {cap:.1f}&deg;</div>"
            f"<div style='height:0.45em;background:#ddd;border-radius:2px'><div style='height:100%;"
            f"width:{min(share, 1.0) * 100:.0f}%;background:{zc}'></div></div></div>"
        ),
        "zone": (
            f"<div style='{box}background:{zc};color:{_text_colour(zc)}'>"
            f"<div style='{small}'>Lumbar zone</div>"
            f"<div style='{big}'>{ZONE_LABELS[worst]}</div><div style='{small}'>{', '.join(at)}</div></div>"
        ),
        "facet": (
            f"<div style='{box}'><div style='{small}'>Highest facet force</div>"
            f"<div style='{big}'>{facet:.0f} N{rng('facet', 0, big_text=True)}</div>"
            f"<div style='{small}'>{html.escape(facet_where)}</div></div>"
        ),
        "annulus": (
            f"<div style='{box}'><div style='{small}'>Highest annulus strain</div>"
            f"<div style='{big}'>{strain:.1f} %{rng('strain', 1, big_text=True)}</div>"
            f"<div style='{small}'>{html.escape(_names(strain_at))}; disc damage "
            f"seen near {damage:.0f} %</div></div>"
        ),
    }
    reg = pose.regions_deg
    if spread is None:
        about = ""
    elif spread["fraction"] >= spread_min_reached:
        about = (
            f"<br><span class='spinemodel-spread-note' style='color:#555'>In brackets: "
            f"{html.escape(spread_label)} (each output's 5th to 95th percentile on its own); "
            f"{100 * spread['fraction']:.0f}% of them reach this pose.</span>"
        )
    else:
        about = (
            f"<br><span class='spinemodel-spread-note' style='color:#555'>Only "
            f"{100 * spread['fraction']:.0f}% of the {spread_n} model bodies reach this pose: "
            "too few for a range.</span>"
        )
    out["regions"] = (
        f"<div style='font-size:0.95em'>Total {float(reg['total']):.1f}&deg; = "
        f"legs {float(reg['legs']):.1f}&deg;{rng('legs', 1)} + hips {float(reg['hips']):.1f}&deg;"
        f"{rng('hips', 1)} + lumbar {lumbar:.1f}&deg;{rng('lumbar', 1)} + thoracic "
        f"{float(reg['thoracic']):.1f}&deg;{rng('thoracic', 1)} at "
        f"{float(pose.torque_nm):.2f} Nm; the range ends at {reach_deg:.1f}&deg; "
        f"<span style='color:#666'>({html.escape(LABEL)})</span>{about}</div>"
    )
    return out
