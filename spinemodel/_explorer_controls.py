"""The explorer's controls: the widgets by name, their values as a state, set in one go.

>>> import spinemodel as sm
>>> from spinemodel._explorer_controls import Controls                     # doctest: +SKIP
>>> controls = Controls(sm.SpineModel())                                   # doctest: +SKIP
>>> controls["total_deg"].value = 30.0                                     # doctest: +SKIP
>>> controls.values()["total_deg"]                                         # doctest: +SKIP
30.0

A :class:`Controls` holds the widgets of the explorer's control column
(:mod:`spinemodel.widgets`): the drive and condition sliders, the scenario picker with its
description, the sweep, reset and save buttons, the population-spread checkbox and the closed
"Prepared states" section (export and import as JSON and as an app address). It reads them as
the values of an :class:`~spinemodel.explorer_state.ExplorerState` (:meth:`Controls.values`),
sets them from one (:meth:`Controls.set_values`), fits the drive sliders to the body's
range (:meth:`Controls.fit_reach`) and keeps the inactive drive on the pose
(:meth:`Controls.follow`). It does not observe its own widgets: the explorer connects them;
changes made under :meth:`Controls.silenced` are ones its callbacks ignore (:attr:`Controls.quiet`).

Every number the explorer shows is a model estimate from an educational model, not medical advice.
"""

from __future__ import annotations

import contextlib
import html
from collections.abc import Callable, Iterator
from typing import Any

from ._extras import missing_extras

try:
    import ipywidgets as widgets
except ModuleNotFoundError as exc:  # a plain install: name the pip command
    raise missing_extras(exc, "spinemodel.widgets") from None

from .explorer_state import TORQUE_RESOLUTION, TORQUE_STEP, TOTAL_RESOLUTION, TOTAL_STEP, ExplorerState
from .explorer_state import _floor_step as floor_step
from .model import MOBILITY_RANGE, PELVIS_CONDITIONS, Pose, SpineModel
from .scenarios import SCENARIOS, STRATEGIES

__all__ = ["Controls", "CONTROL_NAMES", "BAND_BODIES", "CUSTOM", "PLAY_FRAMES", "echo", "floor_step"]

#: Names of the controls (:attr:`Controls.by_name`).
CONTROL_NAMES: tuple[str, ...] = (
    "drive",
    "total_deg",
    "torque_nm",
    "pelvis",
    "strategy",
    "hip_mobility",
    "thoracic_mobility",
    "lumbar_bracing",
    "scenario",
    "play",
    "reset",
    "save",
    "bands",
    "state_json",
    "export_state",
    "import_state",
)
#: Model bodies of the population bands (a condition change with bands on costs one
#: ``model.spread`` over the sweep's 81 totals: about half a second for 300 bodies).
BAND_BODIES = 300
#: Scenario picker value when the controls match no preset.
CUSTOM = ""
#: Frames of one sweep of the "play" control (zero to the end of the active drive).
PLAY_FRAMES = 120

# Slider steps: one arrow key moves the rotation 1 deg, the torque 0.05 Nm (PageUp/PageDown ten
# steps: spinemodel._explorer_keys; ipywidgets' own five where anywidget is missing). The browser
# snaps a value set from code (the inactive drive follows the pose) to the step and sends it back;
# the inactive drive ignores it.
_MOBILITY_STEP = 0.05
_BRACING_STEP = 0.05
_SLIDER_STYLE = {"description_width": "initial"}  # the label sits above the track (the page's CSS)
_HELP_STYLE = "font-size:0.85em;line-height:1.3"


def _wide() -> widgets.Layout:
    return widgets.Layout(width="100%")


def echo(change: dict) -> bool:
    """A float the browser sent back rounded to its step (1.0 -> 1.0000000000000002): no change."""
    old, new = change.get("old"), change.get("new")
    if isinstance(old, float) and isinstance(new, float):
        return abs(new - old) <= 1e-9 * max(1.0, abs(old))
    return False


def _css_class(name: str) -> str:
    return f"spinemodel-control-{name.replace('_', '-')}"


class Controls:
    """The explorer's control widgets around one model.

    Parameters
    ----------
    model : SpineModel
        Sets the drive sliders' ends (the body's range under the conditions).
    notify : callable, optional
        Called with a one-sentence note when the drive sliders' ends change (and a drive
        value is clamped).

    Attributes
    ----------
    by_name : dict of str to ipywidgets.Widget
        The controls by name (:data:`CONTROL_NAMES`).
    scenario_text : ipywidgets.HTML
        The picked scenario's description.
    state_box : ipywidgets.Accordion
        The closed "Prepared states" section (export and import).
    state_link : ipywidgets.HTML
        The app address written by the last export.
    reach : (float, float)
        The body's range under the current conditions: (deg, Nm).
    """

    def __init__(self, model: SpineModel, *, notify: Callable[[str], Any] | None = None) -> None:
        self.model = model
        self._notify = notify if notify is not None else (lambda note: None)
        self._quiet = 0
        self.reach: tuple[float, float] = (0.0, 0.0)
        self.by_name: dict[str, widgets.Widget] = self._build()
        self.scenario_text = widgets.HTML(layout=_wide())
        self.scenario_text.add_class("spinemodel-scenario-text")
        self._build_state_box()

    def __getitem__(self, name: str) -> widgets.Widget:
        return self.by_name[name]

    # --- construction ------------------------------------------------------------------------
    def _build(self) -> dict[str, widgets.Widget]:
        lo, hi = MOBILITY_RANGE
        c: dict[str, widgets.Widget] = {}
        c["drive"] = widgets.ToggleButtons(
            options=[("Rotation [deg]", "total"), ("Torque [Nm]", "torque")],
            value="total",
            description="Drive by",
            tooltips=["Set the total trunk rotation", "Set the stretching torque"],
            style={"description_width": "4.5em", "button_width": "auto"},
        )
        c["total_deg"] = widgets.FloatSlider(
            value=0.0,
            min=0.0,
            max=floor_step(self.model.reachable_deg(), TOTAL_RESOLUTION),
            step=TOTAL_STEP,
            description="Total rotation [deg]",
            readout_format=".1f",
            continuous_update=True,
            style=_SLIDER_STYLE,
            layout=_wide(),
        )
        c["torque_nm"] = widgets.FloatSlider(
            value=0.0,
            min=0.0,
            max=floor_step(self.model.reachable_torque_nm(), TORQUE_RESOLUTION),
            step=TORQUE_STEP,
            description="Stretch torque [Nm]",
            readout_format=".2f",
            continuous_update=True,
            style=_SLIDER_STYLE,
            layout=_wide(),
        )
        c["pelvis"] = widgets.ToggleButtons(
            options=[("Free (standing)", "free"), ("Fixed (seated)", "fixed")],
            value="free",
            description="Pelvis",
            tooltips=[
                "Feet planted, the legs and hips take part",
                "Seated or lying, the legs and hips take no part (not with the hip-led turn)",
            ],
            style={"description_width": "4.5em", "button_width": "auto"},
        )
        assert tuple(v for _, v in c["pelvis"].options) == PELVIS_CONDITIONS
        c["strategy"] = widgets.Dropdown(
            options=[
                ("Passive stretch", "passive"),
                ("Low back braced", "braced"),
                ("Hip-led, knees flexed (standing)", "hip_led"),
            ],
            value="passive",
            description="Strategy",
            style={"description_width": "4.5em"},
            layout=_wide(),
        )
        assert {v for _, v in c["strategy"].options} == set(STRATEGIES)
        for name, label, tip in (
            (
                "hip_mobility",
                "Hip mobility [×]",
                "Hip rotation and range, times the cited default (the population's spread)",
            ),
            (
                "thoracic_mobility",
                "Thoracic mobility [×]",
                "Thoracic rotation and range, times the cited default (the population's spread)",
            ),
        ):
            c[name] = widgets.FloatSlider(
                value=1.0,
                min=lo,
                max=hi,
                step=_MOBILITY_STEP,
                description=label,
                tooltip=tip,
                readout_format=".2f",
                continuous_update=False,  # a condition change redraws everything (~0.1 s): on release
                style=_SLIDER_STYLE,
                layout=_wide(),
            )
        c["lumbar_bracing"] = widgets.FloatSlider(
            value=0.0,
            min=0.0,
            max=1.0,
            step=_BRACING_STEP,
            description="Lumbar bracing [0–1]",
            tooltip="Trunk muscles co-contracting: 0 relaxed, 1 fully braced (stiffens the lumbar levels)",
            readout_format=".2f",
            continuous_update=False,
            style=_SLIDER_STYLE,
            layout=_wide(),
        )
        c["scenario"] = widgets.Dropdown(
            options=[("- custom -", CUSTOM)] + [(s.title, s.name) for s in SCENARIOS.values()],
            value=CUSTOM,
            description="Scenario",
            style={"description_width": "4.5em"},
            layout=_wide(),
        )
        c["play"] = widgets.Play(
            value=0,
            min=0,
            max=PLAY_FRAMES,
            step=1,
            interval=60,
            description="Sweep",
            tooltip="Sweep the active drive from zero to the end of the body's range",
            show_repeat=False,  # room for Reset and Save beside it
        )
        c["reset"] = widgets.Button(description="Reset", icon="undo", tooltip="Back to the starting values")
        c["save"] = widgets.Button(
            description="Save figure", icon="save", tooltip="Write the figure as a PNG file"
        )
        c["bands"] = widgets.Checkbox(
            value=False,
            description=f"Population spread ({BAND_BODIES} bodies)",
            tooltip="5-95% ranges in the readouts and shaded bands: bodies drawn from the published spreads",
            indent=False,
            layout=_wide(),
        )
        c["state_json"] = widgets.Textarea(
            placeholder="Export writes every control's value here as JSON; paste one and Import sets them.",
            rows=7,
            layout=_wide(),
        )
        c["export_state"] = widgets.Button(
            description="Export", icon="download", tooltip="Write the controls' values as JSON and a link"
        )
        c["import_state"] = widgets.Button(
            description="Import", icon="upload", tooltip="Set the controls from the JSON above"
        )
        assert tuple(c) == CONTROL_NAMES
        for name, control in c.items():
            control.add_class(_css_class(name))
        return c

    def _build_state_box(self) -> None:
        """A closed section for a lecturer: this state as an app address and as JSON."""
        c = self.by_name
        self.state_link = widgets.HTML(layout=_wide())
        self.state_link.add_class("spinemodel-state-link")
        self.state_box = widgets.Accordion(
            children=[
                widgets.VBox(
                    [
                        widgets.HTML(
                            f"<div style='{_HELP_STYLE}'>Prepare a state for a lecture: "
                            "set the controls, "
                            "press Export, keep the link (it opens the app in this state) or the JSON "
                            "(Import sets it again).</div>"
                        ),
                        widgets.HBox([c["export_state"], c["import_state"]]),
                        self.state_link,
                        c["state_json"],
                    ]
                )
            ],
            selected_index=None,
            layout=_wide(),
        )
        self.state_box.set_title(0, "Prepared states: link and JSON")
        self.state_box.add_class("spinemodel-state-box")

    # --- quiet changes -----------------------------------------------------------------------
    @property
    def quiet(self) -> bool:
        """Whether the controls are being set from code (:meth:`silenced`): callbacks ignore it."""
        return self._quiet > 0

    @contextlib.contextmanager
    def silenced(self) -> Iterator[None]:
        """Changes made inside are the explorer's own: :attr:`quiet` is true."""
        self._quiet += 1
        try:
            yield
        finally:
            self._quiet -= 1

    @contextlib.contextmanager
    def held(self, *names: str) -> Iterator[None]:
        """One state message per widget (all widgets without ``names``) for the changes inside."""
        with contextlib.ExitStack() as stack:
            for name in names or tuple(self.by_name):
                stack.enter_context(self.by_name[name].hold_sync())
            yield

    # --- values ------------------------------------------------------------------------------
    @property
    def total_mode(self) -> bool:
        """Whether the rotation (not the torque) drives the pose."""
        return self.by_name["drive"].value == "total"

    @property
    def active_drive(self) -> str:
        """The name of the active drive slider: ``total_deg`` or ``torque_nm``."""
        return "total_deg" if self.total_mode else "torque_nm"

    def conditions(self) -> dict[str, Any]:
        """The conditions as keyword arguments of :meth:`SpineModel.solve`."""
        c = self.by_name
        return {
            "pelvis": c["pelvis"].value,
            "strategy": c["strategy"].value,
            "hip_mobility": float(c["hip_mobility"].value),
            "thoracic_mobility": float(c["thoracic_mobility"].value),
            "lumbar_bracing": float(c["lumbar_bracing"].value),
        }

    def values(self) -> dict[str, Any]:
        """The controls' values as keyword arguments of :class:`ExplorerState`."""
        c = self.by_name
        total = self.total_mode
        return {
            "drive": c["drive"].value,
            "total_deg": float(c["total_deg"].value) if total else None,
            "torque_nm": None if total else float(c["torque_nm"].value),
            "scenario": c["scenario"].value or None,
            "bands": bool(c["bands"].value),
            **self.conditions(),
        }

    def set_values(self, state: ExplorerState) -> None:
        """Set every control from ``state`` silently, in one message per widget; the drive
        sliders first fit the body's range under the state's conditions (:meth:`fit_reach`)."""
        c = self.by_name
        # One state message per widget (hold_sync): a browser that got a new range first and the
        # value later would send its old value back and undo the preset.
        with self.silenced(), self.held():
            c["pelvis"].value = state.pelvis
            c["strategy"].value = state.strategy
            c["hip_mobility"].value = state.hip_mobility
            c["thoracic_mobility"].value = state.thoracic_mobility
            c["lumbar_bracing"].value = state.lumbar_bracing
            self.fit_reach(self.conditions())
            c["drive"].value = state.drive
            if state.drive == "total":
                c["total_deg"].value = min(float(state.total_deg), c["total_deg"].max)  # type: ignore[arg-type]
            else:
                c["torque_nm"].value = min(float(state.torque_nm), c["torque_nm"].max)  # type: ignore[arg-type]
            c["scenario"].value = state.scenario or CUSTOM
            c["play"].value = 0
            c["bands"].value = state.bands
        self.update_scenario_text()

    def fit_reach(self, conditions: dict[str, Any]) -> None:
        """Fit the rotation and torque sliders to the envelope of these conditions (where the
        living body's range ends); say so (``notify``) when they change and when a value is clamped."""
        reach = self.reach = (
            float(self.model.reachable_deg(**conditions)),
            float(self.model.reachable_torque_nm(**conditions)),
        )
        drive = self.by_name["drive"].value
        clamped = []
        changed = False
        for name, limit, step, unit in (
            ("total_deg", reach[0], TOTAL_RESOLUTION, "deg"),
            ("torque_nm", reach[1], TORQUE_RESOLUTION, "Nm"),
        ):
            slider = self.by_name[name]
            new_max = floor_step(limit, step)
            if new_max == slider.max:
                continue
            changed = True
            old_value = slider.value
            with self.silenced(), slider.hold_sync():
                if new_max > slider.max:
                    slider.max = new_max
                else:
                    slider.value = min(slider.value, new_max)
                    slider.max = new_max
            if drive == ("total" if name == "total_deg" else "torque") and old_value > new_max:
                clamped.append(f"{old_value:.{2 if unit == 'Nm' else 1}f} to {new_max:g} {unit}")
        if not changed:
            return
        note = (
            f"The sliders run to {self.by_name['total_deg'].max:.1f} deg and "
            f"{self.by_name['torque_nm'].max:.2f} Nm: where the body's range ends under these conditions."
        )
        if clamped:
            note += f" The drive was clamped from {clamped[0]}."
        self._notify(note)

    def lock_conditions(self, conditions: dict[str, Any]) -> None:
        """Disable the controls that take no part: the hip mobility with a fixed pelvis, the
        pelvis with the hip-led turn (it needs a free pelvis: no seated option)."""
        self.by_name["hip_mobility"].disabled = conditions["pelvis"] == "fixed"
        self.by_name["pelvis"].disabled = STRATEGIES[conditions["strategy"]].hip_led

    def follow(self, pose: Pose) -> None:
        """The inactive drive slider follows the pose (and is disabled)."""
        c = self.by_name
        total_mode = self.total_mode
        with self.silenced(), self.held("total_deg", "torque_nm"):
            c["total_deg"].disabled = not total_mode
            c["torque_nm"].disabled = total_mode
            if total_mode:
                c["torque_nm"].value = min(float(pose.torque_nm), c["torque_nm"].max)
            else:
                c["total_deg"].value = min(float(pose.total_deg), c["total_deg"].max)

    def start_drive_at(self, pose: Pose) -> None:
        """Put the (newly) active drive slider on the pose, silently: the pose stays continuous."""
        slider = self.by_name[self.active_drive]
        value = pose.total_deg if self.total_mode else pose.torque_nm
        with self.silenced():
            slider.value = min(float(value), slider.max)

    def sweep_to(self, frame: int) -> None:
        """Move the active drive to ``frame`` of :data:`PLAY_FRAMES` along its range (not silently:
        its observer updates the explorer)."""
        name = self.active_drive
        slider = self.by_name[name]
        value = slider.min + (slider.max - slider.min) * frame / self.by_name["play"].max
        resolution = TOTAL_RESOLUTION if name == "total_deg" else TORQUE_RESOLUTION
        slider.value = min(floor_step(value, resolution), slider.max)

    # --- scenario and prepared states --------------------------------------------------------------
    def mark_custom(self) -> None:
        """A control moved by hand: the scenario picker says "custom"."""
        if self.by_name["scenario"].value != CUSTOM:
            with self.silenced():
                self.by_name["scenario"].value = CUSTOM
            self.update_scenario_text()

    def update_scenario_text(self) -> None:
        """Describe the picked scenario (or say how to pick one)."""
        name = self.by_name["scenario"].value
        if name == CUSTOM:
            text = "Pick a scenario to set the controls, or move them freely."
        else:
            text = html.escape(SCENARIOS[name].description)
        self.scenario_text.value = f"<div style='font-size:0.85em;line-height:1.25;color:#333'>{text}</div>"

    def show_export(self, query: str, text: str) -> None:
        """Show an export: the JSON ``text`` in the text box and the app address ``query`` as a link."""
        self.by_name["state_json"].value = text
        self.state_link.value = (
            f"<div style='font-size:0.85em'>App address: <a href='{html.escape(query)}' target='_blank'>"
            f"{html.escape(query)}</a></div>"
        )
